//! Sans-IO decoders and encoders for every layer the bench sees: magstripe tracks, ATR,
//! APDU and T=0, BER-TLV and EMV, ISO 8583 with its framings, the CRT-310 and MSR605 reader
//! frames (shared by drivers and simulators). Bytes in, owned values out;
//! nom's error types stay inside each module.

pub mod apdu;
pub mod atr;
pub mod creator;
pub mod crt310;
pub mod crt591;
pub mod emv;
mod error_text;
pub mod iso8583;
pub mod msr605;
pub(crate) mod nomkit;
pub mod tlv;
pub mod track;

use thiserror::Error;

/// What went wrong, broadly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// Input ended before the structure did.
    Truncated,
    /// A byte or field that the format does not allow.
    Invalid,
    /// A checksum (LRC, BCC, TCK) does not match.
    Checksum,
    /// Nesting deeper than the cap.
    TooDeep,
    /// A length larger than the format or the cap allows.
    TooLong,
}

/// A decode failure at a byte offset, saying what was expected there.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{layer}: at byte {offset}: expected {expected}")]
pub struct DecodeError {
    /// Which decoder (`track`, `atr`, `apdu`, `tlv`, `8583`, `cups`…).
    pub layer: &'static str,
    pub kind: DecodeErrorKind,
    /// Offset in the input where the problem was found.
    pub offset: usize,
    pub expected: String,
}

impl DecodeError {
    pub fn new(
        layer: &'static str,
        kind: DecodeErrorKind,
        offset: usize,
        expected: impl Into<String>,
    ) -> Self {
        DecodeError {
            layer,
            kind,
            offset,
            expected: expected.into(),
        }
    }

    pub fn truncated(layer: &'static str, offset: usize, expected: impl Into<String>) -> Self {
        Self::new(layer, DecodeErrorKind::Truncated, offset, expected)
    }

    pub fn invalid(layer: &'static str, offset: usize, expected: impl Into<String>) -> Self {
        Self::new(layer, DecodeErrorKind::Invalid, offset, expected)
    }
}

/// Something a decoder read past but a technician should know: a pad nibble that is not `0`/`F`,
/// a non-BER length byte read as "the bytes left". The decode went on; the warning says where.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DecodeWarning {
    /// Which decoder (`track`, `tlv`, `8583`…).
    pub layer: &'static str,
    /// Offset in the input of the byte the warning is about.
    pub offset: usize,
    /// What was found and how it was read.
    pub what: String,
}

impl std::fmt::Display for DecodeWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: warning at byte {}: {}",
            self.layer, self.offset, self.what
        )
    }
}
