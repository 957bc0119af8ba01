//! The host simulator's rules file (TOML, docs/host-rules.md): match a request on BIN prefix,
//! issuing bank, card, amount, message type and time of day; answer with a response code, a
//! delay, no reply, a closed connection or a malformed reply. First match wins; default approve.

use crate::codec::iso8583::Message;
use crate::i18n::{Arg, Text};
use crate::load::LoadError;
use crate::sensitive::Pan;
use serde::Deserialize;
use std::path::Path;

pub use super::window::{parse_relative_window, parse_window, Context, Window};

/// What the host does with a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Answer with the rule's response code (after `delay_ms`).
    #[default]
    Reply,
    /// Read the request and never answer (the terminal must time out and reverse).
    NoReply,
    /// Close the connection without answering.
    Close,
    /// Answer with a frame whose body does not decode.
    Malformed,
}

/// One rule as written in the file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Shown in the host log when the rule fires.
    #[serde(default)]
    pub name: String,
    /// BIN prefixes (any of them matches).
    #[serde(default)]
    pub bin: Vec<String>,
    /// Issuing bank code(s) as the BIN table names them (`BOC`, `ICBC`, …).
    #[serde(default, deserialize_with = "one_or_many")]
    pub bank: Vec<String>,
    /// Card: last 4 digits (`0113`) or a masked PAN (`622424******0113`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub card: Vec<String>,
    /// Amount in major units: exact (`12.51`) or cents only (`.51`).
    #[serde(default)]
    pub amount: Option<String>,
    /// Message types; default: authorisation and financial requests (0100, 0200).
    #[serde(default, deserialize_with = "one_or_many")]
    pub mti: Vec<String>,
    /// Time window: local time of day `HH:MM-HH:MM` (may wrap midnight), or relative to the
    /// start of the run (the host's start) `+0m..+30m` (units `s`, `m`, `h`).
    #[serde(default)]
    pub time: Option<String>,
    /// Response code to answer with (default `00`).
    #[serde(default)]
    pub rc: Option<String>,
    #[serde(default)]
    pub delay_ms: u64,
    #[serde(default)]
    pub action: Action,
    /// CUPS header processing requirement nibble in the reply (0–9).
    #[serde(default)]
    pub processing_requirement: Option<u8>,
    /// An issuer script in the reply's DE55 to a chip request: `71` (sent to the card before
    /// GENERATE AC 2) or `72` (after it) — `host::chip::issuer_script`.
    #[serde(default)]
    pub issuer_script: Option<String>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// A rules file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Default response code when no rule matches (default `00`).
    #[serde(default)]
    pub default_rc: Option<String>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
    /// Answer each request of a connection when its own delay ends, not behind the one before
    /// it (docs/host-rules.md): a reversal is then answered while a delayed authorisation on
    /// the same connection is still waiting. Off by default: requests are answered in order.
    #[serde(default)]
    pub concurrent_requests: bool,
}

/// The rule name of a decision no rule matched.
pub const DEFAULT_RULE: &str = "default";

/// The host's decision for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub rc: String,
    pub delay_ms: u64,
    pub action: Action,
    /// Name of the rule that fired (`default` when none).
    pub rule: String,
    pub processing_requirement: u8,
    /// The script template tag to add to DE55 (`0x71` or `0x72`), if the rule asks for one.
    pub issuer_script: Option<u8>,
}

/// The template tag of a rule's `issuer_script` (`71` or `72`); anything else is no script.
fn script_tag(s: &str) -> Option<u8> {
    match s.trim() {
        "71" => Some(0x71),
        "72" => Some(0x72),
        _ => None,
    }
}

/// The PAN of a request: DE2, or the PAN part of DE35.
pub fn request_pan(m: &Message) -> Option<Pan> {
    if let Some(p) = m.text(2) {
        return Some(Pan::new(p));
    }
    m.text(35).map(|t| crate::sensitive::Track2::new(t).pan())
}

/// Built-in host rules (the files under `fixtures/hosts/`), by name.
const BUILTIN: &[(&str, &str)] = &[
    (
        "approve-all",
        include_str!("../../fixtures/hosts/approve-all.toml"),
    ),
    (
        "one-bank-down",
        include_str!("../../fixtures/hosts/one-bank-down.toml"),
    ),
    ("demo", include_str!("../../fixtures/hosts/demo.toml")),
    (
        "issuer-script",
        include_str!("../../fixtures/hosts/issuer-script.toml"),
    ),
];

impl Rules {
    /// Loads and checks a rules file: a value that cannot work (an RC that is not two
    /// characters, an amount beyond DE4) is a [`LoadError`] naming the file and the key.
    pub fn load(path: &Path) -> Result<Rules, LoadError> {
        let text = crate::load::read_text(path)?;
        Rules::parse_from(&text, &path.display().to_string())
    }

    /// A built-in rules set by name (`approve-all`, `one-bank-down`, `demo`, `issuer-script`) or
    /// a file.
    pub fn resolve(name_or_path: &str) -> Result<Rules, LoadError> {
        match BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            Some((name, text)) => Rules::parse_from(text, &format!("builtin:{name}")),
            None => Rules::load(Path::new(name_or_path)),
        }
    }

    /// Names of the built-in rules sets.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// Parses and checks rules text; the error is one line naming the key.
    pub fn parse(text: &str) -> Result<Rules, String> {
        Rules::parse_from(text, "rules").map_err(|e| match e.key {
            Some(k) => format!("{k}: {}", e.msg),
            None => e.msg,
        })
    }

    /// Parses and checks rules text; `origin` names the file in the error.
    pub fn parse_from(text: &str, origin: &str) -> Result<Rules, LoadError> {
        let r: Rules = crate::load::parse_toml(text, origin)?;
        r.check()
            .map_err(|(key, why)| LoadError::said_at(origin, key, why))?;
        Ok(r)
    }

    /// Every value checked once at load: (key, what is wrong).
    fn check(&self) -> Result<(), (String, Text)> {
        if let Some(rc) = &self.default_rc {
            check_rc(rc).map_err(|m| ("default_rc".to_string(), m))?;
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let key = |k: &str| format!("rule[{}].{k}", i + 1);
            rule.check().map_err(|(k, m)| (key(k), m))?;
        }
        Ok(())
    }

    /// Decides the answer to a request. Rules without `mti` apply to 0100/0200 only, so
    /// network management and reversals are answered unless a rule names them.
    pub fn decide(&self, m: &Message, ctx: &Context) -> Decision {
        for (i, rule) in self.rules.iter().enumerate() {
            if rule_matches(rule, m, ctx) {
                return Decision {
                    rc: rule.rc.clone().unwrap_or_else(|| "00".to_string()),
                    delay_ms: rule.delay_ms,
                    action: rule.action,
                    rule: if rule.name.is_empty() {
                        format!("rule {}", i + 1)
                    } else {
                        rule.name.clone()
                    },
                    processing_requirement: rule.processing_requirement.unwrap_or(0) & 0x0F,
                    issuer_script: rule.issuer_script.as_deref().and_then(script_tag),
                };
            }
        }
        let is_fin = matches!(m.mti.get(1..2), Some("1") | Some("2"));
        Decision {
            rc: if is_fin {
                self.default_rc.clone().unwrap_or_else(|| "00".to_string())
            } else {
                "00".to_string()
            },
            delay_ms: 0,
            action: Action::Reply,
            rule: DEFAULT_RULE.to_string(),
            processing_requirement: 0,
            issuer_script: None,
        }
    }
}

impl Rule {
    /// Checks one rule's values: (key within the rule, what is wrong).
    fn check(&self) -> Result<(), (&'static str, Text)> {
        crate::load::check_label(&self.name).map_err(|m| ("name", m))?;
        if let Some(t) = self.time.as_ref().filter(|t| Window::parse(t).is_none()) {
            let t = crate::load::shown(t);
            let why = Text::tr_args("errors-load-rule-time", &[("value", t.into())]);
            return Err(("time", why));
        }
        if let Some(a) = &self.amount {
            if parse_amount(a).is_none() {
                let a = crate::load::shown(a);
                let why = Text::tr_args("errors-load-rule-amount", &[("value", a.into())]);
                return Err(("amount", why));
            }
        }
        if let Some(rc) = &self.rc {
            check_rc(rc).map_err(|m| ("rc", m))?;
        }
        if self
            .bin
            .iter()
            .any(|b| b.is_empty() || b.len() > 12 || !b.bytes().all(|c| c.is_ascii_digit()))
        {
            return Err(("bin", Text::tr("errors-load-rule-bin")));
        }
        if let Some(m) = self
            .mti
            .iter()
            .find(|m| m.len() != 4 || !m.bytes().all(|c| c.is_ascii_digit()))
        {
            let m = crate::load::shown(m);
            let why = Text::tr_args("errors-load-rule-mti", &[("value", m.into())]);
            return Err(("mti", why));
        }
        if self
            .card
            .iter()
            .any(|c| crate::sensitive::find_clear_pan(c).is_some())
        {
            return Err(("card", Text::tr("errors-load-rule-card")));
        }
        if self.delay_ms > MAX_DELAY_MS {
            let args = [
                ("max", Arg::from(MAX_DELAY_MS.to_string())),
                ("value", Arg::from(self.delay_ms.to_string())),
            ];
            return Err(("delay_ms", Text::tr_args("errors-load-rule-delay", &args)));
        }
        if self.processing_requirement.is_some_and(|p| p > 9) {
            return Err((
                "processing_requirement",
                Text::tr("errors-load-rule-processing"),
            ));
        }
        if self
            .issuer_script
            .as_deref()
            .is_some_and(|s| script_tag(s).is_none())
        {
            return Err(("issuer_script", Text::tr("errors-load-rule-script")));
        }
        Ok(())
    }
}

/// Longest reply delay a rule may ask for: longer than any terminal's host timeout.
pub const MAX_DELAY_MS: u64 = 600_000;

/// A response code (DE39, an 2): two ASCII letters or digits.
fn check_rc(rc: &str) -> Result<(), Text> {
    if rc.len() == 2 && rc.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        let value = crate::load::shown(rc);
        Err(Text::tr_args(
            "errors-load-rule-rc",
            &[("value", value.into())],
        ))
    }
}

/// Largest amount DE4 (n 12, minor units) can carry.
const MAX_AMOUNT_MINOR: u64 = 999_999_999_999;

/// `.51` → (None, 51); `12.51` → (Some(1251), 51). `None` for anything else, and for an
/// amount DE4 cannot carry (checked arithmetic: no value wraps around to match 0.00).
fn parse_amount(s: &str) -> Option<(Option<u64>, u64)> {
    let s = s.trim();
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if let Some(c) = s.strip_prefix('.') {
        if c.len() == 2 && digits(c) {
            return Some((None, c.parse().ok()?));
        }
        return None;
    }
    let (maj, min) = s.split_once('.').unwrap_or((s, "00"));
    if min.len() != 2 || !digits(maj) || !digits(min) {
        return None;
    }
    let total = maj
        .parse::<u64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(min.parse::<u64>().ok()?)?;
    (total <= MAX_AMOUNT_MINOR).then_some((Some(total), total % 100))
}

fn rule_matches(rule: &Rule, m: &Message, ctx: &Context) -> bool {
    if rule.mti.is_empty() {
        if !matches!(m.mti.as_str(), "0100" | "0200") {
            return false;
        }
    } else if !rule.mti.iter().any(|x| x == &m.mti) {
        return false;
    }
    let pan = request_pan(m);
    let digits = pan
        .as_ref()
        .map(|p| p.expose_clear().to_string())
        .unwrap_or_default();
    if !rule.bin.is_empty() && !rule.bin.iter().any(|b| digits.starts_with(b.as_str())) {
        return false;
    }
    if !rule.bank.is_empty() {
        let bank = super::bank_of(&digits).map(|b| b.code);
        if !rule
            .bank
            .iter()
            .any(|b| bank.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(b)))
        {
            return false;
        }
    }
    if !rule.card.is_empty() {
        let Some(p) = &pan else { return false };
        let masked = p.masked();
        let last4 = p.last4();
        if !rule.card.iter().any(|c| c == &masked || c == &last4) {
            return false;
        }
    }
    if let Some(a) = &rule.amount {
        let Some(amount) = m.text(4).and_then(|t| t.parse::<u64>().ok()) else {
            return false;
        };
        match parse_amount(a) {
            Some((Some(total), _)) if total != amount => return false,
            Some((None, cents)) if amount % 100 != cents => return false,
            None => return false,
            _ => {}
        }
    }
    if let Some(t) = &rule.time {
        match Window::parse(t) {
            Some(w) if w.contains(ctx) => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The request's moment: minutes since midnight, seconds since the run start.
    fn at(minute_of_day: u32, since_start_s: u64) -> Context {
        Context {
            minute_of_day,
            since_start_s,
        }
    }

    fn req(pan: &str, amount: &str) -> Message {
        Message::new("0200")
            .with(2, pan)
            .with(3, "000000")
            .with(4, amount)
            .with(11, "000001")
    }

    #[test]
    fn first_match_wins_and_default_approves() {
        let r = Rules::parse(
            r#"
[[rule]]
name = "cents 51"
amount = ".51"
rc = "51"
[[rule]]
name = "BOC down"
bank = "BOC"
rc = "91"
[[rule]]
name = "night"
time = "23:00-01:00"
action = "no_reply"
"#,
        )
        .unwrap();
        let day = at(600, 0);
        let night = at(30, 0);
        assert_eq!(
            r.decide(&req("6212345678901232", "000000001251"), &day).rc,
            "51"
        );
        assert_eq!(
            r.decide(&req("6216610000000001", "000000000100"), &day).rc,
            "91"
        );
        let d = r.decide(&req("6222020000000001", "000000000100"), &day);
        assert_eq!((d.rc.as_str(), d.rule.as_str()), ("00", "default"));
        assert_eq!(
            r.decide(&req("6222020000000001", "000000000100"), &night)
                .action,
            Action::NoReply
        );
        // 0800 is not touched by rules without mti.
        assert_eq!(
            r.decide(&Message::new("0800"), &night).action,
            Action::Reply
        );
    }

    #[test]
    fn windows_relative_to_the_run_start() {
        let r = Rules::parse(
            r#"
[[rule]]
name = "maintenance for the first half hour"
bank = "BOC"
time = "+0m..+30m"
rc = "90"
[[rule]]
name = "ICBC from the 90th second to the second hour"
bank = "ICBC"
time = "+90s..+2h"
rc = "91"
"#,
        )
        .unwrap();
        let at = |s: u64| at(600, s);
        let boc = req("6216610000000001", "000000000100");
        assert_eq!(r.decide(&boc, &at(0)).rc, "90");
        assert_eq!(r.decide(&boc, &at(29 * 60 + 59)).rc, "90");
        assert_eq!(r.decide(&boc, &at(30 * 60)).rc, "00");
        let icbc = req("6222020000000001", "000000000100");
        assert_eq!(r.decide(&icbc, &at(89)).rc, "00");
        assert_eq!(r.decide(&icbc, &at(90)).rc, "91");
        assert_eq!(r.decide(&icbc, &at(7200)).rc, "00");
        assert_eq!(
            Window::parse("+0m..+30m"),
            Some(Window::SinceStart(0, 1800))
        );
        for bad in ["+30m..+0m", "+5x..+6m", "0m..30m", "+1m", "+0m..+25h"] {
            assert!(Window::parse(bad).is_none(), "{bad}");
        }
        assert!(Rules::parse("[[rule]]\ntime = \"+10m..+5m\"\n").is_err());
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(Rules::parse("[[rule]]\ntime = \"25\"\n").is_err());
        assert!(Rules::parse("[[rule]]\nbogus = 1\n").is_err());
        assert!(Rules::parse("[[rule]]\naction = \"explode\"\n").is_err());
    }

    #[test]
    fn values_that_cannot_work_are_refused_at_load_with_their_key() {
        let e = Rules::parse_from("default_rc = \"ABCDEFG\"\n", "r.toml").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("default_rc"), "{e}");
        assert!(e.to_string().starts_with("r.toml: default_rc: "), "{e}");
        let e = Rules::parse_from(
            "[[rule]]\namount = \"184467440737095516.16\"\nrc = \"51\"\n",
            "r.toml",
        )
        .unwrap_err();
        assert_eq!(e.key.as_deref(), Some("rule[1].amount"), "{e}");
        for bad in [
            "[[rule]]\nrc = \"5\"\n",
            "[[rule]]\nrc = \"\\u0000\\u0000\"\n",
            "[[rule]]\namount = \"-1.00\"\n",
            "[[rule]]\namount = \"10000000000.00\"\n",
            "[[rule]]\nmti = \"02\"\n",
            "[[rule]]\ndelay_ms = 18446744073709551615\n",
            "[[rule]]\ncard = \"6217 0000 0000 0000 038\"\n",
            "[[rule]]\nname = \"\\u001b[2J\"\n",
        ] {
            assert!(Rules::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_amount("9999999999.99"),
            Some((Some(999_999_999_999), 99))
        );
    }

    #[test]
    fn a_huge_amount_never_matches_a_small_purchase() {
        // 184467440737095516.16 × 100 wraps a u64 to 0: it must be refused, not match 0.00.
        assert_eq!(parse_amount("184467440737095516.16"), None);
        assert_eq!(parse_amount("0.00"), Some((Some(0), 0)));
    }
}
