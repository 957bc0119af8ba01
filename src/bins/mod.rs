//! BIN → issuing bank and scheme: an embedded table (scheme ranges plus the 13 major Chinese
//! banks, protocols.md §7), lab overrides from `--bins FILE`, longest-prefix lookup with PAN
//! length disambiguation.

mod banks;
mod scheme;

pub use banks::{find_bank, Bank, BANKS};
pub use scheme::{scheme_label, scheme_of, Scheme};

use crate::i18n::Text;
use crate::load::LoadError;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The 13 banks' BIN rows (prefix, bank code, card type, PAN length), taken from the MIT
/// caijf/bankcard table (`/work/shared/data/cn-bins.csv`, see its README for provenance).
const CN13: &str = include_str!("cn13.csv");

/// Upper-case letters and digits only: how names are compared (`Ping An` = `PINGAN`).
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_uppercase())
        .collect()
}

/// One row of the BIN table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BinEntry {
    /// Issuer prefix, digits only (3 to 10 digits).
    pub prefix: String,
    /// Bank code: the source's code for built-in rows (`ICBC`, `COMM`, `SPABANK`), the
    /// override file's `bank` cell otherwise.
    pub bank_code: String,
    pub bank_en: String,
    pub bank_zh: String,
    /// Scheme display name (`UnionPay`, `Visa`, `Mastercard`, …).
    pub scheme: String,
    /// `debit`, `credit`, `quasi-credit`, `prepaid`, or the override file's text.
    pub card_type: String,
    /// ISO 3166 alpha-2 country.
    pub country: String,
    /// Full PAN length for this prefix when the source gives one.
    pub pan_length: Option<u8>,
}

impl BinEntry {
    /// The abbreviation shown in reports (`ICBC`, `BOCOM`, `PAB`, or the code for other banks).
    pub fn bank_short(&self) -> String {
        find_bank(&self.bank_code)
            .map(|b| b.short.to_string())
            .unwrap_or_else(|| self.bank_code.clone())
    }

    /// The bank name in both languages.
    pub fn bank_text(&self) -> Text {
        Text::new(self.bank_en.clone(), self.bank_zh.clone())
    }

    /// Whether `name` designates this entry's bank (code, abbreviation, English or Chinese
    /// name; case and punctuation ignored). Host rules match on bank through this.
    pub fn matches_bank(&self, name: &str) -> bool {
        if let (Some(a), Some(b)) = (find_bank(name), find_bank(&self.bank_code)) {
            return a.code == b.code;
        }
        let q = norm(name);
        !q.is_empty()
            && (norm(&self.bank_code) == q
                || norm(&self.bank_en) == q
                || self.bank_zh == name.trim()
                || norm(&self.bank_short()) == q)
    }

    /// Card type in Chinese (储蓄卡, 信用卡, …).
    pub fn card_type_zh(&self) -> &str {
        match self.card_type.as_str() {
            "debit" => "借记卡",
            "credit" => "信用卡",
            "quasi-credit" => "准贷记卡",
            "prepaid" => "预付费卡",
            other => other,
        }
    }
}

/// BIN table: entries indexed by prefix.
#[derive(Clone, Debug, Default)]
pub struct BinTable {
    /// prefix → entries (several when the PAN length tells issuers apart).
    by_prefix: HashMap<String, Vec<BinEntry>>,
    max_prefix: usize,
}

fn card_type_name(code: &str) -> String {
    match code.trim().to_ascii_uppercase().as_str() {
        "DC" | "DEBIT" => "debit".into(),
        "CC" | "CREDIT" => "credit".into(),
        "SCC" | "QUASI-CREDIT" => "quasi-credit".into(),
        "PC" | "PREPAID" => "prepaid".into(),
        _ => code.trim().to_ascii_lowercase(),
    }
}

/// One override row (`prefix,bank,scheme,type,country`, prefix already checked): the entry,
/// or (column, what is wrong).
fn override_row(rec: &csv::StringRecord) -> Result<BinEntry, (&'static str, Text)> {
    let col = |n: usize| rec.get(n).unwrap_or("");
    let prefix = col(0).to_string();
    let bank = col(1);
    crate::load::check_label(bank).map_err(|m| ("bank", m))?;
    let (code, en, zh) = match find_bank(bank) {
        Some(b) => (b.code.to_string(), b.en.to_string(), b.zh.to_string()),
        None => (bank.to_string(), bank.to_string(), bank.to_string()),
    };
    let scheme = match col(2) {
        "" => scheme_of(&prefix)
            .map(|s| s.name().to_string())
            .unwrap_or_default(),
        s => Scheme::parse(s)
            .map(|s| s.name().to_string())
            .ok_or_else(|| {
                let known = Scheme::ALL.map(Scheme::name).join(", ");
                let args = [
                    ("value", crate::i18n::Arg::from(crate::load::shown(s))),
                    ("known", known.into()),
                ];
                ("scheme", Text::tr_args("errors-load-bins-scheme", &args))
            })?,
    };
    let card_type = card_type_name(col(3));
    if !matches!(
        card_type.as_str(),
        "" | "debit" | "credit" | "quasi-credit" | "prepaid"
    ) {
        let t = crate::load::shown(col(3));
        return Err((
            "type",
            Text::tr_args("errors-load-bins-type", &[("value", t.into())]),
        ));
    }
    let country = col(4).to_ascii_uppercase();
    if !(country.is_empty()
        || country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()))
    {
        let c = crate::load::shown(col(4));
        return Err((
            "country",
            Text::tr_args("errors-load-bins-country", &[("value", c.into())]),
        ));
    }
    Ok(BinEntry {
        prefix,
        bank_code: code,
        bank_en: en,
        bank_zh: zh,
        scheme,
        card_type,
        country,
        pan_length: None,
    })
}

impl BinTable {
    /// The embedded table (scheme ranges are in [`scheme_of`]; the rows here are the 13
    /// major Chinese banks). Parsed once and cloned.
    pub fn builtin() -> BinTable {
        static BUILTIN: OnceLock<BinTable> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut t = BinTable::default();
                for line in CN13.lines().skip(1) {
                    let cells: Vec<&str> = line.split(',').collect();
                    let [prefix, code, ty, len] = cells[..] else {
                        continue;
                    };
                    let Some(bank) = find_bank(code) else {
                        continue;
                    };
                    let scheme = scheme_of(prefix)
                        .filter(|s| *s != Scheme::Discover)
                        .unwrap_or(Scheme::UnionPay);
                    t.insert(BinEntry {
                        prefix: prefix.to_string(),
                        bank_code: bank.code.to_string(),
                        bank_en: bank.en.to_string(),
                        bank_zh: bank.zh.to_string(),
                        scheme: scheme.name().to_string(),
                        card_type: card_type_name(ty),
                        country: "CN".into(),
                        pan_length: len.parse().ok(),
                    });
                }
                t
            })
            .clone()
    }

    /// The built-in table plus an optional override file.
    pub fn with_overrides(path: Option<&Path>) -> Result<BinTable, LoadError> {
        let mut t = BinTable::builtin();
        if let Some(p) = path {
            t.load_overrides(p)?;
        }
        Ok(t)
    }

    fn insert(&mut self, e: BinEntry) {
        self.max_prefix = self.max_prefix.max(e.prefix.len());
        self.by_prefix.entry(e.prefix.clone()).or_default().push(e);
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.by_prefix.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_prefix.is_empty()
    }

    /// All rows (unordered).
    pub fn entries(&self) -> impl Iterator<Item = &BinEntry> {
        self.by_prefix.values().flatten()
    }

    /// Adds or replaces rows from a lab's CSV: `prefix,bank,scheme,type,country` (a header row
    /// is allowed; `bank` may be a known code/name such as `ICBC` or any other name). A row
    /// replaces every built-in row with the same prefix. Returns the number of rows loaded.
    pub fn load_overrides(&mut self, path: &Path) -> Result<usize, LoadError> {
        let text = crate::load::read_text(path)?;
        self.load_overrides_from(&text, &path.display().to_string())
    }

    /// [`load_overrides`](Self::load_overrides) on text already read; the error is one line.
    pub fn load_overrides_str(&mut self, text: &str) -> Result<usize, String> {
        self.load_overrides_from(text, "BIN CSV")
            .map_err(|e| match e.key {
                Some(k) => format!("{k}: {}", e.msg),
                None => e.msg,
            })
    }

    /// Loads override rows from CSV text; `origin` names the file in the error. Every row is
    /// checked before any is used (the table is unchanged on error): an unterminated quote, a
    /// prefix that is not 1–12 digits, an unknown scheme or card type, a bank name that is
    /// no label, or a country that is not two letters is a [`LoadError`] naming the line and
    /// the column.
    pub fn load_overrides_from(&mut self, text: &str, origin: &str) -> Result<usize, LoadError> {
        let text = text.trim_start_matches('\u{feff}');
        // The line goes where every loader puts it (`FILE:N: column: why`), not in the key.
        let at = |line: usize, col: &str, why: Text| {
            LoadError::said_at(origin, col, why).on_line(u32::try_from(line).ok())
        };
        // No bank name spans lines, so every line's quotes must pair up; the csv reader itself
        // would read an unterminated quote to the end of the file without a word.
        for (i, line) in text.lines().enumerate() {
            if !line.trim_start().starts_with('#') && line.matches('"').count() % 2 == 1 {
                return Err(at(i + 1, "quote", Text::tr("errors-load-bins-quote")));
            }
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                LoadError::said(
                    origin,
                    Text::tr_args("errors-load-csv", &[("detail", e.to_string().into())]),
                )
            })?;
            let line = rec.position().map_or(0, |p| p.line() as usize);
            let col = |n: usize| rec.get(n).unwrap_or("");
            let prefix = col(0);
            if rows.is_empty() && prefix.eq_ignore_ascii_case("prefix") {
                continue;
            }
            if prefix.is_empty() && rec.len() <= 1 {
                continue;
            }
            if prefix.is_empty() || prefix.len() > 12 || !prefix.bytes().all(|b| b.is_ascii_digit())
            {
                let p = crate::load::shown(prefix);
                let why = Text::tr_args("errors-load-bins-prefix", &[("value", p.into())]);
                return Err(at(line, "prefix", why));
            }
            rows.push(override_row(&rec).map_err(|(c, m)| at(line, c, m))?);
        }
        let n = rows.len();
        for e in rows {
            self.by_prefix.remove(&e.prefix);
            self.insert(e);
        }
        Ok(n)
    }

    /// Longest-prefix match of a PAN (digits; anything after the first non-digit is ignored).
    /// Among rows whose prefix matches, one whose PAN length equals the PAN's length wins over a
    /// longer prefix with a different length (the `622303` 16 vs 18 digits case); with no
    /// length match the longest prefix is returned.
    pub fn lookup(&self, pan_digits: &str) -> Option<BinEntry> {
        let digits: &str = {
            let end = pan_digits
                .bytes()
                .position(|b| !b.is_ascii_digit())
                .unwrap_or(pan_digits.len());
            &pan_digits[..end]
        };
        if digits.is_empty() {
            return None;
        }
        let pan_len = digits.len();
        let mut fallback: Option<&BinEntry> = None;
        for n in (1..=self.max_prefix.min(pan_len)).rev() {
            let Some(rows) = self.by_prefix.get(&digits[..n]) else {
                continue;
            };
            if let Some(e) = rows
                .iter()
                .find(|e| e.pan_length.is_none_or(|l| usize::from(l) == pan_len))
            {
                return Some(e.clone());
            }
            if fallback.is_none() {
                fallback = rows.first();
            }
        }
        fallback.cloned()
    }
}

/// Scheme name of a PAN for reports: the BIN row's scheme, else the IIN range, else empty.
pub fn scheme_name(table: &BinTable, pan: &str) -> String {
    table
        .lookup(pan)
        .map(|e| e.scheme)
        .filter(|s| !s.is_empty())
        .or_else(|| scheme_of(pan).map(|s| s.name().to_string()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn schemes() {
        assert_eq!(scheme_of("4111111111111111"), Some(Scheme::Visa));
        assert_eq!(scheme_of("5500000000000004"), Some(Scheme::Mastercard));
        assert_eq!(scheme_of("2221000000000009"), Some(Scheme::Mastercard));
        assert_eq!(scheme_of("2720990000000000"), Some(Scheme::Mastercard));
        assert_eq!(scheme_of("2721000000000000"), None);
        assert_eq!(scheme_of("6222020000000000000"), Some(Scheme::UnionPay));
        assert_eq!(scheme_of("8100000000000000"), Some(Scheme::UnionPay));
        assert_eq!(scheme_of("378282246310005"), Some(Scheme::Amex));
        assert_eq!(scheme_of("3530111333300000"), Some(Scheme::Jcb));
        assert_eq!(scheme_of("3590000000000000"), None);
        assert_eq!(scheme_of("6011111111111117"), Some(Scheme::Discover));
        assert_eq!(scheme_of("6445000000000000"), Some(Scheme::Discover));
        assert_eq!(scheme_of("6500000000000000"), Some(Scheme::Discover));
        assert_eq!(scheme_of("36000000000000"), Some(Scheme::Diners));
        assert_eq!(scheme_of("3050000000000000"), Some(Scheme::Diners));
        assert_eq!(scheme_of(""), None);
        assert_eq!(Scheme::of_aid("A000000333010101"), Some(Scheme::UnionPay));
    }

    #[test]
    fn builtin_lookup() {
        let t = BinTable::builtin();
        let e = t.lookup("6222020000000000000").unwrap();
        assert_eq!(e.bank_code, "ICBC");
        assert_eq!(e.bank_zh, "中国工商银行");
        assert_eq!(e.scheme, "UnionPay");
        assert_eq!(e.card_type, "debit");
        let e = t.lookup("4270200000000000").unwrap();
        assert_eq!(e.bank_code, "ICBC");
        assert_eq!(e.scheme, "Visa");
        // 9-digit BOCOM prefix beats the 6-digit one.
        let e = t.lookup("6210568010000000000").unwrap();
        assert_eq!(e.prefix, "621056801");
        // PAN length decides between two rows of one prefix.
        assert_eq!(t.lookup("690755000000000").unwrap().pan_length, Some(15));
        assert_eq!(t.lookup("690755000000000000").unwrap().pan_length, Some(18));
        assert_eq!(t.lookup("6014280000000000").unwrap().bank_short(), "BOCOM");
        assert!(t.lookup("9999999999999999").is_none());
        assert!(t.lookup("").is_none());
    }

    #[test]
    fn overrides() {
        let mut t = BinTable::builtin();
        let n = t
            .load_overrides_str(
                "prefix,bank,scheme,type,country\n\
                 62220200,Test Lab Bank,UnionPay,debit,cn\n\
                 622202,BOC,cup,credit,CN\n",
            )
            .unwrap();
        assert_eq!(n, 2);
        let e = t.lookup("6222020012345678901").unwrap();
        assert_eq!(e.bank_code, "Test Lab Bank");
        let e = t.lookup("6222021112345678901").unwrap();
        assert_eq!(e.bank_code, "BOC");
        assert_eq!(e.card_type, "credit");
        assert!(t.load_overrides_str("abc,X\n").is_err());
    }

    #[test]
    fn overrides_that_would_load_wrong_are_refused_with_line_and_column() {
        let mut t = BinTable::builtin();
        let before = t.len();
        let e = t
            .load_overrides_from("621700,\"CCB,UnionPay,debit,CN\n623456,ABC,,,\n", "b.csv")
            .unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(1), Some("quote")), "{e}");
        assert!(e.to_string().starts_with("b.csv:1: quote: "), "{e}");
        let e = t
            .load_overrides_from(
                "prefix,bank,scheme\n621700,CCB,UnionPay\n621701,CCB,Discovr\n",
                "b.csv",
            )
            .unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(3), Some("scheme")), "{e}");
        let zh = e.text(crate::i18n::Lang::ZhCn);
        assert!(zh.contains("第 3 行") && zh.contains("`scheme`"), "{zh}");
        assert!(!zh.contains("line"), "{zh}");
        assert!(e.msg.contains("\"Discovr\""), "{e}");
        for bad in [
            "621700,CCB,UnionPay,savings\n",
            "621700,CCB,UnionPay,debit,China\n",
            "621700,\"Bank\u{1b}[2J\",UnionPay\n",
        ] {
            assert!(t.load_overrides_from(bad, "b.csv").is_err(), "{bad:?}");
        }
        assert_eq!(t.len(), before, "nothing of a refused file is used");
        let ok = "621700,\"Test Bank, Lab\",UnionPay,debit,cn\n# a \"comment\n";
        assert_eq!(t.load_overrides_from(ok, "b.csv").unwrap(), 1);
    }

    #[test]
    fn bank_matching() {
        let t = BinTable::builtin();
        let e = t.lookup("6222600000000000000").unwrap();
        assert!(e.matches_bank("BOCOM"));
        assert!(e.matches_bank("comm"));
        assert!(e.matches_bank("交通银行"));
        assert!(!e.matches_bank("ICBC"));
        assert_eq!(find_bank("Ping An").unwrap().code, "SPABANK");
    }
}
