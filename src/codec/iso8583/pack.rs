//! Encoding a message body (MTI, bitmaps, fields) in either packing; the secondary bitmap is
//! switched on by any field above 64.

use super::spec::{cups_left_aligned, field_spec, FieldSpec, Kind, LenType};
use super::{ferr, max_units, EncodeError, Message, Packing, Value};
use crate::hexfmt::hex;

fn push_bcd_text(out: &mut Vec<u8>, spec: &FieldSpec, text: &str) -> Result<(), EncodeError> {
    let mut nibs = Vec::with_capacity(text.len() + 1);
    for ch in text.chars() {
        let n = match ch {
            '0'..='9' => ch as u8 - b'0',
            '=' if spec.kind == Kind::Z => 0x0D,
            'A'..='F' | 'a'..='f' if spec.kind == Kind::Z => ch.to_digit(16).map_or(0, |d| d as u8),
            _ => return Err(ferr(spec, format!("{ch:?} cannot be packed as BCD"))),
        };
        nibs.push(n);
    }
    if nibs.len() % 2 == 1 {
        if cups_left_aligned(spec) {
            // DE22 and variable-length numerics: the pad nibble goes last.
            nibs.push(0);
        } else {
            // Every other fixed-length numeric is right-aligned: the pad nibble leads.
            nibs.insert(0, 0);
        }
    }
    out.extend(nibs.chunks(2).map(|p| p[0] << 4 | p[1]));
    Ok(())
}

fn push_number(out: &mut Vec<u8>, n: usize, digits: usize, packing: Packing) {
    let s = format!("{n:0digits$}");
    match packing {
        Packing::Ascii => out.extend_from_slice(s.as_bytes()),
        Packing::Cups => {
            let s = if digits % 2 == 1 { format!("0{s}") } else { s };
            let b = s.as_bytes();
            out.extend(b.chunks(2).map(|p| (p[0] - b'0') << 4 | (p[1] - b'0')));
        }
    }
}

fn encode_field(
    out: &mut Vec<u8>,
    spec: &FieldSpec,
    value: &Value,
    packing: Packing,
) -> Result<(), EncodeError> {
    // The value in the units the length prefix counts, and its wire bytes.
    let (count, wire): (usize, Vec<u8>) = match (packing, spec.kind, value) {
        (Packing::Ascii, Kind::B, Value::Bytes(b)) => (b.len() * 2, hex(b).into_bytes()),
        (Packing::Ascii, _, v) => (v.as_bytes().len(), v.as_bytes().to_vec()),
        (Packing::Cups, Kind::N | Kind::Z, Value::Text(t)) => {
            let mut w = Vec::with_capacity(t.len() / 2 + 1);
            push_bcd_text(&mut w, spec, t)?;
            (t.chars().count(), w)
        }
        (Packing::Cups, Kind::N | Kind::Z, Value::Bytes(_)) => {
            return Err(ferr(spec, "expected digits, got binary data"))
        }
        (Packing::Cups, _, v) => (v.as_bytes().len(), v.as_bytes().to_vec()),
    };
    let max = max_units(spec, packing);
    match spec.len {
        LenType::Fixed => {
            if count != max {
                return Err(ferr(spec, format!("fixed length {max}, value has {count}")));
            }
        }
        LenType::LlVar | LenType::LllVar => {
            if count > max {
                return Err(ferr(spec, format!("at most {max}, value has {count}")));
            }
            let digits = if spec.len == LenType::LlVar { 2 } else { 3 };
            push_number(out, count, digits, packing);
        }
    }
    out.extend_from_slice(&wire);
    Ok(())
}

/// Encodes a message body (MTI onward). Fields above 64 switch the secondary bitmap on.
pub fn encode(msg: &Message, packing: Packing) -> Result<Vec<u8>, EncodeError> {
    let mti = msg.mti.as_bytes();
    if mti.len() != 4 || !mti.iter().all(u8::is_ascii_digit) {
        return Err(EncodeError::BadMti(msg.mti.clone()));
    }
    let mut out = Vec::with_capacity(64);
    match packing {
        Packing::Ascii => out.extend_from_slice(mti),
        Packing::Cups => out.extend(mti.chunks(2).map(|p| (p[0] - b'0') << 4 | (p[1] - b'0'))),
    }
    let secondary = msg.fields.keys().any(|&n| n > 64);
    let mut bitmap = vec![0u8; if secondary { 16 } else { 8 }];
    if secondary {
        bitmap[0] |= 0x80;
    }
    for &n in msg.fields.keys() {
        if !(2..=128).contains(&n) {
            return Err(EncodeError::NoSuchField(n));
        }
        let i = usize::from(n - 1);
        bitmap[i / 8] |= 0x80 >> (i % 8);
    }
    match packing {
        Packing::Ascii => out.extend_from_slice(hex(&bitmap).as_bytes()),
        Packing::Cups => out.extend_from_slice(&bitmap),
    }
    for (&n, v) in &msg.fields {
        let spec = field_spec(n, packing).ok_or(EncodeError::NoSuchField(n))?;
        encode_field(&mut out, spec, v, packing)?;
    }
    Ok(out)
}
