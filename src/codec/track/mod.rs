//! Magnetic-stripe tracks 1–3 (ISO/IEC 7811/7813/4909, protocols.md §1): character strings
//! and raw bit streams (`raw`), both decoded into a per-track status and masked card fields, and
//! encoded back (for simulators).
//!
//! Raw bit-stream convention (the MSR605 `ESC m` raw read, §2.4): the device packs the stripe
//! bits **MSB first** in every byte (msrx bit-reverses each byte to get LSB-first packing,
//! which is the same thing). So `decode_track_raw` reads bit 7 of byte 0 as the first bit
//! under the head, and `encode_track_raw` produces the same. On the stripe each character is
//! its data bits least-significant first, then an odd-parity bit.

mod fields;
mod raw;

pub use raw::{
    damaged_in_transit, decode_track_raw, differs_in_one_byte, encode_track_raw, RawFaults,
};

use crate::i18n::{t, Lang};
use crate::model::{CardFields, TrackRead, TrackStatus};
use crate::sensitive::Track2;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_till1, take_until, take_while};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{all_consuming, opt, peek, recognize, rest, value};
use nom::multi::{many0, many_till};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};
use serde::Serialize;
use std::borrow::Cow;

/// One decoded track.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrackDecode {
    pub track: u8,
    pub status: TrackStatus,
    pub fields: Option<CardFields>,
    /// Clear track-2 (a sensitive type that masks itself) when track 2 decoded, for the
    /// chip-vs-stripe comparison and DE35.
    #[serde(skip)]
    pub track2: Option<Track2>,
    /// Characters decoded (excluding SS/ES/LRC).
    pub chars: usize,
    /// `"forward"` or `"reverse"` for raw decodes.
    pub direction: Option<&'static str>,
    /// Track-2 equivalent data as the chip (tag 57) and DE35 carry it: `D` separator, `F` pad.
    pub equivalent: bool,
}

impl TrackDecode {
    fn bare(track: u8, status: TrackStatus) -> Self {
        TrackDecode {
            track,
            status,
            fields: None,
            track2: None,
            chars: 0,
            direction: None,
            equivalent: false,
        }
    }

    /// The shared model's view of this track.
    pub fn to_track_read(&self) -> TrackRead {
        TrackRead {
            track: self.track,
            status: self.status.clone(),
            fields: self.fields.clone(),
        }
    }
}

/// Longest recording of track `track` in characters, start and end sentinels and LRC included:
/// 79 on track 1 and 40 on track 2 (ISO/IEC 7811-2, ISO/IEC 7813), 107 on track 3 (ISO 4909).
pub fn max_chars(track: u8) -> usize {
    match track {
        1 => 79,
        2 => 40,
        _ => 107,
    }
}

/// Character-set parameters of a track.
#[derive(Clone, Copy)]
struct Spec {
    /// Data bits per character (6 for track 1, 4 for tracks 2/3).
    bits: u32,
    /// ASCII value of code 0.
    base: u8,
    ss: char,
    /// Start sentinels a reader may type: `ss`, and `+` for track 3 (MagTek readers).
    typed_ss: &'static str,
    es: char,
}

fn spec(track: u8) -> Spec {
    if track == 1 {
        Spec {
            bits: 6,
            base: 0x20,
            ss: '%',
            typed_ss: "%",
            es: '?',
        }
    } else {
        Spec {
            bits: 4,
            base: 0x30,
            ss: ';',
            typed_ss: if track == 3 { ";+" } else { ";" },
            es: '?',
        }
    }
}

impl Spec {
    fn mask(self) -> u8 {
        ((1u16 << self.bits) - 1) as u8
    }

    fn code(self, c: char) -> Option<u8> {
        let v = u32::from(c);
        let base = u32::from(self.base);
        (v >= base && v <= base + u32::from(self.mask())).then(|| (v - base) as u8)
    }

    fn ch(self, code: u8) -> char {
        char::from(self.base + (code & self.mask()))
    }
}

/// LRC character over `data_with_sentinels` (SS through ES): XOR of the data bits of every
/// character. Characters outside the track's set count as code 0.
pub fn lrc_char(track: u8, data_with_sentinels: &str) -> char {
    let s = spec(track);
    let x = data_with_sentinels
        .chars()
        .fold(0u8, |acc, c| acc ^ s.code(c).unwrap_or(0));
    s.ch(x)
}

/// Adds the start and end sentinels to `data` (given without them). No LRC: use `lrc_char`.
pub fn encode_track_text(track: u8, data: &str) -> String {
    let s = spec(track);
    let mut out = String::with_capacity(data.len() + 2);
    out.push(s.ss);
    out.push_str(data);
    out.push(s.es);
    out
}

/// Decodes a track as the characters a reader returns: with or without the sentinels, with or
/// without a trailing LRC character. Empty (or whitespace-only) text is `NoData`.
pub fn decode_track_text(track: u8, text: &str) -> TrackDecode {
    let s = spec(track);
    // A space is a valid track-1 character (code 0, possibly the LRC): only trim line ends there.
    let text = if track == 1 {
        text.trim_start().trim_end_matches(['\r', '\n'])
    } else {
        text.trim()
    };
    if text.is_empty() {
        return TrackDecode::bare(track, TrackStatus::NoData);
    }
    if track == 2 {
        if let Some(t2) = track2_equivalent(text) {
            let mut out = decode_track_text(2, &t2);
            out.equivalent = true;
            return out;
        }
    }
    // MagTek-style error marks: `%E?`, `;E?`, `+E?`.
    if matches!(text, "%E?" | ";E?" | "+E?") {
        return TrackDecode::bare(track, TrackStatus::ReaderError("E".into()));
    }
    let (after_es, (ss, data, es)) = match frame(s, text) {
        Ok(f) => f,
        Err(_) => return TrackDecode::bare(track, TrackStatus::NoData),
    };
    let mut out = TrackDecode::bare(track, TrackStatus::Ok);
    out.chars = data.chars().count();
    match (ss.is_some(), es.is_some()) {
        (true, false) => {
            out.status = TrackStatus::NoEndSentinel;
            return out;
        }
        (false, true) => {
            out.status = TrackStatus::NoStartSentinel;
            return out;
        }
        _ => {}
    }
    for (i, c) in data.chars().enumerate() {
        if s.code(c).is_none() || c == s.ss || c == s.es {
            out.status = TrackStatus::BadFormat(format!(
                "character {} ({}) is not allowed in track {track} data",
                i + 1,
                describe_char(c)
            ));
            return out;
        }
    }
    // ISO/IEC 7813 / ISO 4909: the recording holds at most max_chars with SS, ES and LRC.
    let most = max_chars(track) - 3;
    if out.chars > most {
        out.status = TrackStatus::BadFormat(format!(
            "{} characters between the sentinels, at most {most} on track {track} \
             (ISO/IEC 7813, ISO 4909): character {} is one too many",
            out.chars,
            most + 1
        ));
        return out;
    }
    let mut lrc = after_es.chars();
    match after_es.chars().count() {
        0 => {}
        1 => {
            let expect = lrc_char(track, &encode_track_text(track, data));
            if lrc.next() != Some(expect) {
                out.status = TrackStatus::Lrc;
                return out;
            }
        }
        n => {
            out.status = TrackStatus::BadFormat(format!(
                "{n} characters after the end sentinel (at most one LRC character)"
            ));
            return out;
        }
    }
    finish_fields(&mut out, data);
    out
}

/// What a reader sends for one track: an optional start sentinel, the data up to the end
/// sentinel, an optional end sentinel; the rest (an LRC character, or more) is left over.
fn frame(s: Spec, text: &str) -> IResult<&str, (Option<char>, &str, Option<char>), ()> {
    let ss = one_of(s.typed_ss);
    (opt(ss), take_till(|c| c == s.es), opt(char(s.es))).parse(text)
}

/// Track-2 equivalent data (tag 57, DE35, EMV Book 3 Annex A): hex digits without sentinels,
/// `D` as the field separator, `F` padding to a whole byte. Returned in track-2 form
/// (`=` separator, pad removed); `None` when `text` is not of that shape.
fn track2_equivalent(text: &str) -> Option<String> {
    let (_, (pan, rest)) = equivalent_fields(text).ok()?;
    Some(format!("{pan}={rest}"))
}

/// The shape of track-2 equivalent data: the PAN (digits; an `F` in it is left for the track-2
/// layout check to refuse), the first `D`, then digits and separators up to the `F` padding at
/// the end. Returns the PAN and the text after the separator, padding removed.
fn equivalent_fields(text: &str) -> IResult<&str, (&str, &str), ()> {
    let digit_or_pad = |c: char| c.is_ascii_digit() || matches!(c, 'F' | 'f');
    let after = take_while(move |c: char| digit_or_pad(c) || matches!(c, 'D' | 'd'))
        .map(|s: &str| s.trim_end_matches(['F', 'f']));
    all_consuming((take_while(digit_or_pad), preceded(one_of("Dd"), after))).parse(text)
}

/// The end of one track on a keyboard-wedge line when another track follows: the end sentinel,
/// and the LRC character if the reader sends one (any ASCII but `?`), then (not consumed) a
/// start sentinel whose track has an end sentinel of its own.
fn track_end(i: &str) -> IResult<&str, &str, ()> {
    let next_track = || peek((one_of("%;+"), take_until("?")));
    let lrc = satisfy(|c| c.is_ascii() && c != '?');
    alt((
        terminated(tag("?"), next_track()),
        terminated(recognize((char('?'), lrc)), next_track()),
    ))
    .parse(i)
}

/// One track of a wedge line that another track follows: everything up to its end
/// ([`track_end`]); a `?` that does not end the track is part of it.
fn track_then_next(i: &str) -> IResult<&str, &str, ()> {
    let chunk = alt((take_till1(|c| c == '?'), tag("?")));
    recognize(many_till(chunk, track_end)).parse(i)
}

/// Splits one line from a keyboard-wedge reader, which types every track it read on the same
/// line (`%B…?;…?` or with an LRC character after each `?`), into one string per track. A new
/// track starts at a start sentinel (`%`, `;`, `+`) right after an end sentinel (or after the
/// end sentinel and one LRC character) when another end sentinel follows. A line holding one
/// track comes back whole.
pub fn split_tracks(line: &str) -> Vec<&str> {
    let split = (many0(track_then_next), rest).parse(line);
    match split {
        Ok((_, (mut tracks, last))) => {
            tracks.push(last);
            tracks
        }
        Err(_) => vec![line],
    }
}

/// The `1:`, `2:` or `3:` label in front of a line of track text or hex (`decode track`): the
/// track number and the rest of the line; `None` and the whole line when it has no label.
pub fn split_track_label(line: &str) -> (Option<u8>, &str) {
    let mut label = alt((
        value(1, tag("1:")),
        value(2, tag("2:")),
        value(3, tag("3:")),
    ));
    let parsed: IResult<&str, u8, ()> = label.parse(line);
    match parsed {
        Ok((rest, n)) => (Some(n), rest),
        Err(_) => (None, line),
    }
}

/// Names a character without echoing card data (only non-digits reach here).
fn describe_char(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("'{c}'")
    } else {
        format!("U+{:04X}", u32::from(c))
    }
}

/// Decodes the data between the sentinels into fields; sets `BadFormat` when the layout is
/// wrong.
fn finish_fields(out: &mut TrackDecode, data: &str) {
    let parsed = match out.track {
        1 => fields::track1(data),
        2 => fields::track2(data).inspect(|_| out.track2 = Some(Track2::new(data))),
        _ => fields::track3(data),
    };
    match parsed {
        Ok(f) => out.fields = Some(f),
        Err(e) => out.status = TrackStatus::BadFormat(e),
    }
}

/// The meaning of each digit of a service code (§1.4, ISO/IEC 7813). Unknown values say so.
pub fn service_code_meaning(code: &str) -> Vec<(char, Cow<'static, str>)> {
    service_code_meaning_in(code, Lang::En)
}

/// [`service_code_meaning`] in `lang` (catalogue `decode-sc-*`, one message per position).
pub fn service_code_meaning_in(code: &str, lang: Lang) -> Vec<(char, Cow<'static, str>)> {
    code.chars()
        .take(3)
        .enumerate()
        .map(|(pos, c)| {
            // A number, so that it selects the message's `[1]`… variants.
            let m = match (pos, c.to_digit(10)) {
                (_, None) => t!(lang, "decode-sc-not-digit"),
                (0, Some(digit)) => t!(lang, "decode-sc-interchange", digit = digit),
                (1, Some(digit)) => t!(lang, "decode-sc-authorisation", digit = digit),
                (_, Some(digit)) => t!(lang, "decode-sc-services", digit = digit),
            };
            (c, m)
        })
        .collect()
}

/// Whether the service code asks for the chip to be used where feasible (first digit 2 or 6).
pub fn service_code_wants_chip(code: &str) -> bool {
    matches!(code.chars().next(), Some('2' | '6'))
}

/// Fuzz and regression entry: byte 0 selects the track (`b % 3 + 1`), the rest is decoded as
/// a raw bit stream and, lossily as UTF-8, as track text. Must never panic.
#[doc(hidden)]
pub fn fuzz_input(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let track = sel % 3 + 1;
    let _ = decode_track_raw(track, rest);
    let _ = decode_track_text(track, &String::from_utf8_lossy(rest));
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    pub(crate) const T2: &str = "6212345678901232=28122011234567890";
    pub(crate) const T1: &str = "B6212345678901232^ZHANG/SAN^2812201000000123456";

    #[test]
    fn lrc_vectors() {
        assert_eq!(lrc_char(2, &encode_track_text(2, T2)), '5');
        assert_eq!(lrc_char(1, &encode_track_text(1, T1)), 'K');
    }

    #[test]
    fn track2_text() {
        let d = decode_track_text(2, ";6212345678901232=28122011234567890?5");
        assert_eq!(d.status, TrackStatus::Ok);
        let f = d.fields.unwrap();
        assert_eq!(f.pan.to_string(), "621234******1232");
        assert!(f.luhn_ok);
        assert_eq!(f.expiry.as_deref(), Some("2812"));
        assert_eq!(f.service_code.as_deref(), Some("201"));
        assert_eq!(f.discretionary_len, 10);
        assert_eq!(d.chars, 34);
        assert!(d.track2.is_some());
        let bad = decode_track_text(2, ";6212345678901232=28122011234567890?6");
        assert_eq!(bad.status, TrackStatus::Lrc);
    }

    /// The sentinel and separator parsers on their own.
    #[test]
    fn wedge_and_equivalent_parsers() {
        assert_eq!(track_end("?;1?"), Ok((";1?", "?")));
        assert_eq!(track_end("?K%B?"), Ok(("%B?", "?K")));
        // No end sentinel after the next start sentinel, or a second `?` as the "LRC".
        assert!(track_end("?;1").is_err());
        assert!(track_end("??;1?").is_err());
        assert_eq!(track_then_next("%B1?;2?"), Ok((";2?", "%B1?")));
        assert_eq!(split_tracks("%A?x?K;1?+2?"), vec!["%A?x?K", ";1?", "+2?"]);
        assert_eq!(split_tracks(""), vec![""]);
        assert_eq!(equivalent_fields("123D45FF"), Ok(("", ("123", "45"))));
        assert_eq!(
            track2_equivalent("6212D2812F").as_deref(),
            Some("6212=2812")
        );
        assert_eq!(track2_equivalent("6212=2812"), None);
        assert_eq!(track2_equivalent("62122812FF"), None);
    }

    /// The `n:` label as the index-based check read it: `1:` to `3:` only, at the very start,
    /// the colon required; an empty rest is still a label.
    #[test]
    fn track_labels() {
        assert_eq!(split_track_label("2:;123?"), (Some(2), ";123?"));
        assert_eq!(split_track_label("1:"), (Some(1), ""));
        assert_eq!(split_track_label("3:3:x"), (Some(3), "3:x"));
        for line in ["", "1", ":", "4:x", "0:x", "12:x", " 1:x", "é:x", ";1:?"] {
            assert_eq!(split_track_label(line), (None, line), "{line:?}");
        }
    }

    #[test]
    fn service_codes() {
        let m = service_code_meaning("201");
        assert_eq!(m.len(), 3);
        assert!(m[0].1.contains("chip"));
        assert!(service_code_meaning("8x0")[0].1.starts_with("unknown"));
        assert_eq!(service_code_meaning("8x0")[1].1, "not a digit");
    }
}
