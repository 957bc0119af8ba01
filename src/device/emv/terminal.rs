//! The terminal configuration (`--terminal FILE`, docs/terminal.md): the terminal's own data
//! objects (9F33, 9F40, 9F35, 9F1A, 5F2A), its AID list with each AID's parameters (9F09
//! application version, TAC default / denial / online, floor limit, random-selection
//! threshold and targets, partial selection — the CUPS IC-parameter tags DF01, DF11–DF17) and
//! its CA public-key store (built-in test keys and a user file, each key's SHA-1 checksum
//! checked). The built-in configuration is `fixtures/terminal/default.toml`, equal to the
//! bench's behaviour without a file.

use super::flow::EmvFlow;
use crate::codec::emv::{terminal_aids, TerminalData};
use crate::crypto::capk::CaKeyStore;
use crate::hexfmt::parse_hex;
use crate::i18n::{Arg, Text};
use crate::load::LoadError;
use serde::Deserialize;
use std::path::Path;

/// The built-in terminal configuration file.
pub const BUILTIN_TERMINAL: &str = include_str!("../../../fixtures/terminal/default.toml");

/// Origin name of the built-in configuration in messages.
const BUILTIN_ORIGIN: &str = "builtin:terminal";

/// One AID of the terminal's list and its parameters (EMV Book 3 §10.4, §10.6, §10.7; CUPS
/// IC-parameter tags).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AidConfig {
    /// The AID as listed (5 to 16 bytes).
    pub aid: Vec<u8>,
    /// `9F09`, the terminal's application version for this AID (its kernel version).
    pub app_version: [u8; 2],
    /// `DF01`: a card AID that extends the listed one may be selected (Book 1 §12.3.1).
    pub partial_selection: bool,
    /// `DF11`, `DF13`, `DF12`: terminal action codes default, denial, online (TVR layout).
    pub tac_default: [u8; 5],
    pub tac_denial: [u8; 5],
    pub tac_online: [u8; 5],
    /// `9F1B` terminal floor limit, minor units; `None`: no floor-limit check.
    pub floor_limit: Option<u32>,
    /// `DF15` threshold for biased random selection, minor units.
    pub threshold: u32,
    /// `DF17` target and `DF16` maximum target percentage for random selection (0–99).
    pub target_percent: u8,
    pub max_target_percent: u8,
}

impl AidConfig {
    /// Sets this AID's parameters in the terminal data, under the tags the flow reads.
    pub fn apply(&self, t: &mut TerminalData) {
        t.set(0x9F09, self.app_version.to_vec());
        t.set(0xDF01, vec![u8::from(!self.partial_selection)]);
        t.set(0xDF11, self.tac_default.to_vec());
        t.set(0xDF12, self.tac_online.to_vec());
        t.set(0xDF13, self.tac_denial.to_vec());
        match self.floor_limit {
            Some(f) => t.set(0x9F1B, f.to_be_bytes().to_vec()),
            None => t.remove(0x9F1B),
        }
        t.set(0xDF15, self.threshold.to_be_bytes().to_vec());
        t.set(0xDF16, vec![self.max_target_percent]);
        t.set(0xDF17, vec![self.target_percent]);
    }
}

/// The parameters in `aids` of the listed AID that `selected` matches: the same AID, or with
/// partial selection one it extends (the longest such).
pub fn params_in<'a>(aids: &'a [AidConfig], selected: &[u8]) -> Option<&'a AidConfig> {
    aids.iter()
        .filter(|a| a.aid == selected || (a.partial_selection && selected.starts_with(&a.aid)))
        .max_by_key(|a| a.aid.len())
}

/// The terminal: its data objects, AID list and CA key store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalConfig {
    /// `builtin:terminal` or the file path.
    pub origin: String,
    /// `(tag, value)` of the terminal's own data objects (9F33, 9F40, 9F35, 9F1A, 5F2A).
    pub values: Vec<(u32, Vec<u8>)>,
    /// Seed of random transaction selection (Book 3 §10.6.2): the same seed, card and amount
    /// give the same draw, so runs reproduce.
    pub random_seed: u64,
    /// The AID list, in the order the terminal tries it, with each AID's parameters.
    pub aids: Vec<AidConfig>,
    pub ca_keys: CaKeyStore,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTerminal {
    #[serde(default)]
    terminal: RawData,
    #[serde(default)]
    ca_keys: RawKeys,
    #[serde(default)]
    aid_defaults: RawAid,
    #[serde(default)]
    aid: Vec<RawAid>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawData {
    capabilities: Option<String>,
    additional_capabilities: Option<String>,
    terminal_type: Option<String>,
    country_code: Option<String>,
    currency_code: Option<String>,
    random_seed: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    #[serde(default = "yes")]
    builtin: bool,
    file: Option<String>,
}

impl Default for RawKeys {
    fn default() -> Self {
        RawKeys {
            builtin: true,
            file: None,
        }
    }
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawAid {
    aid: Option<String>,
    app_version: Option<String>,
    partial_selection: Option<bool>,
    tac_default: Option<String>,
    tac_denial: Option<String>,
    tac_online: Option<String>,
    floor_limit: Option<u32>,
    threshold: Option<u32>,
    target_percent: Option<u8>,
    max_target_percent: Option<u8>,
}

/// Hex of exactly `len` bytes, or a range of lengths (`min..=max`).
fn hex_len(origin: &str, at: &str, v: &str, min: usize, max: usize) -> Result<Vec<u8>, LoadError> {
    let b = parse_hex(v).map_err(|e| {
        let why = Text::tr_each("errors-load-not-hex", |l| {
            vec![("detail", e.text(l).into())]
        });
        LoadError::said_at(origin, at, why)
    })?;
    if b.len() < min || b.len() > max {
        let args = [
            ("got", Arg::from(b.len())),
            ("min", Arg::from(min)),
            ("max", Arg::from(max)),
            ("same", Arg::from(if min == max { "yes" } else { "no" })),
        ];
        let why = Text::tr_args("errors-load-terminal-hex-bytes", &args);
        return Err(LoadError::said_at(origin, at, why));
    }
    Ok(b)
}

/// A numeric code n3 in two bytes of BCD, right-aligned (`0156`: ISO 3166 China, ISO 4217
/// CNY; EMV Book 3 Annex A 9F1A/5F2A): a hex value such as `0A56` or `1560` is refused.
fn n3(origin: &str, at: &str, b: &[u8]) -> Result<(), LoadError> {
    let digits = b.iter().all(|x| x >> 4 <= 9 && x & 0x0F <= 9);
    if digits && b.first().is_some_and(|x| x >> 4 == 0) {
        return Ok(());
    }
    Err(LoadError::said_at(
        origin,
        at,
        Text::tr("errors-load-terminal-n3"),
    ))
}

fn five(origin: &str, at: &str, v: &str) -> Result<[u8; 5], LoadError> {
    let b = hex_len(origin, at, v, 5, 5)?;
    Ok([b[0], b[1], b[2], b[3], b[4]])
}

fn percent(origin: &str, at: &str, v: u8) -> Result<u8, LoadError> {
    if v > 99 {
        let why = Text::tr_args("errors-load-terminal-percent", &[("got", Arg::from(v))]);
        return Err(LoadError::said_at(origin, at, why));
    }
    Ok(v)
}

/// One AID entry over the defaults; `at` names it in errors (`aid[2]`).
fn aid_config(
    origin: &str,
    at: &str,
    aid: Vec<u8>,
    raw: &RawAid,
    d: &RawAid,
) -> Result<AidConfig, LoadError> {
    let key = |f: &str| format!("{at}.{f}");
    let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
    let zeros = || Some("0000000000".to_string());
    let version = pick(&raw.app_version, &d.app_version).unwrap_or_else(|| "0030".into());
    let v = hex_len(origin, &key("app_version"), &version, 2, 2)?;
    let tac = |f: &str, a: &Option<String>, b: &Option<String>| {
        five(
            origin,
            &key(f),
            &pick(a, b).or_else(zeros).unwrap_or_default(),
        )
    };
    let target = raw.target_percent.or(d.target_percent).unwrap_or(0);
    let max_target = raw.max_target_percent.or(d.max_target_percent).unwrap_or(0);
    let cfg = AidConfig {
        aid,
        app_version: [v[0], v[1]],
        partial_selection: raw
            .partial_selection
            .or(d.partial_selection)
            .unwrap_or(true),
        tac_default: tac("tac_default", &raw.tac_default, &d.tac_default)?,
        tac_denial: tac("tac_denial", &raw.tac_denial, &d.tac_denial)?,
        tac_online: tac("tac_online", &raw.tac_online, &d.tac_online)?,
        floor_limit: raw.floor_limit.or(d.floor_limit),
        threshold: raw.threshold.or(d.threshold).unwrap_or(0),
        target_percent: percent(origin, &key("target_percent"), target)?,
        max_target_percent: percent(origin, &key("max_target_percent"), max_target)?,
    };
    if cfg.max_target_percent < cfg.target_percent {
        return Err(LoadError::said_at(
            origin,
            key("max_target_percent"),
            Text::tr("errors-load-terminal-max-target"),
        ));
    }
    if let Some(f) = cfg.floor_limit.filter(|f| cfg.threshold > *f) {
        let why = Text::tr_args(
            "errors-load-terminal-threshold",
            &[("floor", f.to_string().into())],
        );
        return Err(LoadError::said_at(origin, key("threshold"), why));
    }
    Ok(cfg)
}

impl TerminalConfig {
    /// Parses a terminal file's text. `origin` names it in errors; `dir` is the folder a
    /// `ca_keys.file` is relative to (`None`: a file is refused, as for the built-in).
    /// Errors: unknown keys, malformed hex, lengths, percentages, an unreadable key file or a
    /// CA key whose checksum does not match (the key file and entry named).
    pub fn parse(
        text: &str,
        origin: &str,
        dir: Option<&Path>,
    ) -> Result<TerminalConfig, LoadError> {
        let raw: RawTerminal = crate::load::parse_toml(text, origin)?;
        let t = &raw.terminal;
        let mut values = Vec::new();
        for (tag, name, v, min, max) in [
            (0x9F33, "capabilities", &t.capabilities, 3, 3),
            (
                0x9F40,
                "additional_capabilities",
                &t.additional_capabilities,
                5,
                5,
            ),
            (0x9F35, "terminal_type", &t.terminal_type, 1, 1),
            (0x9F1A, "country_code", &t.country_code, 2, 2),
            (0x5F2A, "currency_code", &t.currency_code, 2, 2),
        ] {
            if let Some(v) = v {
                let at = format!("terminal.{name}");
                let b = hex_len(origin, &at, v, min, max)?;
                if matches!(tag, 0x9F1A | 0x5F2A) {
                    n3(origin, &at, &b)?;
                }
                values.push((tag, b));
            }
        }
        let mut aids = Vec::new();
        if raw.aid.is_empty() {
            for a in terminal_aids() {
                let at = format!("aid_defaults ({})", a.hex);
                aids.push(aid_config(
                    origin,
                    &at,
                    a.aid.to_vec(),
                    &RawAid::default(),
                    &raw.aid_defaults,
                )?);
            }
        }
        for (i, r) in raw.aid.iter().enumerate() {
            let at = format!("aid[{}]", i + 1);
            let hex = r.aid.as_deref().ok_or_else(|| {
                LoadError::said_at(origin, format!("{at}.aid"), Text::tr("errors-load-missing"))
            })?;
            let aid = hex_len(origin, &format!("{at}.aid"), hex, 5, 16)?;
            aids.push(aid_config(origin, &at, aid, r, &raw.aid_defaults)?);
        }
        let ca_keys = Self::key_store(&raw.ca_keys, origin, dir)?;
        Ok(TerminalConfig {
            origin: origin.to_string(),
            values,
            random_seed: t.random_seed.unwrap_or(0),
            aids,
            ca_keys,
        })
    }

    fn key_store(k: &RawKeys, origin: &str, dir: Option<&Path>) -> Result<CaKeyStore, LoadError> {
        let mut store = if k.builtin {
            CaKeyStore::builtin()
        } else {
            CaKeyStore {
                origin: origin.to_string(),
                keys: Vec::new(),
            }
        };
        if let Some(f) = &k.file {
            let Some(dir) = dir else {
                let why = Text::tr("errors-load-terminal-no-key-file");
                return Err(LoadError::said_at(origin, "ca_keys.file", why));
            };
            let user = CaKeyStore::load(&dir.join(f))?;
            store.origin = format!("{} + {}", store.origin, user.origin);
            for key in user.keys {
                store
                    .keys
                    .retain(|o| !(o.rid == key.rid && o.index == key.index));
                store.keys.push(key);
            }
        }
        Ok(store)
    }

    /// Loads a terminal file (a `ca_keys.file` is read relative to its folder).
    pub fn load(path: &Path) -> Result<TerminalConfig, LoadError> {
        let name = path.display().to_string();
        let text = crate::load::read_text(path)?;
        TerminalConfig::parse(&text, &name, Some(path.parent().unwrap_or(Path::new("."))))
    }

    /// The built-in configuration (a unit test checks it loads; never fails in practice).
    pub fn builtin() -> TerminalConfig {
        TerminalConfig::parse(BUILTIN_TERMINAL, BUILTIN_ORIGIN, None).unwrap_or_else(|_| {
            TerminalConfig {
                origin: BUILTIN_ORIGIN.into(),
                values: Vec::new(),
                random_seed: 0,
                aids: Vec::new(),
                ca_keys: CaKeyStore::builtin(),
            }
        })
    }

    /// The file, or the built-in configuration for `None`.
    pub fn load_or_builtin(path: Option<&Path>) -> Result<TerminalConfig, LoadError> {
        path.map_or_else(|| Ok(TerminalConfig::builtin()), TerminalConfig::load)
    }

    /// `base` (date, time, amount, unpredictable number…) with the terminal's own values set.
    pub fn terminal_data(&self, mut base: TerminalData) -> TerminalData {
        for (tag, v) in &self.values {
            base.set(*tag, v.clone());
        }
        base
    }

    /// The AID list, in order.
    pub fn aid_list(&self) -> Vec<Vec<u8>> {
        self.aids.iter().map(|a| a.aid.clone()).collect()
    }

    /// The parameters of the listed AID that `selected` matches: the same AID, or with partial
    /// selection one it extends (the longest such).
    pub fn params_for(&self, selected: &[u8]) -> Option<&AidConfig> {
        params_in(&self.aids, selected)
    }

    /// An EMV flow for this terminal over `base` terminal data (see [`Self::terminal_data`]).
    pub fn flow(&self, base: TerminalData) -> EmvFlow {
        let mut f = EmvFlow::new(self.terminal_data(base), self.aid_list())
            .with_ca_keys(self.ca_keys.clone());
        f.aid_table = self.aids.clone();
        f.random_seed = self.random_seed;
        f
    }
}

impl EmvFlow {
    /// Whether the terminal's AID list admits a card's application (EMV Book 1 §12.3.2: a PSE
    /// directory entry becomes a candidate only if the terminal supports it). A flow with no
    /// configured AID parameters (built by `EmvFlow::new`) admits every application.
    pub(super) fn terminal_lists(&self, aid: &[u8]) -> bool {
        self.aid_table.is_empty() || params_in(&self.aid_table, aid).is_some()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The built-in configuration is today's behaviour: the fixed terminal data unchanged, the
    /// registry's AID list, the built-in key store, no TAC bits, no floor limit.
    #[test]
    fn builtin_equals_the_bench_defaults() {
        let c = TerminalConfig::parse(BUILTIN_TERMINAL, BUILTIN_ORIGIN, None).unwrap();
        assert_eq!(
            c.terminal_data(TerminalData::fixed()),
            TerminalData::fixed()
        );
        assert_eq!(c.aid_list(), EmvFlow::default_aids());
        assert_eq!(c.ca_keys.keys, CaKeyStore::builtin().keys);
        let a = c
            .params_for(&parse_hex("A000000333010101").unwrap())
            .unwrap();
        assert_eq!(a.app_version, [0x00, 0x30]);
        assert_eq!((a.tac_denial, a.floor_limit), ([0; 5], None));
        assert_eq!(c.random_seed, 1);
        assert_eq!(TerminalConfig::builtin(), c);
    }

    #[test]
    fn aid_entries_override_the_defaults() {
        let text = "[aid_defaults]\napp_version = \"0020\"\n\
            [[aid]]\naid = \"A0000000031010\"\nfloor_limit = 5000\n\
            [[aid]]\naid = \"A0000000041010\"\napp_version = \"0002\"\npartial_selection = false\n";
        let c = TerminalConfig::parse(text, "t.toml", None).unwrap();
        assert_eq!(c.aids.len(), 2);
        assert_eq!(c.aids[0].app_version, [0x00, 0x20]);
        assert_eq!(c.aids[0].floor_limit, Some(5000));
        assert_eq!(c.aids[1].app_version, [0x00, 0x02]);
        let visa = parse_hex("A000000003101001").unwrap();
        assert!(c.params_for(&visa).is_some());
        let mc = parse_hex("A000000004101001").unwrap();
        assert!(c.params_for(&mc).is_none(), "no partial selection");
        let mut t = TerminalData::fixed();
        c.aids[0].apply(&mut t);
        assert_eq!(t.get(0x9F1B), Some(&[0, 0, 0x13, 0x88][..]));
        assert_eq!(t.get(0x9F09), Some(&[0x00, 0x20][..]));
    }

    #[test]
    fn errors_name_the_file_and_key() {
        for (text, key) in [
            (
                "[terminal]\ncapabilities = \"E0E1\"\n",
                "terminal.capabilities",
            ),
            ("[[aid]]\naid = \"A0\"\n", "aid[1].aid"),
            (
                "[[aid]]\naid = \"A0000000031010\"\ntac_denial = \"zz\"\n",
                "aid[1].tac_denial",
            ),
            (
                "[aid_defaults]\ntarget_percent = 120\n",
                "aid_defaults (A000000333010101).target_percent",
            ),
            ("[[aid]]\n", "aid[1].aid"),
            (
                "[terminal]\ncountry_code = \"0A56\"\n",
                "terminal.country_code",
            ),
            (
                "[terminal]\ncurrency_code = \"1560\"\n",
                "terminal.currency_code",
            ),
        ] {
            let e = TerminalConfig::parse(text, "t.toml", None).unwrap_err();
            assert_eq!(
                (e.path.as_str(), e.key.as_deref()),
                ("t.toml", Some(key)),
                "{e}"
            );
        }
        let e = TerminalConfig::parse("[terminal]\nbogus = 1\n", "t.toml", None).unwrap_err();
        assert!(e.to_string().contains("bogus"), "{e}");
    }

    #[test]
    fn a_user_key_file_with_a_bad_checksum_is_a_load_error_naming_the_key() {
        let d = tempfile::tempdir().unwrap();
        let bad =
            crate::crypto::capk::BUILTIN_CA_KEYS.replacen("checksum = \"", "checksum = \"00", 2);
        std::fs::write(d.path().join("keys.toml"), bad).unwrap();
        let term = d.path().join("term.toml");
        std::fs::write(&term, "[ca_keys]\nbuiltin = false\nfile = \"keys.toml\"\n").unwrap();
        let e = TerminalConfig::load(&term).unwrap_err();
        assert!(e.path.ends_with("keys.toml"), "{e}");
        assert_eq!(e.key.as_deref(), Some("key[1].checksum"));
        let good = d.path().join("good.toml");
        std::fs::write(
            d.path().join("k2.toml"),
            crate::crypto::capk::BUILTIN_CA_KEYS,
        )
        .unwrap();
        std::fs::write(&good, "[ca_keys]\nbuiltin = false\nfile = \"k2.toml\"\n").unwrap();
        assert_eq!(TerminalConfig::load(&good).unwrap().ca_keys.keys.len(), 4);
    }
}
