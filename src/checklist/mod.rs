//! The checklist engine: a reference-card step, then per card swipe / chip / network checks,
//! operator prompts with timeouts, retry and skip — run on one worker thread that owns the
//! device, talking to a UI (TUI or headless printer) over channels.
//!
//! Layout (imports run down this list, never up):
//! - `engine`: the loop — open and identify, walk the deck per card and interface, drive each
//!   step (prompt → device or host → judge → recorder), expectations, finish.
//! - `access`: device access — every device call, the no-reply counter, reopening after a
//!   hang-up with backoff, the wait for a card in slices. `net`: the host session.
//! - `operator`: operator commands as explicit requests (abort, skip, retry, export).
//! - `record`: the recorder — pre-filled rows, the deck's expectation, classification,
//!   `attempts.csv`, the events, the summaries. `outbox`: events to the UI. `sink`: the frame
//!   sink and its link counters.
//! - `judge`: pure judges for the swipe, chip and network steps (data in, rows out, no I/O).
//! - `card`: what a card's steps read for the next ones; `stop`: why a run ends early;
//!   `plan`: the run plan; `signals`: Ctrl-C and SIGTERM as a stop flag.

mod access;
mod card;
pub mod engine;
mod fit;
mod judge;
pub(crate) use judge::chip::oda_text;
mod net;
mod operator;
mod outbox;
pub mod plan;
pub(crate) mod pos;
mod record;
pub mod signals;
mod sink;
mod stop;

pub use judge::chip::read_rows;
pub use plan::{Pacing, RunPlan};
pub use pos::link_kind as pos_link_kind;
pub use record::observe;
pub use signals::StopSignals;
pub use sink::count_frame;

use crate::diagnosis::Conclusion;
use crate::i18n::Text;
use crate::model::{Attempt, DeviceInfo, Interface, Outcome, RunEnd};
pub use crate::report::trace_log::RunStart;
use crate::trace::FrameRecord;
use std::path::PathBuf;

/// What the operator is asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAction {
    Swipe,
    Insert,
    Remove,
    /// Wait for the host step (no operator action; shown for information).
    Host,
}

/// An operator prompt, e.g. "Swipe card 3 of 12 — ICBC debit" / "请刷卡 — 第 3/12 张 工商银行借记卡".
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    pub card: usize,
    pub total: usize,
    pub action: PromptAction,
    /// The full sentence in both languages.
    pub text: Text,
    pub timeout_s: u64,
}

/// Events from the engine to whoever displays the run.
#[derive(Clone, Debug)]
pub enum BenchEvent {
    /// The device answered its identity command; the deck is loaded.
    Started(RunStart),
    Prompt(Prompt),
    PromptCleared,
    /// One line of the link timeline (already masked).
    Frame(FrameRecord),
    /// One attempt recorded (already appended and synced to attempts.csv); `card` is the deck
    /// position, `None` for run-level steps (connect, echo).
    Attempt {
        card: Option<usize>,
        interface: Interface,
        outcome: Outcome,
        row: Box<Attempt>,
    },
    /// A note from the bench (retry, reconnect, skipped step…).
    Note(Text),
    DeviceLost(String),
    Reconnected,
    /// Conclusions so far (sent at the end, and after `ExportNow`).
    Diagnosis(Vec<Conclusion>),
    /// Every report file was (re)written into this folder (after `ExportNow`).
    Exported(PathBuf),
    /// The run is over; reports are in `report_dir`.
    Finished {
        report_dir: PathBuf,
        all_passed: bool,
        end: RunEnd,
    },
    /// The run could not continue (the message says why); reports written so far are kept.
    Aborted(crate::i18n::Text),
}

/// Commands from the UI to the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchCommand {
    /// Retry the current step.
    Retry,
    /// Skip the current step.
    Skip,
    /// Write every report file (summaries, run.toml, report.html, report.xlsx) now.
    ExportNow,
    /// Stop the run (summaries are still written).
    Abort,
    /// The operator's answer to "what did the terminal show?" when a POS sent nothing:
    /// 1 a card-read error, 2 nothing, 3 something else (`pos8583`).
    TerminalShowed(u8),
}

/// What a finished run leaves behind.
#[derive(Clone, Debug, Default)]
pub struct RunSummary {
    pub report_dir: PathBuf,
    /// Every expectation met (and the run complete).
    pub all_passed: bool,
    /// How the run ended; the rows recorded before an early end are kept.
    pub end: RunEnd,
    pub terminal: DeviceInfo,
    pub conclusions: Vec<Conclusion>,
    pub attempts: Vec<Attempt>,
    /// What the report files were made from (the TUI's `e` rewrites them after the run).
    pub report: crate::report::RunReport,
}

/// A running checklist: events out, commands in, the worker thread.
pub struct RunHandle {
    pub events: std::sync::mpsc::Receiver<BenchEvent>,
    pub commands: std::sync::mpsc::Sender<BenchCommand>,
    pub thread: std::thread::JoinHandle<RunSummary>,
}

/// Starts a run on its own worker thread, which owns the device.
pub fn start(plan: RunPlan) -> RunHandle {
    let opener = default_opener(&plan);
    start_with(plan, opener)
}

/// Starts a run with a custom way of opening the device (tests, embedding).
pub fn start_with(plan: RunPlan, opener: engine::Opener) -> RunHandle {
    let (etx, erx) = std::sync::mpsc::channel();
    let (ctx, crx) = std::sync::mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("checklist".into())
        .spawn(move || {
            if plan.device.profile == crate::device::open::POS_PROFILE {
                pos::run(plan, etx, crx)
            } else {
                engine::run(plan, etx, crx, opener)
            }
        });
    let thread = match thread {
        Ok(t) => t,
        // Could not even start a thread: report it from a trivial one-shot thread.
        Err(e) => std::thread::spawn(move || RunSummary {
            end: RunEnd::CouldNotRun(crate::i18n::Text::each(|lang| {
                crate::i18n::t!(
                    lang,
                    "run-end-no-thread",
                    reason = crate::i18n::io_text(&e, lang)
                )
                .into_owned()
            })),
            ..RunSummary::default()
        }),
    };
    RunHandle {
        events: erx,
        commands: ctx,
        thread,
    }
}

/// Opens `plan.device` through the device layer, and reopens it the same way after a
/// hang-up. A `PROFILE:sim` address keeps its simulator in one slot, so its state (deck
/// position) survives an unplug, as a real reader's cards would.
fn default_opener(plan: &RunPlan) -> engine::Opener {
    let addr = plan.device.clone();
    let baud = plan.baud;
    let slot = crate::sim::SimSlot::default();
    Box::new(move |sink| {
        let opts = crate::device::open::OpenOptions {
            baud,
            sink: Some(sink),
            sim_slot: Some(slot.clone()),
            ..crate::device::open::OpenOptions::default()
        };
        let opened = crate::device::open::open_device(&addr, &opts)?;
        let keep: Option<engine::Keepalive> = opened.sim.map(|s| Box::new(s) as engine::Keepalive);
        Ok((opened.device, keep))
    })
}
