//! `cardbench decode track`: per-track status and fields (masked PAN, service-code digits,
//! discretionary data as a length only) from track text lines or raw bit-stream hex.

use super::{DecodeOptions, ExplainError as Error};
use crate::codec::track::{
    decode_track_raw, decode_track_text, service_code_meaning, split_tracks, TrackDecode,
};

type Result<T, E = Error> = std::result::Result<T, E>;
use crate::hexfmt::{parse_hex, HexError};
use crate::model::TrackStatus;
use serde_json::json;
use std::fmt::Write as _;

pub fn explain(input: &str, args: &DecodeOptions) -> Result<String> {
    let tracks = decode_input(input, args.raw)?;
    if args.json {
        let v: Vec<_> = tracks.iter().map(to_json).collect();
        return Ok(serde_json::to_string_pretty(&json!({ "tracks": v })).unwrap_or_default());
    }
    let mut s = String::new();
    for t in &tracks {
        s.push_str(&text(t));
    }
    Ok(s)
}

/// Splits an optional `1:`/`2:`/`3:` prefix off a line.
fn track_prefix(line: &str) -> (Option<u8>, &str, usize) {
    let b = line.as_bytes();
    if b.len() >= 2 && b[1] == b':' && matches!(b[0], b'1'..=b'3') {
        (Some(b[0] - b'0'), &line[2..], 2)
    } else {
        (None, line, 0)
    }
}

/// Decodes every non-empty line of the input. Text lines pick their track from the start
/// sentinel (`%` track 1; the first `;` line track 2, the next one track 3) or a `n:` prefix;
/// raw lines (`--raw`) are hex, with a `n:` prefix or tried as track 1 then track 2.
pub fn decode_input(input: &str, raw: bool) -> Result<Vec<TrackDecode>> {
    let mut out = Vec::new();
    let mut semicolon_lines = 0;
    let mut line_start = 0usize;
    for line in input.split('\n') {
        let this_start = line_start;
        line_start += line.len() + 1;
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        if trimmed.trim().is_empty() {
            continue;
        }
        let (prefix, body, plen) = track_prefix(trimmed);
        if raw {
            let bytes = parse_hex(body).map_err(|e| {
                let off = this_start + lead + plen;
                Error::Input(match e {
                    HexError::BadChar { offset, ch } => format!(
                        "track: invalid hex character {ch:?} at offset {}",
                        off + offset
                    ),
                    HexError::OddLength { offset } => format!(
                        "track: odd number of hex digits (a nibble is missing at offset {})",
                        off + offset
                    ),
                })
            })?;
            let d = match prefix {
                Some(n) => decode_track_raw(n, &bytes),
                None => {
                    let t1 = decode_track_raw(1, &bytes);
                    if t1.status.is_ok() {
                        t1
                    } else {
                        let t2 = decode_track_raw(2, &bytes);
                        if t2.status.is_ok() || t1.status == TrackStatus::NoStartSentinel {
                            t2
                        } else {
                            t1
                        }
                    }
                }
            };
            out.push(d);
        } else {
            // A keyboard-wedge reader types every track on one line.
            let parts = split_tracks(body);
            let prefix = prefix.filter(|_| parts.len() == 1);
            for part in parts {
                let track = prefix.unwrap_or_else(|| {
                    let body = part.trim();
                    if body.starts_with('%') || body.contains('^') {
                        1
                    } else if body.starts_with('+') {
                        3
                    } else if body.starts_with(';') {
                        semicolon_lines += 1;
                        if semicolon_lines >= 2 {
                            3
                        } else {
                            2
                        }
                    } else {
                        2
                    }
                });
                out.push(decode_track_text(track, part));
            }
        }
    }
    if out.is_empty() {
        return Err(Error::Input(
            "track: no input at offset 0 (expected track text, or hex with --raw)".into(),
        ));
    }
    Ok(out)
}

/// JSON for one track (the PAN is masked by its type; discretionary data only as a length).
pub fn to_json(t: &TrackDecode) -> serde_json::Value {
    let fields = t.fields.as_ref().map(|f| {
        json!({
            "pan": f.pan.masked(),
            "luhn_ok": f.luhn_ok,
            "name": f.name,
            "expiry": f.expiry,
            "service_code": f.service_code,
            "service_code_meaning": f.service_code.as_deref().map(|c| service_code_meaning(c)
                .into_iter()
                .map(|(d, m)| json!({"digit": d.to_string(), "meaning": m}))
                .collect::<Vec<_>>()),
            "discretionary_len": f.discretionary_len,
        })
    });
    json!({
        "track": t.track,
        "status": t.status.to_string(),
        "status_code": t.status.code(),
        "chars": t.chars,
        "direction": t.direction,
        "equivalent": t.equivalent,
        "fields": fields,
    })
}

/// Human text for one track.
pub fn text(t: &TrackDecode) -> String {
    let mut s = String::new();
    if t.equivalent {
        let _ = write!(
            s,
            "Track {} (equivalent data, 'D' separator): {}",
            t.track, t.status
        );
    } else {
        let _ = write!(s, "Track {}: {}", t.track, t.status);
    }
    if t.chars > 0 {
        let _ = write!(s, " ({} characters", t.chars);
        if let Some(d) = t.direction {
            let _ = write!(s, ", {d} swipe");
        }
        s.push(')');
    } else if let Some(d) = t.direction {
        let _ = write!(s, " ({d} swipe)");
    }
    s.push('\n');
    if let Some(f) = &t.fields {
        let _ = writeln!(
            s,
            "  PAN            {} (Luhn {})",
            f.pan.masked(),
            if f.luhn_ok { "OK" } else { "FAILED" }
        );
        if let Some(n) = &f.name {
            let n = crate::sensitive::mask_luhn_runs(n);
            let _ = writeln!(s, "  name           {n}");
        }
        match &f.expiry {
            Some(e) => {
                let (yy, mm) = e.split_at(2);
                let _ = writeln!(s, "  expiry         {e} (YYMM: 20{yy}-{mm})");
            }
            None if t.track != 3 => {
                let _ = writeln!(s, "  expiry         absent");
            }
            None => {}
        }
        match &f.service_code {
            Some(c) => {
                let _ = writeln!(s, "  service code   {c}");
                for (d, m) in service_code_meaning(c) {
                    let _ = writeln!(s, "    {d}: {m}");
                }
            }
            None if t.track != 3 => {
                let _ = writeln!(s, "  service code   absent");
            }
            None => {}
        }
        let _ = writeln!(
            s,
            "  {} {} characters (not shown)",
            if t.track == 3 {
                "after the PAN:"
            } else {
                "discretionary data:"
            },
            f.discretionary_len
        );
    }
    s
}
