//! The CRT-591 link handshake (M591 §1.4): command → reader `ACK` (resent after a NAK or no
//! ACK within 300 ms, Case 1/2) → reply frame → **host `ACK`**; a reply with a bad BCC is
//! answered `NAK` and the reader sends it again (Case 3). Link trouble is noted with its
//! [`LinkEvent`].

use super::Crt591;
use crate::codec::crt591::{command_name, Frame, FrameEvent, ACK, EOT, HEAD_CMD, MAX_LEN, NAK};
use crate::device::creator::{skipped, wire, AckPolicy};
use crate::device::{DeviceError, Silent};
use crate::i18n::Text;
use crate::trace::{Direction, LinkEvent};
use std::time::{Duration, Instant};

/// Longest pause between two bytes of one frame before it counts as broken off (long enough
/// that a loaded machine descheduling the reader side is not taken for noise).
const INTER_BYTE_GAP: Duration = Duration::from_millis(250);

impl Crt591 {
    /// One command and its reply (positive or negative), ACKed.
    pub fn command(&mut self, cm: u8, pm: u8, data: &[u8]) -> Result<Frame, DeviceError> {
        let raw = Frame::command(self.cfg.addr, cm, pm, data.to_vec())
            .encode()
            .map_err(|e| DeviceError::Io(e.into()))?;
        let policy = AckPolicy::new(self.cfg.baud, self.cfg.ack_timeout, self.cfg.retries);
        let name = command_name(cm, pm);
        // A reply to this command in place of the ACK: the ACK was lost on the line.
        let is_reply = |f: &Frame| f.cm == cm && f.pm == pm && f.head != HEAD_CMD;
        match self.link.send_until_acked(&raw, policy, name, is_reply)? {
            None => self.fetch_reply(cm, pm),
            Some(f) => {
                // The ACK was lost on the line but the reply came: take it.
                self.link.send(&[ACK], None)?;
                Ok(f)
            }
        }
    }

    /// The reply to `cm pm`; a bad BCC, or a frame that stops arriving midway (a length
    /// byte hit by noise), is NAKed and the reader sends it again; a good reply is ACKed.
    fn fetch_reply(&mut self, cm: u8, pm: u8) -> Result<Frame, DeviceError> {
        let timeout = self.cfg.response_timeout;
        let mut naks = 0u32;
        let mut deadline = Instant::now() + wire(self.cfg.baud, MAX_LEN + 8) + timeout;
        // Garbage seen since the last request: the reply was hit by noise.
        let mut hit = false;
        loop {
            let Some(ev) = self.link.framer.next_event() else {
                // Inside a frame the bytes follow each other: a gap means it is broken.
                let broken = hit || self.link.framer.pending() > 0;
                let until = if broken {
                    deadline.min(Instant::now() + wire(self.cfg.baud, 4) + INTER_BYTE_GAP)
                } else {
                    deadline
                };
                match self.link.pull_byte(until)? {
                    true => {}
                    false if broken => {
                        let text = Text::tr("devices-link-broken-off");
                        self.link.trouble(LinkEvent::GarbageDiscarded, text);
                        hit = false;
                        self.ask_again(cm, pm, &mut naks)?;
                        deadline = Instant::now() + wire(self.cfg.baud, MAX_LEN + 8) + timeout;
                    }
                    false => {
                        return Err(DeviceError::Timeout {
                            what: format!("reply to {}", command_name(cm, pm)),
                            after_ms: timeout.as_millis() as u64,
                            silent: Silent::Reader,
                        })
                    }
                }
                continue;
            };
            match ev {
                FrameEvent::Frame(f, raw) => {
                    self.link.log(Direction::Rx, &raw, None);
                    if f.cm == cm && f.pm == pm {
                        self.link.send(&[ACK], None)?;
                        return Ok(f);
                    }
                    let text = Text::tr("devices-link-other-reply");
                    self.link.trouble(LinkEvent::UnexpectedFrame, text);
                }
                FrameEvent::BadBcc(g) => {
                    self.link.log(Direction::Rx, &g, None);
                    let text = Text::tr("devices-link-bad-bcc-reply");
                    self.link.trouble(LinkEvent::BadChecksum, text);
                    hit = false;
                    self.ask_again(cm, pm, &mut naks)?;
                    deadline = Instant::now() + wire(self.cfg.baud, MAX_LEN + 8) + timeout;
                }
                FrameEvent::Control(b) => self.link.log(Direction::Rx, &[b], None),
                FrameEvent::Garbage(g) => {
                    self.link.log(Direction::Rx, &g, None);
                    self.link.trouble(LinkEvent::GarbageDiscarded, skipped(&g));
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
        self.link.framer.reset();
        self.link.send(&[NAK], None)
    }

    /// `EOT` (Case 5): the reader discontinues and answers `EOT`.
    pub fn eot(&mut self) -> Result<bool, DeviceError> {
        self.link
            .eot(EOT, self.cfg.baud, Duration::from_millis(300))
    }
}
