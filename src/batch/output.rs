//! The batch folder's summaries: `terminals.csv` (one row per terminal), the batch-wide
//! `cards.csv` and `diagnosis.csv` (the terminals' own, concatenated) and `banks.csv` (the
//! terminals' own bank rows aggregated per bank, `batch::banks`). All go through the report writer (temp file,
//! fsync, rename; formula injection neutralised, clear PANs refused).

use crate::error::Result;
use crate::model::Outcome;
use std::path::Path;

/// One row of `terminals.csv`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TerminalRow {
    pub label: String,
    pub device: String,
    pub profile: String,
    pub model: String,
    pub firmware: String,
    pub serial: String,
    /// PASS, FAIL or ERROR.
    pub verdict: Outcome,
    /// Cause family of the failure (diagnosis' top conclusion, else the most frequent family
    /// among failed attempts); empty for PASS.
    pub family: String,
    /// `card/interface/step: signal` of each failed check, `; `-separated.
    pub failing_checks: String,
    pub attempts: u64,
    pub pass: u64,
    pub fail: u64,
    pub error: u64,
    /// Why the run could not complete, an identity mismatch, reconnects.
    pub note: String,
    /// The terminal's own report folder.
    pub report_dir: String,
    /// The failed checks of `failing_checks` in words, in the run's language (`ICBC debit ·
    /// chip records: the card's records could not be read`), `; `-separated.
    pub failing_checks_text: String,
    /// What to do about the terminal, in the run's language: check its identity when it is
    /// not the expected one, else the diagnosis' verdict's action (the conclusion `family`
    /// comes from), else the first failed check's, else what to do when it could not run.
    pub action: String,
}

impl TerminalRow {
    pub const COLUMNS: [&'static str; 17] = [
        "label",
        "device",
        "profile",
        "model",
        "firmware",
        "serial",
        "verdict",
        "family",
        "failing_checks",
        "attempts",
        "pass",
        "fail",
        "error",
        "note",
        "report_dir",
        "failing_checks_text",
        "action",
    ];

    pub fn cells(&self) -> Vec<String> {
        vec![
            self.label.clone(),
            self.device.clone(),
            self.profile.clone(),
            self.model.clone(),
            self.firmware.clone(),
            self.serial.clone(),
            self.verdict.as_str().to_string(),
            self.family.clone(),
            self.failing_checks.clone(),
            self.attempts.to_string(),
            self.pass.to_string(),
            self.fail.to_string(),
            self.error.to_string(),
            self.note.clone(),
            self.report_dir.clone(),
            self.failing_checks_text.clone(),
            self.action.clone(),
        ]
    }
}

/// Writes `terminals.csv` into `dir`.
pub fn write_terminals(dir: &Path, rows: &[TerminalRow], excel: bool) -> Result<()> {
    let mut table = vec![TerminalRow::COLUMNS.iter().map(|s| s.to_string()).collect()];
    table.extend(rows.iter().map(TerminalRow::cells));
    crate::report::write_table(&dir.join("terminals.csv"), &table, excel)?;
    Ok(())
}

/// The batch-wide `cards.csv` and `diagnosis.csv`, merged from the terminals' run folders:
/// a `terminal` column (the station label) in front, then the terminal's rows, in station
/// order — both files are per-terminal facts, so the merge is a concatenation. `excel` as for
/// every other report file (`report::write_table`: UTF-8 BOM and CRLF).
pub fn merge_summaries(out: &Path, rows: &[TerminalRow], excel: bool) -> Result<()> {
    for name in [crate::report::CARDS, crate::report::DIAGNOSIS] {
        let mut table: Vec<Vec<String>> = Vec::new();
        for r in rows {
            let p = Path::new(&r.report_dir).join(name);
            let Ok(mut rdr) = csv::ReaderBuilder::new().flexible(true).from_path(&p) else {
                continue;
            };
            let Ok(h) = rdr.headers() else { continue };
            let h: Vec<String> = h
                .iter()
                .map(|c| c.trim_start_matches('\u{feff}').to_string())
                .collect();
            if table.is_empty() {
                let mut head = vec!["terminal".to_string()];
                head.extend(h);
                table.push(head);
            }
            for rec in rdr.records().flatten() {
                let mut row = vec![r.label.clone()];
                row.extend(rec.iter().map(|c| c.trim_start_matches('\'').to_string()));
                table.push(row);
            }
        }
        if !table.is_empty() {
            crate::report::write_table(&out.join(name), &table, excel)?;
        }
    }
    Ok(())
}

/// Writes the batch-wide `banks.csv` (`batch::banks::batch_bank_rows`).
pub fn write_batch_banks(out: &Path, rows: &[Vec<String>], excel: bool) -> Result<()> {
    crate::report::write_atomic(
        &out.join(crate::report::BANKS),
        &crate::report::BANK_COLUMNS,
        rows,
        excel,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn terminals_csv_round_trip() {
        let d = tempfile::tempdir().unwrap();
        let row = TerminalRow {
            label: "T01".into(),
            verdict: Outcome::Fail,
            family: "TERM-HW".into(),
            failing_checks: "=cmd".into(),
            note: "card 4111111111111111".into(),
            ..TerminalRow::default()
        };
        write_terminals(d.path(), &[row], false).unwrap();
        let mut r = csv::Reader::from_path(d.path().join("terminals.csv")).unwrap();
        let h = r.headers().unwrap().clone();
        assert_eq!(h.iter().collect::<Vec<_>>(), TerminalRow::COLUMNS);
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[6], Outcome::Fail.as_str());
        assert_eq!(&rec[8], "'=cmd");
        assert_eq!(&rec[13], crate::report::REFUSED);
        assert!(!d.path().join(".terminals.csv.tmp").exists());
    }
}
