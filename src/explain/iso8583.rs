//! `cardbench decode 8583`: an ISO 8583 message (optionally framed) explained field by field,
//! card data masked, field 55 as a TLV tree, field 39 with meaning and cause family; or one
//! JSON document `{"mti", "fields": {"2": …}, "de55": [...]}`.

use super::{DecodeOptions, ExplainError as Error};
use crate::codec::iso8583::display::{
    display_value_in, entry_mode_text, field60_parts, mti_text, parse_tlv, parse_tlv_partial,
    processing_code_text, Tlv,
};
use crate::codec::iso8583::framing::{self, CupsHeader, Frame, Framing};
use crate::codec::iso8583::rc::rc_info;
use crate::codec::iso8583::spec::field_name;
use crate::codec::iso8583::{decode, Decoded, Packing, Value};
use crate::codec::DecodeError;

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
pub fn parse_input(input: &str, packing: Packing, framed: bool) -> Result<Explained> {
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
        (Ok(b), Packing::Cups) => attempt(&b).map_err(|e| with_diagnosis(e, &b, framed)),
        (Ok(b), Packing::Ascii) => match attempt(&b) {
            Ok(x) => Ok(x),
            Err(e) => attempt(input.trim().as_bytes()).map_err(|_| with_ebcdic_hint(e, &b)),
        },
        (Err(he), Packing::Ascii) => attempt(input.trim_end_matches(['\r', '\n']).as_bytes())
            .map_err(|e| {
                Error::Input(format!(
                    "neither hex ({he}) nor an ASCII 8583 message ({e})"
                ))
            }),
        (Err(he), Packing::Cups) => Err(he.into()),
    }
}

/// An ASCII decode error, with a hint when the bytes are EBCDIC.
fn with_ebcdic_hint(e: DecodeError, bytes: &[u8]) -> Error {
    match super::fields8583::ebcdic_hint(bytes, e.offset) {
        Some(h) => Error::Input(format!("{e} ({h})")),
        None => Error::Decode(e),
    }
}

fn with_diagnosis(e: DecodeError, bytes: &[u8], framed: bool) -> Error {
    if !framed {
        let len_matches = bytes.len() >= 2
            && usize::from(bytes[0]) << 8 | usize::from(bytes[1]) == bytes.len() - 2;
        let hint = if len_matches {
            Some("the first two bytes are a length that matches the rest: add --framed")
        } else if bytes.first() == Some(&0x60) && bytes.len() > 13 {
            Some("starts with a TPDU (60): a CUPS frame without its length header?")
        } else {
            None
        };
        return match hint {
            Some(h) => Error::Input(format!("{e} ({h})")),
            None => Error::Decode(e),
        };
    }
    let msg = e.to_string();
    let d: Vec<String> = framing::diagnose(bytes, Framing::Cups)
        .into_iter()
        .filter(|l| !msg.contains(l.as_str()))
        .collect();
    if d.is_empty() {
        Error::Decode(e)
    } else {
        Error::Input(format!("{e} ({})", d.join("; ")))
    }
}

pub fn explain(input: &str, args: &DecodeOptions) -> Result<String> {
    let packing = args.packing;
    let x = parse_input(input, packing, args.framed)?;
    if args.json {
        Ok(to_json(&x))
    } else {
        Ok(to_text(&x, packing))
    }
}

fn header_text(h: &CupsHeader) -> String {
    format!(
        "application {} ({}), software version {}, terminal status {}, processing requirement {} ({}), sub-version {}",
        h.app_type(),
        h.app_type_text(),
        h.version(),
        h.terminal_status(),
        h.processing_requirement(),
        CupsHeader::processing_requirement_text(h.processing_requirement()),
        h.sub_version()
    )
}

/// The human explanation.
pub fn to_text(x: &Explained, packing: Packing) -> String {
    let mut o = String::new();
    let m = &x.decoded.message;
    let _ = writeln!(
        o,
        "ISO 8583 message, {} packing, {} bytes",
        packing.as_str(),
        x.total_len
    );
    if let Some(f) = &x.frame {
        let _ = writeln!(
            o,
            "Frame ({}): length header {} = {} bytes follow (matches)",
            f.framing.as_str(),
            hex_spaced(&(f.declared_len as u16).to_be_bytes()),
            f.declared_len
        );
        if let Some(h) = &f.header {
            let _ = writeln!(
                o,
                "  TPDU    {}  id {:02X}, destination {}, source {}",
                hex_spaced(&h.tpdu),
                h.tpdu_id(),
                h.destination(),
                h.source()
            );
            let _ = writeln!(o, "  header  {}  {}", hex_spaced(&h.header), header_text(h));
        }
    }
    let _ = writeln!(o, "MTI {}  {}", m.mti, mti_text(&m.mti));
    let fields: Vec<String> = crate::codec::iso8583::bitmap_fields(&x.decoded.bitmap)
        .iter()
        .map(u8::to_string)
        .collect();
    let _ = writeln!(
        o,
        "Bitmap {}  bits {}",
        hex(&x.decoded.bitmap),
        fields.join(" ")
    );
    for w in &x.decoded.warnings {
        let _ = writeln!(o, "Warning: {w}");
    }
    let _ = writeln!(o, "Fields ({}):", m.fields.len());
    for (&n, v) in &m.fields {
        let shown = display_value_in(n, v, Some(packing));
        let name =
            crate::codec::iso8583::spec::field_spec(n, packing).map_or(field_name(n), |s| s.name);
        let _ = writeln!(o, "  DE{n:<3} {name:<38} {shown}");
        for note in notes(n, v, packing)
            .into_iter()
            .chain(super::fields8583::field_notes(m, n, packing))
        {
            let _ = writeln!(o, "         {note}");
        }
        if n == 55 {
            if let Value::Bytes(b) = v {
                match parse_tlv(b) {
                    Some(list) => tlv_lines(&mut o, &list, 9),
                    None => {
                        let (list, p) = parse_tlv_partial(b);
                        let _ =
                            writeln!(o, "         (not well-formed BER-TLV; what is, is shown)");
                        tlv_lines(&mut o, &list, 9);
                        o.push_str(&super::tlv::problems_text(&p, 9));
                    }
                }
            }
        }
    }
    o
}

fn tlv_lines(o: &mut String, list: &[Tlv], indent: usize) {
    for t in list {
        let pad = " ".repeat(indent);
        let meaning = if t.meaning.is_empty() || t.value.contains(&t.meaning) {
            String::new()
        } else {
            format!("  {}", t.meaning)
        };
        let name = if t.name.is_empty() {
            "(unknown tag)"
        } else {
            &t.name
        };
        let _ = writeln!(o, "{pad}{} {name} [{}]: {}{meaning}", t.tag, t.len, t.value);
        for line in &t.explain {
            let _ = writeln!(o, "{pad}    {line}");
        }
        tlv_lines(o, &t.children, indent + 2);
    }
}

fn notes(n: u8, v: &Value, packing: Packing) -> Vec<String> {
    let t = v.as_text().unwrap_or("");
    match n {
        3 => {
            let s = processing_code_text(t);
            if s.is_empty() {
                vec![]
            } else {
                vec![s.to_string()]
            }
        }
        4 => match t.parse::<u64>() {
            Ok(minor) => vec![format!("{}.{:02} (minor units)", minor / 100, minor % 100)],
            Err(_) => vec![],
        },
        22 => vec![entry_mode_text(t)],
        39 => {
            let i = rc_info(t);
            vec![
                format!("{} / {}", i.meaning_en, i.meaning_zh),
                if i.approved {
                    "approved".to_string()
                } else {
                    format!(
                        "cause family {} ({} / {}); action: {}",
                        i.family.as_str(),
                        i.family.name_en(),
                        i.family.name_zh(),
                        i.action_en
                    )
                },
            ]
        }
        49 if t == "156" => vec!["CNY".to_string()],
        60 if packing == Packing::Cups => field60_parts(t)
            .into_iter()
            .map(|(l, v, m)| {
                if m.is_empty() {
                    format!("{l}: {v}")
                } else {
                    format!("{l}: {v} ({m})")
                }
            })
            .collect(),
        70 if t == "301" => vec!["echo test".to_string()],
        _ => vec![],
    }
}

/// The JSON document.
pub fn to_json(x: &Explained) -> String {
    let m = &x.decoded.message;
    let mut fields = serde_json::Map::new();
    for (&n, v) in &m.fields {
        fields.insert(
            n.to_string(),
            serde_json::Value::String(display_value_in(n, v, Some(x.decoded.packing))),
        );
    }
    let mut doc = serde_json::Map::new();
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
