//! The batch's own files: `terminals.csv` (one row per terminal) and the small table writer
//! used for it and for `report summarize --out` (temp file, fsync, rename, fsync the folder).
//! Cells are neutralised against formula injection and any clear PAN is refused.

use crate::error::{Error, Result};
use std::io::Write;
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
    pub verdict: String,
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
            self.verdict.clone(),
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

/// A cell made safe for spreadsheets: a leading `=`, `+`, `-`, `@`, TAB or CR is prefixed
/// with `'` (OWASP CSV injection advice). Errors if the cell holds a clear PAN.
pub fn safe_cell(cell: &str) -> Result<String> {
    if let Some(masked) = crate::sensitive::find_clear_pan(cell) {
        return Err(Error::Report(format!(
            "refusing to write a cell holding a full card number ({masked})"
        )));
    }
    Ok(match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    })
}

/// Writes a whole table (first row = header) atomically: `name.tmp`, fsync, rename, fsync dir.
pub fn write_table_atomic(path: &Path, rows: &[Vec<String>]) -> Result<()> {
    write_table_atomic_with(path, rows, false)
}

/// As [`write_table_atomic`]; `excel` adds a UTF-8 BOM and CRLF line ends.
pub fn write_table_atomic_with(path: &Path, rows: &[Vec<String>], excel: bool) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "table.csv".into());
    let tmp = dir.join(format!(".{file_name}.tmp"));
    {
        let mut f = std::fs::File::create(&tmp)?;
        if excel {
            f.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut w = csv::WriterBuilder::new()
            .terminator(if excel {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(&mut f);
        for (i, r) in rows.iter().enumerate() {
            let cells: Vec<String> = if i == 0 {
                r.clone()
            } else {
                r.iter().map(|c| safe_cell(c)).collect::<Result<_>>()?
            };
            w.write_record(&cells)
                .map_err(|e| Error::Report(e.to_string()))?;
        }
        w.flush()?;
        drop(w);
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Ok(d) = std::fs::File::open(dir) {
        // Makes the rename itself durable (reliability.md §6); not all filesystems allow it.
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `terminals.csv` into `dir`.
pub fn write_terminals(dir: &Path, rows: &[TerminalRow], excel: bool) -> Result<()> {
    let mut table = vec![TerminalRow::COLUMNS.iter().map(|s| s.to_string()).collect()];
    table.extend(rows.iter().map(TerminalRow::cells));
    write_table_atomic_with(&dir.join("terminals.csv"), &table, excel)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn cells_are_neutralised_and_pans_refused() {
        assert_eq!(safe_cell("=1+1").unwrap(), "'=1+1");
        assert_eq!(safe_cell("-5").unwrap(), "'-5");
        assert_eq!(safe_cell("ok").unwrap(), "ok");
        assert!(safe_cell("card 4111111111111111 read").is_err());
        assert!(safe_cell("411111******1111").is_ok());
    }

    #[test]
    fn terminals_csv_round_trip() {
        let d = tempfile::tempdir().unwrap();
        let row = TerminalRow {
            label: "T01".into(),
            verdict: "FAIL".into(),
            family: "TERM-HW".into(),
            failing_checks: "=cmd".into(),
            ..TerminalRow::default()
        };
        write_terminals(d.path(), &[row], false).unwrap();
        let mut r = csv::Reader::from_path(d.path().join("terminals.csv")).unwrap();
        let h = r.headers().unwrap().clone();
        assert_eq!(h.iter().collect::<Vec<_>>(), TerminalRow::COLUMNS);
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[6], "FAIL");
        assert_eq!(&rec[8], "'=cmd");
        assert!(!d.path().join(".terminals.csv.tmp").exists());
    }
}
