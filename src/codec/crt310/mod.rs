//! Creator CRT-310 V3.0 wire format ("STX 02" family, protocols.md §3.1), sans-IO and shared by
//! the driver (`device::crt310`) and the simulator (`sim::crt310`): control bytes, the frame
//! `STX LENH LENL CM PM DATA ETX BCC` and its framer, status bytes P, command and error names,
//! and the reply parsers (track blocks with E1–E5, reader status, `P LEN DATA` bodies).

mod binary;
mod tracks;

use super::creator::{CreatorFrame, FrameParts, Shape};
use crate::i18n::{tr_static, Lang};
use nom::branch::alt;
use nom::bytes::complete::take;
use nom::combinator::{all_consuming, opt, rest as rest_bytes, verify};
use nom::multi::length_data;
use nom::number::complete::{be_u16, be_u8};
use nom::Parser;

pub const STX: u8 = 0x02;
pub const EOT: u8 = 0x04;
pub const ENQ: u8 = 0x05;

/// Largest LEN (CM through DATA) accepted: a T=0 command with a 262-byte APDU plus CM PM and
/// its two length bytes is 266; anything bigger is garbage that happened to start with STX.
pub const MAX_LEN: usize = 270;

/// Per-command status byte `P` values.
pub const P_OK: u8 = 0x59;
pub const P_FAIL: u8 = 0x4E;
pub const P_NO_CARD: u8 = 0x45;
pub const P_WRONG_POS: u8 = 0x57;
pub const P_T1: u8 = 0x5A;

/// Abnormal-response codes E (manual §7.2.2, p.5). V3.0 has no E=`03` and no "busy" or
/// "jam" code: a long or short card is a status S1 value (§8.3.1), the command-level error
/// for it is [`E_ABNORMAL_CARD`].
pub const E_UNDEFINED_CM: u8 = 0x00;
pub const E_BAD_PM: u8 = 0x01;
pub const E_CANNOT_EXECUTE: u8 = 0x02;
pub const E_BAD_DATA: u8 = 0x04;
pub const E_VOLTAGE: u8 = 0x05;
pub const E_ABNORMAL_CARD: u8 = 0x06;
pub const E_MAIN_POWER: u8 = 0x07;

/// Reader status S1 (`31 30`, manual §8.3.1 p.9): where the card is.
pub const S1_LONG_CARD: u8 = 0x46;
pub const S1_SHORT_CARD: u8 = 0x47;
pub const S1_FRONT: u8 = 0x48;
pub const S1_FRONT_HELD: u8 = 0x49;
pub const S1_INSIDE: u8 = 0x4A;
pub const S1_IC_LANDED: u8 = 0x4B;
pub const S1_REAR_HELD: u8 = 0x4C;
pub const S1_REAR: u8 = 0x4D;
pub const S1_NO_CARD: u8 = 0x4E;

/// Move card `32 Pm` (manual §8.5 p.11) and stop position `2E Pm` (§8.2.2 p.8) targets.
pub const MOVE_INSIDE_RF: u8 = 0x2E;
/// Inside, IC contacts landed on the card: the only way (with stop position `2E 33`) to get
/// the contacts down before IC power-on (§8.5, §8.6.1).
pub const MOVE_IC: u8 = 0x2F;
pub const MOVE_FRONT: u8 = 0x30;
pub const MOVE_FRONT_HELD: u8 = 0x31;
/// Stop position `2E 33`: the card stops inside with the IC contacts landed (§8.2.2).
pub const STOP_IC: u8 = 0x33;

/// Baud-change parameters `34 30..35` (manual §8.8 p.13): the V3.0 rates, 1200 to 38400.
pub const BAUD_CODES: [(u8, u32); 6] = [
    (0x30, 1200),
    (0x31, 2400),
    (0x32, 4800),
    (0x33, 9600),
    (0x34, 19200),
    (0x35, 38400),
];

/// The `34 Pm` parameter for a line speed the CRT-310 supports (`None` above 38400).
pub fn baud_code(baud: u32) -> Option<u8> {
    BAUD_CODES.iter().find(|(_, b)| *b == baud).map(|(c, _)| *c)
}

/// The line speed of a `34 Pm` parameter.
pub fn code_baud(code: u8) -> Option<u32> {
    BAUD_CODES.iter().find(|(c, _)| *c == code).map(|(_, b)| *b)
}

pub use binary::{decode_binary_track, encode_binary_track, raw_code, MODE_ASCII, MODE_BINARY};
pub use tracks::{
    good_track_data, parse_track_reply, read_command, reply_blocks, selector_tracks,
    track_error_status, TrackBlock,
};

/// Separator in front of each track block of a `45 3x` reply.
pub const TRACK_SEP: u8 = 0x1F;

pub use super::creator::{bcc, FrameTooLong, ACK, ETX, NAK};

/// One frame: command (or echoed command / `'N'`), parameter, data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub cm: u8,
    pub pm: u8,
    pub data: Vec<u8>,
}

impl Frame {
    pub fn new(cm: u8, pm: u8, data: impl Into<Vec<u8>>) -> Frame {
        Frame {
            cm,
            pm,
            data: data.into(),
        }
    }

    /// `STX LENH LENL CM PM DATA ETX BCC`; [`FrameTooLong`] when LEN (CM through DATA) is
    /// over [`MAX_LEN`], which no reader's framer takes (manual §4).
    pub fn encode(&self) -> Result<Vec<u8>, FrameTooLong> {
        let len = self.data.len() + 2;
        let [hi, lo] = super::creator::len_bytes(len, &SHAPE)?;
        let mut out = Vec::with_capacity(len + 5);
        out.push(STX);
        out.push(hi);
        out.push(lo);
        out.push(self.cm);
        out.push(self.pm);
        out.extend_from_slice(&self.data);
        out.push(ETX);
        out.push(bcc(&out));
        Ok(out)
    }

    /// Whether [`Frame::encode`] takes this frame (LEN within [`MAX_LEN`]).
    pub fn fits(&self) -> bool {
        self.data.len() + 2 <= MAX_LEN
    }

    /// An abnormal response `02 00 03 4E <CM> <E> 03 BCC`: (command, error code).
    pub fn as_error(&self) -> Option<(u8, u8)> {
        match (self.cm, &self.data[..]) {
            (b'N', &[e]) => Some((self.pm, e)),
            _ => None,
        }
    }
}

impl CreatorFrame for Frame {
    const SHAPE: Shape = SHAPE;

    fn from_parts(parts: &FrameParts<'_>) -> Option<Frame> {
        let (_, (cm, pm, data)) = text(parts.text).ok()?;
        Some(Frame::new(cm, pm, data))
    }
}

/// The TEXT of a frame, `CM PM DATA`, borrowed (the frame log reads it too, to mask DATA in
/// place).
pub(crate) fn text(i: &[u8]) -> Res<'_, (u8, u8, &[u8])> {
    (be_u8, be_u8, rest_bytes).parse_complete(i)
}

/// What the framer found in the byte stream (ACK, NAK, ENQ or EOT are the controls).
pub type FrameEvent = super::creator::FrameEvent<Frame>;

/// The CRT-310's frame shape for the shared framer.
const SHAPE: Shape = Shape {
    stx: STX,
    len_at: 1,
    min_len: 2,
    max_len: MAX_LEN,
    controls: &[ACK, NAK, ENQ, EOT],
};

/// Sans-IO framer: push bytes, take events (see [`super::creator::Framer`]).
pub type Framer = super::creator::Framer<Frame>;

/// Whether `b` is one of the four control bytes (ACK, NAK, ENQ, EOT).
pub fn is_control(b: u8) -> bool {
    SHAPE.controls.contains(&b)
}

/// The name of a control byte (`ACK`, `NAK`, `ENQ`, `EOT`), `byte` for anything else.
pub fn control_name(b: u8) -> &'static str {
    match b {
        ACK => "ACK",
        NAK => "NAK",
        ENQ => "ENQ",
        EOT => "EOT",
        _ => "byte",
    }
}

/// Name of a command for the frame log, in English (see [`command_name_in`]).
pub fn command_name(cm: u8, pm: u8) -> &'static str {
    command_name_in(cm, pm, Lang::En)
}

/// Name of a command for the frame log in `lang` (catalogue `devices-crt310-cmd-*`; CRT-310
/// manual §4 command list).
pub fn command_name_in(cm: u8, pm: u8, lang: Lang) -> &'static str {
    let id = match (cm, pm) {
        (0x30, 0x30) => "devices-crt310-cmd-reset",
        (0x30, 0x31) => "devices-crt310-cmd-reset-eject-front",
        (0x30, 0x32) => "devices-crt310-cmd-reset-eject-rear",
        (0x30, 0x3A) => "devices-crt310-cmd-read-serial",
        (0x30, 0x3B) => "devices-crt310-cmd-write-serial",
        (0x2F, _) => "devices-crt310-cmd-card-entry-control",
        (0x2E, _) => "devices-crt310-cmd-stop-position",
        (0x46, 0x30) => "devices-crt310-cmd-led-on",
        (0x46, 0x31) => "devices-crt310-cmd-led-off",
        (0x49, _) => "devices-crt310-cmd-led-twinkle",
        (0x4A, 0x31) => "devices-crt310-cmd-sim-power-off",
        (0x31, 0x30) => "devices-crt310-cmd-reader-status",
        (0x31, 0x2F) | (0x31, 0x2E) => "devices-crt310-cmd-sensor-status",
        (0x31, 0x31) => "devices-crt310-cmd-detect-ic",
        (0x32, _) => "devices-crt310-cmd-move-card",
        (0x33, 0x30) => "devices-crt310-cmd-ic-power-on",
        (0x33, 0x31) => "devices-crt310-cmd-ic-power-off",
        (0x37, 0x30) => "devices-crt310-cmd-cpu-cold-reset",
        (0x37, 0x2F) => "devices-crt310-cmd-cpu-warm-reset",
        (0x37, 0x31) => "devices-crt310-cmd-apdu-t0",
        (0x37, 0x32) => "devices-crt310-cmd-apdu-t1",
        (0x45, 0x30) => "devices-crt310-cmd-read-tracks",
        (0x45, 0x31) => "devices-crt310-cmd-reread-tracks",
        (0x34, _) => "devices-crt310-cmd-set-baud",
        _ => "devices-crt310-cmd-unknown",
    };
    tr_static(lang, id)
}

/// Meaning of an abnormal-response code E, in English (see [`error_text_in`]).
pub fn error_text(code: u8) -> &'static str {
    error_text_in(code, Lang::En)
}

/// Meaning of an abnormal-response code E in `lang` (catalogue `devices-crt310-error-*`).
pub fn error_text_in(code: u8, lang: Lang) -> &'static str {
    let id = match code {
        0x00 => "devices-crt310-error-undefined-cm",
        0x01 => "devices-crt310-error-bad-pm",
        0x02 => "devices-crt310-error-cannot-execute",
        0x04 => "devices-crt310-error-bad-data",
        0x05 => "devices-crt310-error-voltage",
        0x06 => "devices-crt310-error-abnormal-card",
        0x07 => "devices-crt310-error-power-lost",
        _ => "devices-crt310-error-unknown",
    };
    tr_static(lang, id)
}

/// A status byte P as the manual writes it: its letter when printable (`Y`, `N`, `E`), else
/// hex. Unknown values are kept verbatim this way.
pub fn p_char(p: u8) -> String {
    if p.is_ascii_graphic() {
        (p as char).to_string()
    } else {
        format!("{p:02X}")
    }
}

/// `P LENH LENL DATA`: the body of a CPU reset reply (DATA = ATR) and of an APDU reply
/// (DATA = R-APDU).
pub fn p_len_data(p: u8, data: &[u8]) -> Vec<u8> {
    let mut d = Vec::with_capacity(data.len() + 3);
    d.push(p);
    d.extend_from_slice(&len16(data.len()));
    d.extend_from_slice(data);
    d
}

/// Splits a `P LENH LENL DATA` body into P (`P_FAIL` when absent) and at most LEN data bytes
/// (no data without both length bytes).
pub fn split_p_len_data(body: &[u8]) -> (u8, Vec<u8>) {
    let (p, data) = p_len_data_parts(body).map_or((None, &[][..]), |(_, v)| v);
    (p.unwrap_or(P_FAIL), data.to_vec())
}

/// `P LENH LENL DATA`, each part optional: P, and at most LEN of the bytes after LEN.
fn p_len_data_parts(i: &[u8]) -> Res<'_, (Option<u8>, &[u8])> {
    let (i, p) = opt(be_u8).parse_complete(i)?;
    let (i, len) = opt(be_u16).parse_complete(i)?;
    let (i, data) = match len {
        Some(n) => alt((take(n), rest_bytes)).parse_complete(i)?,
        None => (i, &i[..0]),
    };
    Ok((i, (p, data)))
}

/// The C-APDU in the DATA of an APDU command (`37 31`, `37 32`): `LENH LENL C-APDU`, LEN
/// the APDU's length and at least a header (CLA INS P1 P2); `None` for anything else.
pub fn apdu_command(data: &[u8]) -> Option<&[u8]> {
    let apdu = verify(length_data(be_u16::<_, ()>), |a: &[u8]| a.len() >= 4);
    let parsed: Res<'_, &[u8]> = all_consuming(apdu).parse_complete(data);
    parsed.ok().map(|(_, a)| a)
}

/// The DATA of an LED-twinkle command (`49 Pm1 Pm2`, docs/devices.md): Pm2, the off time, its
/// only byte; `None` for DATA of any other length.
pub fn twinkle_off_time(data: &[u8]) -> Option<u8> {
    let parsed: Res<'_, u8> = all_consuming(be_u8).parse_complete(data);
    parsed.ok().map(|(_, off)| off)
}

/// The CRT-310 reply parsers' result: the whole reply is there (complete), and a failure
/// carries nothing (each caller has its own fallback).
type Res<'a, T> = nom::IResult<&'a [u8], T, ()>;

/// A length as the two big-endian bytes the frame and APDU commands carry.
pub fn len16(n: usize) -> [u8; 2] {
    [(n >> 8) as u8, n as u8]
}

/// Reader status from `31 30`: S1 S2 S3.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderStatus {
    /// S1 S2 S3 verbatim.
    pub raw: Vec<u8>,
}

impl ReaderStatus {
    pub fn card_present(&self) -> bool {
        !matches!(self.raw.first(), Some(0x4E) | None)
    }

    pub fn position(&self) -> &'static str {
        match self.raw.first() {
            Some(0x46) => "long card inside",
            Some(0x47) => "short card inside",
            Some(0x48) => "card at front, not held",
            Some(0x49) => "card at front, held",
            Some(0x4A) => "card inside",
            Some(0x4B) => "card inside, IC contacts engaged",
            Some(0x4C) => "card at rear, held",
            Some(0x4D) => "card at rear, not held",
            Some(0x4E) => "no card",
            _ => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::TrackStatus;

    #[test]
    fn example_frames_encode() {
        assert_eq!(
            Frame::new(0x31, 0x30, vec![]).encode().unwrap(),
            [0x02, 0x00, 0x02, 0x31, 0x30, 0x03, 0x02]
        );
        assert_eq!(
            Frame::new(0x45, 0x30, vec![0x30, 0x37]).encode().unwrap(),
            [0x02, 0x00, 0x04, 0x45, 0x30, 0x30, 0x37, 0x03, 0x77]
        );
    }

    #[test]
    fn framer_resyncs_and_checks_bcc() {
        let mut f = Framer::new();
        f.push(&[0xAA, 0x02, 0x7F, 0x7F, 0x06]);
        f.push(&Frame::new(0x31, 0x30, vec![0x4E]).encode().unwrap());
        let mut evs = Vec::new();
        while let Some(e) = f.next_event() {
            evs.push(e);
        }
        assert_eq!(evs[0], FrameEvent::Garbage(vec![0xAA]));
        assert!(matches!(evs.last(), Some(FrameEvent::Frame(fr, _)) if fr.cm == 0x31));
        assert!(evs.contains(&FrameEvent::Control(ACK)));
        let mut bad = Frame::new(0x31, 0x30, vec![]).encode().unwrap();
        bad[6] ^= 1;
        f.push(&bad);
        assert!(matches!(f.next_event(), Some(FrameEvent::BadBcc(_))));
        // Split across pushes.
        let good = Frame::new(0x37, 0x30, vec![]).encode().unwrap();
        for b in &good[..good.len() - 1] {
            f.push(&[*b]);
            assert_eq!(f.next_event(), None);
        }
        f.push(&good[good.len() - 1..]);
        assert!(matches!(f.next_event(), Some(FrameEvent::Frame(_, _))));
    }

    /// Manual §9.10.1 p.40: binary mode uploads each raw code as two ASCII hex digits.
    #[test]
    fn binary_mode_is_raw_codes_9_10_1() {
        assert_eq!(encode_binary_track(2, ";0="), b"0B000D");
        assert_eq!(encode_binary_track(1, "%B"), b"0522");
        assert_eq!(decode_binary_track(2, b"0B000D").unwrap(), ";0=");
        // Fuzz crash (CI smoke): a raw code past the track's width overflowed `base + c`.
        assert_eq!(decode_binary_track(2, b"FF"), None);
        assert_eq!(decode_binary_track(1, b"40"), None);
        assert_eq!(decode_binary_track(1, b"3F").as_deref(), Some("_"));
        let mut data = vec![MODE_BINARY, 0x32, 0x1F, 0x59];
        data.extend_from_slice(&encode_binary_track(
            2,
            ";6212260000000000026=28122200000123456?",
        ));
        let r = parse_track_reply(&data, 0x32).unwrap();
        assert_eq!(r.tracks[0].status, TrackStatus::Ok);
    }

    /// `37 31` / `37 32` DATA is `LENH LENL C-APDU`, LEN exact and at least a header.
    #[test]
    fn apdu_command_data() {
        let apdu = [0x00, 0xB2, 0x01, 0x0C, 0x00];
        assert_eq!(
            apdu_command(&[&[0x00, 0x05][..], &apdu].concat()),
            Some(&apdu[..])
        );
        assert_eq!(
            apdu_command(&[0x00, 0x06, 0x00, 0xB2, 0x01, 0x0C, 0x00]),
            None
        );
        assert_eq!(apdu_command(&[0x00, 0x03, 0x00, 0xB2, 0x01]), None);
        assert_eq!(apdu_command(&[0x00]), None);
    }

    /// `49` DATA is exactly the off-time byte, as the simulator's length check read it.
    #[test]
    fn twinkle_data() {
        assert_eq!(twinkle_off_time(&[0x05]), Some(0x05));
        assert_eq!(twinkle_off_time(&[]), None);
        assert_eq!(twinkle_off_time(&[0x05, 0x06]), None);
        let e = Frame::new(b'N', 0x49, vec![E_BAD_PM]);
        assert_eq!(e.as_error(), Some((0x49, E_BAD_PM)));
        assert_eq!(Frame::new(b'N', 0x49, vec![]).as_error(), None);
        assert_eq!(Frame::new(b'N', 0x49, vec![1, 2]).as_error(), None);
        assert_eq!(Frame::new(0x49, 0x30, vec![1]).as_error(), None);
    }

    /// Manual §8.8 p.13: `34 30..35` = 1200..38400; nothing above.
    #[test]
    fn baud_codes_8_8() {
        assert_eq!(baud_code(38400), Some(0x35));
        assert_eq!(baud_code(115_200), None);
        assert_eq!(code_baud(0x33), Some(9600));
    }

    #[test]
    fn p_len_data_round_trip() {
        let body = p_len_data(P_T1, &[0x3B, 0x00]);
        assert_eq!(body, [P_T1, 0x00, 0x02, 0x3B, 0x00]);
        assert_eq!(split_p_len_data(&body), (P_T1, vec![0x3B, 0x00]));
        assert_eq!(split_p_len_data(&[]), (P_FAIL, vec![]));
    }

    /// LEN is two bytes and the framer takes at most `MAX_LEN`: a longer frame is a typed
    /// error, never a LEN cut to its low 16 bits (70 000 bytes once went out as LEN `11 72`).
    #[test]
    fn encode_refuses_a_frame_over_the_limit() {
        let at_limit = Frame::new(0x37, 0x31, vec![0x00; MAX_LEN - 2]);
        let raw = at_limit.encode().unwrap();
        assert_eq!(&raw[1..3], &[0x01, 0x0E]);
        let mut f = Framer::new();
        f.push(&raw);
        assert!(matches!(f.next_event(), Some(FrameEvent::Frame(g, _)) if g == at_limit));
        for n in [MAX_LEN - 1, 70_000] {
            assert_eq!(
                Frame::new(0x37, 0x31, vec![0x00; n]).encode(),
                Err(FrameTooLong {
                    len: n + 2,
                    max: MAX_LEN
                })
            );
        }
    }
}
