//! Offline data authentication on the terminal side (EMV 4.3 Book 2 §5–6, Book 3 §10.3): which
//! method (CDA, DDA or SDA), the issuer key recovered from the CA key of the store, the ICC
//! key, and the check of the signed static data (`93`) or of the signed dynamic data INTERNAL
//! AUTHENTICATE returns; CDA's signature on the GENERATE AC response is checked in `cda`. The
//! RSA and certificate layouts are `crypto::emv_cert`'s.

use super::process::CardTags;
use crate::crypto::capk::CaKeyStore;
use crate::crypto::cda::CdaFault;
use crate::crypto::emv_cert::{self, CertFault};
use crate::crypto::rsa::RsaPublicKey;
use crate::hexfmt::hex;
use serde::{Serialize, Serializer};
use std::fmt;

/// The method of offline data authentication.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OdaMethod {
    Sda,
    Dda,
    /// Combined DDA / application cryptogram generation (Book 2 §6.6): no INTERNAL
    /// AUTHENTICATE; the card signs its GENERATE AC response.
    Cda,
}

impl OdaMethod {
    /// `SDA`, `DDA`, `CDA`: the method's standard name (the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            OdaMethod::Sda => "SDA",
            OdaMethod::Dda => "DDA",
            OdaMethod::Cda => "CDA",
        }
    }
}

/// Why offline data authentication failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OdaFault {
    /// The terminal's store has no CA key for this RID and index (`8F`).
    NoCaKey {
        rid: [u8; 5],
        index: u8,
    },
    /// A data object ODA needs is not in the records (`8F`, `90`, `93`, `9F46`, `9F49`…).
    Missing(u32),
    /// A record flagged for ODA is not a `70` template.
    StaticData,
    IssuerCert(CertFault),
    /// The issuer identifier of the certificate is not the start of the PAN.
    IssuerId,
    /// The issuer certificate's expiry (`MMYY`) is before today.
    IssuerCertExpired(String),
    IccCert(CertFault),
    /// The PAN of the ICC certificate is not the card's PAN.
    IccPan,
    IccCertExpired(String),
    /// Signed static data (`93`) does not verify.
    Ssad(CertFault),
    /// Signed dynamic data (INTERNAL AUTHENTICATE) does not verify or was not returned.
    Sdad(Option<CertFault>),
    /// CDA: the signature on the GENERATE AC response does not check out (Book 2 §6.6.2).
    Cda(CdaFault),
}

impl fmt::Display for OdaFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OdaFault::NoCaKey { rid, index } => {
                write!(
                    f,
                    "no CA public key {}/{index:02X} in the terminal",
                    hex(rid)
                )
            }
            OdaFault::Missing(t) => write!(f, "tag {t:X} missing"),
            OdaFault::StaticData => f.write_str("an ODA record is not a 70 template"),
            OdaFault::IssuerCert(c) => write!(f, "issuer certificate: {c}"),
            OdaFault::IssuerId => f.write_str("issuer certificate is for another issuer"),
            OdaFault::IssuerCertExpired(e) => write!(f, "issuer certificate expired ({e})"),
            OdaFault::IccCert(c) => write!(f, "ICC certificate: {c}"),
            OdaFault::IccPan => f.write_str("ICC certificate is for another PAN"),
            OdaFault::IccCertExpired(e) => write!(f, "ICC certificate expired ({e})"),
            OdaFault::Ssad(c) => write!(f, "signed static data: {c}"),
            OdaFault::Sdad(Some(c)) => write!(f, "signed dynamic data: {c}"),
            OdaFault::Sdad(None) => f.write_str("no signed dynamic data"),
            OdaFault::Cda(c) => write!(f, "{c}"),
        }
    }
}

/// How offline data authentication ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum OdaOutcome {
    /// Neither side supports a common method (or the flow did not get that far).
    #[default]
    NotPerformed,
    Passed(OdaMethod),
    Failed(OdaMethod, OdaFault),
}

impl fmt::Display for OdaOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OdaOutcome::NotPerformed => f.write_str("not performed"),
            OdaOutcome::Passed(m) => write!(f, "{} ok", m.name()),
            OdaOutcome::Failed(m, why) => write!(f, "{} failed: {why}", m.name()),
        }
    }
}

impl Serialize for OdaOutcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// The method both card (AIP `82` byte 1: `40` SDA, `20` DDA, `01` CDA) and terminal (`9F33`
/// byte 3: `80` SDA, `40` DDA, `08` CDA) support, CDA before DDA before SDA (Book 3 §10.3);
/// a CDA card on a terminal without CDA is authenticated with DDA.
pub fn choose(aip: &[u8], caps: &[u8]) -> Option<OdaMethod> {
    let card = aip.first().copied().unwrap_or(0);
    let term = caps.get(2).copied().unwrap_or(0);
    if card & 0x01 != 0 && term & 0x08 != 0 {
        Some(OdaMethod::Cda)
    } else if (card & 0x20 != 0 || card & 0x01 != 0) && term & 0x40 != 0 {
        Some(OdaMethod::Dda)
    } else if card & 0x40 != 0 && term & 0x80 != 0 {
        Some(OdaMethod::Sda)
    } else {
        None
    }
}

fn need(card: &CardTags, tag: u32) -> Result<&[u8], OdaFault> {
    card.get(&tag)
        .map(Vec::as_slice)
        .ok_or(OdaFault::Missing(tag))
}

/// `MMYY` (BCD) before today's `YYMM`.
fn expired(mmyy: [u8; 2], today_yymm: &str) -> Option<String> {
    let m = hex(&mmyy);
    let yymm = format!("{}{}", &m[2..], &m[..2]);
    (yymm.as_str() < today_yymm).then_some(m)
}

/// The issuer public key (Book 2 §5.3): the CA key by RID and `8F`, the certificate `90` with
/// `92` and `9F32`, its issuer identifier against the PAN and its expiry against today
/// (`today` = `YYMMDD` of `9A`).
pub fn issuer_key(
    card: &CardTags,
    rid: &[u8],
    store: &CaKeyStore,
    today: &str,
) -> Result<RsaPublicKey, OdaFault> {
    let index = *need(card, 0x8F)?.first().ok_or(OdaFault::Missing(0x8F))?;
    let mut r = [0u8; 5];
    r.copy_from_slice(rid.get(..5).unwrap_or(&[0; 5]));
    let ca = store
        .get(&r, index)
        .ok_or(OdaFault::NoCaKey { rid: r, index })?;
    let rem = card.get(&0x92).map(Vec::as_slice).unwrap_or(&[]);
    let cert = emv_cert::recover_issuer_cert(&ca.key, need(card, 0x90)?, rem, need(card, 0x9F32)?)
        .map_err(OdaFault::IssuerCert)?;
    let pan = hex(card.get(&0x5A).map(Vec::as_slice).unwrap_or(&[]));
    let id = hex(&cert.issuer_id);
    if !pan.starts_with(id.trim_end_matches('F')) {
        return Err(OdaFault::IssuerId);
    }
    if let Some(e) = expired(cert.expiry, today.get(..4).unwrap_or("")) {
        return Err(OdaFault::IssuerCertExpired(e));
    }
    Ok(cert.key)
}

/// SDA (Book 2 §5.4): the signed static application data `93` over the static data.
pub fn sda(card: &CardTags, issuer: &RsaPublicKey, static_data: &[u8]) -> Result<(), OdaFault> {
    emv_cert::recover_ssad(issuer, need(card, 0x93)?, static_data)
        .map(|_| ())
        .map_err(OdaFault::Ssad)
}

/// The ICC public key (Book 2 §6.4): `9F46` with `9F48` and `9F47`, over the static data; its
/// PAN against `5A` and its expiry against today.
pub fn icc_key(
    card: &CardTags,
    issuer: &RsaPublicKey,
    static_data: &[u8],
    today: &str,
) -> Result<RsaPublicKey, OdaFault> {
    let rem = card.get(&0x9F48).map(Vec::as_slice).unwrap_or(&[]);
    let cert = emv_cert::recover_icc_cert(
        issuer,
        need(card, 0x9F46)?,
        rem,
        need(card, 0x9F47)?,
        static_data,
    )
    .map_err(OdaFault::IccCert)?;
    let pan = hex(card.get(&0x5A).map(Vec::as_slice).unwrap_or(&[]));
    if hex(&cert.pan).trim_end_matches('F') != pan.trim_end_matches('F') {
        return Err(OdaFault::IccPan);
    }
    if let Some(e) = expired(cert.expiry, today.get(..4).unwrap_or("")) {
        return Err(OdaFault::IccCertExpired(e));
    }
    Ok(cert.key)
}

/// The signed dynamic application data of an INTERNAL AUTHENTICATE response (format 1 `80`
/// or `77 { 9F4B }`), checked with the ICC key over the DDOL data (Book 2 §6.5.2).
pub fn dda(icc: &RsaPublicKey, response: &[u8], ddol_data: &[u8]) -> Result<(), OdaFault> {
    let sdad = if response.first() == Some(&0x80) {
        crate::codec::tlv::iter(response)
            .find_tag(0x80)
            .map(|o| o.value)
    } else {
        crate::codec::tlv::walk(response)
            .find_tag(0x9F4B)
            .map(|o| o.value)
    };
    let sdad = sdad.ok_or(OdaFault::Sdad(None))?;
    emv_cert::recover_sdad(icc, sdad, ddol_data)
        .map(|_| ())
        .map_err(|c| OdaFault::Sdad(Some(c)))
}

/// The static data to be authenticated (Book 3 §10.3): each ODA record of SFI 1–10 without
/// its `70 L`, of SFI 11–30 whole, then the AIP when `9F4A` lists `82`. `Err` when an SFI 1–10
/// record is not a `70` template.
pub fn static_data(records: &[(u8, Vec<u8>)], card: &CardTags) -> Result<Vec<u8>, OdaFault> {
    let mut out = Vec::new();
    for (sfi, rec) in records {
        if *sfi > 10 {
            out.extend_from_slice(rec);
            continue;
        }
        let o = crate::codec::tlv::iter(rec)
            .next()
            .and_then(Result::ok)
            .filter(|o| o.tag.0 == 0x70 && o.value_offset + o.len() == rec.len())
            .ok_or(OdaFault::StaticData)?;
        out.extend_from_slice(o.value);
    }
    if card.get(&0x9F4A).is_some_and(|l| l.as_slice() == [0x82]) {
        out.extend_from_slice(card.get(&0x82).map(Vec::as_slice).unwrap_or(&[]));
    }
    Ok(out)
}
