//! `cardbench batch`: the checklist on many terminals at once — one engine worker thread per
//! port, headless, one progress bar per terminal and a live pass/fail count — ending in one
//! folder: `terminals.csv` (a verdict per terminal) beside the batch-wide attempts, cards,
//! banks and diagnosis CSVs. Each terminal also keeps its own run folder under
//! `DIR/terminals/<label>/`.

pub mod banks;
pub mod findings;
pub mod launch;
pub mod output;
pub mod progress;
pub mod report;
pub mod stations;
pub mod terminal;

pub use output::TerminalRow;
pub use stations::Station;

use crate::checklist::BenchCommand;
use crate::error::{Error, Result, Status};
use crate::host::HostSpec;
use crate::i18n::Lang;
use crate::report::{AttemptLog, ReportError};
use launch::Msg;
use progress::Progress;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;
use terminal::TerminalRun;

/// How a batch runs (everything but the list of terminals).
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Deck: a built-in name or a file; `None` = each terminal's own default deck.
    pub deck: Option<String>,
    pub host: Option<HostSpec>,
    /// The terminal configuration of every terminal's chip steps (`--terminal`); `None` =
    /// the built-in one.
    pub terminal: Option<PathBuf>,
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
    /// Operator and ticket, written in each terminal's `run.toml`.
    pub operator: String,
    pub ticket: String,
    /// Ctrl-C / SIGTERM: every terminal's run is stopped (its reports still written).
    pub stop: crate::checklist::StopSignals,
}

/// What a batch leaves behind.
#[derive(Clone, Debug)]
pub struct BatchResult {
    pub out_dir: PathBuf,
    pub terminals: Vec<TerminalRow>,
    /// Bank outages and policies the terminals' diagnoses found, once per bank.
    pub bank_findings: Vec<findings::BankFinding>,
    /// Each terminal's status by the single run's rule, in terminal order.
    pub statuses: Vec<Status>,
}

impl BatchResult {
    /// The batch's exit status from its terminals', by the single run's rule: 1 when a
    /// terminal failed a check, else 2 when one could not finish (stopped, device lost, could
    /// not run), else 0.
    pub fn status(&self) -> Status {
        of_terminals(&self.statuses)
    }
}

/// A batch's status from its terminals' (see [`BatchResult::status`]).
pub fn of_terminals(statuses: &[Status]) -> Status {
    if statuses.contains(&Status::Failed) {
        Status::Failed
    } else if statuses.iter().all(|s| *s == Status::Passed) {
        Status::Passed
    } else {
        Status::Incomplete
    }
}

/// Runs the checklist on every station concurrently and writes the batch folder.
pub fn run_stations(stations: &[Station], opts: &BatchOptions) -> Result<BatchResult> {
    if stations.is_empty() {
        return Err(Error::Said(crate::i18n::Text::tr(
            "errors-batch-no-terminals",
        )));
    }
    let out = opts.out_dir.clone();
    let started = crate::trace::now_stamp();
    // A fresh batch folder: a reused --out is refused, never mixed with another batch.
    crate::report::create_run_dir(&out)?;
    std::fs::create_dir(out.join("terminals"))?;
    // Batch-wide attempts.csv: every row the terminals report is appended and synced as it
    // arrives, so a killed batch keeps everything recorded (each terminal has its own too).
    let mut live = AttemptLog::open(&out, opts.excel)?;
    let progress = Progress::new(opts.progress, opts.lang);

    let (tx, rx) = mpsc::channel::<(usize, Msg)>();
    let mut terminals = Vec::with_capacity(stations.len());
    let mut commands = Vec::with_capacity(stations.len());
    let labels: Vec<&str> = stations.iter().map(|s| s.label.as_str()).collect();
    let ids = crate::host::BenchIdentity::for_stations(&labels);
    for ((i, st), id) in stations.iter().enumerate().zip(ids) {
        let device = launch::stable_address(&st.device);
        let report_dir = out.join("terminals").join(&st.label);
        let mut plan = launch::plan_for(st, &device, &report_dir, opts)?;
        plan.bench_id = id;
        let bar = progress.bar();
        commands.push(launch::start(i, &st.label, plan, tx.clone())?);
        terminals.push(TerminalRun::new(
            st.clone(),
            (device, report_dir),
            bar,
            opts.lang,
        ));
    }
    drop(tx);

    let write_error = follow(
        &rx,
        &mut terminals,
        &mut live,
        &progress,
        (opts.lang, &opts.stop, &commands),
    );
    progress.finish();
    drop(commands);

    let rows: Vec<TerminalRow> = terminals
        .iter_mut()
        .map(|t| t.row.take().unwrap_or_else(|| t.finish(None)))
        .collect();
    output::write_terminals(&out, &rows, opts.excel)?;
    output::merge_summaries(&out, &rows, opts.excel)?;
    let banks = banks::batch_bank_rows(terminals.iter().map(|t| {
        (
            t.station.label.as_str(),
            &t.cards[..],
            &t.recs[..],
            &t.conclusions[..],
        )
    }));
    output::write_batch_banks(&out, &banks, opts.excel)?;
    let bank_findings = findings::bank_findings(
        terminals
            .iter()
            .map(|t| (t.station.label.as_str(), &t.conclusions[..])),
    );
    let page = report::BatchPage {
        opts,
        started: &started,
        terminals: &rows,
        banks: &banks,
        findings: &bank_findings,
    };
    crate::report::replace_file(&out.join(crate::report::HTML), page.render().as_bytes())?;
    if let Some(e) = write_error {
        return Err(e.into());
    }
    Ok(BatchResult {
        out_dir: out,
        terminals: rows,
        bank_findings,
        statuses: terminals.iter().map(|t| t.status).collect(),
    })
}

/// The batch's main loop: takes in every terminal's events until each one is done. Returns
/// the first failed append to the batch-wide `attempts.csv`, if any.
fn follow(
    rx: &Receiver<(usize, Msg)>,
    terminals: &mut [TerminalRun],
    live: &mut AttemptLog,
    progress: &Progress,
    (lang, stop, commands): (
        Lang,
        &crate::checklist::StopSignals,
        &[Sender<BenchCommand>],
    ),
) -> Option<ReportError> {
    let mut write_error = None;
    let mut stopping = false;
    let mut pending = terminals.len();
    let top = |terminals: &[TerminalRun]| {
        progress.update_top(
            terminals
                .iter()
                .map(|t| (t.row.as_ref().map(|r| r.verdict), &t.tally.total)),
        )
    };
    top(terminals);
    while pending > 0 {
        if stop.raised() && !stopping {
            stopping = true;
            progress.say(crate::i18n::t!(lang, "report-stopping").into_owned());
            for c in commands {
                let _ = c.send(BenchCommand::Abort);
            }
        }
        let (i, msg) = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let Some(t) = terminals.get_mut(i) else {
            continue;
        };
        match msg {
            Msg::Event(ev) => {
                let counted = matches!(ev, crate::checklist::BenchEvent::Attempt { .. });
                if let Err(e) = t.on_event(ev, live, progress, lang) {
                    write_error.get_or_insert(e);
                }
                if counted {
                    top(terminals);
                }
            }
            Msg::Done(summary) => {
                t.on_done(summary.map(|s| *s), progress, lang);
                pending -= 1;
                top(terminals);
            }
        }
    }
    write_error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_exits_as_its_worst_terminal_by_the_single_run_rule() {
        use Status::{Failed, Incomplete, Passed};
        assert_eq!(of_terminals(&[Passed, Passed]), Passed);
        assert_eq!(of_terminals(&[Passed, Incomplete]), Incomplete);
        assert_eq!(of_terminals(&[Incomplete, Failed, Passed]), Failed);
    }
}
