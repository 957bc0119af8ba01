//! The recorder: pre-fills every row with the run, terminal and card columns, judges it against
//! the deck's expectation, classifies it, appends and syncs it to `attempts.csv`, keeps it for
//! the diagnosis and sends it to the UI; writes the summaries and ends the run.

use super::judge::Judging;
use super::outbox::Outbox;
use super::stop::Stop;
use super::{BenchEvent, RunPlan, RunSummary};
use crate::bins::BinTable;
use crate::deck::{CardSummary, Deck, Expect};
use crate::device::Capabilities;
use crate::diagnosis::{classify, Conclusion, LinkStats, Observation};
use crate::i18n::{Lang, Text};
use crate::model::{Attempt, DeviceInfo, Interface, Outcome, RunEnd, Signal};
use crate::report::trace_log::TraceEntry;
use crate::report::{AttemptLog, Recorded, ReportError, RunRecord, RunReport, Written};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Everything recorded so far, and what a row needs to be filled and judged.
pub(crate) struct Recorder {
    station: String,
    /// The device address the run was started with.
    terminal_id: String,
    lang: Lang,
    out_dir: PathBuf,
    excel: bool,
    terminal: DeviceInfo,
    deck: Deck,
    cards: Vec<CardSummary>,
    bins: BinTable,
    log: AttemptLog,
    recs: Vec<Recorded>,
    obs: Vec<Observation>,
    link: Arc<Mutex<LinkStats>>,
    out: Outbox,
    /// The card being checked (for rows the device access records), `None` between cards.
    current: Option<usize>,
    /// The current interface step met the card's expected failure.
    expected_failure_met: bool,
    /// `run.toml`: who, where, what, when; its end is set when the run ends.
    record: RunRecord,
}

impl Recorder {
    /// A recorder for `plan`'s run over `deck`, appending to `log`; `link` is the frame sink's
    /// counters, read by the diagnosis.
    pub(crate) fn new(
        plan: &RunPlan,
        deck: Deck,
        bins: BinTable,
        log: AttemptLog,
        link: Arc<Mutex<LinkStats>>,
        out: Outbox,
    ) -> Recorder {
        let mut record = RunRecord::starting(&plan.station, &plan.device.to_string(), plan.lang);
        record.operator = plan.operator.clone();
        record.ticket = plan.ticket.clone();
        // The profile given, until the device says who it is (a run that cannot open it).
        record.terminal.profile = plan.device.profile.clone();
        record.host = plan.host_spec().map(|h| h.to_string()).unwrap_or_default();
        record.deck.name = deck.name.clone();
        record.deck.source = plan.deck.clone().unwrap_or_default();
        record.deck.cards = deck.cards.len();
        if let Err(e) = record.write(&plan.out_dir) {
            out.note(Text::tr_each("run-note-run-toml", |lang| {
                vec![("reason", e.text(lang).into())]
            }));
        }
        Recorder {
            record,
            station: plan.station.clone(),
            terminal_id: plan.device.to_string(),
            lang: plan.lang,
            out_dir: plan.out_dir.clone(),
            excel: plan.excel,
            terminal: DeviceInfo::default(),
            cards: deck.summaries(),
            deck,
            bins,
            log,
            recs: Vec::new(),
            obs: Vec::new(),
            link,
            out,
            current: None,
            expected_failure_met: false,
        }
    }

    pub(crate) fn deck(&self) -> &Deck {
        &self.deck
    }

    /// The deck's cards as the UI shows them.
    pub(crate) fn cards(&self) -> &[CardSummary] {
        &self.cards
    }

    /// The terminal's identity (empty until it answered).
    pub(crate) fn terminal(&self) -> &DeviceInfo {
        &self.terminal
    }

    /// Sets the identity written in every later row.
    pub(crate) fn set_terminal(&mut self, info: DeviceInfo) {
        self.record.terminal = crate::report::record::TerminalRecord::new(&self.terminal_id, &info);
        self.terminal = info;
    }

    /// Sets a POS terminal's DE41 (terminal id) and DE42 (merchant id) for run.toml.
    pub(crate) fn set_pos_ids(&mut self, de41: &str, de42: &str) {
        self.record.terminal.de41 = de41.to_string();
        self.record.terminal.de42 = de42.to_string();
    }

    /// Drops the interfaces the device cannot do from the deck.
    pub(crate) fn restrict(&mut self, caps: Capabilities) {
        self.deck.restrict(caps);
        self.cards = self.deck.summaries();
    }

    /// Sets the card being checked (`None` between cards).
    pub(crate) fn set_current(&mut self, card: Option<usize>) {
        self.current = card;
    }

    /// The BIN table and today's date, for the judges.
    pub(crate) fn judging(&self) -> Judging<'_> {
        Judging::now(&self.bins)
    }

    /// A row pre-filled with the run, terminal and card columns (card = deck position, `None`
    /// for run-level steps).
    pub(crate) fn row(&self, card: Option<usize>, iface: Interface, step: &str) -> Attempt {
        let (label, bank, scheme) = match card.and_then(|i| self.deck.cards.get(i)) {
            Some(c) => (
                c.label.get(self.lang).to_string(),
                crate::bins::find_bank(&c.bank)
                    .map(|b| b.short.to_string())
                    .unwrap_or_else(|| c.bank.clone()),
                c.scheme.clone(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        Attempt {
            time: crate::trace::now_stamp(),
            station: self.station.clone(),
            terminal_id: self.terminal_id.clone(),
            serial: self.terminal.serial.clone(),
            model: self.terminal.model.clone(),
            firmware: self.terminal.firmware.clone(),
            profile: self.terminal.profile.clone(),
            card_label: label,
            bank,
            scheme,
            interface: iface,
            step: step.into(),
            ..Attempt::default()
        }
    }

    /// Starts an interface step of a card: no expected failure met yet.
    pub(crate) fn begin_step(&mut self) {
        self.expected_failure_met = false;
    }

    /// Records one attempt: judged against the deck expectation, classified, appended and
    /// synced, then sent to the UI. Says whether it counts as a pass (an expected failure that
    /// was met is a pass). `Err` only when `attempts.csv` cannot be appended to.
    pub(crate) fn record(&mut self, card: Option<usize>, mut a: Attempt) -> Result<bool, Stop> {
        let iface = a.interface;
        if let Some(c) = card.and_then(|i| self.deck.cards.get(i)) {
            let exp = c.expectation(iface);
            // A passing row under a failure expectation is judged once the whole interface
            // step is done (`check_expectation`).
            if a.outcome == Outcome::Fail && exp.matches_failure(&a.signal, &a.rc) {
                a.outcome = Outcome::Pass;
                let (expected, detail) = (exp.as_string(), a.detail_text());
                a.set_detail(crate::checklist::judge::both(|l| {
                    let args = [
                        ("expected", expected.as_str().into()),
                        ("detail", detail.get(l).into()),
                    ];
                    crate::i18n::tr_args(l, "judge-expected-failure-met", &args)
                }));
                self.expected_failure_met = true;
            }
        }
        if a.outcome.is_bad() && a.family.is_none() {
            a.family = Some(classify(&a.signal).family);
        }
        a.detail = crate::sensitive::redact_text(&a.detail);
        a.detail_zh = crate::sensitive::redact_text(&a.detail_zh);
        self.append(&a)?;
        let outcome = a.outcome;
        self.observe(card, &a);
        self.recs.push(Recorded {
            card,
            attempt: a.clone(),
        });
        self.out.send(BenchEvent::Attempt {
            card,
            interface: iface,
            outcome,
            row: Box::new(a),
        });
        Ok(outcome == Outcome::Pass)
    }

    /// Records an ERROR row about the device itself (lost, not answering) against the card
    /// being checked and its first interface.
    pub(crate) fn record_device_trouble(
        &mut self,
        signal: Signal,
        detail: Text,
    ) -> Result<(), Stop> {
        let card = self.current;
        let iface = card
            .and_then(|i| self.deck.cards.get(i))
            .and_then(|c| c.interfaces.first().copied())
            .unwrap_or(Interface::Swipe);
        let mut a = self.row(card, iface, "device");
        a.judge_text(Outcome::Error, signal, detail);
        self.record(card, a).map(|_| ())
    }

    /// After an interface step: a card expected to fail there that did not is a failure
    /// (`expectation_not_met`). Returns whether the expectation holds.
    pub(crate) fn check_expectation(&mut self, i: usize, iface: Interface) -> Result<bool, Stop> {
        let Some(card) = self.deck.cards.get(i) else {
            return Ok(true);
        };
        let exp = card.expectation(iface);
        if exp == Expect::Pass || self.expected_failure_met {
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
        a.judge(
            Outcome::Fail,
            Signal::ExpectationNotMet,
            format!(
                "the deck expects this card to fail with {} on {iface}, and it did not",
                exp.as_string()
            ),
        );
        self.record(Some(i), a)?;
        Ok(false)
    }

    fn append(&mut self, a: &Attempt) -> Result<(), Stop> {
        let refused = self.log.append(a).map_err(|e| {
            Stop::CouldNotRun(Text::each(|lang| {
                crate::i18n::t!(lang, "run-end-cannot-append", reason = e.text(lang)).into_owned()
            }))
        })?;
        for c in refused {
            let column = c.to_string();
            self.out.note(Text::tr_args(
                "run-note-refused-column",
                &[("column", column.as_str().into())],
            ));
        }
        Ok(())
    }

    /// Keeps what the diagnosis needs of a row, with the deck's label and bank names.
    fn observe(&mut self, card: Option<usize>, a: &Attempt) {
        let deck =
            card.and_then(|i| Some((self.cards.get(i)?, &self.deck.cards.get(i)?.tracks[..])));
        self.obs.push(observe(a, card, deck));
    }

    /// Per card (deck position), the deck's expectation text per interface.
    fn expected(&self) -> Vec<BTreeMap<Interface, String>> {
        self.deck
            .cards
            .iter()
            .map(|c| {
                c.interfaces
                    .iter()
                    .map(|i| (*i, c.expectation(*i).as_string()))
                    .collect()
            })
            .collect()
    }

    /// Writes the deck as the run will walk it (after the device's capabilities) to the trace,
    /// for a replay to judge and diagnose the way the run did.
    pub(crate) fn trace_deck(&self) {
        self.out.trace(TraceEntry::Deck {
            expected: self.expected(),
            tracks: self.deck.cards.iter().map(|c| c.tracks.clone()).collect(),
        });
    }

    /// The diagnosis of everything recorded so far.
    pub(crate) fn conclusions(&self) -> Vec<Conclusion> {
        let link = self.link.lock().map(|l| l.clone()).unwrap_or_default();
        crate::diagnosis::diagnose(&self.obs, &link)
    }

    /// Everything the report files are made from, as recorded so far.
    pub(crate) fn report(&self, conclusions: Vec<Conclusion>) -> RunReport {
        RunReport {
            record: self.record.clone(),
            cards: self.cards.clone(),
            expected: self.expected(),
            recs: self.recs.clone(),
            conclusions,
            excel: self.excel,
            lang: self.lang,
        }
    }

    /// (Re)writes every report file but `attempts.csv` from `report`; refused cells become
    /// notes.
    fn write_reports(&self, report: &mut RunReport) -> Result<Written, ReportError> {
        let written = report.write_all(&self.out_dir)?;
        for r in &written.refused {
            let cell = r.to_string();
            self.out.note(Text::tr_args(
                "run-note-refused-cell",
                &[("cell", cell.as_str().into())],
            ));
        }
        Ok(written)
    }

    /// Tells the operator something (a note in the run's log; not a row).
    pub(crate) fn note(&self, text: Text) {
        self.out.send(BenchEvent::Note(text));
    }

    /// Writes every report file and the diagnosis now (the operator's export), mid-run.
    pub(crate) fn export(&self) {
        let conclusions = self.conclusions();
        let mut report = self.report(conclusions.clone());
        match self.write_reports(&mut report) {
            Ok(_) => self.out.send(BenchEvent::Exported(self.out_dir.clone())),
            Err(e) => self
                .out
                .note(Text::tr_each("run-note-export-failed", |lang| {
                    vec![("reason", e.text(lang).into())]
                })),
        }
        self.out.send(BenchEvent::Diagnosis(conclusions));
    }

    /// Records a run that could not start (the device did not open): `run.toml` says so and
    /// the (empty) summaries are written; no event is sent.
    pub(crate) fn could_not_run(&mut self, end: &RunEnd) {
        self.record.ended(end);
        let why = match end {
            RunEnd::DeviceLost(why) | RunEnd::CouldNotRun(why) => why.clone(),
            _ => Text::default(),
        };
        let mut report = self.report(vec![Conclusion::could_not_run(&why)]);
        if let Err(e) = self.write_reports(&mut report) {
            tracing::warn!("cannot write the reports of a run that could not start: {e}");
        }
    }

    /// Ends the run: the diagnosis, every report file with the end state, the `Diagnosis`
    /// and `Finished` events, and what the run leaves behind.
    pub(crate) fn finish(&mut self, end: RunEnd) -> RunSummary {
        let conclusions = self.conclusions();
        self.record.ended(&end);
        let mut rows = conclusions.clone();
        if let RunEnd::CouldNotRun(why) = &end {
            rows.insert(0, Conclusion::could_not_run(why));
        }
        let mut report = self.report(rows);
        if let Err(e) = self.write_reports(&mut report) {
            self.out.note(Text::tr_each("run-note-summaries", |lang| {
                vec![("reason", e.text(lang).into())]
            }));
        }
        // A run that passed no card step (no cards, or every step skipped) tested nothing: it
        // is never "every expectation met".
        let tested = self
            .recs
            .iter()
            .any(|r| r.card.is_some() && r.attempt.outcome == Outcome::Pass);
        if !tested {
            self.out.send(BenchEvent::Note(crate::i18n::Text::tr(
                "run-nothing-tested",
            )));
        }
        let all_passed =
            end.is_complete() && tested && self.recs.iter().all(|r| r.attempt.outcome.is_ok());
        self.out.send(BenchEvent::Diagnosis(conclusions.clone()));
        self.out.send(BenchEvent::Finished {
            report_dir: self.out_dir.clone(),
            all_passed,
            end: end.clone(),
        });
        self.out.sync_trace();
        RunSummary {
            report_dir: self.out_dir.clone(),
            all_passed,
            end,
            terminal: self.terminal.clone(),
            conclusions,
            attempts: self.recs.iter().map(|r| r.attempt.clone()).collect(),
            report,
        }
    }
}

/// The diagnosis' view of one recorded attempt: the row, with the deck card's label, bank
/// names and stripe tracks on top when the row belongs to a deck card (`deck`: its summary and
/// the tracks it carries). The one way a live run and a replay (`tui::replay`) observe a row.
pub fn observe(
    a: &Attempt,
    card: Option<usize>,
    deck: Option<(&CardSummary, &[u8])>,
) -> Observation {
    let reference = deck.is_some_and(|(c, _)| c.reference);
    let mut o = Observation::from_attempt(a, card, reference);
    if let Some((c, tracks)) = deck {
        o.label = c.label.clone();
        // The bank read (built-in names when known), else the deck's.
        o.bank_text = match crate::bins::find_bank(&a.bank) {
            Some(b) => Text::new(b.short, b.zh),
            None if a.bank.is_empty() => c.bank.clone(),
            None => Text::same(a.bank.clone()),
        };
        o = o.carrying(tracks);
    }
    o
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::sync::mpsc::Receiver;

    const DECK: &str = r#"
[deck]
name = "two"

[[card]]
label = "ICBC debit"
bank = "ICBC"
interfaces = ["swipe", "chip"]

[[card]]
label = "Expired BOC debit"
bank = "BOC"
interfaces = ["swipe"]
[card.expect]
swipe = "expired"
"#;

    /// A recorder over a two-card deck (the second expected to fail its swipe as expired),
    /// writing into `dir`; the receiver gets its events.
    pub(crate) fn recorder(dir: &std::path::Path) -> (Recorder, Receiver<BenchEvent>) {
        let device = crate::device::DeviceAddress::parse("msr605:sim").unwrap();
        let mut plan = RunPlan::defaults(device);
        plan.out_dir = dir.to_path_buf();
        let deck = Deck::parse(DECK, "test").unwrap();
        let log = AttemptLog::open(dir, false).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let link = Arc::new(Mutex::new(LinkStats::default()));
        let rec = Recorder::new(&plan, deck, BinTable::builtin(), log, link, Outbox::new(tx));
        (rec, rx)
    }

    fn judged(rec: &Recorder, card: usize, outcome: Outcome, signal: Signal) -> Attempt {
        let mut a = rec.row(Some(card), Interface::Swipe, "swipe#1");
        a.judge(outcome, signal, "t1 ok");
        a
    }

    #[test]
    fn rows_carry_run_and_card_columns() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _rx) = recorder(d.path());
        rec.set_terminal(DeviceInfo {
            profile: "msr605".into(),
            serial: "S1".into(),
            ..DeviceInfo::default()
        });
        let a = rec.row(Some(1), Interface::Swipe, "swipe#2");
        assert_eq!(
            (a.station.as_str(), a.terminal_id.as_str()),
            ("bench-1", "msr605:sim")
        );
        assert_eq!((a.profile.as_str(), a.serial.as_str()), ("msr605", "S1"));
        assert_eq!(
            (a.card_label.as_str(), a.bank.as_str()),
            ("Expired BOC debit", "BOC")
        );
        assert_eq!(a.step, "swipe#2");
        let run = rec.row(None, Interface::Network, "echo");
        assert!(run.card_label.is_empty() && run.bank.is_empty());
    }

    #[test]
    fn records_classify_append_and_send() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, rx) = recorder(d.path());
        let a = judged(&rec, 0, Outcome::Fail, Signal::Luhn);
        assert!(!rec.record(Some(0), a).unwrap());
        let ev: Vec<BenchEvent> = rx.try_iter().collect();
        let Some(BenchEvent::Attempt { card, row, .. }) = ev.last() else {
            panic!("{ev:?}")
        };
        assert_eq!(*card, Some(0));
        assert_eq!(row.family, Some(classify(&Signal::Luhn).family));
        let csv = std::fs::read_to_string(d.path().join("attempts.csv")).unwrap();
        assert_eq!(csv.lines().count(), 2, "{csv}");
    }

    #[test]
    fn expected_failure_met_is_a_pass() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, rx) = recorder(d.path());
        rec.begin_step();
        let a = judged(&rec, 1, Outcome::Fail, Signal::Expired);
        assert!(rec.record(Some(1), a).unwrap());
        assert!(rec.check_expectation(1, Interface::Swipe).unwrap());
        let rows: Vec<Attempt> = rx
            .try_iter()
            .filter_map(|e| match e {
                BenchEvent::Attempt { row, .. } => Some(*row),
                _ => None,
            })
            .collect();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].outcome, rows[0].family), (Outcome::Pass, None));
        assert_eq!(rows[0].detail, "expected failure (expired) met; t1 ok");
    }

    #[test]
    fn expected_failure_not_met_adds_a_failing_row() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _rx) = recorder(d.path());
        rec.begin_step();
        // Nothing judged yet: nothing to say.
        assert!(rec.check_expectation(1, Interface::Swipe).unwrap());
        let a = judged(&rec, 1, Outcome::Pass, Signal::Ok);
        assert!(rec.record(Some(1), a).unwrap());
        assert!(!rec.check_expectation(1, Interface::Swipe).unwrap());
        let s = rec.finish(RunEnd::Complete);
        let last = s.attempts.last().unwrap();
        assert_eq!(
            (last.step.as_str(), &last.signal),
            ("expectation", &Signal::ExpectationNotMet)
        );
        assert!(!s.all_passed);
        // A card without expectations never gets one.
        assert!(rec.check_expectation(0, Interface::Swipe).unwrap());
    }

    #[test]
    fn device_trouble_goes_to_the_current_card_first_interface() {
        let d = tempfile::tempdir().unwrap();
        let (mut rec, _rx) = recorder(d.path());
        rec.set_current(Some(0));
        rec.record_device_trouble(Signal::DeviceLost, "device lost: EIO".into())
            .unwrap();
        rec.set_current(None);
        rec.record_device_trouble(Signal::NoReply, "silent".into())
            .unwrap();
        let s = rec.finish(RunEnd::DeviceLost("gone".into()));
        assert_eq!(s.attempts.len(), 2);
        let (lost, silent) = (&s.attempts[0], &s.attempts[1]);
        assert_eq!(
            (lost.outcome, lost.interface),
            (Outcome::Error, Interface::Swipe)
        );
        assert_eq!(
            (lost.step.as_str(), lost.card_label.as_str()),
            ("device", "ICBC debit")
        );
        assert!(silent.card_label.is_empty());
        assert!(!s.all_passed);
        for f in [
            "attempts.csv",
            "cards.csv",
            "banks.csv",
            "diagnosis.csv",
            "run.toml",
        ] {
            assert!(d.path().join(f).exists(), "{f}");
        }
    }
}
