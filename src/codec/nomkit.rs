//! The nom plumbing every byte decoder of `codec` shares: the error its parsers return
//! ([`Fail`]: where in the input, what kind, what was expected), the byte-level parsers that
//! fail with a message instead of nom's bare `ErrorKind`, and the one conversion of a nom error
//! into a [`DecodeError`] at each decoder's boundary ([`finish`]). nom's types stay inside
//! `codec`; callers only ever see `DecodeError`.

use super::{DecodeError, DecodeErrorKind};
use nom::bytes::complete::{take, take_while};
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser};

/// Parser input: the bytes still to read.
pub(crate) type In<'a> = &'a [u8];

/// A parse failure: the input where it happened, its kind and what was expected there.
#[derive(Debug)]
pub(crate) struct Fail<'a> {
    pub at: In<'a>,
    pub kind: DecodeErrorKind,
    pub expected: String,
}

impl<'a> ParseError<In<'a>> for Fail<'a> {
    fn from_error_kind(input: In<'a>, kind: ErrorKind) -> Self {
        Fail {
            at: input,
            kind: DecodeErrorKind::Invalid,
            expected: format!("{kind:?}"),
        }
    }

    fn append(_: In<'a>, _: ErrorKind, other: Self) -> Self {
        other
    }
}

/// A parser's result with [`Fail`] as its error.
pub(crate) type Res<'a, T> = IResult<In<'a>, T, Fail<'a>>;

/// Fails (without backtracking) at `at`.
pub(crate) fn fail<'a, T>(
    at: In<'a>,
    kind: DecodeErrorKind,
    expected: impl Into<String>,
) -> Res<'a, T> {
    Err(nom::Err::Failure(Fail {
        at,
        kind,
        expected: expected.into(),
    }))
}

/// Exactly `n` bytes; when fewer are left, a truncation at the start of the input saying
/// `what(left)` (formatted only on failure).
pub(crate) fn take_or<'a>(
    n: usize,
    what: impl Fn(usize) -> String,
) -> impl Parser<In<'a>, Output = In<'a>, Error = Fail<'a>> {
    // nom's own error is dropped at once, so it is `()`; the failure is built out of line so
    // that the success path stays small enough to inline into every field and length read.
    move |i: In<'a>| match take::<_, _, ()>(n).parse(i) {
        Ok(r) => Ok(r),
        Err(_) => truncated(i, &what),
    }
}

/// The failure of [`take_or`]: a truncation at `i` saying `what(bytes left)`.
#[cold]
#[inline(never)]
fn truncated<'a>(i: In<'a>, what: &dyn Fn(usize) -> String) -> Res<'a, In<'a>> {
    fail(i, DecodeErrorKind::Truncated, what(i.len()))
}

/// One byte; at the end of the input, a truncation saying `what`.
pub(crate) fn byte<'a>(
    what: impl Fn() -> String,
) -> impl Parser<In<'a>, Output = u8, Error = Fail<'a>> {
    move |i: In<'a>| match nom::number::complete::u8::<_, Fail<'a>>(i) {
        Ok(r) => Ok(r),
        Err(_) => fail(i, DecodeErrorKind::Truncated, what()),
    }
}

/// Everything but the last `n` bytes, which are left unread: a body and the fixed-size trailer
/// that ends it (SW1 SW2 after response data, the status indicator after category-00
/// historical bytes). Fewer than `n` bytes is a truncation at the end of the input saying
/// `what` (formatted only on failure).
pub(crate) fn until_last<'a>(
    n: usize,
    what: impl Fn() -> String,
) -> impl Parser<In<'a>, Output = In<'a>, Error = Fail<'a>> {
    move |i: In<'a>| match i.len().checked_sub(n) {
        Some(body) => take(body).parse(i),
        None => fail(at_end(i), DecodeErrorKind::Truncated, what()),
    }
}

/// The empty rest of `i`: where an error "at the end of the input" points.
pub(crate) fn at_end(i: In<'_>) -> In<'_> {
    i.get(i.len()..).unwrap_or_default()
}

/// Where `part` (a sub-slice of `whole`) starts in `whole`; `whole.len()` for anything else.
pub(crate) fn offset_in(whole: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len())
}

/// The one conversion of a nom error into a [`DecodeError`]: offsets count from `whole[0]`
/// plus `base` (the absolute offset of `whole` in a larger input).
pub(crate) fn to_decode_error(
    layer: &'static str,
    whole: &[u8],
    base: usize,
    e: nom::Err<Fail<'_>>,
) -> DecodeError {
    match e {
        nom::Err::Error(f) | nom::Err::Failure(f) => DecodeError::new(
            layer,
            f.kind,
            base.saturating_add(offset_in(whole, f.at)),
            f.expected,
        ),
        nom::Err::Incomplete(_) => {
            DecodeError::truncated(layer, base.saturating_add(whole.len()), "more bytes")
        }
    }
}

/// Runs `parser` over `whole` and converts its error at the boundary (see
/// [`to_decode_error`]); returns the value and the bytes left over.
pub(crate) fn finish<'a, T>(
    layer: &'static str,
    whole: In<'a>,
    mut parser: impl Parser<In<'a>, Output = T, Error = Fail<'a>>,
) -> Result<(In<'a>, T), DecodeError> {
    parser
        .parse(whole)
        .map_err(|e| to_decode_error(layer, whole, 0, e))
}

/// The digit test of BCD: both nibbles 0–9.
pub(crate) fn is_bcd_byte(b: u8) -> bool {
    b >> 4 <= 9 && b & 0x0F <= 9
}

/// The nibbles of some bytes, high nibble first: the order of BCD digits on the wire.
pub(crate) fn nibbles(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    bytes.iter().flat_map(|&b| [b >> 4, b & 0x0F])
}

/// Digits (bytes that pass `is_digit`) filling the whole input, folded into a number by `fold`
/// (which saturates: a length prefix is a few digits). The first other byte is the failure,
/// saying `{what}, found byte XX` (formatted only on failure).
fn number<'a>(
    is_digit: fn(u8) -> bool,
    fold: fn(usize, &u8) -> usize,
    what: impl Fn() -> String,
) -> impl Parser<In<'a>, Output = usize, Error = Fail<'a>> {
    move |i: In<'a>| {
        let (rest, run) = take_while(is_digit).parse(i)?;
        match rest.first() {
            Some(b) => fail(
                rest,
                DecodeErrorKind::Invalid,
                format!("{}, found byte {b:02X}", what()),
            ),
            None => Ok((rest, run.iter().fold(0, fold))),
        }
    }
}

/// The value of ASCII decimal digits filling the input (a length prefix, an ASCII MTI, a
/// 4-digit frame length); the first byte that is not a digit fails with `what` (see
/// [`number`]). Cut the input to length first (`take_or(n, …).and_then(ascii_number(…))`).
pub(crate) fn ascii_number<'a>(
    what: impl Fn() -> String,
) -> impl Parser<In<'a>, Output = usize, Error = Fail<'a>> {
    number(
        |b| b.is_ascii_digit(),
        // A digit's low nibble is its value.
        |v, &b| v.saturating_mul(10).saturating_add(usize::from(b & 0x0F)),
        what,
    )
}

/// The value of BCD bytes filling the input, two digits a byte, high nibble first; the first
/// byte with a nibble above 9 fails with `what` (see [`number`]).
pub(crate) fn bcd_number<'a>(
    what: impl Fn() -> String,
) -> impl Parser<In<'a>, Output = usize, Error = Fail<'a>> {
    number(
        is_bcd_byte,
        |v, &b| {
            v.saturating_mul(100)
                .saturating_add(usize::from(b >> 4) * 10 + usize::from(b & 0x0F))
        },
        what,
    )
}

/// Whether `bytes` is one or more ASCII decimal digits and nothing else (the test of
/// [`ascii_number`]).
pub(crate) fn all_ascii_digits(bytes: &[u8]) -> bool {
    !bytes.is_empty() && ascii_number(String::new).parse(bytes).is_ok()
}
