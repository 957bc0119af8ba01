//! The crash-safe CSV writer every report file goes through: `attempts.csv` appended and
//! synced row by row ([`AttemptLog`]), whole tables written to a temporary file, synced and
//! renamed into place ([`write_atomic`], [`write_table`]). Every cell is neutralised against
//! formula injection and refused when it holds a full card number (reliability.md §1.3 and §6).

use super::{ReportError, Result, ATTEMPTS};
use crate::model::Attempt;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What replaces a cell that held a full card number.
pub const REFUSED: &str = "[refused: card number]";

/// Makes one cell safe through the output guard (`sensitive::guard_cell`): a cell holding a
/// 13–19 digit Luhn-valid number (also written in groups or in full-width digits) is replaced
/// by [`REFUSED`] (returned as `true`); a cell a spreadsheet would evaluate (`=`, `+`, `-`,
/// `@` or their full-width forms after any white space, or a leading control) gets a `'`.
pub fn safe_cell(s: &str) -> (String, bool) {
    match crate::sensitive::guard_cell(s) {
        Some(cell) => (cell, false),
        None => (REFUSED.to_string(), true),
    }
}

/// The card-number guard alone, for files that hold text as text (the workbook's string
/// cells, the printable report): a cell holding a 13–19 digit Luhn-valid number becomes
/// [`REFUSED`].
pub fn guard_pan(s: &str) -> &str {
    if crate::sensitive::find_clear_pan(s).is_some() {
        REFUSED
    } else {
        s
    }
}

/// Encodes one record (cells already safe) with the run's line ending.
fn encode(cells: &[String], excel: bool) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(if excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    w.write_record(cells)
        .map_err(|e| ReportError::Csv(e.to_string()))?;
    w.into_inner().map_err(|e| ReportError::Csv(e.to_string()))
}

/// Sanitises a record; returns the cells and the names of refused columns.
fn sanitise(cells: &[String], names: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut refused = Vec::new();
    let out = cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (s, r) = safe_cell(c);
            if r {
                refused.push(names.get(i).copied().unwrap_or("?").to_string());
            }
            s
        })
        .collect();
    (out, refused)
}

/// `attempts.csv`: opened once per run, one row appended, flushed and `sync_data`ed per
/// attempt so a crash (or SIGKILL) loses nothing already reported.
pub struct AttemptLog {
    file: File,
    path: PathBuf,
    excel: bool,
    rows: usize,
}

impl AttemptLog {
    /// Creates `dir/attempts.csv` new, with the BOM (Excel) and the header. The folder must
    /// have been made fresh for this run ([`super::folder::create_run_dir`]); an
    /// `attempts.csv` already there — another run's, or a planted symbolic link — is refused,
    /// never appended to.
    pub fn open(dir: &Path, excel: bool) -> Result<AttemptLog> {
        let path = dir.join(ATTEMPTS);
        let mut file = super::folder::create_new(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ReportError::Csv(format!(
                    "{} already exists (another run, or a link): refusing to append to it",
                    path.display()
                ))
            } else {
                e.into()
            }
        })?;
        let mut bytes = Vec::new();
        if excel {
            bytes.extend_from_slice("\u{feff}".as_bytes());
        }
        let header: Vec<String> = Attempt::COLUMNS.iter().map(|s| s.to_string()).collect();
        bytes.extend(encode(&header, excel)?);
        file.write_all(&bytes)?;
        file.sync_data()?;
        sync_dir(dir);
        Ok(AttemptLog {
            file,
            path,
            excel,
            rows: 0,
        })
    }

    /// Appends one attempt; returns the names of columns whose cell was refused.
    pub fn append(&mut self, a: &Attempt) -> Result<Vec<String>> {
        let (cells, refused) = sanitise(&a.cells(), &Attempt::COLUMNS);
        let bytes = encode(&cells, self.excel)?;
        // One write per row: a crash leaves whole rows (or a torn last one), never a mix.
        self.file.write_all(&bytes)?;
        self.file.flush()?;
        self.file.sync_data()?;
        self.rows += 1;
        Ok(refused)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn rows(&self) -> usize {
        self.rows
    }
}

pub(crate) fn sync_dir(dir: &Path) {
    // Makes the new directory entry durable; best effort (not every filesystem allows it).
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes a whole CSV atomically: temp file in the same folder → fsync → rename → fsync the
/// folder. Returns the refused cells as `row N column`.
pub fn write_atomic(
    path: &Path,
    columns: &[&str],
    rows: &[Vec<String>],
    excel: bool,
) -> Result<Vec<String>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report.csv".into());
    let mut bytes = Vec::new();
    if excel {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    let header: Vec<String> = columns.iter().map(|s| s.to_string()).collect();
    bytes.extend(encode(&header, excel)?);
    let mut refused_all = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let (cells, refused) = sanitise(r, columns);
        for c in refused {
            refused_all.push(format!("{name} row {} column {c}", i + 1));
        }
        bytes.extend(encode(&cells, excel)?);
    }
    replace_file(path, &bytes)?;
    Ok(refused_all)
}

/// Replaces `path` with `bytes` atomically: a temporary `.NAME.tmp` beside it, created new
/// (never through a link: [`super::folder::create_temp`]), synced, renamed over `path` (a link
/// planted at `path` is replaced, its target untouched), then the folder is synced.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.tmp"));
    {
        let mut f = super::folder::create_temp(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    sync_dir(dir);
    Ok(())
}

/// Writes a whole table (first row = header) atomically through [`write_atomic`]; `excel`
/// adds a UTF-8 BOM and CRLF line ends. Returns the refused cells; a table without a header
/// row is refused.
pub fn write_table(path: &Path, rows: &[Vec<String>], excel: bool) -> Result<Vec<String>> {
    let Some((head, body)) = rows.split_first() else {
        return Err(ReportError::Csv(format!("{}: no header", path.display())));
    };
    let cols: Vec<&str> = head.iter().map(String::as_str).collect();
    write_atomic(path, &cols, body, excel)
}

/// Reads an attempts.csv back (BOM tolerated) — for `report summarize`, batch and tests.
pub fn read_attempts(path: &Path) -> Result<Vec<Attempt>> {
    let text = std::fs::read_to_string(path)?;
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for r in rdr.deserialize() {
        let a: Attempt = r.map_err(|e| ReportError::Csv(format!("{}: {e}", path.display())))?;
        out.push(a);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::model::Outcome;

    #[test]
    fn cells() {
        assert_eq!(safe_cell("=HYPERLINK(1)").0, "'=HYPERLINK(1)");
        assert_eq!(safe_cell("+1").0, "'+1");
        assert_eq!(safe_cell("-1").0, "'-1");
        assert_eq!(safe_cell("@x").0, "'@x");
        assert_eq!(safe_cell("\tx").0, "'\tx");
        assert_eq!(safe_cell("\rx").0, "'\rx");
        assert_eq!(safe_cell("ICBC 工商").0, "ICBC 工商");
        let (s, r) = safe_cell("pan 6222020000000000018 leaked");
        assert!(r);
        assert_eq!(s, REFUSED);
        assert!(!safe_cell("622202******0018").1);
    }

    #[test]
    fn attempt_log_roundtrip() {
        let d = tempfile::tempdir().unwrap();
        let mut log = AttemptLog::open(d.path(), true).unwrap();
        let a = Attempt {
            card_label: "=cmd".into(),
            detail: "4111111111111111".into(),
            outcome: Outcome::Pass,
            ..Attempt::default()
        };
        assert_eq!(log.append(&a).unwrap(), vec!["detail".to_string()]);
        let raw = std::fs::read(log.path()).unwrap();
        assert!(raw.starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(raw.windows(2).any(|w| w == b"\r\n"));
        let back = read_attempts(log.path()).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].card_label, "'=cmd");
        assert_eq!(back[0].detail, REFUSED);
    }
}
