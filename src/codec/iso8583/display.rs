//! Showing 8583 fields safely, as the card-data policy's message view says
//! (`sensitive::View::Message`): DE2, DE34, DE35, DE36, DE45 as masked PAN / track, DE52 never
//! shown, card-data tags inside DE55 hidden; DE55 as a TLV list, CUPS field 60 sub-fields, and
//! short meanings for MTI, processing code and entry mode.

use super::Value;
use crate::codec::tlv;
use crate::hexfmt::hex;
use crate::sensitive::{hides_tag, iso8583_field, CardData, Pan, Track2, View};
use serde::Serialize;

/// The field's value as text for a human or a JSON document, card data masked. Without the
/// packing, a field is free text (scanned for card numbers) when it is text in both packings.
pub fn display_value(num: u8, v: &Value) -> String {
    display_value_in(num, v, None)
}

/// [`display_value`] for a message of a known packing: free text (scanned for card numbers)
/// is what that packing's table says is text (CUPS field 60 is digits, ASCII field 60 text).
pub fn display_value_in(num: u8, v: &Value, packing: Option<super::Packing>) -> String {
    match iso8583_field(num).filter(|c| c.hidden_in(View::Message)) {
        Some(CardData::Pan) => Pan::new(value_text(v)).masked(),
        Some(CardData::Track2) => Track2::new(value_text(v)).to_string(),
        Some(CardData::PinBlock) => format!("[PIN block, {} bytes]", pin_len(v)),
        Some(_) => crate::sensitive::mask_track_text(&value_text(v)),
        None => plain_value(num, v, packing),
    }
}

/// A field the policy does not hide whole: DE55 with its card-data tags starred, the others
/// as they are.
fn plain_value(num: u8, v: &Value, packing: Option<super::Packing>) -> String {
    match num {
        55 => match v {
            Value::Bytes(b) => masked_tlv_hex(b),
            Value::Text(t) => format!("[ICC data, {} characters]", t.len()),
        },
        _ => match v {
            // Free text may carry a card number; numerics (amounts, counts, IDs) cannot.
            Value::Text(t) if is_free_text(num, packing) => crate::sensitive::mask_luhn_runs(t),
            Value::Text(t) => t.clone(),
            Value::Bytes(b) => hex(b),
        },
    }
}

/// Text fields (`ans`) in the packing's table (both tables when it is not known): the only
/// ones the digit scan applies to.
fn is_free_text(num: u8, packing: Option<super::Packing>) -> bool {
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

fn convert(t: &crate::codec::tlv::Tlv) -> Tlv {
    let tag = t.tag.to_hex();
    let n = t.tag.0;
    let constructed = t.is_constructed();
    let masked_here = hides_tag(View::Message, n);
    // Personal data `display_value` would show (it follows the decode view) is hidden here.
    let hidden = masked_here && !hides_tag(View::Decode, n);
    let value = if constructed {
        String::new()
    } else if hidden {
        format!("[hidden, {} bytes]", t.value.len())
    } else {
        crate::codec::emv::display_value(n, &t.value)
    };
    let explain = if constructed || masked_here {
        Vec::new()
    } else {
        crate::codec::emv::explain_tag(n, &t.value)
    };
    Tlv {
        meaning: meaning(n, &t.value),
        name: crate::codec::emv::tag_name(n).to_string(),
        len: t.len(),
        value,
        explain,
        children: t.children.iter().map(convert).collect(),
        tag,
    }
}

/// Parses field 55 as BER-TLV (`crate::codec::tlv`), values shown through the EMV dictionary
/// with card data masked. `None` when the bytes are not well-formed TLV.
pub fn parse_tlv(b: &[u8]) -> Option<Vec<Tlv>> {
    crate::codec::tlv::parse(b)
        .ok()
        .map(|l| l.iter().map(convert).collect())
}

/// Field 55 decoded as far as it is well formed ([`tlv::parse_partial`]): the objects shown
/// as [`parse_tlv`] shows them, and the partial decode with its warnings and errors.
pub fn parse_tlv_partial(b: &[u8]) -> (Vec<Tlv>, tlv::Partial) {
    let p = tlv::parse_partial(b);
    (p.items.iter().map(convert).collect(), p)
}

/// DE55 as hex with the values of card-data tags replaced by `*`.
pub fn masked_tlv_hex(b: &[u8]) -> String {
    let mut star = vec![false; b.len()];
    for o in tlv::walk(b) {
        let Ok(o) = o else {
            return format!("[ICC data, {} bytes, not TLV]", b.len());
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

/// CUPS field 60 sub-fields: (label, value, meaning).
pub fn field60_parts(v: &str) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let parts: [(&str, usize); 5] = [
        ("60.1 transaction type", 2),
        ("60.2 batch number", 6),
        ("60.3 network management code", 3),
        ("60.4 terminal read capability", 1),
        ("60.5 IC condition code", 1),
    ];
    let mut pos = 0;
    for (label, n) in parts {
        if pos >= v.len() {
            break;
        }
        let end = (pos + n).min(v.len());
        let s = v.get(pos..end).unwrap_or("").to_string();
        let m = match label {
            "60.1 transaction type" => txn_type(&s).to_string(),
            "60.3 network management code" => match s.as_str() {
                "000" => "financial message".to_string(),
                "001" => "sign-on, single-DES keys".to_string(),
                "003" => "sign-on, double-length keys".to_string(),
                "004" => "sign-on, double-length keys + track key".to_string(),
                "301" => "echo test".to_string(),
                _ => String::new(),
            },
            "60.4 terminal read capability" => match s.as_str() {
                "5" | "6" => "IC capable".to_string(),
                "2" => "magstripe only".to_string(),
                _ => String::new(),
            },
            "60.5 IC condition code" => match s.as_str() {
                "0" => "normal".to_string(),
                "1" | "2" => "fallback".to_string(),
                _ => String::new(),
            },
            _ => String::new(),
        };
        out.push((label, s, m));
        pos = end;
    }
    if pos < v.len() {
        out.push((
            "60.6+ acquirer-specific",
            v[pos..].to_string(),
            String::new(),
        ));
    }
    out
}

/// CUPS 60.1 transaction types (protocols.md §6.4).
pub fn txn_type(code: &str) -> &'static str {
    match code {
        "00" => "management",
        "01" => "balance inquiry",
        "10" => "pre-authorisation",
        "11" => "pre-authorisation void",
        "20" => "pre-authorisation completion",
        "21" => "pre-authorisation completion void",
        "22" => "purchase",
        "23" => "purchase void",
        "25" => "refund",
        "30" => "offline settlement",
        "32" | "34" => "settlement adjustment",
        _ => "",
    }
}

/// The MTI in words: version, class, function, origin.
pub fn mti_text(mti: &str) -> String {
    let d: Vec<char> = mti.chars().collect();
    if d.len() != 4 {
        return "not a 4-digit MTI".to_string();
    }
    let version = match d[0] {
        '0' => "ISO 8583:1987",
        '1' => "ISO 8583:1993",
        '2' => "ISO 8583:2003",
        _ => "unknown version",
    };
    let class = match d[1] {
        '1' => "authorisation",
        '2' => "financial",
        '3' => "file action",
        '4' => "reversal",
        '5' => "reconciliation",
        '6' => "administrative",
        '8' => "network management",
        _ => "unknown class",
    };
    let function = match d[2] {
        '0' => "request",
        '1' => "request response",
        '2' => "advice",
        '3' => "advice response",
        _ => "other function",
    };
    let origin = match d[3] {
        '0' => "acquirer",
        '1' => "acquirer repeat",
        '2' => "issuer",
        '3' => "issuer repeat",
        _ => "other origin",
    };
    format!("{version}, {class} {function}, from {origin}")
}

/// DE3 processing code meaning (first two digits).
pub fn processing_code_text(pc: &str) -> &'static str {
    match pc.get(..2) {
        Some("00") => "purchase / goods and services",
        Some("01") => "cash",
        Some("03") => "pre-authorisation",
        Some("20") => "refund / void",
        Some("31") => "balance inquiry",
        _ => "",
    }
}

/// DE22 entry mode meaning (first two digits = PAN entry, third = PIN capability).
pub fn entry_mode_text(em: &str) -> String {
    let pan = match em.get(..2) {
        Some("01") => "manual key entry",
        Some("02") => "magnetic stripe",
        Some("05") => "contact chip",
        Some("07") => "contactless chip",
        Some("80") | Some("91") => "fallback to magnetic stripe",
        Some("90") => "magnetic stripe (full track)",
        Some("98") => "contactless magstripe",
        _ => "unknown entry",
    };
    let pin = match em.get(2..3) {
        Some("1") => "terminal can take a PIN",
        Some("2") => "terminal cannot take a PIN",
        _ => "PIN capability unknown",
    };
    format!("{pan}; {pin}")
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
