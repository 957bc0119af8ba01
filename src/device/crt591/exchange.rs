//! The CRT-591 link handshake (M591 §1.4): command → reader `ACK` (resent after a NAK or no
//! ACK within 300 ms, Case 1/2) → reply frame → **host `ACK`**; a reply with a bad BCC is
//! answered `NAK` and the reader sends it again (Case 3). Link trouble is noted with its
//! [`LinkEvent`].

use super::Crt591;
use crate::codec::crt591::{command_name, Frame, FrameEvent, ACK, EOT, MAX_LEN, NAK};
use crate::device::{DeviceError, Silent};
use crate::link::{read_byte_until, ReadByte};
use crate::trace::{Direction, LinkEvent};
use std::io::Write;
use std::time::{Duration, Instant};

/// Longest pause between two bytes of one frame before it counts as broken off (long enough
/// that a loaded machine descheduling the reader side is not taken for noise).
const INTER_BYTE_GAP: Duration = Duration::from_millis(250);

/// How the wait for the reader's ACK ended.
enum AckWait {
    Acked,
    Naked,
    /// The ACK was garbled but the reply itself arrived.
    Reply(Frame),
    Silent,
}

impl Crt591 {
    pub(super) fn send(&mut self, bytes: &[u8]) -> Result<(), DeviceError> {
        self.log(Direction::Tx, bytes);
        self.t.write_all(bytes).map_err(|e| self.io(e))?;
        self.t.flush().map_err(|e| self.io(e))
    }

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

    /// One command and its reply (positive or negative), ACKed.
    pub fn command(&mut self, cm: u8, pm: u8, data: &[u8]) -> Result<Frame, DeviceError> {
        let raw = Frame::command(self.cfg.addr, cm, pm, data.to_vec()).encode();
        self.framer.reset();
        let _ = self.t.clear_input();
        let mut naks = 0u32;
        for attempt in 0..=self.cfg.retries {
            if attempt > 0 {
                self.trouble(LinkEvent::Resent, format!("resend #{attempt}"));
            }
            self.send(&raw)?;
            let deadline = Instant::now() + self.wire(raw.len() + 1) + self.cfg.ack_timeout;
            match self.wait_ack(deadline, cm, pm)? {
                AckWait::Acked => return self.fetch_reply(cm, pm),
                AckWait::Reply(f) => {
                    // The ACK was lost on the line but the reply came: take it.
                    self.send(&[ACK])?;
                    return Ok(f);
                }
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

    fn wait_ack(&mut self, deadline: Instant, cm: u8, pm: u8) -> Result<AckWait, DeviceError> {
        loop {
            match self.next_event(deadline)? {
                Some(FrameEvent::Control(b)) => {
                    self.log(Direction::Rx, &[b]);
                    match b {
                        ACK => return Ok(AckWait::Acked),
                        NAK => return Ok(AckWait::Naked),
                        _ => {}
                    }
                }
                Some(FrameEvent::Frame(f, g)) if f.cm == cm && f.pm == pm && f.head != b'C' => {
                    self.log(Direction::Rx, &g);
                    self.trouble(LinkEvent::NoAck, "ACK lost, reply received");
                    return Ok(AckWait::Reply(f));
                }
                Some(FrameEvent::Garbage(g)) | Some(FrameEvent::BadBcc(g)) => {
                    self.log(Direction::Rx, &g);
                    let text = format!("{} unexpected bytes skipped", g.len());
                    self.trouble(LinkEvent::GarbageDiscarded, text);
                }
                Some(FrameEvent::Frame(_, g)) => {
                    self.log(Direction::Rx, &g);
                    self.trouble(LinkEvent::UnexpectedFrame, "stale frame skipped");
                }
                None => {
                    self.trouble(LinkEvent::NoAck, "no ACK");
                    return Ok(AckWait::Silent);
                }
            }
        }
    }

    /// The reply to `cm pm`; a bad BCC, or a frame that stops arriving midway (a length
    /// byte hit by noise), is NAKed and the reader sends it again; a good reply is ACKed.
    fn fetch_reply(&mut self, cm: u8, pm: u8) -> Result<Frame, DeviceError> {
        let timeout = self.cfg.response_timeout;
        let mut naks = 0u32;
        let mut deadline = Instant::now() + self.wire(MAX_LEN + 8) + timeout;
        // Garbage seen since the last request: the reply was hit by noise.
        let mut hit = false;
        loop {
            let Some(ev) = self.framer.next_event() else {
                // Inside a frame the bytes follow each other: a gap means it is broken.
                let broken = hit || self.framer.pending() > 0;
                let until = if broken {
                    deadline.min(Instant::now() + self.wire(4) + INTER_BYTE_GAP)
                } else {
                    deadline
                };
                match read_byte_until(self.t.as_mut(), until) {
                    Ok(ReadByte::Byte(b)) => self.framer.push(&[b]),
                    Ok(ReadByte::Deadline) if broken => {
                        self.trouble(LinkEvent::GarbageDiscarded, "reply broken off");
                        hit = false;
                        self.ask_again(cm, pm, &mut naks)?;
                        deadline = Instant::now() + self.wire(MAX_LEN + 8) + timeout;
                    }
                    Ok(ReadByte::Deadline) => {
                        return Err(DeviceError::Timeout {
                            what: format!("reply to {}", command_name(cm, pm)),
                            after_ms: timeout.as_millis() as u64,
                            silent: Silent::Reader,
                        })
                    }
                    Err(e) => return Err(self.io(e)),
                }
                continue;
            };
            match ev {
                FrameEvent::Frame(f, raw) => {
                    self.log(Direction::Rx, &raw);
                    if f.cm == cm && f.pm == pm {
                        self.send(&[ACK])?;
                        return Ok(f);
                    }
                    self.trouble(
                        LinkEvent::UnexpectedFrame,
                        "reply to another command skipped",
                    );
                }
                FrameEvent::BadBcc(g) => {
                    self.log(Direction::Rx, &g);
                    self.trouble(LinkEvent::BadChecksum, "bad BCC in reply");
                    hit = false;
                    self.ask_again(cm, pm, &mut naks)?;
                    deadline = Instant::now() + self.wire(MAX_LEN + 8) + timeout;
                }
                FrameEvent::Control(b) => self.log(Direction::Rx, &[b]),
                FrameEvent::Garbage(g) => {
                    self.log(Direction::Rx, &g);
                    let text = format!("{} garbage bytes skipped", g.len());
                    self.trouble(LinkEvent::GarbageDiscarded, text);
                    hit = true;
                }
            }
        }
    }

    /// NAK a broken reply (M591 §1.4 Case 3: the reader sends it again), at most `retries`.
    fn ask_again(&mut self, cm: u8, pm: u8, naks: &mut u32) -> Result<(), DeviceError> {
        *naks += 1;
        if *naks > self.cfg.retries {
            return Err(DeviceError::Protocol(format!(
                "reply to {} broken {naks} times",
                command_name(cm, pm)
            )));
        }
        self.framer.reset();
        self.send(&[NAK])
    }

    /// `EOT` (Case 5): the reader discontinues and answers `EOT`.
    pub fn eot(&mut self) -> Result<bool, DeviceError> {
        self.framer.reset();
        self.send(&[EOT])?;
        let deadline = Instant::now() + self.wire(2) + Duration::from_millis(300);
        loop {
            match self.next_event(deadline)? {
                Some(FrameEvent::Control(EOT)) => {
                    self.log(Direction::Rx, &[EOT]);
                    return Ok(true);
                }
                Some(FrameEvent::Control(b)) => self.log(Direction::Rx, &[b]),
                Some(FrameEvent::Garbage(g))
                | Some(FrameEvent::BadBcc(g))
                | Some(FrameEvent::Frame(_, g)) => self.log(Direction::Rx, &g),
                None => return Ok(false),
            }
        }
    }
}
