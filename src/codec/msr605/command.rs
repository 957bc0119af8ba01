//! The device-side framer: finds the next command (ESC, code, parameters or a write block)
//! in the bytes from the host.

use super::reply::{parse_block, Step};
use super::{cmd, status, ESC, MAX_FRAME};

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
