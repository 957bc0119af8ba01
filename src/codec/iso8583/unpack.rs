//! Decoding a message body (MTI, bitmaps, fields) in either packing into an owned
//! [`Message`]: the nom parser of [`super::view`] reads it in place, this module turns each
//! field into its value. Errors name the byte offset and the field.

use super::view::{view, view_prefix, FieldRef, FieldValue, MessageView, HEX_VALUE};
use super::{Decoded, FieldSpan, Message, Packing, Value};
use crate::codec::nomkit::{is_bcd_byte, nibbles};
use crate::codec::DecodeError;

/// `ndigits` BCD digits from `bytes` as text (a nibble above 9 as its upper-case hex digit: `D`
/// in track data), skipping the first nibble when the value is right-aligned with an odd count
/// (the pad nibble leads) and the last one when left-aligned.
fn bcd_text(bytes: &[u8], ndigits: usize, right_aligned: bool) -> String {
    let skip = usize::from(right_aligned && ndigits % 2 == 1);
    nibbles(bytes)
        .skip(skip)
        .take(ndigits)
        .map(|n| char::from_digit(u32::from(n), 16).map_or('?', |c| c.to_ascii_uppercase()))
        .collect()
}

/// The pad nibble of an odd-length BCD value and its byte offset in `data`, when there is one.
pub(super) fn pad_nibble(data: &[u8], ndigits: usize, right_aligned: bool) -> Option<(usize, u8)> {
    if ndigits % 2 == 0 {
        return None;
    }
    if right_aligned {
        data.first().map(|b| (0, b >> 4))
    } else {
        data.last().map(|b| (data.len() - 1, b & 0x0F))
    }
}

/// The first byte of a BCD numeric with a nibble above 9; the pad nibble (byte `pad_at`, high
/// nibble when right-aligned, low when left-aligned) is not checked. A hex nibble in a numeric
/// means a packing mismatch.
pub(super) fn bad_bcd_byte(data: &[u8], pad_at: Option<usize>, right: bool) -> Option<usize> {
    // The pad nibble is read as 0, so the byte is checked like any other.
    let pad_mask = if right { 0x0F } else { 0xF0 };
    data.iter()
        .enumerate()
        .map(|(k, &b)| if pad_at == Some(k) { b & pad_mask } else { b })
        .position(|b| !is_bcd_byte(b))
}

/// Hex text to bytes; `None` for an odd length or a byte that is not a hex digit. Branch-free
/// per byte (a table and an error flag): DE55 of an ASCII message is hundreds of characters.
fn from_hex_text(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let mut bad = 0u8;
    let out: Vec<u8> = bytes
        .chunks_exact(2)
        .map(|p| {
            let (h, l) = (HEX_VALUE[usize::from(p[0])], HEX_VALUE[usize::from(p[1])]);
            bad |= h | l;
            h << 4 | (l & 0x0F)
        })
        .collect();
    (bad & 0xF0 == 0).then_some(out)
}

/// The owned value of one field read in place.
fn value(f: &FieldRef<'_>, packing: Packing) -> Value {
    match f.value(packing) {
        FieldValue::Text(s) => Value::Text(s.to_owned()),
        FieldValue::Hex(h) => {
            from_hex_text(h.as_bytes()).map_or_else(|| Value::Text(h.to_owned()), Value::Bytes)
        }
        FieldValue::Bytes(b) => Value::Bytes(b.to_vec()),
        FieldValue::Bcd {
            bcd,
            digits,
            right_aligned,
        } => Value::Text(bcd_text(bcd, digits, right_aligned)),
    }
}

/// The owned message of a view.
fn own(v: MessageView<'_>, packing: Packing) -> Decoded {
    let mti = match packing {
        Packing::Cups => bcd_text(v.mti, 4, false),
        Packing::Ascii => v.mti.iter().map(|&x| char::from(x)).collect(),
    };
    let spans = v
        .fields
        .iter()
        .map(|f| FieldSpan {
            num: f.spec.num,
            start: f.start,
            prefix_len: f.prefix_len,
            data_len: f.data.len(),
        })
        .collect();
    // The fields come in ascending order: the map is built in one go from the sorted run
    // (`FromIterator` appends to the last leaf), not searched and split insert by insert.
    let fields = v
        .fields
        .iter()
        .map(|f| (f.spec.num, value(f, packing)))
        .collect();
    Decoded {
        message: Message { mti, fields },
        packing,
        bitmap: v.bitmap[..v.bitmap_len].to_vec(),
        spans,
        consumed: v.consumed,
        warnings: v.warnings,
    }
}

/// Decodes one message body (MTI onward, no framing). Every byte must be consumed.
pub fn decode(bytes: &[u8], packing: Packing) -> Result<Decoded, DecodeError> {
    Ok(own(view(bytes, packing)?, packing))
}

/// Decodes one message and reports how many bytes it used (trailing bytes allowed).
pub fn decode_prefix(bytes: &[u8], packing: Packing) -> Result<Decoded, DecodeError> {
    Ok(own(view_prefix(bytes, packing)?, packing))
}
