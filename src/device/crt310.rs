//! Creator CRT-310 V3.0 ("STX 02" family, protocols.md §3.1): the sans-IO framer (shared with
//! the simulator), frame masking for the frame log, and the driver implementing `Device`
//! (ACK/NAK/ENQ/EOT handshake, tracks with E1–E5, IC power, ATR, T=0/T=1 APDUs).

use super::{Capabilities, Device, DeviceError, Silent};
use crate::hexfmt::hex_spaced;
use crate::link::{is_hangup, read_byte_until, ReadByte, Transport};
use crate::model::{ChipPower, DeviceInfo, SwipeRead, TrackRead, TrackStatus};
use crate::trace::{now_stamp, null_sink, Direction, FrameRecord, FrameSink};
use std::io::Write;
use std::time::{Duration, Instant};

pub const STX: u8 = 0x02;
pub const ETX: u8 = 0x03;
pub const EOT: u8 = 0x04;
pub const ENQ: u8 = 0x05;
pub const ACK: u8 = 0x06;
pub const NAK: u8 = 0x15;

/// Largest LEN (CM through DATA) accepted: a T=0 command with a 262-byte APDU plus CM PM and
/// its two length bytes is 266; anything bigger is garbage that happened to start with STX.
pub const MAX_LEN: usize = 270;

/// Per-command status byte `P` values.
pub const P_OK: u8 = 0x59;
pub const P_FAIL: u8 = 0x4E;
pub const P_NO_CARD: u8 = 0x45;
pub const P_WRONG_POS: u8 = 0x57;
pub const P_T1: u8 = 0x5A;

/// XOR of every byte (STX through ETX when given a whole frame minus its BCC).
pub fn bcc(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |a, b| a ^ b)
}

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

    /// `STX LENH LENL CM PM DATA ETX BCC`.
    pub fn encode(&self) -> Vec<u8> {
        let len = self.data.len() + 2;
        let mut out = Vec::with_capacity(len + 5);
        out.push(STX);
        out.push((len >> 8) as u8);
        out.push(len as u8);
        out.push(self.cm);
        out.push(self.pm);
        out.extend_from_slice(&self.data);
        out.push(ETX);
        out.push(bcc(&out));
        out
    }

    /// An abnormal response `02 00 03 4E <CM> <E> 03 BCC`: (command, error code).
    pub fn as_error(&self) -> Option<(u8, u8)> {
        (self.cm == b'N' && self.data.len() == 1).then(|| (self.pm, self.data[0]))
    }
}

/// What the framer found in the byte stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameEvent {
    /// A well-formed frame with a good BCC, and its raw bytes.
    Frame(Frame, Vec<u8>),
    /// A single control byte outside a frame: ACK, NAK, ENQ or EOT.
    Control(u8),
    /// A complete frame whose BCC does not match (raw bytes kept).
    BadBcc(Vec<u8>),
    /// Bytes that are neither a control byte nor the start of a plausible frame.
    Garbage(Vec<u8>),
}

/// Sans-IO framer: push bytes, take events. Resynchronises on garbage (a bad length or a
/// missing ETX makes the STX count as garbage and scanning restarts at the next byte).
#[derive(Default, Debug)]
pub struct Framer {
    buf: Vec<u8>,
}

fn is_control(b: u8) -> bool {
    matches!(b, ACK | NAK | ENQ | EOT)
}

impl Framer {
    pub fn new() -> Framer {
        Framer::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Drops a partial frame (after a deadline, before a new command).
    pub fn reset(&mut self) {
        self.buf.clear();
    }

    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// The next complete event, or `None` when more bytes are needed.
    pub fn next_event(&mut self) -> Option<FrameEvent> {
        let first = *self.buf.first()?;
        if is_control(first) {
            self.buf.remove(0);
            return Some(FrameEvent::Control(first));
        }
        if first != STX {
            let n = self
                .buf
                .iter()
                .position(|&b| b == STX || is_control(b))
                .unwrap_or(self.buf.len());
            return Some(FrameEvent::Garbage(self.buf.drain(..n).collect()));
        }
        if self.buf.len() < 3 {
            return None;
        }
        let len = (usize::from(self.buf[1]) << 8) | usize::from(self.buf[2]);
        if !(2..=MAX_LEN).contains(&len) {
            return Some(FrameEvent::Garbage(self.buf.drain(..1).collect()));
        }
        let total = len + 5;
        if self.buf.len() < total {
            return None;
        }
        if self.buf[3 + len] != ETX {
            return Some(FrameEvent::Garbage(self.buf.drain(..1).collect()));
        }
        let raw: Vec<u8> = self.buf.drain(..total).collect();
        if bcc(&raw[..total - 1]) != raw[total - 1] {
            return Some(FrameEvent::BadBcc(raw));
        }
        let frame = Frame::new(raw[3], raw[4], raw[5..3 + len].to_vec());
        Some(FrameEvent::Frame(frame, raw))
    }
}

/// Name of a command for the frame log.
pub fn command_name(cm: u8, pm: u8) -> &'static str {
    match (cm, pm) {
        (0x30, 0x30) => "reset",
        (0x30, 0x31) => "reset, eject front",
        (0x30, 0x32) => "reset, eject rear",
        (0x30, 0x3A) => "read S/N",
        (0x31, 0x30) => "reader status",
        (0x31, 0x2F) | (0x31, 0x2E) => "sensor status",
        (0x31, 0x31) => "detect IC type",
        (0x32, _) => "move card",
        (0x33, 0x30) => "IC power on",
        (0x33, 0x31) => "IC power off",
        (0x37, 0x30) => "CPU cold reset",
        (0x37, 0x2F) => "CPU warm reset",
        (0x37, 0x31) => "T=0 APDU",
        (0x37, 0x32) => "T=1 APDU",
        (0x45, 0x30) => "read tracks",
        (0x45, 0x31) => "re-read tracks",
        (0x34, _) => "set baud",
        _ => "unknown command",
    }
}

/// Meaning of an abnormal-response code E.
pub fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "undefined CM",
        0x01 => "bad PM",
        0x02 => "command cannot be executed",
        0x04 => "bad data package",
        0x05 => "supply voltage out of range",
        0x06 => "abnormal card inside",
        0x07 => "main power lost",
        _ => "unknown error code",
    }
}

/// Hex and ASCII views of a frame with card data masked, plus decoded layers.
/// `request` is the command this frame answers (for responses), used to know what the data is.
pub fn describe_frame(
    raw: &[u8],
    dir: Direction,
    request: Option<(u8, u8)>,
) -> (String, String, Vec<String>) {
    let mut masked = vec![false; raw.len()];
    let mut layers = Vec::new();
    if raw.len() == 1 {
        let name = match raw[0] {
            ACK => "ACK",
            NAK => "NAK",
            ENQ => "ENQ",
            EOT => "EOT",
            _ => "byte",
        };
        layers.push(format!("CRT-310 {name}"));
        return (hex_spaced(raw), name.to_string(), layers);
    }
    if raw.len() >= 7 && raw[0] == STX {
        let cm = raw[3];
        let pm = raw[4];
        let data_start = 5;
        let data_end = raw.len() - 2;
        let data = &raw[data_start..data_end];
        if cm == b'N' && data.len() == 1 {
            layers.push(format!(
                "CRT-310 error N {:02X} E{:02X} {}",
                pm,
                data[0],
                error_text(data[0])
            ));
        } else {
            // Reset replies (30 30..32) carry the version string, not a status byte P.
            let p = if dir == Direction::Rx && !(cm == 0x30 && matches!(pm, 0x30..=0x32)) {
                data.first()
                    .map(|p| format!(" P={}", p_char(*p)))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            layers.push(format!(
                "CRT-310 {cm:02X} {pm:02X} {}{p}",
                command_name(cm, pm)
            ));
            let _ = request;
            match (cm, pm, dir) {
                (0x37, 0x31 | 0x32, Direction::Tx) if data.len() >= 2 => {
                    let apdu = &data[2..];
                    layers.push(format!("C-APDU {}", super::emv::describe_capdu(apdu)));
                    // VERIFY carries a PIN block: never shown.
                    if apdu.len() > 5 && apdu[1] == 0x20 {
                        for m in masked[data_start + 2 + 5..data_end].iter_mut() {
                            *m = true;
                        }
                    }
                }
                (0x37, 0x31 | 0x32, Direction::Rx) if data.len() >= 3 => {
                    let r = &data[3..];
                    if r.len() >= 2 {
                        let (body, sw) = r.split_at(r.len() - 2);
                        layers.push(format!(
                            "R-APDU {} bytes SW {:02X} {:02X}",
                            body.len(),
                            sw[0],
                            sw[1]
                        ));
                        let m = super::emv::card_data_mask(body);
                        for (i, hide) in m.into_iter().enumerate() {
                            masked[data_start + 3 + i] = hide;
                        }
                    }
                }
                (0x37, 0x30 | 0x2F, Direction::Rx) if data.len() > 3 => {
                    layers.push(format!("ATR {}", hex_spaced(&data[3..])));
                }
                (0x45, _, Direction::Rx) if data.len() > 2 => {
                    // Every byte inside a track block is card data except SS/ES/separators.
                    let mut i = 2;
                    let mut in_data = false;
                    while i < data.len() {
                        let b = data[i];
                        if b == 0x1F {
                            in_data = data.get(i + 1) == Some(&P_OK);
                            i += 2;
                            continue;
                        }
                        if in_data && !matches!(b, b'%' | b';' | b'?' | b'^' | b'=') {
                            masked[data_start + i] = true;
                        }
                        i += 1;
                    }
                }
                _ => {}
            }
        }
    } else {
        layers.push("bytes".to_string());
        // Not a frame we understand: hide digits that could be card data.
        for (i, b) in raw.iter().enumerate() {
            masked[i] = b.is_ascii_digit();
        }
    }
    let mut hex = String::with_capacity(raw.len() * 3);
    let mut ascii = String::with_capacity(raw.len());
    for (i, (&b, &m)) in raw.iter().zip(masked.iter()).enumerate() {
        if i > 0 {
            hex.push(' ');
        }
        if m {
            hex.push_str("**");
            ascii.push('*');
        } else {
            hex.push_str(&format!("{b:02X}"));
            ascii.push(if (0x20..0x7f).contains(&b) {
                b as char
            } else {
                '.'
            });
        }
    }
    (hex, ascii, layers)
}

fn p_char(p: u8) -> String {
    if p.is_ascii_graphic() {
        (p as char).to_string()
    } else {
        format!("{p:02X}")
    }
}

/// A reply from the reader: a normal frame or an abnormal (`N`) one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Normal(Frame),
    /// `N` response: the command and the error code E.
    Error {
        cm: u8,
        code: u8,
    },
}

/// Driver timing and retry settings.
#[derive(Clone, Debug)]
pub struct Crt310Config {
    /// Line speed, to allow the wire time of a frame on top of the timeouts.
    pub baud: u32,
    /// How long the reader may take to ACK/NAK a frame (after its wire time).
    pub ack_timeout: Duration,
    /// How long the reader may take to answer after ENQ (after the response's wire time).
    pub response_timeout: Duration,
    /// Resends after a NAK, a missing ACK or a response with a bad BCC.
    pub retries: u32,
    /// How often `read_swipe` asks for tracks while no card is in the reader.
    pub poll_interval: Duration,
}

impl Default for Crt310Config {
    fn default() -> Self {
        Crt310Config {
            baud: 9600,
            ack_timeout: Duration::from_millis(300),
            response_timeout: Duration::from_secs(3),
            retries: 3,
            poll_interval: Duration::from_millis(200),
        }
    }
}

/// Reader status from `31 30`.
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
            Some(0x46) => "long card at front",
            Some(0x47) => "short card at front",
            Some(0x48) => "card at front, not held",
            Some(0x49) => "card at front, held",
            Some(0x4A) => "card inside",
            Some(0x4B) => "card inside, IC contacts engaged",
            Some(0x4C) | Some(0x4D) => "card at rear",
            Some(0x4E) => "no card",
            _ => "unknown",
        }
    }
}

/// The CRT-310 driver over any transport.
pub struct Crt310 {
    t: Box<dyn Transport>,
    link: String,
    sink: FrameSink,
    framer: Framer,
    pub cfg: Crt310Config,
    /// Protocol of the powered card (from the reset status byte).
    t1: bool,
    /// Whether a real sink was set (the null sink skips building records).
    logging: bool,
}

impl Crt310 {
    pub fn new(t: Box<dyn Transport>, link: impl Into<String>) -> Crt310 {
        Crt310::with_config(t, link, Crt310Config::default())
    }

    pub fn with_config(
        t: Box<dyn Transport>,
        link: impl Into<String>,
        cfg: Crt310Config,
    ) -> Crt310 {
        Crt310 {
            t,
            link: link.into(),
            sink: null_sink(),
            framer: Framer::new(),
            cfg,
            t1: false,
            logging: false,
        }
    }

    fn wire(&self, n: usize) -> Duration {
        Duration::from_nanos(n as u64 * 10 * 1_000_000_000 / u64::from(self.cfg.baud.max(1)))
    }

    fn log(&self, dir: Direction, raw: &[u8], request: Option<(u8, u8)>) {
        if !self.logging {
            return;
        }
        let (hex, ascii, layers) = describe_frame(raw, dir, request);
        (self.sink)(FrameRecord {
            at: now_stamp(),
            link: self.link.clone(),
            dir,
            hex,
            ascii,
            layers,
        });
    }

    fn note(&self, text: impl Into<String>) {
        if !self.logging {
            return;
        }
        (self.sink)(FrameRecord {
            at: now_stamp(),
            link: self.link.clone(),
            dir: Direction::Note,
            hex: String::new(),
            ascii: String::new(),
            layers: vec![text.into()],
        });
    }

    fn io(&self, e: std::io::Error) -> DeviceError {
        if is_hangup(&e) {
            DeviceError::Lost(format!("{}: {e}", self.t.describe()))
        } else {
            DeviceError::Io(e)
        }
    }

    fn send(&mut self, bytes: &[u8], request: Option<(u8, u8)>) -> Result<(), DeviceError> {
        self.log(Direction::Tx, bytes, request);
        self.t.write_all(bytes).map_err(|e| self.io(e))?;
        self.t.flush().map_err(|e| self.io(e))
    }

    /// Next framer event before `deadline`; `None` when the deadline passed.
    fn next_event(&mut self, deadline: Instant) -> Result<Option<FrameEvent>, DeviceError> {
        loop {
            if let Some(ev) = self.framer.next_event() {
                return Ok(Some(ev));
            }
            match read_byte_until(self.t.as_mut(), deadline) {
                Ok(ReadByte::Byte(b)) => self.framer.push(&[b]),
                Ok(ReadByte::Deadline) => return Ok(None),
                Err(e) => return Err(self.io(e)),
            }
        }
    }

    /// One command: frame → ACK (resend on NAK / no ACK) → ENQ → response frame (ENQ again
    /// on a bad BCC). Returns the reply, normal or abnormal.
    pub fn command(&mut self, cm: u8, pm: u8, data: &[u8]) -> Result<Reply, DeviceError> {
        self.command_timeout(cm, pm, data, self.cfg.response_timeout)
    }

    pub fn command_timeout(
        &mut self,
        cm: u8,
        pm: u8,
        data: &[u8],
        response_timeout: Duration,
    ) -> Result<Reply, DeviceError> {
        let raw = Frame::new(cm, pm, data.to_vec()).encode();
        self.framer.reset();
        let _ = self.t.clear_input();
        let mut naks = 0u32;
        let mut acked = false;
        for attempt in 0..=self.cfg.retries {
            if attempt > 0 {
                self.note(format!("resend #{attempt}"));
            }
            self.send(&raw, None)?;
            let deadline = Instant::now() + self.wire(raw.len() + 1) + self.cfg.ack_timeout;
            loop {
                match self.next_event(deadline)? {
                    Some(FrameEvent::Control(ACK)) => {
                        self.log(Direction::Rx, &[ACK], None);
                        acked = true;
                        break;
                    }
                    Some(FrameEvent::Control(NAK)) => {
                        self.log(Direction::Rx, &[NAK], None);
                        naks += 1;
                        break;
                    }
                    Some(FrameEvent::Control(b)) => self.log(Direction::Rx, &[b], None),
                    Some(FrameEvent::Garbage(g)) | Some(FrameEvent::BadBcc(g)) => {
                        self.log(Direction::Rx, &g, None);
                        self.note(format!("{} unexpected bytes skipped", g.len()));
                    }
                    Some(FrameEvent::Frame(_, g)) => {
                        self.log(Direction::Rx, &g, None);
                        self.note("stale frame skipped");
                    }
                    None => {
                        self.note("no ACK");
                        break;
                    }
                }
            }
            if acked {
                break;
            }
            self.framer.reset();
        }
        if !acked {
            return Err(if naks > self.cfg.retries {
                DeviceError::Nak(naks)
            } else {
                DeviceError::Timeout {
                    what: format!("ACK to {}", command_name(cm, pm)),
                    after_ms: (self.cfg.ack_timeout.as_millis() as u64)
                        * u64::from(self.cfg.retries + 1),
                    silent: Silent::Reader,
                }
            });
        }
        let mut enqs = 0u32;
        loop {
            self.send(&[ENQ], None)?;
            let deadline = Instant::now() + self.wire(MAX_LEN + 6) + response_timeout;
            loop {
                match self.next_event(deadline)? {
                    Some(FrameEvent::Frame(f, fraw)) => {
                        self.log(Direction::Rx, &fraw, Some((cm, pm)));
                        if let Some((ecm, code)) = f.as_error() {
                            return Ok(Reply::Error { cm: ecm, code });
                        }
                        if f.cm == cm && f.pm == pm {
                            return Ok(Reply::Normal(f));
                        }
                        self.note("response for another command skipped");
                    }
                    Some(FrameEvent::BadBcc(g)) => {
                        self.log(Direction::Rx, &g, Some((cm, pm)));
                        self.note("bad BCC in response");
                        break;
                    }
                    Some(FrameEvent::Control(b)) => self.log(Direction::Rx, &[b], None),
                    Some(FrameEvent::Garbage(g)) => {
                        self.log(Direction::Rx, &g, None);
                        self.note(format!("{} garbage bytes skipped", g.len()));
                    }
                    None => {
                        self.framer.reset();
                        // A lost response: try EOT so the reader is idle for the next command.
                        return Err(DeviceError::Timeout {
                            what: format!("response to {}", command_name(cm, pm)),
                            after_ms: response_timeout.as_millis() as u64,
                            silent: Silent::Reader,
                        });
                    }
                }
            }
            enqs += 1;
            if enqs > self.cfg.retries {
                return Err(DeviceError::Protocol(format!(
                    "response to {} failed its BCC {enqs} times",
                    command_name(cm, pm)
                )));
            }
            self.note(format!("ENQ again ({enqs})"));
        }
    }

    fn normal(&mut self, cm: u8, pm: u8, data: &[u8]) -> Result<Frame, DeviceError> {
        match self.command(cm, pm, data)? {
            Reply::Normal(f) => Ok(f),
            Reply::Error { cm: c, code } => Err(DeviceError::Protocol(format!(
                "reader refused {} ({c:02X}): E{code:02X} {}",
                command_name(cm, pm),
                error_text(code)
            ))),
        }
    }

    /// Reset (`pm` = 30 no eject, 31 eject front, 32 eject rear); returns the version string.
    pub fn reset(&mut self, pm: u8) -> Result<String, DeviceError> {
        let f = self.normal(0x30, pm, &[])?;
        Ok(String::from_utf8_lossy(&f.data).trim().to_string())
    }

    pub fn serial_number(&mut self) -> Result<String, DeviceError> {
        let f = self.normal(0x30, 0x3A, &[])?;
        let d = match f.data.first() {
            Some(&P_OK) => &f.data[1..],
            _ => &f.data[..],
        };
        Ok(String::from_utf8_lossy(d).trim().to_string())
    }

    pub fn status(&mut self) -> Result<ReaderStatus, DeviceError> {
        let f = self.normal(0x31, 0x30, &[])?;
        Ok(ReaderStatus { raw: f.data })
    }

    /// IC power on / off; returns P.
    pub fn ic_power(&mut self, on: bool) -> Result<u8, DeviceError> {
        let f = self.normal(0x33, if on { 0x30 } else { 0x31 }, &[])?;
        Ok(f.data.first().copied().unwrap_or(P_FAIL))
    }

    /// Cold (`warm = false`) or warm reset: (P, ATR).
    pub fn cpu_reset(&mut self, warm: bool) -> Result<(u8, Vec<u8>), DeviceError> {
        let f = self.normal(0x37, if warm { 0x2F } else { 0x30 }, &[])?;
        let p = f.data.first().copied().unwrap_or(P_FAIL);
        let atr = if f.data.len() >= 3 {
            let n = (usize::from(f.data[1]) << 8) | usize::from(f.data[2]);
            f.data[3..].iter().take(n).copied().collect()
        } else {
            Vec::new()
        };
        if p == P_OK || p == P_T1 {
            self.t1 = p == P_T1;
        }
        Ok((p, atr))
    }

    /// One APDU through `37 31` (T=0) or `37 32` (T=1): (P, R-APDU).
    pub fn apdu(&mut self, t1: bool, capdu: &[u8]) -> Result<(u8, Vec<u8>), DeviceError> {
        let mut data = Vec::with_capacity(capdu.len() + 2);
        data.push((capdu.len() >> 8) as u8);
        data.push(capdu.len() as u8);
        data.extend_from_slice(capdu);
        let f = self.normal(0x37, if t1 { 0x32 } else { 0x31 }, &data)?;
        let p = f.data.first().copied().unwrap_or(P_FAIL);
        let r = if f.data.len() >= 3 {
            let n = (usize::from(f.data[1]) << 8) | usize::from(f.data[2]);
            f.data[3..].iter().take(n).copied().collect()
        } else {
            Vec::new()
        };
        Ok((p, r))
    }

    /// Reads tracks: `ascii` mode, `selector` `30`..`37`. `Ok(Err(P))` when the reader reports
    /// no card (`45`), wrong position (`57`) or failure (`4E`) for the whole read.
    pub fn read_tracks(&mut self, selector: u8) -> Result<Result<SwipeRead, u8>, DeviceError> {
        let f = self.normal(0x45, 0x30, &[0x30, selector])?;
        Ok(parse_track_reply(&f.data, selector))
    }

    /// Sends EOT and waits briefly for the reader's EOT.
    pub fn eot(&mut self) -> Result<bool, DeviceError> {
        self.framer.reset();
        self.send(&[EOT], None)?;
        let deadline = Instant::now() + self.wire(2) + self.cfg.ack_timeout;
        loop {
            match self.next_event(deadline)? {
                Some(FrameEvent::Control(EOT)) => {
                    self.log(Direction::Rx, &[EOT], None);
                    return Ok(true);
                }
                Some(FrameEvent::Control(b)) => self.log(Direction::Rx, &[b], None),
                Some(FrameEvent::Garbage(g))
                | Some(FrameEvent::BadBcc(g))
                | Some(FrameEvent::Frame(_, g)) => self.log(Direction::Rx, &g, None),
                None => return Ok(false),
            }
        }
    }
}

/// Tracks asked for by a selector, in block order.
pub fn selector_tracks(selector: u8) -> &'static [u8] {
    match selector {
        0x31 => &[1],
        0x32 => &[2],
        0x33 => &[3],
        0x34 => &[1, 2],
        0x35 => &[2, 3],
        0x36 => &[1, 3],
        0x37 => &[1, 2, 3],
        _ => &[],
    }
}

/// Maps a per-track error code (`E1`..`E5`, one byte or two ASCII characters) to a status.
pub fn track_error_status(code: &[u8]) -> TrackStatus {
    let c = match code {
        [b'E', d, ..] if (b'1'..=b'5').contains(d) => 0xE0 + (d - b'0'),
        [c, ..] => *c,
        [] => 0,
    };
    match c {
        0xE1 => TrackStatus::NoStartSentinel,
        0xE2 => TrackStatus::NoEndSentinel,
        0xE3 => TrackStatus::Parity(None),
        0xE4 => TrackStatus::Lrc,
        0xE5 => TrackStatus::Blank,
        other => TrackStatus::ReaderError(format!("O {other:02X}")),
    }
}

/// Parses the data of a `45 3x` reply (after CM PM): `mode tracks {1F st data}×n`, or the
/// failure form `mode tracks P`.
pub fn parse_track_reply(data: &[u8], selector: u8) -> Result<SwipeRead, u8> {
    if data.len() == 3 && data[2] != 0x1F {
        return Err(data[2]);
    }
    let wanted = selector_tracks(data.get(1).copied().unwrap_or(selector));
    let mut blocks: Vec<&[u8]> = Vec::new();
    let body = data.get(2..).unwrap_or(&[]);
    let mut start = None;
    for (i, &b) in body.iter().enumerate() {
        if b == 0x1F {
            if let Some(s) = start {
                blocks.push(&body[s..i]);
            }
            start = Some(i + 1);
        }
    }
    if let Some(s) = start {
        blocks.push(&body[s..]);
    }
    let mut read = SwipeRead {
        reader_status: "Y".into(),
        ..SwipeRead::default()
    };
    let mut statuses = Vec::new();
    // A card has three tracks: blocks past the third are line noise, not tracks 4, 5 … 256
    // (a 300-block reply once overflowed the track counter).
    for (i, blk) in blocks.iter().enumerate().take(3) {
        let track = wanted.get(i).copied().unwrap_or(i as u8 + 1);
        let (status, fields) = match blk.first() {
            Some(&P_OK) => {
                let text = String::from_utf8_lossy(&blk[1..]).to_string();
                let d = crate::codec::track::decode_track_text(track, &text);
                if d.track2.is_some() {
                    read.track2 = d.track2;
                }
                (d.status, d.fields)
            }
            Some(0x4E) => (TrackStatus::ReaderError("N".into()), None),
            Some(0x4F) => (track_error_status(&blk[1..]), None),
            Some(o) => (TrackStatus::ReaderError(format!("{o:02X}")), None),
            None => (TrackStatus::NoData, None),
        };
        statuses.push(status.code());
        read.tracks.push(TrackRead {
            track,
            status,
            fields,
        });
    }
    Ok(read)
}

impl Device for Crt310 {
    fn profile(&self) -> &'static str {
        "crt310"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            swipe: true,
            chip: true,
            host: false,
        }
    }

    fn identify(&mut self) -> Result<DeviceInfo, DeviceError> {
        let version = self.reset(0x30)?;
        let serial = match self.serial_number() {
            Ok(s) => s,
            Err(e) if e.is_lost() => return Err(e),
            Err(_) => String::new(),
        };
        let model = version
            .split(" V")
            .next()
            .unwrap_or(&version)
            .trim()
            .replace("CRT 310", "CRT-310");
        Ok(DeviceInfo {
            profile: "crt310".into(),
            model,
            firmware: version,
            serial,
        })
    }

    fn read_swipe(&mut self, wait: Duration) -> Result<SwipeRead, DeviceError> {
        let until = Instant::now() + wait;
        loop {
            match self.read_tracks(0x37)? {
                Ok(r) => return Ok(r),
                Err(P_NO_CARD) if Instant::now() + self.cfg.poll_interval < until => {
                    std::thread::sleep(self.cfg.poll_interval);
                }
                Err(P_NO_CARD) => {
                    return Err(DeviceError::Timeout {
                        what: "a card".into(),
                        after_ms: wait.as_millis() as u64,
                        silent: Silent::Operator,
                    })
                }
                Err(p) => {
                    let status = TrackStatus::ReaderError(p_char(p));
                    return Ok(SwipeRead {
                        tracks: [1u8, 2, 3]
                            .iter()
                            .map(|&track| TrackRead {
                                track,
                                status: status.clone(),
                                fields: None,
                            })
                            .collect(),
                        reader_status: p_char(p),
                        track2: None,
                    });
                }
            }
        }
    }

    fn chip_power_on(&mut self) -> Result<ChipPower, DeviceError> {
        let p = self.ic_power(true)?;
        if p == P_NO_CARD || p == P_WRONG_POS {
            return Ok(ChipPower::NoCard(p_char(p)));
        }
        for warm in [false, true] {
            let (p, atr) = self.cpu_reset(warm)?;
            match p {
                P_OK | P_T1 if !atr.is_empty() => return Ok(ChipPower::Atr { atr, t1: p == P_T1 }),
                P_NO_CARD | P_WRONG_POS => return Ok(ChipPower::NoCard(p_char(p))),
                _ => self.note(if warm {
                    "no ATR after warm reset"
                } else {
                    "no ATR after cold reset, trying warm reset"
                }),
            }
        }
        Ok(ChipPower::Mute)
    }

    fn transmit(&mut self, capdu: &[u8]) -> Result<Vec<u8>, DeviceError> {
        // T=0 carries a case-4 command as case 3: the card's data comes back through 61xx /
        // GET RESPONSE (ISO 7816-3, EMV Book 1 §9.3.1.1), so the trailing Le is not sent.
        let capdu = if !self.t1 && capdu.len() > 5 && capdu.len() == 6 + usize::from(capdu[4]) {
            &capdu[..capdu.len() - 1]
        } else {
            capdu
        };
        let (p, r) = self.apdu(self.t1, capdu)?;
        match p {
            P_OK if r.len() >= 2 => Ok(r),
            P_OK => Err(DeviceError::Protocol("R-APDU shorter than SW1 SW2".into())),
            P_NO_CARD => Err(DeviceError::Protocol("no card in the reader (P=E)".into())),
            _ => Err(DeviceError::Timeout {
                what: format!("card answer to the APDU (reader P={})", p_char(p)),
                after_ms: 0,
                silent: Silent::Card,
            }),
        }
    }

    fn chip_power_off(&mut self) -> Result<(), DeviceError> {
        self.ic_power(false).map(|_| ())
    }

    fn card_done(&mut self, _pass: bool) -> Result<(), DeviceError> {
        self.reset(0x31).map(|_| ())
    }

    fn cancel(&mut self) -> Result<(), DeviceError> {
        self.eot().map(|_| ())
    }

    fn set_frame_sink(&mut self, sink: FrameSink) {
        self.sink = sink;
        self.logging = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_frames_encode() {
        assert_eq!(
            Frame::new(0x31, 0x30, vec![]).encode(),
            [0x02, 0x00, 0x02, 0x31, 0x30, 0x03, 0x02]
        );
        assert_eq!(
            Frame::new(0x45, 0x30, vec![0x30, 0x37]).encode(),
            [0x02, 0x00, 0x04, 0x45, 0x30, 0x30, 0x37, 0x03, 0x77]
        );
    }

    #[test]
    fn framer_resyncs_and_checks_bcc() {
        let mut f = Framer::new();
        f.push(&[0xAA, 0x02, 0x7F, 0x7F, 0x06]);
        f.push(&Frame::new(0x31, 0x30, vec![0x4E]).encode());
        let mut evs = Vec::new();
        while let Some(e) = f.next_event() {
            evs.push(e);
        }
        assert_eq!(evs[0], FrameEvent::Garbage(vec![0xAA]));
        assert!(matches!(evs.last(), Some(FrameEvent::Frame(fr, _)) if fr.cm == 0x31));
        assert!(evs.contains(&FrameEvent::Control(ACK)));
        let mut bad = Frame::new(0x31, 0x30, vec![]).encode();
        bad[6] ^= 1;
        f.push(&bad);
        assert!(matches!(f.next_event(), Some(FrameEvent::BadBcc(_))));
        // Split across pushes.
        let good = Frame::new(0x37, 0x30, vec![]).encode();
        for b in &good[..good.len() - 1] {
            f.push(&[*b]);
            assert_eq!(f.next_event(), None);
        }
        f.push(&good[good.len() - 1..]);
        assert!(matches!(f.next_event(), Some(FrameEvent::Frame(_, _))));
    }

    #[test]
    fn track_reply_masks_in_log() {
        let mut data = vec![0x30, 0x37, 0x1F, 0x4F, 0xE5, 0x1F, 0x59];
        data.extend_from_slice(b";6212260000000000026=28122200000123456?");
        data.extend_from_slice(&[0x1F, 0x4F, 0xE4]);
        let raw = Frame::new(0x45, 0x30, data.clone()).encode();
        let (hex, ascii, _) = describe_frame(&raw, Direction::Rx, Some((0x45, 0x30)));
        assert!(crate::sensitive::find_clear_pan(&ascii).is_none());
        assert!(!hex.contains("36 32 31 32"), "{hex}");
        let r = parse_track_reply(&data, 0x37).unwrap();
        assert_eq!(r.tracks[1].status, TrackStatus::Ok);
        assert_eq!(r.tracks[0].status, TrackStatus::Blank);
        assert_eq!(r.tracks[2].status, TrackStatus::Lrc);
        assert!(r.track2.is_some());
    }
}
