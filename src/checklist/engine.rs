//! The checklist worker: owns the device, walks the deck (reference card first), records every
//! attempt (appended and synced), reconnects after an unplug, and ends with the diagnosis and
//! the summary reports.

use super::{BenchCommand, BenchEvent, CardSummary, Prompt, PromptAction, RunPlan, RunSummary};
use crate::bins::BinTable;
use crate::deck::{Deck, DeckCard, Expect};
use crate::device::{Device, DeviceError, Silent};
use crate::diagnosis::{classify, LinkStats, Observation};
use crate::i18n::Text;
use crate::model::{
    Attempt, ChipPower, DeviceInfo, Interface, Outcome, RunEnd, Signal, SwipeRead, TrackStatus,
};
use crate::report::{AttemptLog, Recorded};
use crate::sensitive::{Pan, Track2};
use crate::trace::{FrameRecord, FrameSink};
use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Something that keeps a device alive besides the driver (e.g. an in-process simulator).
pub type Keepalive = Box<dyn std::any::Any + Send>;

/// Opens (and reopens, after a hang-up) the run's device; the sink receives its frames.
pub type Opener =
    Box<dyn FnMut(FrameSink) -> Result<(Box<dyn Device>, Option<Keepalive>), DeviceError> + Send>;

/// How long reconnecting may take before the run gives up.
const RECONNECT_GIVE_UP: Duration = Duration::from_secs(60);
/// Consecutive "device does not answer" errors after which the run stops.
const MAX_NO_REPLY: u32 = 3;

/// Why the run must end before the last card.
pub(crate) enum Stop {
    /// The operator aborted.
    Operator,
    /// The device went away and did not come back, or stopped answering.
    DeviceLost(String),
    /// The run cannot go on: it cannot record, or its host cannot be set up.
    CouldNotRun(String),
}

impl Stop {
    /// How the run ended, for the summary and the report folder.
    pub(crate) fn end(self) -> RunEnd {
        match self {
            Stop::Operator => RunEnd::StoppedByOperator,
            Stop::DeviceLost(why) => RunEnd::DeviceLost(why),
            Stop::CouldNotRun(why) => RunEnd::CouldNotRun(why),
        }
    }
}

/// What the swipe and chip steps read from one card; clear values stay in masked wrappers.
#[derive(Default)]
#[allow(dead_code)] // chip and host fields are read by the EMV and host adapters
pub(crate) struct CardData {
    pub pan: Option<Pan>,
    pub track2: Option<Track2>,
    pub chip_track2: Option<Track2>,
    pub expiry: Option<String>,
    pub service_code: Option<String>,
    /// DE 55 candidate (chip data as TLV), when the chip step read one.
    pub icc_data: Option<Vec<u8>>,
    pub aid: String,
}

pub(crate) struct Engine {
    pub cfg: RunPlan,
    pub events: Sender<BenchEvent>,
    pub commands: Receiver<BenchCommand>,
    pub bins: BinTable,
    pub deck: Deck,
    pub cards: Vec<CardSummary>,
    opener: Opener,
    dev: Option<(Box<dyn Device>, Option<Keepalive>)>,
    pub info: DeviceInfo,
    log: AttemptLog,
    pub recs: Vec<Recorded>,
    pub obs: Vec<Observation>,
    link: Arc<Mutex<LinkStats>>,
    sink: FrameSink,
    pub aborted: bool,
    no_reply: u32,
    pub host: Option<super::net::HostLink>,
    /// Current card (for rows recorded by the reconnect logic).
    current: Option<usize>,
    pending_skip: bool,
    pending_retry: bool,
    chip_repeats: u32,
    /// Inside `wait_card`: a timeout there means "no card yet", not "reader silent".
    waiting_card: bool,
    /// The current interface step met the deck's expected failure.
    expect_met: bool,
}

fn t(en: impl Into<String>, zh: impl Into<String>) -> Text {
    Text::new(en, zh)
}

/// Counts link trouble from the driver's frame notes (NAK, resend, resync, bad checksum).
fn is_retry_note(f: &FrameRecord) -> bool {
    if f.dir != crate::trace::Direction::Note {
        return false;
    }
    let text = format!("{} {}", f.ascii, f.layers.join(" ")).to_ascii_lowercase();
    [
        "nak", "resend", "retry", "resync", "bcc", "garbage", "discard", "checksum", "lrc mism",
        "corrupt",
    ]
    .iter()
    .any(|k| text.contains(k))
}

/// Runs a whole checklist on the calling thread (the worker).
pub(crate) fn run(
    cfg: RunPlan,
    events: Sender<BenchEvent>,
    commands: Receiver<BenchCommand>,
    opener: Opener,
) -> RunSummary {
    let fail = |why: String, events: &Sender<BenchEvent>, cfg: &RunPlan| {
        let _ = events.send(BenchEvent::Aborted(why.clone()));
        RunSummary {
            report_dir: cfg.out_dir.clone(),
            end: RunEnd::CouldNotRun(why),
            ..RunSummary::default()
        }
    };
    let bins = match BinTable::with_overrides(cfg.bins.as_deref()) {
        Ok(b) => b,
        Err(e) => return fail(format!("BIN file: {e}"), &events, &cfg),
    };
    let deck = match Deck::for_device(cfg.deck.as_deref(), &cfg.device, &bins) {
        Ok(d) => d,
        Err(e) => return fail(format!("deck: {e}"), &events, &cfg),
    };
    let log = match AttemptLog::open(&cfg.out_dir, cfg.excel) {
        Ok(l) => l,
        Err(e) => {
            return fail(
                format!("cannot write reports in {}: {e}", cfg.out_dir.display()),
                &events,
                &cfg,
            )
        }
    };
    let link = Arc::new(Mutex::new(LinkStats::default()));
    let sink: FrameSink = {
        let tx = events.clone();
        let link = link.clone();
        Arc::new(move |f: FrameRecord| {
            if let Ok(mut l) = link.lock() {
                if f.dir == crate::trace::Direction::Note {
                    if is_retry_note(&f) {
                        l.retries += 1;
                    }
                } else {
                    l.frames += 1;
                }
            }
            let _ = tx.send(BenchEvent::Frame(f));
        })
    };
    let mut e = Engine {
        cards: deck.summaries(),
        cfg,
        events,
        commands,
        bins,
        deck,
        opener,
        dev: None,
        info: DeviceInfo::default(),
        log,
        recs: Vec::new(),
        obs: Vec::new(),
        link,
        sink,
        aborted: false,
        no_reply: 0,
        host: None,
        current: None,
        pending_skip: false,
        pending_retry: false,
        chip_repeats: 0,
        waiting_card: false,
        expect_met: false,
    };
    e.run_all()
}

impl Engine {
    /// How many times the device was lost so far.
    pub(crate) fn lost_count(&self) -> u32 {
        self.link.lock().map(|l| l.lost).unwrap_or(0)
    }

    /// The frame sink (device and host frames go to the UI through it).
    pub(crate) fn sink(&self) -> FrameSink {
        self.sink.clone()
    }

    fn send(&self, ev: BenchEvent) {
        // The UI may have quit; the run still completes and writes its reports.
        let _ = self.events.send(ev);
    }

    fn note(&self, en: impl Into<String>, zh: impl Into<String>) {
        self.send(BenchEvent::Note(t(en, zh)));
    }

    fn run_all(&mut self) -> RunSummary {
        // Open and identify.
        let opened = (self.opener)(self.sink.clone());
        match opened {
            Ok(d) => self.dev = Some(d),
            Err(err) => {
                let why = format!("cannot open {}: {err}", self.cfg.device);
                self.send(BenchEvent::Aborted(why.clone()));
                return RunSummary {
                    report_dir: self.cfg.out_dir.clone(),
                    end: RunEnd::CouldNotRun(why),
                    ..RunSummary::default()
                };
            }
        }
        let ident = self.device_call(|d| d.identify());
        let mut end = RunEnd::Complete;
        match ident {
            Ok(info) => self.info = info,
            Err(s) => end = s.end(),
        }
        if self.info.profile.is_empty() {
            if let Some((d, _)) = &self.dev {
                self.info.profile = d.profile().to_string();
            }
        }
        if let Some((d, _)) = &self.dev {
            let caps = d.capabilities();
            self.deck.restrict(caps);
            self.cards = self.deck.summaries();
        }
        self.send(BenchEvent::Started {
            station: self.cfg.station.clone(),
            device: self.cfg.device.to_string(),
            terminal: self.info.clone(),
            cards: self.cards.clone(),
            report_dir: self.cfg.out_dir.clone(),
        });
        if end.is_complete() {
            if let Err(s) = self.run_cards() {
                end = s.end();
            }
        }
        if let Some(why) = end.reason() {
            self.note(format!("run stopped: {why}"), format!("测试中止：{why}"));
        }
        // Close the device before the summaries (an in-process simulator stops with it).
        self.dev = None;
        self.finish(end)
    }

    fn run_cards(&mut self) -> Result<(), Stop> {
        // Network: one echo per run.
        let mut host = super::net::HostLink::start(self)?;
        if let Some(h) = host.as_mut() {
            let rows = h.echo(self);
            for r in rows {
                self.record(None, r)?;
            }
        }
        self.host = host;
        let n = self.deck.cards.len();
        for i in 0..n {
            self.check_commands();
            if self.aborted {
                return Err(Stop::Operator);
            }
            self.current = Some(i);
            let card = self.deck.cards[i].clone();
            let mut data = CardData::default();
            let mut card_ok = true;
            for iface in card.interfaces.clone() {
                self.expect_met = false;
                let ok = loop {
                    let ok = match iface {
                        Interface::Swipe => self.swipe_step(i, &card, &mut data)?,
                        Interface::Chip => self.chip_step(i, &card, &mut data)?,
                        Interface::Network => self.network_step(i, &card, &data)?,
                    };
                    self.check_commands();
                    if self.pending_retry {
                        self.pending_retry = false;
                        self.note("retrying the step", "重做此步骤");
                        continue;
                    }
                    break ok;
                };
                card_ok &= ok;
                card_ok &= self.check_expectation(i, &card, iface)?;
                self.pause();
            }
            // Done with the card; one retry (a noisy line may garble the answer). A reader
            // that really stopped answering ends the run through the no-reply counter.
            let mut done = self.device_try(|d| d.card_done(card_ok))?;
            if done.is_err() {
                done = self.device_try(|d| d.card_done(card_ok))?;
            }
            if let Err(e) = done {
                self.device_error_row(i, Interface::Swipe, "card_done", &e)?;
            }
            self.send(BenchEvent::PromptCleared);
        }
        self.current = None;
        Ok(())
    }

    /// After an interface step: a card expected to fail there that did not is a failure
    /// (`expectation_not_met`). Returns whether the expectation holds.
    fn check_expectation(
        &mut self,
        i: usize,
        card: &DeckCard,
        iface: Interface,
    ) -> Result<bool, Stop> {
        let exp = card.expectation(iface);
        if exp == Expect::Pass || self.expect_met {
            return Ok(true);
        }
        let judged = self.recs.iter().any(|r| {
            r.card == Some(i)
                && r.attempt.interface == iface
                && matches!(r.attempt.outcome, Outcome::Pass | Outcome::Fail)
        });
        if !judged {
            return Ok(true);
        }
        let mut a = self.row(Some(i), iface, "expectation");
        a.outcome = Outcome::Fail;
        a.signal = Signal::ExpectationNotMet;
        a.detail = format!(
            "the deck expects this card to fail with {} on {iface}, and it did not",
            exp.as_string()
        );
        self.record(Some(i), a)?;
        Ok(false)
    }

    fn pause(&mut self) {
        let until = Instant::now() + self.cfg.pacing.step_pause();
        while Instant::now() < until {
            self.check_commands();
            if self.aborted {
                return;
            }
            std::thread::sleep(Duration::from_millis(20).min(self.cfg.pacing.step_pause()));
        }
    }

    /// Handles commands that arrived (non-blocking).
    fn check_commands(&mut self) {
        while let Ok(c) = self.commands.try_recv() {
            match c {
                BenchCommand::Abort => self.aborted = true,
                BenchCommand::Skip => self.pending_skip = true,
                BenchCommand::Retry => self.pending_retry = true,
                BenchCommand::ExportNow => {
                    let conclusions = self.conclusions();
                    if let Err(e) = self.write_summaries(&conclusions) {
                        self.note(format!("export failed: {e}"), format!("导出失败：{e}"));
                    }
                    self.send(BenchEvent::Diagnosis(conclusions));
                }
                BenchCommand::Confirm => {}
            }
        }
    }

    fn conclusions(&self) -> Vec<crate::diagnosis::Conclusion> {
        let link = self.link.lock().map(|l| l.clone()).unwrap_or_default();
        crate::diagnosis::diagnose(&self.obs, &link)
    }

    fn write_summaries(
        &self,
        conclusions: &[crate::diagnosis::Conclusion],
    ) -> Result<(), crate::report::ReportError> {
        let expected: Vec<BTreeMap<Interface, String>> = self
            .deck
            .cards
            .iter()
            .map(|c| {
                c.interfaces
                    .iter()
                    .map(|i| (*i, c.expectation(*i).as_string()))
                    .collect()
            })
            .collect();
        let refused = crate::report::write_summaries(
            &self.cfg.out_dir,
            &self.cards,
            &expected,
            &self.recs,
            conclusions,
            self.cfg.excel,
        )?;
        for r in refused {
            self.note(
                format!("refused a cell holding a card number: {r}"),
                format!("拒绝写入含卡号的单元格：{r}"),
            );
        }
        Ok(())
    }

    fn finish(&mut self, end: RunEnd) -> RunSummary {
        if !end.is_complete() {
            if let Ok(mut l) = self.link.lock() {
                if self.no_reply >= MAX_NO_REPLY || l.lost > l.reconnected {
                    l.gave_up = true;
                }
            }
        }
        let conclusions = self.conclusions();
        if let Err(e) = self.write_summaries(&conclusions) {
            self.note(
                format!("cannot write summaries: {e}"),
                format!("无法写入汇总：{e}"),
            );
        }
        let all_passed = end.is_complete() && self.recs.iter().all(|r| r.attempt.outcome.is_ok());
        self.send(BenchEvent::Diagnosis(conclusions.clone()));
        self.send(BenchEvent::Finished {
            report_dir: self.cfg.out_dir.clone(),
            all_passed,
            end: end.clone(),
        });
        RunSummary {
            report_dir: self.cfg.out_dir.clone(),
            all_passed,
            end,
            terminal: self.info.clone(),
            conclusions,
            attempts: self.recs.iter().map(|r| r.attempt.clone()).collect(),
        }
    }

    /// A row pre-filled with the run, terminal and card columns.
    pub(crate) fn row(&self, card: Option<usize>, iface: Interface, step: &str) -> Attempt {
        let (label, bank, scheme) = match card.and_then(|i| self.deck.cards.get(i)) {
            Some(c) => (
                c.label.get(self.cfg.lang).to_string(),
                crate::bins::find_bank(&c.bank)
                    .map(|b| b.short.to_string())
                    .unwrap_or_else(|| c.bank.clone()),
                c.scheme.clone(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        Attempt {
            time: crate::trace::now_stamp(),
            station: self.cfg.station.clone(),
            terminal_id: self.cfg.device.to_string(),
            serial: self.info.serial.clone(),
            model: self.info.model.clone(),
            firmware: self.info.firmware.clone(),
            profile: self.info.profile.clone(),
            card_label: label,
            bank,
            scheme,
            interface: iface,
            step: step.into(),
            ..Attempt::default()
        }
    }

    /// Fills the card columns from what was read (masked PAN, BIN, bank, scheme).
    pub(crate) fn fill_card(&self, a: &mut Attempt, pan: Option<&Pan>) {
        let Some(pan) = pan else { return };
        a.masked_pan = pan.masked();
        a.bin = pan.bin(6);
        if let Some(e) = self.bins.lookup(pan.expose_clear()) {
            a.bank = e.bank_short();
            if !e.scheme.is_empty() {
                a.scheme = e.scheme;
            }
        } else if let Some(s) = crate::bins::scheme_of(pan.expose_clear()) {
            a.scheme = s.name().to_string();
        }
    }

    /// Records one attempt: judged against the deck expectation, classified, appended and
    /// synced, then sent to the UI.
    /// Records one attempt and says whether it counts as a pass (after the card's expectation
    /// has been applied, so an expected failure that was met is a pass).
    pub(crate) fn record(&mut self, card: Option<usize>, mut a: Attempt) -> Result<bool, Stop> {
        let iface = a.interface;
        if let Some(c) = card.and_then(|i| self.deck.cards.get(i)) {
            let exp = c.expectation(iface);
            match (a.outcome, &exp) {
                (Outcome::Fail, Expect::Fail(_)) if exp.matches_failure(&a.signal, &a.rc) => {
                    a.outcome = Outcome::Pass;
                    a.detail = format!("expected failure ({}) met; {}", exp.as_string(), a.detail);
                    self.expect_met = true;
                }
                // A passing row under a failure expectation is judged once the whole
                // interface step is done (`check_expectation`).
                _ => {}
            }
        }
        if a.outcome.is_bad() && a.family.is_none() {
            a.family = Some(classify(&a.signal).family);
        }
        a.detail = crate::sensitive::redact_text(&a.detail);
        match self.log.append(&a) {
            Ok(refused) => {
                for c in refused {
                    self.note(
                        format!("refused a cell holding a card number (column {c})"),
                        format!("拒绝写入含卡号的单元格（{c} 列）"),
                    );
                }
            }
            Err(e) => {
                return Err(Stop::CouldNotRun(format!(
                    "cannot append to attempts.csv: {e}"
                )));
            }
        }
        let outcome = a.outcome;
        let (label, reference, bank_text) = match card.and_then(|i| self.deck.cards.get(i)) {
            Some(c) => (c.label.clone(), c.reference, bank_text(&a.bank, c)),
            None => (Text::default(), false, Text::default()),
        };
        self.obs.push(Observation {
            card,
            label,
            reference,
            bank: a.bank.clone(),
            bank_text,
            scheme: a.scheme.clone(),
            interface: iface,
            step: a.step.clone(),
            outcome,
            signal: a.signal.clone(),
            rc: a.rc.clone(),
            tracks: card
                .and_then(|i| self.deck.cards.get(i))
                .map(|c| crate::diagnosis::view::track_bits(&c.tracks))
                .unwrap_or(0),
        });
        self.recs.push(Recorded {
            card,
            attempt: a.clone(),
        });
        self.send(BenchEvent::Attempt {
            card,
            interface: iface,
            outcome,
            row: Box::new(a),
        });
        Ok(outcome == Outcome::Pass)
    }

    // ---- device access with reconnect ---------------------------------------------------

    /// Calls the device; on `Lost` records an ERROR row, reconnects with backoff and repeats
    /// the call (the interrupted step resumes). Timeouts and other errors go back to the step.
    fn device_try<T>(
        &mut self,
        mut f: impl FnMut(&mut dyn Device) -> Result<T, DeviceError>,
    ) -> Result<Result<T, DeviceError>, Stop> {
        loop {
            let Some((dev, _)) = self.dev.as_mut() else {
                return Err(Stop::DeviceLost("no device".into()));
            };
            match f(dev.as_mut()) {
                Err(DeviceError::Lost(why)) => {
                    self.lost(&why)?;
                }
                Err(DeviceError::Timeout {
                    what,
                    after_ms,
                    silent: Silent::Reader,
                }) if !self.waiting_card => {
                    self.no_reply += 1;
                    let r = Err(DeviceError::Timeout {
                        what,
                        after_ms,
                        silent: Silent::Reader,
                    });
                    if self.no_reply >= MAX_NO_REPLY {
                        self.record_no_reply(&r)?;
                        return Err(Stop::DeviceLost("the reader stopped answering".into()));
                    }
                    return Ok(r);
                }
                // Only answers that carry data reset the no-reply counter (see `answered`):
                // commands without a reply (cancel, LEDs) succeed on a frozen reader too.
                other => return Ok(other),
            }
        }
    }

    fn record_no_reply<T>(&mut self, r: &Result<T, DeviceError>) -> Result<(), Stop> {
        let Err(e) = r else { return Ok(()) };
        let mut a = self.row(self.current, self.current_iface(), "device");
        a.outcome = Outcome::Error;
        a.signal = Signal::NoReply;
        a.detail = format!("the reader does not answer: {e}");
        let card = self.current;
        self.record(card, a).map(|_| ())
    }

    fn current_iface(&self) -> Interface {
        self.current
            .and_then(|i| self.deck.cards.get(i))
            .and_then(|c| c.interfaces.first().copied())
            .unwrap_or(Interface::Swipe)
    }

    /// Like [`device_try`] but any error other than a timeout waiting for a card ends the
    /// step as an ERROR row recorded by the caller; used for calls that must work.
    fn device_call<T>(
        &mut self,
        f: impl FnMut(&mut dyn Device) -> Result<T, DeviceError>,
    ) -> Result<T, Stop> {
        match self.device_try(f)? {
            Ok(v) => Ok(v),
            Err(e) => {
                let r: Result<(), DeviceError> = Err(e);
                self.record_no_reply(&r)?;
                Err(Stop::DeviceLost(
                    r.err().map(|e| e.to_string()).unwrap_or_default(),
                ))
            }
        }
    }

    fn lost(&mut self, why: &str) -> Result<(), Stop> {
        if let Ok(mut l) = self.link.lock() {
            l.lost += 1;
        }
        let mut a = self.row(self.current, self.current_iface(), "device");
        a.outcome = Outcome::Error;
        a.signal = Signal::DeviceLost;
        a.detail = format!("device lost: {why}");
        let card = self.current;
        self.record(card, a)?;
        self.send(BenchEvent::DeviceLost(why.to_string()));
        // Drop the old handle first: the port must be closed before it can be reopened.
        self.dev = None;
        let start = Instant::now();
        let mut backoff = Duration::from_millis(100);
        loop {
            self.check_commands();
            if self.aborted {
                return Err(Stop::Operator);
            }
            std::thread::sleep(backoff);
            match (self.opener)(self.sink.clone()) {
                Ok(d) => {
                    self.dev = Some(d);
                    if let Ok(mut l) = self.link.lock() {
                        l.reconnected += 1;
                    }
                    self.send(BenchEvent::Reconnected);
                    self.note(
                        "device reconnected; resuming the step",
                        "设备已重连；继续当前步骤",
                    );
                    return Ok(());
                }
                Err(e) => {
                    if start.elapsed() >= RECONNECT_GIVE_UP {
                        return Err(Stop::DeviceLost(format!(
                            "device lost and not back after {} s: {e}",
                            RECONNECT_GIVE_UP.as_secs()
                        )));
                    }
                }
            }
            backoff = (backoff * 2).min(Duration::from_secs(2));
        }
    }

    // ---- prompts -------------------------------------------------------------------------

    fn prompt(&self, card: usize, action: PromptAction, extra: &str) {
        let c = &self.deck.cards[card];
        let total = self.deck.cards.len();
        let n = card + 1;
        let (en_verb, zh_verb) = match action {
            PromptAction::Swipe => ("Swipe", "请刷卡"),
            PromptAction::Insert => ("Insert", "请插卡"),
            PromptAction::Remove => ("Remove", "请取卡"),
            PromptAction::Host => ("Host check for", "主机交易"),
        };
        let text = t(
            format!("{en_verb} card {n} of {total} — {}{extra}", c.label.en),
            format!("{zh_verb} — 第 {n}/{total} 张 {}{extra}", c.label.zh),
        );
        self.send(BenchEvent::Prompt(Prompt {
            card,
            total,
            action,
            text,
            timeout_s: self.cfg.prompt_timeout.as_secs(),
        }));
    }

    /// Waits for a card by repeating `f` in short slices until the prompt times out, the
    /// operator skips, or the device answers. `Ok(None)` = timed out or skipped (row recorded).
    fn wait_card<T>(
        &mut self,
        card: usize,
        iface: Interface,
        step: &str,
        mut f: impl FnMut(&mut dyn Device, Duration) -> Result<Option<T>, DeviceError>,
    ) -> Result<Option<Result<T, DeviceError>>, Stop> {
        let deadline = Instant::now() + self.cfg.prompt_timeout;
        loop {
            self.check_commands();
            if self.aborted {
                return Err(Stop::Operator);
            }
            if self.pending_skip {
                self.pending_skip = false;
                let mut a = self.row(Some(card), iface, step);
                a.outcome = Outcome::Skip;
                a.signal = Signal::Skipped;
                a.detail = "skipped by the operator".into();
                self.record(Some(card), a)?;
                return Ok(None);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let mut a = self.row(Some(card), iface, step);
                a.outcome = Outcome::Error;
                a.signal = Signal::PromptTimeout;
                a.detail = format!(
                    "prompt timed out after {} s (no card presented)",
                    self.cfg.prompt_timeout.as_secs()
                );
                self.record(Some(card), a)?;
                let _ = self.device_try(|d| d.cancel())?;
                return Ok(None);
            }
            let slice = left.min(Duration::from_secs(2));
            self.waiting_card = true;
            let got = self.device_try(|d| f(d, slice));
            self.waiting_card = false;
            match got? {
                Ok(Some(v)) => {
                    self.no_reply = 0;
                    return Ok(Some(Ok(v)));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50).min(left)),
                Err(DeviceError::Timeout { silent, .. }) => {
                    let _ = self.device_try(|d| d.cancel())?;
                    if silent == Silent::Reader {
                        // Some readers time out the same way with no card and when frozen:
                        // a liveness probe tells them apart (a frozen one counts as no reply).
                        match self.device_try(|d| d.identify())? {
                            Ok(_) => self.no_reply = 0,
                            Err(DeviceError::Timeout { .. }) => {}
                            Err(e) => return Ok(Some(Err(e))),
                        }
                    }
                }
                Err(e) => return Ok(Some(Err(e))),
            }
        }
    }

    /// Records an ERROR row for a device error inside a step.
    fn device_error_row(
        &mut self,
        card: usize,
        iface: Interface,
        step: &str,
        e: &DeviceError,
    ) -> Result<(), Stop> {
        let mut a = self.row(Some(card), iface, step);
        a.outcome = Outcome::Error;
        a.signal = match e {
            DeviceError::Timeout { .. } => Signal::NoReply,
            DeviceError::Protocol(_) | DeviceError::Nak(_) => Signal::ProtocolError,
            DeviceError::Unsupported(_) => Signal::Unsupported,
            _ => Signal::DeviceLost,
        };
        if matches!(e, DeviceError::Unsupported(_)) {
            a.outcome = Outcome::Skip;
        }
        a.detail = e.to_string();
        self.record(Some(card), a).map(|_| ())
    }

    // ---- swipe -----------------------------------------------------------------------------

    fn swipe_step(&mut self, i: usize, card: &DeckCard, data: &mut CardData) -> Result<bool, Stop> {
        let n = self.cfg.swipes.max(1);
        let chip_capable = self
            .dev
            .as_ref()
            .map(|(d, _)| d.capabilities().chip)
            .unwrap_or(false);
        let mut ok_all = true;
        let mut counters: BTreeMap<u8, (u32, BTreeMap<String, u32>)> = BTreeMap::new();
        for k in 1..=n {
            let step = format!("swipe#{k}");
            self.prompt(
                i,
                PromptAction::Swipe,
                &if n > 1 {
                    format!(" (swipe {k}/{n})")
                } else {
                    String::new()
                },
            );
            let started = Instant::now();
            let got =
                self.wait_card(i, Interface::Swipe, &step, |d, w| d.read_swipe(w).map(Some))?;
            let read = match got {
                None => {
                    ok_all = false;
                    continue;
                }
                Some(Err(e)) => {
                    self.device_error_row(i, Interface::Swipe, &step, &e)?;
                    ok_all = false;
                    continue;
                }
                Some(Ok(r)) => r,
            };
            let latency = elapsed_ms(started);
            for tr in read
                .tracks
                .iter()
                .filter(|t| card.tracks.contains(&t.track))
            {
                let e = counters.entry(tr.track).or_default();
                if tr.status.is_ok() {
                    e.0 += 1;
                } else {
                    *e.1.entry(tr.status.code()).or_default() += 1;
                }
            }
            let mut a = self.judge_swipe(i, card, &read, chip_capable, data);
            a.step = step;
            a.latency_ms = Some(latency);
            if k == n {
                let c: Vec<String> = counters
                    .iter()
                    .map(|(t, (ok, bad))| {
                        let bad: Vec<String> =
                            bad.iter().map(|(c, n)| format!("{n} {c}")).collect();
                        if bad.is_empty() {
                            format!("t{t} {ok}/{n} ok")
                        } else {
                            format!("t{t} {ok}/{n} ok ({})", bad.join(", "))
                        }
                    })
                    .collect();
                a.detail = format!("{}; after {n} swipes: {}", a.detail, c.join(", "));
            }
            ok_all &= self.record(Some(i), a)?;
        }
        Ok(ok_all)
    }

    fn judge_swipe(
        &self,
        i: usize,
        card: &DeckCard,
        read: &SwipeRead,
        chip_capable: bool,
        data: &mut CardData,
    ) -> Attempt {
        let mut a = self.row(Some(i), Interface::Swipe, "swipe");
        let mut parts: Vec<String> = Vec::new();
        let mut signal: Option<Signal> = None;
        for n in 1u8..=3 {
            let st = read
                .track(n)
                .map(|t| t.status.clone())
                .unwrap_or(TrackStatus::NoData);
            let expected = card.tracks.contains(&n);
            if !expected && !st.is_ok() {
                continue;
            }
            parts.push(format!("t{n} {st}"));
            if let (true, None, Some(fault)) = (expected, &signal, st.fault()) {
                signal = Some(Signal::track(n, fault));
            }
        }
        let fields = read.fields().cloned();
        if let Some(t2) = &read.track2 {
            data.track2 = Some(t2.clone());
        }
        let pan = fields.as_ref().map(|f| f.pan.clone());
        self.fill_card(&mut a, pan.as_ref());
        if let Some(f) = &fields {
            data.pan = Some(f.pan.clone());
            if !f.luhn_ok {
                parts.push("Luhn FAILED".into());
                signal.get_or_insert(Signal::Luhn);
            } else {
                parts.push("Luhn ok".into());
            }
            if let Some(exp) = &f.expiry {
                data.expiry = Some(exp.clone());
                if is_expired(exp) {
                    parts.push(format!("expired {exp}"));
                    signal.get_or_insert(Signal::Expired);
                } else {
                    parts.push(format!("exp {exp}"));
                }
            }
            if let Some(sc) = &f.service_code {
                data.service_code = Some(sc.clone());
                parts.push(format!("sc {sc}"));
                if chip_capable && (sc.starts_with('2') || sc.starts_with('6')) {
                    parts.push("chip card, should be inserted".into());
                }
            }
            if self.bins.lookup(f.pan.expose_clear()).is_none()
                && crate::bins::scheme_of(f.pan.expose_clear()).is_none()
            {
                parts.push("BIN unknown".into());
            }
        } else if signal.is_none() {
            signal = Some(Signal::BadFormat);
        }
        // Track 1 vs track 2: same PAN and expiry (compared without printing either).
        if let (Some(t1), Some(t2)) = (
            read.track(1)
                .filter(|t| t.status.is_ok())
                .and_then(|t| t.fields.as_ref()),
            read.track(2)
                .filter(|t| t.status.is_ok())
                .and_then(|t| t.fields.as_ref()),
        ) {
            if t1.pan != t2.pan
                || (t1.expiry.is_some() && t2.expiry.is_some() && t1.expiry != t2.expiry)
            {
                parts.push("track 1 and track 2 disagree".into());
                signal.get_or_insert(Signal::TrackMismatch);
            } else {
                parts.push("t1=t2".into());
            }
        }
        if !card.bank.is_empty() && !a.bank.is_empty() {
            if let Some(b) = crate::bins::find_bank(&card.bank) {
                if b.short != a.bank {
                    parts.push(format!("deck expects {} — wrong card presented?", b.short));
                }
            }
        }
        if !read.reader_status.is_empty() {
            parts.push(format!("reader {}", read.reader_status));
        }
        match signal {
            Some(s) => {
                a.outcome = Outcome::Fail;
                a.signal = s;
            }
            None => {
                a.outcome = Outcome::Pass;
                a.signal = if parts.iter().any(|p| p.starts_with("chip card")) {
                    Signal::ChipCardSwiped
                } else {
                    Signal::Ok
                };
            }
        }
        a.detail = parts.join("; ");
        a
    }

    // ---- chip ------------------------------------------------------------------------------

    fn chip_step(&mut self, i: usize, card: &DeckCard, data: &mut CardData) -> Result<bool, Stop> {
        self.prompt(i, PromptAction::Insert, "");
        let started = Instant::now();
        let got = self.wait_card(i, Interface::Chip, "atr", |d, _w| {
            match d.chip_power_on()? {
                ChipPower::NoCard(_) => Ok(None),
                p => Ok(Some(p)),
            }
        })?;
        let power = match got {
            None => return Ok(false),
            Some(Err(e)) => {
                self.device_error_row(i, Interface::Chip, "atr", &e)?;
                return Ok(false);
            }
            Some(Ok(p)) => p,
        };
        let mut a = self.row(Some(i), Interface::Chip, "atr");
        a.latency_ms = Some(elapsed_ms(started));
        match power {
            ChipPower::Atr { atr, t1 } => {
                a.atr = crate::hexfmt::hex_spaced(&atr);
                a.outcome = Outcome::Pass;
                a.signal = Signal::Ok;
                a.detail = format!("ATR {} bytes, T={}", atr.len(), if t1 { 1 } else { 0 });
                let atr_hex = a.atr.clone();
                self.record(Some(i), a)?;
                let Some(rows) = super::chip::emv_rows(self, i, card, data, &atr_hex)? else {
                    // Lost and reconnected mid-flow: the card must be powered again.
                    if self.chip_repeats < 2 {
                        self.chip_repeats += 1;
                        let r = self.chip_step(i, card, data);
                        self.chip_repeats = 0;
                        return r;
                    }
                    return Ok(false);
                };
                let mut ok = true;
                for r in rows {
                    ok &= self.record(Some(i), r)?;
                }
                let _ = self.device_try(|d| d.chip_power_off())?;
                Ok(ok)
            }
            ChipPower::Mute => {
                a.outcome = Outcome::Fail;
                a.signal = Signal::Mute;
                a.detail = "no ATR after cold and warm reset".into();
                self.record(Some(i), a)
            }
            ChipPower::NoCard(code) => {
                a.outcome = Outcome::Error;
                a.signal = Signal::ChipNoCard;
                a.detail = format!("no card at the IC position ({code})");
                self.record(Some(i), a)?;
                Ok(false)
            }
        }
    }

    /// Sends one APDU through the device with reconnect handling (for the chip flow).
    #[allow(dead_code)]
    pub(crate) fn transmit(&mut self, capdu: &[u8]) -> Result<Result<Vec<u8>, DeviceError>, Stop> {
        let r = self.device_try(|d| d.transmit(capdu))?;
        if r.is_ok() {
            self.no_reply = 0;
        }
        Ok(r)
    }

    /// Runs a closure on the device with reconnect handling (for the chip flow).
    #[allow(dead_code)]
    pub(crate) fn with_device<T>(
        &mut self,
        f: impl FnMut(&mut dyn Device) -> Result<T, DeviceError>,
    ) -> Result<Result<T, DeviceError>, Stop> {
        self.device_try(f)
    }

    // ---- network ---------------------------------------------------------------------------

    fn network_step(&mut self, i: usize, _card: &DeckCard, data: &CardData) -> Result<bool, Stop> {
        if self.host.is_none() {
            let mut a = self.row(Some(i), Interface::Network, "auth");
            self.fill_card(&mut a, data.pan.as_ref());
            a.outcome = Outcome::Skip;
            a.signal = Signal::NoHost;
            a.detail = "no host configured (--host)".into();
            self.record(Some(i), a)?;
            return Ok(true);
        }
        self.prompt(i, PromptAction::Host, "");
        let rows = match self.host.as_mut() {
            Some(h) => h.authorise(data),
            None => Vec::new(),
        };
        let mut ok = true;
        for mut r in rows {
            let base = self.row(Some(i), Interface::Network, &r.step);
            r.time = base.time;
            r.station = base.station;
            r.terminal_id = base.terminal_id;
            r.serial = base.serial;
            r.model = base.model;
            r.firmware = base.firmware;
            r.profile = base.profile;
            r.card_label = base.card_label;
            r.interface = base.interface;
            if r.bank.is_empty() {
                r.bank = base.bank;
            }
            if r.scheme.is_empty() {
                r.scheme = base.scheme;
            }
            self.fill_card(&mut r, data.pan.as_ref());
            ok &= self.record(Some(i), r)?;
        }
        Ok(ok)
    }
}

fn bank_text(short: &str, c: &DeckCard) -> Text {
    match crate::bins::find_bank(short) {
        Some(b) => Text::new(b.short, b.zh),
        None if short.is_empty() => c.bank_text(),
        None => Text::same(short),
    }
}

/// Milliseconds since `t` (saturating).
pub(crate) fn elapsed_ms(t: Instant) -> u64 {
    u64::try_from(t.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Expiry YYMM earlier than the current month.
pub(crate) fn is_expired(yymm: &str) -> bool {
    let now = chrono::Local::now().format("%y%m").to_string();
    yymm.len() == 4 && yymm.bytes().all(|b| b.is_ascii_digit()) && yymm < now.as_str()
}
