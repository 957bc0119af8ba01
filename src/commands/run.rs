//! `cardbench run`: the checklist on one terminal, headless or in the TUI.

use super::Globals;
use crate::checklist::{BenchEvent, RunHandle, RunPlan, RunSummary};
use crate::cli::RunArgs;
use crate::device::DeviceAddress;
use crate::diagnosis::Conclusion;
use crate::error::{Error, Result, Status};
use crate::host::HostSpec;
use crate::i18n::{t, Lang};
use crate::model::Attempt;
use crate::model::RunEnd;
use std::io::{self, Write};
use std::time::Duration;

/// The run plan the command line asks for (device and host checked here, before anything
/// starts).
pub fn plan_from_args(g: &Globals, args: &RunArgs) -> Result<RunPlan> {
    let device = DeviceAddress::parse(&args.dev.device)?;
    // A mistyped profile is refused here with the words the run would record.
    super::known_profile(&device, "errors-run-unknown-profile")?;
    let mut plan = RunPlan::defaults(device).with_station(&args.station);
    if let Some(out) = &args.plan.out {
        crate::report::check_fresh(out).map_err(|e| Error::Usage(e.text(g.lang())))?;
        plan.out_dir = out.clone();
    }
    plan.operator = args.plan.who.operator.clone().unwrap_or_default();
    plan.ticket = args.plan.who.ticket.clone().unwrap_or_default();
    plan.deck = args
        .plan
        .deck
        .as_ref()
        .map(|d| d.to_string_lossy().into_owned());
    // A bad --deck file is refused here (exit 2, said in the display language), with the
    // words the run itself would record (a bad --bins already was, for every command).
    let run_file = |part| move |source| Error::RunFile { part, source };
    if let Some(d) = &plan.deck {
        crate::deck::Deck::resolve(d).map_err(run_file("deck"))?;
    }
    plan.host = args.plan.host.as_deref().map(HostSpec::parse).transpose()?;
    plan.baud = args.dev.baud;
    plan.swipes = args.swipes.max(1);
    plan.prompt_timeout = Duration::from_secs(args.prompt_timeout.max(1));
    plan.keys = args.pos.keys.clone();
    plan.params = args.pos.params.clone();
    // A bad keys or parameters file is refused here (exit 2), before anything starts.
    if let Some(k) = &plan.keys {
        crate::host::keys::KeyStore::resolve(k)?;
    }
    if let Some(p) = &plan.params {
        crate::host::params::Params::resolve(p)?;
    }
    plan.terminal = checked_terminal(args.plan.terminal.as_deref())?;
    plan.excel = args.excel;
    plan.bins = g.bins.clone();
    plan.lang = g.lang();
    Ok(plan)
}

/// A `--terminal` file, loaded once here so a bad one is refused (exit 2) before anything
/// starts.
pub(crate) fn checked_terminal(
    path: Option<&std::path::Path>,
) -> Result<Option<std::path::PathBuf>> {
    if let Some(p) = path {
        crate::device::emv::TerminalConfig::load(p)?;
    }
    Ok(path.map(std::path::Path::to_path_buf))
}

/// Runs `run`.
pub fn run(g: &Globals, args: &RunArgs) -> Result<Status> {
    let plan = plan_from_args(g, args)?;
    let lang = plan.lang;
    if !args.headless {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            return crate::tui::run_plan(plan);
        }
        eprintln!("cardbench: not a terminal; running headless");
    }
    let stop = crate::checklist::StopSignals::install(true);
    let handle = crate::checklist::start(plan);
    // Every line through the output guard: labels and device text may hold anything.
    let mut out = crate::sensitive::GuardedWriter::new(std::io::stdout());
    let summary = print_headless(handle, lang, &mut out, &stop);
    status_of(&summary)
}

/// Maps a finished run to the exit status (0 / 1 / 2 incomplete) or a could-not-run error
/// (2): [`Status::of_run`].
pub fn status_of(s: &RunSummary) -> Result<Status> {
    Status::of_run(s)
}

/// Consumes a run's events, printing one line per attempt and the verdict; returns the
/// summary. Card data in the rows is already masked. A stop signal (Ctrl-C, SIGTERM) aborts
/// the run through the engine, which still writes every report.
pub fn print_headless(
    handle: RunHandle,
    lang: Lang,
    out: &mut dyn Write,
    stop: &crate::checklist::StopSignals,
) -> RunSummary {
    let RunHandle {
        events,
        commands,
        thread,
    } = handle;
    let mut total = 0usize;
    let mut stopping = false;
    // The verdict block and the last line wait for the summary: whether the run is complete,
    // and which checks did not run, is known once the engine is done.
    let mut ending = false;
    loop {
        if stop.raised() && !stopping {
            stopping = true;
            let _ = commands.send(crate::checklist::BenchCommand::Abort);
            let _ = writeln!(out, "  * {}", crate::i18n::t!(lang, "report-stopping"));
        }
        let ev = match events.recv_timeout(Duration::from_millis(100)) {
            Ok(ev) => ev,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        if let BenchEvent::Started(start) = &ev {
            total = start.cards.len();
        }
        if matches!(ev, BenchEvent::Diagnosis(_) | BenchEvent::Finished { .. }) {
            ending = true;
            continue;
        }
        // Write errors (closed stdout) must not stop the run: the reports still get written.
        let _ = write_event(out, &ev, lang, total);
    }
    drop(commands);
    let summary = thread.join().unwrap_or_else(|_| RunSummary {
        end: RunEnd::CouldNotRun(crate::i18n::Text::tr("run-end-worker-panicked")),
        ..RunSummary::default()
    });
    if ending {
        let _ = write_ending(out, &summary, lang);
    }
    summary
}

/// The verdict block and the last line of a finished run: PASS, FAIL, or INCOMPLETE with the
/// checks that did not run (`report::run::Standing`); a failed run that did not finish says
/// so too.
fn write_ending(out: &mut dyn Write, s: &RunSummary, lang: Lang) -> io::Result<()> {
    let r = &s.report;
    let incomplete = !s.all_passed && r.incomplete();
    write_diagnosis(out, &s.conclusions, lang, incomplete)?;
    let dir = s.report_dir.display().to_string();
    let c = r.counts();
    let untested = r.not_tested(lang);
    let line = if s.all_passed {
        t!(lang, "run-passed", dir = dir)
    } else if r.standing() == crate::report::run::Standing::Incomplete {
        t!(
            lang,
            "run-incomplete",
            why = r.incomplete_why(lang),
            untested = c.cards_not_tested,
            cards = r.cards.len(),
            dir = dir
        )
    } else {
        t!(lang, "run-failed", dir = dir)
    };
    writeln!(out, "{line}")?;
    let ended_early = r.record.end != crate::model::RunEnd::Complete.code();
    if incomplete
        && r.standing() != crate::report::run::Standing::Incomplete
        && (ended_early || c.cards_not_tested > 0)
    {
        writeln!(
            out,
            "  {}",
            t!(
                lang,
                "run-also-incomplete",
                why = r.incomplete_why(lang),
                untested = c.cards_not_tested,
                cards = r.cards.len()
            )
        )?;
    }
    if incomplete && !untested.is_empty() {
        writeln!(
            out,
            "  {}",
            t!(
                lang,
                "report-not-tested-list",
                checks = untested.join(&crate::i18n::tr(lang, "common-semicolon"))
            )
        )?;
    }
    Ok(())
}

/// The headless lines of one event (`total`: cards in the deck).
pub(crate) fn write_event(
    out: &mut dyn Write,
    ev: &BenchEvent,
    lang: Lang,
    total: usize,
) -> io::Result<()> {
    match ev {
        BenchEvent::Started(s) => writeln!(
            out,
            "{}",
            t!(
                lang,
                "run-started",
                station = s.station.as_str(),
                device = s.device.as_str(),
                // A POS's link kind (` · serial`), empty for a reader.
                link = crate::checklist::pos_link_kind(&s.device)
                    .map(|k| format!(" · {}", crate::i18n::tr_static(lang, k)))
                    .unwrap_or_default(),
                profile = s.terminal.profile.as_str(),
                model = crate::codec::msr605::model_label_in(&s.terminal.model, lang),
                firmware = s.terminal.firmware.as_str(),
                serial = s.terminal.serial.as_str(),
                cards = s.cards.len(),
                dir = s.report_dir.display().to_string()
            )
        ),
        BenchEvent::Attempt { card, row, .. } => write_attempt(out, *card, row, total, lang),
        BenchEvent::Note(t) => writeln!(out, "  * {}", t.get(lang)),
        BenchEvent::DeviceLost(why) => {
            writeln!(
                out,
                "  ! {}",
                t!(
                    lang,
                    "run-device-lost",
                    why = crate::device::lost_reason_text(why, lang)
                )
            )
        }
        BenchEvent::Reconnected => writeln!(out, "  * {}", t!(lang, "run-device-reconnected")),
        BenchEvent::Diagnosis(cs) => write_diagnosis(out, cs, lang, false),
        BenchEvent::Exported(dir) => writeln!(
            out,
            "  * {}",
            crate::i18n::t!(lang, "report-written", dir = dir.display().to_string())
        ),
        BenchEvent::Finished {
            report_dir,
            all_passed,
            ..
        } => writeln!(
            out,
            "{}",
            if *all_passed {
                t!(lang, "run-passed", dir = report_dir.display().to_string())
            } else {
                t!(lang, "run-failed", dir = report_dir.display().to_string())
            }
        ),
        // The run could not run: said once, by the error line on stderr (exit 2).
        BenchEvent::Aborted(_)
        | BenchEvent::Prompt(_)
        | BenchEvent::PromptCleared
        | BenchEvent::Frame(_) => Ok(()),
    }
}

/// One attempt: `[card/total]` (or `[run]`), label, interface, step, outcome, family, masked
/// PAN, bank, signal, RC and latency when present, detail. Interface, step, outcome and signal
/// are words in `lang` (the codes in English, as the CSV spells them).
fn write_attempt(
    out: &mut dyn Write,
    card: Option<usize>,
    row: &Attempt,
    total: usize,
    lang: Lang,
) -> io::Result<()> {
    let who = match card {
        None => format!("[{}]", t!(lang, "run-line-run")),
        Some(card) => format!("[{}/{}]", card + 1, total),
    };
    let mut extra = String::new();
    if !row.rc.is_empty() {
        extra.push_str(&format!(" RC {}", row.rc));
    }
    if let Some(ms) = row.latency_ms {
        extra.push_str(&format!(" {ms} ms"));
    }
    // Columns are padded in display columns (CJK is two wide). Widths fit the longest value of
    // each (`network`, `batch-upload`, a 19-digit masked PAN).
    use crate::text::{fit, pad};
    writeln!(
        out,
        "{} {} {} {} {} {:<7} {:<19} {} {}{extra}  {}",
        pad(&who, 7),
        fit(&row.card_label, 24),
        pad(row.interface.name(lang), 7),
        pad(&crate::model::step_name(&row.step, lang), 12),
        pad(row.outcome.name(lang), 5),
        row.family.map(|f| f.as_str()).unwrap_or(""),
        row.masked_pan,
        bank_column(&row.bank, lang),
        crate::diagnosis::signal_label(&row.signal, lang),
        row.detail_in(lang)
    )
}

/// The issuing bank of a row: the abbreviation the CSV holds (`ICBC`) in English, the bank's
/// Chinese name otherwise (the built-in bank table; an unknown bank is shown as it is).
fn bank_column(bank: &str, lang: Lang) -> String {
    match (lang, crate::bins::find_bank(bank)) {
        (Lang::En, _) | (_, None) => crate::text::pad(bank, 6),
        (_, Some(b)) => crate::text::pad(b.zh, 16),
    }
}

/// The verdict block: one line per conclusion, or "no fault found" (in the checks that ran,
/// when the run is `incomplete`).
pub(crate) fn write_diagnosis(
    out: &mut dyn Write,
    cs: &[Conclusion],
    lang: Lang,
    incomplete: bool,
) -> io::Result<()> {
    writeln!(out, "{}", t!(lang, "run-verdict"))?;
    if cs.is_empty() && incomplete {
        writeln!(out, "  {}", t!(lang, "report-no-fault-in-what-ran"))?;
    } else if cs.is_empty() {
        writeln!(out, "  {}", t!(lang, "run-no-fault"))?;
    }
    for c in cs {
        writeln!(
            out,
            "  {} {} [{}] {} — {}",
            c.rule,
            c.family,
            c.confidence.name(lang),
            t!(
                lang,
                "common-label-value",
                label = c.culprit.get(lang),
                value = c.finding.get(lang)
            ),
            c.action.get(lang)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Interface, Outcome};

    /// The outcome column starts at the same place on every row, whatever the interface,
    /// step or PAN length (a POS run's rows: swipe and chip sales, network terminal rows).
    #[test]
    fn the_outcome_column_lines_up() {
        let mut at = Vec::new();
        for (card, iface, step, pan) in [
            (Some(0), Interface::Swipe, "sale", "621226*********0026"),
            (Some(0), Interface::Chip, "sale", "622588******0068"),
            (None, Interface::Network, "sign-on", ""),
            (None, Interface::Network, "batch-upload", ""),
            (Some(1), Interface::Chip, "select", "621226*********0026"),
        ] {
            let row = Attempt {
                card_label: "ICBC debit".into(),
                interface: iface,
                step: step.into(),
                outcome: Outcome::Pass,
                masked_pan: pan.into(),
                bank: "ICBC".into(),
                ..Attempt::default()
            };
            let mut b = Vec::new();
            write_attempt(&mut b, card, &row, 5, Lang::En).unwrap();
            let line = String::from_utf8(b).unwrap();
            at.push((line.find(" PASS ").unwrap(), line.find("ICBC  ").unwrap()));
        }
        assert!(at.windows(2).all(|w| w[0] == w[1]), "{at:?}");
    }
}
