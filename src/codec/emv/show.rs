//! How EMV data objects are shown: one line per value through the tag dictionary (coded
//! values with their meaning, dates, currencies, AIDs), card data masked as the card-data
//! policy says, and `Display`/`Debug` for `codec::tlv::Tlv` built on that.

use super::aid::lookup_aid;
use super::bits::decode_cid;
use super::tags::{tag_info, ValueClass};
use crate::codec::tlv::Tlv;
use crate::hexfmt::hex;
use crate::sensitive::{emv_tag, CardData, Pan, Track2, View};
use std::fmt;

/// Nibbles of `v` as hex digits, upper case (BCD and cn values).
fn nibbles(v: &[u8]) -> String {
    hex(v)
}

/// A hex display that is guarded against a clear PAN hiding in data of unknown shape.
pub fn guarded_hex(v: &[u8]) -> String {
    crate::sensitive::mask_luhn_runs(&hex(v))
}

/// The hex of a value that is not card data by its tag, as the card-data policy says: in full
/// for binary and numeric formats (AFL, IAD, amounts cannot hold a PAN), through the digit scan
/// for compressed numeric, text and unknown tags.
pub fn value_hex(tag: u32, v: &[u8]) -> String {
    if crate::sensitive::digit_scan_applies(tag_info(tag).map(|i| i.format)) {
        guarded_hex(v)
    } else {
        hex(v)
    }
}

/// Text shown as text (free text: the digit scan applies), anything else as guarded hex.
fn ascii_or_hex(v: &[u8]) -> String {
    if !v.is_empty() && v.iter().all(|b| (0x20..0x7F).contains(b)) {
        let text = String::from_utf8_lossy(v);
        format!("\"{}\"", crate::sensitive::mask_luhn_runs(&text))
    } else {
        guarded_hex(v)
    }
}

fn currency_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "156" => "CNY",
        "344" => "HKD",
        "446" => "MOP",
        "840" => "USD",
        "978" => "EUR",
        "392" => "JPY",
        "410" => "KRW",
        "826" => "GBP",
        "901" => "TWD",
        "643" => "RUB",
        "356" => "INR",
        "124" => "CAD",
        _ => return None,
    })
}

fn country_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "156" => "China",
        "344" => "Hong Kong",
        "446" => "Macao",
        "158" => "Taiwan",
        "840" => "United States",
        "392" => "Japan",
        "410" => "Korea",
        "826" => "United Kingdom",
        "643" => "Russia",
        "356" => "India",
        "124" => "Canada",
        "276" => "Germany",
        "250" => "France",
        _ => return None,
    })
}

/// Meaning of a transaction type (`9C`).
pub fn transaction_type(code: u8) -> Option<&'static str> {
    Some(match code {
        0x00 => "goods and services",
        0x01 => "cash",
        0x09 => "purchase with cashback",
        0x20 => "refund",
        0x30 => "balance inquiry",
        0x31 => "balance inquiry",
        0x40 => "transfer",
        0x60 => "load (electronic cash)",
        _ => return None,
    })
}

/// Meaning of a terminal type (`9F35`): who operates it, attended or not, online ability.
pub fn terminal_type(code: u8) -> Option<String> {
    let who = match code >> 4 {
        1 => "financial institution",
        2 => "merchant",
        3 => "cardholder",
        _ => return None,
    };
    let how = match code & 0x0F {
        1 => "attended, online only",
        2 => "attended, offline with online capability",
        3 => "attended, offline only",
        4 => "unattended, online only",
        5 => "unattended, offline with online capability",
        6 => "unattended, offline only",
        _ => return None,
    };
    Some(format!("{who}, {how}"))
}

/// Meaning of a POS entry mode (`9F39`, DE22 positions 1–2).
pub fn pos_entry_mode(code: u8) -> Option<&'static str> {
    Some(match code {
        0x00 => "unspecified",
        0x01 => "manual key entry",
        0x02 => "magnetic stripe (track data may be incomplete)",
        0x05 => "integrated circuit card (contact)",
        0x07 => "contactless chip",
        0x80 => "fallback: magnetic stripe after a chip read failure",
        0x90 => "magnetic stripe, full track data",
        0x91 => "contactless magnetic stripe mode",
        0x95 => "integrated circuit card, data may be unreliable",
        _ => return None,
    })
}

/// The value of a tag as one line of text. Values the card-data policy hides in a `decode`
/// ([`View::Decode`]) are masked: `5A` first 6 / last 4, `57`/`9F6B` PAN masked and the rest
/// starred, `56` PAN masked and the rest hidden, the others hidden. Text tags are shown as
/// quoted ASCII, numeric tags as digits, a few coded values with their meaning, the rest as
/// upper-case hex.
pub fn display_value(tag: u32, value: &[u8]) -> String {
    if let Some(kind) = emv_tag(tag).filter(|c| c.hidden_in(View::Decode)) {
        return masked_value(kind, value);
    }
    match tag {
        0x9F27 => match decode_cid(value) {
            Some(c) => format!("{:02X} ({})", c.raw, c.kind.code()),
            None => String::new(),
        },
        0x9C => match value.first().and_then(|&b| transaction_type(b)) {
            Some(m) if value.len() == 1 => format!("{:02X} ({m})", value[0]),
            _ => value_hex(tag, value),
        },
        0x5F2A | 0x9F42 | 0x9F51 | 0x9F3C => {
            let d = nibbles(value);
            let code = d.trim_start_matches('0');
            let code = format!("{code:0>3}");
            match currency_name(&code) {
                Some(n) => format!("{d} ({n})"),
                None => d,
            }
        }
        0x5F28 | 0x9F1A => {
            let d = nibbles(value);
            let code = format!("{:0>3}", d.trim_start_matches('0'));
            match country_name(&code) {
                Some(n) => format!("{d} ({n})"),
                None => d,
            }
        }
        0x9A | 0x5F24 | 0x5F25 if value.len() == 3 => {
            let d = nibbles(value);
            if d.bytes().all(|b| b.is_ascii_digit()) {
                format!("{d} (20{}-{}-{})", &d[0..2], &d[2..4], &d[4..6])
            } else {
                d
            }
        }
        0x4F | 0x84 | 0x9D | 0x9F06 => match lookup_aid(value) {
            Some(a) => format!("{} ({})", hex(value), a.label),
            // DDF names such as `1PAY.SYS.DDF01` are ASCII
            None if value.len() >= 5 && value.iter().all(|b| b.is_ascii_graphic()) => {
                format!("\"{}\"", String::from_utf8_lossy(value))
            }
            None => value_hex(tag, value),
        },
        _ => match tag_info(tag).map(|i| i.class()) {
            Some(ValueClass::Text) => ascii_or_hex(value),
            _ => value_hex(tag, value),
        },
    }
}

/// A card-data value in its masked form.
fn masked_value(kind: CardData, value: &[u8]) -> String {
    match kind {
        CardData::Pan => {
            let digits = nibbles(value);
            Pan::new(digits.trim_end_matches('F')).to_string()
        }
        CardData::Track2 => {
            let digits = nibbles(value);
            Track2::new(digits.trim_end_matches('F')).to_string()
        }
        CardData::Track1 => {
            // Track 1 image: format code, PAN, `^`, name, `^`, the rest.
            let text = String::from_utf8_lossy(value);
            let body = text.strip_prefix(['B', 'b']).unwrap_or(&text);
            let pan: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
            format!(
                "{} (track 1 data, {} bytes, rest hidden)",
                Pan::new(pan),
                value.len()
            )
        }
        _ => format!("(hidden, {} bytes)", value.len()),
    }
}

/// `9F27 [1] 80 (ARQC)` as a debug field: card-data values masked like [`display_value`].
impl fmt::Debug for Tlv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Tlv");
        d.field("tag", &format_args!("{}", self.tag));
        d.field("len", &self.len());
        if self.is_constructed() {
            d.field("children", &self.children);
        } else {
            d.field(
                "value",
                &format_args!("{}", display_value(self.tag.0, &self.value)),
            );
        }
        d.field("offset", &self.offset).finish()
    }
}

/// One line: `9F27 [1] 80 (ARQC)`, or `70 [29] { 5A [8] 621234******1232 57 [17] … }`.
impl fmt::Display for Tlv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.tag, self.len())?;
        if self.is_constructed() {
            f.write_str(" {")?;
            for c in &self.children {
                write!(f, " {c}")?;
            }
            f.write_str(" }")
        } else {
            write!(f, " {}", display_value(self.tag.0, &self.value))
        }
    }
}
