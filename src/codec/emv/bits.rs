//! Bit maps of EMV data elements (EMV 4.3 Book 3 Annex C, EMV 4.4 additions): TVR, TSI, AIP,
//! AUC, terminal capabilities; and the coded values of CID, CVM list rules and CVM results.

/// One bit of a bit map: `byte` is 1-based, `mask` in hex as EMV writes it (`0x80` = b8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bit {
    pub byte: u8,
    pub mask: u8,
    pub set: bool,
    pub meaning: &'static str,
}

type Map = &'static [(u8, u8, &'static str)];

const TVR: Map = &[
    (1, 0x80, "offline data authentication was not performed"),
    (1, 0x40, "SDA failed"),
    (1, 0x20, "ICC data missing"),
    (1, 0x10, "card appears on terminal exception file"),
    (1, 0x08, "DDA failed"),
    (1, 0x04, "CDA failed"),
    (1, 0x02, "SDA selected"),
    (1, 0x01, "XDA selected (EMV 4.4; RFU before)"),
    (
        2,
        0x80,
        "ICC and terminal have different application versions",
    ),
    (2, 0x40, "expired application"),
    (2, 0x20, "application not yet effective"),
    (2, 0x10, "requested service not allowed for card product"),
    (2, 0x08, "new card"),
    (2, 0x04, "RFU"),
    (
        2,
        0x02,
        "biometric performed and successful (EMV 4.4; RFU before)",
    ),
    (
        2,
        0x01,
        "biometric template format not supported (EMV 4.4; RFU before)",
    ),
    (3, 0x80, "cardholder verification was not successful"),
    (3, 0x40, "unrecognised CVM"),
    (3, 0x20, "PIN try limit exceeded"),
    (
        3,
        0x10,
        "PIN entry required and PIN pad not present or not working",
    ),
    (
        3,
        0x08,
        "PIN entry required, PIN pad present, but PIN was not entered",
    ),
    (3, 0x04, "online PIN entered"),
    (
        3,
        0x02,
        "biometric required but reader not present or not working (EMV 4.4; RFU before)",
    ),
    (
        3,
        0x01,
        "biometric required, reader present, but biometric not entered (EMV 4.4; RFU before)",
    ),
    (4, 0x80, "transaction exceeds floor limit"),
    (4, 0x40, "lower consecutive offline limit exceeded"),
    (4, 0x20, "upper consecutive offline limit exceeded"),
    (
        4,
        0x10,
        "transaction selected randomly for online processing",
    ),
    (4, 0x08, "merchant forced transaction online"),
    (4, 0x04, "RFU"),
    (4, 0x02, "RFU"),
    (
        4,
        0x01,
        "XDA signature verification failed (EMV 4.4; RFU before)",
    ),
    (5, 0x80, "default TDOL used"),
    (5, 0x40, "issuer authentication failed"),
    (5, 0x20, "script processing failed before final GENERATE AC"),
    (5, 0x10, "script processing failed after final GENERATE AC"),
    (5, 0x08, "RFU"),
    (5, 0x04, "CA ECC key missing (EMV 4.4; RFU before)"),
    (5, 0x02, "ECC key recovery failed (EMV 4.4; RFU before)"),
    (5, 0x01, "RFU"),
];

const TSI: Map = &[
    (1, 0x80, "offline data authentication was performed"),
    (1, 0x40, "cardholder verification was performed"),
    (1, 0x20, "card risk management was performed"),
    (1, 0x10, "issuer authentication was performed"),
    (1, 0x08, "terminal risk management was performed"),
    (1, 0x04, "script processing was performed"),
    (1, 0x02, "RFU"),
    (1, 0x01, "RFU"),
];

const AIP: Map = &[
    (1, 0x80, "XDA supported (EMV 4.4; RFU before)"),
    (1, 0x40, "SDA supported"),
    (1, 0x20, "DDA supported"),
    (1, 0x10, "cardholder verification is supported"),
    (1, 0x08, "terminal risk management is to be performed"),
    (1, 0x04, "issuer authentication is supported"),
    (
        1,
        0x02,
        "on-device cardholder verification supported (EMV 4.4; RFU before)",
    ),
    (1, 0x01, "CDA supported"),
    (2, 0x80, "EMV mode supported (contactless kernels)"),
    (
        2,
        0x01,
        "relay resistance protocol supported (contactless kernels)",
    ),
];

const AUC: Map = &[
    (1, 0x80, "valid for domestic cash transactions"),
    (1, 0x40, "valid for international cash transactions"),
    (1, 0x20, "valid for domestic goods"),
    (1, 0x10, "valid for international goods"),
    (1, 0x08, "valid for domestic services"),
    (1, 0x04, "valid for international services"),
    (1, 0x02, "valid at ATMs"),
    (1, 0x01, "valid at terminals other than ATMs"),
    (2, 0x80, "domestic cashback allowed"),
    (2, 0x40, "international cashback allowed"),
];

const TERM_CAPS: Map = &[
    (1, 0x80, "manual key entry"),
    (1, 0x40, "magnetic stripe"),
    (1, 0x20, "IC with contacts"),
    (2, 0x80, "plaintext PIN for ICC verification"),
    (2, 0x40, "enciphered PIN for online verification"),
    (2, 0x20, "signature (paper)"),
    (2, 0x10, "enciphered PIN for offline verification"),
    (2, 0x08, "no CVM required"),
    (3, 0x80, "SDA"),
    (3, 0x40, "DDA"),
    (3, 0x20, "card capture"),
    (3, 0x08, "CDA"),
];

const ADD_TERM_CAPS: Map = &[
    (1, 0x80, "cash"),
    (1, 0x40, "goods"),
    (1, 0x20, "services"),
    (1, 0x10, "cashback"),
    (1, 0x08, "inquiry"),
    (1, 0x04, "transfer"),
    (1, 0x02, "payment"),
    (1, 0x01, "administrative"),
    (2, 0x80, "cash deposit"),
    (3, 0x80, "numeric keys"),
    (3, 0x40, "alphabetic and special characters keys"),
    (3, 0x20, "command keys"),
    (3, 0x10, "function keys"),
    (4, 0x80, "print, attendant"),
    (4, 0x40, "print, cardholder"),
    (4, 0x20, "display, attendant"),
    (4, 0x10, "display, cardholder"),
    (4, 0x02, "code table 10"),
    (4, 0x01, "code table 9"),
    (5, 0x80, "code table 8"),
    (5, 0x40, "code table 7"),
    (5, 0x20, "code table 6"),
    (5, 0x10, "code table 5"),
    (5, 0x08, "code table 4"),
    (5, 0x04, "code table 3"),
    (5, 0x02, "code table 2"),
    (5, 0x01, "code table 1"),
];

const TTQ: Map = &[
    (1, 0x80, "magstripe mode (MSD) supported"),
    (1, 0x20, "EMV mode (qVSDC) supported"),
    (1, 0x10, "EMV contact chip supported"),
    (1, 0x08, "offline-only reader"),
    (1, 0x04, "online PIN supported"),
    (1, 0x02, "signature supported"),
    (
        1,
        0x01,
        "offline data authentication for online authorisations supported",
    ),
    (2, 0x80, "online cryptogram required"),
    (2, 0x40, "CVM required"),
    (2, 0x20, "(contact chip) offline PIN supported"),
    (3, 0x80, "issuer update processing supported"),
    (3, 0x40, "consumer device CVM supported"),
];

const CTQ: Map = &[
    (1, 0x80, "online PIN required"),
    (1, 0x40, "signature required"),
    (
        1,
        0x20,
        "go online if offline data authentication fails and reader is online capable",
    ),
    (
        1,
        0x10,
        "switch interface if offline data authentication fails",
    ),
    (1, 0x08, "go online if application expired"),
    (1, 0x04, "switch interface for cash transactions"),
    (1, 0x02, "switch interface for cashback transactions"),
    (2, 0x80, "consumer device CVM performed"),
    (2, 0x40, "card supports issuer update processing at the POS"),
];

fn decode(map: Map, v: &[u8]) -> Vec<Bit> {
    map.iter()
        .map(|&(byte, mask, meaning)| Bit {
            byte,
            mask,
            set: v.get(usize::from(byte) - 1).is_some_and(|b| b & mask != 0),
            meaning,
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
        match self {
            CryptogramType::Aac => "transaction declined",
            CryptogramType::Tc => "transaction approved offline",
            CryptogramType::Arqc => "online authorisation requested",
            CryptogramType::Rfu => "reserved for future use",
        }
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
        match self.reason {
            0 => "no information given",
            1 => "service not allowed",
            2 => "PIN try limit exceeded",
            3 => "issuer authentication failed",
            _ => "RFU",
        }
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

/// Meaning of a CVM code (b6–b1 of CVM rule byte 1).
pub fn cvm_method(code: u8) -> &'static str {
    match code & 0x3F {
        0x00 => "fail CVM processing",
        0x01 => "plaintext PIN verification performed by ICC",
        0x02 => "enciphered PIN verified online",
        0x03 => "plaintext PIN verification performed by ICC and signature (paper)",
        0x04 => "enciphered PIN verification performed by ICC",
        0x05 => "enciphered PIN verification performed by ICC and signature (paper)",
        0x1E => "signature (paper)",
        0x1F => "no CVM required",
        0x3F => "not available for use",
        0x06..=0x1D => "RFU (EMV)",
        0x20..=0x2F => "values reserved for the payment systems",
        _ => "values reserved for the issuer",
    }
}

/// Meaning of a CVM condition code (CVM rule byte 2).
pub fn cvm_condition(code: u8) -> &'static str {
    match code {
        0x00 => "always",
        0x01 => "if unattended cash",
        0x02 => "if not unattended cash and not manual cash and not purchase with cashback",
        0x03 => "if terminal supports the CVM",
        0x04 => "if manual cash",
        0x05 => "if purchase with cashback",
        0x06 => "if transaction is in the application currency and is under X value",
        0x07 => "if transaction is in the application currency and is over X value",
        0x08 => "if transaction is in the application currency and is under Y value",
        0x09 => "if transaction is in the application currency and is over Y value",
        0x0A..=0x7F => "RFU",
        _ => "reserved for use by individual payment systems",
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
    use crate::codec::DecodeError;
    if v.len() < 8 {
        return Err(DecodeError::truncated(
            "emv",
            v.len(),
            "8 bytes of amounts X and Y in a CVM list",
        ));
    }
    if (v.len() - 8) % 2 != 0 {
        return Err(DecodeError::truncated(
            "emv",
            v.len(),
            "CVM rules of 2 bytes each",
        ));
    }
    let x = u32::from_be_bytes([v[0], v[1], v[2], v[3]]);
    let y = u32::from_be_bytes([v[4], v[5], v[6], v[7]]);
    let rules = v[8..]
        .chunks_exact(2)
        .map(|c| CvmRule {
            code: c[0] & 0x3F,
            apply_next_if_fails: c[0] & 0x40 != 0,
            condition: c[1],
        })
        .collect();
    Ok(CvmList { x, y, rules })
}

/// CVM Results (`9F34`): the CVM performed, its condition, and the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CvmResults {
    pub rule: CvmRule,
    pub result: u8,
}

impl CvmResults {
    pub fn result_text(&self) -> &'static str {
        match self.result {
            0x00 => "unknown",
            0x01 => "failed",
            0x02 => "successful",
            _ => "RFU",
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
