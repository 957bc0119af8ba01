//! `cardbench decode atr`: every ATR byte with its meaning, the derived parameters, the TCK
//! verdict and the EMV rules the ATR breaks; or one JSON object with `--json`.

use super::{DecodeOptions, ExplainError};
use crate::codec::atr::{category_meaning, parse_atr, Atr};

type Result<T, E = ExplainError> = std::result::Result<T, E>;
use crate::hexfmt::{hex, hex_spaced, parse_hex};
use serde_json::json;
use std::fmt::Write as _;

pub fn explain(input: &str, args: &DecodeOptions) -> Result<String> {
    let bytes = parse_hex(input)?;
    let atr = parse_atr(&bytes)?;
    if args.json {
        return Ok(serde_json::to_string_pretty(&to_json(&atr)).unwrap_or_default());
    }
    Ok(text(&atr))
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

/// The human explanation.
pub fn text(a: &Atr) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "ATR {} ({} bytes)", hex_spaced(&a.raw), a.raw.len());
    let _ = writeln!(
        s,
        "  TS   {:02X}  {} convention",
        a.ts,
        if a.ts == 0x3B { "direct" } else { "inverse" }
    );
    let _ = writeln!(s, "  T0   {:02X}  {}", a.t0, a.t0_meaning());
    for b in &a.interface_bytes {
        let _ = writeln!(s, "  {:<4} {:02X}  {}", b.name, b.value, b.meaning);
    }
    historical_lines(a, &mut s);
    tck_byte_line(a, &mut s);
    if !a.extra.is_empty() {
        let _ = writeln!(s, "  extra bytes after the ATR: {}", hex_spaced(&a.extra));
    }
    summary_lines(a, &mut s);
    s
}

/// The historical bytes: category, COMPACT-TLV objects, status indicator, notes.
fn historical_lines(a: &Atr, s: &mut String) {
    if a.historical_bytes.is_empty() {
        let _ = writeln!(s, "  historical bytes: none");
        return;
    }
    let _ = writeln!(
        s,
        "  historical bytes ({}): {}  \"{}\"",
        a.historical_bytes.len(),
        hex_spaced(&a.historical_bytes),
        crate::hexfmt::ascii_view(&a.historical_bytes)
    );
    if let Some(cat) = a.category {
        let _ = writeln!(s, "    category {cat:02X}: {}", category_meaning(cat));
    }
    for o in &a.compact_tlv {
        let _ = writeln!(
            s,
            "    {:X}{:X} {}: {}",
            o.tag,
            o.value.len(),
            o.name,
            if o.value.is_empty() {
                "(empty)".to_string()
            } else {
                hex_spaced(&o.value)
            }
        );
    }
    if !a.status_indicator.is_empty() {
        let _ = writeln!(
            s,
            "    status indicator: {}",
            hex_spaced(&a.status_indicator)
        );
    }
    for n in &a.historical_notes {
        let _ = writeln!(s, "    note: {n}");
    }
}

/// The TCK byte's own line (present, missing, or not needed).
fn tck_byte_line(a: &Atr, s: &mut String) {
    let _ = match (a.tck, a.tck_required) {
        (Some(t), _) => writeln!(s, "  TCK  {t:02X}  check byte (XOR of T0..TCK must be 00)"),
        (None, true) => writeln!(
            s,
            "  TCK  --  missing (required: a protocol other than T=0 is offered)"
        ),
        (None, false) => writeln!(s, "  TCK  --  absent (not required: only T=0 offered)"),
    };
}

/// Protocols, parameters, the TCK verdict and the EMV rules broken.
fn summary_lines(a: &Atr, s: &mut String) {
    let protos: Vec<String> = a.protocols.iter().map(|t| format!("T={t}")).collect();
    let _ = writeln!(s, "Protocols offered: {}", protos.join(", "));
    let _ = writeln!(
        s,
        "Parameters: FI={:X} DI={:X} ({}, {}{}), guard time N={}, WI={}{}",
        a.fi,
        a.di,
        a.f.map_or("F=RFU".to_string(), |f| format!("F={f}")),
        a.d.map_or("D=RFU".to_string(), |d| format!("D={d}")),
        if a.interface_bytes.iter().any(|b| b.name == "TA1") {
            ""
        } else {
            ", default"
        },
        a.guard_time_n,
        a.wi,
        match (a.ifsc, a.bwi, a.cwi) {
            (None, None, None) if !a.protocols.contains(&1) => String::new(),
            _ => format!(
                ", T=1 IFSC={} BWI={} CWI={} EDC={}",
                a.ifsc.unwrap_or(32),
                a.bwi.unwrap_or(4),
                a.cwi.unwrap_or(13),
                a.t1_edc.unwrap_or("LRC")
            ),
        }
    );
    let _ = match (a.tck, a.tck_expected) {
        (Some(t), Some(e)) if t == e => writeln!(s, "TCK OK"),
        (Some(t), Some(e)) => writeln!(s, "TCK wrong: expected {e:02X}, got {t:02X}"),
        (None, Some(e)) => writeln!(s, "TCK missing: expected {e:02X}"),
        _ => writeln!(s, "TCK not required (T=0 only)"),
    };
    let issues = a.emv_issues();
    if issues.is_empty() {
        let _ = writeln!(s, "EMV: no ATR rule broken");
    } else {
        let _ = writeln!(s, "EMV: {} rule(s) broken", issues.len());
        for i in issues {
            let _ = writeln!(s, "  - {i}");
        }
    }
}
