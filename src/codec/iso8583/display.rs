//! Showing 8583 fields safely, as the card-data policy's message view says
//! (`sensitive::View::Message`): DE2, DE34, DE35, DE36, DE45 as masked PAN / track, DE52 never
//! shown, card-data tags inside DE55 hidden; DE55 as a TLV list, CUPS field 60 sub-fields, and
//! short meanings for MTI, processing code and entry mode.

use super::Value;
use crate::codec::tlv;
use crate::hexfmt::hex;
use crate::i18n::{tr_args, tr_static, Lang};
use crate::sensitive::{hides_tag, iso8583_field, CardData, Pan, Track2, View};
use nom::bytes::complete::take_while_m_n;
use nom::Parser;
use serde::Serialize;

/// The field's value as text for a human or a JSON document, card data masked. Without the
/// packing, a field is free text (scanned for card numbers) when it is text in both packings.
pub fn display_value(num: u8, v: &Value) -> String {
    display_value_in(num, v, None)
}

/// [`display_value`] for a message of a known packing: free text (scanned for card numbers)
/// is what that packing's table says is text (CUPS field 60 is digits, ASCII field 60 text).
pub fn display_value_in(num: u8, v: &Value, packing: Option<super::Packing>) -> String {
    display_value_lang(num, v, packing, Lang::En)
}

/// [`display_value_in`] with the words of a hidden value in `lang`.
pub fn display_value_lang(
    num: u8,
    v: &Value,
    packing: Option<super::Packing>,
    lang: Lang,
) -> String {
    match iso8583_field(num).filter(|c| c.hidden_in(View::Message)) {
        Some(CardData::Pan) => Pan::new(value_text(v)).masked(),
        Some(CardData::Track2) => Track2::new(value_text(v)).to_string(),
        Some(CardData::PinBlock) => {
            tr_args(lang, "decode-8583-pin-block", &[("n", pin_len(v).into())]).into_owned()
        }
        Some(_) => crate::sensitive::mask_track_text(&value_text(v)),
        None => plain_value(num, v, packing, lang),
    }
}

/// A field the policy does not hide whole: DE55 with its card-data tags starred, the others
/// as they are.
fn plain_value(num: u8, v: &Value, packing: Option<super::Packing>, lang: Lang) -> String {
    match num {
        55 => match v {
            Value::Bytes(b) => masked_tlv_hex_in(b, lang),
            Value::Text(t) => {
                tr_args(lang, "decode-8583-icc-text", &[("n", t.len().into())]).into_owned()
            }
        },
        _ => match v {
            // Free text may carry a card number; numerics (amounts, counts, IDs) cannot.
            Value::Text(t) if is_free_text(num, packing) => crate::sensitive::mask_clear_pans(t),
            Value::Text(t) => t.clone(),
            Value::Bytes(b) => hex(b),
        },
    }
}

/// Text fields (`ans`) in the packing's table (both tables when it is not known): the only
/// ones the digit scan applies to.
pub fn is_free_text(num: u8, packing: Option<super::Packing>) -> bool {
    use super::Packing::{Ascii, Cups};
    let text =
        |p| super::spec::field_spec(num, p).is_some_and(|s| s.kind == super::spec::Kind::Ans);
    match packing {
        Some(p) => text(p),
        None => text(Ascii) && text(Cups),
    }
}

fn pin_len(v: &Value) -> usize {
    match v {
        Value::Bytes(b) => b.len(),
        Value::Text(t) => t.len() / 2,
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Bytes(b) => hex(b),
    }
}

/// One BER-TLV object of field 55.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tlv {
    pub tag: String,
    pub len: usize,
    /// Upper-case hex, or a masked / hidden rendering for card-data tags.
    pub value: String,
    pub name: String,
    /// A short meaning (`ARQC` for 9F27 80), when known.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub meaning: String,
    /// Bit-by-bit or entry-by-entry explanation (TVR, TSI, AIP, CVM results…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
    pub children: Vec<Tlv>,
}

/// The short meaning of a coded value: the cryptogram type of a CID (`9F27`).
fn meaning(tag: u32, value: &[u8]) -> String {
    match tag {
        0x9F27 => crate::codec::emv::decode_cid(value)
            .map(|c| c.kind.code().to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn convert(t: &crate::codec::tlv::Tlv, lang: Lang) -> Tlv {
    let tag = t.tag.to_hex();
    let n = t.tag.0;
    let constructed = t.is_constructed();
    let masked_here = hides_tag(View::Message, n);
    // Personal data `display_value` would show (it follows the decode view) is hidden here.
    let hidden = masked_here && !hides_tag(View::Decode, n);
    let value = if constructed {
        String::new()
    } else if hidden {
        let n = [("n", t.value.len().into())];
        tr_args(lang, "decode-8583-tlv-hidden", &n).into_owned()
    } else {
        crate::codec::emv::display_value_in(n, &t.value, lang)
    };
    let explain = if constructed || masked_here {
        Vec::new()
    } else {
        crate::codec::emv::explain_tag_in(n, &t.value, lang)
    };
    Tlv {
        meaning: meaning(n, &t.value),
        name: crate::codec::emv::tag_name_in(n, lang).to_string(),
        len: t.len(),
        value,
        explain,
        children: t.children.iter().map(|c| convert(c, lang)).collect(),
        tag,
    }
}

/// Parses field 55 as BER-TLV (`crate::codec::tlv`), values shown through the EMV dictionary
/// with card data masked. `None` when the bytes are not well-formed TLV.
pub fn parse_tlv(b: &[u8]) -> Option<Vec<Tlv>> {
    parse_tlv_in(b, Lang::En)
}

/// [`parse_tlv`] with names, meanings and explanations in `lang`.
pub fn parse_tlv_in(b: &[u8], lang: Lang) -> Option<Vec<Tlv>> {
    crate::codec::tlv::parse(b)
        .ok()
        .map(|l| l.iter().map(|t| convert(t, lang)).collect())
}

/// Field 55 decoded as far as it is well formed ([`tlv::parse_partial`]): the objects shown
/// as [`parse_tlv`] shows them, and the partial decode with its warnings and errors.
pub fn parse_tlv_partial(b: &[u8], lang: Lang) -> (Vec<Tlv>, tlv::Partial) {
    let p = tlv::parse_partial(b);
    (p.items.iter().map(|t| convert(t, lang)).collect(), p)
}

/// DE55 as hex with the values of card-data tags replaced by `*`.
pub fn masked_tlv_hex(b: &[u8]) -> String {
    masked_tlv_hex_in(b, Lang::En)
}

/// [`masked_tlv_hex`] with the words for bytes that are not TLV in `lang`.
pub fn masked_tlv_hex_in(b: &[u8], lang: Lang) -> String {
    let mut star = vec![false; b.len()];
    for o in tlv::walk(b) {
        let Ok(o) = o else {
            return tr_args(lang, "decode-8583-icc-not-tlv", &[("n", b.len().into())]).into_owned();
        };
        if !o.is_constructed() && hides_tag(View::Message, o.tag.0) {
            star[o.value_offset..o.value_offset + o.len()].fill(true);
        }
    }
    b.iter()
        .zip(star)
        .map(|(x, s)| if s { "**".to_string() } else { hex(&[*x]) })
        .collect()
}

/// CUPS field 60 sub-fields: (label, value, meaning), in `lang`.
pub fn field60_parts(v: &str, lang: Lang) -> Vec<(&'static str, String, &'static str)> {
    let mut out = Vec::new();
    let parts: [(&str, usize); 5] = [
        ("codes-f60-1", 2),
        ("codes-f60-2", 6),
        ("codes-f60-3", 3),
        ("codes-f60-4", 1),
        ("codes-f60-5", 1),
    ];
    let mut rest = v;
    for (label, n) in parts {
        // One to `n` characters: the last sub-field present may be short.
        let Ok((r, s)) = take_while_m_n::<_, _, ()>(1, n, |_: char| true).parse(rest) else {
            break;
        };
        let s = s.to_string();
        let m = match label {
            "codes-f60-1" => txn_type_id(&s),
            "codes-f60-3" => f60_3_id(&s),
            "codes-f60-4" => match s.as_str() {
                "5" | "6" => Some("codes-f60-4-ic"),
                "2" => Some("codes-f60-4-2"),
                _ => None,
            },
            "codes-f60-5" => match s.as_str() {
                "0" => Some("codes-f60-5-0"),
                "1" | "2" => Some("codes-f60-5-fallback"),
                _ => None,
            },
            _ => None,
        };
        let m = m.map_or("", |id| tr_static(lang, id));
        out.push((tr_static(lang, label), s, m));
        rest = r;
    }
    if !rest.is_empty() {
        out.push((tr_static(lang, "codes-f60-rest"), rest.to_string(), ""));
    }
    out
}

/// The catalogue id of a CUPS 60.3 network management information code (docs/pos.md, the
/// host's transaction codes): sign-on and sign-off, settlement and batch upload, echo, and the
/// parameter, public-key and IC-parameter downloads.
fn f60_3_id(code: &str) -> Option<&'static str> {
    Some(match code {
        "000" => "codes-f60-3-000",
        "001" => "codes-f60-3-001",
        "002" => "codes-f60-3-002",
        "003" => "codes-f60-3-003",
        "004" => "codes-f60-3-004",
        "006" => "codes-f60-3-006",
        "201" => "codes-f60-3-201",
        "202" => "codes-f60-3-202",
        "203" | "204" | "205" | "206" => "codes-f60-3-203",
        "207" => "codes-f60-3-207",
        "301" => "codes-f60-3-301",
        "360" => "codes-f60-3-360",
        "370" => "codes-f60-3-370",
        "371" => "codes-f60-3-371",
        "372" => "codes-f60-3-372",
        "380" => "codes-f60-3-380",
        "381" => "codes-f60-3-381",
        "382" => "codes-f60-3-382",
        "951" => "codes-f60-3-951",
        _ => return None,
    })
}

/// The catalogue id of a CUPS 60.1 transaction type (protocols.md §6.4).
fn txn_type_id(code: &str) -> Option<&'static str> {
    Some(match code {
        "00" => "codes-cups-txn-00",
        "01" => "codes-cups-txn-01",
        "10" => "codes-cups-txn-10",
        "11" => "codes-cups-txn-11",
        "20" => "codes-cups-txn-20",
        "21" => "codes-cups-txn-21",
        "22" => "codes-cups-txn-22",
        "23" => "codes-cups-txn-23",
        "25" => "codes-cups-txn-25",
        "30" => "codes-cups-txn-30",
        "32" | "34" => "codes-cups-txn-32",
        _ => return None,
    })
}

/// CUPS 60.1 transaction types (protocols.md §6.4) in `lang`; empty when unknown.
pub fn txn_type(code: &str, lang: Lang) -> &'static str {
    txn_type_id(code).map_or("", |id| tr_static(lang, id))
}

/// The MTI in words, in `lang`: version, class, function, origin.
pub fn mti_text(mti: &str, lang: Lang) -> String {
    let d: Vec<char> = mti.chars().collect();
    if d.len() != 4 {
        return tr_static(lang, "decode-8583-mti-invalid").to_string();
    }
    let version = match d[0] {
        '0' => "codes-mti-version-0",
        '1' => "codes-mti-version-1",
        '2' => "codes-mti-version-2",
        _ => "codes-mti-version-unknown",
    };
    let class = match d[1] {
        '1' => "codes-mti-class-1",
        '2' => "codes-mti-class-2",
        '3' => "codes-mti-class-3",
        '4' => "codes-mti-class-4",
        '5' => "codes-mti-class-5",
        '6' => "codes-mti-class-6",
        '8' => "codes-mti-class-8",
        _ => "codes-mti-class-unknown",
    };
    let function = match d[2] {
        '0' => "codes-mti-function-0",
        '1' => "codes-mti-function-1",
        '2' => "codes-mti-function-2",
        '3' => "codes-mti-function-3",
        _ => "codes-mti-function-other",
    };
    let origin = match d[3] {
        '0' => "codes-mti-origin-0",
        '1' => "codes-mti-origin-1",
        '2' => "codes-mti-origin-2",
        '3' => "codes-mti-origin-3",
        _ => "codes-mti-origin-other",
    };
    let args = [
        ("version", tr_static(lang, version).into()),
        ("class", tr_static(lang, class).into()),
        ("function", tr_static(lang, function).into()),
        ("origin", tr_static(lang, origin).into()),
    ];
    tr_args(lang, "decode-8583-mti", &args).into_owned()
}

/// DE3 processing code meaning (first two digits) in `lang`; empty when unknown.
pub fn processing_code_text(pc: &str, lang: Lang) -> &'static str {
    let id = match pc.get(..2) {
        Some("00") => "codes-pc-00",
        Some("01") => "codes-pc-01",
        Some("03") => "codes-pc-03",
        Some("20") => "codes-pc-20",
        Some("31") => "codes-pc-31",
        _ => return "",
    };
    tr_static(lang, id)
}

/// DE22 entry mode meaning (first two digits = PAN entry, third = PIN capability) in `lang`.
pub fn entry_mode_text(em: &str, lang: Lang) -> String {
    let pan = match em.get(..2) {
        Some("01") => "codes-de22-pan-01",
        Some("02") => "codes-de22-pan-02",
        Some("05") => "codes-de22-pan-05",
        Some("07") => "codes-de22-pan-07",
        Some("80") | Some("91") => "codes-de22-pan-fallback",
        Some("90") => "codes-de22-pan-90",
        Some("98") => "codes-de22-pan-98",
        _ => "codes-de22-pan-unknown",
    };
    let pin = match em.get(2..3) {
        Some("1") => "codes-de22-pin-1",
        Some("2") => "codes-de22-pin-2",
        _ => "codes-de22-pin-unknown",
    };
    let args = [
        ("pan", tr_static(lang, pan).into()),
        ("pin", tr_static(lang, pin).into()),
    ];
    tr_args(lang, "decode-8583-entry-mode", &args).into_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(
            display_value(2, &Value::text("6224242900000113")),
            "622424******0113"
        );
        let t = display_value(35, &Value::text("6224242900000113D28062013949031013"));
        assert!(!t.contains("3949031013"));
        assert_eq!(
            display_value(52, &Value::Bytes(vec![0; 8])),
            "[PIN block, 8 bytes]"
        );
        let t = crate::sensitive::mask_track_text("B6224242900000113^X^28");
        assert!(t.contains("622424******0113") && !t.contains("6224242900000113"));
    }

    #[test]
    fn tlv_hides_pan() {
        let b = [
            0x5A, 0x08, 0x62, 0x24, 0x24, 0x29, 0x00, 0x00, 0x01, 0x13, 0x9F, 0x27, 0x01, 0x80,
        ];
        let l = parse_tlv(&b).unwrap();
        assert_eq!(l[0].value, "622424******0113");
        assert_eq!(l[1].meaning, "ARQC");
        let h = masked_tlv_hex(&b);
        assert!(!h.contains("6224242900000113"), "{h}");
        assert!(h.ends_with("9F270180"));
    }
}
