//! Every report file of a run folder from one value: [`RunReport::write_all`] (re)writes the
//! summaries, `run.toml`, `report.html` and `report.xlsx` — at the end of a run, on the
//! operator's export at any time, and from a replay. `attempts.csv` is not rewritten: it is
//! appended row by row as the run goes.

use super::run::{RunReport, Written};
use super::summaries::write_summaries;
use super::Result;
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
        let refused = write_summaries(
            dir,
            &self.cards,
            &self.expected,
            &self.recs,
            &self.conclusions,
            self.excel,
        )?;
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
