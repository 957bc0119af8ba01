//! Decoding a message body (MTI, bitmaps, fields) in either packing; errors name the byte
//! offset and the field.

use super::spec::{cups_left_aligned, field_spec, FieldSpec, Kind, LenType};
use super::{max_units, prefix_len, Decoded, FieldSpan, Message, Packing, Value, LAYER};
use crate::codec::{DecodeError, DecodeWarning};
use std::fmt;

/// A cursor over the input; slices are cut with nom's `take` so errors keep their offset.
struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// `what` is only rendered on failure (it is on the hot path).
    fn take(&mut self, n: usize, what: impl std::fmt::Display) -> Result<&'a [u8], DecodeError> {
        use nom::Parser;
        let rest = self.buf.get(self.pos..).unwrap_or(&[]);
        let r: nom::IResult<&[u8], &[u8]> = nom::bytes::complete::take(n).parse(rest);
        match r {
            Ok((_, taken)) => {
                self.pos += n;
                Ok(taken)
            }
            Err(_) => Err(DecodeError::truncated(
                LAYER,
                self.pos,
                format!(
                    "{what}: {n} bytes, only {} left",
                    self.buf.len().saturating_sub(self.pos)
                ),
            )),
        }
    }
}

/// `ndigits` BCD digits from `bytes`, skipping the first nibble when the value is
/// right-aligned with an odd count (the pad nibble leads) and the last one when left-aligned.
fn bcd_digits(bytes: &[u8], ndigits: usize, right_aligned: bool) -> String {
    let skip = usize::from(right_aligned && ndigits % 2 == 1);
    let mut s = String::with_capacity(ndigits);
    for i in skip..ndigits + skip {
        let b = bytes.get(i / 2).copied().unwrap_or(0);
        let nib = if i % 2 == 0 { b >> 4 } else { b & 0x0F };
        s.push(char::from_digit(u32::from(nib), 16).map_or('?', |c| c.to_ascii_uppercase()));
    }
    s
}

/// The pad nibble of an odd-length BCD value and its byte offset in `data`, when there is one.
fn pad_nibble(data: &[u8], ndigits: usize, right_aligned: bool) -> Option<(usize, u8)> {
    if ndigits % 2 == 0 || data.is_empty() {
        return None;
    }
    if right_aligned {
        Some((0, data[0] >> 4))
    } else {
        Some((data.len() - 1, data[data.len() - 1] & 0x0F))
    }
}

fn bcd_number(bytes: &[u8], offset: usize, what: &str) -> Result<usize, DecodeError> {
    let mut v = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        for nib in [b >> 4, b & 0x0F] {
            if nib > 9 {
                return Err(DecodeError::invalid(
                    LAYER,
                    offset + i,
                    format!("{what} in BCD digits, found byte {b:02X}"),
                ));
            }
            v = v * 10 + usize::from(nib);
        }
    }
    Ok(v)
}

fn ascii_number(bytes: &[u8], offset: usize, what: &str) -> Result<usize, DecodeError> {
    let mut v = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        if !b.is_ascii_digit() {
            return Err(DecodeError::invalid(
                LAYER,
                offset + i,
                format!("{what} in ASCII digits, found byte {b:02X}"),
            ));
        }
        v = v * 10 + usize::from(b - b'0');
    }
    Ok(v)
}

fn text_or_bytes(bytes: &[u8]) -> Value {
    if bytes.iter().all(|b| b.is_ascii() && !b.is_ascii_control()) {
        Value::Text(bytes.iter().map(|&b| b as char).collect())
    } else {
        Value::Bytes(bytes.to_vec())
    }
}

fn from_hex_text(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let nib = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    bytes
        .chunks(2)
        .map(|p| Some(nib(p[0])? << 4 | nib(p[1])?))
        .collect()
}

fn decode_bitmap(
    c: &mut Cursor<'_>,
    packing: Packing,
    which: &str,
) -> Result<Vec<u8>, DecodeError> {
    match packing {
        Packing::Cups => Ok(c.take(8, which)?.to_vec()),
        Packing::Ascii => {
            let at = c.pos;
            let t = c.take(16, which)?;
            from_hex_text(t).ok_or_else(|| {
                let bad = t.iter().position(|b| !b.is_ascii_hexdigit()).unwrap_or(0);
                DecodeError::invalid(LAYER, at + bad, format!("{which} as 16 hex characters"))
            })
        }
    }
}

/// Decodes one message body (MTI onward, no framing). Every byte must be consumed.
pub fn decode(bytes: &[u8], packing: Packing) -> Result<Decoded, DecodeError> {
    let d = decode_prefix(bytes, packing)?;
    if d.consumed != bytes.len() {
        return Err(DecodeError::invalid(
            LAYER,
            d.consumed,
            format!(
                "end of message after the last field in the bitmap, {} bytes left over",
                bytes.len() - d.consumed
            ),
        ));
    }
    Ok(d)
}

/// Decodes one message and reports how many bytes it used (trailing bytes allowed).
pub fn decode_prefix(bytes: &[u8], packing: Packing) -> Result<Decoded, DecodeError> {
    let mut c = Cursor { buf: bytes, pos: 0 };
    let mti = match packing {
        Packing::Cups => {
            let at = c.pos;
            let b = c.take(2, "MTI (2 BCD bytes)")?;
            bcd_number(b, at, "MTI")?;
            bcd_digits(b, 4, false)
        }
        Packing::Ascii => {
            let at = c.pos;
            let b = c.take(4, "MTI (4 ASCII digits)")?;
            ascii_number(b, at, "MTI")?;
            b.iter().map(|&x| x as char).collect()
        }
    };
    let mut bitmap = decode_bitmap(&mut c, packing, "primary bitmap")?;
    if bitmap[0] & 0x80 != 0 {
        let second = decode_bitmap(&mut c, packing, "secondary bitmap")?;
        bitmap.extend_from_slice(&second);
    }
    let mut message = Message::new(mti);
    let mut spans = Vec::new();
    let mut warnings = Vec::new();
    let nbits = bitmap.len() * 8;
    for bit in 2..=nbits {
        let byte = bitmap[(bit - 1) / 8];
        if byte & (0x80 >> ((bit - 1) % 8)) == 0 {
            continue;
        }
        let num = bit as u8;
        let Some(spec) = field_spec(num, packing) else {
            continue;
        };
        let start = c.pos;
        let value = decode_field(&mut c, spec, packing, &mut warnings)?;
        let data_len = c.pos - start;
        let prefix_len = prefix_len(spec, packing);
        spans.push(FieldSpan {
            num,
            start,
            prefix_len,
            data_len: data_len - prefix_len,
        });
        message.fields.insert(num, value);
    }
    Ok(Decoded {
        message,
        packing,
        bitmap,
        spans,
        consumed: c.pos,
        warnings,
    })
}

/// Numerics must be decimal; a hex nibble here means a packing mismatch. The pad nibble (byte
/// `pad_at`, high nibble when right-aligned, low when left-aligned) is not checked.
fn check_bcd_digits(
    data: &[u8],
    pad_at: Option<usize>,
    right: bool,
    data_at: usize,
    what: FieldLabel<'_>,
) -> Result<(), DecodeError> {
    for (i, b) in data.iter().enumerate() {
        let pad_here = pad_at == Some(i);
        let hi_ok = (pad_here && right) || b >> 4 <= 9;
        let lo_ok = (pad_here && !right) || b & 0x0F <= 9;
        if !hi_ok || !lo_ok {
            return Err(DecodeError::invalid(
                LAYER,
                data_at + i,
                format!("{what} as BCD digits, found byte {b:02X}"),
            ));
        }
    }
    Ok(())
}

/// `field N (name)`, formatted only when an error needs it.
#[derive(Clone, Copy)]
struct FieldLabel<'s>(&'s FieldSpec);

impl fmt::Display for FieldLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "field {} ({})", self.0.num, self.0.name)
    }
}

fn decode_field(
    c: &mut Cursor<'_>,
    spec: &FieldSpec,
    packing: Packing,
    warnings: &mut Vec<DecodeWarning>,
) -> Result<Value, DecodeError> {
    let what = FieldLabel(spec);
    let at = c.pos;
    let count = match spec.len {
        LenType::Fixed => max_units(spec, packing),
        LenType::LlVar | LenType::LllVar => {
            let pl = prefix_len(spec, packing);
            let p = c.take(pl, format_args!("{what} length prefix"))?;
            let n = match packing {
                Packing::Ascii => ascii_number(p, at, &format!("{what} length"))?,
                Packing::Cups => bcd_number(p, at, &format!("{what} length"))?,
            };
            if n > max_units(spec, packing) {
                return Err(DecodeError::new(
                    LAYER,
                    crate::codec::DecodeErrorKind::TooLong,
                    at,
                    format!(
                        "{what} length at most {}, the prefix says {n}",
                        max_units(spec, packing)
                    ),
                ));
            }
            n
        }
    };
    let data_at = c.pos;
    match packing {
        Packing::Ascii => {
            let data = c.take(count, what)?;
            Ok(match spec.kind {
                Kind::B => from_hex_text(data).map_or_else(|| text_or_bytes(data), Value::Bytes),
                _ => text_or_bytes(data),
            })
        }
        Packing::Cups => match spec.kind {
            Kind::N | Kind::Z => {
                let data = c.take(count.div_ceil(2), what)?;
                let right = !cups_left_aligned(spec);
                let pad = pad_nibble(data, count, right);
                if spec.kind == Kind::N {
                    check_bcd_digits(data, pad.map(|(i, _)| i), right, data_at, what)?;
                }
                if let Some((i, nib)) = pad.filter(|&(_, n)| n != 0 && n != 0x0F) {
                    warnings.push(DecodeWarning {
                        layer: LAYER,
                        offset: data_at + i,
                        what: format!("{what}: pad nibble {nib:X} (expected 0 or F), ignored"),
                    });
                }
                Ok(Value::Text(bcd_digits(data, count, right)))
            }
            Kind::Ans => Ok(text_or_bytes(c.take(count, what)?)),
            Kind::B => Ok(Value::Bytes(c.take(count, what)?.to_vec())),
        },
    }
}
