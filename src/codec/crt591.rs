//! Creator CRT-591 wire format (CRT-591-M001 communication protocol, 2013, "M591"), sans-IO
//! and shared by the driver (`device::crt591`) and the simulator (`sim::crt591`): the frame
//! `F2 ADDR LENH LENL TEXT ETX BCC` with a `C`/`P`/`N` head, its framer, the status bytes
//! st0 st1 st2 and the error codes e1 e0, and command names.

use super::creator::{CreatorFrame, FrameParts, Shape};
use super::crt310::track_error_status;
use super::track::decode_track_text;
use crate::i18n::{tr_static, Lang};
use crate::model::{SwipeRead, TrackRead, TrackStatus};
use nom::bytes::complete::{tag, take, take_till};
use nom::character::complete::satisfy;
use nom::combinator::{all_consuming, iterator, recognize, rest};
use nom::number::complete::be_u8;
use nom::sequence::preceded;
use nom::Parser;

pub use super::creator::{bcc, FrameTooLong, ACK, ETX, NAK};

pub const STX: u8 = 0xF2;
pub const EOT: u8 = 0x04;

/// TEXT heads (M591 §1.2): command `C`, positive reply `P`, negative reply `N`. The PDF
/// prints the negative head as "(N', 45H)"; a real R02 unit sends `4E`: both are negative.
pub const HEAD_CMD: u8 = b'C';
pub const HEAD_POS: u8 = b'P';
pub const HEAD_NEG: u8 = b'N';
pub const HEAD_NEG_PRINTED: u8 = 0x45;

/// Largest TEXT (M591 §1.2 diagram: 1024 bytes).
pub const MAX_LEN: usize = 1024;

/// The CRT-591's frame shape for the shared framer (LEN after the address byte).
const SHAPE: Shape = Shape {
    stx: STX,
    len_at: 2,
    min_len: 3,
    max_len: MAX_LEN,
    controls: &[ACK, NAK, EOT],
};

/// One frame: address, head, CM, PM and what follows (st0 st1 st2 + DATA in a positive
/// reply, e1 e0 + DATA in a negative one, DATA in a command).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub addr: u8,
    pub head: u8,
    pub cm: u8,
    pub pm: u8,
    pub data: Vec<u8>,
}

impl Frame {
    /// A command frame `C CM PM DATA` to the reader at `addr`.
    pub fn command(addr: u8, cm: u8, pm: u8, data: impl Into<Vec<u8>>) -> Frame {
        Frame {
            addr,
            head: HEAD_CMD,
            cm,
            pm,
            data: data.into(),
        }
    }

    /// A positive reply `P CM PM st0 st1 st2 DATA`.
    pub fn positive(addr: u8, cm: u8, pm: u8, st: [u8; 3], data: &[u8]) -> Frame {
        Frame {
            addr,
            head: HEAD_POS,
            cm,
            pm,
            data: [&st[..], data].concat(),
        }
    }

    /// A negative reply `N CM PM e1 e0 DATA` with the two ASCII error characters.
    pub fn negative(addr: u8, cm: u8, pm: u8, code: [u8; 2]) -> Frame {
        Frame {
            addr,
            head: HEAD_NEG,
            cm,
            pm,
            data: code.to_vec(),
        }
    }

    /// `F2 ADDR LENH LENL head CM PM DATA 03 BCC`; [`FrameTooLong`] when LEN (head through
    /// DATA) is over [`MAX_LEN`] (M591 §1.2: TEXT at most 1024 bytes).
    pub fn encode(&self) -> Result<Vec<u8>, FrameTooLong> {
        let len = self.data.len() + 3;
        let [hi, lo] = super::creator::len_bytes(len, &SHAPE)?;
        let mut out = Vec::with_capacity(len + 6);
        out.extend_from_slice(&[STX, self.addr, hi, lo]);
        out.extend_from_slice(&[self.head, self.cm, self.pm]);
        out.extend_from_slice(&self.data);
        out.push(ETX);
        out.push(bcc(&out));
        Ok(out)
    }

    /// Whether this is a negative reply (head `N`, or the `45` the manual prints).
    pub fn is_negative(&self) -> bool {
        matches!(self.head, HEAD_NEG | HEAD_NEG_PRINTED)
    }

    /// st0 st1 st2 of a positive reply.
    pub fn status(&self) -> Option<[u8; 3]> {
        match self.reply() {
            Reply::Positive(st, _) => Some(st),
            _ => None,
        }
    }

    /// The DATA after st0 st1 st2 (positive) or e1 e0 (negative), all of it under any other
    /// head (see [`Reply::payload`]).
    pub fn payload(&self) -> &[u8] {
        self.reply().payload()
    }

    /// e1 e0 of a negative reply, as their two ASCII characters (`"10"`).
    pub fn error_code(&self) -> Option<String> {
        match self.reply() {
            Reply::Negative(code, _) => Some(String::from_utf8_lossy(&code).to_string()),
            _ => None,
        }
    }

    /// What follows CM PM, read by [`reply_data`].
    pub fn reply(&self) -> Reply<'_> {
        reply_data(self.head, &self.data)
    }
}

/// What follows CM PM in a frame, by its head (M591 §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply<'a> {
    /// `P`: st0 st1 st2 and DATA.
    Positive([u8; 3], &'a [u8]),
    /// `N` (or `45`): e1 e0 and DATA.
    Negative([u8; 2], &'a [u8]),
    /// A command (head `C`), or a head the manual does not list: DATA as it stands.
    Plain(&'a [u8]),
    /// A reply too short for its status or error bytes: the bytes there are.
    Short(&'a [u8]),
}

impl<'a> Reply<'a> {
    /// DATA: after the status or error bytes, all of a plain frame's, none of a short reply's.
    pub fn payload(self) -> &'a [u8] {
        match self {
            Reply::Positive(_, p) | Reply::Negative(_, p) | Reply::Plain(p) => p,
            Reply::Short(_) => &[],
        }
    }
}

/// The bytes after CM PM of a frame with `head`: a positive reply's status bytes, a negative
/// reply's error code, each followed by DATA; a command's DATA.
pub fn reply_data(head: u8, data: &[u8]) -> Reply<'_> {
    let parsed: Res<'_, Reply<'_>> = match head {
        HEAD_POS => (take_array::<3>, rest)
            .map(|(st, d)| Reply::Positive(st, d))
            .parse(data),
        HEAD_NEG | HEAD_NEG_PRINTED => (take_array::<2>, rest)
            .map(|(e, d)| Reply::Negative(e, d))
            .parse(data),
        _ => Ok((&data[data.len()..], Reply::Plain(data))),
    };
    parsed.map_or(Reply::Short(data), |(_, r)| r)
}

/// `N` bytes as an array.
fn take_array<const N: usize>(i: &[u8]) -> Res<'_, [u8; N]> {
    take(N)
        .map_opt(|b: &[u8]| b.try_into().ok())
        .parse_complete(i)
}

/// The CRT-591 parsers' result: a failure carries nothing (each caller has its own fallback).
type Res<'a, T> = nom::IResult<&'a [u8], T, ()>;

impl CreatorFrame for Frame {
    const SHAPE: Shape = SHAPE;

    fn from_parts(parts: &FrameParts<'_>) -> Option<Frame> {
        let (_, addr) = all_consuming(be_u8::<_, ()>)
            .parse_complete(parts.addr)
            .ok()?;
        let (_, (head, cm, pm, data)) = text(parts.text).ok()?;
        Some(Frame {
            addr,
            head,
            cm,
            pm,
            data: data.to_vec(),
        })
    }
}

/// The TEXT of a frame, `head CM PM DATA`, borrowed (the frame log reads it too, to mask DATA
/// in place).
pub(crate) fn text(i: &[u8]) -> Res<'_, (u8, u8, u8, &[u8])> {
    (be_u8, be_u8, be_u8, rest).parse_complete(i)
}

/// What the framer found in the byte stream (ACK, NAK or EOT are the controls).
pub type FrameEvent = super::creator::FrameEvent<Frame>;

/// Sans-IO framer for CRT-591 frames (see [`super::creator::Framer`]).
pub type Framer = super::creator::Framer<Frame>;

/// st0 (M591 §2.1.2): no card in the unit / a card in the gate / a card at the RF/IC position.
pub const ST0_NONE: u8 = b'0';
pub const ST0_GATE: u8 = b'1';
pub const ST0_IC: u8 = b'2';

/// Error codes e1 e0 the bench uses (M591 §2.2; `63`/`64` from §3.2.4).
pub const E_UNDEFINED: [u8; 2] = *b"00";
pub const E_PARAMETER: [u8; 2] = *b"01";
pub const E_SEQUENCE: [u8; 2] = *b"02";
pub const E_JAM: [u8; 2] = *b"10";
pub const E_LONG: [u8; 2] = *b"13";
pub const E_SHORT: [u8; 2] = *b"14";
pub const E_ACTIVATION: [u8; 2] = *b"61";
pub const E_NO_REPLY: [u8; 2] = *b"63";
pub const E_NOT_ACTIVATED: [u8; 2] = *b"65";
pub const E_NOT_RESET: [u8; 2] = *b"B0";

/// Meaning of an error code e1 e0 in English (M591 §2.2); unknown codes are kept verbatim by
/// callers.
pub fn error_text(code: &str) -> &'static str {
    error_text_in(code, Lang::En)
}

/// Meaning of an error code e1 e0 in `lang` (catalogue `devices-crt591-error-*`).
pub fn error_text_in(code: &str, lang: Lang) -> &'static str {
    let id = match code {
        "00" => "devices-crt591-error-00",
        "01" => "devices-crt591-error-01",
        "02" => "devices-crt591-error-02",
        "03" => "devices-crt591-error-03",
        "04" => "devices-crt591-error-04",
        "05" => "devices-crt591-error-05",
        "10" => "devices-crt591-error-10",
        "12" => "devices-crt591-error-12",
        "13" => "devices-crt591-error-13",
        "14" => "devices-crt591-error-14",
        "45" => "devices-crt591-error-45",
        "51" => "devices-crt591-error-51",
        "60" => "devices-crt591-error-60",
        "61" => "devices-crt591-error-61",
        "62" => "devices-crt591-error-62",
        "63" => "devices-crt591-error-63",
        "64" => "devices-crt591-error-64",
        "65" => "devices-crt591-error-65",
        "66" => "devices-crt591-error-66",
        "67" => "devices-crt591-error-67",
        "68" => "devices-crt591-error-68",
        "69" => "devices-crt591-error-69",
        "A0" => "devices-crt591-error-a0",
        "A1" => "devices-crt591-error-a1",
        "B0" => "devices-crt591-error-b0",
        _ => "devices-crt591-error-unknown",
    };
    tr_static(lang, id)
}

/// Name of a command for the frame log, in English (M591 §2.1.1).
pub fn command_name(cm: u8, pm: u8) -> &'static str {
    command_name_in(cm, pm, Lang::En)
}

/// Name of a command in `lang` (catalogue `devices-crt591-cmd-*`).
pub fn command_name_in(cm: u8, pm: u8, lang: Lang) -> &'static str {
    let id = match (cm, pm) {
        (0x30, _) => "devices-crt591-cmd-init",
        (0x31, 0x30) => "devices-crt591-cmd-status",
        (0x31, 0x31) => "devices-crt591-cmd-sensor-status",
        (0x32, _) => "devices-crt591-cmd-move-card",
        (0x33, 0x30) => "devices-crt591-cmd-entry-enable",
        (0x33, 0x31) => "devices-crt591-cmd-entry-disable",
        (0x36, 0x37) => "devices-crt591-cmd-read-tracks",
        (0x51, 0x30) => "devices-crt591-cmd-cpu-cold-reset",
        (0x51, 0x31) => "devices-crt591-cmd-cpu-power-off",
        (0x51, 0x32) => "devices-crt591-cmd-cpu-status",
        (0x51, 0x33) => "devices-crt591-cmd-apdu-t0",
        (0x51, 0x34) => "devices-crt591-cmd-apdu-t1",
        (0x51, 0x38) => "devices-crt591-cmd-cpu-warm-reset",
        (0x51, 0x39) => "devices-crt591-cmd-apdu-auto",
        (0xA2, 0x30) => "devices-crt591-cmd-read-serial",
        (0xA4, 0x30) => "devices-crt591-cmd-read-version",
        _ => "devices-crt591-cmd-unknown",
    };
    tr_static(lang, id)
}

/// Separator between the tracks of the R02's `36 37` track buffer.
pub const TRACK_BUFFER_SEP: u8 = b'~';

/// The `36 37` track buffer (CRT-591-R02, reverse-engineered, not in M001): tracks 1, 2, 3
/// separated by `~`. The bench's reading (UNCONFIRMED on hardware): a track that failed
/// carries its error as two characters `E1`..`E5` (the CRT-310's codes), an empty slot is a
/// blank track.
pub fn parse_track_buffer(buf: &[u8]) -> SwipeRead {
    let mut read = SwipeRead {
        reader_status: "P".into(),
        ..SwipeRead::default()
    };
    for (i, slot) in track_slots(buf).into_iter().enumerate() {
        let track = i as u8 + 1;
        let (status, fields) = match slot {
            Slot::Blank => (TrackStatus::Blank, None),
            Slot::Error(code) => (track_error_status(code), None),
            Slot::Text(text) => {
                let d = decode_track_text(track, &String::from_utf8_lossy(text));
                if d.track2.is_some() {
                    read.track2 = d.track2;
                }
                (d.status, d.fields)
            }
        };
        read.tracks.push(TrackRead {
            track,
            status,
            fields,
        });
    }
    read
}

/// One slot of the track buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot<'a> {
    /// Nothing between the separators.
    Blank,
    /// `E` and one digit: the track's error code (`E1`..`E5`).
    Error(&'a [u8]),
    /// The track's characters.
    Text(&'a [u8]),
}

/// The first three `~`-separated slots of a track buffer (the first always, even empty).
fn track_slots(buf: &[u8]) -> Vec<Slot<'_>> {
    let slot = || take_till::<_, _, ()>(|b| b == TRACK_BUFFER_SEP).map(classify);
    let Ok((rest, first)) = slot().parse_complete(buf) else {
        return Vec::new();
    };
    let more = preceded(tag(&[TRACK_BUFFER_SEP][..]), slot());
    std::iter::once(first)
        .chain(iterator(rest, more).take(2).collect::<Vec<_>>())
        .collect()
}

/// What a slot holds: nothing, an error code `E<digit>` and nothing more, or text.
fn classify(slot: &[u8]) -> Slot<'_> {
    let code = recognize((tag::<_, _, ()>(&b"E"[..]), satisfy(|c| c.is_ascii_digit())));
    match all_consuming(code).parse_complete(slot) {
        _ if slot.is_empty() => Slot::Blank,
        Ok((_, code)) => Slot::Error(code),
        Err(_) => Slot::Text(slot),
    }
}

/// The track buffer for three track results (the simulator's side of [`parse_track_buffer`]):
/// `Ok(text)` or `Err(code)` with the CRT-310 code byte `E1`..`E5`.
pub fn encode_track_buffer(tracks: &[Result<String, u8>]) -> Vec<u8> {
    let slots: Vec<Vec<u8>> = tracks
        .iter()
        .map(|t| match t {
            Ok(text) => text.as_bytes().to_vec(),
            Err(0xE5) => Vec::new(),
            Err(code) => format!("E{}", code & 0x0F).into_bytes(),
        })
        .collect();
    slots.join(&TRACK_BUFFER_SEP)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    /// M591 §3.1.1 and §3.1.2 vectors (the status command was checked on a real R02 unit).
    #[test]
    fn manual_vectors_encode_3_1() {
        let init = Frame::command(0, 0x30, 0x33, vec![]).encode().unwrap();
        assert_eq!(init, parse_hex("F2 00 00 03 43 30 33 03 B2").unwrap());
        let st = Frame::command(0, 0x31, 0x30, vec![]).encode().unwrap();
        assert_eq!(st, parse_hex("F2 00 00 03 43 31 30 03 B0").unwrap());
        let rep = Frame::positive(0, 0x31, 0x30, *b"020", &[])
            .encode()
            .unwrap();
        assert_eq!(
            rep,
            parse_hex("F2 00 00 06 50 31 30 30 32 30 03 94").unwrap()
        );
        let neg = Frame::negative(0, 0x31, 0x30, E_NOT_RESET)
            .encode()
            .unwrap();
        assert_eq!(neg, parse_hex("F2 00 00 05 4E 31 30 42 30 03 C9").unwrap());
        let cold = Frame::command(0, 0x51, 0x30, vec![0x30]).encode().unwrap();
        assert_eq!(cold, parse_hex("F2 00 00 04 43 51 30 30 03 E7").unwrap());
        let at1 = Frame::command(1, 0x31, 0x30, vec![]).encode().unwrap();
        assert_eq!(at1, parse_hex("F2 01 00 03 43 31 30 03 B1").unwrap());
    }

    #[test]
    fn track_buffer_round_trip() {
        let t2 = ";6212260000000000026=28122200000123456?".to_string();
        let buf = encode_track_buffer(&[Err(0xE5), Ok(t2), Err(0xE4)]);
        assert!(buf.starts_with(b"~;6212"));
        let r = parse_track_buffer(&buf);
        assert_eq!(r.tracks[0].status, TrackStatus::Blank);
        assert_eq!(r.tracks[1].status, TrackStatus::Ok);
        assert_eq!(r.tracks[2].status, TrackStatus::Lrc);
        assert!(r.track2.is_some());
    }

    #[test]
    fn framer_reads_both_negative_heads_and_resyncs() {
        let mut f = Framer::new();
        f.push(&[0x55, ACK]);
        f.push(&parse_hex("F2 00 00 05 45 51 30 36 31 03 D7").unwrap());
        f.push(&parse_hex("F2 00 00 0B 50 51 30 32 30 30 30 3B 60 00 00 03 92").unwrap());
        assert!(matches!(f.next_event(), Some(FrameEvent::Garbage(_))));
        assert_eq!(f.next_event(), Some(FrameEvent::Control(ACK)));
        let Some(FrameEvent::Frame(neg, _)) = f.next_event() else {
            panic!()
        };
        assert!(neg.is_negative());
        assert_eq!(neg.error_code().as_deref(), Some("61"));
        let Some(FrameEvent::Frame(pos, _)) = f.next_event() else {
            panic!()
        };
        assert_eq!(pos.status(), Some(*b"200"));
        assert_eq!(pos.payload(), [0x30, 0x3B, 0x60, 0x00, 0x00]);
        let mut bad = Frame::command(0, 0x31, 0x30, vec![]).encode().unwrap();
        bad[8] ^= 1;
        f.push(&bad);
        assert!(matches!(f.next_event(), Some(FrameEvent::BadBcc(_))));
    }

    /// The parts of a frame come from the framer's nom parser of its shape: the same value
    /// whether the framer cut it or a frame log read it, and the reply bytes by head.
    #[test]
    fn frame_parts_and_reply_by_head() {
        use crate::codec::creator::frame_parts;
        let raw = parse_hex("F2 01 00 0B 50 51 30 32 30 30 30 3B 60 00 00 03 93").unwrap();
        let parts = frame_parts::<Frame>(&raw).unwrap();
        assert_eq!((parts.addr, parts.bcc_ok), (&[0x01][..], true));
        let f = Frame::from_parts(&parts).unwrap();
        assert_eq!((f.addr, f.head, f.cm, f.pm), (1, HEAD_POS, 0x51, 0x30));
        assert_eq!(
            f.reply(),
            Reply::Positive(*b"200", &[0x30, 0x3B, 0x60, 0, 0])
        );
        // One byte short of LEN, or a byte past BCC: not one frame.
        assert_eq!(frame_parts::<Frame>(&raw[..raw.len() - 1]), None);
        assert_eq!(frame_parts::<Frame>(&[&raw[..], &[0x00]].concat()), None);
        assert_eq!(reply_data(HEAD_NEG, b"6"), Reply::Short(b"6"));
        assert_eq!(
            reply_data(HEAD_NEG_PRINTED, b"61x"),
            Reply::Negative(*b"61", b"x")
        );
        // A command's DATA is its payload: no status bytes to skip.
        let cmd = Frame::command(0, 0x51, 0x39, vec![0x00, 0xA4, 0x04, 0x00]);
        assert_eq!(cmd.payload(), [0x00, 0xA4, 0x04, 0x00]);
        assert_eq!((cmd.status(), cmd.error_code()), (None, None));
    }

    /// TEXT is at most `MAX_LEN` (M591 §1.2): a longer frame is a typed error, never a LEN
    /// cut to its low 16 bits.
    #[test]
    fn encode_refuses_a_frame_over_the_limit() {
        let at_limit = Frame::command(0, 0x51, 0x37, vec![0x00; MAX_LEN - 3]);
        let raw = at_limit.encode().unwrap();
        assert_eq!(&raw[2..4], &[0x04, 0x00]);
        for n in [MAX_LEN - 2, 65_533, 70_000] {
            assert_eq!(
                Frame::command(0, 0x51, 0x37, vec![0x00; n]).encode(),
                Err(FrameTooLong {
                    len: n + 3,
                    max: MAX_LEN
                })
            );
        }
    }
}
