//! A summary as text (aligned tables, widths in display columns so Chinese bank names line
//! up) and as the `summary-*.csv` files of `report summarize --out`.

use super::{Counts, Summary, Tally, Yield};
use crate::error::Result;
use crate::i18n::{t, tr, Lang};
use crate::text::{pad, width};
use std::path::Path;

fn pct(c: &Counts) -> String {
    c.pass_rate()
        .map(|r| format!("{r:.1}%"))
        .unwrap_or_else(|| "-".into())
}

fn rate(y: &Yield) -> String {
    y.rate()
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
        self.card_rows_in(Lang::En)
    }

    /// [`Summary::card_rows`] with each label in `lang` (the CSV keeps `card_label`).
    fn card_rows_in(&self, lang: Lang) -> Vec<Vec<String>> {
        let mut rows = vec![header(&["card", "pan", "bank", "scheme", "terminals"])];
        for c in &self.cards {
            let label = match lang {
                Lang::En => &c.card_label,
                _ => c.label.get(lang),
            };
            let mut r = vec![
                label.to_string(),
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
        self.terminal_rows_in(Lang::En)
    }

    /// [`Summary::terminal_rows`] with the culprit in `lang` (the CSV keeps English).
    fn terminal_rows_in(&self, lang: Lang) -> Vec<Vec<String>> {
        let mut head = header(&[
            "station", "terminal", "model", "firmware", "cards", "outcome",
        ]);
        head.push("culprit".into());
        head.push("run_started".into());
        let mut rows = vec![head];
        for t in &self.terminals {
            let mut r = vec![
                t.station.clone(),
                t.terminal.clone(),
                t.model.clone(),
                t.firmware.clone(),
                t.cards.to_string(),
                // The code in English (as in the CSV); its name in other languages.
                match crate::model::Outcome::parse(&t.outcome) {
                    Some(o) if lang != Lang::En => o.name(lang).to_string(),
                    _ => t.outcome.clone(),
                },
            ];
            r.extend(tally_cells(&t.tally));
            // The terminal's verdict (its diagnosis' first conclusion), as in terminals.csv
            // and the TUI; the dominant family of its failures when no diagnosis was found.
            r.push(if t.verdict.is_empty() {
                t.dominant_family.clone()
            } else {
                t.verdict.clone()
            });
            let culprit = match crate::diagnosis::verdict(&t.conclusions) {
                Some(v) if lang != Lang::En => v.culprit.get(lang).to_string(),
                _ => t.culprit.clone(),
            };
            r.push(culprit);
            r.push(t.run_started.clone());
            rows.push(r);
        }
        rows
    }

    /// Yield per source given, then the total (`source` `all`): terminals tested, passed and
    /// passed / tested.
    pub fn yield_rows(&self) -> Vec<Vec<String>> {
        let cells = |y: &Yield, name: &str| {
            vec![
                name.to_string(),
                y.tested.to_string(),
                y.passed.to_string(),
                rate(y),
            ]
        };
        let mut rows = vec![["source", "terminals_tested", "terminals_passed", "yield"]
            .map(String::from)
            .to_vec()];
        rows.extend(self.batches.iter().map(|y| cells(y, &y.source)));
        rows.push(cells(&self.yield_total, "all"));
        rows
    }

    /// The three tables as text in English (interface cells are `failed/attempts`).
    pub fn render(&self) -> String {
        self.render_in(Lang::En)
    }

    /// The three tables as text in `lang`: the intro line, section titles, column titles and
    /// "(unknown bank)" from the catalogue (`report-summary-*`); cells keep their codes (bank
    /// abbreviations, family codes). The CSV files keep the English column names.
    pub fn render_in(&self, lang: Lang) -> String {
        let mut out = t!(
            lang,
            "report-summary-intro",
            rows = self.rows,
            files = self.files.len(),
            pass = self.total.pass,
            fail = self.total.fail,
            error = self.total.error,
            skip = self.total.skip
        )
        .into_owned();
        if self.bad_rows > 0 {
            out.push_str(&t!(lang, "report-summary-bad-rows", count = self.bad_rows));
        }
        if !self.skipped.is_empty() {
            out.push('\n');
            out.push_str(&t!(
                lang,
                "report-summary-skipped",
                count = self.skipped.len(),
                files = self.skipped.join(", ")
            ));
        }
        out.push_str("\n\n");
        let sections = [
            (t!(lang, "report-summary-per-bank"), self.bank_rows()),
            (t!(lang, "report-summary-per-card"), self.card_rows_in(lang)),
            (
                t!(lang, "report-summary-per-terminal"),
                self.terminal_rows_in(lang),
            ),
        ];
        for (i, (title, rows)) in sections.into_iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&title);
            out.push('\n');
            out.push_str(&table(&localise(rows, lang)));
        }
        let value = t!(
            lang,
            "report-html-yield-value",
            passed = self.yield_total.passed,
            tested = self.yield_total.tested
        );
        let label = t!(lang, "report-html-yield");
        let value = format!("{value} ({})", rate(&self.yield_total));
        out.push_str(&format!(
            "\n{}\n",
            t!(lang, "common-label-value", label = label, value = value)
        ));
        let mut yields = localise(self.yield_rows(), lang);
        if let Some(all) = yields.last_mut().and_then(|r| r.first_mut()) {
            *all = tr(lang, "report-summary-all").into_owned();
        }
        out.push_str(&table(&yields));
        out
    }
}

/// A table for people in `lang`: column titles, the unknown-bank cell, the bank codes of
/// the bank column (`ABC` → 中国农业银行, the bank table's name) and the scheme names
/// (`UnionPay` → 银联) translated.
fn localise(mut rows: Vec<Vec<String>>, lang: Lang) -> Vec<Vec<String>> {
    if lang == Lang::En {
        return rows;
    }
    let unknown = tr(Lang::En, "report-summary-unknown-bank");
    let col = |name: &str| rows.first().and_then(|h| h.iter().position(|c| c == name));
    let (bank_col, scheme_col, model_col) = (col("bank"), col("scheme"), col("model"));
    for (i, row) in rows.iter_mut().enumerate() {
        for (k, cell) in row.iter_mut().enumerate() {
            if i == 0 {
                *cell = column_title(cell, lang);
            } else if *cell == unknown {
                *cell = tr(lang, "report-summary-unknown-bank").into_owned();
            } else if Some(k) == model_col {
                *cell = crate::codec::msr605::model_label_in(cell, lang);
            } else if Some(k) == scheme_col {
                *cell = crate::bins::scheme_label(cell, lang).into_owned();
            } else if Some(k) == bank_col {
                if let Some(b) = crate::bins::find_bank(cell) {
                    *cell = b.zh.to_string();
                } else if let Some(s) = cell.strip_prefix('(').and_then(|c| c.strip_suffix(')')) {
                    // A card of no known bank is grouped by its scheme: `(UnionPay)`.
                    *cell = format!("({})", crate::bins::scheme_label(s, lang));
                }
            }
        }
    }
    rows
}

/// A summary column's title in `lang` (`report-summary-col-*`); unknown names stay.
fn column_title(name: &str, lang: Lang) -> String {
    let id = match name {
        "bank" => "report-summary-col-bank",
        "cards" => "report-summary-col-cards",
        "terminals" => "report-summary-col-terminals",
        "card" => "report-summary-col-card",
        "pan" => "report-summary-col-pan",
        "scheme" => "report-summary-col-scheme",
        "station" => "report-summary-col-station",
        "terminal" => "report-summary-col-terminal",
        "model" => "report-summary-col-model",
        "firmware" => "report-summary-col-firmware",
        "attempts" => "report-summary-col-attempts",
        "pass" => "report-summary-col-pass",
        "fail" => "report-summary-col-fail",
        "error" => "report-summary-col-error",
        "pass%" => "report-summary-col-pass-rate",
        "swipe" => "report-summary-col-swipe",
        "chip" => "report-summary-col-chip",
        "network" => "report-summary-col-network",
        "family" => "report-summary-col-family",
        "culprit" => "report-summary-col-culprit",
        "run_started" => "report-summary-col-run-started",
        "outcome" => "report-summary-col-outcome",
        "source" => "report-summary-col-source",
        "terminals_tested" => "report-summary-col-terminals-tested",
        "terminals_passed" => "report-summary-col-terminals-passed",
        "yield" => "report-summary-col-yield",
        _ => return name.to_string(),
    };
    tr(lang, id).into_owned()
}

/// Writes the three summaries and the yield as CSV into `dir` (temp file + rename).
pub fn write_csvs(s: &Summary, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, rows) in [
        ("summary-banks.csv", s.bank_rows()),
        ("summary-cards.csv", s.card_rows()),
        ("summary-terminals.csv", s.terminal_rows()),
        ("summary-yield.csv", s.yield_rows()),
    ] {
        crate::report::write_table(&dir.join(name), &rows, false)?;
    }
    Ok(())
}
