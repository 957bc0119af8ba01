//! Every report file of a run folder from one value: [`RunReport::write_all`] (re)writes the
//! summaries, `run.toml`, `report.html` and `report.xlsx` — at the end of a run, on the
//! operator's export at any time, and from a replay. `attempts.csv` is not rewritten: it is
//! appended row by row as the run goes.

use super::run::{RunReport, Written};
use super::summaries::{
    bank_rows, card_rows, diagnosis_rows, with_run, BANK_COLUMNS, CARD_COLUMNS, DIAGNOSIS_COLUMNS,
};
use super::writer::write_atomic;
use super::{Result, BANKS, CARDS, DIAGNOSIS};
use std::path::Path;

impl RunReport {
    /// Writes every report file but `attempts.csv` into `dir`: `cards.csv`, `banks.csv`,
    /// `diagnosis.csv`, `run.toml` (with the counts brought up to date), `report.html`,
    /// `report.xlsx`. Each file is written
    /// to a temporary file and renamed into place; a failure stops at that file (the ones
    /// before it are written).
    pub fn write_all(&mut self, dir: &Path) -> Result<Written> {
        self.record.counts = self.counts();
        self.record.deck.cards = self.cards.len();
        let refused = write_summaries(dir, self)?;
        self.record.write(dir)?;
        super::writer::replace_file(
            &dir.join(super::HTML),
            super::html::render_run(self).as_bytes(),
        )?;
        super::writer::replace_file(&dir.join(super::XLSX), &super::xlsx::workbook(self)?)?;
        let files = [
            super::CARDS,
            super::BANKS,
            super::DIAGNOSIS,
            super::RUN_RECORD,
            super::HTML,
            super::XLSX,
        ]
        .iter()
        .map(|n| dir.join(n))
        .collect();
        Ok(Written { files, refused })
    }
}

/// Writes the three CSV summaries of the run `r` into its folder `dir`, each row ending with
/// the run's identity ([`RUN_COLUMNS`](super::summaries::RUN_COLUMNS)). Returns refused cells.
pub fn write_summaries(dir: &Path, r: &RunReport) -> Result<Vec<String>> {
    let tables = [
        (
            CARDS,
            &CARD_COLUMNS[..],
            card_rows(&r.cards, &r.expected, &r.recs, &r.conclusions),
        ),
        (
            BANKS,
            &BANK_COLUMNS[..],
            bank_rows(&r.cards, &r.recs, &r.conclusions),
        ),
        (
            DIAGNOSIS,
            &DIAGNOSIS_COLUMNS[..],
            diagnosis_rows(&r.conclusions),
        ),
    ];
    let mut refused = Vec::new();
    for (name, columns, rows) in tables {
        let (columns, rows) = with_run(columns, rows, &r.record);
        refused.extend(write_atomic(&dir.join(name), &columns, &rows, r.excel)?);
    }
    Ok(refused)
}
