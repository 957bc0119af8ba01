//! The device-side framer: finds the next command (ESC, code, parameters or a write block)
//! in the bytes from the host.

use super::frame::{self, Res};
use super::reply::{bad_frame, encode_iso_block, encode_raw_block};
use super::{cmd, status, DataBlock, ESC, MAX_FRAME};
use crate::codec::nomkit::In;
use nom::branch::alt;
use nom::bytes::streaming::{tag, take};
use nom::combinator::{not, recognize, value};
use nom::number::streaming::u8 as byte;
use nom::sequence::preceded;
use nom::Parser;

/// A command as the device sees it (host → device direction; the simulator's framer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The byte after ESC.
    pub code: u8,
    /// Parameter bytes (for writes: the whole data block).
    pub params: Vec<u8>,
}

/// Result of running the command framer over the bytes received from the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandParse {
    Incomplete {
        skipped: usize,
    },
    Command {
        command: Command,
        skipped: usize,
        len: usize,
    },
    /// Malformed: drop `skipped + 1` bytes and parse again.
    Bad {
        skipped: usize,
        why: String,
    },
}

/// Parameter bytes each command carries (writes carry a data block, handled apart).
fn param_len(code: u8) -> usize {
    match code {
        cmd::SET_LEADING_ZEROS => 2,
        cmd::ERASE | cmd::SELECT_BPI => 1,
        cmd::SET_BPC => 3,
        _ => 0,
    }
}

/// One command: `ESC code` and its parameters, as a streaming nom parser (see `frame`).
fn command(i: In<'_>) -> Res<'_, Command> {
    let (rest, code) = preceded(frame::esc, byte).parse(i)?;
    let (rest, params) = match code {
        cmd::WRITE_ISO => write_params(false, rest)?,
        cmd::WRITE_RAW => write_params(true, rest)?,
        _ => take(param_len(code)).parse(rest)?,
    };
    Ok((
        rest,
        Command {
            code,
            params: params.to_vec(),
        },
    ))
}

/// A write's parameters: its data block (`ESC s` … `3F 1C`, the framing of a read reply
/// minus the status). A write followed by anything but `ESC s` carries no block: its
/// parameters are empty and the device answers it with a format error.
fn write_params(raw: bool, i: In<'_>) -> Res<'_, In<'_>> {
    let no_block = not((frame::esc, tag(&[cmd::BLOCK_START][..])));
    alt((recognize(frame::block(raw)), value(&i[..0], no_block))).parse(i)
}

/// The device-side framer: finds the next command in `buf`, skipping bytes before an ESC.
pub fn parse_command(buf: &[u8]) -> CommandParse {
    let Some(skipped) = buf.iter().position(|&b| b == ESC) else {
        return CommandParse::Incomplete { skipped: buf.len() };
    };
    let s = buf.get(skipped..).unwrap_or_default();
    match command(s) {
        Ok((rest, command)) => CommandParse::Command {
            command,
            skipped,
            len: s.len() - rest.len(),
        },
        Err(nom::Err::Incomplete(_)) if s.len() > MAX_FRAME => CommandParse::Bad {
            skipped,
            why: format!("write block longer than {MAX_FRAME} bytes"),
        },
        Err(nom::Err::Incomplete(_)) => CommandParse::Incomplete { skipped },
        Err(nom::Err::Error(f) | nom::Err::Failure(f)) => CommandParse::Bad {
            skipped,
            why: bad_frame(s, &f),
        },
    }
}

/// The bytes of a write command: `ESC w` + ISO block (`ESC s ESC 1 t1 ESC 2 t2 ESC 3 t3 ? FS`)
/// or `ESC n` + raw block (`ESC s`, per track `ESC n len data`, `? FS`), manual §6 #3/#17.
/// `None` or an empty track leaves that track as it is (msrx: "to preserve a track, pass an
/// empty byte string").
pub fn write_command(raw: bool, tracks: [Option<&[u8]>; 3]) -> Vec<u8> {
    let block = if raw {
        encode_raw_block(tracks, status::OK)
    } else {
        encode_iso_block(tracks, status::OK)
    };
    let mut out = vec![ESC, if raw { cmd::WRITE_RAW } else { cmd::WRITE_ISO }];
    // The host's block is the device's minus its trailing `ESC status`.
    out.extend_from_slice(&block[..block.len().saturating_sub(2)]);
    out
}

/// The data block a write command carries (`None`: not a write, or a malformed block).
pub fn write_block(c: &Command) -> Option<DataBlock> {
    let raw = match c.code {
        cmd::WRITE_ISO => false,
        cmd::WRITE_RAW => true,
        _ => return None,
    };
    frame::block(raw).parse(&c.params).ok().map(|(_, b)| b)
}

/// Which tracks an erase command's selection byte names (manual §6 #14: `00` track 1, `02`
/// track 2, `04` track 3, `03`/`05`/`06`/`07` their unions). msrx, libMSRx05 and steeve's
/// driver send a bit mask with track 1 = `01`; both readings agree on every other value, so
/// `00` and `01` both mean track 1.
pub fn erase_selection(sel: u8) -> [bool; 3] {
    if sel == 0 {
        return [true, false, false];
    }
    [sel & 1 != 0, sel & 2 != 0, sel & 4 != 0]
}
