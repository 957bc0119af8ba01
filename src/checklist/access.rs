//! Device access for the run: every device call goes through here, with the no-reply counter
//! (three reader-silent timeouts stop the run), reopening after a hang-up with backoff, and the
//! wait for a card in short slices (operator skip, prompt timeout, liveness probe).

use super::operator::{AtWait, Operator};
use super::outbox::Outbox;
use super::record::Recorder;
use super::stop::Stop;
use super::BenchEvent;
use crate::device::{Capabilities, Device, DeviceError, Silent};
use crate::diagnosis::LinkStats;
use crate::i18n::Text;
use crate::model::{Interface, Outcome, RunEnd, Signal};
use crate::trace::FrameSink;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Something that keeps a device alive besides the driver (e.g. an in-process simulator).
pub type Keepalive = Box<dyn std::any::Any + Send>;

/// Opens (and reopens, after a hang-up) the run's device; the sink receives its frames.
pub type Opener =
    Box<dyn FnMut(FrameSink) -> Result<(Box<dyn Device>, Option<Keepalive>), DeviceError> + Send>;

/// The first pause before reopening; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(2);
/// Consecutive "device does not answer" errors after which the run stops.
const MAX_NO_REPLY: u32 = 3;
/// A wait for a card is cut into slices this long, so skip and abort are seen in time.
const CARD_SLICE: Duration = Duration::from_secs(2);
/// Pause between polls of a device that answered "no card yet".
const CARD_POLL: Duration = Duration::from_millis(50);

/// What a wait for a card gave.
pub(crate) enum Presented<T> {
    /// The card was presented and read.
    Card(T),
    /// The device failed while waiting (the caller records the row).
    Failed(DeviceError),
    /// The prompt timed out or the operator skipped; the row is recorded.
    Missed,
}

/// Whether a reader-silent timeout counts towards "the reader stopped answering".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Awaiting {
    /// An answer to a command: a silent reader counts.
    Reply,
    /// A card: silence is "no card yet" (a probe tells a frozen reader apart).
    Card,
}

/// The run's device: opened through the opener, reopened after a hang-up.
pub(crate) struct DeviceAccess {
    opener: Opener,
    dev: Option<(Box<dyn Device>, Option<Keepalive>)>,
    sink: FrameSink,
    link: Arc<Mutex<LinkStats>>,
    out: Outbox,
    prompt_timeout: Duration,
    /// How long reopening a lost device may take before the run stops.
    reconnect_window: Duration,
    /// Consecutive timeouts in which the reader stayed silent; reset by an answer with data.
    no_reply: u32,
}

impl DeviceAccess {
    /// Device access through `opener`; frames go to `sink`, losses and reconnects are counted
    /// in `link`; a wait for a card gives up after `prompt_timeout`.
    pub(crate) fn new(
        opener: Opener,
        sink: FrameSink,
        link: Arc<Mutex<LinkStats>>,
        out: Outbox,
        prompt_timeout: Duration,
    ) -> DeviceAccess {
        DeviceAccess {
            opener,
            dev: None,
            sink,
            link,
            out,
            prompt_timeout,
            reconnect_window: super::plan::DEFAULT_RECONNECT_WINDOW,
            no_reply: 0,
        }
    }

    /// Sets how long reopening a lost device may take before the run stops.
    pub(crate) fn with_reconnect_window(mut self, window: Duration) -> DeviceAccess {
        self.reconnect_window = window;
        self
    }

    /// Opens the device the first time.
    pub(crate) fn open(&mut self) -> Result<(), DeviceError> {
        self.dev = Some((self.opener)(self.sink.clone())?);
        Ok(())
    }

    /// Closes the device (an in-process simulator stops with it).
    pub(crate) fn close(&mut self) {
        self.dev = None;
    }

    /// The open device's profile name.
    pub(crate) fn profile(&self) -> Option<String> {
        self.dev.as_ref().map(|(d, _)| d.profile().to_string())
    }

    /// What the open device can do.
    pub(crate) fn capabilities(&self) -> Option<Capabilities> {
        self.dev.as_ref().map(|(d, _)| d.capabilities())
    }

    /// How many times the device was lost so far.
    pub(crate) fn lost_count(&self) -> u32 {
        self.link.lock().map(|l| l.lost).unwrap_or(0)
    }

    /// At the end of a run that stopped early: notes for the diagnosis whether the device gave
    /// up (stopped answering, or lost and not back).
    pub(crate) fn settle(&self, end: &RunEnd) {
        if end.is_complete() {
            return;
        }
        if let Ok(mut l) = self.link.lock() {
            if self.no_reply >= MAX_NO_REPLY || l.lost > l.reconnected {
                l.gave_up = true;
            }
        }
    }

    /// Calls the device; on `Lost` records an ERROR row, reconnects with backoff and repeats
    /// the call (the interrupted step resumes). Timeouts and other errors go back to the step;
    /// the third reader-silent timeout in a row stops the run.
    pub(crate) fn try_call<T>(
        &mut self,
        rec: &mut Recorder,
        ops: &mut Operator,
        f: impl FnMut(&mut dyn Device) -> Result<T, DeviceError>,
    ) -> Result<Result<T, DeviceError>, Stop> {
        self.attempt(rec, ops, Awaiting::Reply, f)
    }

    /// Like [`DeviceAccess::try_call`] for calls that must work: an error records a
    /// `no_reply` row and stops the run.
    pub(crate) fn call<T>(
        &mut self,
        rec: &mut Recorder,
        ops: &mut Operator,
        f: impl FnMut(&mut dyn Device) -> Result<T, DeviceError>,
    ) -> Result<T, Stop> {
        match self.try_call(rec, ops, f)? {
            Ok(v) => Ok(v),
            Err(e) => {
                record_no_reply(rec, &e)?;
                Err(Stop::DeviceLost(Text::each(|lang| e.text(lang))))
            }
        }
    }

    /// Like [`DeviceAccess::call`] for a command that may simply be asked again (the identity
    /// at the start): a timeout is retried, up to the third in a row (a garbled answer on a
    /// noisy line is not a silent reader); then, or on another error, as `call`.
    pub(crate) fn call_again<T>(
        &mut self,
        rec: &mut Recorder,
        ops: &mut Operator,
        mut f: impl FnMut(&mut dyn Device) -> Result<T, DeviceError>,
    ) -> Result<T, Stop> {
        for _ in 1..MAX_NO_REPLY {
            match self.try_call(rec, ops, &mut f)? {
                Ok(v) => {
                    self.no_reply = 0;
                    return Ok(v);
                }
                Err(DeviceError::Timeout { .. }) => continue,
                Err(e) => {
                    record_no_reply(rec, &e)?;
                    return Err(Stop::DeviceLost(Text::each(|lang| e.text(lang))));
                }
            }
        }
        self.call(rec, ops, f)
    }

    /// Sends one APDU to the card (for the EMV flow); an answer resets the no-reply counter.
    pub(crate) fn transmit(
        &mut self,
        rec: &mut Recorder,
        ops: &mut Operator,
        capdu: &[u8],
    ) -> Result<Result<Vec<u8>, DeviceError>, Stop> {
        let r = self.try_call(rec, ops, |d| d.transmit(capdu))?;
        if r.is_ok() {
            self.no_reply = 0;
        }
        Ok(r)
    }

    fn attempt<T>(
        &mut self,
        rec: &mut Recorder,
        ops: &mut Operator,
        awaiting: Awaiting,
        mut f: impl FnMut(&mut dyn Device) -> Result<T, DeviceError>,
    ) -> Result<Result<T, DeviceError>, Stop> {
        loop {
            let Some((dev, _)) = self.dev.as_mut() else {
                return Err(Stop::DeviceLost(Text::tr("run-end-no-device")));
            };
            match f(dev.as_mut()) {
                Err(DeviceError::Lost(why)) => self.reconnect(rec, ops, &why)?,
                Err(
                    e @ DeviceError::Timeout {
                        silent: Silent::Reader,
                        ..
                    },
                ) if awaiting == Awaiting::Reply => {
                    self.no_reply += 1;
                    if self.no_reply >= MAX_NO_REPLY {
                        record_no_reply(rec, &e)?;
                        return Err(Stop::DeviceLost(Text::tr("run-end-reader-silent")));
                    }
                    return Ok(Err(e));
                }
                // Only answers that carry data reset the no-reply counter (see `wait_card`,
                // `transmit`): commands without a reply (cancel, LEDs) succeed on a frozen
                // reader too.
                other => return Ok(other),
            }
        }
    }

    /// After a hang-up: records `device_lost`, tells the UI, and reopens the same address with
    /// backoff (100 ms doubling to 2 s) until it is back or the reconnect window has passed.
    fn reconnect(&mut self, rec: &mut Recorder, ops: &mut Operator, why: &str) -> Result<(), Stop> {
        if let Ok(mut l) = self.link.lock() {
            l.lost += 1;
        }
        // The English keeps the system's words (the CSV detail); Chinese says it by kind.
        let lost = DeviceError::Lost(why.to_string());
        rec.record_device_trouble(Signal::DeviceLost, Text::each(|lang| lost.text(lang)))?;
        self.out.send(BenchEvent::DeviceLost(why.to_string()));
        // Drop the old handle first: the port must be closed before it can be reopened.
        self.dev = None;
        let start = Instant::now();
        let mut backoff = FIRST_BACKOFF;
        loop {
            ops.check(rec)?;
            std::thread::sleep(backoff);
            match (self.opener)(self.sink.clone()) {
                Ok(d) => {
                    self.dev = Some(d);
                    if let Ok(mut l) = self.link.lock() {
                        l.reconnected += 1;
                    }
                    self.out.send(BenchEvent::Reconnected);
                    self.out.note(Text::tr("run-note-reconnected"));
                    return Ok(());
                }
                Err(e) if start.elapsed() >= self.reconnect_window => {
                    let secs = self.reconnect_window.as_secs();
                    return Err(Stop::DeviceLost(Text::each(|lang| {
                        crate::i18n::t!(
                            lang,
                            "run-end-not-back",
                            secs = secs,
                            reason = e.text(lang)
                        )
                        .into_owned()
                    })));
                }
                Err(_) => {}
            }
            backoff = (backoff * 2).min(MAX_BACKOFF);
        }
    }

    /// Waits for card `card` by repeating `f` (given the slice to wait) until the device reads
    /// it, the prompt times out (ERROR `prompt_timeout`, or ERROR `no_reply` when the reader
    /// then fails its liveness probe) or the operator skips (SKIP `skipped`); those rows are
    /// recorded as step `step` on `iface`.
    /// A skip counts only in a wait opened with [`Operator::open_wait`] before its prompt.
    pub(crate) fn wait_card<T>(
        &mut self,
        rec: &mut Recorder,
        ops: &mut Operator,
        (card, iface, step): (usize, Interface, &str),
        mut f: impl FnMut(&mut dyn Device, Duration) -> Result<Option<T>, DeviceError>,
    ) -> Result<Presented<T>, Stop> {
        let deadline = crate::link::deadline_after(self.prompt_timeout);
        loop {
            if ops.at_wait(rec)? == AtWait::Skip {
                let mut a = rec.row(Some(card), iface, step);
                a.judge(Outcome::Skip, Signal::Skipped, "skipped by the operator");
                rec.record(Some(card), a)?;
                return Ok(Presented::Missed);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let mut a = rec.row(Some(card), iface, step);
                // Before "no card presented": a reader that froze waits for a card the same
                // way. The liveness probe tells them apart; a silent one is the reader's fault.
                if let Some(e) = self.silent(rec, ops)? {
                    a.judge(
                        Outcome::Error,
                        Signal::NoReply,
                        format!(
                            "the reader does not answer: no card after {} s and no answer to the liveness probe ({e})",
                            self.prompt_timeout.as_secs()
                        ),
                    );
                    rec.record(Some(card), a)?;
                    return Ok(Presented::Missed);
                }
                a.judge(
                    Outcome::Error,
                    Signal::PromptTimeout,
                    format!(
                        "prompt timed out after {} s (no card presented)",
                        self.prompt_timeout.as_secs()
                    ),
                );
                rec.record(Some(card), a)?;
                let _ = self.try_call(rec, ops, |d| d.cancel())?;
                return Ok(Presented::Missed);
            }
            let slice = left.min(CARD_SLICE);
            match self.attempt(rec, ops, Awaiting::Card, |d| f(d, slice))? {
                Ok(Some(v)) => {
                    self.no_reply = 0;
                    return Ok(Presented::Card(v));
                }
                Ok(None) => std::thread::sleep(CARD_POLL.min(left)),
                Err(DeviceError::Timeout { silent, .. }) => {
                    let _ = self.try_call(rec, ops, |d| d.cancel())?;
                    if silent == Silent::Reader {
                        if let Some(e) = self.probe(rec, ops)? {
                            return Ok(Presented::Failed(e));
                        }
                    }
                }
                Err(e) => return Ok(Presented::Failed(e)),
            }
        }
    }

    /// The liveness probe after a prompt timed out: the reader's timeout when it does not
    /// answer an identify (status and version), `None` when it answers.
    fn silent(
        &mut self,
        rec: &mut Recorder,
        ops: &mut Operator,
    ) -> Result<Option<DeviceError>, Stop> {
        match self.try_call(rec, ops, |d| d.identify())? {
            Err(e @ DeviceError::Timeout { .. }) => Ok(Some(e)),
            Ok(_) => {
                self.no_reply = 0;
                Ok(None)
            }
            Err(_) => Ok(None),
        }
    }

    /// Some readers time out the same way with no card and when frozen: an identify tells
    /// them apart (a frozen one counts as no reply). Returns an error other than a timeout.
    fn probe(
        &mut self,
        rec: &mut Recorder,
        ops: &mut Operator,
    ) -> Result<Option<DeviceError>, Stop> {
        match self.try_call(rec, ops, |d| d.identify())? {
            Ok(_) => {
                self.no_reply = 0;
                Ok(None)
            }
            Err(DeviceError::Timeout { .. }) => Ok(None),
            Err(e) => Ok(Some(e)),
        }
    }
}

/// Records the ERROR `no_reply` row of a reader that does not answer.
fn record_no_reply(rec: &mut Recorder, e: &DeviceError) -> Result<(), Stop> {
    let detail = Text::each(|lang| {
        crate::i18n::t!(lang, "judge-device-no-reply", reason = e.text(lang)).into_owned()
    });
    rec.record_device_trouble(Signal::NoReply, detail)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::checklist::record::tests::recorder;
    use crate::model::{ChipPower, DeviceInfo, SwipeRead};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::mpsc::Receiver;

    /// A reader whose `identify` answers with the scripted errors first, then its identity.
    struct Scripted {
        errors: Vec<DeviceError>,
    }

    fn silent() -> DeviceError {
        DeviceError::Timeout {
            what: "reply".into(),
            after_ms: 10,
            silent: Silent::Reader,
        }
    }

    impl Device for Scripted {
        fn profile(&self) -> &'static str {
            "msr605"
        }
        fn capabilities(&self) -> Capabilities {
            Capabilities::default()
        }
        fn identify(&mut self) -> Result<DeviceInfo, DeviceError> {
            match self.errors.pop() {
                Some(e) => Err(e),
                None => Ok(DeviceInfo::default()),
            }
        }
        fn read_swipe(&mut self, _wait: Duration) -> Result<SwipeRead, DeviceError> {
            Err(DeviceError::Unsupported("swipe"))
        }
        fn chip_power_on(&mut self) -> Result<ChipPower, DeviceError> {
            Err(DeviceError::Unsupported("chip"))
        }
        fn transmit(&mut self, _capdu: &[u8]) -> Result<Vec<u8>, DeviceError> {
            Err(DeviceError::Unsupported("chip"))
        }
        fn chip_power_off(&mut self) -> Result<(), DeviceError> {
            Ok(())
        }
        fn card_done(&mut self, _pass: bool) -> Result<(), DeviceError> {
            Ok(())
        }
        fn cancel(&mut self) -> Result<(), DeviceError> {
            Ok(())
        }
        fn set_frame_sink(&mut self, _sink: FrameSink) {}
    }

    /// Device access whose first open gives a reader failing `identify` with `errors` (last
    /// first); later opens give a healthy one. Also the number of opens.
    fn access(
        errors: Vec<DeviceError>,
        prompt_timeout: Duration,
    ) -> (DeviceAccess, Arc<AtomicU32>, Receiver<BenchEvent>) {
        let opens = Arc::new(AtomicU32::new(0));
        let counted = opens.clone();
        let mut first = Some(errors);
        let opener: Opener = Box::new(move |_sink| {
            counted.fetch_add(1, Ordering::SeqCst);
            let errors = first.take().unwrap_or_default();
            Ok((Box::new(Scripted { errors }) as Box<dyn Device>, None))
        });
        let (tx, rx) = std::sync::mpsc::channel();
        let link = Arc::new(Mutex::new(LinkStats::default()));
        let sink = crate::trace::null_sink();
        let port = DeviceAccess::new(opener, sink, link, Outbox::new(tx), prompt_timeout);
        (port, opens, rx)
    }

    fn operator() -> (
        Operator,
        std::sync::mpsc::Sender<super::super::BenchCommand>,
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        (Operator::new(rx), tx)
    }

    #[test]
    fn third_silent_timeout_stops_the_run() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _) = recorder(d.path());
        let (mut ops, _tx) = operator();
        let (mut port, _, _) = access(vec![silent(), silent(), silent()], Duration::ZERO);
        port.open().unwrap();
        for _ in 0..2 {
            let r = port.try_call(&mut rec, &mut ops, |d| d.identify()).unwrap();
            assert!(matches!(r, Err(DeviceError::Timeout { .. })));
        }
        let r = port.try_call(&mut rec, &mut ops, |d| d.identify());
        assert!(matches!(r, Err(Stop::DeviceLost(_))));
        port.settle(&RunEnd::DeviceLost("silent".into()));
        let s = rec.finish(RunEnd::DeviceLost("silent".into()));
        assert_eq!(s.attempts.len(), 1);
        assert_eq!(s.attempts[0].signal, Signal::NoReply);
    }

    #[test]
    fn lost_device_is_reopened_and_the_call_repeated() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _) = recorder(d.path());
        let (mut ops, _tx) = operator();
        let (mut port, opens, rx) = access(vec![DeviceError::Lost("EIO".into())], Duration::ZERO);
        port.open().unwrap();
        let r = port.call(&mut rec, &mut ops, |d| d.identify());
        assert!(r.is_ok());
        assert_eq!((opens.load(Ordering::SeqCst), port.lost_count()), (2, 1));
        let ev: Vec<BenchEvent> = rx.try_iter().collect();
        assert!(ev
            .iter()
            .any(|e| matches!(e, BenchEvent::DeviceLost(w) if w == "EIO")));
        assert!(ev.iter().any(|e| matches!(e, BenchEvent::Reconnected)));
        let s = rec.finish(RunEnd::Complete);
        assert_eq!(s.attempts[0].signal, Signal::DeviceLost);
    }

    #[test]
    fn abort_while_reconnecting_stops() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _) = recorder(d.path());
        let (mut ops, tx) = operator();
        let (mut port, opens, _) = access(vec![DeviceError::Lost("EIO".into())], Duration::ZERO);
        port.open().unwrap();
        tx.send(super::super::BenchCommand::Abort).unwrap();
        let r = port.try_call(&mut rec, &mut ops, |d| d.identify());
        assert!(matches!(r, Err(Stop::Operator)));
        assert_eq!(opens.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn wait_for_a_card_times_out_or_is_skipped() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _) = recorder(d.path());
        let (mut ops, tx) = operator();
        let (mut port, _, _) = access(Vec::new(), Duration::ZERO);
        port.open().unwrap();
        let step = (0, Interface::Swipe, "swipe#1");
        let got = port.wait_card(&mut rec, &mut ops, step, |_, _| Ok(Some(())));
        assert!(matches!(got, Ok(Presented::Missed)));
        ops.open_wait(&rec);
        tx.send(super::super::BenchCommand::Skip).unwrap();
        let got = port.wait_card(&mut rec, &mut ops, step, |_, _| Ok(Some(())));
        assert!(matches!(got, Ok(Presented::Missed)));
        let s = rec.finish(RunEnd::Complete);
        let signals: Vec<&Signal> = s.attempts.iter().map(|a| &a.signal).collect();
        assert_eq!(signals, [&Signal::PromptTimeout, &Signal::Skipped]);
    }

    #[test]
    fn a_prompt_timeout_probes_the_reader_first() {
        // The reader fails its liveness probe: not "no card presented" but "no reply".
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _) = recorder(d.path());
        let (mut ops, _tx) = operator();
        let (mut port, _, _) = access(vec![silent()], Duration::ZERO);
        port.open().unwrap();
        let step = (3, Interface::Swipe, "swipe#2");
        let got = port.wait_card(&mut rec, &mut ops, step, |_, _| Ok(Some(())));
        assert!(matches!(got, Ok(Presented::Missed)));
        // It answers the next probe: then the operator presented no card.
        let got = port.wait_card(&mut rec, &mut ops, step, |_, _| Ok(Some(())));
        assert!(matches!(got, Ok(Presented::Missed)));
        let s = rec.finish(RunEnd::Complete);
        let rows: Vec<(&str, Outcome, &Signal)> = s
            .attempts
            .iter()
            .map(|a| (a.step.as_str(), a.outcome, &a.signal))
            .collect();
        assert_eq!(
            rows,
            [
                ("swipe#2", Outcome::Error, &Signal::NoReply),
                ("swipe#2", Outcome::Error, &Signal::PromptTimeout)
            ]
        );
        assert!(s.attempts[0].detail.contains("liveness probe"));
    }

    #[test]
    fn wait_for_a_card_returns_the_read() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _) = recorder(d.path());
        let (mut ops, _tx) = operator();
        let (mut port, _, _) = access(Vec::new(), Duration::from_secs(5));
        port.open().unwrap();
        let mut polls = 0;
        let got = port.wait_card(&mut rec, &mut ops, (0, Interface::Chip, "atr"), |_, _| {
            polls += 1;
            Ok((polls == 2).then_some(7))
        });
        assert!(matches!(got, Ok(Presented::Card(7))));
        assert_eq!(polls, 2);
    }
}
