//! ISO 8583:1987 messages: the field table as data (`spec`), two packings (pyiso8583's
//! `default_ascii` conventions and the China UnionPay POS binary packing), primary and
//! secondary bitmaps, encode (`pack`) and decode (`unpack`); transport framings (`framing`), the response-code
//! catalogue (`rc`), masked display of card fields and CUPS field 60 (`display`), the fields
//! that name an original transaction, DE90 and DE61 (`original`).

pub mod display;
pub mod frame_hint;
pub mod framing;
pub mod original;
mod owned;
mod pack;
pub mod rc;
pub mod signon;
pub mod spec;
mod unpack;
pub mod view;

use spec::{FieldSpec, Kind, LenType};
use std::collections::BTreeMap;
use std::fmt;
use thiserror::Error;

pub use framing::{CupsHeader, Frame, Framing};
pub use owned::{decode_buf, MessageBuf};
pub use pack::encode;
pub use unpack::{decode, decode_prefix};
pub use view::{view, view_prefix, FieldRef, FieldValue, MessageView};

const LAYER: &str = "8583";

/// How fields are packed on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Packing {
    /// Everything ASCII text (pyiso8583 `default_ascii`): MTI 4 chars, bitmaps 16 hex chars,
    /// ASCII length prefixes, binary fields as upper-case hex.
    Ascii,
    /// China UnionPay POS: BCD MTI and numerics (odd lengths right-aligned, except DE22 and the
    /// variable-length numerics, which are left-aligned), binary bitmap,
    /// BCD LL (1 byte) / LLL (2 bytes), ASCII text fields, raw binary fields.
    Cups,
}

impl Packing {
    pub fn as_str(self) -> &'static str {
        match self {
            Packing::Ascii => "ascii",
            Packing::Cups => "cups",
        }
    }

    pub fn parse(s: &str) -> Option<Packing> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ascii" => Some(Packing::Ascii),
            "cups" | "bcd" => Some(Packing::Cups),
            _ => None,
        }
    }
}

/// A field value: text (digits, track data, ASCII) or bytes (binary fields, or text fields
/// holding non-ASCII bytes, kept verbatim).
#[derive(Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Bytes(Vec<u8>),
}

/// Does not print the value: a bare value does not know whether it is card data.
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(t) => write!(f, "Text(<{} chars>)", t.len()),
            Value::Bytes(b) => write!(f, "Bytes(<{} bytes>)", b.len()),
        }
    }
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    /// The value as text, when it is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            Value::Bytes(_) => None,
        }
    }

    /// The value's bytes: binary as is, text as its ASCII bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Value::Text(s) => s.as_bytes(),
            Value::Bytes(b) => b,
        }
    }
}

/// DE39 of the reversal a terminal owes when the card declined (`cid2` `00`, AAC) at
/// GENERATE AC 2 a sale the host approved: `06` (EMV Book 4 §12.2.4; a CUPS terminal's reason,
/// pos-emv notes §1.7); `None` when no reversal is due. The one decision of the bench's chip
/// step and the POS simulator.
pub fn chip_reversal_reason(host_approved: bool, cid2: Option<&str>) -> Option<&'static str> {
    (host_approved && cid2 == Some("00")).then_some("06")
}

/// An ISO 8583 message: MTI and fields by number (2–128; the bitmaps are derived).
/// `Debug` masks card data like the explain output does.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Message {
    pub mti: String,
    pub fields: BTreeMap<u8, Value>,
}

impl Message {
    /// The 0400 reversal of this financial request with `reason` in DE39 (CUPS, notes §1.7:
    /// `98` no reply, `96` reply received but the terminal could not complete, `A0` reply MAC
    /// failed, `06` other — among them a card that declined at GENERATE AC 2 after the host
    /// approved, EMV Book 4 §12.2.4): the original's fields 2 3 4 11 14 22 23 25 35 38 41 42
    /// 49 55 60, those it has. The one builder of the bench's client and the POS simulator.
    pub fn reversal_of(&self, reason: &str) -> Message {
        let mut r = Message::new("0400");
        for n in [2u8, 3, 4, 11, 14, 22, 23, 25, 35, 38, 41, 42, 49, 55, 60] {
            if let Some(v) = self.get(n) {
                r.fields.insert(n, v.clone());
            }
        }
        r.set(39, reason);
        r
    }

    pub fn new(mti: impl Into<String>) -> Message {
        Message {
            mti: mti.into(),
            fields: BTreeMap::new(),
        }
    }

    /// Sets a text field (builder style).
    pub fn with(mut self, num: u8, text: impl Into<String>) -> Message {
        self.fields.insert(num, Value::Text(text.into()));
        self
    }

    pub fn set(&mut self, num: u8, text: impl Into<String>) {
        self.fields.insert(num, Value::Text(text.into()));
    }

    pub fn set_bytes(&mut self, num: u8, bytes: Vec<u8>) {
        self.fields.insert(num, Value::Bytes(bytes));
    }

    pub fn get(&self, num: u8) -> Option<&Value> {
        self.fields.get(&num)
    }

    /// A field's text (None when absent or binary).
    pub fn text(&self, num: u8) -> Option<&str> {
        self.fields.get(&num).and_then(Value::as_text)
    }

    /// The response MTI for a request MTI (`0200` → `0210`, `0400` → `0410`).
    pub fn response_mti(mti: &str) -> Option<String> {
        let b = mti.as_bytes();
        if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let func = b[2] - b'0';
        if func % 2 != 0 {
            return None;
        }
        let mut out = mti.to_string();
        out.replace_range(2..3, &(func + 1).to_string());
        Some(out)
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        m.entry(&"mti", &self.mti);
        for (n, v) in &self.fields {
            m.entry(n, &display::display_value(*n, v));
        }
        m.finish()
    }
}

/// Where a field sits in the decoded buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpan {
    pub num: u8,
    /// Offset of the length prefix (or of the data for fixed fields).
    pub start: usize,
    /// Length of the length prefix in bytes.
    pub prefix_len: usize,
    /// Length of the data in bytes.
    pub data_len: usize,
}

impl FieldSpan {
    pub fn data_start(&self) -> usize {
        self.start + self.prefix_len
    }
    pub fn end(&self) -> usize {
        self.start + self.prefix_len + self.data_len
    }
}

/// A decoded message with the byte position of every part.
#[derive(Clone, Debug)]
pub struct Decoded {
    pub message: Message,
    pub packing: Packing,
    /// Primary (and secondary) bitmap bytes as they were on the wire, decoded to 8/16 bytes.
    pub bitmap: Vec<u8>,
    pub spans: Vec<FieldSpan>,
    /// Bytes consumed (the whole input when decoding succeeded).
    pub consumed: usize,
    /// What was read past with a remark (a CUPS pad nibble that is not `0`/`F`).
    pub warnings: Vec<crate::codec::DecodeWarning>,
}

/// Why a message could not be encoded.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EncodeError {
    #[error("MTI {0:?}: expected 4 digits")]
    BadMti(String),
    #[error("field {0} does not exist in ISO 8583:1987 (1-128; 1 is the secondary bitmap)")]
    NoSuchField(u8),
    #[error("field {num} ({name}): {reason}")]
    Field {
        num: u8,
        name: &'static str,
        reason: String,
    },
}

fn ferr(spec: &FieldSpec, reason: impl Into<String>) -> EncodeError {
    EncodeError::Field {
        num: spec.num,
        name: spec.name,
        reason: reason.into(),
    }
}

fn prefix_len(spec: &FieldSpec, packing: Packing) -> usize {
    match (spec.len, packing) {
        (LenType::Fixed, _) => 0,
        (LenType::LlVar, Packing::Ascii) => 2,
        (LenType::LllVar, Packing::Ascii) => 3,
        (LenType::LlVar, Packing::Cups) => 1,
        (LenType::LllVar, Packing::Cups) => 2,
    }
}

/// Maximum length in the units the length prefix counts.
fn max_units(spec: &FieldSpec, packing: Packing) -> usize {
    let m = usize::from(spec.max);
    if spec.kind == Kind::B && packing == Packing::Ascii {
        m * 2
    } else {
        m
    }
}

/// Field numbers set in a bitmap (bit 1 included when set).
pub fn bitmap_fields(bitmap: &[u8]) -> Vec<u8> {
    // Bit 1 is the high bit of the first byte; two bitmaps (16 bytes) name at most 128 fields.
    (1u8..=128)
        .zip(bits(bitmap))
        .filter_map(|(num, set)| set.then_some(num))
        .collect()
}

/// The bits of a bitmap, high bit of the first byte first.
fn bits(bitmap: &[u8]) -> impl Iterator<Item = bool> + '_ {
    bitmap
        .iter()
        .flat_map(|&b| (0..8).map(move |k| b & (0x80 >> k) != 0))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn pyiso8583_echo_vector() {
        let m = Message::new("0800")
            .with(7, "1126123456")
            .with(11, "000001")
            .with(70, "301");
        let e = encode(&m, Packing::Ascii).unwrap();
        assert_eq!(
            String::from_utf8(e.clone()).unwrap(),
            "0800822000000000000004000000000000001126123456000001301"
        );
        assert_eq!(decode(&e, Packing::Ascii).unwrap().message, m);
    }

    #[test]
    fn cups_left_aligned_odd() {
        let m = Message::new("0200").with(22, "071").with(2, "123");
        let e = encode(&m, Packing::Cups).unwrap();
        // MTI, bitmap, DE2 LL=03 + 12 30, DE22 07 10
        assert_eq!(&e[10..], &[0x03, 0x12, 0x30, 0x07, 0x10]);
        assert_eq!(decode(&e, Packing::Cups).unwrap().message, m);
    }

    #[test]
    fn response_mti() {
        assert_eq!(Message::response_mti("0200").as_deref(), Some("0210"));
        assert_eq!(Message::response_mti("0810"), None);
    }
}
