//! The characters of an ISO 8583 message's fields, checked after the decode: a numeric field
//! (`n`) with a byte that is not an ASCII digit, and text that is EBCDIC (a mainframe host or
//! terminal that sends code page 037/500). Each finding is a warning with the byte's offset in
//! the message; card-data fields are read but never shown (a PAN masked first 6 / last 4).

use crate::codec::iso8583::spec::{field_spec, Kind};
use crate::codec::iso8583::{Decoded, Packing};
use crate::codec::DecodeWarning;
use crate::i18n::{tr_args, Arg, Lang};
use crate::sensitive::{iso8583_field, CardData, Pan};

/// A byte of EBCDIC (code page 037/500) text read as ASCII: digits, letters, space; `None`
/// for anything else.
fn ebcdic_char(b: u8) -> Option<char> {
    let c = match b {
        0x40 => b' ',
        0xF0..=0xF9 => b'0' + (b - 0xF0),
        0xC1..=0xC9 => b'A' + (b - 0xC1),
        0xD1..=0xD9 => b'J' + (b - 0xD1),
        0xE2..=0xE9 => b'S' + (b - 0xE2),
        0x81..=0x89 => b'a' + (b - 0x81),
        0x91..=0x99 => b'j' + (b - 0x91),
        0xA2..=0xA9 => b's' + (b - 0xA2),
        _ => return None,
    };
    Some(char::from(c))
}

/// `data` read as EBCDIC text, when every byte is an EBCDIC letter, digit or space and at
/// least one is not ASCII-printable (so plain ASCII text is never taken for EBCDIC).
pub fn ebcdic_text(data: &[u8]) -> Option<String> {
    if data.is_empty() || data.iter().all(|b| (0x20..0x7F).contains(b)) {
        return None;
    }
    data.iter().map(|&b| ebcdic_char(b)).collect()
}

/// What may be shown of field `n`'s text: a PAN masked, other card data not at all.
fn shown(n: u8, text: &str) -> Option<String> {
    match iso8583_field(n) {
        None => Some(text.to_string()),
        Some(CardData::Pan) => Some(Pan::new(text).masked()),
        Some(_) => None,
    }
}

/// The warnings about the characters of `d`'s fields, worded in `lang`.
pub fn charset_warnings(d: &Decoded, lang: Lang) -> Vec<DecodeWarning> {
    let mut out = Vec::new();
    for span in &d.spans {
        let (Some(spec), Some(v)) = (field_spec(span.num, d.packing), d.message.get(span.num))
        else {
            continue;
        };
        let data = v.as_bytes();
        let at = span.start.saturating_add(span.prefix_len);
        let field = format!("DE{}", span.num);
        let warn = |offset: usize, id: &str, args: &[(&str, Arg<'_>)]| {
            let mut all = vec![("field", field.clone().into())];
            all.extend(args.iter().cloned());
            DecodeWarning {
                layer: "8583",
                offset,
                what: tr_args(lang, id, &all).into_owned(),
            }
        };
        let numeric = spec.kind == Kind::N && d.packing == Packing::Ascii;
        if let Some(text) = ebcdic_text(data).filter(|_| numeric || spec.kind == Kind::Ans) {
            let id = if numeric {
                "decode-8583-warn-ebcdic-digits"
            } else {
                "decode-8583-warn-ebcdic-text"
            };
            let id = match shown(span.num, &text) {
                Some(t) => {
                    out.push(warn(at, id, &[("text", t.into())]));
                    continue;
                }
                None => "decode-8583-warn-ebcdic-hidden",
            };
            out.push(warn(at, id, &[]));
        } else if numeric {
            if let Some(k) = data.iter().position(|b| !b.is_ascii_digit()) {
                let args = [("byte", format!("{:02X}", data[k]).into())];
                let id = "decode-8583-warn-not-digit";
                out.push(warn(at.saturating_add(k), id, &args));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ebcdic_is_read_and_ascii_is_not_taken_for_it() {
        let term = [0xE3, 0xC5, 0xD9, 0xD4, 0xF0, 0xF0, 0xF0, 0xF1];
        assert_eq!(ebcdic_text(&term).as_deref(), Some("TERM0001"));
        assert_eq!(ebcdic_text(b"TERM0001"), None);
        assert_eq!(ebcdic_text(&[0xE3, 0x00]), None);
        assert_eq!(ebcdic_text(&[]), None);
    }
}
