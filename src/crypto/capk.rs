//! The terminal's CA public-key store for offline data authentication (EMV 4.3 Book 2 §5.1,
//! §11.2): keys by RID and index, each checked against its SHA-1 checksum when the store is
//! loaded (a key that fails is refused with the file and entry named). The built-in store is
//! `fixtures/emv/ca-keys.toml` (test keys only); the bench's own test key pairs, private halves
//! included for the simulated cards, are in `fixtures/emv/test-keys.toml` ([`test_keys`]).

use super::rsa::{ca_key_checksum, RsaKeyPair, RsaPublicKey};
use crate::hexfmt::{hex, parse_hex};
use crate::i18n::Text;
use crate::load::LoadError;
use serde::Deserialize;
use std::path::Path;

/// The built-in CA key store file.
pub const BUILTIN_CA_KEYS: &str = include_str!("../../fixtures/emv/ca-keys.toml");
const TEST_KEYS: &str = include_str!("../../fixtures/emv/test-keys.toml");

/// One CA public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaKey {
    pub name: String,
    pub rid: [u8; 5],
    /// CA public key index (tag `8F`).
    pub index: u8,
    pub key: RsaPublicKey,
    /// `YYYYMMDD`, when the file gives one.
    pub expiry: Option<String>,
}

/// The terminal's CA public keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaKeyStore {
    /// `builtin:ca-keys` or the file path.
    pub origin: String,
    pub keys: Vec<CaKey>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStore {
    #[serde(default)]
    key: Vec<RawKey>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    #[serde(default)]
    name: String,
    rid: String,
    index: String,
    exponent: String,
    modulus: String,
    checksum: String,
    #[serde(default)]
    expiry: Option<String>,
}

fn hex_field(origin: &str, at: &str, v: &str) -> Result<Vec<u8>, LoadError> {
    parse_hex(v).map_err(|e| {
        let why = Text::tr_each("errors-load-not-hex", |l| {
            vec![("detail", e.text(l).into())]
        });
        LoadError::said_at(origin, at, why)
    })
}

impl CaKeyStore {
    /// Parses a key store's text; `origin` names it in errors. Errors: a malformed entry or a
    /// checksum that does not match its key.
    pub fn parse(text: &str, origin: &str) -> Result<CaKeyStore, LoadError> {
        let raw: RawStore = crate::load::parse_toml(text, origin)?;
        let mut keys = Vec::with_capacity(raw.key.len());
        for (i, k) in raw.key.iter().enumerate() {
            let at = |f: &str| format!("key[{}].{f}", i + 1);
            let rid: [u8; 5] = hex_field(origin, &at("rid"), &k.rid)?
                .try_into()
                .map_err(|_| {
                    LoadError::said_at(origin, at("rid"), Text::tr("errors-load-capk-rid"))
                })?;
            let index = match hex_field(origin, &at("index"), &k.index)?.as_slice() {
                [i] => *i,
                _ => {
                    let why = Text::tr("errors-load-capk-index");
                    return Err(LoadError::said_at(origin, at("index"), why));
                }
            };
            let key = RsaPublicKey {
                modulus: hex_field(origin, &at("modulus"), &k.modulus)?,
                exponent: hex_field(origin, &at("exponent"), &k.exponent)?,
            };
            if !(64..=248).contains(&key.len())
                || !matches!(key.exponent.as_slice(), [3] | [1, 0, 1])
            {
                return Err(LoadError::said_at(
                    origin,
                    at("modulus"),
                    Text::tr("errors-load-capk-modulus"),
                ));
            }
            let want = hex(&ca_key_checksum(&rid, index, &key));
            if !k.checksum.eq_ignore_ascii_case(&want) {
                let why = Text::tr_args(
                    "errors-load-capk-checksum",
                    &[("want", want.as_str().into())],
                );
                return Err(LoadError::said_at(origin, at("checksum"), why));
            }
            keys.push(CaKey {
                name: k.name.clone(),
                rid,
                index,
                key,
                expiry: k.expiry.clone(),
            });
        }
        Ok(CaKeyStore {
            origin: origin.to_string(),
            keys,
        })
    }

    /// Loads a key store file.
    pub fn load(path: &Path) -> Result<CaKeyStore, LoadError> {
        let name = path.display().to_string();
        CaKeyStore::parse(&crate::load::read_text(path)?, &name)
    }

    /// The built-in store (test keys; checked by a unit test, empty if it ever failed).
    pub fn builtin() -> CaKeyStore {
        CaKeyStore::parse(BUILTIN_CA_KEYS, "builtin:ca-keys").unwrap_or(CaKeyStore {
            origin: "builtin:ca-keys".into(),
            keys: Vec::new(),
        })
    }

    /// The key for a RID and index.
    pub fn get(&self, rid: &[u8], index: u8) -> Option<&CaKey> {
        self.keys.iter().find(|k| k.rid == rid && k.index == index)
    }

    /// The store without the keys of one RID (a terminal that lacks a scheme's keys).
    pub fn without_rid(mut self, rid: &[u8]) -> CaKeyStore {
        self.keys.retain(|k| k.rid != rid);
        self
    }
}

/// The bench's TEST key pairs (`fixtures/emv/test-keys.toml`): the test CA, the issuer key
/// every simulated card's issuer certificate carries, and the ICC key of its ICC certificate.
#[derive(Clone, Debug)]
pub struct TestKeys {
    pub ca: RsaKeyPair,
    pub issuer: RsaKeyPair,
    pub icc: RsaKeyPair,
}

/// The bench's test CA public key index under every scheme RID of the built-in store.
pub const TEST_CA_INDEX: u8 = 0xF1;

#[derive(Deserialize)]
struct RawPair {
    exponent: String,
    modulus: String,
    private_exponent: String,
}

#[derive(Deserialize)]
struct RawTestKeys {
    ca: RawPair,
    issuer: RawPair,
    icc: RawPair,
}

/// The test key pairs; `None` only if the fixture were broken (a unit test checks it).
pub fn test_keys() -> Option<TestKeys> {
    let raw: RawTestKeys = toml::from_str(TEST_KEYS).ok()?;
    let pair = |p: &RawPair| -> Option<RsaKeyPair> {
        Some(RsaKeyPair::new(
            parse_hex(&p.modulus).ok()?,
            parse_hex(&p.exponent).ok()?,
            parse_hex(&p.private_exponent).ok()?,
        ))
    };
    Some(TestKeys {
        ca: pair(&raw.ca)?,
        issuer: pair(&raw.issuer)?,
        icc: pair(&raw.icc)?,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn builtin_store_checks_out_and_holds_the_test_ca() {
        let s = CaKeyStore::parse(BUILTIN_CA_KEYS, "builtin").unwrap();
        assert_eq!(s.keys.len(), 4);
        let k = test_keys().unwrap();
        let up = s.get(&[0xA0, 0, 0, 0x03, 0x33], TEST_CA_INDEX).unwrap();
        assert_eq!(up.key, k.ca.public);
        let emvpt = s.get(&[0xAF, 0xFF, 0xFF, 0xFF, 0xFF], 0x92).unwrap();
        assert_eq!(emvpt.key.len(), 176);
        assert!(s
            .clone()
            .without_rid(&up.rid)
            .get(&up.rid, TEST_CA_INDEX)
            .is_none());
    }

    #[test]
    fn a_wrong_checksum_is_refused_with_the_entry_named() {
        let bad = BUILTIN_CA_KEYS.replacen("checksum = \"", "checksum = \"00", 1);
        let e = CaKeyStore::parse(&bad, "k.toml").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("key[1].checksum"));
        assert!(e.msg.contains("SHA-1"), "{e}");
    }

    #[test]
    fn test_key_pairs_sign_and_recover() {
        let k = test_keys().unwrap();
        for p in [&k.ca, &k.issuer, &k.icc] {
            let mut m = vec![0x6A; p.public.len()];
            m[1] = 0x42;
            let s = p.sign(&m).unwrap();
            assert_eq!(p.public.recover(&s).unwrap(), m);
        }
    }
}
