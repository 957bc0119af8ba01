//! `cardbench decode atr`: every ATR byte with its meaning, the derived parameters, the TCK
//! verdict and the EMV rules the ATR breaks; or one JSON object with `--json`.

use super::{DecodeOptions, ExplainError};
use crate::codec::atr::{category_meaning_in, compact_tag_name_in, parse_atr, Atr};
use crate::i18n::{t, Lang};

type Result<T, E = ExplainError> = std::result::Result<T, E>;
use crate::hexfmt::{hex, hex_spaced, parse_hex};
use serde_json::json;
use std::fmt::Write as _;

pub fn explain(input: &str, args: &DecodeOptions, lang: Lang) -> Result<String> {
    let bytes = parse_hex(input).map_err(|e| super::ExplainError::Input(e.text(lang)))?;
    let atr = parse_atr(&bytes)?;
    if args.json {
        return Ok(serde_json::to_string_pretty(&to_json(&atr)).unwrap_or_default());
    }
    Ok(text_in(&atr, lang))
}

/// The JSON document of `decode atr --json`.
pub fn to_json(a: &Atr) -> serde_json::Value {
    json!({
        "atr": hex(&a.raw),
        "ts": format!("{:02X}", a.ts),
        "convention": a.convention,
        "t0": format!("{:02X}", a.t0),
        "interface_bytes": a.interface_bytes.iter().map(|b| json!({
            "name": b.name, "value": format!("{:02X}", b.value), "meaning": b.meaning,
        })).collect::<Vec<_>>(),
        "protocols": a.protocols,
        "fi": a.fi, "di": a.di, "f": a.f, "d": a.d,
        "guard_time_n": a.guard_time_n,
        "wi": a.wi,
        "ifsc": a.ifsc, "bwi": a.bwi, "cwi": a.cwi, "t1_edc": a.t1_edc,
        "historical_bytes": hex(&a.historical_bytes),
        "category": a.category.map(|c| format!("{c:02X}")),
        "compact_tlv": a.compact_tlv.iter().map(|o| json!({
            "tag": format!("{:X}", o.tag), "name": o.name, "value": hex(&o.value),
        })).collect::<Vec<_>>(),
        "status_indicator": hex(&a.status_indicator),
        "tck": a.tck.map(|t| format!("{t:02X}")),
        "tck_required": a.tck_required,
        "tck_expected": a.tck_expected.map(|t| format!("{t:02X}")),
        "tck_ok": a.tck_ok,
        "extra": hex(&a.extra),
        "emv_issues": a.emv_issues(),
    })
}

/// The human explanation, in English.
pub fn text(a: &Atr) -> String {
    text_in(a, Lang::En)
}

/// The human explanation in `lang` (byte names, parameter names and codes as they are).
pub fn text_in(a: &Atr, lang: Lang) -> String {
    let mut s = String::new();
    let title = t!(
        lang,
        "decode-atr-title",
        hex = hex_spaced(&a.raw),
        count = a.raw.len()
    );
    let _ = writeln!(s, "{title}");
    let convention = if a.ts == 0x3B { "direct" } else { "inverse" };
    let ts = t!(lang, "decode-atr-ts", convention = convention);
    let _ = writeln!(s, "  TS   {:02X}  {ts}", a.ts);
    let _ = writeln!(s, "  T0   {:02X}  {}", a.t0, a.t0_meaning_in(lang));
    for b in &a.interface_bytes {
        let meaning = match lang {
            Lang::En => &b.meaning,
            Lang::ZhCn => &b.meaning_zh,
        };
        let _ = writeln!(s, "  {:<4} {:02X}  {meaning}", b.name, b.value);
    }
    historical_lines(a, lang, &mut s);
    tck_byte_line(a, lang, &mut s);
    if !a.extra.is_empty() {
        let extra = t!(lang, "decode-atr-extra", hex = hex_spaced(&a.extra));
        let _ = writeln!(s, "  {extra}");
    }
    summary_lines(a, lang, &mut s);
    s
}

/// The historical bytes: category, COMPACT-TLV objects, status indicator, notes.
fn historical_lines(a: &Atr, lang: Lang, s: &mut String) {
    if a.historical_bytes.is_empty() {
        let _ = writeln!(s, "  {}", t!(lang, "decode-atr-historical-none"));
        return;
    }
    let line = t!(
        lang,
        "decode-atr-historical",
        count = a.historical_bytes.len(),
        hex = hex_spaced(&a.historical_bytes),
        ascii = crate::hexfmt::ascii_view(&a.historical_bytes)
    );
    let _ = writeln!(s, "  {line}");
    if let Some(cat) = a.category {
        let line = t!(
            lang,
            "decode-atr-category",
            cat = format!("{cat:02X}"),
            meaning = category_meaning_in(cat, lang)
        );
        let _ = writeln!(s, "    {line}");
    }
    for o in &a.compact_tlv {
        let value = if o.value.is_empty() {
            t!(lang, "decode-atr-empty").into_owned()
        } else {
            hex_spaced(&o.value)
        };
        let _ = writeln!(
            s,
            "    {:X}{:X} {}: {value}",
            o.tag,
            o.value.len(),
            compact_tag_name_in(o.tag, lang)
        );
    }
    if !a.status_indicator.is_empty() {
        let line = t!(
            lang,
            "decode-atr-status",
            hex = hex_spaced(&a.status_indicator)
        );
        let _ = writeln!(s, "    {line}");
    }
    let notes = match lang {
        Lang::En => &a.historical_notes,
        Lang::ZhCn => &a.historical_notes_zh,
    };
    for n in notes {
        let _ = writeln!(s, "    {}", t!(lang, "decode-atr-note", note = n.as_str()));
    }
}

/// The TCK byte's own line (present, missing, or not needed).
fn tck_byte_line(a: &Atr, lang: Lang, s: &mut String) {
    let _ = match (a.tck, a.tck_required) {
        (Some(t), _) => writeln!(s, "  TCK  {t:02X}  {}", t!(lang, "decode-atr-tck-byte")),
        (None, true) => writeln!(s, "  TCK  --  {}", t!(lang, "decode-atr-tck-byte-missing")),
        (None, false) => writeln!(s, "  TCK  --  {}", t!(lang, "decode-atr-tck-byte-absent")),
    };
}

/// Protocols, parameters, the TCK verdict and the EMV rules broken.
fn summary_lines(a: &Atr, lang: Lang, s: &mut String) {
    let protos: Vec<String> = a.protocols.iter().map(|t| format!("T={t}")).collect();
    let line = t!(lang, "decode-atr-protocols", list = protos.join(", "));
    let _ = writeln!(s, "{line}");
    let t1 = match (a.ifsc, a.bwi, a.cwi) {
        (None, None, None) if !a.protocols.contains(&1) => String::new(),
        _ => format!(
            ", T=1 IFSC={} BWI={} CWI={} EDC={}",
            a.ifsc.unwrap_or(32),
            a.bwi.unwrap_or(4),
            a.cwi.unwrap_or(13),
            a.t1_edc.unwrap_or("LRC")
        ),
    };
    let default = !a.interface_bytes.iter().any(|b| b.name == "TA1");
    let line = t!(
        lang,
        "decode-atr-parameters",
        fi = format!("{:X}", a.fi),
        di = format!("{:X}", a.di),
        f = a.f.map_or("F=RFU".to_string(), |f| format!("F={f}")),
        d = a.d.map_or("D=RFU".to_string(), |d| format!("D={d}")),
        default = if default { "yes" } else { "no" },
        n = a.guard_time_n,
        wi = a.wi,
        t1 = t1
    );
    let _ = writeln!(s, "{line}");
    let hex = |b: u8| format!("{b:02X}");
    let tck = match (a.tck, a.tck_expected) {
        (Some(t), Some(e)) if t == e => t!(lang, "decode-atr-tck-ok"),
        (Some(t), Some(e)) => t!(
            lang,
            "decode-atr-tck-wrong",
            expected = hex(e),
            got = hex(t)
        ),
        (None, Some(e)) => t!(lang, "decode-atr-tck-missing", expected = hex(e)),
        _ => t!(lang, "decode-atr-tck-not-required"),
    };
    let _ = writeln!(s, "{tck}");
    let issues = a.emv_issues_in(lang);
    if issues.is_empty() {
        let _ = writeln!(s, "{}", t!(lang, "decode-atr-emv-ok"));
    } else {
        let broken = t!(lang, "decode-atr-emv-broken", count = issues.len());
        let _ = writeln!(s, "{broken}");
        for i in issues {
            let _ = writeln!(s, "  - {i}");
        }
    }
}
