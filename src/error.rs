//! The crate's error: why a command could not run (exit 2). A failed check is never an error:
//! it is a row of the report. Library areas have their own typed errors (`LoadError`,
//! `DeviceError`, `DecodeError`, `HostError`, `ExplainError`, …); this one gathers them for the
//! commands, the TUI and batch.

use crate::i18n::{io_text, t, Lang};
use std::path::PathBuf;
use thiserror::Error;

/// Errors that stop a command.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Device(#[from] crate::device::DeviceError),
    #[error(transparent)]
    Decode(#[from] crate::codec::DecodeError),
    #[error(transparent)]
    Explain(#[from] crate::explain::ExplainError),
    /// A deck, scenario, rules, stations, BIN or config file that cannot be used.
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
    #[error(transparent)]
    Host(#[from] crate::host::HostError),
    /// A report file could not be written or read.
    #[error("{}", report_line(.0))]
    Report(#[from] crate::report::ReportError),
    /// A command-line value that cannot be used, said in the display language by the command
    /// that refused it.
    #[error("{0}")]
    Usage(String),
    /// A refusal made where the display language is not known, in both languages (from the
    /// catalogue); `Display` is the English.
    #[error("{}", .0.en)]
    Said(crate::i18n::Text),
    /// The run could not run, or could no longer record (why, in both languages).
    #[error("the run could not run: {}", .0.en)]
    CouldNotRun(crate::i18n::Text),
    /// A file the run was given (`part`: `deck`, `BIN file`) cannot be used: refused before
    /// the run starts, in the words the run would record.
    #[error("the run could not run: {part}: {source}")]
    RunFile {
        part: &'static str,
        source: crate::load::LoadError,
    },
    /// A stable name for a simulator's pseudo-terminal could not be published.
    #[error("cannot publish the pseudo-terminal as {}: {source}", path.display())]
    Link {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot connect to {addr}: {source}")]
    Connect {
        addr: String,
        source: std::io::Error,
    },
    #[error(
        "cannot open the terminal UI ({0}); use `cardbench run --headless` without a terminal"
    )]
    Terminal(std::io::Error),
    /// Every terminal of a batch failed to open (each one's reason).
    #[error("no terminal could be tested: {0}")]
    NoTerminalTested(String),
    #[error("nothing to check: no serial port found and no --device given")]
    NothingToCheck,
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// A report error's English line: "report: …", except a folder refusal, which names the
/// report folder itself.
fn report_line(e: &crate::report::ReportError) -> String {
    match e {
        crate::report::ReportError::Folder(f) => f.to_string(),
        e => format!("report: {e}"),
    }
}

impl Error {
    /// The error for people in `lang`, causes included: English is the `Display` (the text
    /// logs and tests read); Chinese is said through the catalogue (`errors-*`), each wrapped
    /// error by its own `text`, the system's i/o failures by kind. Codes, offsets, paths and
    /// hex stay verbatim; a detail the bench has only in English (a loader's one-liner, a run's
    /// recorded reason, a library's message) is kept in 「」.
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let quoted = |s: &str| t!(lang, "errors-load-detail", detail = s).into_owned();
        match self {
            Error::Io(e) => io_text(e, lang),
            Error::Device(e) => e.text(lang),
            Error::Decode(e) => e.text(lang),
            Error::Explain(e) => e.text(lang),
            Error::Load(e) => e.text(lang),
            Error::Host(e) => e.text(lang),
            // A folder refusal names the report folder itself: no "report:" before it.
            Error::Report(e @ crate::report::ReportError::Folder(_)) => e.text(lang),
            Error::Report(e) => t!(lang, "errors-report", reason = e.text(lang)).into_owned(),
            // Made by the commands, which already speak the display language.
            Error::Usage(s) => s.clone(),
            Error::Said(text) => text.get(lang).to_string(),
            Error::CouldNotRun(why) => {
                t!(lang, "errors-could-not-run", reason = why.get(lang)).into_owned()
            }
            Error::RunFile { part, source } => {
                let part = if *part == "deck" { "deck" } else { "bins" };
                let reason = source.text(lang);
                t!(lang, "errors-run-file", part = part, reason = reason).into_owned()
            }
            Error::Link { path, source } => t!(
                lang,
                "errors-link",
                path = path.display().to_string(),
                reason = io_text(source, lang)
            )
            .into_owned(),
            Error::Connect { addr, source } => t!(
                lang,
                "errors-connect",
                addr = addr.as_str(),
                reason = io_text(source, lang)
            )
            .into_owned(),
            Error::Terminal(e) => {
                t!(lang, "errors-terminal", reason = io_text(e, lang)).into_owned()
            }
            Error::NoTerminalTested(why) => {
                t!(lang, "errors-no-terminal-tested", reason = quoted(why)).into_owned()
            }
            Error::NothingToCheck => t!(lang, "errors-nothing-to-check").into_owned(),
            Error::Json(e) => t!(lang, "errors-json", reason = quoted(&e.to_string())).into_owned(),
        }
    }
}

impl From<crate::hexfmt::HexError> for Error {
    fn from(e: crate::hexfmt::HexError) -> Self {
        Error::Usage(e.to_string())
    }
}

/// The crate's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How a command ended when it could run: exit code 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every check passed (exit 0).
    Passed,
    /// Some check failed (exit 1).
    Failed,
    /// No check failed, but not every check ran: a run stopped early, left cards not tested
    /// or tested nothing, or a replayed trace stops before the run's end (exit 2, "could not
    /// run" everything; docs/report-format.md "A run that did not finish").
    Incomplete,
}

impl Status {
    /// A finished run's exit status: 0 every expectation met, 1 a check failed or the
    /// diagnosis concluded something, 2 ([`Status::Incomplete`]) nothing failed but not every
    /// check ran (`report::run::Standing`); a run that could not run at all is an error (also
    /// exit 2).
    pub fn of_run(s: &crate::checklist::RunSummary) -> Result<Status> {
        if let crate::model::RunEnd::CouldNotRun(why) = &s.end {
            return Err(Error::CouldNotRun(why.clone()));
        }
        Ok(if s.all_passed {
            Status::Passed
        } else if s.report.standing() == crate::report::run::Standing::Incomplete {
            Status::Incomplete
        } else {
            Status::Failed
        })
    }

    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Passed => 0,
            Status::Failed => 1,
            Status::Incomplete => 2,
        }
    }
}
