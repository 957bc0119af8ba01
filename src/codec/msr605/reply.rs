//! The host-side framer: finds the reply the host waits for in the bytes from the device
//! (status, communication test, model, firmware, ISO or raw data block), and the data-block
//! encoders (what the device sends after a read, and the host after a write).

use super::{cmd, frame, END_FIELD, ESC, MAX_FRAME};
use crate::codec::nomkit::{offset_in, Fail};
use nom::Parser;

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

/// The framer: finds the reply `expect` describes in `buf` (bytes from the device, oldest
/// first), skipping garbage in front of it. The frame itself is read by the streaming nom
/// parsers of `frame`; their result is turned into a [`Parsed`] here, once.
pub fn parse(expect: Expect, buf: &[u8]) -> Parsed {
    let starts = |b: u8| b == ESC || (expect == Expect::CommTest && b == cmd::COMM_OK);
    let Some(skipped) = buf.iter().position(|&b| starts(b)) else {
        return Parsed::Incomplete { skipped: buf.len() };
    };
    let s = buf.get(skipped..).unwrap_or_default();
    let r = match expect {
        Expect::Status => frame::status_reply(s),
        Expect::CommTest => frame::comm_test(s),
        Expect::Model => frame::model(s),
        Expect::Firmware => frame::firmware(s),
        Expect::Coercivity => frame::coercivity(s),
        Expect::IsoBlock => frame::read_reply(false).parse(s),
        Expect::RawBlock => frame::read_reply(true).parse(s),
    };
    match r {
        Ok((rest, reply)) => Parsed::Frame {
            reply,
            skipped,
            len: s.len() - rest.len(),
        },
        Err(nom::Err::Incomplete(_)) if s.len() > MAX_FRAME => Parsed::Bad {
            skipped,
            why: format!("no complete frame within {MAX_FRAME} bytes"),
        },
        Err(nom::Err::Incomplete(_)) => Parsed::Incomplete { skipped },
        Err(nom::Err::Error(f) | nom::Err::Failure(f)) => Parsed::Bad {
            skipped,
            why: bad_frame(s, &f),
        },
    }
}

/// Why the frame starting at `frame[0]` is malformed, with the offset of the byte that made
/// it so.
pub(super) fn bad_frame(frame: &[u8], f: &Fail<'_>) -> String {
    match offset_in(frame, f.at) {
        0 => f.expected.clone(),
        at => format!("{} (offset {at})", f.expected),
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
    use crate::codec::msr605::{parse_command, status, CommandParse};

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

    /// What the driver does with the framer's results: a frame, or `None` once only
    /// garbage and malformed frames were left (each dropped and parsed again).
    fn drive(expect: Expect, mut buf: &[u8]) -> Option<Reply> {
        loop {
            match parse(expect, buf) {
                Parsed::Frame { reply, .. } => return Some(reply),
                Parsed::Incomplete { .. } => return None,
                Parsed::Bad { skipped, .. } => buf = &buf[skipped + 1..],
            }
        }
    }

    /// Line noise (issue 14): whichever byte of an ISO read reply is damaged, what reaches the
    /// driver is never the bare OK status of a read that "failed" (reader error 1B 30), and a
    /// damaged status is never taken for a status.
    #[test]
    fn a_damaged_read_reply_never_reads_as_a_bare_ok_status() {
        let t2 = b";6212345678901232=28122011234567890?".as_slice();
        let bytes = encode_iso_block([Some(b"%B1^A^2812?"), Some(t2), None], status::OK);
        for at in 0..bytes.len() {
            for x in [0x01, 0x08, 0x40, 0x68, 0xC5, 0xFF] {
                let mut b = bytes.clone();
                b[at] ^= x;
                match drive(Expect::IsoBlock, &b) {
                    Some(Reply::Status(s)) => {
                        assert!(s != status::OK, "byte {at} ^ {x:02X}: bare OK status");
                    }
                    Some(Reply::Block(blk)) => {
                        let st = blk.status;
                        assert!(
                            (0x30..=0x3F).contains(&st) || st == status::FAILURE,
                            "{st:02X}"
                        );
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(drive(Expect::RawBlock, &[ESC, status::OK]), None);
        assert!(matches!(
            parse(Expect::IsoBlock, &[ESC, status::OK]),
            Parsed::Bad { .. }
        ));
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
