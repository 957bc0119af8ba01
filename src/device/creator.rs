//! What the Creator drivers (`crt310`, `crt591`) share under their handshakes: the transport,
//! the framer fed byte by byte up to a deadline, the frame log and typed link-trouble notes,
//! hang-up detection, the wire time of a frame, a command resent until ACKed, and EOT.

use crate::codec::creator::{CreatorFrame, FrameEvent, Framer, ACK, NAK};
use crate::device::{Capabilities, DeviceError, Silent};
use crate::i18n::Text;
use crate::link::{is_hangup, read_byte_until, ReadByte, Transport};
use crate::trace::{null_sink, Direction, FrameRecord, FrameSink, LinkEvent};
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// A model's frame-log line for `raw` on link `link`; `request` is the command a response
/// answers (`None` for commands, control bytes and what the driver cannot place).
pub(crate) type Describe =
    fn(link: &str, raw: &[u8], dir: Direction, request: Option<(u8, u8)>) -> FrameRecord;

/// How the wait for the reader's ACK ended.
enum AckWait<F> {
    Acked,
    Naked,
    /// The ACK was garbled but the reply itself arrived (CRT-591).
    Reply(F),
    /// Nothing (or nothing useful) before the deadline.
    Silent,
}

/// How a command is resent until ACKed: line speed, ACK wait after the frame's wire time,
/// resends after a NAK or a missing ACK.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AckPolicy {
    pub baud: u32,
    pub ack_timeout: Duration,
    pub retries: u32,
}

impl AckPolicy {
    pub(crate) fn new(baud: u32, ack_timeout: Duration, retries: u32) -> AckPolicy {
        AckPolicy {
            baud,
            ack_timeout,
            retries,
        }
    }
}

/// What a Creator motorised reader can do: swipe (read as the motor pulls the card in) and
/// chip, no host.
pub(crate) const CAPABILITIES: Capabilities = Capabilities {
    swipe: true,
    chip: true,
    host: false,
    motorised: true,
};

/// The serial number for the identity: a reader that does not give one has an empty serial,
/// a reader lost on the way is an error.
pub(crate) fn optional_serial(serial: Result<String, DeviceError>) -> Result<String, DeviceError> {
    match serial {
        Ok(s) => Ok(s),
        Err(e) if e.is_lost() => Err(e),
        Err(_) => Ok(String::new()),
    }
}

/// Wire time of `n` bytes at `baud` (10 bit-times per byte).
pub(crate) fn wire(baud: u32, n: usize) -> Duration {
    Duration::from_nanos(n as u64 * 10 * 1_000_000_000 / u64::from(baud.max(1)))
}

/// One Creator reader's link: transport, framer and frame log.
pub(crate) struct CreatorLink<F> {
    pub(crate) t: Box<dyn Transport>,
    name: String,
    sink: FrameSink,
    /// Whether a real sink was set (the null sink skips building records).
    logging: bool,
    pub(crate) framer: Framer<F>,
    describe: Describe,
}

impl<F: CreatorFrame> CreatorLink<F> {
    pub(crate) fn new(t: Box<dyn Transport>, name: String, describe: Describe) -> Self {
        CreatorLink {
            t,
            name,
            sink: null_sink(),
            logging: false,
            framer: Framer::new(),
            describe,
        }
    }

    pub(crate) fn set_sink(&mut self, sink: FrameSink) {
        self.sink = sink;
        self.logging = true;
    }

    /// Logs a frame; a received NAK carries [`LinkEvent::NakReceived`].
    pub(crate) fn log(&self, dir: Direction, raw: &[u8], request: Option<(u8, u8)>) {
        if !self.logging {
            return;
        }
        let mut rec = (self.describe)(&self.name, raw, dir, request);
        if dir == Direction::Rx && raw == [NAK] {
            rec = rec.with_event(LinkEvent::NakReceived);
        }
        (self.sink)(rec);
    }

    /// A note that is not about link trouble.
    pub(crate) fn note(&self, text: Text) {
        if self.logging {
            (self.sink)(FrameRecord::note_text(&self.name, text));
        }
    }

    /// A note about link trouble, typed with its event.
    pub(crate) fn trouble(&self, event: LinkEvent, text: Text) {
        if self.logging {
            (self.sink)(FrameRecord::note_text(&self.name, text).with_event(event));
        }
    }

    /// An I/O error as a device error: a hang-up means the device is lost.
    pub(crate) fn io(&self, e: io::Error) -> DeviceError {
        if is_hangup(&e) {
            DeviceError::Lost(format!("{}: {e}", self.t.describe()))
        } else {
            DeviceError::Io(e)
        }
    }

    /// Logs and writes `bytes`.
    pub(crate) fn send(
        &mut self,
        bytes: &[u8],
        request: Option<(u8, u8)>,
    ) -> Result<(), DeviceError> {
        self.log(Direction::Tx, bytes, request);
        self.t.write_all(bytes).map_err(|e| self.io(e))?;
        self.t.flush().map_err(|e| self.io(e))
    }

    /// Before a new command: drops a partial frame and whatever waits in the input.
    fn begin(&mut self) {
        self.framer.reset();
        let _ = self.t.clear_input();
    }

    /// One byte into the framer, waiting at most until `until`; `false` at the deadline.
    pub(crate) fn pull_byte(&mut self, until: Instant) -> Result<bool, DeviceError> {
        match read_byte_until(self.t.as_mut(), until) {
            Ok(ReadByte::Byte(b)) => {
                self.framer.push(&[b]);
                Ok(true)
            }
            Ok(ReadByte::Deadline) => Ok(false),
            Err(e) => Err(self.io(e)),
        }
    }

    /// Next framer event before `deadline`; `None` when the deadline passed.
    pub(crate) fn next_event(
        &mut self,
        deadline: Instant,
    ) -> Result<Option<FrameEvent<F>>, DeviceError> {
        loop {
            if let Some(ev) = self.framer.next_event() {
                return Ok(Some(ev));
            }
            if !self.pull_byte(deadline)? {
                return Ok(None);
            }
        }
    }

    /// A new command: drops a partial frame and whatever waits in the input, then sends the
    /// command frame `raw` until the reader ACKs it, resending up to
    /// `policy.retries` times. `Some(reply)` when the ACK was lost but a frame that
    /// `is_reply` accepts came in its place (`|_| false` where the model never does that).
    /// `command` names the command in the timeout error.
    pub(crate) fn send_until_acked(
        &mut self,
        raw: &[u8],
        policy: AckPolicy,
        command: &str,
        is_reply: impl Fn(&F) -> bool,
    ) -> Result<Option<F>, DeviceError> {
        self.begin();
        let mut naks = 0u32;
        for attempt in 0..=policy.retries {
            if attempt > 0 {
                self.trouble(
                    LinkEvent::Resent,
                    Text::tr_args("devices-link-resent", &[("attempt", attempt.into())]),
                );
            }
            self.send(raw, None)?;
            let deadline = Instant::now() + wire(policy.baud, raw.len() + 1) + policy.ack_timeout;
            match self.wait_ack(deadline, &is_reply)? {
                AckWait::Acked => return Ok(None),
                AckWait::Reply(f) => return Ok(Some(f)),
                AckWait::Naked => naks += 1,
                AckWait::Silent => {}
            }
            self.framer.reset();
        }
        Err(if naks > policy.retries {
            DeviceError::Nak(naks)
        } else {
            DeviceError::Timeout {
                what: format!("ACK to {command}"),
                after_ms: (policy.ack_timeout.as_millis() as u64) * u64::from(policy.retries + 1),
                silent: Silent::Reader,
            }
        })
    }

    /// Waits for ACK or NAK; every other event is logged (link trouble typed) and skipped.
    fn wait_ack(
        &mut self,
        deadline: Instant,
        is_reply: &impl Fn(&F) -> bool,
    ) -> Result<AckWait<F>, DeviceError> {
        loop {
            match self.next_event(deadline)? {
                Some(FrameEvent::Control(b)) => {
                    self.log(Direction::Rx, &[b], None);
                    match b {
                        ACK => return Ok(AckWait::Acked),
                        NAK => return Ok(AckWait::Naked),
                        _ => {}
                    }
                }
                Some(FrameEvent::Frame(f, g)) if is_reply(&f) => {
                    self.log(Direction::Rx, &g, None);
                    self.trouble(LinkEvent::NoAck, Text::tr("devices-link-ack-lost"));
                    return Ok(AckWait::Reply(f));
                }
                Some(FrameEvent::Garbage(g)) => {
                    self.log(Direction::Rx, &g, None);
                    self.trouble(LinkEvent::GarbageDiscarded, skipped(&g));
                }
                Some(FrameEvent::BadBcc(g)) => {
                    self.log(Direction::Rx, &g, None);
                    self.trouble(LinkEvent::BadChecksum, skipped(&g));
                }
                Some(FrameEvent::Frame(_, g)) => {
                    self.log(Direction::Rx, &g, None);
                    self.trouble(LinkEvent::UnexpectedFrame, Text::tr("devices-link-stale"));
                }
                None => {
                    self.trouble(LinkEvent::NoAck, Text::tr("devices-link-no-ack"));
                    return Ok(AckWait::Silent);
                }
            }
        }
    }

    /// Sends EOT (`eot`, the model's byte) and waits up to `wait` (after the wire time at
    /// `baud`) for the reader's EOT: whether it came.
    pub(crate) fn eot(&mut self, eot: u8, baud: u32, wait: Duration) -> Result<bool, DeviceError> {
        self.framer.reset();
        self.send(&[eot], None)?;
        let deadline = Instant::now() + wire(baud, 2) + wait;
        loop {
            match self.next_event(deadline)? {
                Some(FrameEvent::Control(b)) if b == eot => {
                    self.log(Direction::Rx, &[eot], None);
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

/// The note for `bytes` of line garbage skipped between frames, in both languages.
pub(crate) fn skipped(bytes: &[u8]) -> Text {
    Text::tr_args("devices-link-skipped", &[("count", bytes.len().into())])
}
