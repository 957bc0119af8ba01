//! `cardbench report summarize`: streaming merge of the attempts.csv files of several runs or
//! stations into per-bank, per-card and per-terminal summaries. Rows are never held: each one
//! is read into one reused record and folded into maps keyed by bank / card / terminal, so
//! memory grows with the number of banks, cards and terminals, not with the number of rows.
//!
//! Layout: this file holds the summary's shape and which files a folder contributes;
//! [`merge`] reads rows and counts them with the report layer's tally
//! ([`crate::report::tally`]); [`render`] turns a summary into text tables and CSV files.

pub mod merge;
pub mod render;
pub mod verdicts;

pub use crate::report::tally::{Counts, Tally};
pub use merge::{Summarizer, READ_COLUMNS};
pub use render::{table, write_csvs};

use crate::error::{Error, Result};
use crate::report::tally::Members;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One issuing bank across every file: its tally, the distinct cards and terminals it was
/// tried on. Cards with no known bank are grouped by scheme (`(Visa)`), as in `banks.csv`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BankSummary {
    pub bank: String,
    pub cards: usize,
    pub terminals: usize,
    pub dominant_family: String,
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(skip)]
    pub(crate) card_set: Members<String>,
    #[serde(skip)]
    pub(crate) terminal_set: Members<String>,
}

/// One card (by issuing bank and masked PAN, whatever language its label was written in)
/// across every file and terminal; its masked PAN is the first one read. Run-level rows (no card label: echo, sign-on, settlement) are no card.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CardSummary {
    /// The label in English when a built-in deck knows the card, else the first one read.
    pub card_label: String,
    /// The label in both languages (a card no built-in deck has: the first one read in both).
    #[serde(skip)]
    pub label: crate::i18n::Text,
    pub masked_pan: String,
    pub bank: String,
    pub scheme: String,
    pub terminals: usize,
    pub dominant_family: String,
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(skip)]
    pub(crate) terminal_set: Members<String>,
}

/// One run of a terminal (station and serial, else terminal id, else station): the rows of
/// one station in one attempts file (a run folder's, or one station's rows in a batch
/// folder's merged file). Two runs of the same station stay two rows (a retest after a
/// repair is not merged with the failed test before it).
#[derive(Clone, Debug, Default, Serialize)]
pub struct TerminalSummary {
    pub station: String,
    pub terminal: String,
    /// The time of the run's first attempt (RFC 3339, the `time` column): which run it is.
    pub run_started: String,
    pub model: String,
    pub firmware: String,
    pub cards: usize,
    /// `PASS` (every attempt passed or was skipped), `FAIL`, `ERROR` (worst outcome first, as
    /// [`Counts::verdict`]), `SKIP` when nothing was judged: what the yield counts.
    pub outcome: String,
    pub dominant_family: String,
    /// The family of the terminal's verdict: the first conclusion of its runs' diagnosis under
    /// the diagnosis' precedence ([`verdicts`]); empty when no diagnosis was found.
    pub verdict: String,
    /// The verdict's culprit, English.
    pub culprit: String,
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(skip)]
    pub(crate) card_set: Members<String>,
    /// The conclusions of its runs' `diagnosis.csv`.
    #[serde(skip)]
    pub(crate) conclusions: Vec<crate::diagnosis::Conclusion>,
}

/// Terminals passed out of terminals tested, in one source (a batch or run folder, or a file,
/// as given on the command line) or over all of them: the QA line's yield.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Yield {
    /// The folder or file as given (empty for the total).
    pub source: String,
    /// Terminals with at least one judged (not SKIP) attempt.
    pub tested: usize,
    /// Of those, terminals with no FAIL and no ERROR.
    pub passed: usize,
}

impl Yield {
    pub(crate) fn of(source: &str, terminals: &Members<String>) -> Yield {
        Yield {
            source: source.to_string(),
            tested: terminals.judged(),
            passed: terminals.judged() - terminals.failed().min(terminals.judged()),
        }
    }

    /// Passed / tested in percent; `None` when no terminal was tested.
    pub fn rate(&self) -> Option<f64> {
        (self.tested > 0).then(|| 100.0 * self.passed as f64 / self.tested as f64)
    }
}

/// The merged summary of many attempt files.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub files: Vec<String>,
    /// Files not read because they were already counted: the same file given twice or
    /// reached by another path, or a batch's terminal folder when the batch folder's merged
    /// `attempts.csv` is read too.
    pub skipped: Vec<String>,
    pub rows: u64,
    /// Rows that could not be parsed (kept out of the tallies, counted here).
    pub bad_rows: u64,
    pub total: Counts,
    /// Terminals passed / tested over every source.
    #[serde(rename = "yield")]
    pub yield_total: Yield,
    /// The same per source (batch or run folder, or file) given.
    pub batches: Vec<Yield>,
    pub banks: Vec<BankSummary>,
    pub cards: Vec<CardSummary>,
    pub terminals: Vec<TerminalSummary>,
}

/// The attempts.csv files of a run folder: `DIR/attempts.csv` when present (a batch folder's
/// merged file), else every `attempts.csv` below DIR; a file argument is taken as is.
pub fn attempt_files(arg: &Path) -> Result<Vec<PathBuf>> {
    if arg.is_file() {
        return Ok(vec![arg.to_path_buf()]);
    }
    if !arg.is_dir() {
        return Err(Error::Said(crate::i18n::Text::tr_args(
            "errors-summarize-no-folder",
            &[("path", arg.display().to_string().into())],
        )));
    }
    let top = arg.join("attempts.csv");
    if top.is_file() {
        return Ok(vec![top]);
    }
    let mut found = Vec::new();
    let mut stack = vec![arg.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                let f = p.join("attempts.csv");
                if f.is_file() {
                    found.push(f);
                } else {
                    stack.push(p);
                }
            }
        }
    }
    found.sort();
    if found.is_empty() {
        return Err(Error::Said(crate::i18n::Text::tr_args(
            "errors-summarize-no-attempts",
            &[("path", arg.display().to_string().into())],
        )));
    }
    Ok(found)
}

/// Summarises the given run folders / files, each attempts file once ([`dedupe`]).
pub fn summarize_paths(paths: &[PathBuf]) -> Result<Summary> {
    let mut sources = Vec::with_capacity(paths.len());
    for p in paths {
        sources.push((p.display().to_string(), attempt_files(p)?));
    }
    let (sources, skipped) = dedupe(sources);
    let mut s = Summarizer::new();
    for (name, files) in sources {
        s.begin_source(&name);
        for f in files {
            s.add_file(&f)?;
        }
    }
    let mut summary = s.finish();
    summary.skipped = skipped;
    Ok(summary)
}

/// Each attempts file once: files are compared by canonical path (a folder given twice, or
/// reached through `..` or a link, counts once), and a file inside a batch folder's
/// `terminals/` is left out when that batch folder's merged `attempts.csv` (which holds the
/// same rows) is read. Sources left with no file are dropped. Returns the sources to read and
/// the files left out.
pub fn dedupe(sources: Vec<(String, Vec<PathBuf>)>) -> (Vec<(String, Vec<PathBuf>)>, Vec<String>) {
    let canon = |f: &Path| std::fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf());
    // Batch folders whose merged file is read: their terminal folders are covered.
    let covered: Vec<PathBuf> = sources
        .iter()
        .flat_map(|(_, files)| files.iter().map(|f| canon(f)))
        .filter_map(|f| f.parent().map(|d| d.join("terminals")))
        .filter(|t| t.is_dir())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut skipped = Vec::new();
    let mut out = Vec::new();
    for (name, files) in sources {
        let mut keep = Vec::new();
        for f in files {
            let c = canon(&f);
            if covered.iter().any(|t| c.starts_with(t)) || !seen.insert(c) {
                skipped.push(f.display().to_string());
            } else {
                keep.push(f);
            }
        }
        if !keep.is_empty() {
            out.push((name, keep));
        }
    }
    (out, skipped)
}
