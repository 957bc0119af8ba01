//! The host's parameters file (TOML, docs/pos.md): the IC (AID) parameters and CA public keys
//! a chip terminal downloads (0800 `380` / `370`), with their field-62 TLV encodings as CUPS
//! terminals store them (notes §1.6: NEWPOS `SaveAppParamItem`, `SaveEmvCapkItem`; POSP
//! `M_DownParameterChecker`, `M_DownCAPkInfoChecker`).

use crate::codec::tlv::{encode, prim, Tlv};
use crate::hexfmt::{hex, parse_hex};
use crate::i18n::{Arg, Text};
use crate::load::LoadError;
use serde::Deserialize;
use sha1::{Digest, Sha1};
use std::path::Path;

/// The built-in parameters file (`--params test`).
pub const BUILTIN_TEST: &str = include_str!("../../fixtures/pos/params-test.toml");

/// One AID's IC parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AidParams {
    pub aid: Vec<u8>,
    pub label: String,
    /// Kernel / application version the terminal must run for this AID, sent as 9F09 (CUPS
    /// has no separate kernel-version tag; notes §1.6) and compared with the 9F09 of DE55.
    pub kernel_version: [u8; 2],
    /// DF01 `00`: partial AID match allowed.
    pub partial_match: bool,
    pub tac_default: [u8; 5],
    pub tac_online: [u8; 5],
    pub tac_denial: [u8; 5],
    /// 9F1B terminal floor limit, minor units.
    pub floor_limit: u32,
    /// DF15 threshold for biased random selection, minor units.
    pub threshold: u32,
    /// DF17 / DF16, percent.
    pub target_percent: u8,
    pub max_target_percent: u8,
    /// DF14 default DDOL.
    pub ddol: Vec<u8>,
    /// DF18 online PIN capability.
    pub online_pin: bool,
}

/// One CA public key (EMV Book 2 §11.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaKey {
    pub rid: [u8; 5],
    pub index: u8,
    /// `YYYYMMDD`.
    pub expiry: String,
    pub modulus: Vec<u8>,
    pub exponent: Vec<u8>,
}

/// A loaded parameters file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    pub origin: String,
    pub aids: Vec<AidParams>,
    pub ca_keys: Vec<CaKey>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAid {
    aid: String,
    #[serde(default)]
    label: String,
    kernel_version: String,
    #[serde(default = "yes")]
    partial_match: bool,
    tac_default: String,
    tac_online: String,
    tac_denial: String,
    #[serde(default)]
    floor_limit: u32,
    #[serde(default)]
    threshold: u32,
    #[serde(default)]
    target_percent: u8,
    #[serde(default)]
    max_target_percent: u8,
    #[serde(default = "default_ddol")]
    ddol: String,
    #[serde(default = "yes")]
    online_pin: bool,
}

fn yes() -> bool {
    true
}
fn default_ddol() -> String {
    "9F3704".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCaKey {
    rid: String,
    index: String,
    expiry: String,
    modulus: String,
    #[serde(default = "default_exponent")]
    exponent: String,
}

fn default_exponent() -> String {
    "03".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParams {
    #[serde(default, rename = "aid")]
    aids: Vec<RawAid>,
    #[serde(default, rename = "ca_key")]
    ca_keys: Vec<RawCaKey>,
}

/// Hex of an exact length (`len` bytes) or of a length range.
fn hex_field(
    origin: &str,
    at: &str,
    text: &str,
    lens: std::ops::RangeInclusive<usize>,
) -> Result<Vec<u8>, LoadError> {
    let b =
        parse_hex(text).map_err(|e| LoadError::said_at(origin, at, Text::each(|l| e.text(l))))?;
    if !lens.contains(&b.len()) {
        let args = [
            ("got", Arg::from(b.len())),
            ("min", Arg::from(*lens.start())),
            ("max", Arg::from(*lens.end())),
            (
                "same",
                Arg::from(if lens.start() == lens.end() {
                    "yes"
                } else {
                    "no"
                }),
            ),
        ];
        return Err(LoadError::said_at(
            origin,
            at,
            Text::tr_args("errors-load-param-bytes", &args),
        ));
    }
    Ok(b)
}

fn fixed<const N: usize>(origin: &str, at: &str, text: &str) -> Result<[u8; N], LoadError> {
    let v = hex_field(origin, at, text, N..=N)?;
    let mut a = [0u8; N];
    a.copy_from_slice(&v);
    Ok(a)
}

fn read_aid(origin: &str, i: usize, a: &RawAid) -> Result<AidParams, LoadError> {
    let at = |k: &str| format!("aid[{}].{k}", i + 1);
    if a.target_percent > 99 || a.max_target_percent > 99 {
        let why = Text::tr("errors-load-param-percent");
        return Err(LoadError::said_at(origin, at("target_percent"), why));
    }
    Ok(AidParams {
        aid: hex_field(origin, &at("aid"), &a.aid, 5..=16)?,
        label: a.label.clone(),
        kernel_version: fixed(origin, &at("kernel_version"), &a.kernel_version)?,
        partial_match: a.partial_match,
        tac_default: fixed(origin, &at("tac_default"), &a.tac_default)?,
        tac_online: fixed(origin, &at("tac_online"), &a.tac_online)?,
        tac_denial: fixed(origin, &at("tac_denial"), &a.tac_denial)?,
        floor_limit: a.floor_limit,
        threshold: a.threshold,
        target_percent: a.target_percent,
        max_target_percent: a.max_target_percent,
        ddol: hex_field(origin, &at("ddol"), &a.ddol, 0..=252)?,
        online_pin: a.online_pin,
    })
}

fn read_ca_key(origin: &str, i: usize, k: &RawCaKey) -> Result<CaKey, LoadError> {
    let at = |x: &str| format!("ca_key[{}].{x}", i + 1);
    let e = k.expiry.trim();
    if e.len() != 8 || !e.bytes().all(|b| b.is_ascii_digit()) {
        let why = Text::tr("errors-load-param-expiry");
        return Err(LoadError::said_at(origin, at("expiry"), why));
    }
    let exponent = hex_field(origin, &at("exponent"), &k.exponent, 1..=3)?;
    if exponent != [3] && exponent != [1, 0, 1] {
        let why = Text::tr("errors-load-param-exponent");
        return Err(LoadError::said_at(origin, at("exponent"), why));
    }
    Ok(CaKey {
        rid: fixed(origin, &at("rid"), &k.rid)?,
        index: fixed::<1>(origin, &at("index"), &k.index)?[0],
        expiry: e.to_string(),
        modulus: hex_field(origin, &at("modulus"), &k.modulus, 64..=248)?,
        exponent,
    })
}

impl Params {
    /// Parses a parameters file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Params, LoadError> {
        let raw: RawParams = crate::load::parse_toml(text, origin)?;
        let aids = raw
            .aids
            .iter()
            .enumerate()
            .map(|(i, a)| read_aid(origin, i, a))
            .collect::<Result<Vec<_>, _>>()?;
        let ca_keys = raw
            .ca_keys
            .iter()
            .enumerate()
            .map(|(i, k)| read_ca_key(origin, i, k))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Params {
            origin: origin.to_string(),
            aids,
            ca_keys,
        })
    }

    pub fn load(path: &Path) -> Result<Params, LoadError> {
        let name = path.display().to_string();
        Params::parse(&crate::load::read_text(path)?, &name)
    }

    /// `test` (the built-in parameters) or a file.
    pub fn resolve(name_or_path: &str) -> Result<Params, LoadError> {
        if name_or_path == "test" {
            return Params::parse(BUILTIN_TEST, "builtin:test");
        }
        Params::load(Path::new(name_or_path))
    }

    /// The built-in parameters (checked by a unit test).
    pub fn builtin() -> Params {
        Params::parse(BUILTIN_TEST, "builtin:test").unwrap_or_default()
    }

    /// The parameters of the AID `aid` names (exact match first, then by prefix).
    pub fn aid(&self, aid: &[u8]) -> Option<&AidParams> {
        self.aids
            .iter()
            .find(|a| a.aid == aid)
            .or_else(|| self.aids.iter().find(|a| aid.starts_with(&a.aid)))
    }
}

impl AidParams {
    /// The 380 reply's TLVs for this AID (after the leading `'1'`).
    pub fn tlv(&self) -> Vec<u8> {
        let items: Vec<Tlv> = vec![
            prim(0x9F06, self.aid.clone()),
            prim(0xDF01, vec![u8::from(!self.partial_match)]),
            prim(0x9F09, self.kernel_version.to_vec()),
            prim(0xDF11, self.tac_default.to_vec()),
            prim(0xDF12, self.tac_online.to_vec()),
            prim(0xDF13, self.tac_denial.to_vec()),
            prim(0x9F1B, self.floor_limit.to_be_bytes().to_vec()),
            prim(0xDF15, self.threshold.to_be_bytes().to_vec()),
            prim(0xDF16, vec![bcd2(self.max_target_percent)]),
            prim(0xDF17, vec![bcd2(self.target_percent)]),
            prim(0xDF14, self.ddol.clone()),
            prim(0xDF18, vec![u8::from(self.online_pin)]),
        ];
        encode(&items)
    }

    /// The 382 query reply's entry for this AID.
    pub fn list_tlv(&self) -> Vec<u8> {
        encode(&[prim(0x9F06, self.aid.clone())])
    }

    /// The AID as hex.
    pub fn aid_hex(&self) -> String {
        hex(&self.aid)
    }
}

fn bcd2(n: u8) -> u8 {
    ((n / 10) << 4) | (n % 10)
}

impl CaKey {
    /// DF03: SHA-1 over RID ‖ index ‖ modulus ‖ exponent (EMV Book 2 §11.2).
    pub fn checksum(&self) -> [u8; 20] {
        let mut h = Sha1::new();
        h.update(self.rid);
        h.update([self.index]);
        h.update(&self.modulus);
        h.update(&self.exponent);
        h.finalize().into()
    }

    /// The 370 reply's TLVs for this key (after the leading `'1'`).
    pub fn tlv(&self) -> Vec<u8> {
        encode(&[
            prim(0x9F06, self.rid.to_vec()),
            prim(0x9F22, vec![self.index]),
            prim(0xDF05, self.expiry.as_bytes().to_vec()),
            prim(0xDF06, vec![0x01]),
            prim(0xDF07, vec![0x01]),
            prim(0xDF02, self.modulus.clone()),
            prim(0xDF04, self.exponent.clone()),
            prim(0xDF03, self.checksum().to_vec()),
        ])
    }

    /// The 372 query reply's entry for this key.
    pub fn list_tlv(&self) -> Vec<u8> {
        encode(&[
            prim(0x9F06, self.rid.to_vec()),
            prim(0x9F22, vec![self.index]),
            prim(0xDF05, self.expiry.as_bytes().to_vec()),
        ])
    }

    /// `A000000333/80` for messages.
    pub fn name(&self) -> String {
        format!("{}/{:02X}", hex(&self.rid), self.index)
    }

    /// The key as a terminal keeps it from a 370 reply's TLVs (`9F06`, `9F22`, `DF05`,
    /// `DF02`, `DF04`); `None` when one of them is missing or malformed.
    pub fn from_tlv(list: &[Tlv]) -> Option<CaKey> {
        let get = |t: u32| crate::codec::tlv::find(list, t).map(|o| o.value.clone());
        Some(CaKey {
            rid: get(0x9F06)?.try_into().ok()?,
            index: *get(0x9F22)?.first()?,
            expiry: String::from_utf8(get(0xDF05).unwrap_or_default()).ok()?,
            modulus: get(0xDF02).filter(|m| !m.is_empty())?,
            exponent: get(0xDF04).filter(|e| !e.is_empty())?,
        })
    }

    /// The key as an EMV kernel's CA key store holds it, for offline data authentication.
    pub fn to_store_key(&self) -> crate::crypto::capk::CaKey {
        crate::crypto::capk::CaKey {
            name: self.name(),
            rid: self.rid,
            index: self.index,
            key: crate::crypto::rsa::RsaPublicKey {
                modulus: self.modulus.clone(),
                exponent: self.exponent.clone(),
            },
            expiry: Some(self.expiry.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::tlv::{find, parse};

    #[test]
    fn builtin_parameters_load_and_encode() {
        let p = Params::resolve("test").unwrap();
        assert!(!p.aids.is_empty() && !p.ca_keys.is_empty());
        let a = &p.aids[0];
        let t = parse(&a.tlv()).unwrap();
        assert_eq!(find(&t, 0x9F06).unwrap().value, a.aid);
        assert_eq!(find(&t, 0x9F1B).unwrap().value.len(), 4);
        let k = &p.ca_keys[0];
        let t = parse(&k.tlv()).unwrap();
        assert_eq!(find(&t, 0xDF03).unwrap().value, k.checksum().to_vec());
        assert_eq!(find(&t, 0xDF05).unwrap().value, k.expiry.as_bytes());
        assert!(p.aid(&parse_hex("A000000333010101").unwrap()).is_some());
    }

    #[test]
    fn checksum_is_sha1_of_rid_index_modulus_exponent() {
        let k = CaKey {
            rid: [0xA0, 0, 0, 3, 0x33],
            index: 0x80,
            expiry: "20301231".into(),
            modulus: vec![0xAB; 128],
            exponent: vec![3],
        };
        // python3: hashlib.sha1(A00000033380 ‖ AB×128 ‖ 03)
        assert_eq!(
            hex(&k.checksum()),
            "CBCE1E40F70D2170F4F3A8D844BCFD08A6307CF3"
        );
    }

    #[test]
    fn bad_values_name_their_key() {
        let e = Params::parse(
            "[[aid]]\naid = \"A0000003\"\nkernel_version = \"0030\"\ntac_default = \"00\"\n\
             tac_online = \"0000000000\"\ntac_denial = \"0000000000\"\n",
            "p.toml",
        )
        .unwrap_err();
        assert_eq!(e.key.as_deref(), Some("aid[1].aid"), "{e}");
        let e = Params::parse(
            "[[ca_key]]\nrid = \"A000000333\"\nindex = \"80\"\nexpiry = \"2030\"\nmodulus = \"00\"\n",
            "p.toml",
        )
        .unwrap_err();
        assert_eq!(e.key.as_deref(), Some("ca_key[1].expiry"), "{e}");
    }
}
