//! Temporary: the rewritten digit parsers against the hand loops they replace, on random input.
#![allow(clippy::unwrap_used)]
use crate::codec::iso8583::{bitmap_fields, display, framing};
use crate::codec::nomkit::{all_ascii_digits, ascii_number, bcd_number, offset_in};
use crate::i18n::Lang;
use nom::Parser;
use proptest::prelude::*;

fn old_ascii(d: &[u8]) -> Result<usize, (usize, String)> {
    let mut v = 0usize;
    for (k, &b) in d.iter().enumerate() {
        if !b.is_ascii_digit() {
            return Err((k, format!("W in ASCII digits, found byte {b:02X}")));
        }
        v = v * 10 + usize::from(b - b'0');
    }
    Ok(v)
}
fn old_bcd(d: &[u8]) -> Result<usize, (usize, String)> {
    let mut v = 0usize;
    for (k, &b) in d.iter().enumerate() {
        if b >> 4 > 9 || b & 0x0F > 9 {
            return Err((k, format!("W in BCD digits, found byte {b:02X}")));
        }
        v = v * 100 + usize::from(b >> 4) * 10 + usize::from(b & 0x0F);
    }
    Ok(v)
}
fn old_bcd_text(bytes: &[u8], ndigits: usize, right_aligned: bool) -> String {
    let skip = usize::from(right_aligned && ndigits % 2 == 1);
    let mut s = String::with_capacity(ndigits);
    for i in skip..ndigits + skip {
        let b = bytes.get(i / 2).copied().unwrap_or(0);
        let nib = if i % 2 == 0 { b >> 4 } else { b & 0x0F };
        s.push(char::from_digit(u32::from(nib), 16).map_or('?', |c| c.to_ascii_uppercase()));
    }
    s
}
fn old_pad(data: &[u8], ndigits: usize, right_aligned: bool) -> Option<(usize, u8)> {
    if ndigits % 2 == 0 || data.is_empty() {
        return None;
    }
    if right_aligned {
        Some((0, data[0] >> 4))
    } else {
        Some((data.len() - 1, data[data.len() - 1] & 0x0F))
    }
}
fn old_bad(data: &[u8], pad_at: Option<usize>, right: bool) -> Option<usize> {
    data.iter().enumerate().position(|(i, b)| {
        let pad_here = pad_at == Some(i);
        let hi_ok = (pad_here && right) || b >> 4 <= 9;
        let lo_ok = (pad_here && !right) || b & 0x0F <= 9;
        !hi_ok || !lo_ok
    })
}
fn old_bits(bitmap: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    for bit in 1..=bitmap.len() * 8 {
        if bitmap[(bit - 1) / 8] & (0x80 >> ((bit - 1) % 8)) != 0 && bit <= 128 {
            v.push(bit as u8);
        }
    }
    v
}
fn old_declared(buf: &[u8]) -> Result<Option<usize>, (usize, String)> {
    let Some(p) = buf.get(..4) else {
        return Ok(None);
    };
    let mut n = 0usize;
    for (i, &b) in p.iter().enumerate() {
        if !b.is_ascii_digit() {
            return Err((i, format!("4 ASCII digits of length, found byte {b:02X}")));
        }
        n = n * 10 + usize::from(b - b'0');
    }
    Ok(Some(n))
}
fn old_f60(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pos = 0;
    for n in [2usize, 6, 3, 1, 1] {
        if pos >= v.len() {
            break;
        }
        let end = (pos + n).min(v.len());
        out.push(v.get(pos..end).unwrap_or("").to_string());
        pos = end;
    }
    if let Some(rest) = v.get(pos..).filter(|r| !r.is_empty()) {
        out.push(rest.to_string());
    }
    out
}

fn digitish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop_oneof![4 => b'0'..=b'9', 1 => any::<u8>()], 0..6)
}
fn bcdish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![4 => (0u8..=9, 0u8..=9).prop_map(|(h, l)| h << 4 | l), 1 => any::<u8>()],
        0..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn ascii_same(d in digitish()) {
        let new = ascii_number(|| "W in ASCII digits".into()).parse(&d)
            .map(|(_, v)| v)
            .map_err(|e| match e { nom::Err::Failure(f) | nom::Err::Error(f) => (offset_in(&d, f.at), f.expected), _ => (99, String::new()) });
        prop_assert_eq!(new, old_ascii(&d));
        prop_assert_eq!(all_ascii_digits(&d), !d.is_empty() && d.iter().all(u8::is_ascii_digit));
        let nd = framing::declared_len(framing::Framing::Ascii4, &d).map_err(|e| (e.offset, e.expected.clone()));
        prop_assert_eq!(nd, old_declared(&d));
    }
    #[test]
    fn bcd_same(d in bcdish(), n in 0usize..12, right: bool, pad in prop::option::of(0usize..6)) {
        let new = bcd_number(|| "W in BCD digits".into()).parse(&d)
            .map(|(_, v)| v)
            .map_err(|e| match e { nom::Err::Failure(f) | nom::Err::Error(f) => (offset_in(&d, f.at), f.expected), _ => (99, String::new()) });
        prop_assert_eq!(new, old_bcd(&d));
        let n = n.min(d.len() * 2);
        prop_assert_eq!(super::bcd_text(&d, n, right), old_bcd_text(&d, n, right));
        prop_assert_eq!(super::pad_nibble(&d, n, right), old_pad(&d, n, right));
        prop_assert_eq!(super::bad_bcd_byte(&d, pad, right), old_bad(&d, pad, right));
    }
    #[test]
    fn bits_same(b in prop::collection::vec(any::<u8>(), 0..20)) {
        prop_assert_eq!(bitmap_fields(&b), old_bits(&b));
    }
    #[test]
    fn f60_same(v in "[0-9A-Z ]{0,20}") {
        let new: Vec<String> = display::field60_parts(&v, Lang::En).into_iter().map(|(_, s, _)| s).collect();
        prop_assert_eq!(new, old_f60(&v));
    }
}
