//! A summary as text (aligned tables, widths in display columns so Chinese bank names line
//! up) and as the `summary-*.csv` files of `report summarize --out`.

use super::{Counts, Summary, Tally};
use crate::error::Result;
use crate::text::{pad, width};
use std::path::Path;

fn pct(c: &Counts) -> String {
    c.pass_rate()
        .map(|r| format!("{r:.1}%"))
        .unwrap_or_else(|| "-".into())
}

fn iface_cell(c: &Counts) -> String {
    if c.attempts == 0 {
        "-".into()
    } else {
        format!("{}/{}", c.failures(), c.attempts)
    }
}

/// Renders rows as an aligned table (first row = header).
pub fn table(rows: &[Vec<String>]) -> String {
    let ncol = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut w = vec![0usize; ncol];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width(c));
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 < r.len() {
                line.push_str(&pad(c, w[i] + 2));
            } else {
                line.push_str(c);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

const TALLY_HEAD: [&str; 8] = [
    "attempts", "pass", "fail", "error", "pass%", "swipe", "chip", "network",
];

/// A table's header: the group's own columns, the tally's, then `family`.
fn header(own: &[&str]) -> Vec<String> {
    own.iter()
        .chain(TALLY_HEAD.iter())
        .chain(["family"].iter())
        .map(|s| s.to_string())
        .collect()
}

fn tally_cells(t: &Tally) -> Vec<String> {
    vec![
        t.total.attempts.to_string(),
        t.total.pass.to_string(),
        t.total.fail.to_string(),
        t.total.error.to_string(),
        pct(&t.total),
        iface_cell(&t.swipe),
        iface_cell(&t.chip),
        iface_cell(&t.network),
    ]
}

impl Summary {
    pub fn bank_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![header(&["bank", "cards", "terminals"])];
        for b in &self.banks {
            let mut r = vec![b.bank.clone(), b.cards.to_string(), b.terminals.to_string()];
            r.extend(tally_cells(&b.tally));
            r.push(b.dominant_family.clone());
            rows.push(r);
        }
        rows
    }

    pub fn card_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![header(&["card", "pan", "bank", "scheme", "terminals"])];
        for c in &self.cards {
            let mut r = vec![
                c.card_label.clone(),
                c.masked_pan.clone(),
                c.bank.clone(),
                c.scheme.clone(),
                c.terminals.to_string(),
            ];
            r.extend(tally_cells(&c.tally));
            r.push(c.dominant_family.clone());
            rows.push(r);
        }
        rows
    }

    pub fn terminal_rows(&self) -> Vec<Vec<String>> {
        let mut head = header(&["station", "terminal", "model", "firmware", "cards"]);
        head.push("culprit".into());
        let mut rows = vec![head];
        for t in &self.terminals {
            let mut r = vec![
                t.station.clone(),
                t.terminal.clone(),
                t.model.clone(),
                t.firmware.clone(),
                t.cards.to_string(),
            ];
            r.extend(tally_cells(&t.tally));
            // The terminal's verdict (its diagnosis' first conclusion), as in terminals.csv
            // and the TUI; the dominant family of its failures when no diagnosis was found.
            r.push(if t.verdict.is_empty() {
                t.dominant_family.clone()
            } else {
                t.verdict.clone()
            });
            r.push(t.culprit.clone());
            rows.push(r);
        }
        rows
    }

    /// The three tables as text (interface cells are `failed/attempts`).
    pub fn render(&self) -> String {
        let mut out = format!(
            "{} attempt rows from {} file(s){}; {} pass, {} fail, {} error, {} skip\n\n",
            self.rows,
            self.files.len(),
            if self.bad_rows > 0 {
                format!(" ({} unreadable rows skipped)", self.bad_rows)
            } else {
                String::new()
            },
            self.total.pass,
            self.total.fail,
            self.total.error,
            self.total.skip
        );
        out.push_str("Per bank (swipe/chip/network = failed/attempts)\n");
        out.push_str(&table(&self.bank_rows()));
        out.push_str("\nPer card\n");
        out.push_str(&table(&self.card_rows()));
        out.push_str("\nPer terminal\n");
        out.push_str(&table(&self.terminal_rows()));
        out
    }
}

/// Writes the three summaries as CSV into `dir` (temp file + rename).
pub fn write_csvs(s: &Summary, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, rows) in [
        ("summary-banks.csv", s.bank_rows()),
        ("summary-cards.csv", s.card_rows()),
        ("summary-terminals.csv", s.terminal_rows()),
    ] {
        crate::report::write_table(&dir.join(name), &rows, false)?;
    }
    Ok(())
}
