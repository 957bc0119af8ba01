//! The host-side framer: finds the reply the host waits for in the bytes from the device
//! (status, communication test, model, firmware, ISO or raw data block), and the data-block
//! encoders (what the device sends after a read, and the host after a write).

use super::{cmd, status, END_FIELD, ESC, MAX_FRAME};

/// Which reply the host waits for: the framer needs it because replies are not self-describing
/// (a model reply and a status reply both start `ESC x`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// `ESC <status>`.
    Status,
    /// `ESC y`, tolerating a dropped ESC (USB adapters, libmsr).
    CommTest,
    /// `ESC <model> S`.
    Model,
    /// `ESC` + 8 ASCII bytes `REV?X.XX`.
    Firmware,
    /// `ESC h` / `ESC l` (either case) after `ESC d`.
    Coercivity,
    /// ISO data block + `ESC <status>`.
    IsoBlock,
    /// Raw data block + `ESC <status>`.
    RawBlock,
}

/// A data block as read: per track, `None` when the track header was absent, `Some(empty)` for
/// a track without data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataBlock {
    pub raw: bool,
    pub tracks: [Option<Vec<u8>>; 3],
    pub status: u8,
}

/// A decoded device reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// A status (also what a read answers instead of a block when it fails outright).
    Status(u8),
    CommTestOk {
        esc_dropped: bool,
    },
    Model(u8),
    /// The firmware bytes verbatim.
    Firmware(Vec<u8>),
    Coercivity(super::Coercivity),
    Block(DataBlock),
}

/// Result of running the framer over the bytes received so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// No complete frame yet; the first `skipped` bytes are garbage and may be dropped.
    Incomplete { skipped: usize },
    /// A frame at `skipped..skipped + len`.
    Frame {
        reply: Reply,
        skipped: usize,
        len: usize,
    },
    /// A frame starts at `skipped` but is malformed: drop `skipped + 1` bytes and parse again.
    Bad { skipped: usize, why: String },
}

pub(super) enum Step {
    Need,
    Done(Reply, usize),
    Bad(String),
}

/// The framer: finds the reply `expect` describes in `buf` (bytes from the device, oldest
/// first), skipping garbage in front of it.
pub fn parse(expect: Expect, buf: &[u8]) -> Parsed {
    let start = match expect {
        Expect::CommTest => buf.iter().position(|&b| b == ESC || b == cmd::COMM_OK),
        _ => buf.iter().position(|&b| b == ESC),
    };
    let Some(skipped) = start else {
        return Parsed::Incomplete { skipped: buf.len() };
    };
    let s = &buf[skipped..];
    let step = match expect {
        Expect::Status => parse_status(s),
        Expect::CommTest => parse_comm_test(s),
        Expect::Model => parse_model(s),
        Expect::Firmware => parse_firmware(s),
        Expect::Coercivity => parse_coercivity(s),
        Expect::IsoBlock => parse_block(s, false),
        Expect::RawBlock => parse_block(s, true),
    };
    match step {
        Step::Need if s.len() > MAX_FRAME => Parsed::Bad {
            skipped,
            why: format!("no complete frame within {MAX_FRAME} bytes"),
        },
        Step::Need => Parsed::Incomplete { skipped },
        Step::Done(reply, len) => Parsed::Frame {
            reply,
            skipped,
            len,
        },
        Step::Bad(why) => Parsed::Bad { skipped, why },
    }
}

fn parse_status(s: &[u8]) -> Step {
    match s.get(1) {
        None => Step::Need,
        Some(&b) => Step::Done(Reply::Status(b), 2),
    }
}

fn parse_comm_test(s: &[u8]) -> Step {
    if s[0] == cmd::COMM_OK {
        return Step::Done(Reply::CommTestOk { esc_dropped: true }, 1);
    }
    match s.get(1) {
        None => Step::Need,
        Some(&cmd::COMM_OK) => Step::Done(Reply::CommTestOk { esc_dropped: false }, 2),
        Some(&b) => Step::Bad(format!(
            "communication test answered ESC {b:02X}, expected ESC 79"
        )),
    }
}

fn parse_model(s: &[u8]) -> Step {
    if s.len() < 3 {
        return Step::Need;
    }
    if s[2] == b'S' {
        Step::Done(Reply::Model(s[1]), 3)
    } else {
        Step::Bad(format!(
            "model reply ESC {:02X} {:02X}, expected ESC <model> 53",
            s[1], s[2]
        ))
    }
}

fn parse_firmware(s: &[u8]) -> Step {
    if s.len() < 9 {
        return Step::Need;
    }
    Step::Done(Reply::Firmware(s[1..9].to_vec()), 9)
}

fn parse_coercivity(s: &[u8]) -> Step {
    let Some(&b) = s.get(1) else {
        return Step::Need;
    };
    match super::Coercivity::from_reply_byte(b) {
        Some(c) => Step::Done(Reply::Coercivity(c), 2),
        None => Step::Bad(format!(
            "Hi/Lo-Co reply ESC {b:02X}, expected ESC 68/48 (Hi-Co) or ESC 6C/4C (Lo-Co)"
        )),
    }
}

pub(super) fn parse_block(s: &[u8], raw: bool) -> Step {
    let Some(&second) = s.get(1) else {
        return Step::Need;
    };
    if second != cmd::BLOCK_START {
        // A read that fails before any data answers with a bare status (30h–3Fh, 41h).
        if (0x30..=0x3F).contains(&second) || second == status::FAILURE {
            return Step::Done(Reply::Status(second), 2);
        }
        return Step::Bad(format!(
            "ESC {second:02X} where a data block (ESC 73) or a status was expected"
        ));
    }
    let mut block = DataBlock {
        raw,
        ..DataBlock::default()
    };
    let mut cur = 2;
    loop {
        let Some(&b) = s.get(cur) else {
            return Step::Need;
        };
        match b {
            ESC => {
                let Some(&n) = s.get(cur + 1) else {
                    return Step::Need;
                };
                if !(1..=3).contains(&n) {
                    return Step::Bad(format!(
                        "ESC {n:02X} inside a data block at offset {cur}, expected a track header"
                    ));
                }
                let slot = usize::from(n - 1);
                if raw {
                    let Some(&len) = s.get(cur + 2) else {
                        return Step::Need;
                    };
                    let from = cur + 3;
                    let to = from + usize::from(len);
                    if s.len() < to {
                        return Step::Need;
                    }
                    block.tracks[slot] = Some(s[from..to].to_vec());
                    cur = to;
                } else {
                    let from = cur + 2;
                    let mut j = from;
                    loop {
                        let Some(&c) = s.get(j) else {
                            return Step::Need;
                        };
                        if c == ESC {
                            break;
                        }
                        if c == END_FIELD[1] && j > from && s[j - 1] == END_FIELD[0] {
                            j -= 1;
                            break;
                        }
                        j += 1;
                    }
                    block.tracks[slot] = Some(s[from..j].to_vec());
                    cur = j;
                }
            }
            0x3F => {
                let Some(&fs) = s.get(cur + 1) else {
                    return Step::Need;
                };
                if fs != END_FIELD[1] {
                    return Step::Bad(format!(
                        "3F {fs:02X} at offset {cur}, expected the ending field 3F 1C"
                    ));
                }
                let (Some(&e), Some(&st)) = (s.get(cur + 2), s.get(cur + 3)) else {
                    return Step::Need;
                };
                if e != ESC {
                    return Step::Bad(format!(
                        "{e:02X} after the ending field at offset {}, expected ESC <status>",
                        cur + 2
                    ));
                }
                block.status = st;
                return Step::Done(Reply::Block(block), cur + 4);
            }
            other => {
                return Step::Bad(format!(
                "byte {other:02X} at offset {cur} of a data block, expected ESC <track> or 3F 1C"
            ))
            }
        }
    }
}

/// Builds an ISO data block followed by `ESC status` (what the device sends after `ESC r`,
/// and — without the status — what the host sends after `ESC w`).
pub fn encode_iso_block(tracks: [Option<&[u8]>; 3], status: u8) -> Vec<u8> {
    let mut out = vec![ESC, cmd::BLOCK_START];
    for (i, t) in tracks.iter().enumerate() {
        out.push(ESC);
        out.push(i as u8 + 1);
        if let Some(t) = t {
            out.extend_from_slice(t);
        }
    }
    out.extend_from_slice(&END_FIELD);
    out.push(ESC);
    out.push(status);
    out
}

/// Builds a raw data block followed by `ESC status` (reply to `ESC m`). Tracks longer than
/// 255 bytes are cut (the length field is one byte).
pub fn encode_raw_block(tracks: [Option<&[u8]>; 3], status: u8) -> Vec<u8> {
    let mut out = vec![ESC, cmd::BLOCK_START];
    for (i, t) in tracks.iter().enumerate() {
        out.push(ESC);
        out.push(i as u8 + 1);
        let t = t.unwrap_or(&[]);
        let t = &t[..t.len().min(255)];
        out.push(t.len() as u8);
        out.extend_from_slice(t);
    }
    out.extend_from_slice(&END_FIELD);
    out.push(ESC);
    out.push(status);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::codec::msr605::{parse_command, CommandParse};

    #[test]
    fn iso_block_round_trip_and_split() {
        let t1 = b"%B6212345678901232^ZHANG/SAN^2812201000000123456?".as_slice();
        let t2 = b";6212345678901232=28122011234567890?".as_slice();
        let bytes = encode_iso_block([Some(t1), Some(t2), None], status::OK);
        let mut with_garbage = vec![0x00, 0xFF, 0x42];
        with_garbage.extend_from_slice(&bytes);
        // Every prefix is incomplete, the whole is one frame.
        for cut in 0..with_garbage.len() {
            match parse(Expect::IsoBlock, &with_garbage[..cut]) {
                Parsed::Incomplete { .. } => {}
                other => panic!("prefix {cut}: {other:?}"),
            }
        }
        match parse(Expect::IsoBlock, &with_garbage) {
            Parsed::Frame {
                reply: Reply::Block(b),
                skipped: 3,
                len,
            } => {
                assert_eq!(len, bytes.len());
                assert_eq!(b.tracks[0].as_deref(), Some(t1));
                assert_eq!(b.tracks[1].as_deref(), Some(t2));
                assert_eq!(b.tracks[2].as_deref(), Some(&b""[..]));
                assert_eq!(b.status, status::OK);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn manual_example_track2_only() {
        let bytes = b"\x1bs\x1b\x01\x1b\x02;123?\x1b\x03?\x1c\x1b0";
        match parse(Expect::IsoBlock, bytes) {
            Parsed::Frame {
                reply: Reply::Block(b),
                ..
            } => {
                assert_eq!(b.tracks[0].as_deref(), Some(&b""[..]));
                assert_eq!(b.tracks[1].as_deref(), Some(&b";123?"[..]));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn raw_block_and_bare_status() {
        let bytes = encode_raw_block([Some(&[1, 2, 0x1B]), None, Some(&[0x3F, 0x1C])], 0x31);
        match parse(Expect::RawBlock, &bytes) {
            Parsed::Frame {
                reply: Reply::Block(b),
                len,
                ..
            } => {
                assert_eq!(len, bytes.len());
                assert_eq!(b.tracks[0].as_deref(), Some(&[1u8, 2, 0x1B][..]));
                assert_eq!(b.tracks[1].as_deref(), Some(&[][..]));
                assert_eq!(b.status, 0x31);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse(Expect::RawBlock, &[ESC, 0x31]),
            Parsed::Frame {
                reply: Reply::Status(0x31),
                skipped: 0,
                len: 2
            }
        );
    }

    #[test]
    fn comm_test_tolerates_dropped_esc() {
        assert!(matches!(
            parse(Expect::CommTest, b"\x00y"),
            Parsed::Frame {
                reply: Reply::CommTestOk { esc_dropped: true },
                skipped: 1,
                len: 1
            }
        ));
        assert!(matches!(
            parse(Expect::CommTest, b"\x1by"),
            Parsed::Frame {
                reply: Reply::CommTestOk { esc_dropped: false },
                ..
            }
        ));
    }

    #[test]
    fn model_firmware_and_bad_frames() {
        assert_eq!(
            parse(Expect::Model, b"\x1b3S"),
            Parsed::Frame {
                reply: Reply::Model(b'3'),
                skipped: 0,
                len: 3
            }
        );
        assert!(matches!(
            parse(Expect::Model, b"\x1b3X"),
            Parsed::Bad { .. }
        ));
        assert!(matches!(
            parse(Expect::Firmware, b"\x1bREVH1.21"),
            Parsed::Frame {
                reply: Reply::Firmware(_),
                len: 9,
                ..
            }
        ));
        assert!(matches!(
            parse(Expect::IsoBlock, b"\x1bs\x1b\x09"),
            Parsed::Bad { .. }
        ));
        let long = [&[ESC, cmd::BLOCK_START, ESC, 1][..], &[b'1'; 2000][..]].concat();
        assert!(matches!(parse(Expect::IsoBlock, &long), Parsed::Bad { .. }));
    }

    proptest::proptest! {
        /// Any garbage without ESC in front, and any split of the bytes, yield the same block.
        #[test]
        fn garbage_and_splits_do_not_change_the_frame(
            garbage in proptest::collection::vec(0u8..0x1B, 0..20),
            t1 in "[A-Z0-9 /]{0,40}",
            t2 in "[0-9=]{0,37}",
            cut in 0usize..200,
        ) {
            let t1 = format!("%B{t1}?");
            let t2 = format!(";{t2}?");
            let block = encode_iso_block([Some(t1.as_bytes()), Some(t2.as_bytes()), None], status::OK);
            let mut bytes = garbage.clone();
            bytes.extend_from_slice(&block);
            let cut = cut.min(bytes.len());
            let early = parse(Expect::IsoBlock, &bytes[..cut]);
            if cut < bytes.len() {
                let incomplete = matches!(early, Parsed::Incomplete { .. });
                proptest::prop_assert!(incomplete);
            }
            match parse(Expect::IsoBlock, &bytes) {
                Parsed::Frame { reply: Reply::Block(b), skipped, len } => {
                    proptest::prop_assert_eq!(skipped, garbage.len());
                    proptest::prop_assert_eq!(len, block.len());
                    proptest::prop_assert_eq!(b.tracks[0].as_deref(), Some(t1.as_bytes()));
                    proptest::prop_assert_eq!(b.tracks[1].as_deref(), Some(t2.as_bytes()));
                }
                other => proptest::prop_assert!(false, "{:?}", other),
            }
        }

        /// The framers never panic and never point outside their input.
        #[test]
        fn framers_stay_in_bounds(data in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            for e in [Expect::Status, Expect::CommTest, Expect::Model, Expect::Firmware, Expect::IsoBlock, Expect::RawBlock] {
                match parse(e, &data) {
                    Parsed::Frame { skipped, len, .. } => proptest::prop_assert!(skipped + len <= data.len()),
                    Parsed::Incomplete { skipped } => proptest::prop_assert!(skipped <= data.len()),
                    Parsed::Bad { skipped, .. } => proptest::prop_assert!(skipped < data.len()),
                }
            }
            match parse_command(&data) {
                CommandParse::Command { skipped, len, .. } => proptest::prop_assert!(skipped + len <= data.len()),
                CommandParse::Incomplete { skipped } => proptest::prop_assert!(skipped <= data.len()),
                CommandParse::Bad { skipped, .. } => proptest::prop_assert!(skipped < data.len()),
            }
        }
    }
}
