//! `report.xlsx`: the run's tables as one Excel workbook (rust_xlsxwriter) — sheets `cards`,
//! `banks`, `diagnosis`, `attempts` and `run` (the run record), each with the CSV's English
//! column names as a bold header row, the header frozen and an autofilter over the table.
//! Text is always written as a string cell, never as a formula, so a label starting with `=`
//! stays text and Chinese stays Chinese; counts are numbers. Every cell passes the
//! card-number guard.

use super::run::RunReport;
use super::summaries::BANK_COUNT_COLUMNS;
use super::summaries::{bank_rows, card_rows, diagnosis_rows};
use super::{guard_pan, ReportError, Result, BANK_COLUMNS, CARD_COLUMNS, DIAGNOSIS_COLUMNS};
use crate::model::Attempt;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Sheet names, in workbook order.
pub const SHEETS: [&str; 5] = ["cards", "banks", "diagnosis", "attempts", "run"];

/// Columns written as numbers (when the cell is one), with the bank counts
/// ([`BANK_COUNT_COLUMNS`]); every other cell is a string.
const NUMERIC: [&str; 7] = [
    "card",
    "attempts",
    "passes",
    "failures",
    "errors",
    "evidence_count",
    "latency_ms",
];

/// Excel's limit on the characters of one cell.
const MAX_CELL: usize = 32_767;

fn xerr(e: XlsxError) -> ReportError {
    ReportError::Csv(format!("report.xlsx: {e}"))
}

/// One table on one sheet: header row, frozen, filtered, column widths fitted.
fn table(ws: &mut Worksheet, name: &str, columns: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let bold = Format::new().set_bold();
    ws.set_name(name).map_err(xerr)?;
    for (c, h) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xerr)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let numeric = columns
                .get(c)
                .is_some_and(|h| NUMERIC.contains(h) || BANK_COUNT_COLUMNS.contains(h));
            match cell.parse::<u64>() {
                Ok(n) if numeric => {
                    ws.write_number(r, col, n as f64).map_err(xerr)?;
                }
                _ => {
                    let text: String = guard_pan(cell).chars().take(MAX_CELL).collect();
                    ws.write_string(r, col, text).map_err(xerr)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    if !columns.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)
            .map_err(xerr)?;
    }
    ws.autofit();
    Ok(())
}

/// The run record as `key, value` rows (`terminal.model`, `counts.cards_failed`, …).
fn record_rows(r: &RunReport) -> Result<Vec<Vec<String>>> {
    let value =
        toml::Value::try_from(&r.record).map_err(|e| ReportError::Csv(format!("run.toml: {e}")))?;
    let mut rows = Vec::new();
    flatten("", &value, &mut rows);
    Ok(rows)
}

fn flatten(prefix: &str, v: &toml::Value, out: &mut Vec<Vec<String>>) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => out.push(vec![prefix.to_string(), s.clone()]),
        other => out.push(vec![prefix.to_string(), other.to_string()]),
    }
}

/// One sheet to write: its name, its columns, its rows.
type Sheet<'a> = (&'a str, &'a [&'a str], Vec<Vec<String>>);

/// The workbook of a run, as bytes (written by the caller through the report writer).
pub fn workbook(r: &RunReport) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let attempts: Vec<Vec<String>> = r.recs.iter().map(|x| x.attempt.cells()).collect();
    let sheets: [Sheet<'_>; 5] = [
        (
            SHEETS[0],
            &CARD_COLUMNS,
            card_rows(&r.cards, &r.expected, &r.recs, &r.conclusions),
        ),
        (
            SHEETS[1],
            &BANK_COLUMNS,
            bank_rows(&r.cards, &r.recs, &r.conclusions),
        ),
        (
            SHEETS[2],
            &DIAGNOSIS_COLUMNS,
            diagnosis_rows(&r.conclusions),
        ),
        (SHEETS[3], &Attempt::COLUMNS, attempts),
        (SHEETS[4], &["key", "value"], record_rows(r)?),
    ];
    for (name, columns, rows) in sheets {
        table(wb.add_worksheet(), name, columns, &rows)?;
    }
    wb.save_to_buffer().map_err(xerr)
}
