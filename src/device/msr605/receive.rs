//! Waiting for one MSR605 reply: the framer runs over what has arrived, garbage in front of a
//! frame and malformed frames are dropped (and noted with their [`LinkEvent`]), and the wait
//! is bounded by a first-byte deadline, then one frame deadline from the first byte.

use super::{describe_reply, Msr605};
use crate::codec::msr605::{parse, Expect, Parsed, Reply};
use crate::device::{DeviceError, Silent};
use crate::i18n::{tr_static, Lang, Text};
use crate::link::{read_available, Available};
use crate::trace::{Direction, LinkEvent};
use std::time::{Duration, Instant};

/// What the driver was waiting for, in words, in `lang` (timeouts and notes). The read texts
/// avoid the words "card", "swipe" and "insert" on purpose: the checklist reads those as "no
/// card was presented", while an MSR605 read timeout may also be a frozen reader, which the
/// checklist tells apart with a liveness probe.
fn expect_text_in(e: Expect, lang: Lang) -> &'static str {
    let id = match e {
        Expect::Status => "devices-msr605-expect-status",
        Expect::CommTest => "devices-msr605-expect-comm-test",
        Expect::Model => "devices-msr605-expect-model",
        Expect::Firmware => "devices-msr605-expect-firmware",
        Expect::Coercivity => "devices-msr605-expect-coercivity",
        Expect::IsoBlock => "devices-msr605-expect-iso-block",
        Expect::RawBlock => "devices-msr605-expect-raw-block",
    };
    tr_static(lang, id)
}

impl Msr605 {
    /// Waits for the reply `expect` describes: up to `first_byte` for it to start, then one
    /// frame deadline from its first byte (a device trickling bytes cannot stretch it).
    pub fn receive(&mut self, expect: Expect, first_byte: Duration) -> Result<Reply, DeviceError> {
        let mut deadline = Instant::now() + first_byte;
        let mut started = false;
        let mut last_bad: Option<String> = None;
        loop {
            if let Some(reply) = self.take_frame(expect, &mut last_bad) {
                return Ok(reply);
            }
            let now = Instant::now();
            if !started && !self.rx.is_empty() {
                started = true;
                deadline = now + self.frame_timeout;
            }
            if now >= deadline {
                return Err(self.deadline_error(expect, started, first_byte, last_bad));
            }
            self.read_some((deadline - now).min(Duration::from_millis(200)))?;
        }
    }

    /// Runs the framer over the bytes received so far: the reply when one is complete (logged,
    /// garbage in front of it noted); malformed frames are dropped and their reason kept.
    fn take_frame(&mut self, expect: Expect, last_bad: &mut Option<String>) -> Option<Reply> {
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
                    return Some(reply);
                }
                Parsed::Incomplete { skipped } => {
                    if skipped > 0 {
                        self.note_garbage(skipped);
                        self.rx.drain(..skipped);
                    }
                    return None;
                }
                Parsed::Bad { skipped, why } => {
                    self.trouble(
                        LinkEvent::Resync,
                        Text::tr_args(
                            "devices-msr605-note-resync",
                            &[("why", why.as_str().into())],
                        ),
                    );
                    self.rx.drain(..skipped + 1);
                    *last_bad = Some(why);
                }
            }
        }
    }

    /// Why the wait ended without a reply: a protocol error when something arrived (an
    /// incomplete or malformed frame), a timeout of the reader when nothing did.
    fn deadline_error(
        &mut self,
        expect: Expect,
        started: bool,
        first_byte: Duration,
        last_bad: Option<String>,
    ) -> DeviceError {
        if started || last_bad.is_some() {
            let why = last_bad.unwrap_or_else(|| {
                format!(
                    "incomplete frame ({} bytes) at the frame deadline",
                    self.rx.len()
                )
            });
            let note = |lang| {
                crate::i18n::t!(
                    lang,
                    "devices-msr605-note-no-valid",
                    what = expect_text_in(expect, lang),
                    why = why.as_str()
                )
                .into_owned()
            };
            self.trouble(
                LinkEvent::NoValidFrame,
                Text::new(note(Lang::En), note(Lang::ZhCn)),
            );
            return DeviceError::Protocol(why);
        }
        DeviceError::Timeout {
            what: format!("the {}", expect_text_in(expect, Lang::En)),
            after_ms: first_byte.as_millis() as u64,
            // The MSR605 is silent alike with no card and when frozen; the checklist tells
            // them apart with a liveness probe.
            silent: Silent::Reader,
        }
    }

    /// Appends what the port has within `wait` to the receive buffer; a hang-up closes it.
    fn read_some(&mut self, wait: Duration) -> Result<(), DeviceError> {
        let mut chunk = [0u8; 512];
        let port = self.port()?;
        if let Err(e) = port.set_read_timeout(wait) {
            return Err(self.lost(format!("cannot set timeout: {e}")));
        }
        match read_available(port, &mut chunk) {
            Ok(Available::Bytes(n)) => self.rx.extend_from_slice(&chunk[..n]),
            Ok(Available::Nothing) => {}
            Ok(Available::Closed) => return Err(self.lost("end of stream (hang-up)".into())),
            Err(e) => return Err(self.lost(format!("read failed: {e}"))),
        }
        Ok(())
    }

    fn note_garbage(&self, n: usize) {
        self.trouble(
            LinkEvent::GarbageDiscarded,
            Text::tr_args("devices-msr605-note-garbage", &[("count", n.into())]),
        );
    }
}
