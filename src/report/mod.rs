//! Report files and tallies (docs/report-format.md): run folders created fresh and never
//! written through a link ([`folder`]), the crash-safe CSV writer ([`writer`]: `attempts.csv`
//! appended and synced row by row, whole files written to a temporary file, synced and renamed
//! into place, every cell neutralised against formula injection and refused when it holds a
//! full card number), the run record `run.toml` ([`record`]), the summaries of one run
//! ([`summaries`]: `cards.csv`, `banks.csv`, `diagnosis.csv`; [`cause`]: which conclusion
//! explains a failed card), every file of a run from one
//! value ([`files`]), the printable `report.html` ([`html`], [`charts`]), the workbook
//! `report.xlsx` ([`xlsx`]), the replay trace `trace.jsonl` ([`trace_log`]) and the one tally of attempts by card, bank, terminal and family
//! ([`tally`]) that the screen, the QA line and `report summarize` count with.

pub mod cause;
pub mod charts;
pub mod files;
pub mod folder;
pub mod html;
pub mod record;
pub mod run;
pub mod summaries;
pub mod tally;
pub mod trace_log;
pub mod writer;
pub mod xlsx;

pub use files::write_summaries;
pub use folder::{check_fresh, create_run_dir, FolderError};
pub use record::RunRecord;
pub use run::{RunReport, Written};
pub use summaries::{
    bank_rows, card_rows, diagnosis_rows, run_cells, Recorded, BANK_COLUMNS, CARD_COLUMNS,
    DIAGNOSIS_COLUMNS, NOT_TESTED, RUN_COLUMNS,
};
pub use writer::{
    guard_pan, read_attempts, replace_file, safe_cell, write_atomic, write_table, AttemptLog,
    REFUSED,
};

use thiserror::Error;

/// A report file could not be written or read back.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The CSV writer or reader refused a record.
    #[error("{0}")]
    Csv(String),
    /// The report folder cannot take this run (not fresh, a link).
    #[error(transparent)]
    Folder(#[from] FolderError),
}

impl ReportError {
    /// The error for people in `lang` (English: the `Display`).
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ReportError::Io(e) => crate::i18n::io_text(e, lang),
            ReportError::Csv(why) if lang == crate::i18n::Lang::ZhCn => {
                crate::i18n::t!(lang, "errors-report-csv", detail = why.as_str()).into_owned()
            }
            ReportError::Csv(why) => why.clone(),
            ReportError::Folder(e) => e.text(lang),
        }
    }
}

type Result<T, E = ReportError> = std::result::Result<T, E>;

/// File names inside a run folder.
pub const ATTEMPTS: &str = "attempts.csv";
pub const CARDS: &str = "cards.csv";
pub const BANKS: &str = "banks.csv";
pub const DIAGNOSIS: &str = "diagnosis.csv";
/// The run record.
pub const RUN_RECORD: &str = "run.toml";
/// The printable report.
pub const HTML: &str = "report.html";
/// The Excel workbook.
pub const XLSX: &str = "report.xlsx";
/// The run's trace for replay.
pub const TRACE: &str = "trace.jsonl";
/// Every file a run folder holds once the run is over.
pub const RUN_FILES: [&str; 8] = [
    ATTEMPTS, CARDS, BANKS, DIAGNOSIS, RUN_RECORD, HTML, XLSX, TRACE,
];
