//! `cardbench decode track`: per-track status and fields (masked PAN, service-code digits,
//! discretionary data as a length only) from track text lines or raw bit-stream hex.

use super::{DecodeOptions, ExplainError as Error};
use crate::codec::track::{
    decode_track_raw, decode_track_text, service_code_meaning, service_code_meaning_in,
    split_track_label, split_tracks, TrackDecode,
};
use crate::i18n::{t, Lang};
use crate::text::pad;

type Result<T, E = Error> = std::result::Result<T, E>;
use crate::hexfmt::{parse_hex, HexError};
use crate::model::TrackStatus;
use serde_json::json;
use std::fmt::Write as _;

/// Explains track input: text in `lang`, or JSON (English meanings, as every JSON output).
pub fn explain(input: &str, args: &DecodeOptions, lang: Lang) -> Result<String> {
    let tracks = decode_input(input, args.raw, lang)?;
    if args.json {
        let v: Vec<_> = tracks.iter().map(to_json).collect();
        return Ok(serde_json::to_string_pretty(&json!({ "tracks": v })).unwrap_or_default());
    }
    let mut s = String::new();
    for t in &tracks {
        s.push_str(&text(t, lang));
    }
    Ok(s)
}

/// Splits an optional `1:`/`2:`/`3:` label off a line: the track, the rest and the label's
/// length (to count error offsets from the line's start).
fn track_prefix(line: &str) -> (Option<u8>, &str, usize) {
    let (track, body) = split_track_label(line);
    (track, body, line.len() - body.len())
}

/// Decodes every non-empty line of the input. Text lines pick their track from the start
/// sentinel (`%` track 1; the first `;` line track 2, the next one track 3) or a `n:` prefix;
/// raw lines (`--raw`) are hex, with a `n:` prefix or tried as track 1 then track 2.
pub fn decode_input(input: &str, raw: bool, lang: Lang) -> Result<Vec<TrackDecode>> {
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
                let (id, offset, ch) = match e {
                    HexError::BadChar { offset, ch } => {
                        ("errors-track-hex", off + offset, format!("{ch:?}"))
                    }
                    HexError::OddLength { offset } => {
                        ("errors-track-odd", off + offset, String::new())
                    }
                };
                let args = [("offset", offset.into()), ("ch", ch.into())];
                Error::Input(crate::i18n::tr_args(lang, id, &args).into_owned())
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
                    // The start sentinel says the track; a caret only where there is none.
                    let body = part.trim();
                    if body.starts_with('%') {
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
                    } else if body.contains('^') {
                        1
                    } else {
                        2
                    }
                });
                out.push(decode_typed(track, part));
            }
        }
    }
    if out.is_empty() {
        return Err(Error::Input(
            crate::i18n::t!(lang, "errors-track-empty").into_owned(),
        ));
    }
    Ok(out)
}

/// A track as a reader typed it. Some readers type the end sentinel but not the start
/// sentinel (`6210947000000021=1808101?`, as MSR606 tools print it): read with it put back.
fn decode_typed(track: u8, part: &str) -> TrackDecode {
    let body = part.trim();
    let typed_ss = body.starts_with(['%', ';', '+']);
    if !typed_ss && body.ends_with('?') && body.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        let ss = if track == 1 { '%' } else { ';' };
        return decode_track_text(track, &format!("{ss}{body}"));
    }
    decode_track_text(track, part)
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

/// Human text for one track, in `lang`.
pub fn text(t: &TrackDecode, lang: Lang) -> String {
    let mut s = String::new();
    let status = t.status.name(lang);
    let _ = if t.equivalent {
        write!(
            s,
            "{}",
            t!(
                lang,
                "decode-track-title-equivalent",
                track = t.track,
                status = status
            )
        )
    } else {
        write!(
            s,
            "{}",
            t!(lang, "decode-track-title", track = t.track, status = status)
        )
    };
    let direction = t
        .direction
        .map(|d| t!(lang, "decode-track-direction", direction = d).into_owned());
    let after = match (t.chars, direction) {
        (0, None) => None,
        (0, Some(d)) => Some(t!(lang, "decode-track-only-direction", direction = d)),
        (n, None) => Some(t!(lang, "decode-track-chars", chars = n)),
        (n, Some(d)) => Some(t!(
            lang,
            "decode-track-chars-direction",
            chars = n,
            direction = d
        )),
    };
    if let Some(a) = after {
        // The English parenthesis follows a space; the Chinese one is full width.
        if lang == Lang::En {
            s.push(' ');
        }
        s.push_str(&a);
    }
    s.push('\n');
    if let Some(f) = &t.fields {
        fields_text(&mut s, t, f, lang);
    }
    s
}

/// The decoded fields of a track, one labelled line each.
fn fields_text(s: &mut String, t: &TrackDecode, f: &crate::model::CardFields, lang: Lang) {
    let line = |s: &mut String, label: &str, value: &str| {
        let _ = writeln!(s, "  {}{value}", pad(label, 15));
    };
    let pan = f.pan.masked();
    let pan = if f.luhn_ok {
        t!(lang, "decode-track-pan-luhn-ok", pan = pan)
    } else {
        t!(lang, "decode-track-pan-luhn-failed", pan = pan)
    };
    line(s, &t!(lang, "decode-track-label-pan"), &pan);
    if let Some(n) = &f.name {
        let n = crate::sensitive::mask_clear_pans(n);
        line(s, &t!(lang, "decode-track-label-name"), &n);
    }
    let absent = t!(lang, "decode-track-absent");
    let label = t!(lang, "decode-track-label-expiry");
    match &f.expiry {
        Some(e) => {
            let (yy, mm) = e.split_at(e.len().min(2));
            let value = t!(
                lang,
                "decode-track-expiry",
                expiry = e.as_str(),
                yy = yy,
                mm = mm
            );
            line(s, &label, &value);
        }
        None if t.track != 3 => line(s, &label, &absent),
        None => {}
    }
    let label = t!(lang, "decode-track-label-service-code");
    match &f.service_code {
        Some(c) => {
            line(s, &label, c);
            for (d, m) in service_code_meaning_in(c, lang) {
                let _ = writeln!(s, "    {d}: {m}");
            }
        }
        None if t.track != 3 => line(s, &label, &absent),
        None => {}
    }
    let chars = f.discretionary_len;
    let rest = if t.track == 3 {
        t!(lang, "decode-track-after-pan", chars = chars)
    } else {
        t!(lang, "decode-track-discretionary", chars = chars)
    };
    let _ = writeln!(s, "  {rest}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hex error counts from the line's start, the `n:` label and its indent included, as it
    /// did when the label was cut off by index; no label adds nothing.
    #[test]
    fn hex_offsets_count_the_label() {
        let offset_of = |input: &str| match decode_input(input, true, Lang::En) {
            Err(Error::Input(s)) => s,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            offset_of("  2:0G"),
            "track: invalid hex character 'G' at offset 5"
        );
        assert_eq!(
            offset_of("0G"),
            "track: invalid hex character 'G' at offset 1"
        );
        assert_eq!(
            offset_of("3:0"),
            "track: odd number of hex digits (a nibble is missing at offset 3)"
        );
    }
}
