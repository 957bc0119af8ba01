//! MSR206 / MSR605 (protocols.md §2): the sans-IO ESC-block framer (replies and data blocks,
//! both directions) and the driver that implements [`Device`] over any [`Transport`].

use crate::device::{Capabilities, Device, DeviceError, Silent};
use crate::hexfmt::{ascii_view, hex_spaced};
use crate::link::Transport;
use crate::model::{CardFields, ChipPower, DeviceInfo, SwipeRead, TrackRead, TrackStatus};
use crate::trace::{now_stamp, Direction, FrameRecord, FrameSink};
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// Escape: every command and reply starts with it.
pub const ESC: u8 = 0x1B;
/// `?` FS: the ending field of a data block.
pub const END_FIELD: [u8; 2] = [0x3F, 0x1C];
/// Longest frame the framer accepts before it gives up and resyncs: a raw block carries at most
/// 3 × 255 data bytes plus framing.
pub const MAX_FRAME: usize = 1024;

/// Command bytes (the byte after ESC).
pub mod cmd {
    pub const RESET: u8 = 0x61; // 'a'
    pub const READ_ISO: u8 = 0x72; // 'r'
    pub const WRITE_ISO: u8 = 0x77; // 'w'
    pub const COMM_TEST: u8 = 0x65; // 'e'
    pub const COMM_OK: u8 = 0x79; // 'y' (reply)
    pub const LEDS_OFF: u8 = 0x81;
    pub const LEDS_ON: u8 = 0x82;
    pub const LED_GREEN: u8 = 0x83;
    pub const LED_YELLOW: u8 = 0x84;
    pub const LED_RED: u8 = 0x85;
    pub const SENSOR_TEST: u8 = 0x86;
    pub const RAM_TEST: u8 = 0x87;
    pub const SET_LEADING_ZEROS: u8 = 0x7A; // 'z'
    pub const CHECK_LEADING_ZEROS: u8 = 0x6C; // 'l'
    pub const ERASE: u8 = 0x63; // 'c'
    pub const SELECT_BPI: u8 = 0x62; // 'b'
    pub const READ_RAW: u8 = 0x6D; // 'm'
    pub const WRITE_RAW: u8 = 0x6E; // 'n'
    pub const MODEL: u8 = 0x74; // 't'
    pub const FIRMWARE: u8 = 0x76; // 'v'
    pub const SET_BPC: u8 = 0x6F; // 'o'
    pub const SET_HICO: u8 = 0x78; // 'x'
    pub const SET_LOCO: u8 = 0x79; // 'y'
    pub const GET_COERCIVITY: u8 = 0x64; // 'd'
    /// Start field of a data block (`ESC s`).
    pub const BLOCK_START: u8 = 0x73;
}

/// Status bytes (after ESC), protocols.md §2.3.
pub mod status {
    pub const OK: u8 = 0x30;
    pub const RW_ERROR: u8 = 0x31;
    pub const FORMAT_ERROR: u8 = 0x32;
    pub const INVALID_COMMAND: u8 = 0x34;
    pub const CARD_MOVING: u8 = 0x39;
    pub const FAILURE: u8 = 0x41;
}

/// What a status byte means; unknown values are errors and are kept verbatim by callers.
pub fn status_text(b: u8) -> &'static str {
    match b {
        status::OK => "OK",
        status::RW_ERROR => "read/write error",
        status::FORMAT_ERROR => "command format error",
        status::INVALID_COMMAND => "invalid command",
        status::CARD_MOVING => "card moving error",
        status::FAILURE => "general failure",
        _ => "error (undocumented status)",
    }
}

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

enum Step {
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

fn parse_block(s: &[u8], raw: bool) -> Step {
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

/// Describes a command the host sends, for the frame log.
pub fn command_name(bytes: &[u8]) -> String {
    let Some(&c) = bytes.get(1) else {
        return "MSR605 (incomplete command)".into();
    };
    let name = match c {
        cmd::RESET => "reset",
        cmd::READ_ISO => "read ISO",
        cmd::WRITE_ISO => "write ISO",
        cmd::COMM_TEST => "communication test",
        cmd::LEDS_OFF => "all LEDs off",
        cmd::LEDS_ON => "all LEDs on",
        cmd::LED_GREEN => "green LED on",
        cmd::LED_YELLOW => "yellow LED on",
        cmd::LED_RED => "red LED on",
        cmd::SENSOR_TEST => "sensor test",
        cmd::RAM_TEST => "RAM test",
        cmd::SET_LEADING_ZEROS => "set leading zeros",
        cmd::CHECK_LEADING_ZEROS => "check leading zeros",
        cmd::ERASE => "erase card",
        cmd::SELECT_BPI => "select BPI",
        cmd::READ_RAW => "read raw",
        cmd::WRITE_RAW => "write raw",
        cmd::MODEL => "get model",
        cmd::FIRMWARE => "get firmware",
        cmd::SET_BPC => "set BPC",
        cmd::SET_HICO => "set Hi-Co",
        cmd::GET_COERCIVITY => "get Hi/Lo-Co",
        _ => "unknown command",
    };
    format!("MSR605 {name} (ESC {c:02X})")
}

/// (hex, ascii, layers) of a reply for the frame log, card data masked.
pub fn describe_reply(bytes: &[u8], reply: &Reply) -> (String, String, Vec<String>) {
    match reply {
        Reply::Block(b) => {
            let mut hex = String::from("1B 73");
            let mut ascii = String::from(".s");
            let mut layers = vec![format!(
                "MSR605 {} data block, status 1B {:02X} ({})",
                if b.raw { "raw" } else { "ISO" },
                b.status,
                status_text(b.status)
            )];
            for (i, t) in b.tracks.iter().enumerate() {
                let n = i + 1;
                let Some(t) = t else { continue };
                if b.raw {
                    hex.push_str(&format!(" 1B {n:02X} {:02X}", t.len()));
                    if !t.is_empty() {
                        hex.push_str(&format!(" [raw track {n}, {} bytes]", t.len()));
                    }
                    ascii.push_str(&format!(" .{n}[raw track {n}, {} bytes]", t.len()));
                } else {
                    hex.push_str(&format!(" 1B {n:02X}"));
                    if !t.is_empty() {
                        hex.push_str(&format!(" [track {n}, {} chars]", t.len()));
                    }
                    let text = String::from_utf8_lossy(t);
                    ascii.push_str(&format!(
                        " .{n}{}",
                        crate::sensitive::mask_track_text(&text)
                    ));
                }
                layers.push(format!("track {n}: {} bytes", t.len()));
            }
            hex.push_str(&format!(" 3F 1C 1B {:02X}", b.status));
            ascii.push_str(" ?. .");
            (hex, ascii, layers)
        }
        Reply::Status(s) => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![format!("MSR605 status 1B {s:02X} ({})", status_text(*s))],
        ),
        Reply::CommTestOk { esc_dropped } => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![if *esc_dropped {
                "MSR605 communication test OK (ESC dropped by the line)".into()
            } else {
                "MSR605 communication test OK".into()
            }],
        ),
        Reply::Model(m) => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![format!("MSR605 model {}", model_text(*m))],
        ),
        Reply::Firmware(f) => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![format!(
                "MSR605 firmware {}",
                crate::sensitive::redact_text(&ascii_view(f))
            )],
        ),
    }
}

/// The model byte as the manual names it.
pub fn model_text(m: u8) -> String {
    let tracks = match m {
        b'1' => "track 2 only",
        b'2' => "tracks 2+3",
        b'3' => "tracks 1+2+3",
        b'5' => "tracks 1+2",
        _ => "unknown",
    };
    format!("{} ({tracks})", ascii_view(&[m]))
}

/// What the driver was waiting for, in words (timeouts and notes). The read texts avoid the
/// words "card", "swipe" and "insert" on purpose: the checklist reads those as "no card was
/// presented", while an MSR605 read timeout may also be a frozen reader, which the checklist
/// tells apart with a liveness probe.
fn expect_text(e: Expect) -> &'static str {
    match e {
        Expect::Status => "an MSR605 status",
        Expect::CommTest => "the MSR605 communication test answer (ESC y)",
        Expect::Model => "the MSR605 model",
        Expect::Firmware => "the MSR605 firmware version",
        Expect::IsoBlock => "the MSR605 ISO read reply (data block)",
        Expect::RawBlock => "the MSR605 raw read reply (data block)",
    }
}

/// How the driver reads a swipe.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReadMode {
    /// `ESC m`: packed bit streams, decoded by the bench, so parity and LRC errors show per track.
    #[default]
    Raw,
    /// `ESC r`: the reader decodes; a bad track comes back empty with status `1B 31`.
    Iso,
}

/// The MSR605 driver. One worker thread owns it.
pub struct Msr605 {
    port: Option<Box<dyn Transport>>,
    link: String,
    sink: FrameSink,
    rx: Vec<u8>,
    baud: u32,
    mode: ReadMode,
    /// Time allowed for one frame once its first byte arrived.
    frame_timeout: Duration,
    /// Time allowed for the first byte of an answer to a non-blocking command.
    reply_timeout: Duration,
}

impl Msr605 {
    /// Wraps an open transport. `link` names it in the frame log; `baud` sizes frame deadlines.
    pub fn new(port: Box<dyn Transport>, link: impl Into<String>, baud: u32) -> Self {
        let baud = baud.max(300);
        // The longest frame's wire time plus slack for USB adapters and scheduling.
        let wire = Duration::from_nanos(MAX_FRAME as u64 * 10 * 1_000_000_000 / u64::from(baud));
        Msr605 {
            port: Some(port),
            link: link.into(),
            sink: crate::trace::null_sink(),
            rx: Vec::with_capacity(MAX_FRAME),
            baud,
            mode: ReadMode::Raw,
            frame_timeout: wire + Duration::from_millis(500),
            reply_timeout: Duration::from_millis(1000),
        }
    }

    pub fn set_read_mode(&mut self, mode: ReadMode) {
        self.mode = mode;
    }

    pub fn read_mode(&self) -> ReadMode {
        self.mode
    }

    pub fn baud(&self) -> u32 {
        self.baud
    }

    /// How long to wait for the first byte of the answer to a command that answers at once.
    pub fn set_reply_timeout(&mut self, t: Duration) {
        self.reply_timeout = t;
    }

    fn record(&self, dir: Direction, hex: String, ascii: String, layers: Vec<String>) {
        (self.sink)(FrameRecord {
            at: now_stamp(),
            link: self.link.clone(),
            dir,
            hex,
            ascii,
            layers,
        });
    }

    fn note(&self, text: String) {
        self.record(Direction::Note, String::new(), String::new(), vec![text]);
    }

    fn lost(&mut self, why: String) -> DeviceError {
        // The handle is closed at once: the next call fails fast instead of reading a dead fd.
        if self.port.take().is_some() {
            self.note(format!("device lost: {why}"));
        }
        DeviceError::Lost(why)
    }

    fn port(&mut self) -> Result<&mut Box<dyn Transport>, DeviceError> {
        self.port
            .as_mut()
            .ok_or_else(|| DeviceError::Lost("port closed after an earlier hang-up".into()))
    }

    /// Sends one command (ESC + byte + params) and logs it.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), DeviceError> {
        self.rx.clear();
        let r = self.port()?.write_all(bytes);
        if let Err(e) = r {
            return Err(self.lost(format!("write failed: {e}")));
        }
        self.record(
            Direction::Tx,
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![command_name(bytes)],
        );
        Ok(())
    }

    /// Waits for the reply `expect` describes: up to `first_byte` for it to start, then one
    /// frame deadline from its first byte (a device trickling bytes cannot stretch it).
    pub fn receive(&mut self, expect: Expect, first_byte: Duration) -> Result<Reply, DeviceError> {
        let mut deadline = Instant::now() + first_byte;
        let mut started = false;
        let mut last_bad: Option<String> = None;
        let mut chunk = [0u8; 512];
        loop {
            match parse(expect, &self.rx) {
                Parsed::Frame {
                    reply,
                    skipped,
                    len,
                } => {
                    if skipped > 0 {
                        self.note_garbage(skipped);
                    }
                    let (hex, ascii, layers) =
                        describe_reply(&self.rx[skipped..skipped + len], &reply);
                    self.record(Direction::Rx, hex, ascii, layers);
                    self.rx.drain(..skipped + len);
                    return Ok(reply);
                }
                Parsed::Incomplete { skipped } => {
                    if skipped > 0 {
                        self.note_garbage(skipped);
                        self.rx.drain(..skipped);
                    }
                }
                Parsed::Bad { skipped, why } => {
                    self.note(format!("bad frame, resync: {why}"));
                    self.rx.drain(..skipped + 1);
                    last_bad = Some(why);
                    continue;
                }
            }
            let now = Instant::now();
            if !started && !self.rx.is_empty() {
                started = true;
                deadline = now + self.frame_timeout;
            }
            if now >= deadline {
                let after_ms = if started {
                    self.frame_timeout.as_millis() as u64
                } else {
                    first_byte.as_millis() as u64
                };
                return Err(if started || last_bad.is_some() {
                    let why = last_bad.unwrap_or_else(|| {
                        format!(
                            "incomplete frame ({} bytes) at the frame deadline",
                            self.rx.len()
                        )
                    });
                    self.note(format!("no valid {}: {why}", expect_text(expect)));
                    DeviceError::Protocol(why)
                } else {
                    DeviceError::Timeout {
                        what: expect_text(expect).into(),
                        after_ms,
                        // The MSR605 is silent alike with no card and when frozen; the
                        // checklist tells them apart with a liveness probe.
                        silent: Silent::Reader,
                    }
                });
            }
            let wait = (deadline - now).min(Duration::from_millis(200));
            let port = self.port()?;
            if let Err(e) = port.set_read_timeout(wait) {
                return Err(self.lost(format!("cannot set timeout: {e}")));
            }
            match port.read(&mut chunk) {
                Ok(0) => return Err(self.lost("end of stream (hang-up)".into())),
                Ok(n) => self.rx.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::TimedOut
                            | io::ErrorKind::WouldBlock
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(self.lost(format!("read failed: {e}"))),
            }
        }
    }

    fn note_garbage(&self, n: usize) {
        self.note(format!(
            "skipped {n} byte(s) of line garbage before a frame"
        ));
    }

    /// Sends a command and waits for its reply.
    pub fn exchange(&mut self, bytes: &[u8], expect: Expect) -> Result<Reply, DeviceError> {
        self.send(bytes)?;
        let t = self.reply_timeout;
        self.receive(expect, t)
    }

    /// `ESC a`: aborts a pending read and returns the reader to its idle state.
    pub fn reset(&mut self) -> Result<(), DeviceError> {
        self.send(&[ESC, cmd::RESET])?;
        // The reader answers nothing; give it a moment, then drop anything a cancelled read
        // may still have had in flight.
        std::thread::sleep(Duration::from_millis(20));
        let r = self.port()?.clear_input();
        if let Err(e) = r {
            return Err(self.lost(format!("cannot clear input: {e}")));
        }
        self.rx.clear();
        Ok(())
    }

    /// Reads one swipe in the given mode and returns the block (or bare status).
    pub fn read_block(&mut self, mode: ReadMode, wait: Duration) -> Result<Reply, DeviceError> {
        let (c, expect) = match mode {
            ReadMode::Raw => (cmd::READ_RAW, Expect::RawBlock),
            ReadMode::Iso => (cmd::READ_ISO, Expect::IsoBlock),
        };
        let r = self.port()?.clear_input();
        if let Err(e) = r {
            return Err(self.lost(format!("cannot clear input: {e}")));
        }
        self.send(&[ESC, c])?;
        match self.receive(expect, wait) {
            Err(e @ DeviceError::Timeout { .. }) | Err(e @ DeviceError::Protocol(_)) => {
                // The reader is still waiting for a swipe: cancel it so the next command is heard.
                self.reset()?;
                Err(e)
            }
            r => r,
        }
    }
}

/// Turns a data block (or a bare status) into the normalised swipe result.
pub fn swipe_from_reply(reply: &Reply) -> SwipeRead {
    match reply {
        Reply::Block(b) => {
            let mut out = SwipeRead {
                reader_status: format!("1B {:02X}", b.status),
                ..SwipeRead::default()
            };
            for (i, t) in b.tracks.iter().enumerate() {
                let n = i as u8 + 1;
                let data = t.as_deref().unwrap_or(&[]);
                let (tr, clear2) = if b.raw {
                    decode_raw(n, data)
                } else {
                    decode_iso(n, data, b.status)
                };
                if let Some(c) = clear2 {
                    out.track2 = Some(crate::sensitive::Track2::new(c));
                }
                out.tracks.push(tr);
            }
            out
        }
        Reply::Status(s) => SwipeRead {
            reader_status: format!("1B {s:02X}"),
            tracks: (1..=3)
                .map(|n| TrackRead {
                    track: n,
                    status: TrackStatus::ReaderError(format!("1B {s:02X}")),
                    fields: None,
                })
                .collect(),
            track2: None,
        },
        _ => SwipeRead {
            reader_status: "unexpected reply".into(),
            ..SwipeRead::default()
        },
    }
}

fn decode_iso(n: u8, data: &[u8], block_status: u8) -> (TrackRead, Option<String>) {
    if data.is_empty() {
        let status = if block_status == status::OK {
            TrackStatus::NoData
        } else {
            TrackStatus::ReaderError(format!("1B {block_status:02X}"))
        };
        return (
            TrackRead {
                track: n,
                status,
                fields: None,
            },
            None,
        );
    }
    let text = String::from_utf8_lossy(data).into_owned();
    let d = track_codec::decode_text(n, &text);
    let clear = if n == 2 && d.status.is_ok() {
        d.clear_track2
    } else {
        None
    };
    (
        TrackRead {
            track: n,
            status: d.status,
            fields: d.fields,
        },
        clear,
    )
}

fn decode_raw(n: u8, data: &[u8]) -> (TrackRead, Option<String>) {
    if data.is_empty() {
        return (
            TrackRead {
                track: n,
                status: TrackStatus::NoData,
                fields: None,
            },
            None,
        );
    }
    if data.iter().all(|&b| b == 0) {
        return (
            TrackRead {
                track: n,
                status: TrackStatus::Blank,
                fields: None,
            },
            None,
        );
    }
    let d = track_codec::decode_raw(n, data);
    (
        TrackRead {
            track: n,
            status: d.status,
            fields: d.fields,
        },
        d.clear_track2,
    )
}

/// Adapter to the track codec (kept in one place so the driver does not depend on its shape).
mod track_codec {
    use super::*;
    use crate::codec::track::{decode_track_raw, decode_track_text, TrackDecode};

    pub struct Decoded {
        pub status: TrackStatus,
        pub fields: Option<CardFields>,
        pub clear_track2: Option<String>,
    }

    fn from(d: TrackDecode) -> Decoded {
        Decoded {
            clear_track2: d.track2.as_ref().map(|t| t.expose_clear().to_string()),
            status: d.status,
            fields: d.fields,
        }
    }

    pub fn decode_text(n: u8, text: &str) -> Decoded {
        from(decode_track_text(n, text))
    }

    pub fn decode_raw(n: u8, data: &[u8]) -> Decoded {
        from(decode_track_raw(n, data))
    }
}

impl Device for Msr605 {
    fn profile(&self) -> &'static str {
        "msr605"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            swipe: true,
            chip: false,
            host: false,
        }
    }

    fn identify(&mut self) -> Result<DeviceInfo, DeviceError> {
        // Manual §init: reset → communication test → reset.
        self.reset()?;
        std::thread::sleep(Duration::from_millis(80));
        match self.exchange(&[ESC, cmd::COMM_TEST], Expect::CommTest)? {
            Reply::CommTestOk { .. } => {}
            other => {
                return Err(DeviceError::Protocol(format!(
                    "communication test answered {other:?}"
                )))
            }
        }
        self.reset()?;
        let model = match self.exchange(&[ESC, cmd::MODEL], Expect::Model)? {
            Reply::Model(m) => format!("MSR605 model {}", model_text(m)),
            other => return Err(DeviceError::Protocol(format!("model: {other:?}"))),
        };
        let firmware = match self.exchange(&[ESC, cmd::FIRMWARE], Expect::Firmware)? {
            Reply::Firmware(f) => crate::sensitive::redact_text(&ascii_view(&f)),
            other => return Err(DeviceError::Protocol(format!("firmware: {other:?}"))),
        };
        Ok(DeviceInfo {
            profile: "msr605".into(),
            model,
            firmware,
            // The MSR206/605 command set has no serial-number command.
            serial: String::new(),
        })
    }

    fn read_swipe(&mut self, wait: Duration) -> Result<SwipeRead, DeviceError> {
        let mode = self.mode;
        let reply = self.read_block(mode, wait)?;
        Ok(swipe_from_reply(&reply))
    }

    fn chip_power_on(&mut self) -> Result<ChipPower, DeviceError> {
        Err(DeviceError::Unsupported(
            "chip (the MSR605 has no IC contacts)",
        ))
    }

    fn transmit(&mut self, _capdu: &[u8]) -> Result<Vec<u8>, DeviceError> {
        Err(DeviceError::Unsupported(
            "APDU exchange (the MSR605 has no IC contacts)",
        ))
    }

    fn chip_power_off(&mut self) -> Result<(), DeviceError> {
        Err(DeviceError::Unsupported(
            "chip (the MSR605 has no IC contacts)",
        ))
    }

    fn card_done(&mut self, pass: bool) -> Result<(), DeviceError> {
        self.send(&[ESC, if pass { cmd::LED_GREEN } else { cmd::LED_RED }])
    }

    fn cancel(&mut self) -> Result<(), DeviceError> {
        self.reset()
    }

    fn set_frame_sink(&mut self, sink: FrameSink) {
        self.sink = sink;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

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

    #[test]
    fn frame_records_hide_card_data() {
        let t1 = b"%B6212345678901232^ZHANG/SAN^2812201000000123456?".as_slice();
        let t2 = b";6212345678901232=28122011234567890?".as_slice();
        let bytes = encode_iso_block([Some(t1), Some(t2), None], status::OK);
        let Parsed::Frame { reply, .. } = parse(Expect::IsoBlock, &bytes) else {
            panic!()
        };
        let (hex, ascii, layers) = describe_reply(&bytes, &reply);
        let all = format!("{hex} {ascii} {layers:?}");
        assert!(crate::sensitive::find_clear_pan(&all).is_none(), "{all}");
        assert!(!all.contains("1234567890"), "{all}");
        assert!(!all.contains("000123456"), "{all}");
        let raw = encode_raw_block([Some(&[0xAA; 20]), None, None], status::OK);
        let Parsed::Frame { reply, .. } = parse(Expect::RawBlock, &raw) else {
            panic!()
        };
        let (hex, _, _) = describe_reply(&raw, &reply);
        assert!(!hex.contains("AA"), "{hex}");
        assert!(hex.contains("[raw track 1, 20 bytes]"));
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
