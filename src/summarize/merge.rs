//! The streaming aggregator of `report summarize`: attempt rows are read one at a time into a
//! reused record, found by header name, and counted per bank, card and terminal with the
//! report layer's [`Tally`](crate::report::tally::Tally) and
//! [`Members`](crate::report::tally::Members).

use super::{BankSummary, CardSummary, Summary, TerminalSummary, Yield};
use crate::error::Result;
use crate::load::LoadError;
use crate::model::{Interface, Outcome};
use crate::report::tally::{Counts, Members};
use std::collections::BTreeMap;
use std::path::Path;

/// The streaming aggregator. Feed it files (or readers) one after another, then `finish`.
#[derive(Default)]
pub struct Summarizer {
    files: Vec<String>,
    rows: u64,
    bad_rows: u64,
    total: Counts,
    banks: BTreeMap<String, BankSummary>,
    /// Keyed by the card's first identity (see `card_ids`): one row per card, whatever
    /// language each run wrote its label in.
    cards: BTreeMap<String, CardSummary>,
    /// A card's identities → its key in `cards`. A read that gave a PAN is `P␟bank␟scheme␟
    /// masked PAN`; one that gave none is `L␟bank␟scheme␟label`, the label being a built-in
    /// deck's English one when it is theirs in either language, so a swipe that read nothing
    /// joins the card its other reads found.
    card_ids: BTreeMap<String, String>,
    /// Scratch for a card identity and the key it resolves to (no allocation per row).
    card_id: String,
    card_key: String,
    /// Keyed by `station US terminal`.
    terminals: BTreeMap<String, TerminalSummary>,
    /// Per source given (batch or run folder, or file): its terminals, for the yield.
    sources: Vec<(String, Members<String>)>,
    /// Every terminal, for the total yield.
    all_terminals: Members<String>,
    /// Scratch for composite keys, reused so a row costs no allocation once its keys exist.
    key: String,
    /// Terminal keys met in the file being read (to give them its diagnosis).
    in_file: std::collections::BTreeSet<String>,
}

/// Column positions of the fields the summary needs, found by header name so files written
/// by other versions (extra or reordered columns) still merge.
struct Cols {
    /// `time`: optional (only the run's start is taken from it).
    time: Option<usize>,
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
            time: find("time").ok(),
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

impl Summarizer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a source (a batch or run folder as given): the yield is counted per source.
    /// Files added before any source is started are a source each.
    pub fn begin_source(&mut self, name: &str) {
        self.sources.push((name.to_string(), Members::default()));
    }

    /// Adds one attempts.csv file.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        if self.sources.is_empty() {
            self.begin_source(&path.display().to_string());
        }
        let f = std::fs::File::open(path)
            .map_err(|e| LoadError::new(path.display().to_string(), e.to_string()))?;
        self.files.push(path.display().to_string());
        self.in_file.clear();
        self.add_reader(std::io::BufReader::with_capacity(64 * 1024, f))
            .map_err(|msg| LoadError::new(path.display().to_string(), msg))?;
        super::verdicts::attach(&mut self.terminals, &self.in_file, path);
        Ok(())
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
        self.total.add_read(outcome);

        let station = get(c.station);
        let terminal = if !get(c.serial).is_empty() {
            get(c.serial)
        } else if !get(c.terminal_id).is_empty() {
            get(c.terminal_id)
        } else {
            station
        };
        let card_label = get(c.card_label);
        let mut card_key = std::mem::take(&mut self.card_key);
        card_key.clear();
        // Run-level rows (echo, sign-on, settlement) have no card: they count for the
        // terminal, never as a card or a bank's.
        if !card_label.is_empty() {
            let bank = (get(c.bank), get(c.scheme));
            self.find_card(&mut card_key, card_label, get(c.masked_pan), bank);
            self.add_card_row(&card_key, card_label, get(c.masked_pan), bank);
            let (b, card) = self.last_card(&card_key);
            b.tally.add_read(iface, outcome, family);
            b.card_set.add(card_key.as_str(), outcome);
            b.terminal_set.add(terminal, outcome);
            card.tally.add_read(iface, outcome, family);
            card.terminal_set.add(terminal, outcome);
        }

        // One run = one station's rows in one file: the file's number (zero-padded, so runs
        // sort in the order the files were read) keeps two runs of one station apart.
        self.key.clear();
        {
            use std::fmt::Write;
            let _ = write!(self.key, "{:06}\u{1f}", self.files.len());
        }
        self.key.push_str(station);
        self.key.push('\u{1f}');
        self.key.push_str(terminal);
        let t = inc_key(&mut self.terminals, &self.key);
        if t.terminal.is_empty() {
            t.station = station.to_string();
            t.terminal = terminal.to_string();
            t.run_started = c.time.map(get).unwrap_or("").to_string();
        }
        if t.model.is_empty() {
            t.model = get(c.model).to_string();
        }
        if t.firmware.is_empty() {
            t.firmware = get(c.firmware).to_string();
        }
        t.tally.add_read(iface, outcome, family);
        if !card_key.is_empty() {
            t.card_set.add(card_key.as_str(), outcome);
        }
        self.card_key = card_key;
        if !self.in_file.contains(&self.key) {
            self.in_file.insert(self.key.clone());
        }
        if let Some((_, members)) = self.sources.last_mut() {
            members.add(self.key.as_str(), outcome);
        }
        self.all_terminals.add(self.key.as_str(), outcome);
    }

    /// Puts into `key` the key in `cards` of the card a row with `label`, masked PAN `pan`
    /// and `bank` is of, by issuing bank and masked PAN (never the label: runs in different
    /// languages write one card under two labels); a row with no PAN by its label. A new
    /// card's key is its first identity.
    fn find_card(&mut self, key: &mut String, label: &str, pan: &str, bank: (&str, &str)) {
        let canon = crate::deck::builtin_label(label).map_or(label.trim(), |t| t.en.as_str());
        let masked = masked_pan(pan);
        if !masked.is_empty() {
            card_identity(&mut self.card_id, 'P', bank, &masked);
            if let Some(k) = self.card_ids.get(self.card_id.as_str()) {
                key.push_str(k);
                return;
            }
            let pan_id = self.card_id.clone();
            card_identity(&mut self.card_id, 'L', bank, canon);
            // The card's PAN-less reads came first (a swipe that read nothing): they are its.
            match self.card_ids.get(self.card_id.as_str()) {
                Some(k) if self.cards.get(k).is_some_and(|c| c.masked_pan.is_empty()) => {
                    key.push_str(k)
                }
                Some(_) => key.push_str(&pan_id),
                None => {
                    key.push_str(&pan_id);
                    self.card_ids.insert(self.card_id.clone(), pan_id.clone());
                }
            }
            self.card_ids.insert(pan_id, key.clone());
            return;
        }
        card_identity(&mut self.card_id, 'L', bank, canon);
        match self.card_ids.get(self.card_id.as_str()) {
            Some(k) => key.push_str(k),
            None => {
                key.push_str(&self.card_id);
                self.card_ids.insert(key.clone(), key.clone());
            }
        }
    }

    /// Makes sure the card `key` and its bank exist; the bank is keyed as `banks.csv` keys
    /// it ([`crate::report::summaries::bank_key`]: a Visa card with no known bank is
    /// `(Visa)`), the masked PAN is the first one read, the label the built-in deck's in
    /// both languages when the card is one of theirs, else the first one read.
    fn add_card_row(&mut self, key: &str, label: &str, pan: &str, (bank, scheme): (&str, &str)) {
        let card = inc_key(&mut self.cards, key);
        if card.masked_pan.is_empty() {
            card.masked_pan = masked_pan(pan).into_owned();
        }
        if card.card_label.is_empty() {
            // A new card: the only time its bank's key is made (no allocation per row).
            card.label = crate::deck::builtin_label(label)
                .cloned()
                .unwrap_or_else(|| crate::i18n::Text::same(label.trim()));
            card.card_label = card.label.en.clone();
            card.bank = crate::report::summaries::bank_key(bank, scheme);
            card.scheme = scheme.to_string();
            let key = card.bank.clone();
            let b = inc_key(&mut self.banks, &key);
            if b.bank.is_empty() {
                b.bank = key;
            }
        }
    }

    /// The card `key` and its bank, both made by [`Summarizer::add_card_row`].
    fn last_card(&mut self, key: &str) -> (&mut BankSummary, &mut CardSummary) {
        let card = self.cards.get_mut(key).unwrap_or_else(|| unreachable!());
        let b = self
            .banks
            .get_mut(card.bank.as_str())
            .unwrap_or_else(|| unreachable!());
        (b, card)
    }

    pub fn finish(self) -> Summary {
        let banks = self
            .banks
            .into_values()
            .map(|mut b| {
                b.cards = b.card_set.len();
                b.terminals = b.terminal_set.len();
                b.dominant_family = b.tally.dominant_family().to_string();
                b
            })
            .collect();
        let mut cards: Vec<CardSummary> = self
            .cards
            .into_values()
            .map(|mut c| {
                c.terminals = c.terminal_set.len();
                c.dominant_family = c.tally.dominant_family().to_string();
                c
            })
            .collect();
        // Cards are keyed by bank and PAN; people look them up by label.
        cards.sort_by(|a, b| a.card_label.cmp(&b.card_label));
        let terminals = self
            .terminals
            .into_values()
            .map(|mut t| {
                t.cards = t.card_set.len();
                t.dominant_family = t.tally.dominant_family().to_string();
                super::verdicts::settle(&mut t);
                // The batch's rule for a terminal's word, with the conclusions of the run's
                // diagnosis.csv; the files do not say whether the run finished (its rows do
                // when it was lost: an ERROR row).
                let concluded = t.conclusions.iter().any(|c| c.finds_a_fault());
                t.outcome = t
                    .tally
                    .total
                    .run_verdict(true, concluded)
                    .as_str()
                    .to_string();
                t
            })
            .collect();
        Summary {
            files: self.files,
            skipped: Vec::new(),
            rows: self.rows,
            bad_rows: self.bad_rows,
            total: self.total,
            yield_total: Yield::of("", &self.all_terminals),
            batches: self
                .sources
                .iter()
                .map(|(name, members)| Yield::of(name, members))
                .collect(),
            banks,
            cards,
            terminals,
        }
    }
}

/// The PAN column as the summary keys and shows it: masked by the one mask policy even when a
/// file holds a clear number (written by hand or by another tool).
fn masked_pan(pan: &str) -> std::borrow::Cow<'_, str> {
    let pan = pan.trim();
    if !pan.is_empty() && pan.bytes().all(|b| b.is_ascii_digit()) {
        crate::sensitive::mask_pan(pan).into()
    } else {
        pan.into()
    }
}

/// `KIND␟bank␟scheme␟value` into `out` (cleared first): one identity of a card.
fn card_identity(out: &mut String, kind: char, (bank, scheme): (&str, &str), value: &str) {
    out.clear();
    out.push(kind);
    for part in [bank.trim(), scheme.trim(), value] {
        out.push('\u{1f}');
        out.push_str(part);
    }
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
