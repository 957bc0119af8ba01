//! Bit maps of EMV data elements (EMV 4.3 Book 3 Annex C, EMV 4.4 additions): TVR, TSI, AIP,
//! AUC, terminal capabilities; and the coded values of CID, CVM list rules and CVM results.

use crate::codec::nomkit::{at_end, fail, Fail, In, Res};
use crate::i18n::{tr_static, Lang};
use nom::multi::many0;
use nom::number::complete::be_u8;
use nom::Parser;

/// One bit of a bit map: `byte` is 1-based, `mask` in hex as EMV writes it (`0x80` = b8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bit {
    pub byte: u8,
    pub mask: u8,
    pub set: bool,
    /// The meaning in English.
    pub meaning: &'static str,
    /// The catalogue id of the meaning (`codes-tvr-b1-80`) for the maps the catalogue holds
    /// (every map: TVR, TSI, AIP, AUC, terminal capabilities, TTQ, CTQ); `None` only for a
    /// map row written in English.
    pub id: Option<&'static str>,
}

impl Bit {
    /// The meaning in `lang` (English for maps the catalogue does not hold).
    pub fn meaning_in(&self, lang: Lang) -> &'static str {
        self.id.map_or(self.meaning, |id| tr_static(lang, id))
    }
}

/// `(byte, mask, meaning)`: the meaning in English, or the catalogue id of it (`codes-…`),
/// which is then the one source of its text in every language.
type Map = &'static [(u8, u8, &'static str)];

const TVR: Map = &[
    (1, 0x80, "codes-tvr-b1-80"),
    (1, 0x40, "codes-tvr-b1-40"),
    (1, 0x20, "codes-tvr-b1-20"),
    (1, 0x10, "codes-tvr-b1-10"),
    (1, 0x08, "codes-tvr-b1-08"),
    (1, 0x04, "codes-tvr-b1-04"),
    (1, 0x02, "codes-tvr-b1-02"),
    (1, 0x01, "codes-tvr-b1-01"),
    (2, 0x80, "codes-tvr-b2-80"),
    (2, 0x40, "codes-tvr-b2-40"),
    (2, 0x20, "codes-tvr-b2-20"),
    (2, 0x10, "codes-tvr-b2-10"),
    (2, 0x08, "codes-tvr-b2-08"),
    (2, 0x04, "codes-tvr-b2-04"),
    (2, 0x02, "codes-tvr-b2-02"),
    (2, 0x01, "codes-tvr-b2-01"),
    (3, 0x80, "codes-tvr-b3-80"),
    (3, 0x40, "codes-tvr-b3-40"),
    (3, 0x20, "codes-tvr-b3-20"),
    (3, 0x10, "codes-tvr-b3-10"),
    (3, 0x08, "codes-tvr-b3-08"),
    (3, 0x04, "codes-tvr-b3-04"),
    (3, 0x02, "codes-tvr-b3-02"),
    (3, 0x01, "codes-tvr-b3-01"),
    (4, 0x80, "codes-tvr-b4-80"),
    (4, 0x40, "codes-tvr-b4-40"),
    (4, 0x20, "codes-tvr-b4-20"),
    (4, 0x10, "codes-tvr-b4-10"),
    (4, 0x08, "codes-tvr-b4-08"),
    (4, 0x04, "codes-tvr-b4-04"),
    (4, 0x02, "codes-tvr-b4-02"),
    (4, 0x01, "codes-tvr-b4-01"),
    (5, 0x80, "codes-tvr-b5-80"),
    (5, 0x40, "codes-tvr-b5-40"),
    (5, 0x20, "codes-tvr-b5-20"),
    (5, 0x10, "codes-tvr-b5-10"),
    (5, 0x08, "codes-tvr-b5-08"),
    (5, 0x04, "codes-tvr-b5-04"),
    (5, 0x02, "codes-tvr-b5-02"),
    (5, 0x01, "codes-tvr-b5-01"),
];

const TSI: Map = &[
    (1, 0x80, "codes-tsi-b1-80"),
    (1, 0x40, "codes-tsi-b1-40"),
    (1, 0x20, "codes-tsi-b1-20"),
    (1, 0x10, "codes-tsi-b1-10"),
    (1, 0x08, "codes-tsi-b1-08"),
    (1, 0x04, "codes-tsi-b1-04"),
    (1, 0x02, "codes-tsi-b1-02"),
    (1, 0x01, "codes-tsi-b1-01"),
];

const AIP: Map = &[
    (1, 0x80, "codes-aip-b1-80"),
    (1, 0x40, "codes-aip-b1-40"),
    (1, 0x20, "codes-aip-b1-20"),
    (1, 0x10, "codes-aip-b1-10"),
    (1, 0x08, "codes-aip-b1-08"),
    (1, 0x04, "codes-aip-b1-04"),
    (1, 0x02, "codes-aip-b1-02"),
    (1, 0x01, "codes-aip-b1-01"),
    (2, 0x80, "codes-aip-b2-80"),
    (2, 0x01, "codes-aip-b2-01"),
];

const AUC: Map = &[
    (1, 0x80, "codes-auc-b1-80"),
    (1, 0x40, "codes-auc-b1-40"),
    (1, 0x20, "codes-auc-b1-20"),
    (1, 0x10, "codes-auc-b1-10"),
    (1, 0x08, "codes-auc-b1-08"),
    (1, 0x04, "codes-auc-b1-04"),
    (1, 0x02, "codes-auc-b1-02"),
    (1, 0x01, "codes-auc-b1-01"),
    (2, 0x80, "codes-auc-b2-80"),
    (2, 0x40, "codes-auc-b2-40"),
];

const TERM_CAPS: Map = &[
    (1, 0x80, "codes-tcap-b1-80"),
    (1, 0x40, "codes-tcap-b1-40"),
    (1, 0x20, "codes-tcap-b1-20"),
    (2, 0x80, "codes-tcap-b2-80"),
    (2, 0x40, "codes-tcap-b2-40"),
    (2, 0x20, "codes-tcap-b2-20"),
    (2, 0x10, "codes-tcap-b2-10"),
    (2, 0x08, "codes-tcap-b2-08"),
    (3, 0x80, "codes-tcap-b3-80"),
    (3, 0x40, "codes-tcap-b3-40"),
    (3, 0x20, "codes-tcap-b3-20"),
    (3, 0x08, "codes-tcap-b3-08"),
];

const ADD_TERM_CAPS: Map = &[
    (1, 0x80, "codes-atcap-b1-80"),
    (1, 0x40, "codes-atcap-b1-40"),
    (1, 0x20, "codes-atcap-b1-20"),
    (1, 0x10, "codes-atcap-b1-10"),
    (1, 0x08, "codes-atcap-b1-08"),
    (1, 0x04, "codes-atcap-b1-04"),
    (1, 0x02, "codes-atcap-b1-02"),
    (1, 0x01, "codes-atcap-b1-01"),
    (2, 0x80, "codes-atcap-b2-80"),
    (3, 0x80, "codes-atcap-b3-80"),
    (3, 0x40, "codes-atcap-b3-40"),
    (3, 0x20, "codes-atcap-b3-20"),
    (3, 0x10, "codes-atcap-b3-10"),
    (4, 0x80, "codes-atcap-b4-80"),
    (4, 0x40, "codes-atcap-b4-40"),
    (4, 0x20, "codes-atcap-b4-20"),
    (4, 0x10, "codes-atcap-b4-10"),
    (4, 0x02, "codes-atcap-b4-02"),
    (4, 0x01, "codes-atcap-b4-01"),
    (5, 0x80, "codes-atcap-b5-80"),
    (5, 0x40, "codes-atcap-b5-40"),
    (5, 0x20, "codes-atcap-b5-20"),
    (5, 0x10, "codes-atcap-b5-10"),
    (5, 0x08, "codes-atcap-b5-08"),
    (5, 0x04, "codes-atcap-b5-04"),
    (5, 0x02, "codes-atcap-b5-02"),
    (5, 0x01, "codes-atcap-b5-01"),
];

const TTQ: Map = &[
    (1, 0x80, "codes-ttq-b1-80"),
    (1, 0x20, "codes-ttq-b1-20"),
    (1, 0x10, "codes-ttq-b1-10"),
    (1, 0x08, "codes-ttq-b1-08"),
    (1, 0x04, "codes-ttq-b1-04"),
    (1, 0x02, "codes-ttq-b1-02"),
    (1, 0x01, "codes-ttq-b1-01"),
    (2, 0x80, "codes-ttq-b2-80"),
    (2, 0x40, "codes-ttq-b2-40"),
    (2, 0x20, "codes-ttq-b2-20"),
    (3, 0x80, "codes-ttq-b3-80"),
    (3, 0x40, "codes-ttq-b3-40"),
];

const CTQ: Map = &[
    (1, 0x80, "codes-ctq-b1-80"),
    (1, 0x40, "codes-ctq-b1-40"),
    (1, 0x20, "codes-ctq-b1-20"),
    (1, 0x10, "codes-ctq-b1-10"),
    (1, 0x08, "codes-ctq-b1-08"),
    (1, 0x04, "codes-ctq-b1-04"),
    (1, 0x02, "codes-ctq-b1-02"),
    (2, 0x80, "codes-ctq-b2-80"),
    (2, 0x40, "codes-ctq-b2-40"),
];

fn decode(map: Map, v: &[u8]) -> Vec<Bit> {
    map.iter()
        .map(|&(byte, mask, text)| {
            let id = text.starts_with("codes-").then_some(text);
            Bit {
                byte,
                mask,
                set: v.get(usize::from(byte) - 1).is_some_and(|b| b & mask != 0),
                meaning: id.map_or(text, |id| tr_static(Lang::En, id)),
                id,
            }
        })
        .collect()
}

/// TVR (`95`, 5 bytes).
pub fn decode_tvr(v: &[u8]) -> Vec<Bit> {
    decode(TVR, v)
}

/// TSI (`9B`, 2 bytes).
pub fn decode_tsi(v: &[u8]) -> Vec<Bit> {
    decode(TSI, v)
}

/// AIP (`82`, 2 bytes).
pub fn decode_aip(v: &[u8]) -> Vec<Bit> {
    decode(AIP, v)
}

/// Application Usage Control (`9F07`, 2 bytes).
pub fn decode_auc(v: &[u8]) -> Vec<Bit> {
    decode(AUC, v)
}

/// Terminal capabilities (`9F33`, 3 bytes).
pub fn decode_term_caps(v: &[u8]) -> Vec<Bit> {
    decode(TERM_CAPS, v)
}

/// Additional terminal capabilities (`9F40`, 5 bytes).
pub fn decode_add_term_caps(v: &[u8]) -> Vec<Bit> {
    decode(ADD_TERM_CAPS, v)
}

/// Terminal Transaction Qualifiers (`9F66`, contactless, 4 bytes).
pub fn decode_ttq(v: &[u8]) -> Vec<Bit> {
    decode(TTQ, v)
}

/// Card Transaction Qualifiers (`9F6C`, contactless, 2 bytes).
pub fn decode_ctq(v: &[u8]) -> Vec<Bit> {
    decode(CTQ, v)
}

/// The cryptogram type in CID b8–b7.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CryptogramType {
    /// Application Authentication Cryptogram: declined.
    Aac,
    /// Transaction Certificate: approved offline.
    Tc,
    /// Authorisation Request Cryptogram: go online.
    Arqc,
    Rfu,
}

impl CryptogramType {
    pub fn from_bits(b: u8) -> Self {
        match b & 0xC0 {
            0x00 => CryptogramType::Aac,
            0x40 => CryptogramType::Tc,
            0x80 => CryptogramType::Arqc,
            _ => CryptogramType::Rfu,
        }
    }

    /// `AAC`, `TC`, `ARQC` or `RFU`.
    pub fn code(self) -> &'static str {
        match self {
            CryptogramType::Aac => "AAC",
            CryptogramType::Tc => "TC",
            CryptogramType::Arqc => "ARQC",
            CryptogramType::Rfu => "RFU",
        }
    }

    pub fn meaning(self) -> &'static str {
        self.meaning_in(Lang::En)
    }

    /// [`Self::meaning`] in `lang`.
    pub fn meaning_in(self, lang: Lang) -> &'static str {
        let id = match self {
            CryptogramType::Aac => "codes-cid-aac",
            CryptogramType::Tc => "codes-cid-tc",
            CryptogramType::Arqc => "codes-cid-arqc",
            CryptogramType::Rfu => "codes-cid-rfu",
        };
        tr_static(lang, id)
    }
}

/// Cryptogram Information Data (`9F27`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cid {
    pub raw: u8,
    pub kind: CryptogramType,
    /// b6–b5, payment-system specific.
    pub scheme_bits: u8,
    pub advice_required: bool,
    /// b3–b1.
    pub reason: u8,
}

impl Cid {
    pub fn reason_text(&self) -> &'static str {
        self.reason_text_in(Lang::En)
    }

    /// [`Self::reason_text`] in `lang`.
    pub fn reason_text_in(&self, lang: Lang) -> &'static str {
        let id = match self.reason {
            0 => "codes-cid-reason-0",
            1 => "codes-cid-reason-1",
            2 => "codes-cid-reason-2",
            3 => "codes-cid-reason-3",
            _ => "codes-cid-reason-rfu",
        };
        tr_static(lang, id)
    }
}

/// Decodes CID; `None` for an empty value.
pub fn decode_cid(v: &[u8]) -> Option<Cid> {
    let b = *v.first()?;
    Some(Cid {
        raw: b,
        kind: CryptogramType::from_bits(b),
        scheme_bits: (b >> 4) & 0x03,
        advice_required: b & 0x08 != 0,
        reason: b & 0x07,
    })
}

/// Meaning of a CVM code (b6–b1 of CVM rule byte 1), in English.
pub fn cvm_method(code: u8) -> &'static str {
    tr_static(Lang::En, cvm_method_id(code))
}

/// The catalogue id of a CVM code's meaning (EMV Book 3 Annex C3).
pub fn cvm_method_id(code: u8) -> &'static str {
    match code & 0x3F {
        0x00 => "codes-cvm-method-fail",
        0x01 => "codes-cvm-method-01",
        0x02 => "codes-cvm-method-02",
        0x03 => "codes-cvm-method-03",
        0x04 => "codes-cvm-method-04",
        0x05 => "codes-cvm-method-05",
        0x1E => "codes-cvm-method-1e",
        0x1F => "codes-cvm-method-1f",
        0x3F => "codes-cvm-method-3f",
        0x06..=0x1D => "codes-cvm-method-rfu",
        0x20..=0x2F => "codes-cvm-method-scheme",
        _ => "codes-cvm-method-issuer",
    }
}

/// Meaning of a CVM condition code (CVM rule byte 2), in English.
pub fn cvm_condition(code: u8) -> &'static str {
    tr_static(Lang::En, cvm_condition_id(code))
}

/// The catalogue id of a CVM condition code's meaning (EMV Book 3 Annex C3).
pub fn cvm_condition_id(code: u8) -> &'static str {
    match code {
        0x00 => "codes-cvm-condition-00",
        0x01 => "codes-cvm-condition-01",
        0x02 => "codes-cvm-condition-02",
        0x03 => "codes-cvm-condition-03",
        0x04 => "codes-cvm-condition-04",
        0x05 => "codes-cvm-condition-05",
        0x06 => "codes-cvm-condition-06",
        0x07 => "codes-cvm-condition-07",
        0x08 => "codes-cvm-condition-08",
        0x09 => "codes-cvm-condition-09",
        0x0A..=0x7F => "codes-cvm-condition-rfu",
        _ => "codes-cvm-condition-scheme",
    }
}

/// One CVM rule of a CVM list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CvmRule {
    /// b6–b1 of byte 1.
    pub code: u8,
    /// b7 of byte 1: apply the next rule if this one fails.
    pub apply_next_if_fails: bool,
    pub condition: u8,
}

impl CvmRule {
    pub fn method(&self) -> &'static str {
        cvm_method(self.code)
    }

    pub fn condition_text(&self) -> &'static str {
        cvm_condition(self.condition)
    }
}

/// A CVM list (`8E`): amounts X and Y (binary, in the application currency) and the rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CvmList {
    pub x: u32,
    pub y: u32,
    pub rules: Vec<CvmRule>,
}

/// Parses a CVM list: 8 bytes of amounts then 2-byte rules.
pub fn parse_cvm_list(v: &[u8]) -> Result<CvmList, crate::codec::DecodeError> {
    crate::codec::nomkit::finish("emv", v, cvm_list).map(|(_, l)| l)
}

/// Amounts X and Y (4 bytes each), then rules of 2 bytes to the end; a short input is
/// truncated at its end.
fn cvm_list(i: In<'_>) -> Res<'_, CvmList> {
    use crate::codec::DecodeErrorKind::Truncated;
    use nom::number::complete::be_u32;
    let Ok((at_rules, (x, y))) = (be_u32::<_, Fail<'_>>, be_u32).parse(i) else {
        return fail(
            at_end(i),
            Truncated,
            "8 bytes of amounts X and Y in a CVM list",
        );
    };
    let rule = (be_u8, be_u8).map(|(b1, b2)| CvmRule {
        code: b1 & 0x3F,
        apply_next_if_fails: b1 & 0x40 != 0,
        condition: b2,
    });
    let (rest, rules) = many0(rule).parse(at_rules)?;
    if !rest.is_empty() {
        return fail(at_end(rest), Truncated, "CVM rules of 2 bytes each");
    }
    Ok((rest, CvmList { x, y, rules }))
}

/// CVM Results (`9F34`): the CVM performed, its condition, and the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CvmResults {
    pub rule: CvmRule,
    pub result: u8,
}

impl CvmResults {
    pub fn result_text(&self) -> &'static str {
        tr_static(Lang::En, self.result_id())
    }

    /// The catalogue id of the result byte's meaning (Book 4 Annex A4).
    pub fn result_id(&self) -> &'static str {
        match self.result {
            0x00 => "codes-cvm-result-00",
            0x01 => "codes-cvm-result-01",
            0x02 => "codes-cvm-result-02",
            _ => "codes-cvm-result-rfu",
        }
    }
}

/// Decodes CVM Results; `None` unless exactly 3 bytes.
pub fn decode_cvm_results(v: &[u8]) -> Option<CvmResults> {
    let [b1, b2, b3] = <[u8; 3]>::try_from(v).ok()?;
    Some(CvmResults {
        rule: CvmRule {
            code: b1 & 0x3F,
            apply_next_if_fails: b1 & 0x40 != 0,
            condition: b2,
        },
        result: b3,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every TVR and TSI bit has its meaning in both languages (ids made from the tables).
    #[test]
    fn tvr_and_tsi_meanings_are_in_the_catalogue() {
        for (map, n) in [(TVR, 40), (TSI, 8), (AIP, 10), (AUC, 10)] {
            assert_eq!(map.len(), n);
            for (_, _, id) in map {
                for lang in [Lang::En, Lang::ZhCn] {
                    assert!(crate::i18n::has(lang, id), "{id} missing in {lang:?}");
                }
            }
        }
        let b = decode_tvr(&[0x80, 0, 0, 0, 0])[0];
        assert_eq!(b.meaning, "offline data authentication was not performed");
        assert_eq!(b.meaning_in(Lang::ZhCn), "未进行脱机数据认证");
        assert!(b.set);
    }

    /// Every CVM method, condition and result code has its meaning in both languages.
    #[test]
    fn cvm_meanings_are_in_the_catalogue() {
        let results = (0..=3u8).map(|r| {
            let rule = CvmRule {
                code: 0,
                apply_next_if_fails: false,
                condition: 0,
            };
            CvmResults { rule, result: r }.result_id()
        });
        let ids: Vec<&str> = (0..=255u8)
            .flat_map(|c| [cvm_method_id(c), cvm_condition_id(c)])
            .chain(results)
            .collect();
        for id in ids {
            for lang in [Lang::En, Lang::ZhCn] {
                assert!(crate::i18n::has(lang, id), "{id} missing in {lang:?}");
            }
        }
        assert_eq!(cvm_method(0x02), "enciphered PIN verified online");
        assert_eq!(
            tr_static(Lang::ZhCn, cvm_method_id(0x42)),
            "联机加密 PIN 验证"
        );
    }
}
