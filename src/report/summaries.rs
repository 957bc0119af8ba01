//! The summaries of one run folder: `cards.csv` (one row per card and interface), `banks.csv`
//! (one row per issuing bank) and `diagnosis.csv` (one row per conclusion), counted with
//! [`Tally`] and written atomically by [`write_atomic`].

use super::tally::Tally;
use super::writer::write_atomic;
use super::{Result, BANKS, CARDS, DIAGNOSIS};
use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
use crate::model::{Attempt, Family, Interface, Outcome};
use std::collections::BTreeMap;
use std::path::Path;

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

/// The first non-empty value of `field` among a card's rows, else `fallback`.
fn first_of<'a>(rows: &[&'a Attempt], field: fn(&Attempt) -> &str, fallback: &'a str) -> &'a str {
    rows.iter()
        .map(|a| field(a))
        .find(|v| !v.is_empty())
        .unwrap_or(fallback)
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
        let masked = first_of(&mine, |a| &a.masked_pan, "");
        let bank = first_of(&mine, |a| &a.bank, &c.bank.en);
        let bank_zh = crate::bins::find_bank(bank)
            .map(|b| b.zh)
            .unwrap_or(&c.bank.zh);
        for iface in &c.interfaces {
            let rows: Vec<&Attempt> = mine
                .iter()
                .copied()
                .filter(|a| a.interface == *iface)
                .collect();
            let t = Tally::of(rows.iter().copied());
            let worst = rows
                .iter()
                .find(|a| a.outcome == Outcome::Fail)
                .or_else(|| rows.iter().find(|a| a.outcome == Outcome::Error));
            out.push(vec![
                (c.index + 1).to_string(),
                c.label.en.clone(),
                c.label.zh.clone(),
                if c.reference { "yes" } else { "no" }.into(),
                bank.to_string(),
                bank_zh.to_string(),
                c.scheme.clone(),
                masked.to_string(),
                iface.as_str().into(),
                expected
                    .get(c.index)
                    .and_then(|m| m.get(iface))
                    .cloned()
                    .unwrap_or_else(|| "pass".into()),
                t.total.overall().as_str().into(),
                t.total.attempts.to_string(),
                t.total.pass.to_string(),
                t.total.fail.to_string(),
                t.total.error.to_string(),
                t.dominant_family().to_string(),
                worst
                    .map(|a| a.signal.code().into_owned())
                    .unwrap_or_default(),
                worst.map(|a| a.detail.clone()).unwrap_or_default(),
            ]);
        }
    }
    out
}

/// One bank of `banks.csv` while it is being counted.
struct BankAcc {
    en: String,
    zh: String,
    /// Deck cards of this bank (tested or not).
    cards: usize,
    /// Cards with a FAIL on any interface.
    failed: usize,
    /// Cards with a FAIL, per interface (`Interface::ALL` order).
    fails: [usize; 3],
    tally: Tally,
}

/// `banks.csv` rows: one per issuing bank (cards with no known bank are grouped by scheme as
/// `(Visa)`), with the diagnosis verdict that names the bank, if any.
pub fn bank_rows(
    cards: &[CardSummary],
    recs: &[Recorded],
    conclusions: &[Conclusion],
) -> Vec<Vec<String>> {
    let mut banks: BTreeMap<String, BankAcc> = BTreeMap::new();
    for c in cards {
        let mine = attempts_of(recs, c.index);
        let code = first_of(&mine, |a| &a.bank, &c.bank.en);
        let key = if code.is_empty() {
            format!("({})", c.scheme)
        } else {
            code.to_string()
        };
        let (en, zh) = match crate::bins::find_bank(code) {
            Some(b) => (b.en.to_string(), b.zh.to_string()),
            None => (code.to_string(), c.bank.zh.clone()),
        };
        let acc = banks.entry(key).or_insert(BankAcc {
            en,
            zh,
            cards: 0,
            failed: 0,
            fails: [0; 3],
            tally: Tally::default(),
        });
        let t = Tally::of(mine);
        acc.cards += 1;
        for (k, fails) in acc.fails.iter_mut().enumerate() {
            *fails += usize::from(t[k].fail > 0);
        }
        acc.failed += usize::from(t.total.fail > 0);
        acc.tally.merge(&t);
    }
    banks
        .into_iter()
        .map(|(key, a)| bank_row(key, a, conclusions))
        .collect()
}

fn bank_row(key: String, a: BankAcc, conclusions: &[Conclusion]) -> Vec<String> {
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
        a.tally.dominant_family().to_string(),
        verdict
            .map(|c| format!("{} {}: {}", c.rule, c.family, c.finding.en))
            .unwrap_or_default(),
        verdict
            .map(|c| format!("{} {}: {}", c.rule, c.family, c.finding.zh))
            .unwrap_or_default(),
    ]
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
