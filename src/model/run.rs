//! How a run ended: the end states a report folder records and batch and the TUI read.

use serde::Serialize;
use std::fmt;

/// How a run ended. `code` is the spelling in `run.toml` and the batch console.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub enum RunEnd {
    /// Every card of the deck was reached.
    #[default]
    Complete,
    /// The operator stopped it (`q`, Ctrl-C, SIGTERM).
    StoppedByOperator,
    /// The device went away or stopped answering and did not come back (the reason says which).
    DeviceLost(String),
    /// It could not run at all, or could no longer record (exit 2).
    CouldNotRun(String),
}

impl RunEnd {
    /// `complete`, `stopped by operator`, `device lost`, `could not run`.
    pub fn code(&self) -> &'static str {
        match self {
            RunEnd::Complete => "complete",
            RunEnd::StoppedByOperator => "stopped by operator",
            RunEnd::DeviceLost(_) => "device lost",
            RunEnd::CouldNotRun(_) => "could not run",
        }
    }

    /// Why it ended early, if it did.
    pub fn reason(&self) -> Option<&str> {
        match self {
            RunEnd::Complete => None,
            RunEnd::StoppedByOperator => Some("stopped by the operator"),
            RunEnd::DeviceLost(r) | RunEnd::CouldNotRun(r) => Some(r),
        }
    }

    /// The end a `run.toml` / `trace.jsonl` records: its `code` and `reason` read back;
    /// `None` for a code this version does not know (or `running`).
    pub fn from_code(code: &str, reason: &str) -> Option<RunEnd> {
        Some(match code {
            "complete" => RunEnd::Complete,
            "stopped by operator" => RunEnd::StoppedByOperator,
            "device lost" => RunEnd::DeviceLost(reason.to_string()),
            "could not run" => RunEnd::CouldNotRun(reason.to_string()),
            _ => return None,
        })
    }

    /// The run reached the end of the deck.
    pub fn is_complete(&self) -> bool {
        *self == RunEnd::Complete
    }
}

impl fmt::Display for RunEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason() {
            Some(r) if !matches!(self, RunEnd::StoppedByOperator) => {
                write!(f, "{}: {r}", self.code())
            }
            _ => f.write_str(self.code()),
        }
    }
}
