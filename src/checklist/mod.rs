//! The checklist engine: a reference-card step, then per card swipe / chip / network checks,
//! operator prompts with timeouts, retry and skip — run on one worker thread that owns the
//! device, talking to a UI (TUI or headless printer) over channels.

pub mod cmd;

use crate::device::FrameRecord;
use crate::diagnosis::Conclusion;
use crate::i18n::Text;
use crate::model::{Attempt, DeviceInfo, Interface, Outcome};
use std::path::PathBuf;

/// A card of the deck as the UI shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CardSummary {
    /// 0-based position in checklist order.
    pub index: usize,
    pub label: Text,
    /// Expected issuing bank (display name), empty if unknown.
    pub bank: Text,
    pub scheme: String,
    pub reference: bool,
    pub interfaces: Vec<Interface>,
}

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
    Started {
        station: String,
        device: String,
        terminal: DeviceInfo,
        cards: Vec<CardSummary>,
        report_dir: PathBuf,
    },
    Prompt(Prompt),
    PromptCleared,
    /// One line of the link timeline (already masked).
    Frame(FrameRecord),
    /// One attempt recorded (already appended and synced to attempts.csv).
    Attempt {
        card: usize,
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
    /// The run is over; reports are in `report_dir`.
    Finished {
        report_dir: PathBuf,
        all_passed: bool,
    },
    /// The run could not continue (the message says why); reports written so far are kept.
    Aborted(String),
}

/// Commands from the UI to the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchCommand {
    /// Space: confirm / next (e.g. the card is presented).
    Confirm,
    /// Retry the current step.
    Retry,
    /// Skip the current step.
    Skip,
    /// Write summaries and diagnosis now.
    ExportNow,
    /// Stop the run (summaries are still written).
    Abort,
}
