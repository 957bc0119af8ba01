//! `cardbench batch`: the checklist on many terminals at once — one engine worker thread per
//! port, headless, one progress bar per terminal and a live pass/fail count — ending in one
//! folder: `terminals.csv` (a verdict per terminal) beside the batch-wide attempts, cards,
//! banks and diagnosis CSVs. Each terminal also keeps its own run folder under
//! `DIR/terminals/<label>/`.

pub mod output;
pub mod stations;

pub use output::{write_table_atomic, TerminalRow};
pub use stations::Station;

use crate::checklist::{BenchEvent, RunPlan, RunSummary};
use crate::deck::CardSummary;
use crate::device::{DeviceAddress, Target};
use crate::error::{Error, Result, Status};
use crate::host::HostSpec;
use crate::i18n::Lang;
use crate::model::{Attempt, DeviceInfo, Outcome, RunEnd};
use crate::report::Recorded;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How a batch runs (everything but the list of terminals).
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Deck: a built-in name or a file; `None` = each terminal's own default deck.
    pub deck: Option<String>,
    pub host: Option<HostSpec>,
    /// Line speed for serial ports and in-process simulators; `None` = the profile's default.
    pub baud: Option<u32>,
    pub out_dir: PathBuf,
    pub swipes: u32,
    pub excel: bool,
    pub bins: Option<PathBuf>,
    pub lang: Lang,
    pub prompt_timeout: Duration,
    /// Draw progress bars (on a terminal) — otherwise one plain line per event of note.
    pub progress: bool,
}

/// What a batch leaves behind.
#[derive(Clone, Debug)]
pub struct BatchResult {
    pub out_dir: PathBuf,
    pub terminals: Vec<TerminalRow>,
}

impl BatchResult {
    pub fn status(&self) -> Status {
        if self.terminals.iter().all(|t| t.verdict == Outcome::Pass) {
            Status::Passed
        } else {
            Status::Failed
        }
    }
}

/// Messages from a terminal's forwarder thread to the batch's main loop.
enum Msg {
    Event(BenchEvent),
    Done(Option<RunSummary>),
}

/// What the main loop knows about one terminal while it runs.
struct TermState {
    station: Station,
    device: String,
    report_dir: PathBuf,
    identity: Option<DeviceInfo>,
    mismatch: Vec<String>,
    pass: u64,
    fail: u64,
    error: u64,
    attempts: u64,
    failing: Vec<String>,
    families: BTreeMap<String, u64>,
    lost: u32,
    reconnected: u32,
    aborted: Option<String>,
    conclusions: Vec<crate::diagnosis::Conclusion>,
    /// The terminal's deck and recorded attempts, for the batch-wide banks.csv.
    cards: Vec<CardSummary>,
    recs: Vec<Recorded>,
    bar: ProgressBar,
    row: Option<TerminalRow>,
}

const MAX_FAILING: usize = 12;

impl TermState {
    fn on_attempt(&mut self, row: &Attempt, outcome: Outcome) {
        self.attempts += 1;
        match outcome {
            Outcome::Pass => self.pass += 1,
            Outcome::Fail => self.fail += 1,
            Outcome::Error => self.error += 1,
            Outcome::Skip => {}
        }
        if matches!(outcome, Outcome::Fail | Outcome::Error) {
            let fam = row.family.unwrap_or(crate::model::Family::Unknown);
            *self.families.entry(fam.as_str().to_string()).or_default() += 1;
            let check = format!(
                "{}/{}/{}: {}",
                row.card_label,
                row.interface,
                row.step,
                if row.signal.is_empty() {
                    outcome.as_str().to_string()
                } else {
                    row.signal.code().into_owned()
                }
            );
            if !self.failing.contains(&check) && self.failing.len() < MAX_FAILING {
                self.failing.push(check);
            }
        }
    }

    fn check_identity(&mut self, info: &DeviceInfo) {
        self.mismatch.clear();
        if let Some(m) = &self.station.expect_model {
            if !m.trim().eq_ignore_ascii_case(info.model.trim()) {
                self.mismatch.push(format!(
                    "identity: expected model {m:?}, the device reports {:?}",
                    info.model
                ));
            }
        }
        if let Some(s) = &self.station.expect_serial {
            if s.trim() != info.serial.trim() {
                self.mismatch.push(format!(
                    "identity: expected serial {s:?}, the device reports {:?}",
                    info.serial
                ));
            }
        }
        self.identity = Some(info.clone());
    }

    fn label_line(&self) -> String {
        let id = self
            .identity
            .as_ref()
            .map(|i| format!("{} {} {}", i.model, i.firmware, i.serial))
            .unwrap_or_else(|| "…".into());
        format!("{:<10} {:<28}", self.station.label, truncate(&id, 28))
    }

    /// The terminal's verdict once its run is over.
    fn finish(&mut self, summary: Option<RunSummary>) -> TerminalRow {
        let mut notes = Vec::new();
        let (could_not_run, all_passed) = match &summary {
            Some(s) => {
                if self.identity.is_none() && !s.terminal.model.is_empty() {
                    let t = s.terminal.clone();
                    self.check_identity(&t);
                }
                if self.conclusions.is_empty() {
                    self.conclusions = s.conclusions.clone();
                }
                let could_not_run = match &s.end {
                    RunEnd::CouldNotRun(why) => Some(why.clone()),
                    RunEnd::Complete => None,
                    other => {
                        if self.aborted.is_none() {
                            self.aborted = other.reason().map(str::to_string);
                        }
                        None
                    }
                };
                (could_not_run, s.all_passed)
            }
            None => (Some("the terminal's worker thread panicked".into()), false),
        };
        if let Some(r) = &could_not_run {
            notes.push(r.clone());
        } else if let Some(a) = &self.aborted {
            notes.push(format!("aborted: {a}"));
        }
        notes.extend(self.mismatch.iter().cloned());
        if self.lost > 0 {
            notes.push(format!(
                "device lost {} time(s), reconnected {} time(s)",
                self.lost, self.reconnected
            ));
        }
        let verdict = if could_not_run.is_some() || self.aborted.is_some() {
            Outcome::Error
        } else if !all_passed || !self.mismatch.is_empty() {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        let family = if verdict == Outcome::Pass {
            String::new()
        } else if let Some(c) = self
            .conclusions
            .iter()
            .max_by_key(|c| c.confidence)
            .filter(|_| verdict == Outcome::Fail)
        {
            c.family.as_str().to_string()
        } else if let Some((f, _)) = self
            .families
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        {
            f.clone()
        } else if !self.mismatch.is_empty() {
            // The terminal on this port is not the one the station expects.
            crate::model::Family::TermHw.as_str().to_string()
        } else {
            String::new()
        };
        let mut failing = self.mismatch.clone();
        failing.extend(self.failing.iter().cloned());
        let id = self.identity.clone().unwrap_or_default();
        let profile = if id.profile.is_empty() {
            DeviceAddress::parse(&self.device)
                .map(|a| a.profile)
                .unwrap_or_default()
        } else {
            id.profile.clone()
        };
        TerminalRow {
            label: self.station.label.clone(),
            device: self.device.clone(),
            profile,
            model: id.model,
            firmware: id.firmware,
            serial: id.serial,
            verdict,
            family,
            failing_checks: failing.join("; "),
            attempts: self.attempts,
            pass: self.pass,
            fail: self.fail,
            error: self.error,
            note: crate::sensitive::redact_text(&notes.join("; ")),
            report_dir: self.report_dir.display().to_string(),
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The address a station is opened by: its stable name where one exists.
fn stable_address(device: &str) -> String {
    match DeviceAddress::parse(device) {
        Ok(DeviceAddress {
            profile,
            target: Target::Serial(p),
        }) => match crate::link::ports::stable_name(&p) {
            Some(s) => DeviceAddress {
                profile,
                target: Target::Serial(s),
            }
            .to_string(),
            None => device.to_string(),
        },
        _ => device.to_string(),
    }
}

/// Runs the checklist on every station concurrently and writes the batch folder.
pub fn run_stations(stations: &[Station], opts: &BatchOptions) -> Result<BatchResult> {
    if stations.is_empty() {
        return Err(Error::Usage(
            "no terminals: give --device D (repeatable) or --stations FILE".into(),
        ));
    }
    let out = opts.out_dir.clone();
    std::fs::create_dir_all(out.join("terminals"))?;
    // Batch-wide attempts.csv: every row the terminals report is appended and synced as it
    // arrives, so a killed batch keeps everything recorded (each terminal has its own too).
    let mut live = crate::report::AttemptLog::open(&out, opts.excel)?;

    let draw = opts.progress && std::io::stderr().is_terminal();
    let multi = MultiProgress::with_draw_target(if draw {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    });
    let style =
        ProgressStyle::with_template("{prefix} [{bar:24.cyan/blue}] {pos:>2}/{len:2} cards  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
    let top = multi.add(ProgressBar::new_spinner());
    let say = |line: String| {
        // Station labels and device text may hold anything: through the output guard.
        let line = crate::sensitive::guard_line(&line);
        if draw {
            let _ = multi.println(line);
        } else {
            eprintln!("{line}");
        }
    };

    let (tx, rx) = mpsc::channel::<(usize, Msg)>();
    let mut states = Vec::with_capacity(stations.len());
    let mut commands = Vec::with_capacity(stations.len());
    for (i, st) in stations.iter().enumerate() {
        let device = stable_address(&st.device);
        let report_dir = out.join("terminals").join(&st.label);
        let mut plan = RunPlan::defaults(DeviceAddress::parse(&device)?).with_station(&st.label);
        plan.deck = opts.deck.clone();
        plan.host = opts.host.clone();
        plan.out_dir = report_dir.clone();
        plan.baud = opts.baud;
        plan.swipes = opts.swipes;
        plan.prompt_timeout = opts.prompt_timeout;
        plan.excel = opts.excel;
        plan.bins = opts.bins.clone();
        plan.lang = opts.lang;
        let bar = multi.add(ProgressBar::new(1));
        bar.set_style(style.clone());
        let handle = crate::checklist::start(plan);
        commands.push(handle.commands);
        let events = handle.events;
        let thread = handle.thread;
        let tx = tx.clone();
        std::thread::Builder::new()
            .name(format!("batch-{}", st.label))
            .spawn(move || {
                for ev in events.iter() {
                    if tx.send((i, Msg::Event(ev))).is_err() {
                        break;
                    }
                }
                let summary = thread.join().ok();
                let _ = tx.send((i, Msg::Done(summary)));
            })?;
        let state = TermState {
            station: st.clone(),
            device,
            report_dir,
            identity: None,
            mismatch: Vec::new(),
            pass: 0,
            fail: 0,
            error: 0,
            attempts: 0,
            failing: Vec::new(),
            families: BTreeMap::new(),
            lost: 0,
            reconnected: 0,
            aborted: None,
            conclusions: Vec::new(),
            cards: Vec::new(),
            recs: Vec::new(),
            bar,
            row: None,
        };
        state.bar.set_prefix(state.label_line());
        state.bar.set_message("opening…");
        states.push(state);
    }
    drop(tx);

    let mut pending = states.len();
    let mut write_error: Option<Error> = None;
    let update_top = |states: &[TermState], top: &ProgressBar| {
        let (mut p, mut f, mut e, mut running, mut ap, mut af) = (0, 0, 0, 0, 0u64, 0u64);
        for s in states {
            ap += s.pass;
            af += s.fail + s.error;
            match s.row.as_ref().map(|r| r.verdict) {
                Some(Outcome::Pass) => p += 1,
                Some(Outcome::Fail) => f += 1,
                Some(_) => e += 1,
                None => running += 1,
            }
        }
        top.set_message(format!(
            "{} terminals: {running} running · {p} PASS · {f} FAIL · {e} ERROR   checks: {ap} pass, {af} fail",
            states.len()
        ));
    };
    update_top(&states, &top);
    while pending > 0 {
        let Ok((i, msg)) = rx.recv() else { break };
        let s = &mut states[i];
        match msg {
            Msg::Event(BenchEvent::Started {
                terminal, cards, ..
            }) => {
                s.check_identity(&terminal);
                s.cards = cards.clone();
                // Progress is counted in deck cards: how many attempts a card takes varies.
                s.bar.set_length(cards.len().max(1) as u64);
                s.bar.set_prefix(s.label_line());
                s.bar.set_message("running");
                for m in &s.mismatch {
                    say(format!("{}: {m}", s.station.label));
                }
            }
            Msg::Event(BenchEvent::Attempt {
                row, outcome, card, ..
            }) => {
                s.on_attempt(&row, outcome);
                if let Err(e) = live.append(&row) {
                    write_error.get_or_insert(e.into());
                }
                s.recs.push(Recorded {
                    card,
                    attempt: *row,
                });
                if let Some(card) = card {
                    // Cards before the current one are done.
                    s.bar.set_position(card as u64);
                }
                s.bar
                    .set_message(format!("✓{} ✗{}", s.pass, s.fail + s.error));
                update_top(&states, &top);
            }
            Msg::Event(BenchEvent::Prompt(p)) => {
                s.bar.set_message(truncate(p.text.get(opts.lang), 40));
            }
            Msg::Event(BenchEvent::DeviceLost(why)) => {
                s.lost += 1;
                s.bar.set_message("device lost — reconnecting");
                say(format!(
                    "{}: device lost ({}), reconnecting",
                    s.station.label,
                    crate::sensitive::redact_text(&why)
                ));
            }
            Msg::Event(BenchEvent::Reconnected) => {
                s.reconnected += 1;
                s.bar.set_message("reconnected");
                say(format!("{}: reconnected", s.station.label));
            }
            Msg::Event(BenchEvent::Diagnosis(c)) => s.conclusions = c,
            Msg::Event(BenchEvent::Aborted(why)) => s.aborted = Some(why),
            Msg::Event(_) => {}
            Msg::Done(summary) => {
                let row = s.finish(summary);
                if row.verdict != Outcome::Error {
                    s.bar.set_position(s.bar.length().unwrap_or(0));
                }
                s.bar.set_prefix(s.label_line());
                s.bar.finish_with_message(format!(
                    "{} {}{}",
                    row.verdict,
                    row.family,
                    if row.note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", truncate(&row.note, 60))
                    }
                ));
                say(format!(
                    "{:<10} {:<8} {:<7} {} {} {}  {}",
                    row.label,
                    row.verdict,
                    row.family,
                    row.model,
                    row.firmware,
                    row.serial,
                    truncate(&row.failing_checks, 100)
                ));
                s.row = Some(row);
                pending -= 1;
                update_top(&states, &top);
            }
        }
    }
    top.finish();
    drop(commands);

    let rows: Vec<TerminalRow> = states
        .iter_mut()
        .map(|s| s.row.take().unwrap_or_else(|| s.finish(None)))
        .collect();
    output::write_terminals(&out, &rows, opts.excel)?;
    merge_summaries(&out, &rows)?;
    write_batch_banks(&out, &states, opts.excel)?;
    if let Some(e) = write_error {
        return Err(e);
    }
    Ok(BatchResult {
        out_dir: out,
        terminals: rows,
    })
}

/// The batch-wide `cards.csv` and `diagnosis.csv`, merged from the terminals' run folders:
/// a `terminal` column (the station label) in front, then the terminal's rows, in station
/// order — both files are per-terminal facts, so the merge is a concatenation.
fn merge_summaries(out: &Path, rows: &[TerminalRow]) -> Result<()> {
    for name in [crate::report::CARDS, crate::report::DIAGNOSIS] {
        let mut table: Vec<Vec<String>> = Vec::new();
        for r in rows {
            let p = Path::new(&r.report_dir).join(name);
            let Ok(mut rdr) = csv::ReaderBuilder::new().flexible(true).from_path(&p) else {
                continue;
            };
            let Ok(h) = rdr.headers() else { continue };
            let h: Vec<String> = h
                .iter()
                .map(|c| c.trim_start_matches('\u{feff}').to_string())
                .collect();
            if table.is_empty() {
                let mut head = vec!["terminal".to_string()];
                head.extend(h);
                table.push(head);
            }
            for rec in rdr.records().flatten() {
                let mut row = vec![r.label.clone()];
                row.extend(rec.iter().map(|c| c.trim_start_matches('\'').to_string()));
                table.push(row);
            }
        }
        if !table.is_empty() {
            write_table_atomic(&out.join(name), &table)?;
        }
    }
    Ok(())
}

/// The batch-wide `banks.csv`: the report's per-bank table over every terminal's cards and
/// attempts (each terminal's deck positions shifted so they stay distinct), so a bank's
/// `cards_tested` counts card × terminal tests and its verdict can come from any terminal.
fn write_batch_banks(out: &Path, states: &[TermState], excel: bool) -> Result<()> {
    let mut cards = Vec::new();
    let mut recs = Vec::new();
    let mut conclusions = Vec::new();
    for s in states {
        let offset = cards.len();
        cards.extend(s.cards.iter().cloned().map(|mut c| {
            c.index += offset;
            c
        }));
        recs.extend(s.recs.iter().map(|r| Recorded {
            card: r.card.map(|c| c + offset),
            attempt: r.attempt.clone(),
        }));
        conclusions.extend(s.conclusions.iter().cloned());
    }
    crate::report::write_atomic(
        &out.join(crate::report::BANKS),
        &crate::report::BANK_COLUMNS,
        &crate::report::bank_rows(&cards, &recs, &conclusions),
        excel,
    )?;
    Ok(())
}
