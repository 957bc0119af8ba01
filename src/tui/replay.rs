//! Replay: a finished run reopened from its folder's `trace.jsonl`, with no device — the
//! engine's events rebuilt in their recorded order (deck, start, every frame of the timeline,
//! every attempt, notes, the end), and the diagnosis made again with today's rules from the
//! recorded attempts (observed the way the live run observes them, `checklist::observe`). The
//! TUI shows it as the run's end screen; `cardbench replay --headless` prints the verdict.

use crate::checklist::{count_frame, observe, BenchEvent, RunStart};
use crate::deck::CardSummary;
use crate::diagnosis::{Conclusion, LinkStats, Observation};
use crate::error::{Error, Result};
use crate::model::RunEnd;
use crate::report::trace_log::{read_trace, TraceEntry};
use std::path::{Path, PathBuf};

/// A recorded run, ready to be shown again.
#[derive(Clone, Debug)]
pub struct Replay {
    /// The run's events in recorded order, ending with today's `Diagnosis` and `Finished`.
    pub events: Vec<BenchEvent>,
    /// Today's diagnosis of the recorded attempts.
    pub conclusions: Vec<Conclusion>,
    /// The device address the run used.
    pub device: String,
    /// Trace lines that could not be read (skipped).
    pub bad_lines: usize,
    /// How the recorded run ended (`None`: the trace stops before the end — a killed run).
    pub end: Option<RunEnd>,
}

/// What the replay keeps while it reads the trace.
#[derive(Default)]
struct Reading {
    events: Vec<BenchEvent>,
    cards: Vec<CardSummary>,
    tracks: Vec<Vec<u8>>,
    obs: Vec<Observation>,
    link: LinkStats,
    device: String,
    finished: Option<(bool, RunEnd)>,
}

impl Reading {
    fn take(&mut self, e: TraceEntry, dir: &Path) {
        let ev = match e {
            TraceEntry::Deck { tracks, .. } => {
                self.tracks = tracks;
                return;
            }
            TraceEntry::Started(start) => {
                self.cards = start.cards.clone();
                self.device = start.device.clone();
                BenchEvent::Started(RunStart {
                    report_dir: dir.to_path_buf(),
                    ..start
                })
            }
            TraceEntry::Frame(f) => {
                count_frame(&mut self.link, &f);
                BenchEvent::Frame(f)
            }
            TraceEntry::Attempt { card, row } => {
                let deck = card.and_then(|i| {
                    let tracks = self.tracks.get(i).map(Vec::as_slice).unwrap_or(&[]);
                    Some((self.cards.get(i)?, tracks))
                });
                self.obs.push(observe(&row, card, deck));
                BenchEvent::Attempt {
                    card,
                    interface: row.interface,
                    outcome: row.outcome,
                    row,
                }
            }
            TraceEntry::Note(t) => BenchEvent::Note(t),
            TraceEntry::DeviceLost { why } => BenchEvent::DeviceLost(why),
            TraceEntry::Reconnected => BenchEvent::Reconnected,
            TraceEntry::Aborted { why } => BenchEvent::Aborted(why.into()),
            TraceEntry::Finished {
                all_passed,
                end,
                reason,
            } => {
                let end = RunEnd::from_code(&end, &reason)
                    .unwrap_or(RunEnd::CouldNotRun(format!("{end}: {reason}").into()));
                self.finished = Some((all_passed, end));
                return;
            }
        };
        self.events.push(ev);
    }
}

/// Reads a run folder's `trace.jsonl` and diagnoses its attempts again. Errors: no trace in
/// the folder (a run made before traces existed, or not a run folder).
pub fn load(dir: &Path) -> Result<Replay> {
    let (entries, bad_lines) = read_trace(dir).map_err(|e| {
        Error::Said(crate::i18n::Text::tr_each(
            "errors-replay-no-trace",
            |lang| {
                vec![
                    ("path", dir.display().to_string().into()),
                    ("file", crate::report::TRACE.into()),
                    ("reason", crate::i18n::io_text(&e, lang).into()),
                ]
            },
        ))
    })?;
    let mut r = Reading::default();
    for e in entries {
        r.take(e, dir);
    }
    let conclusions = crate::diagnosis::diagnose(&r.obs, &r.link);
    let mut events = r.events;
    events.push(BenchEvent::Diagnosis(conclusions.clone()));
    let end = r.finished.as_ref().map(|(_, e)| e.clone());
    if let Some((all_passed, end)) = r.finished {
        events.push(BenchEvent::Finished {
            report_dir: PathBuf::from(dir),
            all_passed,
            end,
        });
    } else {
        events.push(BenchEvent::Aborted(crate::i18n::Text::tr_args(
            "run-end-trace-cut",
            &[("count", r.obs.len().into())],
        )));
    }
    Ok(Replay {
        events,
        conclusions,
        device: r.device,
        bad_lines,
        end,
    })
}

/// The run screen of a replay: the recorded run's end screen, every panel and overlay
/// working (timeline, checklist, diagnosis, details), no device. `q` quits.
pub fn run_replay(replay: Replay, lang: crate::i18n::Lang) -> Result<crate::error::Status> {
    super::run_app_for(app_for(replay, lang))
}

/// The app showing a replay: its recorded events applied, marked as a replay (so `e`, which
/// would rewrite the recorded folder, is neither offered nor acted on).
pub fn app_for(replay: Replay, lang: crate::i18n::Lang) -> super::app::App {
    let mut app = super::app::App::for_run(lang, &replay.device);
    app.replay = true;
    for ev in replay.events {
        app.update(super::app::AppEvent::Bench(ev));
    }
    app
}
