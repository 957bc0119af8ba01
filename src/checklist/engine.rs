//! The engine loop on the worker thread: opens and identifies the device, walks the deck
//! (reference card first) card by card and interface by interface — prompt, device or host
//! through [`DeviceAccess`] / [`HostSession`], the pure judges, the recorder — checks each
//! card's expectations, and ends with the diagnosis and the summary reports.

pub use super::access::{Keepalive, Opener};

use super::access::{DeviceAccess, Presented};
use super::card::CardData;
use super::judge::chip::{judge_emv, judge_power, EmvRun};
use super::judge::network::{
    auth_request, judge_auth, judge_connect, judge_echo, no_host, nothing_to_authorise,
    wrong_card_not_sent,
};
use super::judge::swipe::{judge_swipe, SwipeTally};
use super::net::HostSession;
use super::operator::Operator;
use super::outbox::Outbox;
use super::record::Recorder;
use super::stop::Stop;
use super::{BenchCommand, BenchEvent, PromptAction, RunPlan, RunStart, RunSummary};
use crate::bins::BinTable;
use crate::deck::{Deck, DeckCard};
use crate::device::emv::{EmvFlow, TerminalData};
use crate::device::{Device, DeviceError};
use crate::diagnosis::LinkStats;
use crate::i18n::{t, Lang, Text};
use crate::model::{ChipPower, Interface, RunEnd};
use crate::report::AttemptLog;
use crate::sensitive::Track2;
use crate::trace::FrameSink;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often a chip step powers the card again after the device was lost mid-flow.
const MAX_REPOWER: u32 = 2;

/// One run: the plan, and the parts that talk to the operator, the device, the host and the
/// report folder.
pub(crate) struct Engine {
    plan: RunPlan,
    out: Outbox,
    ops: Operator,
    rec: Recorder,
    port: DeviceAccess,
    /// Device and host frames go to the UI through it.
    sink: FrameSink,
    host: Option<HostSession>,
    /// A card's EMV flow waiting for the host after its ARQC (card powered): `engine_online`.
    pending_online: Option<(usize, EmvFlow)>,
}

#[path = "engine_online.rs"]
mod online;

/// What every run sets up before its first step: the outbox, the recorder over the deck and
/// `attempts.csv`, and the frame sink with its link counters. `Err` is the summary of a run
/// that could not start (already announced on the event channel).
pub(crate) fn prepare(
    plan: &RunPlan,
    events: Sender<BenchEvent>,
) -> Result<Prepared, Box<RunSummary>> {
    let fail = |why: Text| {
        let _ = events.send(BenchEvent::Aborted(why.clone()));
        Box::new(RunSummary {
            report_dir: plan.out_dir.clone(),
            end: RunEnd::CouldNotRun(why),
            ..RunSummary::default()
        })
    };
    // A mistyped profile is the device address's fault, not the deck's: say so first.
    crate::device::open::check_profile(&plan.device.profile).map_err(|_| {
        let known = crate::device::open::all_profile_names().join(", ");
        fail(Text::each(|lang| {
            t!(
                lang,
                "run-end-unknown-profile",
                device = plan.device.to_string(),
                profile = plan.device.profile.as_str(),
                known = known.as_str()
            )
            .into_owned()
        }))
    })?;
    let bins = BinTable::with_overrides(plan.bins.as_deref()).map_err(|e| {
        fail(Text::each(|lang| {
            t!(lang, "run-end-bins", reason = e.text(lang)).into_owned()
        }))
    })?;
    // Without --deck a simulator's deck is its scenario's: an error there is the scenario's.
    let what = match (&plan.deck, &plan.device.target) {
        (None, crate::device::Target::Sim(Some(_))) => "scenario",
        _ => "deck",
    };
    let deck = Deck::for_device(plan.deck.as_deref(), &plan.device, &bins).map_err(|e| {
        fail(Text::each(|lang| {
            t!(lang, "run-end-deck", what = what, reason = e.text(lang)).into_owned()
        }))
    })?;
    // A fresh folder of its own: a reused --out is refused, never mixed with another run.
    crate::report::create_run_dir(&plan.out_dir)
        .map_err(|e| fail(Text::each(|lang| e.text(lang))))?;
    let dir = plan.out_dir.display().to_string();
    let cannot_write = |reason: &dyn Fn(Lang) -> String| {
        fail(Text::each(|lang| {
            t!(
                lang,
                "run-end-reports",
                dir = dir.as_str(),
                reason = reason(lang)
            )
            .into_owned()
        }))
    };
    let log = AttemptLog::open(&plan.out_dir, plan.excel)
        .map_err(|e| cannot_write(&|lang| e.text(lang)))?;
    let trace = crate::report::trace_log::TraceLog::create(&plan.out_dir)
        .map_err(|e| cannot_write(&|lang| crate::i18n::io_text(&e, lang)))?;
    let link = Arc::new(Mutex::new(LinkStats::default()));
    let out = Outbox::with_trace(events, trace);
    let sink = super::sink::frame_sink(out.clone(), link.clone());
    let rec = Recorder::new(plan, deck, bins, log, link.clone(), out.clone());
    Ok(Prepared {
        out,
        rec,
        sink,
        link,
    })
}

/// The operator's note that the run stopped early, and why ([`RunEnd::reason_in`]).
pub(crate) fn note_stopped(out: &Outbox, end: &RunEnd) {
    if end.reason().is_some() {
        let why = |lang| end.reason_in(lang).unwrap_or_default();
        out.send(BenchEvent::Note(Text::each(|lang| {
            t!(lang, "run-note-stopped", reason = why(lang)).into_owned()
        })));
    }
}

/// What [`prepare`] sets up.
pub(crate) struct Prepared {
    pub out: Outbox,
    pub rec: Recorder,
    pub sink: FrameSink,
    /// The frame sink's counters, read by the diagnosis.
    pub link: Arc<Mutex<LinkStats>>,
}

/// Runs a whole checklist on the calling thread (the worker).
pub(crate) fn run(
    plan: RunPlan,
    events: Sender<BenchEvent>,
    commands: Receiver<BenchCommand>,
    opener: Opener,
) -> RunSummary {
    let Prepared {
        out,
        rec,
        sink,
        link,
    } = match prepare(&plan, events) {
        Ok(p) => p,
        Err(summary) => return *summary,
    };
    let port = DeviceAccess::new(opener, sink.clone(), link, out.clone(), plan.prompt_timeout)
        .with_reconnect_window(plan.reconnect_window);
    let mut e = Engine {
        plan,
        out,
        ops: Operator::new(commands),
        rec,
        port,
        sink,
        host: None,
        pending_online: None,
    };
    e.run_all()
}

/// Milliseconds since `t` (saturating).
fn elapsed_ms(t: Instant) -> u64 {
    u64::try_from(t.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Engine {
    fn run_all(&mut self) -> RunSummary {
        if let Err(err) = self.port.open() {
            // `DeviceError::Open` already names the device; other errors need the prefix.
            let device = self.plan.device.to_string();
            let said = |lang| match err {
                DeviceError::Open { .. } => err.text(lang),
                _ => {
                    let reason = err.text(lang);
                    let args = [
                        ("device", device.as_str().into()),
                        ("reason", reason.into()),
                    ];
                    crate::i18n::tr_args(lang, "errors-cannot-open-device", &args).into_owned()
                }
            };
            let said = Text::each(said);
            let end = RunEnd::CouldNotRun(said.clone());
            self.rec.could_not_run(&end);
            self.out.send(BenchEvent::Aborted(said));
            return RunSummary {
                report_dir: self.plan.out_dir.clone(),
                end,
                ..RunSummary::default()
            };
        }
        let mut end = self.identify();
        self.rec.trace_deck();
        self.out.send(BenchEvent::Started(RunStart {
            station: self.plan.station.clone(),
            device: self.plan.device.to_string(),
            terminal: self.rec.terminal().clone(),
            cards: self.rec.cards().to_vec(),
            report_dir: self.plan.out_dir.clone(),
        }));
        if end.is_complete() {
            if let Err(s) = self.run_cards() {
                end = s.end();
            }
        }
        note_stopped(&self.out, &end);
        // Close the device before the summaries (an in-process simulator stops with it).
        self.port.close();
        self.port.settle(&end);
        self.rec.finish(end)
    }

    /// Asks the device who it is (again after a timeout: a garbled answer is not silence) and
    /// drops the deck's interfaces it cannot do. A device that does not answer ends the run
    /// before the first card.
    fn identify(&mut self) -> RunEnd {
        let (mut info, end) = match self
            .port
            .call_again(&mut self.rec, &mut self.ops, |d| d.identify())
        {
            Ok(info) => (info, RunEnd::Complete),
            Err(s) => (Default::default(), s.end()),
        };
        if info.profile.is_empty() {
            info.profile = self.port.profile().unwrap_or_default();
        }
        let profile = info.profile.clone();
        self.rec.set_terminal(info);
        if let Some(caps) = self.port.capabilities() {
            // Dropping a step the reader cannot do would let the run pass without its checks.
            match super::fit::refusal(self.rec.deck(), caps, &profile) {
                Some(why) if end.is_complete() => return RunEnd::CouldNotRun(why),
                _ => {}
            }
            self.rec.restrict(caps);
        }
        end
    }

    fn run_cards(&mut self) -> Result<(), Stop> {
        self.start_host()?;
        for i in 0..self.rec.deck().cards.len() {
            self.ops.check(&self.rec)?;
            self.rec.set_current(Some(i));
            let card = self.rec.deck().cards[i].clone();
            let mut data = CardData::default();
            let mut card_ok = true;
            for iface in card.interfaces.iter().copied() {
                self.rec.begin_step();
                let ok = loop {
                    let ok = self.step(iface, i, &card, &mut data)?;
                    if self.ops.retry_requested(&self.rec) {
                        self.out.note(Text::tr("run-note-retrying"));
                        continue;
                    }
                    break ok;
                };
                card_ok &= ok;
                card_ok &= self.rec.check_expectation(i, iface)?;
                self.pause();
            }
            self.drop_pending_online()?;
            self.card_done(i, card_ok)?;
            self.out.send(BenchEvent::PromptCleared);
        }
        self.rec.set_current(None);
        Ok(())
    }

    /// One interface step of card `i`; whether all its rows passed.
    fn step(
        &mut self,
        iface: Interface,
        i: usize,
        card: &DeckCard,
        data: &mut CardData,
    ) -> Result<bool, Stop> {
        match iface {
            Interface::Swipe => self.swipe_step(i, card, data),
            Interface::Chip => self.chip_step(i, card, data),
            Interface::Network => self.network_step(i, card, data),
        }
    }

    /// Tells the device it is done with the card (LEDs, eject; simulators present the next
    /// card), with one retry: a noisy line may garble the answer. A reader that really stopped
    /// answering ends the run through the no-reply counter.
    fn card_done(&mut self, i: usize, ok: bool) -> Result<(), Stop> {
        let mut done = self.device(|d| d.card_done(ok))?;
        if done.is_err() {
            done = self.device(|d| d.card_done(ok))?;
        }
        if let Err(e) = done {
            self.record_device_error(i, Interface::Swipe, "card_done", &e)?;
        }
        Ok(())
    }

    /// The pacing pause after a step (the operator can still abort or export during it).
    fn pause(&mut self) {
        let pause = self.plan.pacing.step_pause();
        let until = Instant::now() + pause;
        while Instant::now() < until {
            if self.ops.check(&self.rec).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20).min(pause));
        }
    }

    /// Asks the operator to present card `card`. Opens the skippable wait first (see [`Operator::open_wait`]): the `wait_card` that
    /// follows is the step on screen, the only one a skip may act on.
    fn prompt(&mut self, card: usize, action: PromptAction, extra: &str) {
        self.ops.open_wait(&self.rec);
        let timeout = self.plan.prompt_timeout;
        self.out
            .prompt(self.rec.deck(), card, action, extra, timeout);
    }

    /// A device call with reconnect handling.
    fn device<T>(
        &mut self,
        f: impl FnMut(&mut dyn Device) -> Result<T, DeviceError>,
    ) -> Result<Result<T, DeviceError>, Stop> {
        self.port.try_call(&mut self.rec, &mut self.ops, f)
    }

    /// Waits for card `i` on `iface` (see [`DeviceAccess::wait_card`]).
    fn wait_card<T>(
        &mut self,
        i: usize,
        iface: Interface,
        step: &str,
        f: impl FnMut(&mut dyn Device, Duration) -> Result<Option<T>, DeviceError>,
    ) -> Result<Presented<T>, Stop> {
        let got = (self.port).wait_card(&mut self.rec, &mut self.ops, (i, iface, step), f);
        // The wait on screen is over: a later skip is not for it.
        self.ops.close_wait();
        // The card is in: "insert card N" would stay on screen while the chip is read.
        if let Ok(Presented::Card(_)) = &got {
            self.out.send(BenchEvent::PromptCleared);
        }
        got
    }

    /// Records the row of a device error inside a step.
    fn record_device_error(
        &mut self,
        i: usize,
        iface: Interface,
        step: &str,
        e: &DeviceError,
    ) -> Result<(), Stop> {
        let a = super::judge::device_error(self.rec.row(Some(i), iface, step), e);
        self.rec.record(Some(i), a).map(|_| ())
    }

    // ---- swipe -----------------------------------------------------------------------------

    /// `--swipes N` swipes of card `i`, one row each; the last carries the per-track counters.
    fn swipe_step(&mut self, i: usize, card: &DeckCard, data: &mut CardData) -> Result<bool, Stop> {
        let n = self.plan.swipes.max(1);
        let caps = self.port.capabilities().unwrap_or_default();
        let mut ok_all = true;
        let mut tally = SwipeTally::default();
        // A motorised reader reads the stripe as it pulls the card in: each swipe is an
        // insertion (the driver ejects the card between them), so the prompt says insert.
        let action = if caps.motorised {
            PromptAction::Insert
        } else {
            PromptAction::Swipe
        };
        for k in 1..=n {
            let step = format!("swipe#{k}");
            let extra = match (n > 1, caps.motorised) {
                (false, _) => String::new(),
                (true, false) => format!(" (swipe {k}/{n})"),
                (true, true) => format!(" ({k}/{n})"),
            };
            self.prompt(i, action, &extra);
            let started = Instant::now();
            let read = match self
                .wait_card(i, Interface::Swipe, &step, |d, w| d.read_swipe(w).map(Some))?
            {
                Presented::Card(read) => read,
                Presented::Missed => {
                    ok_all = false;
                    continue;
                }
                Presented::Failed(e) => {
                    self.record_device_error(i, Interface::Swipe, &step, &e)?;
                    ok_all = false;
                    continue;
                }
            };
            let latency = elapsed_ms(started);
            tally.add(&read, card);
            let base = self.rec.row(Some(i), Interface::Swipe, &step);
            // One row per fault of the swipe (the first carries the latency and the tally).
            let mut rows = judge_swipe(base, &read, card, caps, data, &self.rec.judging());
            rows[0].latency_ms = Some(latency);
            if k == n {
                let detail = [rows[0].detail_text(), tally.summary(n)];
                rows[0].set_detail(crate::checklist::judge::join_parts(&detail));
            }
            for a in rows {
                ok_all &= self.rec.record(Some(i), a)?;
            }
        }
        Ok(ok_all)
    }

    // ---- chip ------------------------------------------------------------------------------

    /// Power-on and the EMV flow; when the device is lost mid-flow the card is powered again.
    fn chip_step(&mut self, i: usize, card: &DeckCard, data: &mut CardData) -> Result<bool, Stop> {
        for _ in 0..=MAX_REPOWER {
            if let Some(ok) = self.chip_once(i, card, data)? {
                return Ok(ok);
            }
        }
        Ok(false)
    }

    /// One power-on and EMV flow; `None` when the device was lost (and is back) mid-flow.
    fn chip_once(
        &mut self,
        i: usize,
        card: &DeckCard,
        data: &mut CardData,
    ) -> Result<Option<bool>, Stop> {
        self.prompt(i, PromptAction::Insert, "");
        let started = Instant::now();
        let power = match self.wait_card(i, Interface::Chip, "atr", |d, _w| {
            match d.chip_power_on()? {
                ChipPower::NoCard(_) => Ok(None),
                p => Ok(Some(p)),
            }
        })? {
            Presented::Card(p) => p,
            Presented::Missed => return Ok(Some(false)),
            Presented::Failed(e) => {
                self.record_device_error(i, Interface::Chip, "atr", &e)?;
                return Ok(Some(false));
            }
        };
        let mut a = judge_power(self.rec.row(Some(i), Interface::Chip, "atr"), &power);
        a.latency_ms = Some(elapsed_ms(started));
        let atr = a.atr.clone();
        let passed = self.rec.record(Some(i), a)?;
        match power {
            ChipPower::Atr { .. } => {}
            ChipPower::Mute => return Ok(Some(passed)),
            ChipPower::NoCard(_) => return Ok(Some(false)),
        }
        let Some((run, flow)) = self.run_emv(atr, data.track2.as_ref(), card)? else {
            return Ok(None);
        };
        let base = self.rec.row(Some(i), Interface::Chip, "");
        let rows = judge_emv(base, &run, card, data, &self.rec.judging());
        let mut ok = true;
        for r in rows {
            ok &= self.rec.record(Some(i), r)?;
        }
        self.park_or_power_off(i, card, flow)?;
        Ok(Some(ok))
    }

    /// Drives the EMV flow (sans-IO) over the device. `None` when the device was lost and
    /// reconnected mid-flow: the card must be powered again. A deck test card's PIN goes to
    /// the flow for VERIFY (`device::emv::verify`).
    fn run_emv(
        &mut self,
        atr: String,
        stripe: Option<&Track2>,
        card: &DeckCard,
    ) -> Result<Option<(EmvRun, EmvFlow)>, Stop> {
        let started = Instant::now();
        let mut terminal = TerminalData::now();
        terminal.set_amount(super::judge::network::AUTH_AMOUNT_MINOR);
        let config =
            crate::device::emv::TerminalConfig::load_or_builtin(self.plan.terminal.as_deref())
                .map_err(|e| Stop::CouldNotRun(Text::each(|lang| e.text(lang))))?;
        let pin = card
            .pin
            .as_ref()
            .and_then(|p| crate::crypto::Pin::new(p.expose_clear()).ok());
        let mut flow = config.flow(terminal).with_offline_pin(pin);
        let Some(device_error) = self.drive_flow(&mut flow)? else {
            return Ok(None);
        };
        let run = EmvRun {
            result: flow.result(stripe),
            atr,
            device_error,
            elapsed_ms: elapsed_ms(started),
        };
        Ok(Some((run, flow)))
    }

    /// Sends the flow's commands to the card until it has none left. `Ok(None)` when the device
    /// was lost and reconnected on the way (the card must be powered again); otherwise the
    /// device error that ended the flow early, if any. A card that does not answer is the
    /// flow's to judge.
    pub(super) fn drive_flow(
        &mut self,
        flow: &mut EmvFlow,
    ) -> Result<Option<Option<String>>, Stop> {
        let lost_before = self.port.lost_count();
        while let Some(c) = flow.next_command() {
            match self.port.transmit(&mut self.rec, &mut self.ops, &c)? {
                Ok(resp) => flow.on_response(&resp),
                Err(DeviceError::Timeout { what, .. }) => flow.on_no_answer(&what),
                Err(err) => return Ok(Some(Some(err.to_string()))),
            }
            if self.port.lost_count() != lost_before {
                return Ok(None);
            }
        }
        Ok(Some(None))
    }

    // ---- network ---------------------------------------------------------------------------

    /// Sets up the host the plan names and records the run's connect and echo rows.
    fn start_host(&mut self) -> Result<(), Stop> {
        let Some(spec) = self.plan.host_spec() else {
            return Ok(());
        };
        let mut host = HostSession::start(&spec, self.sink.clone(), self.plan.bench_id.clone())?;
        let mut rows = Vec::new();
        let got = host.connect();
        let base = self.rec.row(None, Interface::Network, "connect");
        let got_ref = got.as_ref().copied().map_err(String::as_str);
        rows.push(judge_connect(base, host.addr(), got_ref));
        if got.is_ok() {
            if let Some(out) = host.echo() {
                rows.push(judge_echo(
                    self.rec.row(None, Interface::Network, "echo"),
                    &out,
                ));
            }
        }
        for r in rows {
            self.rec.record(None, r)?;
        }
        self.host = Some(host);
        Ok(())
    }

    /// One authorisation for card `i` from what the swipe or chip step read.
    fn network_step(&mut self, i: usize, card: &DeckCard, data: &CardData) -> Result<bool, Stop> {
        let auth = |rec: &Recorder| rec.row(Some(i), Interface::Network, "auth");
        let Some(host) = self.host.as_mut() else {
            let a = no_host(auth(&self.rec), data, &self.rec.judging());
            self.rec.record(Some(i), a)?;
            return Ok(true);
        };
        let timeout = self.plan.prompt_timeout;
        self.out
            .prompt(self.rec.deck(), i, PromptAction::Host, "", timeout);
        let Some(req) = auth_request(data) else {
            let a = nothing_to_authorise(auth(&self.rec));
            return self.rec.record(Some(i), a);
        };
        if let Some(a) = wrong_card_not_sent(auth(&self.rec), card, &req, &self.rec.judging()) {
            return self.rec.record(Some(i), a);
        }
        let got = host.authorise(&req);
        let got = got.as_ref().map_err(String::as_str);
        let rows = judge_auth(auth(&self.rec), &req, got, &self.rec.judging());
        let mut ok = true;
        for r in rows {
            ok &= self.rec.record(Some(i), r)?;
        }
        Ok(self.complete_online(i, card, got, &req.pan)? && ok)
    }
}
