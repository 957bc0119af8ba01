//! The host's keys file (TOML, docs/pos.md): the terminal master keys (double-length 3DES, and
//! SM4 for terminals that sign on with 60.3 `006`), the MAC algorithm per terminal, and issuer
//! master keys for ARPCs. The built-in `test` keys serve the simulator and the demo. Key
//! values never appear in an error, a log line or a report: check values do.

use crate::crypto::{Key, KeyKind, MacAlgorithm};
use crate::i18n::{Arg, Text};
use crate::load::LoadError;
use serde::Deserialize;
use std::path::Path;

/// The built-in **test** master key (3DES, double length), also printed in `docs/pos.md` so an
/// outside client can sign on like a terminal. Never load it into a production terminal.
pub const TEST_MASTER_KEY: &str = "EF6440F7B901C84A4A9B51C23BE92913";
/// Its check value.
pub const TEST_MASTER_KCV: &str = "7908636A";

/// The built-in keys file (`--keys test`).
pub const BUILTIN_TEST: &str = include_str!("../../fixtures/pos/keys-test.toml");

/// The keys one terminal uses with the host.
#[derive(Clone, Debug)]
pub struct TerminalKeys {
    /// Terminal master key for 3DES sign-ons (001/003/004).
    pub tmk: Key,
    /// Terminal master key for SM4 sign-ons (006), when the terminal has one.
    pub sm4_tmk: Option<Key>,
    /// The MAC algorithm the host expects from this terminal (and answers with).
    pub mac: MacAlgorithm,
}

/// An issuer master key for application cryptograms (ARQC checks, ARPCs), by BIN prefix.
#[derive(Clone, Debug)]
pub struct IssuerKey {
    pub name: String,
    /// BIN prefixes this key serves.
    pub bins: Vec<String>,
    /// Issuer master key for AC (IMK-AC), double-length 3DES.
    pub imk_ac: Key,
}

/// A loaded keys file.
#[derive(Clone, Debug)]
pub struct KeyStore {
    /// Where it came from (`builtin:test` or the file path).
    pub origin: String,
    default: TerminalKeys,
    terminals: Vec<(String, TerminalKeys)>,
    pub issuers: Vec<IssuerKey>,
}

/// `[master]` and each `[[terminal]]`: the same fields; the master needs `key` and has no
/// `terminal_id`, a terminal needs `terminal_id` and takes the master's values it leaves out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeySet {
    #[serde(default)]
    terminal_id: Option<String>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    check_value: Option<String>,
    #[serde(default)]
    sm4_key: Option<String>,
    #[serde(default)]
    sm4_check_value: Option<String>,
    #[serde(default)]
    mac: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssuer {
    #[serde(default)]
    name: String,
    bin: Vec<String>,
    imk_ac: String,
    #[serde(default)]
    check_value: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    master: RawKeySet,
    #[serde(default, rename = "terminal")]
    terminals: Vec<RawKeySet>,
    #[serde(default, rename = "issuer")]
    issuers: Vec<RawIssuer>,
}

/// Reads one key and checks it against its check value. The error never quotes the key.
fn read_key(
    origin: &str,
    at: &str,
    kind: KeyKind,
    hex: &str,
    kcv: Option<&str>,
) -> Result<Key, LoadError> {
    let key = Key::from_hex(kind, hex).map_err(|_| {
        let args = [
            ("digits", Arg::from(kind.key_len() * 2)),
            ("kind", Arg::from(kind.name())),
        ];
        LoadError::said_at(origin, at, Text::tr_args("errors-load-key-hex", &args))
    })?;
    if let Some(want) = kcv {
        let got = key.check_value().to_string();
        if !got.eq_ignore_ascii_case(want.trim()) {
            let args = [
                ("got", Arg::from(got.as_str())),
                ("want", Arg::from(want.trim())),
            ];
            return Err(LoadError::said_at(
                origin,
                at,
                Text::tr_args("errors-load-key-kcv", &args),
            ));
        }
    }
    Ok(key)
}

fn read_mac(origin: &str, at: &str, s: Option<&str>) -> Result<Option<MacAlgorithm>, LoadError> {
    s.map(|m| {
        MacAlgorithm::parse(m).ok_or_else(|| {
            let value = format!("{m:?}");
            let why = Text::tr_args("errors-load-key-mac", &[("value", value.into())]);
            LoadError::said_at(origin, at, why)
        })
    })
    .transpose()
}

/// One `[master]` or `[[terminal]]` table (`at` names it in errors). A terminal takes the
/// master's keys and MAC algorithm where it names none (`fallback`); the master must have `key`.
fn read_key_set(
    origin: &str,
    at: &str,
    raw: &RawKeySet,
    fallback: Option<&TerminalKeys>,
) -> Result<TerminalKeys, LoadError> {
    let tmk = match (&raw.key, fallback) {
        (Some(k), _) => read_key(
            origin,
            &format!("{at}.key"),
            KeyKind::Tdes2,
            k,
            raw.check_value.as_deref(),
        )?,
        (None, Some(d)) => d.tmk.clone(),
        (None, None) => {
            let why = Text::tr("errors-load-missing");
            return Err(LoadError::said_at(origin, format!("{at}.key"), why));
        }
    };
    let sm4_tmk = match &raw.sm4_key {
        Some(k) => Some(read_key(
            origin,
            &format!("{at}.sm4_key"),
            KeyKind::Sm4,
            k,
            raw.sm4_check_value.as_deref(),
        )?),
        None => fallback.and_then(|d| d.sm4_tmk.clone()),
    };
    let mac = read_mac(origin, &format!("{at}.mac"), raw.mac.as_deref())?
        .unwrap_or_else(|| fallback.map(|d| d.mac).unwrap_or_default());
    Ok(TerminalKeys { tmk, sm4_tmk, mac })
}

impl KeyStore {
    /// Parses a keys file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<KeyStore, LoadError> {
        let raw: RawKeys = crate::load::parse_toml(text, origin)?;
        if raw.master.terminal_id.is_some() {
            return Err(LoadError::said_at(
                origin,
                "master.terminal_id",
                Text::tr("errors-load-key-terminal-id-place"),
            ));
        }
        let default = read_key_set(origin, "master", &raw.master, None)?;
        let mut terminals = Vec::new();
        for (i, t) in raw.terminals.iter().enumerate() {
            let at = format!("terminal[{}]", i + 1);
            let tid = t.terminal_id.as_deref().unwrap_or("").trim();
            if tid.len() != 8 || !tid.is_ascii() {
                return Err(LoadError::said_at(
                    origin,
                    format!("{at}.terminal_id"),
                    Text::tr("errors-load-key-terminal-id"),
                ));
            }
            let keys = read_key_set(origin, &at, t, Some(&default))?;
            terminals.push((tid.to_string(), keys));
        }
        let mut issuers = Vec::new();
        for (i, s) in raw.issuers.iter().enumerate() {
            let at = |k: &str| format!("issuer[{}].{k}", i + 1);
            if s.bin.is_empty()
                || s.bin
                    .iter()
                    .any(|b| b.is_empty() || !b.bytes().all(|c| c.is_ascii_digit()))
            {
                return Err(LoadError::said_at(
                    origin,
                    at("bin"),
                    Text::tr("errors-load-key-bin"),
                ));
            }
            issuers.push(IssuerKey {
                name: s.name.clone(),
                bins: s.bin.clone(),
                imk_ac: read_key(
                    origin,
                    &at("imk_ac"),
                    KeyKind::Tdes2,
                    &s.imk_ac,
                    s.check_value.as_deref(),
                )?,
            });
        }
        Ok(KeyStore {
            origin: origin.to_string(),
            default,
            terminals,
            issuers,
        })
    }

    /// Loads a keys file.
    pub fn load(path: &Path) -> Result<KeyStore, LoadError> {
        let name = path.display().to_string();
        KeyStore::parse(&crate::load::read_text(path)?, &name)
    }

    /// `test` (the built-in test keys) or a file.
    pub fn resolve(name_or_path: &str) -> Result<KeyStore, LoadError> {
        if name_or_path == "test" {
            return KeyStore::parse(BUILTIN_TEST, "builtin:test");
        }
        KeyStore::load(Path::new(name_or_path))
    }

    /// The built-in test keys.
    pub fn builtin() -> KeyStore {
        match KeyStore::parse(BUILTIN_TEST, "builtin:test") {
            Ok(k) => k,
            // The built-in file is checked by a unit test; this arm keeps the host running
            // with the documented key alone.
            Err(_) => KeyStore {
                origin: "builtin:test".into(),
                default: TerminalKeys {
                    tmk: Key::from_hex(KeyKind::Tdes2, TEST_MASTER_KEY)
                        .unwrap_or_else(|_| unreachable!("a 32-digit constant")),
                    sm4_tmk: None,
                    mac: MacAlgorithm::PosEcb,
                },
                terminals: Vec::new(),
                issuers: Vec::new(),
            },
        }
    }

    /// The keys of terminal `tid` (DE41): its own entry, else the master entry.
    pub fn terminal(&self, tid: &str) -> &TerminalKeys {
        self.terminals
            .iter()
            .find(|(t, _)| t == tid.trim())
            .map(|(_, k)| k)
            .unwrap_or(&self.default)
    }

    /// The issuer key serving `pan` (longest BIN prefix wins).
    pub fn issuer(&self, pan: &str) -> Option<&IssuerKey> {
        self.issuers
            .iter()
            .flat_map(|k| k.bins.iter().map(move |b| (b, k)))
            .filter(|(b, _)| pan.starts_with(b.as_str()))
            .max_by_key(|(b, _)| b.len())
            .map(|(_, k)| k)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn builtin_test_keys() {
        let k = KeyStore::resolve("test").unwrap();
        let t = k.terminal("10000019");
        assert_eq!(t.tmk.check_value().to_string(), TEST_MASTER_KCV);
        assert_eq!(
            crate::hexfmt::hex(t.tmk.expose_secret()),
            TEST_MASTER_KEY,
            "the documented key is the built-in one"
        );
        assert_eq!(t.mac, MacAlgorithm::PosEcb);
        assert!(t.sm4_tmk.is_some());
    }

    #[test]
    fn per_terminal_overrides_and_issuers() {
        let text = format!(
            "[master]\nkey = \"{TEST_MASTER_KEY}\"\ncheck_value = \"{TEST_MASTER_KCV}\"\n\
             [[terminal]]\nterminal_id = \"20000001\"\nmac = \"x9.19\"\n\
             [[issuer]]\nname = \"test\"\nbin = [\"6222\", \"622202\"]\n\
             imk_ac = \"0123456789ABCDEFFEDCBA9876543210\"\ncheck_value = \"08D7B4FB\"\n"
        );
        let k = KeyStore::parse(&text, "k.toml").unwrap();
        assert_eq!(k.terminal("20000001").mac, MacAlgorithm::X919);
        assert_eq!(k.terminal("99999999").mac, MacAlgorithm::PosEcb);
        assert!(k.issuer("6222020000000007").is_some());
        assert!(k.issuer("6228480000000007").is_none());
    }

    #[test]
    fn errors_name_the_key_and_never_quote_it() {
        let e = KeyStore::parse("[master]\nkey = \"0123456789ABCDEF\"\n", "k.toml").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("master.key"));
        assert!(!e.to_string().contains("0123456789ABCDEF"), "{e}");
        let e = KeyStore::parse(
            &format!("[master]\nkey = \"{TEST_MASTER_KEY}\"\ncheck_value = \"00000000\"\n"),
            "k.toml",
        )
        .unwrap_err();
        assert!(e.msg.contains("check value is 7908636A"), "{e}");
        assert!(!e.to_string().contains(TEST_MASTER_KEY));
        let e = KeyStore::parse(
            &format!("[master]\nkey = \"{TEST_MASTER_KEY}\"\nmac = \"cmac\"\n"),
            "k.toml",
        )
        .unwrap_err();
        assert_eq!(e.key.as_deref(), Some("master.mac"));
    }

    #[test]
    fn master_needs_a_key_and_no_terminal_id() {
        let e = KeyStore::parse("[master]\nmac = \"x9.19\"\n", "k.toml").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("master.key"));
        let text = format!("[master]\nkey = \"{TEST_MASTER_KEY}\"\nterminal_id = \"12345678\"\n");
        let e = KeyStore::parse(&text, "k.toml").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("master.terminal_id"));
        let text =
            format!("[master]\nkey = \"{TEST_MASTER_KEY}\"\n[[terminal]]\nmac = \"x9.19\"\n");
        let e = KeyStore::parse(&text, "k.toml").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("terminal[1].terminal_id"));
    }
}
