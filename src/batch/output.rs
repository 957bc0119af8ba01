//! The batch's own files: `terminals.csv` (one row per terminal) and the small table writer
//! used for it and for `report summarize --out` (temp file, fsync, rename, fsync the folder).
//! Cells go through the report writer: formula injection neutralised, clear PANs refused.

use crate::error::{Error, Result};
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
}

impl TerminalRow {
    pub const COLUMNS: [&'static str; 15] = [
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
        ]
    }
}

/// Writes a whole table (first row = header) atomically through the report writer
/// (`report::write_atomic`: temp file, fsync, rename, fsync the folder; cells neutralised
/// against formula injection, a cell holding a full card number replaced). Returns the
/// refused cells.
pub fn write_table_atomic(path: &Path, rows: &[Vec<String>]) -> Result<Vec<String>> {
    write_table_atomic_with(path, rows, false)
}

/// As [`write_table_atomic`]; `excel` adds a UTF-8 BOM and CRLF line ends.
pub fn write_table_atomic_with(
    path: &Path,
    rows: &[Vec<String>],
    excel: bool,
) -> Result<Vec<String>> {
    let Some((head, body)) = rows.split_first() else {
        return Err(Error::Report(crate::report::ReportError::Csv(format!(
            "{}: no header",
            path.display()
        ))));
    };
    let cols: Vec<&str> = head.iter().map(String::as_str).collect();
    Ok(crate::report::write_atomic(path, &cols, body, excel)?)
}

/// Writes `terminals.csv` into `dir`.
pub fn write_terminals(dir: &Path, rows: &[TerminalRow], excel: bool) -> Result<()> {
    let mut table = vec![TerminalRow::COLUMNS.iter().map(|s| s.to_string()).collect()];
    table.extend(rows.iter().map(TerminalRow::cells));
    write_table_atomic_with(&dir.join("terminals.csv"), &table, excel).map(|_| ())
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
