//! The CRT-310 link handshake (protocols.md §3.1): a command frame until the reader ACKs it
//! (resent after a NAK or a missing ACK), then ENQ until a response frame with a good BCC
//! arrives; EOT to cancel. Every piece of link trouble is noted with its [`LinkEvent`].

use super::{Crt310, Reply};
use crate::codec::crt310::{command_name, Frame, FrameEvent, ENQ, EOT, MAX_LEN};
use crate::device::creator::{skipped, wire, AckPolicy};
use crate::device::{DeviceError, Silent};
use crate::i18n::Text;
use crate::trace::{Direction, LinkEvent};
use std::time::{Duration, Instant};

impl Crt310 {
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
        let raw = Frame::new(cm, pm, data.to_vec())
            .encode()
            .map_err(|e| DeviceError::Io(e.into()))?;
        let policy = AckPolicy::new(self.cfg.baud, self.cfg.ack_timeout, self.cfg.retries);
        let name = command_name(cm, pm);
        self.link.send_until_acked(&raw, policy, name, |_| false)?;
        self.fetch_response(cm, pm, response_timeout)
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
            self.link.send(&[ENQ], None)?;
            let deadline = Instant::now() + wire(self.cfg.baud, MAX_LEN + 6) + response_timeout;
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
            let text = Text::tr_args("devices-link-enq-again", &[("count", enqs.into())]);
            self.link.trouble(LinkEvent::AskedAgain, text);
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
            match self.link.next_event(deadline)? {
                Some(FrameEvent::Frame(f, fraw)) => {
                    self.link.log(Direction::Rx, &fraw, Some((cm, pm)));
                    if let Some((ecm, code)) = f.as_error() {
                        return Ok(Some(Reply::Error { cm: ecm, code }));
                    }
                    // §8.8 prints the baud-change reply with CM `33`: accept it for `34`.
                    let cm_ok = f.cm == cm || (cm == 0x34 && f.cm == 0x33);
                    if cm_ok && f.pm == pm {
                        return Ok(Some(Reply::Normal(f)));
                    }
                    let text = Text::tr("devices-link-other-response");
                    self.link.trouble(LinkEvent::UnexpectedFrame, text);
                }
                Some(FrameEvent::BadBcc(g)) => {
                    self.link.log(Direction::Rx, &g, Some((cm, pm)));
                    let text = Text::tr("devices-link-bad-bcc-response");
                    self.link.trouble(LinkEvent::BadChecksum, text);
                    return Ok(None);
                }
                Some(FrameEvent::Control(b)) => self.link.log(Direction::Rx, &[b], None),
                Some(FrameEvent::Garbage(g)) => {
                    self.link.log(Direction::Rx, &g, None);
                    self.link.trouble(LinkEvent::GarbageDiscarded, skipped(&g));
                }
                None => {
                    self.link.framer.reset();
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
        self.link.eot(EOT, self.cfg.baud, self.cfg.ack_timeout)
    }
}
