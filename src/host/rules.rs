//! The host simulator's rules file (TOML, docs/host-rules.md): match a request on BIN prefix,
//! issuing bank, card, amount, message type and time of day; answer with a response code, a
//! delay, no reply, a closed connection or a malformed reply. First match wins; default approve.

use crate::codec::iso8583::Message;
use crate::load::LoadError;
use crate::sensitive::Pan;
use serde::Deserialize;
use std::path::Path;

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
}

/// The host's decision for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub rc: String,
    pub delay_ms: u64,
    pub action: Action,
    /// Name of the rule that fired (`default` when none).
    pub rule: String,
    pub processing_requirement: u8,
}

/// What a rule can see of a request, beyond the message (the clock is injected for tests).
#[derive(Clone, Debug)]
pub struct Context {
    /// Minutes since local midnight.
    pub minute_of_day: u32,
    /// Seconds since the start of the run (the host's start), for relative windows.
    pub since_start_s: u64,
}

impl Context {
    /// The local time of day; a run that started just now.
    pub fn now() -> Context {
        Context::since(std::time::Instant::now())
    }

    /// The local time of day and the time since `start` (when the host started).
    pub fn since(start: std::time::Instant) -> Context {
        use chrono::Timelike;
        let t = chrono::Local::now();
        Context {
            minute_of_day: t.hour() * 60 + t.minute(),
            since_start_s: start.elapsed().as_secs(),
        }
    }
}

fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
}

/// Parses `HH:MM-HH:MM` into minutes (start inclusive, end exclusive).
pub fn parse_window(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once('-')?;
    Some((parse_hhmm(a)?, parse_hhmm(b)?))
}

/// `+30m` → 1800 seconds (units `s`, `m`, `h`; at most a day).
fn parse_offset(s: &str) -> Option<u64> {
    let s = s.trim().strip_prefix('+')?;
    let unit = match s.chars().last()? {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        _ => return None,
    };
    let n: u64 = s[..s.len() - 1].parse().ok()?;
    let secs = n.checked_mul(unit)?;
    (secs <= 86_400).then_some(secs)
}

/// Parses a window relative to the run start, `+0m..+30m`, into seconds (start inclusive,
/// end exclusive; the end after the start).
pub fn parse_relative_window(s: &str) -> Option<(u64, u64)> {
    let (a, b) = s.split_once("..")?;
    let (a, b) = (parse_offset(a)?, parse_offset(b)?);
    (a < b).then_some((a, b))
}

/// A rule's `time` key: a time of day or a span since the run start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    /// Minutes since midnight, `HH:MM-HH:MM` (may wrap midnight).
    TimeOfDay(u32, u32),
    /// Seconds since the run start, `+0m..+30m`.
    SinceStart(u64, u64),
}

impl Window {
    /// Parses either form; `None` when it is neither.
    pub fn parse(s: &str) -> Option<Window> {
        if s.trim_start().starts_with('+') {
            parse_relative_window(s).map(|(a, b)| Window::SinceStart(a, b))
        } else {
            parse_window(s).map(|(a, b)| Window::TimeOfDay(a, b))
        }
    }

    /// Whether the request's moment is inside the window.
    pub fn contains(self, ctx: &Context) -> bool {
        match self {
            Window::TimeOfDay(a, b) => in_window((a, b), ctx.minute_of_day),
            Window::SinceStart(a, b) => ctx.since_start_s >= a && ctx.since_start_s < b,
        }
    }
}

fn in_window((a, b): (u32, u32), now: u32) -> bool {
    if a <= b {
        now >= a && now < b
    } else {
        now >= a || now < b
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
];

impl Rules {
    /// Loads and checks a rules file.
    pub fn load(path: &Path) -> Result<Rules, LoadError> {
        let text = crate::load::read_text(path)?;
        Rules::parse(&text).map_err(|msg| LoadError::new(path.display().to_string(), msg))
    }

    /// A built-in rules set by name (`approve-all`, `one-bank-down`, `demo`) or a file.
    pub fn resolve(name_or_path: &str) -> Result<Rules, LoadError> {
        match BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            Some((name, text)) => {
                Rules::parse(text).map_err(|msg| LoadError::new(format!("builtin:{name}"), msg))
            }
            None => Rules::load(Path::new(name_or_path)),
        }
    }

    /// Names of the built-in rules sets.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    pub fn parse(text: &str) -> Result<Rules, String> {
        let r: Rules = toml::from_str(text).map_err(|e| e.to_string())?;
        for (i, rule) in r.rules.iter().enumerate() {
            let label = if rule.name.is_empty() {
                format!("rule {}", i + 1)
            } else {
                format!("rule {:?}", rule.name)
            };
            if let Some(t) = &rule.time {
                if Window::parse(t).is_none() {
                    return Err(format!(
                        "{label}: time {t:?}: expected HH:MM-HH:MM or +0m..+30m"
                    ));
                }
            }
            if let Some(a) = &rule.amount {
                if parse_amount(a).is_none() {
                    return Err(format!("{label}: amount {a:?}: expected 12.51 or .51"));
                }
            }
            if let Some(rc) = &rule.rc {
                if rc.len() != 2 || !rc.is_ascii() {
                    return Err(format!("{label}: rc {rc:?}: expected two characters"));
                }
            }
            if rule
                .bin
                .iter()
                .any(|b| b.is_empty() || !b.bytes().all(|c| c.is_ascii_digit()))
            {
                return Err(format!("{label}: bin: expected digit prefixes"));
            }
        }
        Ok(r)
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
            rule: "default".to_string(),
            processing_requirement: 0,
        }
    }
}

/// `.51` → (None, 51); `12.51` → (Some(1251), 51).
fn parse_amount(s: &str) -> Option<(Option<u64>, u64)> {
    let s = s.trim();
    if let Some(c) = s.strip_prefix('.') {
        if c.len() == 2 && c.bytes().all(|b| b.is_ascii_digit()) {
            return Some((None, c.parse().ok()?));
        }
        return None;
    }
    let (maj, min) = s.split_once('.').unwrap_or((s, "00"));
    if min.len() != 2 {
        return None;
    }
    let total = maj.parse::<u64>().ok()? * 100 + min.parse::<u64>().ok()?;
    Some((Some(total), total % 100))
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
        let day = Context {
            minute_of_day: 600,
            since_start_s: 0,
        };
        let night = Context {
            minute_of_day: 30,
            since_start_s: 0,
        };
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
        let at = |s: u64| Context {
            minute_of_day: 600,
            since_start_s: s,
        };
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
}
