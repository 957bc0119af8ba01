//! The fields of a track's data (the characters between the sentinels) as small nom parsers
//! over the text: format code, PAN, name, expiry, service code (ISO/IEC 7813 tracks 1 and 2,
//! ISO 4909 track 3, protocols.md §1.3). A failure is the text of `BadFormat`; positions in it
//! are 1-based characters of the data (the data is ASCII by then: the caller has checked every
//! character against the track's set).

use super::describe_char;
use crate::model::CardFields;
use crate::sensitive::Pan;
use nom::bytes::complete::{take_till, take_while_m_n};
use nom::character::complete::{anychar, char};
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Offset, Parser};

/// Why the data does not follow the track's layout (the `BadFormat` text).
#[derive(Debug)]
struct Why(String);

impl ParseError<&str> for Why {
    fn from_error_kind(_: &str, kind: ErrorKind) -> Self {
        Why(format!("{kind:?}"))
    }

    fn append(_: &str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type Res<'a, T> = IResult<&'a str, T, Why>;

/// Fails, without backtracking, saying `msg`.
fn why<'a, T>(msg: impl Into<String>) -> Res<'a, T> {
    Err(nom::Err::Failure(Why(msg.into())))
}

/// A failure saying `msg` (for checks that are not parsers).
fn fault(msg: String) -> nom::Err<Why> {
    nom::Err::Failure(Why(msg))
}

/// The text of a failure, at the boundary.
fn message(e: nom::Err<Why>) -> String {
    match e {
        nom::Err::Error(Why(m)) | nom::Err::Failure(Why(m)) => m,
        nom::Err::Incomplete(_) => "track data ended early".into(),
    }
}

/// The text up to the field separator `fs`, then the separator; `after` names the field for
/// the failure when there is no separator.
fn field_then<'a>(
    fs: char,
    after: &'static str,
) -> impl Parser<&'a str, Output = &'a str, Error = Why> {
    move |i: &'a str| {
        let (i, v) = take_till(|c| c == fs).parse(i)?;
        let (i, _) = char::<_, Why>(fs)
            .parse(i)
            .or_else(|_| why(format!("no field separator '{fs}' after the {after}")))?;
        Ok((i, v))
    }
}

/// A PAN field: 1 to 19 digits.
fn pan(text: &str) -> Result<Pan, String> {
    if text.is_empty() {
        return Err("empty PAN".into());
    }
    if text.len() > 19 {
        return Err(format!("PAN of {} digits (at most 19)", text.len()));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("PAN holds a non-digit".into());
    }
    Ok(Pan::new(text))
}

/// `n` digits, or the field separator alone, which marks the field absent (§1.3), or the end
/// of the data (`PAN==`: expiry marked absent, no service code recorded). `data` is the whole
/// track data, for the position in the failure.
fn digits_or_absent<'a>(
    data: &'a str,
    n: usize,
    fs: char,
    what: &'static str,
) -> impl Parser<&'a str, Output = Option<&'a str>, Error = Why> {
    move |i: &'a str| {
        if let Ok((rest, _)) = char::<_, Why>(fs).parse(i) {
            return Ok((rest, None));
        }
        if i.is_empty() {
            return Ok((i, None));
        }
        take_while_m_n(n, n, |c: char| c.is_ascii_digit())
            .map(Some)
            .parse(i)
            .or_else(|_: nom::Err<Why>| {
                let at = data.offset(i) + 1;
                why(format!("{what}: expected {n} digits at character {at}"))
            })
    }
}

/// Expiry (YYMM, month 01–12 as ISO/IEC 7813 asks), service code, and the length of the
/// discretionary data that follows.
fn tail<'a>(
    data: &'a str,
    fs: char,
) -> impl Parser<&'a str, Output = (Option<String>, Option<String>, usize), Error = Why> {
    move |i: &'a str| {
        let (i, expiry) = digits_or_absent(data, 4, fs, "expiry YYMM").parse(i)?;
        if let Some(e) = expiry {
            let month = &e[2..4];
            if !matches!(month.parse::<u8>(), Ok(1..=12)) {
                let at = data.offset(e) + 3;
                return why(format!(
                    "expiry {e} has month {month} (01-12) at character {at}"
                ));
            }
        }
        let (i, service) = digits_or_absent(data, 3, fs, "service code").parse(i)?;
        let fields = (
            expiry.map(String::from),
            service.map(String::from),
            i.chars().count(),
        );
        Ok((&i[i.len()..], fields))
    }
}

/// The card fields every track layout gives, the Luhn check done once here.
fn card_fields(
    pan: Pan,
    name: Option<String>,
    (expiry, service_code, discretionary_len): (Option<String>, Option<String>, usize),
) -> CardFields {
    CardFields {
        luhn_ok: pan.luhn_ok(),
        pan,
        name,
        expiry,
        service_code,
        discretionary_len,
    }
}

/// Format code `B` of track 1.
fn format_code_b(i: &str) -> Res<'_, char> {
    match anychar::<_, Why>(i) {
        Ok((rest, 'B')) => Ok((rest, 'B')),
        Ok((_, c)) => why(format!("format code {}, expected 'B'", describe_char(c))),
        Err(_) => why("empty track"),
    }
}

/// Track 1 (ISO/IEC 7813 format B): `B`, PAN (spaces allowed as embossed, IATA layout), `^`,
/// name (2 to 26 characters), `^`, expiry, service code, discretionary data.
pub(super) fn track1(data: &str) -> Result<CardFields, String> {
    track1_fields(data).map(|(_, f)| f).map_err(message)
}

fn track1_fields(data: &str) -> Res<'_, CardFields> {
    let (i, _) = format_code_b(data)?;
    let (i, pan_text) = field_then('^', "PAN").parse(i)?;
    let pan = pan(&pan_text.replace(' ', "")).map_err(fault)?;
    let (i, name) = field_then('^', "name").parse(i)?;
    let nlen = name.chars().count();
    let tail = tail(data, '^').parse(i);
    if !(2..=26).contains(&nlen) {
        let what = if nlen == 0 {
            "name field empty".to_string()
        } else {
            let unit = if nlen == 1 { "character" } else { "characters" };
            format!("name of {nlen} {unit}")
        };
        let at = data.offset(name) + 1;
        let mut e = format!("{what} at character {at} (ISO/IEC 7813: 2 to 26 characters)");
        // Both faults of a track that has two (an empty name and month 00) are said.
        if let Err(t) = tail {
            e = format!("{e}; {}", message(t));
        }
        return why(e);
    }
    let (i, tail) = tail?;
    let name = Some(name.trim_end().to_string());
    Ok((i, card_fields(pan, name, tail)))
}

/// Track 2 (ISO/IEC 7813): PAN, `=`, expiry, service code, discretionary data.
pub(super) fn track2(data: &str) -> Result<CardFields, String> {
    track2_fields(data).map(|(_, f)| f).map_err(message)
}

fn track2_fields(data: &str) -> Res<'_, CardFields> {
    let (i, pan_text) = field_then('=', "PAN").parse(data)?;
    let pan = pan(pan_text).map_err(fault)?;
    let (i, tail) = tail(data, '=').parse(i)?;
    Ok((i, card_fields(pan, None, tail)))
}

/// Track 3 (ISO 4909): format code (2 digits), PAN, `=`, then fields the bench does not need.
pub(super) fn track3(data: &str) -> Result<CardFields, String> {
    track3_fields(data).map(|(_, f)| f).map_err(message)
}

fn track3_fields(data: &str) -> Res<'_, CardFields> {
    let (i, _) = take_while_m_n(2, 2, |c: char| c.is_ascii_digit())
        .parse(data)
        .or_else(|_: nom::Err<Why>| why("format code: expected 2 digits"))?;
    let (i, pan_text) = field_then('=', "PAN").parse(i)?;
    let pan = pan(pan_text).map_err(fault)?;
    let discretionary = i.chars().count();
    Ok((
        &i[i.len()..],
        card_fields(pan, None, (None, None, discretionary)),
    ))
}
