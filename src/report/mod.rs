//! Report files and tallies (docs/report-format.md): the crash-safe CSV writer
//! ([`writer`]: `attempts.csv` appended and synced row by row, whole tables written to a
//! temporary file, synced and renamed into place, every cell neutralised against formula
//! injection and refused when it holds a full card number), the summaries of one run
//! ([`summaries`]: `cards.csv`, `banks.csv`, `diagnosis.csv`) and the one tally of attempts by
//! card, bank, terminal and family ([`tally`]) that the screen, the QA line and
//! `report summarize` count with.

pub mod summaries;
pub mod tally;
pub mod writer;

pub use summaries::{
    bank_rows, card_rows, diagnosis_rows, write_summaries, Recorded, BANK_COLUMNS, CARD_COLUMNS,
    DIAGNOSIS_COLUMNS,
};
pub use writer::{read_attempts, safe_cell, write_atomic, write_table, AttemptLog, REFUSED};

use thiserror::Error;

/// A report file could not be written or read back.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The CSV writer or reader refused a record.
    #[error("{0}")]
    Csv(String),
}

type Result<T, E = ReportError> = std::result::Result<T, E>;

/// File names inside a run folder.
pub const ATTEMPTS: &str = "attempts.csv";
pub const CARDS: &str = "cards.csv";
pub const BANKS: &str = "banks.csv";
pub const DIAGNOSIS: &str = "diagnosis.csv";
