//! `cardbench replay DIR [--headless]`: a finished run reopened from its report folder
//! (`trace.jsonl`), with no device — the TUI's end screen (timeline, checklist, diagnosis,
//! details), or headless the run's identity, the counts in cards and the verdict made again
//! from the recorded attempts through today's diagnosis.

use super::Globals;
use crate::checklist::BenchEvent;
use crate::cli::ReplayArgs;
use crate::error::{Result, Status};
use crate::i18n::t;
use crate::model::{Outcome, RunEnd};
use crate::tui::replay::{load, Replay};

/// Runs `replay`.
pub fn run(g: &Globals, args: &ReplayArgs) -> Result<Status> {
    let replay = load(&args.dir)?;
    if replay.bad_lines > 0 {
        eprintln!(
            "cardbench: {}",
            t!(
                g.lang(),
                "report-replay-bad-lines",
                count = replay.bad_lines
            )
        );
    }
    let status = status_of(&replay);
    if args.headless {
        super::output::out_text(&headless(&replay, g.lang()));
        return Ok(status);
    }
    use std::io::IsTerminal;
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        eprintln!("cardbench: not a terminal; replaying headless");
        super::output::out_text(&headless(&replay, g.lang()));
        return Ok(status);
    }
    crate::tui::replay::run_replay(replay, g.lang())?;
    Ok(status)
}

/// As a live run's (`report::run::Standing`): 1 when today's diagnosis concludes anything or
/// a recorded check failed; 2 (incomplete) when nothing failed but the run did not finish —
/// it was stopped, or its trace stops before the end (killed, cut short) — or tested nothing;
/// 1 when a check of a finished run could not be judged (ERROR); else 0.
fn status_of(r: &Replay) -> Status {
    let any = |o: Outcome| {
        r.events
            .iter()
            .any(|e| matches!(e, BenchEvent::Attempt { outcome, .. } if *outcome == o))
    };
    let all_passed = r.events.iter().any(|e| {
        matches!(
            e,
            BenchEvent::Finished {
                all_passed: true,
                ..
            }
        )
    });
    if any(Outcome::Fail) || r.conclusions.iter().any(|c| c.finds_a_fault()) {
        Status::Failed
    } else if !r.end.as_ref().is_some_and(RunEnd::is_complete) {
        Status::Incomplete
    } else if any(Outcome::Error) {
        Status::Failed
    } else if !all_passed {
        Status::Incomplete
    } else {
        Status::Passed
    }
}

/// The headless replay: the run's start line, the counts in cards, the verdict block ("no
/// fault found in the checks that ran" when the recorded run is incomplete; a trace cut short
/// says so in the counts line).
fn headless(r: &Replay, lang: crate::i18n::Lang) -> String {
    let incomplete =
        status_of(r) == Status::Incomplete || !r.end.as_ref().is_some_and(RunEnd::is_complete);
    let mut out: Vec<u8> = Vec::new();
    let mut cards = 0usize;
    let mut failed = std::collections::BTreeSet::new();
    let mut checks = 0u64;
    for ev in &r.events {
        match ev {
            BenchEvent::Started(start) => {
                cards = start.cards.len();
                let _ = super::run::write_event(&mut out, ev, lang, cards);
            }
            BenchEvent::Attempt { card, outcome, .. } if outcome.is_bad() => {
                checks += 1;
                if let Some(c) = card {
                    failed.insert(*c);
                }
            }
            BenchEvent::Diagnosis(cs) => {
                let _ = super::run::write_diagnosis(&mut out, cs, lang, incomplete);
            }
            BenchEvent::Aborted(_) => {
                let _ = super::run::write_event(&mut out, ev, lang, cards);
            }
            _ => {}
        }
    }
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&t!(
        lang,
        "report-replay-counts",
        failed = failed.len(),
        cards = cards,
        checks = checks,
        end = match &r.end {
            Some(e) => e.text(lang),
            None => t!(lang, "report-replay-truncated").into_owned(),
        }
    ));
    text.push('\n');
    text
}
