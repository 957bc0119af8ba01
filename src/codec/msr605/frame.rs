//! The MSR605 frames as small streaming nom parsers, shared by the host-side reply framer
//! ([`super::parse`]) and the device-side command framer ([`super::parse_command`]): an
//! `Incomplete` means the frame is still arriving, a `Failure` that the frame that starts here
//! is malformed (its [`Fail`] says why and where), an `Error` that this parser does not apply.
//! The framers keep no state between calls; they turn these results into their `Parsed` /
//! `CommandParse` once, at their boundary.

use super::{cmd, status, Coercivity, DataBlock, Reply, END_FIELD, ESC};
use crate::codec::nomkit::{fail, Fail, In};
use crate::codec::DecodeErrorKind;
use nom::branch::alt;
use nom::bytes::streaming::{tag, take, take_while1};
use nom::combinator::{cut, not, recognize, value, verify};
use nom::multi::{fold_many0, length_data, many0_count};
use nom::number::streaming::u8 as byte;
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

/// A frame parser's result: bytes from the peer, streaming.
pub(super) type Res<'a, T> = IResult<In<'a>, T, Fail<'a>>;

/// `p`, then `check` on its value: `Err(why)` makes the frame malformed at where `p` started
/// (a `Failure`: no other reading of these bytes is tried).
fn checked<'a, O, T>(
    mut p: impl Parser<In<'a>, Output = O, Error = Fail<'a>>,
    check: impl Fn(O) -> Result<T, String>,
) -> impl Parser<In<'a>, Output = T, Error = Fail<'a>> {
    move |i: In<'a>| {
        let (rest, o) = p.parse(i)?;
        match check(o) {
            Ok(t) => Ok((rest, t)),
            Err(why) => fail(i, DecodeErrorKind::Invalid, why),
        }
    }
}

/// `ESC`, the first byte of every command and reply.
pub(super) fn esc(i: In<'_>) -> Res<'_, u8> {
    verify(byte, |&b| b == ESC).parse(i)
}

/// `ESC <status>`: any byte after ESC.
pub(super) fn status_reply(i: In<'_>) -> Res<'_, Reply> {
    preceded(esc, byte).map(Reply::Status).parse(i)
}

/// `ESC y`, or a lone `y` whose ESC a USB adapter dropped (libmsr).
pub(super) fn comm_test(i: In<'_>) -> Res<'_, Reply> {
    let dropped = value(
        Reply::CommTestOk { esc_dropped: true },
        tag(&[cmd::COMM_OK][..]),
    );
    let whole = preceded(
        esc,
        checked(byte, |b| match b {
            cmd::COMM_OK => Ok(Reply::CommTestOk { esc_dropped: false }),
            b => Err(format!(
                "communication test answered ESC {b:02X}, expected ESC 79"
            )),
        }),
    );
    alt((dropped, whole)).parse(i)
}

/// `ESC <model> S` (manual §6 #18).
pub(super) fn model(i: In<'_>) -> Res<'_, Reply> {
    let model_s = checked((byte, byte), |(m, s)| {
        if s == b'S' {
            Ok(Reply::Model(m))
        } else {
            Err(format!(
                "model reply ESC {m:02X} {s:02X}, expected ESC <model> 53"
            ))
        }
    });
    preceded(esc, model_s).parse(i)
}

/// `ESC` + the eight firmware bytes `REV?X.XX`, kept verbatim.
pub(super) fn firmware(i: In<'_>) -> Res<'_, Reply> {
    preceded(esc, take(8usize))
        .map(|f: In<'_>| Reply::Firmware(f.to_vec()))
        .parse(i)
}

/// `ESC h` / `ESC l`, either case (manual §6 #23).
pub(super) fn coercivity(i: In<'_>) -> Res<'_, Reply> {
    let answer = checked(byte, |b| {
        Coercivity::from_reply_byte(b)
            .map(Reply::Coercivity)
            .ok_or_else(|| {
                format!(
                    "Hi/Lo-Co reply ESC {b:02X}, expected ESC 68/48 (Hi-Co) or ESC 6C/4C (Lo-Co)"
                )
            })
    });
    preceded(esc, answer).parse(i)
}

/// Whether `b` is a status a read answers with: `30`–`3F` or `41` (protocols.md §2.3).
fn is_status(b: u8) -> bool {
    (0x30..=0x3F).contains(&b) || b == status::FAILURE
}

/// A read's reply: a data block and its status, or the bare status of a read that failed
/// before any data. A bare `ESC 30` is neither: OK says a block was sent, so it is the tail of
/// a block whose start the line damaged, and a malformed frame (never a reader error).
pub(super) fn read_reply<'a>(raw: bool) -> impl Parser<In<'a>, Output = Reply, Error = Fail<'a>> {
    let with_block = (block(raw), end_status).map(|(mut b, st)| {
        b.status = st;
        Reply::Block(b)
    });
    let bare = preceded(
        esc,
        checked(byte, |b| match b {
            status::OK => Err(
                "ESC 30 (OK) without its data block: the block's start was damaged on the line"
                    .to_string(),
            ),
            b if is_status(b) => Ok(Reply::Status(b)),
            b => Err(format!(
                "ESC {b:02X} where a data block (ESC 73) or a status was expected"
            )),
        }),
    );
    alt((with_block, bare))
}

/// `ESC <status>` after a block's ending field. A byte there that is no read status is the
/// line's damage (a reader sends nothing else), so the frame is malformed.
fn end_status(i: In<'_>) -> Res<'_, u8> {
    let esc_then = checked(byte, |e| {
        if e == ESC {
            Ok(())
        } else {
            Err(format!(
                "{e:02X} after the ending field, expected ESC <status>"
            ))
        }
    });
    let st = checked(byte, |s| {
        if is_status(s) {
            Ok(s)
        } else {
            Err(format!(
                "status {s:02X} after a data block is no MSR605 status: damaged on the line"
            ))
        }
    });
    preceded(esc_then, st).parse(i)
}

/// A data block without its status (what a write command carries): `ESC s`, then per track
/// `ESC n` and its data, then the ending field `3F 1C`. An ISO track's data runs to the next
/// ESC or the ending field; a raw track's is `len` then `len` bytes.
pub(super) fn block<'a>(raw: bool) -> impl Parser<In<'a>, Output = DataBlock, Error = Fail<'a>> {
    let start = (esc, tag(&[cmd::BLOCK_START][..]));
    let tracks = fold_many0(
        track(raw),
        move || DataBlock {
            raw,
            ..DataBlock::default()
        },
        |mut b, (slot, data): (usize, In<'a>)| {
            if let Some(t) = b.tracks.get_mut(slot) {
                *t = Some(data.to_vec());
            }
            b
        },
    );
    preceded(start, cut(terminated(tracks, ending_field)))
}

/// `ESC n` (n = 1–3) and the track's data: (track slot 0–2, data).
fn track<'a>(raw: bool) -> impl Parser<In<'a>, Output = (usize, In<'a>), Error = Fail<'a>> {
    move |i: In<'a>| {
        let (rest, slot) = preceded(esc, cut(track_header)).parse(i)?;
        let (rest, data) = if raw {
            length_data(byte).parse(rest)?
        } else {
            iso_track_data(rest)?
        };
        Ok((rest, (slot, data)))
    }
}

/// The track number after ESC inside a block, as its slot 0–2.
fn track_header(i: In<'_>) -> Res<'_, usize> {
    checked(byte, |n| {
        if (1..=3).contains(&n) {
            Ok(usize::from(n - 1))
        } else {
            Err(format!(
                "ESC {n:02X} inside a data block, expected a track header"
            ))
        }
    })
    .parse(i)
}

/// An ISO track's characters: every byte up to the next ESC or the ending field `3F 1C` (a
/// `3F` not followed by `1C` is the track's end sentinel, data).
fn iso_track_data(i: In<'_>) -> Res<'_, In<'_>> {
    let plain = take_while1(|b| b != ESC && b != END_FIELD[0]);
    let sentinel = terminated(tag(&END_FIELD[..1]), not(tag(&END_FIELD[1..])));
    recognize(many0_count(alt((plain, sentinel)))).parse(i)
}

/// The ending field `3F 1C`; a `3F` followed by anything else is a malformed block.
fn ending_field(i: In<'_>) -> Res<'_, ()> {
    let fs = checked(byte, |fs| {
        if fs == END_FIELD[1] {
            Ok(())
        } else {
            Err(format!("3F {fs:02X}, expected the ending field 3F 1C"))
        }
    });
    match preceded(tag(&END_FIELD[..1]), fs).parse(i) {
        Err(nom::Err::Error(_)) => {
            let b = i.first().copied().unwrap_or_default();
            fail(
                i,
                DecodeErrorKind::Invalid,
                format!("byte {b:02X} of a data block, expected ESC <track> or 3F 1C"),
            )
        }
        r => r,
    }
}
