//! CSV reports of one run (docs/report-format.md): `attempts.csv` appended and synced row by
//! row, and the summaries `cards.csv`, `banks.csv`, `diagnosis.csv` written to a temporary
//! file, synced and renamed into place. Every cell is neutralised against formula injection
//! and refused when it holds a full card number.

use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
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
use crate::model::Family;
use crate::model::{Attempt, Interface, Outcome};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What replaces a cell that held a full card number.
pub const REFUSED: &str = "[refused: card number]";

/// File names inside a run folder.
pub const ATTEMPTS: &str = "attempts.csv";
pub const CARDS: &str = "cards.csv";
pub const BANKS: &str = "banks.csv";
pub const DIAGNOSIS: &str = "diagnosis.csv";

/// `cards.csv` columns.
pub const CARD_COLUMNS: [&str; 18] = [
    "card",
    "label",
    "label_zh",
    "reference",
    "bank",
    "bank_zh",
    "scheme",
    "masked_pan",
    "interface",
    "expected",
    "outcome",
    "attempts",
    "passes",
    "failures",
    "errors",
    "family",
    "signal",
    "detail",
];

/// `banks.csv` columns.
pub const BANK_COLUMNS: [&str; 11] = [
    "bank",
    "bank_en",
    "bank_zh",
    "cards_tested",
    "cards_failed",
    "swipe_failures",
    "chip_failures",
    "network_failures",
    "dominant_family",
    "verdict",
    "verdict_zh",
];

/// `diagnosis.csv` columns.
pub const DIAGNOSIS_COLUMNS: [&str; 12] = [
    "rule",
    "family",
    "family_name",
    "culprit",
    "culprit_zh",
    "finding",
    "finding_zh",
    "action",
    "action_zh",
    "confidence",
    "evidence_count",
    "evidence",
];

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
    /// Creates (or appends to) `dir/attempts.csv`, writing the BOM (Excel) and header when
    /// the file is new.
    pub fn open(dir: &Path, excel: bool) -> Result<AttemptLog> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(ATTEMPTS);
        let mut file = OpenOptions::new().create(true).append(true).open(&path)?;
        let fresh = file.metadata()?.len() == 0;
        if fresh {
            let mut bytes = Vec::new();
            if excel {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            let header: Vec<String> = Attempt::COLUMNS.iter().map(|s| s.to_string()).collect();
            bytes.extend(encode(&header, excel)?);
            file.write_all(&bytes)?;
            file.sync_data()?;
            sync_dir(dir);
        }
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

fn sync_dir(dir: &Path) {
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
    let tmp = dir.join(format!(".{name}.tmp"));
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
    {
        let mut f = File::create(&tmp)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    sync_dir(dir);
    Ok(refused_all)
}

/// One attempt with the deck position it belongs to (`None`: run-level step such as the echo).
#[derive(Clone, Debug)]
pub struct Recorded {
    pub card: Option<usize>,
    pub attempt: Attempt,
}

/// The attempts recorded for one card, in order.
fn attempts_of(recs: &[Recorded], card: usize) -> Vec<&Attempt> {
    recs.iter()
        .filter(|r| r.card == Some(card))
        .map(|r| &r.attempt)
        .collect()
}

/// The worst outcome of a set: FAIL > ERROR > PASS > SKIP.
pub fn overall(outcomes: impl Iterator<Item = Outcome>) -> Outcome {
    let mut seen = (false, false, false, false);
    for o in outcomes {
        match o {
            Outcome::Fail => seen.0 = true,
            Outcome::Error => seen.1 = true,
            Outcome::Pass => seen.2 = true,
            Outcome::Skip => seen.3 = true,
        }
    }
    match seen {
        (true, ..) => Outcome::Fail,
        (false, true, ..) => Outcome::Error,
        (false, false, true, _) => Outcome::Pass,
        _ => Outcome::Skip,
    }
}

fn dominant_family<'a>(rows: impl Iterator<Item = &'a Attempt>) -> String {
    let mut m: BTreeMap<String, usize> = BTreeMap::new();
    for a in rows {
        if let (true, Some(f)) = (a.outcome.is_bad(), a.family) {
            *m.entry(f.as_str().to_string()).or_default() += 1;
        }
    }
    m.into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(f, _)| f)
        .unwrap_or_default()
}

/// `cards.csv` rows: one per card and interface. `expected[i][iface]` is the deck's
/// expectation text.
pub fn card_rows(
    cards: &[CardSummary],
    expected: &[BTreeMap<Interface, String>],
    recs: &[Recorded],
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for c in cards {
        let mine = attempts_of(recs, c.index);
        let masked = mine
            .iter()
            .map(|a| a.masked_pan.as_str())
            .find(|p| !p.is_empty())
            .unwrap_or("")
            .to_string();
        let bank = mine
            .iter()
            .map(|a| a.bank.as_str())
            .find(|p| !p.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| c.bank.en.clone());
        let bank_zh = crate::bins::find_bank(&bank)
            .map(|b| b.zh.to_string())
            .unwrap_or_else(|| c.bank.zh.clone());
        for iface in &c.interfaces {
            let rows: Vec<&Attempt> = mine
                .iter()
                .copied()
                .filter(|a| a.interface == *iface)
                .collect();
            let count = |o: Outcome| rows.iter().filter(|a| a.outcome == o).count();
            let outcome = overall(rows.iter().map(|a| a.outcome));
            let worst = rows
                .iter()
                .find(|a| a.outcome == Outcome::Fail)
                .or_else(|| rows.iter().find(|a| a.outcome == Outcome::Error));
            out.push(vec![
                (c.index + 1).to_string(),
                c.label.en.clone(),
                c.label.zh.clone(),
                if c.reference { "yes" } else { "no" }.into(),
                bank.clone(),
                bank_zh.clone(),
                c.scheme.clone(),
                masked.clone(),
                iface.as_str().into(),
                expected
                    .get(c.index)
                    .and_then(|m| m.get(iface))
                    .cloned()
                    .unwrap_or_else(|| "pass".into()),
                outcome.as_str().into(),
                rows.len().to_string(),
                count(Outcome::Pass).to_string(),
                count(Outcome::Fail).to_string(),
                count(Outcome::Error).to_string(),
                dominant_family(rows.iter().copied()),
                worst
                    .map(|a| a.signal.code().into_owned())
                    .unwrap_or_default(),
                worst.map(|a| a.detail.clone()).unwrap_or_default(),
            ]);
        }
    }
    out
}

/// `banks.csv` rows: one per issuing bank (cards with no known bank are grouped by scheme as
/// `(Visa)`), with the diagnosis verdict that names the bank, if any.
pub fn bank_rows(
    cards: &[CardSummary],
    recs: &[Recorded],
    conclusions: &[Conclusion],
) -> Vec<Vec<String>> {
    struct Acc {
        en: String,
        zh: String,
        cards: usize,
        failed: usize,
        fails: [usize; 3],
        rows: Vec<Attempt>,
    }
    let mut banks: BTreeMap<String, Acc> = BTreeMap::new();
    for c in cards {
        let mine = attempts_of(recs, c.index);
        let code = mine
            .iter()
            .map(|a| a.bank.as_str())
            .find(|b| !b.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| c.bank.en.clone());
        let key = if code.is_empty() {
            format!("({})", c.scheme)
        } else {
            code.clone()
        };
        let (en, zh) = match crate::bins::find_bank(&code) {
            Some(b) => (b.en.to_string(), b.zh.to_string()),
            None => (code.clone(), c.bank.zh.clone()),
        };
        let acc = banks.entry(key).or_insert(Acc {
            en,
            zh,
            cards: 0,
            failed: 0,
            fails: [0; 3],
            rows: Vec::new(),
        });
        acc.cards += 1;
        let mut any = false;
        for (k, iface) in Interface::ALL.iter().enumerate() {
            let f = mine
                .iter()
                .any(|a| a.interface == *iface && a.outcome == Outcome::Fail);
            if f {
                acc.fails[k] += 1;
                any = true;
            }
        }
        if any {
            acc.failed += 1;
        }
        acc.rows.extend(mine.into_iter().cloned());
    }
    banks
        .into_iter()
        .map(|(key, a)| {
            let verdict = conclusions.iter().find(|c| {
                c.family == Family::Bank
                    && (c.culprit.en.starts_with(&format!("{key} "))
                        || (!a.en.is_empty() && a.en != key && c.culprit.en.contains(&a.en)))
            });
            vec![
                key,
                a.en,
                a.zh,
                a.cards.to_string(),
                a.failed.to_string(),
                a.fails[0].to_string(),
                a.fails[1].to_string(),
                a.fails[2].to_string(),
                dominant_family(a.rows.iter()),
                verdict
                    .map(|c| format!("{} {}: {}", c.rule, c.family, c.finding.en))
                    .unwrap_or_default(),
                verdict
                    .map(|c| format!("{} {}: {}", c.rule, c.family, c.finding.zh))
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

/// `diagnosis.csv` rows.
pub fn diagnosis_rows(conclusions: &[Conclusion]) -> Vec<Vec<String>> {
    conclusions
        .iter()
        .map(|c| {
            vec![
                c.rule.clone(),
                c.family.as_str().into(),
                c.family.name_en().into(),
                c.culprit.en.clone(),
                c.culprit.zh.clone(),
                c.finding.en.clone(),
                c.finding.zh.clone(),
                c.action.en.clone(),
                c.action.zh.clone(),
                c.confidence.as_str().into(),
                c.evidence.len().to_string(),
                c.evidence.join(" | "),
            ]
        })
        .collect()
}

/// Writes the three summaries of a run folder. Returns refused cells.
pub fn write_summaries(
    dir: &Path,
    cards: &[CardSummary],
    expected: &[BTreeMap<Interface, String>],
    recs: &[Recorded],
    conclusions: &[Conclusion],
    excel: bool,
) -> Result<Vec<String>> {
    let mut refused = write_atomic(
        &dir.join(CARDS),
        &CARD_COLUMNS,
        &card_rows(cards, expected, recs),
        excel,
    )?;
    refused.extend(write_atomic(
        &dir.join(BANKS),
        &BANK_COLUMNS,
        &bank_rows(cards, recs, conclusions),
        excel,
    )?);
    refused.extend(write_atomic(
        &dir.join(DIAGNOSIS),
        &DIAGNOSIS_COLUMNS,
        &diagnosis_rows(conclusions),
        excel,
    )?);
    Ok(refused)
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
