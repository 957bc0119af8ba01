//! `cardbench report summarize`: streaming merge of the attempts.csv files of several runs or
//! stations into per-bank, per-card and per-terminal summaries. Rows are never held: each one
//! is read into one reused record and folded into maps keyed by bank / card / terminal, so
//! memory grows with the number of banks, cards and terminals, not with the number of rows.

use crate::error::{Error, Result};
use crate::load::LoadError;
use crate::model::{Interface, Outcome};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// PASS / FAIL / SKIP / ERROR counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub attempts: u64,
    pub pass: u64,
    pub fail: u64,
    pub skip: u64,
    pub error: u64,
}

impl Counts {
    fn add(&mut self, o: Option<Outcome>) {
        self.attempts += 1;
        match o {
            Some(Outcome::Pass) => self.pass += 1,
            Some(Outcome::Fail) => self.fail += 1,
            Some(Outcome::Skip) => self.skip += 1,
            Some(Outcome::Error) | None => self.error += 1,
        }
    }

    /// Pass rate over judged attempts (PASS + FAIL), in percent.
    pub fn pass_rate(&self) -> Option<f64> {
        let judged = self.pass + self.fail;
        (judged > 0).then(|| 100.0 * self.pass as f64 / judged as f64)
    }
}

/// Counters per interface, plus the cause families of failures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tally {
    pub total: Counts,
    pub swipe: Counts,
    pub chip: Counts,
    pub network: Counts,
    /// Failures and errors per cause family.
    pub families: BTreeMap<String, u64>,
}

impl Tally {
    fn add(&mut self, iface: Option<Interface>, outcome: Option<Outcome>, family: &str) {
        self.total.add(outcome);
        match iface {
            Some(Interface::Swipe) => self.swipe.add(outcome),
            Some(Interface::Chip) => self.chip.add(outcome),
            Some(Interface::Network) => self.network.add(outcome),
            None => {}
        }
        if matches!(outcome, Some(Outcome::Fail) | Some(Outcome::Error) | None) {
            let f = if family.trim().is_empty() {
                "UNKNOWN"
            } else {
                family.trim()
            };
            if let Some(n) = self.families.get_mut(f) {
                *n += 1;
            } else {
                self.families.insert(f.to_string(), 1);
            }
        }
    }

    /// The family with the most failures (ties: alphabetical), empty when nothing failed.
    pub fn dominant_family(&self) -> String {
        let mut best: Option<(&String, u64)> = None;
        for (f, &n) in &self.families {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((f, n));
            }
        }
        best.map(|(f, _)| f.clone()).unwrap_or_default()
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct BankSummary {
    pub bank: String,
    pub cards: usize,
    pub terminals: usize,
    pub dominant_family: String,
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(skip)]
    card_set: BTreeSet<String>,
    #[serde(skip)]
    terminal_set: BTreeSet<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct CardSummary {
    pub card_label: String,
    pub masked_pan: String,
    pub bank: String,
    pub scheme: String,
    pub terminals: usize,
    pub dominant_family: String,
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(skip)]
    terminal_set: BTreeSet<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct TerminalSummary {
    pub station: String,
    pub terminal: String,
    pub model: String,
    pub firmware: String,
    pub cards: usize,
    pub dominant_family: String,
    #[serde(flatten)]
    pub tally: Tally,
    #[serde(skip)]
    card_set: BTreeSet<String>,
}

/// The merged summary of many attempt files.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub files: Vec<String>,
    pub rows: u64,
    /// Rows that could not be parsed (kept out of the tallies, counted here).
    pub bad_rows: u64,
    pub total: Counts,
    pub banks: Vec<BankSummary>,
    pub cards: Vec<CardSummary>,
    pub terminals: Vec<TerminalSummary>,
}

/// The streaming aggregator. Feed it files (or readers) one after another, then `finish`.
#[derive(Default)]
pub struct Summarizer {
    files: Vec<String>,
    rows: u64,
    bad_rows: u64,
    total: Counts,
    banks: BTreeMap<String, BankSummary>,
    /// Keyed by `label US masked_pan`.
    cards: BTreeMap<String, CardSummary>,
    /// Keyed by `station US terminal`.
    terminals: BTreeMap<String, TerminalSummary>,
    /// Scratch for composite keys, reused so a row costs no allocation once its keys exist.
    key: String,
}

/// Column positions of the fields the summary needs, found by header name so files written
/// by other versions (extra or reordered columns) still merge.
struct Cols {
    station: usize,
    terminal_id: usize,
    serial: usize,
    model: usize,
    firmware: usize,
    card_label: usize,
    masked_pan: usize,
    bank: usize,
    scheme: usize,
    interface: usize,
    outcome: usize,
    family: usize,
}

impl Cols {
    fn from_headers(h: &csv::StringRecord) -> std::result::Result<Cols, String> {
        let find = |name: &str| {
            h.iter()
                .position(|c| c.trim_start_matches('\u{feff}').trim() == name)
                .ok_or_else(|| format!("missing column {name:?}"))
        };
        Ok(Cols {
            station: find("station")?,
            terminal_id: find("terminal_id")?,
            serial: find("serial")?,
            model: find("model")?,
            firmware: find("firmware")?,
            card_label: find("card_label")?,
            masked_pan: find("masked_pan")?,
            bank: find("bank")?,
            scheme: find("scheme")?,
            interface: find("interface")?,
            outcome: find("outcome")?,
            family: find("family")?,
        })
    }
}

fn inc_key<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> &'m mut V {
    // Look up by &str first: allocating a key String per row would dominate the cost.
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key).unwrap_or_else(|| unreachable!())
}

fn insert_small(set: &mut BTreeSet<String>, v: &str) {
    if !set.contains(v) {
        set.insert(v.to_string());
    }
}

impl Summarizer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one attempts.csv file.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let f = std::fs::File::open(path)
            .map_err(|e| LoadError::new(path.display().to_string(), e.to_string()))?;
        self.files.push(path.display().to_string());
        self.add_reader(std::io::BufReader::with_capacity(64 * 1024, f))
            .map_err(|msg| LoadError::new(path.display().to_string(), msg).into())
    }

    /// Adds attempt rows from any CSV reader (header line first).
    pub fn add_reader<R: std::io::Read>(&mut self, r: R) -> std::result::Result<(), String> {
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(r);
        let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
        let cols = Cols::from_headers(&headers)?;
        let mut rec = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut rec) {
                Ok(true) => self.add_record(&cols, &rec),
                Ok(false) => break,
                // A torn last line (a run killed mid-write) or a bad row: count it, go on.
                Err(_) => self.bad_rows += 1,
            }
        }
        Ok(())
    }

    fn add_record(&mut self, c: &Cols, rec: &csv::StringRecord) {
        let get = |i: usize| rec.get(i).unwrap_or("");
        if rec.len() <= c.family.max(c.outcome) {
            self.bad_rows += 1;
            return;
        }
        self.rows += 1;
        let outcome = Outcome::parse(get(c.outcome));
        let iface = Interface::parse(get(c.interface));
        let family = get(c.family);
        self.total.add(outcome);

        let station = get(c.station);
        let terminal = if !get(c.serial).is_empty() {
            get(c.serial)
        } else if !get(c.terminal_id).is_empty() {
            get(c.terminal_id)
        } else {
            station
        };
        let card_label = get(c.card_label);
        let pan = get(c.masked_pan);
        let bank = if get(c.bank).is_empty() {
            "(unknown bank)"
        } else {
            get(c.bank)
        };

        let b = inc_key(&mut self.banks, bank);
        if b.bank.is_empty() {
            b.bank = bank.to_string();
        }
        b.tally.add(iface, outcome, family);
        insert_small(&mut b.card_set, card_label);
        insert_small(&mut b.terminal_set, terminal);

        self.key.clear();
        self.key.push_str(card_label);
        self.key.push('\u{1f}');
        self.key.push_str(pan);
        let card = inc_key(&mut self.cards, &self.key);
        if card.card_label.is_empty() && card.masked_pan.is_empty() {
            card.card_label = card_label.to_string();
            card.masked_pan = pan.to_string();
            card.bank = bank.to_string();
            card.scheme = get(c.scheme).to_string();
        }
        card.tally.add(iface, outcome, family);
        insert_small(&mut card.terminal_set, terminal);

        self.key.clear();
        self.key.push_str(station);
        self.key.push('\u{1f}');
        self.key.push_str(terminal);
        let t = inc_key(&mut self.terminals, &self.key);
        if t.terminal.is_empty() {
            t.station = station.to_string();
            t.terminal = terminal.to_string();
        }
        if t.model.is_empty() {
            t.model = get(c.model).to_string();
        }
        if t.firmware.is_empty() {
            t.firmware = get(c.firmware).to_string();
        }
        t.tally.add(iface, outcome, family);
        insert_small(&mut t.card_set, card_label);
    }

    pub fn finish(self) -> Summary {
        let banks = self
            .banks
            .into_values()
            .map(|mut b| {
                b.cards = b.card_set.len();
                b.terminals = b.terminal_set.len();
                b.dominant_family = b.tally.dominant_family();
                b
            })
            .collect();
        let cards = self
            .cards
            .into_values()
            .map(|mut c| {
                c.terminals = c.terminal_set.len();
                c.dominant_family = c.tally.dominant_family();
                c
            })
            .collect();
        let terminals = self
            .terminals
            .into_values()
            .map(|mut t| {
                t.cards = t.card_set.len();
                t.dominant_family = t.tally.dominant_family();
                t
            })
            .collect();
        Summary {
            files: self.files,
            rows: self.rows,
            bad_rows: self.bad_rows,
            total: self.total,
            banks,
            cards,
            terminals,
        }
    }
}

/// The attempts.csv files of a run folder: `DIR/attempts.csv` when present (a batch folder's
/// merged file), else every `attempts.csv` below DIR; a file argument is taken as is.
pub fn attempt_files(arg: &Path) -> Result<Vec<PathBuf>> {
    if arg.is_file() {
        return Ok(vec![arg.to_path_buf()]);
    }
    if !arg.is_dir() {
        return Err(Error::Usage(format!(
            "{}: no such run folder or attempts.csv",
            arg.display()
        )));
    }
    let top = arg.join("attempts.csv");
    if top.is_file() {
        return Ok(vec![top]);
    }
    let mut found = Vec::new();
    let mut stack = vec![arg.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                let f = p.join("attempts.csv");
                if f.is_file() {
                    found.push(f);
                } else {
                    stack.push(p);
                }
            }
        }
    }
    found.sort();
    if found.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no attempts.csv in this folder or below",
            arg.display()
        )));
    }
    Ok(found)
}

/// Summarises the given run folders / files.
pub fn summarize_paths(paths: &[PathBuf]) -> Result<Summary> {
    let mut s = Summarizer::new();
    for p in paths {
        for f in attempt_files(p)? {
            s.add_file(&f)?;
        }
    }
    Ok(s.finish())
}

fn pct(c: &Counts) -> String {
    c.pass_rate()
        .map(|r| format!("{r:.1}%"))
        .unwrap_or_else(|| "-".into())
}

fn iface_cell(c: &Counts) -> String {
    if c.attempts == 0 {
        "-".into()
    } else {
        format!("{}/{}", c.fail + c.error, c.attempts)
    }
}

/// Renders rows as an aligned table (first row = header).
pub fn table(rows: &[Vec<String>]) -> String {
    let ncol = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut w = vec![0usize; ncol];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(crate::text::width(c));
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 < r.len() {
                line.push_str(&crate::text::pad(c, w[i] + 2));
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
        let mut rows = vec![["bank", "cards", "terminals"]
            .iter()
            .chain(TALLY_HEAD.iter())
            .chain(["family"].iter())
            .map(|s| s.to_string())
            .collect()];
        for b in &self.banks {
            let mut r = vec![b.bank.clone(), b.cards.to_string(), b.terminals.to_string()];
            r.extend(tally_cells(&b.tally));
            r.push(b.dominant_family.clone());
            rows.push(r);
        }
        rows
    }

    pub fn card_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![["card", "pan", "bank", "scheme", "terminals"]
            .iter()
            .chain(TALLY_HEAD.iter())
            .chain(["family"].iter())
            .map(|s| s.to_string())
            .collect()];
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
        let mut rows = vec![["station", "terminal", "model", "firmware", "cards"]
            .iter()
            .chain(TALLY_HEAD.iter())
            .chain(["family"].iter())
            .map(|s| s.to_string())
            .collect()];
        for t in &self.terminals {
            let mut r = vec![
                t.station.clone(),
                t.terminal.clone(),
                t.model.clone(),
                t.firmware.clone(),
                t.cards.to_string(),
            ];
            r.extend(tally_cells(&t.tally));
            r.push(t.dominant_family.clone());
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
        crate::batch::write_table_atomic(&dir.join(name), &rows)?;
    }
    Ok(())
}

/// Attempt columns this module reads (kept beside `Attempt::COLUMNS` so a rename shows here).
pub const READ_COLUMNS: [&str; 12] = [
    "station",
    "terminal_id",
    "serial",
    "model",
    "firmware",
    "card_label",
    "masked_pan",
    "bank",
    "scheme",
    "interface",
    "outcome",
    "family",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attempt;

    #[test]
    fn read_columns_exist_in_attempts() {
        for c in READ_COLUMNS {
            assert!(Attempt::COLUMNS.contains(&c), "{c}");
        }
    }
}
