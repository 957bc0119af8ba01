//! A card's chip applications as the simulators serve them: AID, label, priority, AIP, PDOL
//! and the record templates built from the card's fields. Encoding is `codec::tlv`'s, DOL
//! parsing `codec::emv`'s.

use super::card::{CardSpec, Defect};
use crate::codec::emv;
use crate::codec::tlv::{self, cons, encode, prim, Tag};
use crate::hexfmt::parse_hex;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// Digits (and the track-2 `D`) packed two per byte, `F`-padded (`codec::emv::pack_cn`).
pub use crate::codec::emv::pack_cn as pack_nibbles;

/// A chip application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppSpec {
    /// AID (hex, 5–16 bytes).
    pub aid: String,
    #[serde(default)]
    pub label: String,
    /// Application priority indicator (87), 1–15.
    #[serde(default = "default_priority")]
    pub priority: u8,
    /// Application Interchange Profile (82), 2 bytes hex.
    #[serde(default = "default_aip")]
    pub aip: String,
    /// PDOL (9F38) as hex tag+length pairs; none = GPO with an empty `83 00`.
    #[serde(default)]
    pub pdol: Option<String>,
    /// Explicit record templates (hex, each starting `70`), served as SFI 1 records 1..n.
    /// Empty = generated from the card fields.
    #[serde(default)]
    pub records: Vec<String>,
}

fn default_priority() -> u8 {
    1
}
fn default_aip() -> String {
    "7C00".into()
}

impl AppSpec {
    pub(super) fn validate(&self) -> Result<(), Text> {
        use super::field;
        let hex =
            |key: &str, v: &str| parse_hex(v).map_err(|e| field(key, Text::each(|l| e.text(l))));
        let aid = hex("aid", &self.aid)?;
        if !(5..=16).contains(&aid.len()) {
            return Err(field("aid", Text::tr("errors-load-sim-aid")));
        }
        if !(1..=15).contains(&self.priority) {
            return Err(field("priority", Text::tr("errors-load-sim-priority")));
        }
        let aip = hex("aip", &self.aip)?;
        if aip.len() != 2 {
            return Err(field("aip", Text::tr("errors-load-sim-aip")));
        }
        if let Some(p) = &self.pdol {
            emv::parse_dol(&hex("pdol", p)?).map_err(|e| {
                let why = Text::tr_each("errors-load-sim-pdol", |l| {
                    vec![("detail", e.text(l).into())]
                });
                field("pdol", why)
            })?;
        }
        for (i, r) in self.records.iter().enumerate() {
            let key = format!("records[{i}]");
            let b = hex(&key, r)?;
            if b.first() != Some(&0x70) {
                return Err(field(&key, Text::tr("errors-load-sim-record")));
            }
        }
        if self.label.len() > 16 {
            return Err(field("label", Text::tr("errors-load-sim-app-label")));
        }
        Ok(())
    }

    pub fn aid_bytes(&self) -> Vec<u8> {
        parse_hex(&self.aid).unwrap_or_default()
    }

    pub fn aip_bytes(&self) -> Vec<u8> {
        parse_hex(&self.aip).unwrap_or_else(|_| vec![0x7C, 0x00])
    }

    pub fn pdol_bytes(&self) -> Option<Vec<u8>> {
        self.pdol.as_deref().and_then(|p| parse_hex(p).ok())
    }

    /// The record templates (tag 70) this application serves from SFI 1, records 1..n.
    pub fn record_templates(&self, card: &CardSpec) -> Vec<Vec<u8>> {
        if !self.records.is_empty() {
            return self
                .records
                .iter()
                .filter_map(|r| parse_hex(r).ok())
                .collect();
        }
        let exp = card.effective_expiry();
        // Usage control and application version, as the card knobs set them.
        let (auc, version) = (
            if card.has(Defect::IacDenial) {
                [0x55, 0x00]
            } else {
                [0xFF, 0x00]
            },
            if card.has(Defect::AppVersionMismatch) {
                [0x00, 0x20]
            } else {
                [0x00, 0x30]
            },
        );
        let mut r2_iac = Vec::new();
        if card.has(Defect::IacDenial) {
            r2_iac.push(prim(0x9F0E, [0x00, 0x10, 0x00, 0x00, 0x00]));
        }
        let r1 = cons(
            0x70,
            vec![
                prim(0x57, card.chip_track2_equivalent()),
                prim(0x5F20, card.name.as_bytes()),
                // 9F1F track-1 discretionary data would be card data too; keep it out.
            ],
        );
        let r2 = cons(
            0x70,
            vec![
                prim(0x5A, pack_nibbles(&card.pan)),
                prim(0x5F24, pack_nibbles(&format!("{exp}{}", last_day(exp)))),
                prim(0x5F25, pack_nibbles("200101")),
                prim(0x5F28, [0x01, 0x56]),
                prim(0x5F30, pack_nibbles(&format!("0{}", card.service_code))),
                prim(0x5F34, [card.pan_sequence]),
                prim(0x9F07, auc),
                prim(0x9F08, version),
                // CDOL1: amount, other amount, country, TVR, currency, date, type, UN.
                prim(
                    0x8C,
                    [
                        0x9F, 0x02, 0x06, 0x9F, 0x03, 0x06, 0x9F, 0x1A, 0x02, 0x95, 0x05, 0x5F,
                        0x2A, 0x02, 0x9A, 0x03, 0x9C, 0x01, 0x9F, 0x37, 0x04,
                    ],
                ),
                prim(0x8D, [0x8A, 0x02, 0x95, 0x05]),
                prim(0x8E, cvm_list(card)),
                // Lower and upper consecutive offline limits (velocity checking, Book 3
                // §10.6.3): 5 and 10 transactions without going online.
                prim(0x9F14, [0x05]),
                prim(0x9F23, [0x0A]),
            ]
            .into_iter()
            .chain(r2_iac)
            .collect(),
        );
        vec![encode(&[r1]), encode(&[r2])]
    }

    /// AFL (94) covering the records: SFI 1, records 1..n, the first one signed.
    pub fn afl(&self, card: &CardSpec) -> Vec<u8> {
        let n = self.record_templates(card).len().clamp(1, 255) as u8;
        vec![0x08, 0x01, n, 0x01]
    }
}

/// The CVM list (`8E`, Book 3 §10.5, amounts X and Y zero): online PIN, then signature, then
/// no CVM — each "if the terminal supports it"; a card with an offline PIN (`pin`) asks for
/// it first, in plaintext, going on to the next rule if it fails (`41 03`).
fn cvm_list(card: &CardSpec) -> Vec<u8> {
    let mut list = vec![0; 8];
    if card.pin.is_some() {
        list.extend([0x41, 0x03]);
    }
    list.extend([0x42, 0x03, 0x1E, 0x03, 0x1F, 0x03]);
    list
}

/// Appends one BER-TLV object whose tag is given as its wire bytes, for the simulators' FCI
/// and response builders; the encoding is [`tlv::push`] (lengths past 127 bytes included).
pub fn push_tlv(out: &mut Vec<u8>, tag: &[u8], value: &[u8]) {
    tlv::push(out, Tag::from_bytes(tag).0, value);
}

/// A DOL as `(tag bytes, length)` pairs, `None` when it is malformed; the parsing is
/// `codec::emv::parse_dol`.
pub fn parse_dol(dol: &[u8]) -> Option<Vec<(Vec<u8>, usize)>> {
    let entries = emv::parse_dol(dol).ok()?;
    Some(
        entries
            .iter()
            .map(|e| (Tag(e.tag).bytes(), e.len))
            .collect(),
    )
}

fn last_day(yymm: &str) -> &'static str {
    let yy: u32 = yymm.get(..2).and_then(|s| s.parse().ok()).unwrap_or(0);
    match yymm.get(2..4) {
        Some("02") if yy % 4 == 0 => "29",
        Some("02") => "28",
        Some("04") | Some("06") | Some("09") | Some("11") => "30",
        _ => "31",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dol_parse() {
        let d = parse_hex("9F1A029F02065F2A029A039C019F3704").unwrap();
        let p = parse_dol(&d).unwrap();
        assert_eq!(p.len(), 6);
        assert_eq!(p.iter().map(|x| x.1).sum::<usize>(), 2 + 6 + 2 + 3 + 1 + 4);
    }

    #[test]
    fn long_values_get_long_lengths() {
        let mut out = Vec::new();
        push_tlv(&mut out, &[0x9F, 0x4B], &[0xAB; 200]);
        assert_eq!(&out[..4], &[0x9F, 0x4B, 0x81, 200]);
        let t = crate::codec::tlv::parse(&out).unwrap();
        assert_eq!(t[0].value, vec![0xAB; 200]);
    }
}
