//! `cardbench decode 8583`: an ISO 8583 message (optionally framed) explained field by field,
//! card data masked, field 55 as a TLV tree, field 39 with meaning and cause family; or one
//! JSON document `{"mti", "fields": {"2": …}, "de55": [...]}`.

use super::{DecodeOptions, ExplainError as Error};
use crate::codec::iso8583::display::{
    display_value_in, display_value_lang, entry_mode_text, field60_parts, mti_text, parse_tlv,
    parse_tlv_in, parse_tlv_partial, processing_code_text, Tlv,
};
use crate::codec::iso8583::framing::{self, CupsHeader, Frame, Framing};
use crate::codec::iso8583::rc::rc_info;
use crate::codec::iso8583::spec::{field_name, Kind};
use crate::codec::iso8583::{decode, Decoded, Packing, Value};
use crate::codec::DecodeError;
use crate::i18n::{tr, tr_args, Lang};

type Result<T, E = Error> = std::result::Result<T, E>;
use crate::hexfmt::{hex, hex_spaced, parse_hex};
use std::fmt::Write as _;

/// A decoded input: the frame (when `--framed`) and the message.
pub struct Explained {
    pub frame: Option<Frame>,
    pub decoded: Decoded,
    pub total_len: usize,
}

/// Parses the input text the way `decode 8583` does (hex; for ASCII packing also raw text).
pub fn parse_input(input: &str, packing: Packing, framed: bool, lang: Lang) -> Result<Explained> {
    let hex_bytes = parse_hex(input);
    let attempt = |bytes: &[u8]| -> std::result::Result<Explained, DecodeError> {
        if framed {
            let fr = match packing {
                Packing::Cups => framing::unframe(Framing::Cups, bytes)?,
                Packing::Ascii => framing::unframe(Framing::Len2, bytes)
                    .or_else(|e| framing::unframe(Framing::Ascii4, bytes).map_err(|_| e))?,
            };
            let decoded = decode(&fr.body, packing).map_err(|mut e| {
                e.offset += fr.body_offset;
                e
            })?;
            Ok(Explained {
                frame: Some(fr),
                decoded,
                total_len: bytes.len(),
            })
        } else {
            Ok(Explained {
                frame: None,
                decoded: decode(bytes, packing)?,
                total_len: bytes.len(),
            })
        }
    };
    match (hex_bytes, packing) {
        (Ok(b), Packing::Cups) => attempt(&b).map_err(|e| with_diagnosis(e, &b, framed, lang)),
        (Ok(b), Packing::Ascii) => match attempt(&b) {
            Ok(x) => Ok(x),
            Err(e) => attempt(input.trim().as_bytes()).map_err(|_| with_ebcdic_hint(e, &b, lang)),
        },
        (Err(he), Packing::Ascii) => attempt(input.trim_end_matches(['\r', '\n']).as_bytes())
            .map_err(|e| {
                let args = [
                    ("hex", he.text(lang).into()),
                    ("error", e.text(lang).into()),
                ];
                Error::Input(tr_args(lang, "decode-8583-error-neither", &args).into_owned())
            }),
        (Err(he), Packing::Cups) => Err(Error::Input(he.text(lang))),
    }
}

/// An ASCII decode error, with a hint when the bytes are EBCDIC.
/// The decoder's error with a hint after it.
fn hinted(lang: Lang, e: &DecodeError, hint: &str) -> Error {
    let args = [("error", e.text(lang).into()), ("hint", hint.into())];
    Error::Input(tr_args(lang, "decode-8583-error-hint", &args).into_owned())
}

fn with_ebcdic_hint(e: DecodeError, bytes: &[u8], lang: Lang) -> Error {
    match super::fields8583::ebcdic_hint(bytes, e.offset, lang) {
        Some(h) => hinted(lang, &e, &h),
        None => Error::Decode(e),
    }
}

fn with_diagnosis(e: DecodeError, bytes: &[u8], framed: bool, lang: Lang) -> Error {
    if !framed {
        // The framer's own reading: a 2-byte length that matches the bytes after it.
        let len_matches = framing::unframe(Framing::Len2, bytes).is_ok();
        let hint = if len_matches {
            Some("decode-8583-hint-framed")
        } else if bytes.first() == Some(&0x60) && bytes.len() > 13 {
            Some("decode-8583-hint-tpdu")
        } else {
            None
        };
        return match hint {
            Some(h) => hinted(lang, &e, &tr(lang, h)),
            None => Error::Decode(e),
        };
    }
    let msg = e.to_string();
    let d: Vec<_> = framing::diagnose(bytes, Framing::Cups)
        .into_iter()
        .filter(|l| !msg.contains(&l.to_string()))
        .collect();
    if d.is_empty() {
        Error::Decode(e)
    } else {
        let detail = framing::hints_text(&d, lang);
        let args = [("error", e.text(lang).into()), ("hint", detail.into())];
        Error::Input(tr_args(lang, "decode-8583-error-hint", &args).into_owned())
    }
}

/// Explains an ISO 8583 message as text in `lang` (or JSON, whose names and codes are
/// English).
pub fn explain(input: &str, args: &DecodeOptions, lang: Lang) -> Result<String> {
    let packing = args.packing;
    let mut x = parse_input(input, packing, args.framed, lang)?;
    // The JSON document's words are English.
    let words = if args.json { Lang::En } else { lang };
    let found = super::charset8583::charset_warnings(&x.decoded, words);
    x.decoded.warnings.extend(found);
    let output = if args.json {
        to_json(&x)
    } else {
        to_text(&x, packing, lang)
    };
    // A malformed object in field 55 is bad input as in `decode tlv`: the message is shown
    // (DE55 as far as it is well formed), then exit 2 with the first one.
    let bad = match x.decoded.message.get(55) {
        Some(Value::Bytes(b)) => super::tlv::first_error(&super::tlv::in_field(
            crate::codec::tlv::parse_partial(b),
            "DE55",
        )),
        _ => None,
    };
    match bad {
        Some(error) => Err(Error::Partial { output, error }),
        None => Ok(output),
    }
}

fn header_text(h: &CupsHeader, lang: Lang) -> String {
    let requirement = h.processing_requirement();
    let args = [
        ("app", h.app_type().to_string().into()),
        ("app_text", h.app_type_text(lang).into()),
        ("version", h.version().to_string().into()),
        ("status", h.terminal_status().to_string().into()),
        ("requirement", requirement.to_string().into()),
        (
            "requirement_text",
            CupsHeader::processing_requirement_text(requirement, lang).into(),
        ),
        ("sub", h.sub_version().to_string().into()),
    ];
    tr_args(lang, "decode-8583-header", &args).into_owned()
}

/// The frame's lines: its length header, and the CUPS TPDU and header when there are.
fn frame_text(o: &mut String, f: &Frame, lang: Lang) {
    let args = [
        ("framing", f.framing.as_str().into()),
        (
            "hex",
            hex_spaced(&(f.declared_len as u16).to_be_bytes()).into(),
        ),
        ("n", f.declared_len.into()),
    ];
    let _ = writeln!(o, "{}", tr_args(lang, "decode-8583-frame", &args));
    if let Some(h) = &f.header {
        let args = [
            ("id", format!("{:02X}", h.tpdu_id()).into()),
            ("destination", h.destination().to_string().into()),
            ("source", h.source().to_string().into()),
        ];
        let tpdu = tr_args(lang, "decode-8583-tpdu", &args);
        let _ = writeln!(o, "  TPDU    {}  {tpdu}", hex_spaced(&h.tpdu));
        let label = tr(lang, "decode-8583-label-header");
        let _ = writeln!(
            o,
            "  {label}  {}  {}",
            hex_spaced(&h.header),
            header_text(h, lang)
        );
    }
}

/// The human explanation, in `lang`.
pub fn to_text(x: &Explained, packing: Packing, lang: Lang) -> String {
    let mut o = String::new();
    let m = &x.decoded.message;
    let args = [
        ("packing", packing.as_str().into()),
        ("n", x.total_len.into()),
    ];
    let _ = writeln!(o, "{}", tr_args(lang, "decode-8583-title", &args));
    if let Some(f) = &x.frame {
        frame_text(&mut o, f, lang);
    }
    let _ = writeln!(o, "MTI {}  {}", m.mti, mti_text(&m.mti, lang));
    let fields: Vec<String> = crate::codec::iso8583::bitmap_fields(&x.decoded.bitmap)
        .iter()
        .map(u8::to_string)
        .collect();
    let args = [
        ("hex", hex(&x.decoded.bitmap).into()),
        ("bits", fields.join(" ").into()),
    ];
    let _ = writeln!(o, "{}", tr_args(lang, "decode-8583-bitmap", &args));
    for w in &x.decoded.warnings {
        let w = tr_args(lang, "decode-tlv-warning", &[("what", w.text(lang).into())]);
        let _ = writeln!(o, "{w}");
    }
    let n = [("n", m.fields.len().into())];
    let _ = writeln!(o, "{}", tr_args(lang, "decode-8583-fields", &n));
    for (&n, v) in &m.fields {
        let spec = crate::codec::iso8583::spec::field_spec(n, packing);
        let hidden = super::fields8583::hidden_value(m, n, lang);
        let is_text = hidden.is_none() && spec.is_some_and(|s| s.kind == Kind::Ans);
        let mut shown = hidden.unwrap_or_else(|| display_value_lang(n, v, Some(packing), lang));
        if is_text {
            // Text the message carries, set off from the explanation (「…」 in Chinese).
            shown = tr_args(lang, "decode-8583-text", &[("text", shown.into())]).into_owned();
        }
        let name = spec.map_or(field_name(n), |s| s.name_in(lang));
        let _ = writeln!(o, "  DE{n:<3} {} {shown}", pad_to(name, 38));
        for note in notes(n, v, packing, lang)
            .into_iter()
            .chain(super::fields8583::field_notes(m, n, packing, lang))
        {
            let _ = writeln!(o, "         {note}");
        }
        if n == 55 {
            if let Value::Bytes(b) = v {
                de55_lines(&mut o, b, lang);
            }
        }
    }
    o
}

/// `text` padded with spaces to `width` terminal columns (a CJK character takes two).
fn pad_to(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// DE55 as a TLV tree under its field line; what is well formed when the rest is not.
fn de55_lines(o: &mut String, b: &[u8], lang: Lang) {
    match parse_tlv_in(b, lang) {
        Some(list) => tlv_lines(o, &list, 9, lang),
        None => {
            let (list, p) = parse_tlv_partial(b, lang);
            let p = super::tlv::in_field(p, "DE55");
            let _ = writeln!(o, "         {}", tr(lang, "decode-8583-de55-partial"));
            tlv_lines(o, &list, 9, lang);
            o.push_str(&super::tlv::problems_text_in(&p, 9, lang));
        }
    }
}

fn tlv_lines(o: &mut String, list: &[Tlv], indent: usize, lang: Lang) {
    for t in list {
        let pad = " ".repeat(indent);
        let meaning = if t.meaning.is_empty() || t.value.contains(&t.meaning) {
            String::new()
        } else {
            format!("  {}", t.meaning)
        };
        let name = if t.name.is_empty() {
            format!("({})", tr(lang, "codes-tag-unknown"))
        } else {
            t.name.clone()
        };
        let _ = writeln!(o, "{pad}{} {name} [{}]: {}{meaning}", t.tag, t.len, t.value);
        for line in &t.explain {
            let _ = writeln!(o, "{pad}    {line}");
        }
        tlv_lines(o, &t.children, indent + 2, lang);
    }
}

fn notes(n: u8, v: &Value, packing: Packing, lang: Lang) -> Vec<String> {
    let t = v.as_text().unwrap_or("");
    match n {
        3 => {
            let s = processing_code_text(t, lang);
            if s.is_empty() {
                vec![]
            } else {
                vec![s.to_string()]
            }
        }
        4 => match t.parse::<u64>() {
            Ok(minor) => {
                let amount = format!("{}.{:02}", minor / 100, minor % 100);
                let args = [("amount", amount.into())];
                vec![tr_args(lang, "decode-8583-amount", &args).into_owned()]
            }
            Err(_) => vec![],
        },
        22 => vec![entry_mode_text(t, lang)],
        39 => rc_notes(t, lang),
        49 if t == "156" => vec!["CNY".to_string()],
        60 if packing == Packing::Cups => field60_parts(t, lang)
            .into_iter()
            .map(|(l, v, m)| super::fields8583::part_line(lang, l, &v, m))
            .collect(),
        70 if t == "301" => vec![tr(lang, "codes-f60-3-301").into_owned()],
        _ => vec![],
    }
}

/// DE39: the meaning (English with its Chinese, as the CUPS table gives both; Chinese alone in
/// Chinese), then approved or the cause family and the action.
fn rc_notes(t: &str, lang: Lang) -> Vec<String> {
    let i = rc_info(t);
    let both = |en: &str, zh: &str| match lang {
        Lang::En => format!("{en} / {zh}"),
        Lang::ZhCn => zh.to_string(),
    };
    let outcome = if i.approved {
        let args = [("action", i.action(lang).into())];
        tr_args(lang, "decode-8583-rc-approved", &args).into_owned()
    } else {
        let args = [
            ("family", i.family.as_str().into()),
            ("name", both(i.family.name_en(), i.family.name_zh()).into()),
            ("action", i.action(lang).into()),
        ];
        tr_args(lang, "decode-8583-rc-family", &args).into_owned()
    };
    vec![both(i.meaning_en, i.meaning_zh), outcome]
}

/// The JSON document.
pub fn to_json(x: &Explained) -> String {
    let m = &x.decoded.message;
    let mut doc = serde_json::Map::new();
    let mut fields = serde_json::Map::new();
    for (&n, v) in &m.fields {
        let shown = super::fields8583::hidden_value(m, n, Lang::En)
            .unwrap_or_else(|| display_value_in(n, v, Some(x.decoded.packing)));
        fields.insert(n.to_string(), serde_json::Value::String(shown));
    }
    if let Some(Value::Bytes(b)) = m.get(62) {
        if let Some((layout, slots)) = super::fields8583::key_slots(m, b, x.decoded.packing) {
            let de62 = serde_json::json!({ "layout": layout.code(), "keys": slots });
            doc.insert("de62".into(), de62);
        }
    }
    doc.insert("mti".into(), m.mti.clone().into());
    doc.insert("packing".into(), x.decoded.packing.as_str().into());
    doc.insert("fields".into(), serde_json::Value::Object(fields));
    if !x.decoded.warnings.is_empty() {
        doc.insert(
            "warnings".into(),
            serde_json::to_value(&x.decoded.warnings).unwrap_or(serde_json::Value::Null),
        );
    }
    if let Some(Value::Bytes(b)) = m.get(55) {
        if let Some(list) = parse_tlv(b) {
            doc.insert(
                "de55".into(),
                serde_json::to_value(list).unwrap_or(serde_json::Value::Null),
            );
        }
    }
    if let Some(rc) = m.text(39) {
        let i = rc_info(rc);
        doc.insert(
            "rc".into(),
            serde_json::to_value(i).unwrap_or(serde_json::Value::Null),
        );
    }
    if let Some(f) = &x.frame {
        let mut fr = serde_json::Map::new();
        fr.insert("framing".into(), f.framing.as_str().into());
        fr.insert("length".into(), f.declared_len.into());
        if let Some(h) = &f.header {
            fr.insert("tpdu".into(), hex(&h.tpdu).into());
            fr.insert("header".into(), hex(&h.header).into());
            fr.insert("software_version".into(), h.software_version().into());
            fr.insert(
                "processing_requirement".into(),
                h.processing_requirement().into(),
            );
        }
        doc.insert("frame".into(), serde_json::Value::Object(fr));
    }
    serde_json::to_string_pretty(&serde_json::Value::Object(doc)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unframed-input hints: a 2-byte length matching the rest (as the len2 framer reads
    /// it) asks for `--framed`, at the boundary too (length 0000 and nothing after it); a
    /// length off by one, or fewer than 2 bytes, gives no such hint.
    #[test]
    fn length_prefix_hint() {
        let hint = |hex: &str| match parse_input(hex, Packing::Cups, false, Lang::En) {
            Err(Error::Input(s)) => s,
            Err(e) => format!("no hint: {e}"),
            Ok(_) => "decoded".into(),
        };
        let framed = "the first two bytes are a length that matches the rest: add --framed";
        for hex in ["0003 000000", "0000", "0001 FF"] {
            assert!(
                hint(hex).ends_with(&format!("({framed})")),
                "{hex}: {}",
                hint(hex)
            );
        }
        for hex in ["0004 000000", "0002 00", "00", ""] {
            assert!(!hint(hex).contains(framed), "{hex}: {}", hint(hex));
        }
        let tpdu = "6000060000080000000000000000";
        assert!(hint(tpdu).contains("starts with a TPDU"), "{}", hint(tpdu));
    }
}
