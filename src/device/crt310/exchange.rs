//! The CRT-310 link handshake (protocols.md §3.1): a command frame until the reader ACKs it
//! (resent after a NAK or a missing ACK), then ENQ until a response frame with a good BCC
//! arrives; EOT to cancel. Every piece of link trouble is noted with its [`LinkEvent`].

use super::{Crt310, Reply};
use crate::codec::crt310::{command_name, Frame, FrameEvent, ACK, ENQ, EOT, MAX_LEN, NAK};
use crate::device::{DeviceError, Silent};
use crate::link::{read_byte_until, ReadByte};
use crate::trace::{Direction, LinkEvent};
use std::io::Write;
use std::time::{Duration, Instant};

/// How the wait for an ACK ended.
enum AckWait {
    Acked,
    Naked,
    /// Nothing (or nothing useful) before the deadline.
    Silent,
}

impl Crt310 {
    pub(super) fn send(
        &mut self,
        bytes: &[u8],
        request: Option<(u8, u8)>,
    ) -> Result<(), DeviceError> {
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

    /// [`Crt310::command`] with its own response timeout (after the response's wire time).
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
        self.send_until_acked(&raw, cm, pm)?;
        self.fetch_response(cm, pm, response_timeout)
    }

    /// Sends `raw` until the reader ACKs it, resending up to `cfg.retries` times.
    fn send_until_acked(&mut self, raw: &[u8], cm: u8, pm: u8) -> Result<(), DeviceError> {
        let mut naks = 0u32;
        for attempt in 0..=self.cfg.retries {
            if attempt > 0 {
                self.trouble(LinkEvent::Resent, format!("resend #{attempt}"));
            }
            self.send(raw, None)?;
            let deadline = Instant::now() + self.wire(raw.len() + 1) + self.cfg.ack_timeout;
            match self.wait_ack(deadline)? {
                AckWait::Acked => return Ok(()),
                AckWait::Naked => naks += 1,
                AckWait::Silent => {}
            }
            self.framer.reset();
        }
        Err(if naks > self.cfg.retries {
            DeviceError::Nak(naks)
        } else {
            DeviceError::Timeout {
                what: format!("ACK to {}", command_name(cm, pm)),
                after_ms: (self.cfg.ack_timeout.as_millis() as u64)
                    * u64::from(self.cfg.retries + 1),
                silent: Silent::Reader,
            }
        })
    }

    fn wait_ack(&mut self, deadline: Instant) -> Result<AckWait, DeviceError> {
        loop {
            match self.next_event(deadline)? {
                Some(FrameEvent::Control(ACK)) => {
                    self.log(Direction::Rx, &[ACK], None);
                    return Ok(AckWait::Acked);
                }
                Some(FrameEvent::Control(NAK)) => {
                    self.log(Direction::Rx, &[NAK], None);
                    return Ok(AckWait::Naked);
                }
                Some(FrameEvent::Control(b)) => self.log(Direction::Rx, &[b], None),
                Some(FrameEvent::Garbage(g)) => {
                    self.log(Direction::Rx, &g, None);
                    let text = format!("{} unexpected bytes skipped", g.len());
                    self.trouble(LinkEvent::GarbageDiscarded, text);
                }
                Some(FrameEvent::BadBcc(g)) => {
                    self.log(Direction::Rx, &g, None);
                    let text = format!("{} unexpected bytes skipped", g.len());
                    self.trouble(LinkEvent::BadChecksum, text);
                }
                Some(FrameEvent::Frame(_, g)) => {
                    self.log(Direction::Rx, &g, None);
                    self.trouble(LinkEvent::UnexpectedFrame, "stale frame skipped");
                }
                None => {
                    self.trouble(LinkEvent::NoAck, "no ACK");
                    return Ok(AckWait::Silent);
                }
            }
        }
    }

    /// ENQ, then the response; ENQ again (up to `cfg.retries` times) after a bad BCC.
    fn fetch_response(
        &mut self,
        cm: u8,
        pm: u8,
        response_timeout: Duration,
    ) -> Result<Reply, DeviceError> {
        let mut enqs = 0u32;
        loop {
            self.send(&[ENQ], None)?;
            let deadline = Instant::now() + self.wire(MAX_LEN + 6) + response_timeout;
            if let Some(reply) = self.wait_response(cm, pm, deadline, response_timeout)? {
                return Ok(reply);
            }
            enqs += 1;
            if enqs > self.cfg.retries {
                return Err(DeviceError::Protocol(format!(
                    "response to {} failed its BCC {enqs} times",
                    command_name(cm, pm)
                )));
            }
            self.trouble(LinkEvent::AskedAgain, format!("ENQ again ({enqs})"));
        }
    }

    /// The response to `cm pm` before `deadline`; `None` after a bad BCC (ask again).
    fn wait_response(
        &mut self,
        cm: u8,
        pm: u8,
        deadline: Instant,
        response_timeout: Duration,
    ) -> Result<Option<Reply>, DeviceError> {
        loop {
            match self.next_event(deadline)? {
                Some(FrameEvent::Frame(f, fraw)) => {
                    self.log(Direction::Rx, &fraw, Some((cm, pm)));
                    if let Some((ecm, code)) = f.as_error() {
                        return Ok(Some(Reply::Error { cm: ecm, code }));
                    }
                    // §8.8 prints the baud-change reply with CM `33`: accept it for `34`.
                    let cm_ok = f.cm == cm || (cm == 0x34 && f.cm == 0x33);
                    if cm_ok && f.pm == pm {
                        return Ok(Some(Reply::Normal(f)));
                    }
                    let text = "response for another command skipped";
                    self.trouble(LinkEvent::UnexpectedFrame, text);
                }
                Some(FrameEvent::BadBcc(g)) => {
                    self.log(Direction::Rx, &g, Some((cm, pm)));
                    self.trouble(LinkEvent::BadChecksum, "bad BCC in response");
                    return Ok(None);
                }
                Some(FrameEvent::Control(b)) => self.log(Direction::Rx, &[b], None),
                Some(FrameEvent::Garbage(g)) => {
                    self.log(Direction::Rx, &g, None);
                    let text = format!("{} garbage bytes skipped", g.len());
                    self.trouble(LinkEvent::GarbageDiscarded, text);
                }
                None => {
                    self.framer.reset();
                    return Err(DeviceError::Timeout {
                        what: format!("response to {}", command_name(cm, pm)),
                        after_ms: response_timeout.as_millis() as u64,
                        silent: Silent::Reader,
                    });
                }
            }
        }
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
