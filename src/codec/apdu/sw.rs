//! The status-word catalogue (ISO/IEC 7816-4 §5.1.3 with EMV usage, protocols.md §4.3):
//! meaning and class of SW1 SW2; unknown words are kept verbatim in the text.

use serde::Serialize;
use std::fmt;

/// Broad class of a status word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SwClass {
    /// 9000 (and 61xx at TPDU level: more data is waiting).
    Success,
    /// 61xx / 6Cxx: a transport instruction (GET RESPONSE / resend with Le).
    Transport,
    /// 62xx / 63xx: processed with a warning.
    Warning,
    /// 64xx–6Fxx: execution or checking error.
    Error,
    /// Other 9xxx: application-specific.
    Proprietary,
    /// Not a valid SW1.
    Invalid,
}

impl SwClass {
    pub fn as_str(self) -> &'static str {
        match self {
            SwClass::Success => "success",
            SwClass::Transport => "transport",
            SwClass::Warning => "warning",
            SwClass::Error => "error",
            SwClass::Proprietary => "proprietary",
            SwClass::Invalid => "invalid",
        }
    }
}

/// Meaning of a status word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SwInfo {
    pub text: String,
    pub class: SwClass,
}

impl fmt::Display for SwInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

use SwClass::*;

/// Status words with a fixed meaning.
const CATALOGUE: &[(u8, u8, &str, SwClass)] = &[
    (0x90, 0x00, "success", Success),
    (
        0x62,
        0x00,
        "warning: state of non-volatile memory unchanged",
        Warning,
    ),
    (
        0x62,
        0x81,
        "warning: part of returned data may be corrupted",
        Warning,
    ),
    (
        0x62,
        0x82,
        "warning: end of file or record reached before Le bytes",
        Warning,
    ),
    (
        0x62,
        0x83,
        "selected file deactivated (EMV SELECT: application blocked)",
        Warning,
    ),
    (
        0x62,
        0x84,
        "FCI not formatted according to ISO 7816-4",
        Warning,
    ),
    (0x62, 0x85, "selected file in termination state", Warning),
    (
        0x63,
        0x00,
        "warning: verification failed (EXTERNAL AUTHENTICATE: authentication failed)",
        Warning,
    ),
    (
        0x63,
        0x81,
        "warning: file filled up by the last write",
        Warning,
    ),
    (
        0x64,
        0x00,
        "execution error: state of non-volatile memory unchanged",
        Error,
    ),
    (
        0x65,
        0x00,
        "execution error: state of non-volatile memory changed",
        Error,
    ),
    (0x65, 0x81, "memory failure (card hardware fault)", Error),
    (0x67, 0x00, "wrong length", Error),
    (0x68, 0x00, "functions in CLA not supported", Error),
    (0x68, 0x81, "logical channel not supported", Error),
    (0x68, 0x82, "secure messaging not supported", Error),
    (0x68, 0x83, "last command of the chain expected", Error),
    (0x68, 0x84, "command chaining not supported", Error),
    (0x69, 0x00, "command not allowed", Error),
    (
        0x69,
        0x81,
        "command incompatible with file structure",
        Error,
    ),
    (0x69, 0x82, "security status not satisfied", Error),
    (
        0x69,
        0x83,
        "authentication method blocked (PIN blocked)",
        Error,
    ),
    (0x69, 0x84, "reference data not usable", Error),
    (
        0x69,
        0x85,
        "conditions of use not satisfied (EMV GPO: drop this application and reselect)",
        Error,
    ),
    (0x69, 0x86, "command not allowed: no current EF", Error),
    (
        0x69,
        0x87,
        "expected secure-messaging data objects missing",
        Error,
    ),
    (0x69, 0x88, "incorrect secure-messaging data objects", Error),
    (0x6A, 0x00, "wrong parameters P1-P2", Error),
    (0x6A, 0x80, "incorrect data field", Error),
    (
        0x6A,
        0x81,
        "function not supported (EMV SELECT PSE: card blocked)",
        Error,
    ),
    (0x6A, 0x82, "file or application not found", Error),
    (0x6A, 0x83, "record not found", Error),
    (0x6A, 0x84, "not enough memory space in the file", Error),
    (0x6A, 0x85, "Nc inconsistent with TLV structure", Error),
    (0x6A, 0x86, "incorrect parameters P1-P2", Error),
    (0x6A, 0x87, "Nc inconsistent with P1-P2", Error),
    (0x6A, 0x88, "referenced data not found", Error),
    (0x6B, 0x00, "wrong parameters P1-P2", Error),
    (0x6D, 0x00, "instruction code not supported", Error),
    (0x6E, 0x00, "class not supported", Error),
    (0x6F, 0x00, "no precise diagnosis (card OS error)", Error),
];

/// The status-word catalogue (ISO 7816-4 with EMV usage, §4.3). Unknown words are kept
/// verbatim in the text.
pub fn sw_info(sw1: u8, sw2: u8) -> SwInfo {
    let (text, class) = match CATALOGUE.iter().find(|(a, b, ..)| (*a, *b) == (sw1, sw2)) {
        Some(&(_, _, text, class)) => (text.to_string(), class),
        None => counted(sw1, sw2).unwrap_or_else(|| generic(sw1, sw2)),
    };
    SwInfo { text, class }
}

/// Words whose SW2 is a count: bytes waiting (`61xx`), the right Le (`6Cxx`), tries left
/// (`63Cx`).
fn counted(sw1: u8, sw2: u8) -> Option<(String, SwClass)> {
    let bytes = if sw2 == 0 { 256 } else { usize::from(sw2) };
    Some(match (sw1, sw2) {
        (0x61, n) => (
            format!("{bytes} more bytes available: send GET RESPONSE (00 C0 00 00 {n:02X})"),
            Transport,
        ),
        (0x6C, n) => (
            format!("wrong Le: resend with Le={n:02X} ({bytes} bytes available)"),
            Transport,
        ),
        (0x63, n) if n & 0xF0 == 0xC0 => (
            format!(
                "verification failed, {} tr{} left",
                n & 0x0F,
                if n & 0x0F == 1 { "y" } else { "ies" }
            ),
            Warning,
        ),
        _ => return None,
    })
}

/// What SW1 alone says about a word the catalogue does not list.
fn generic(sw1: u8, sw2: u8) -> (String, SwClass) {
    match sw1 {
        0x62 => (format!("warning (state unchanged), SW2={sw2:02X}"), Warning),
        0x63 => (format!("warning (state changed), SW2={sw2:02X}"), Warning),
        0x64..=0x6F => (
            format!("error {sw1:02X}{sw2:02X} (not in the catalogue)"),
            Error,
        ),
        0x90..=0x9F => (
            format!("{sw1:02X}{sw2:02X} (application-specific status, not in the catalogue)"),
            Proprietary,
        ),
        _ => (
            format!("{sw1:02X}{sw2:02X}: not a valid status word"),
            Invalid,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sw() {
        assert_eq!(
            sw_info(0x63, 0xC2).text,
            "verification failed, 2 tries left"
        );
        assert_eq!(sw_info(0x90, 0x00).class, SwClass::Success);
        assert!(sw_info(0x6A, 0x99).text.contains("6A99"));
    }

    #[test]
    fn catalogue_has_no_duplicates() {
        for (i, (a, b, ..)) in CATALOGUE.iter().enumerate() {
            assert!(
                !CATALOGUE[..i].iter().any(|(x, y, ..)| (x, y) == (a, b)),
                "{a:02X}{b:02X}"
            );
        }
    }
}
