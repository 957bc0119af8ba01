//! `cardbench decode tlv`: BER-TLV / EMV data objects as an indented tree with tag names,
//! masked card data, and bit-by-bit explanations; or as JSON. The renderers are public so the
//! 8583 explainer can show field 55 the same way.

use super::{DecodeOptions, ExplainError as Error};
use crate::codec::emv::{
    display_value, display_value_in, explain_tag, explain_tag_in, tag_info, tag_name_in, value_hex,
};
use crate::codec::tlv::{self, Partial, Tlv};
use crate::i18n::{tr, tr_args, Lang};
use crate::sensitive::{hides_tag, View};

type Result<T, E = Error> = std::result::Result<T, E>;
use crate::hexfmt::parse_hex;
use serde_json::{json, Value};
use std::fmt::Write;

pub fn explain(input: &str, args: &DecodeOptions) -> Result<String> {
    explain_in(input, args, Lang::En)
}

/// [`explain`] with the text in `lang` (the JSON document's names and codes are English).
pub fn explain_in(input: &str, args: &DecodeOptions, lang: Lang) -> Result<String> {
    let bytes = parse_hex(input).map_err(|e| Error::Input(e.text(lang)))?;
    if bytes.is_empty() {
        return Err(Error::Input(
            tr(lang, "decode-tlv-error-empty").into_owned(),
        ));
    }
    let (p, sw) = parse_with_status_word(&bytes);
    if p.items.is_empty() {
        if let Some(e) = p.errors.first() {
            return Err(Error::Decode(e.clone()));
        }
    }
    let out = if args.json {
        serde_json::to_string_pretty(&to_json(&p.items)).unwrap_or_default()
    } else {
        let mut out = render_text_in(&p.items, 0, lang);
        out.push_str(&problems_text_in(&p, 0, lang));
        if let Some([s1, s2]) = sw {
            let what = match (s1, s2) {
                (0x90, 0x00) => "decode-tlv-sw-success",
                (0x61, _) => "decode-tlv-sw-more",
                (0x6C, _) => "decode-tlv-sw-wrong-le",
                _ => "decode-tlv-sw-other",
            };
            let args = [
                ("sw1", format!("{s1:02X}").into()),
                ("sw2", format!("{s2:02X}").into()),
                ("what", tr(lang, what).into_owned().into()),
            ];
            let _ = writeln!(out, "{}", tr_args(lang, "decode-tlv-sw", &args));
        }
        out
    };
    match first_error(&p) {
        Some(error) => Err(Error::Partial { output: out, error }),
        None => Ok(out),
    }
}

/// The warnings and the malformed objects of a partial decode, one line each, at `indent`.
pub fn problems_text(p: &Partial, indent: usize) -> String {
    problems_text_in(p, indent, Lang::En)
}

/// [`problems_text`] with its labels and the decoder's messages in `lang`.
pub fn problems_text_in(p: &Partial, indent: usize, lang: Lang) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for line in problems_in(p, lang) {
        let _ = writeln!(out, "{pad}{line}");
    }
    out
}

/// The warnings and the malformed objects of a partial decode as lines in `lang`, in the order
/// of their offsets (a warning after a malformed object is listed after it, not first).
pub fn problems_in(p: &Partial, lang: Lang) -> Vec<String> {
    let warnings = p.warnings.iter().map(|w| {
        let what = [("what", w.text(lang).into())];
        (w.offset, tr_args(lang, "decode-tlv-warning", &what))
    });
    let errors = p.errors.iter().map(|e| {
        let what = [("what", e.text(lang).into())];
        (e.offset, tr_args(lang, "decode-tlv-not-decoded", &what))
    });
    let mut lines: Vec<_> = warnings.chain(errors).collect();
    // Stable: at one offset the warning (how the length was read) comes before the fault.
    lines.sort_by_key(|(offset, _)| *offset);
    lines.into_iter().map(|(_, l)| l.into_owned()).collect()
}

/// The faults and warnings of TLV nested in a field (`DE55`) named by that field instead of
/// `tlv`, so an offset counted in the field's value is not read as one in the whole message:
/// `DE55: at byte 2: expected …`.
pub fn in_field(mut p: Partial, field: &'static str) -> Partial {
    for e in &mut p.errors {
        e.layer = field;
    }
    for w in &mut p.warnings {
        w.layer = field;
    }
    p
}

/// The first malformed object of a partial decode (the lowest offset), which makes `decode`
/// exit 2 after printing what was well formed; `None` when the decode is clean.
pub fn first_error(p: &Partial) -> Option<crate::codec::DecodeError> {
    p.errors.iter().min_by_key(|e| e.offset).cloned()
}

/// Technicians paste R-APDUs with their status word. When the last two bytes look like one
/// (`90 00`, `6x xx`) and the data parses without them (or they would only parse as an empty
/// object of that tag), they are split off instead of shown as a bogus `90` object. The rest
/// is decoded as far as it is well formed ([`tlv::parse_partial`]).
pub fn parse_with_status_word(bytes: &[u8]) -> (Partial, Option<[u8; 2]>) {
    let whole = tlv::parse_partial(bytes);
    if let [data @ .., s1, s2] = bytes {
        let (s1, s2) = (*s1, *s2);
        let looks_like_sw = (s1 == 0x90 && s2 == 0x00) || (0x61..=0x6F).contains(&s1);
        if looks_like_sw {
            let ends_in_empty_sw_object = whole.is_clean()
                && whole.items.last().is_some_and(|t| {
                    t.offset + 2 == bytes.len() && t.tag == u32::from(s1) && t.value.is_empty()
                });
            if !whole.is_clean() || ends_in_empty_sw_object {
                let split = tlv::parse_partial(data);
                if split.is_clean() {
                    return (split, Some([s1, s2]));
                }
            }
        }
    }
    (whole, None)
}

/// The indented text tree, starting at `indent` spaces.
pub fn render_text(items: &[Tlv], indent: usize) -> String {
    render_text_in(items, indent, Lang::En)
}

/// [`render_text`] in `lang`: tag names, values' meanings and the explanation lines.
pub fn render_text_in(items: &[Tlv], indent: usize, lang: Lang) -> String {
    let mut out = String::new();
    // Explicit stack: built trees are not depth-capped like parsed ones.
    let mut stack: Vec<(&Tlv, usize)> = items.iter().rev().map(|t| (t, indent)).collect();
    while let Some((t, ind)) = stack.pop() {
        let pad = " ".repeat(ind);
        let name = tag_name_in(t.tag.0, lang);
        let len = tr_args(lang, "decode-bytes", &[("n", t.len().into())]);
        if t.is_constructed() {
            let _ = writeln!(out, "{pad}{} {name} ({len})", t.tag);
            stack.extend(t.children.iter().rev().map(|c| (c, ind + 2)));
        } else {
            let v = display_value_in(t.tag.0, &t.value, lang);
            let _ = writeln!(out, "{pad}{} {name} ({len}): {v}", t.tag);
            for line in explain_tag_in(t.tag.0, &t.value, lang) {
                let _ = writeln!(out, "{pad}    {line}");
            }
        }
    }
    out
}

/// `[{"tag","len","value","name","children","explain"}]`: value in upper-case hex, the masked
/// display string for card-data tags, `null` for constructed objects (their raw content would
/// carry the card data of their children); `name` is `null` for unknown tags.
pub fn to_json(items: &[Tlv]) -> Value {
    Value::Array(items.iter().map(node_json).collect())
}

fn node_json(t: &Tlv) -> Value {
    let value = if t.is_constructed() {
        Value::Null
    } else if hides_tag(View::Decode, t.tag.0) {
        Value::String(display_value(t.tag.0, &t.value))
    } else {
        Value::String(value_hex(t.tag.0, &t.value))
    };
    json!({
        "tag": t.tag.to_hex(),
        "len": t.len(),
        "value": value,
        "name": tag_info(t.tag.0).map(|i| i.name),
        "children": t.children.iter().map(node_json).collect::<Vec<_>>(),
        "explain": if t.is_constructed() { Vec::new() } else { explain_tag(t.tag.0, &t.value) },
    })
}
