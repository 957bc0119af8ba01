//! How EMV data objects are shown: one line per value through the tag dictionary (coded
//! values with their meaning, dates, currencies, AIDs), card data masked as the card-data
//! policy says, and `Display`/`Debug` for `codec::tlv::Tlv` built on that.

use super::aid::lookup_aid;
use super::bits::decode_cid;
use super::tags::{tag_info, ValueClass};
use crate::codec::tlv::Tlv;
use crate::hexfmt::hex;
use crate::i18n::{tr_args, tr_static, Lang};
use crate::sensitive::{emv_tag, CardData, Pan, Track2, View};
use std::fmt;

/// Text the card holds, quoted as the language quotes it (`"…"`, `「…」`).
fn quoted(text: &str, lang: Lang) -> String {
    tr_args(lang, "decode-quoted", &[("text", text.into())]).into_owned()
}

/// Nibbles of `v` as hex digits, upper case (BCD and cn values).
fn nibbles(v: &[u8]) -> String {
    hex(v)
}

/// A hex display that is guarded against a clear PAN hiding in data of unknown shape, as
/// ASCII digits or as BCD ([`crate::sensitive::mask_hex`]).
pub fn guarded_hex(v: &[u8]) -> String {
    crate::sensitive::mask_hex(v)
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
fn ascii_or_hex(v: &[u8], lang: Lang) -> String {
    if !v.is_empty() && v.iter().all(|b| (0x20..0x7F).contains(b)) {
        let text = String::from_utf8_lossy(v);
        quoted(&crate::sensitive::mask_clear_pans(&text), lang)
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

/// The catalogue id of a country's name (ISO 3166 numeric).
fn country_id(code: &str) -> Option<&'static str> {
    Some(match code {
        "156" => "codes-country-156",
        "344" => "codes-country-344",
        "446" => "codes-country-446",
        "158" => "codes-country-158",
        "840" => "codes-country-840",
        "392" => "codes-country-392",
        "410" => "codes-country-410",
        "826" => "codes-country-826",
        "643" => "codes-country-643",
        "356" => "codes-country-356",
        "124" => "codes-country-124",
        "276" => "codes-country-276",
        "250" => "codes-country-250",
        _ => return None,
    })
}

/// Meaning of a transaction type (`9C`).
pub fn transaction_type(code: u8) -> Option<&'static str> {
    transaction_type_in(code, Lang::En)
}

/// [`transaction_type`] in `lang`.
pub fn transaction_type_in(code: u8, lang: Lang) -> Option<&'static str> {
    let id = match code {
        0x00 => "codes-txn-00",
        0x01 => "codes-txn-01",
        0x09 => "codes-txn-09",
        0x20 => "codes-txn-20",
        0x30 => "codes-txn-30",
        0x31 => "codes-txn-31",
        0x40 => "codes-txn-40",
        0x60 => "codes-txn-60",
        _ => return None,
    };
    Some(tr_static(lang, id))
}

/// Meaning of a terminal type (`9F35`): who operates it, attended or not, online ability.
pub fn terminal_type(code: u8) -> Option<String> {
    terminal_type_in(code, Lang::En)
}

/// [`terminal_type`] in `lang`.
pub fn terminal_type_in(code: u8, lang: Lang) -> Option<String> {
    let who = match code >> 4 {
        1 => "codes-term-who-1",
        2 => "codes-term-who-2",
        3 => "codes-term-who-3",
        _ => return None,
    };
    let how = match code & 0x0F {
        1 => "codes-term-how-1",
        2 => "codes-term-how-2",
        3 => "codes-term-how-3",
        4 => "codes-term-how-4",
        5 => "codes-term-how-5",
        6 => "codes-term-how-6",
        _ => return None,
    };
    let args = [
        ("who", tr_static(lang, who).into()),
        ("how", tr_static(lang, how).into()),
    ];
    Some(tr_args(lang, "codes-term-type", &args).into_owned())
}

/// Meaning of a POS entry mode (`9F39`, DE22 positions 1–2).
pub fn pos_entry_mode(code: u8) -> Option<&'static str> {
    pos_entry_mode_in(code, Lang::En)
}

/// [`pos_entry_mode`] in `lang`.
pub fn pos_entry_mode_in(code: u8, lang: Lang) -> Option<&'static str> {
    let id = match code {
        0x00 => "codes-entry-00",
        0x01 => "codes-entry-01",
        0x02 => "codes-entry-02",
        0x05 => "codes-entry-05",
        0x07 => "codes-entry-07",
        0x80 => "codes-entry-80",
        0x90 => "codes-entry-90",
        0x91 => "codes-entry-91",
        0x95 => "codes-entry-95",
        _ => return None,
    };
    Some(tr_static(lang, id))
}

/// The value of a tag as one line of text. Values the card-data policy hides in a `decode`
/// ([`View::Decode`]) are masked: `5A` first 6 / last 4, `57`/`9F6B` PAN masked and the rest
/// starred, `56` PAN masked and the rest hidden, the others hidden. Text tags are shown as
/// quoted ASCII, numeric tags as digits, a few coded values with their meaning, the rest as
/// upper-case hex.
pub fn display_value(tag: u32, value: &[u8]) -> String {
    display_value_in(tag, value, Lang::En)
}

/// [`display_value`] with the meanings (transaction type, country, AID label) in `lang`.
pub fn display_value_in(tag: u32, value: &[u8], lang: Lang) -> String {
    if let Some(kind) = emv_tag(tag).filter(|c| c.hidden_in(View::Decode)) {
        return masked_value(kind, value, lang);
    }
    match tag {
        0x9F27 => match decode_cid(value) {
            Some(c) => format!("{:02X} ({})", c.raw, c.kind.code()),
            None => String::new(),
        },
        0x9C => match value.first().and_then(|&b| transaction_type_in(b, lang)) {
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
            match country_id(&code) {
                Some(n) => format!("{d} ({})", tr_static(lang, n)),
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
            Some(a) => format!("{} ({})", hex(value), a.label_in(lang)),
            // DDF names such as `1PAY.SYS.DDF01` are ASCII
            None if value.len() >= 5 && value.iter().all(|b| b.is_ascii_graphic()) => {
                quoted(&String::from_utf8_lossy(value), lang)
            }
            None => value_hex(tag, value),
        },
        _ => match tag_info(tag).map(|i| i.class()) {
            Some(ValueClass::Text) => ascii_or_hex(value, lang),
            _ => value_hex(tag, value),
        },
    }
}

/// A card-data value in its masked form.
fn masked_value(kind: CardData, value: &[u8], lang: Lang) -> String {
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
            let args = [
                ("pan", Pan::new(pan).to_string().into()),
                ("n", value.len().into()),
            ];
            tr_args(lang, "decode-value-track1", &args).into_owned()
        }
        _ => tr_args(lang, "decode-value-hidden", &[("n", value.len().into())]).into_owned(),
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
