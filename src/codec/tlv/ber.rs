//! The BER-TLV grammar of EMV Book 3 Annex B as small nom parsers: [`padding`], [`tag`],
//! [`length`], [`header`] (tag then length) and [`object`] (header then value; the shapes
//! nearly every EMV object has first by [`short_tag`] and [`short_length`]). The borrowed
//! reader, the owned tree and the well-formed-part decoder all read through them; their
//! [`Fail`]s become a `DecodeError` in the caller.

use super::{Tag, MAX_TAG_BYTES};
use crate::codec::nomkit::{byte, fail, take_or, Fail, In, Res};
use crate::codec::DecodeErrorKind;
use nom::bytes::complete::{take, take_while};
use nom::{IResult, Parser};

/// How lengths that are not valid BER are treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Refused.
    Strict,
    /// A single length byte `85`–`FF` equal to the bytes left is read as that many bytes (a
    /// quirk of real cards; the caller warns). Errors name the first length byte after `8x`.
    Lenient,
}

/// `00`/`FF` filler between objects (EMV Book 3 Annex B: padding before, between and after
/// data objects).
pub(super) fn padding(i: In<'_>) -> Res<'_, In<'_>> {
    take_while(|b| b == 0x00 || b == 0xFF).parse(i)
}

/// One tag of 1 to 4 bytes: a first byte, then, when its low five bits are all set,
/// subsequent bytes up to one with b8 clear (EMV Book 3 Annex B1).
pub(super) fn tag(i: In<'_>) -> Res<'_, Tag> {
    let (mut rest, first) = byte(|| "a tag byte".into()).parse(i)?;
    let mut tag = u32::from(first);
    if first & 0x1F != 0x1F {
        return Ok((rest, Tag(tag)));
    }
    for n in 1.. {
        let at = rest;
        let (r, b) = byte(|| "a subsequent tag byte".into()).parse(rest)?;
        if n >= MAX_TAG_BYTES {
            return fail(
                at,
                DecodeErrorKind::TooLong,
                format!("a tag of at most {MAX_TAG_BYTES} bytes"),
            );
        }
        tag = tag << 8 | u32::from(b);
        rest = r;
        if b & 0x80 == 0 {
            break;
        }
    }
    Ok((rest, Tag(tag)))
}

/// A length as read: the value length in bytes, and the length byte when it was read by the
/// [`Mode::Lenient`] quirk.
#[derive(Clone, Copy, Debug)]
pub(super) struct Len {
    pub value: usize,
    pub quirk: Option<u8>,
}

/// A BER definite length (EMV Book 3 Annex B2): `00`–`7F`, or `81`–`84` and that many bytes.
/// `80` (indefinite) is refused; `85`–`FF` too, except as the [`Mode::Lenient`] quirk.
pub(super) fn length<'a>(
    tag: Tag,
    mode: Mode,
) -> impl Parser<In<'a>, Output = Len, Error = Fail<'a>> {
    move |i: In<'a>| {
        let (rest, l0) = byte(|| "a length byte".into()).parse(i)?;
        let plain = |value| Len { value, quirk: None };
        match l0 {
            0x00..=0x7F => Ok((rest, plain(usize::from(l0)))),
            0x80 => fail(
                i,
                DecodeErrorKind::Invalid,
                "a definite length (indefinite length 80 is not used in EMV)",
            ),
            0x81..=0x84 => {
                let n = usize::from(l0 & 0x7F);
                let at_fault = match mode {
                    Mode::Strict => &rest[rest.len()..],
                    Mode::Lenient => rest,
                };
                let (rest, bytes) = take_or(n, |_| format!("{n} length bytes after {l0:02X}"))
                    .parse(rest)
                    .map_err(|e| e.map(|f| Fail { at: at_fault, ..f }))?;
                // At most 4 bytes: fits a usize on every target the bench runs on.
                let value = bytes
                    .iter()
                    .fold(0usize, |a, &b| a.saturating_mul(256) | usize::from(b));
                Ok((rest, plain(value)))
            }
            _ if mode == Mode::Lenient && usize::from(l0) == rest.len() => Ok((
                rest,
                Len {
                    value: rest.len(),
                    quirk: Some(l0),
                },
            )),
            _ => fail(
                i,
                DecodeErrorKind::TooLong,
                match mode {
                    Mode::Strict => "a length of at most 4 length bytes (81..84)".to_string(),
                    Mode::Lenient => format!(
                        "a length of at most 4 length bytes (81..84) for tag {tag}, found {l0:02X} ({} bytes left)",
                        rest.len()
                    ),
                },
            ),
        }
    }
}

/// Tag and length of one object.
#[derive(Clone, Copy, Debug)]
pub(super) struct Header<'a> {
    pub tag: Tag,
    pub len: Len,
    /// The input at the first length byte (where a value truncation is reported).
    pub len_at: In<'a>,
}

/// Tag, then length.
pub(super) fn header<'a>(mode: Mode) -> impl Parser<In<'a>, Output = Header<'a>, Error = Fail<'a>> {
    move |i: In<'a>| {
        let (len_at, tag) = tag(i)?;
        let (rest, len) = length(tag, mode).parse(len_at)?;
        Ok((rest, Header { tag, len, len_at }))
    }
}

/// The value of `h`: exactly its length in bytes, or a truncation reported at the length.
fn value<'a>(h: Header<'a>) -> impl Parser<In<'a>, Output = In<'a>, Error = Fail<'a>> {
    move |i: In<'a>| match take::<_, _, Fail<'a>>(h.len.value).parse(i) {
        Ok(r) => Ok(r),
        Err(_) => fail(
            h.len_at,
            DecodeErrorKind::Truncated,
            format!(
                "{} value bytes for tag {} ({} left in input)",
                h.len.value,
                h.tag,
                i.len()
            ),
        ),
    }
}

/// One data object, strictly: its tag and its value (a slice of the input).
#[inline(always)]
pub(super) fn object(i: In<'_>) -> Res<'_, (Tag, In<'_>)> {
    match common_object(i) {
        Some(found) => Ok(found),
        None => any_object(i),
    }
}

/// [`object`] by the whole grammar (long tags and lengths, and every fault).
#[cold]
#[inline(never)]
fn any_object(i: In<'_>) -> Res<'_, (Tag, In<'_>)> {
    let (rest, h) = header(Mode::Strict).parse(i)?;
    let (rest, v) = value(h).parse(rest)?;
    Ok((rest, (h.tag, v)))
}

/// A fast-path parser's result. Its error carries nothing: a miss only hands the object to the
/// whole grammar ([`any_object`]), which reads it again and reports any fault, so building a
/// [`Fail`] here would be wasted work on the hot path.
type Quick<'a, T> = IResult<In<'a>, T, ()>;

/// Misses the fast path (see [`Quick`]).
const MISS: nom::Err<()> = nom::Err::Error(());

// The leaf parsers read their bytes with slice patterns, and the value is cut with
// `split_at_checked`, not nom's `u8` / `length_data`: nom's byte primitives go through
// `<&[u8] as nom::Input>::take_from`, which is not inlined across the crate boundary (no
// `#[inline]`, no LTO in the release profile). Measured (cachegrind, `benches/peers.rs`
// `tlv_walk`, instructions a DE55): split_first chain 3 782; nom `u8` and `length_data` 6 325;
// these leaves with `length_data` 4 493.

/// A tag of one byte, or of two whose second byte ends it (`9F27`, `5F2A`: 13 of the 20
/// objects of a DE55). Longer tags miss.
#[inline(always)]
fn short_tag(i: In<'_>) -> Quick<'_, Tag> {
    match i {
        [t0, rest @ ..] if t0 & 0x1F != 0x1F => Ok((rest, Tag(u32::from(*t0)))),
        [t0, t1, rest @ ..] if t1 & 0x80 == 0 => {
            Ok((rest, Tag(u32::from(*t0) << 8 | u32::from(*t1))))
        }
        _ => Err(MISS),
    }
}

/// A length of one byte (`00`–`7F`) or `81 xx`. Longer forms and every fault miss.
#[inline(always)]
fn short_length(i: In<'_>) -> Quick<'_, usize> {
    match i {
        [l0, rest @ ..] if *l0 < 0x80 => Ok((rest, usize::from(*l0))),
        [0x81, l1, rest @ ..] => Ok((rest, usize::from(*l1))),
        _ => Err(MISS),
    }
}

/// The shapes nearly every EMV object has: a [`short_tag`], a [`short_length`], and the value
/// there in full. `None` for anything else, which [`object`]'s grammar then reads (and
/// reports); the result is the same as the grammar's.
#[inline(always)]
fn common_object(i: In<'_>) -> Option<(In<'_>, (Tag, In<'_>))> {
    let (rest, (tag, n)) = (short_tag, short_length).parse(i).ok()?;
    let (value, after) = rest.split_at_checked(n)?;
    Some((after, (tag, value)))
}
