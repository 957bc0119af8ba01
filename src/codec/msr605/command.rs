//! The device-side framer: finds the next command (ESC, code, parameters or a write block)
//! in the bytes from the host.

use super::reply::{encode_iso_block, encode_raw_block, parse_block, Step};
use super::{cmd, status, DataBlock, Reply, ESC, MAX_FRAME};

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

/// The device-side framer: finds the next command in `buf`, skipping bytes before an ESC.
pub fn parse_command(buf: &[u8]) -> CommandParse {
    let Some(skipped) = buf.iter().position(|&b| b == ESC) else {
        return CommandParse::Incomplete { skipped: buf.len() };
    };
    let s = &buf[skipped..];
    let Some(&code) = s.get(1) else {
        return CommandParse::Incomplete { skipped };
    };
    if code == cmd::WRITE_ISO || code == cmd::WRITE_RAW {
        let raw = code == cmd::WRITE_RAW;
        // The block a host writes has the same framing as a read reply minus the status:
        // parse it with a fake status appended.
        let body = &s[2..];
        let Some(end) = find_block_end(body, raw) else {
            if s.len() > MAX_FRAME {
                return CommandParse::Bad {
                    skipped,
                    why: format!("write block longer than {MAX_FRAME} bytes"),
                };
            }
            return CommandParse::Incomplete { skipped };
        };
        return CommandParse::Command {
            command: Command {
                code,
                params: body[..end].to_vec(),
            },
            skipped,
            len: 2 + end,
        };
    }
    let n = param_len(code);
    if s.len() < 2 + n {
        return CommandParse::Incomplete { skipped };
    }
    CommandParse::Command {
        command: Command {
            code,
            params: s[2..2 + n].to_vec(),
        },
        skipped,
        len: 2 + n,
    }
}

/// End (exclusive) of a write data block starting at `body[0]` (`ESC s`), if complete.
fn find_block_end(body: &[u8], raw: bool) -> Option<usize> {
    let mut probe = body.to_vec();
    probe.extend_from_slice(&[ESC, status::OK]);
    match parse_block(&probe, raw) {
        Step::Done(_, len) if len <= body.len() + 2 => Some(len - 2),
        _ => None,
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
    let mut probe = c.params.clone();
    probe.extend_from_slice(&[ESC, status::OK]);
    match parse_block(&probe, raw) {
        Step::Done(Reply::Block(b), _) => Some(b),
        _ => None,
    }
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
