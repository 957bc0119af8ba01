//! The batch-wide `banks.csv`: each terminal's own bank rows (`report::bank_rows` over its
//! cards, numbered as in the deck, judged by its own diagnosis) aggregated per bank over the
//! terminals — counts summed, the verdict and reason of each terminal on which the bank
//! failed, labelled with the terminal — never one diagnosis of rows pooled from different
//! hardware (docs/report-format.md, "banks.csv of a batch").

use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
use crate::i18n::{tr_static, Text};
use crate::report::{Recorded, BANK_COLUMNS};

/// One terminal's part of the batch: its label, its deck, its recorded attempts and its own
/// diagnosis' conclusions.
pub type TerminalPart<'a> = (&'a str, &'a [CardSummary], &'a [Recorded], &'a [Conclusion]);

/// The counts of a bank row, summed over the terminals.
const COUNTS: [&str; 6] = crate::report::summaries::BANK_COUNT_COLUMNS;

/// One bank while the terminals' rows are folded in.
#[derive(Default)]
struct BankAcc {
    key: String,
    en: String,
    zh: String,
    counts: [usize; COUNTS.len()],
    /// Terminals on which a card of the bank failed: label, family, verdict, reason.
    failed_on: Vec<(String, String, Text, Text)>,
    /// Terminals that did not reach (all of) the bank's cards: label, reason.
    not_tested_on: Vec<(String, Text)>,
    /// Terminals on which every card of the bank passed.
    passed_on: Vec<String>,
}

/// Where `name` is in [`BANK_COLUMNS`].
fn col(name: &str) -> usize {
    BANK_COLUMNS.iter().position(|c| *c == name).unwrap_or(0)
}

/// The batch-wide bank rows ([`BANK_COLUMNS`]): one per bank over every terminal. Counts are
/// card × terminal tests summed; `dominant_family` is the family most of the failing
/// terminals' own verdicts give (ties: alphabetical); `verdict` the failing terminals'
/// verdicts (each once, ` / `-separated), else `not tested`, else `pass`; `reason` each
/// failing (then not-tested) terminal's own reason after its label (`T02: R1 TERM-HW: …`),
/// then the terminals it passed on. Most failed cards first, then most failing terminals,
/// then most cards not tested, then by abbreviation.
pub fn batch_bank_rows<'a>(
    terminals: impl IntoIterator<Item = TerminalPart<'a>>,
) -> Vec<Vec<String>> {
    let mut banks: Vec<BankAcc> = Vec::new();
    for (label, cards, recs, conclusions) in terminals {
        for row in crate::report::bank_rows(cards, recs, conclusions) {
            fold(&mut banks, label, &row);
        }
    }
    let count = |a: &BankAcc, name: &str| {
        COUNTS
            .iter()
            .position(|c| *c == name)
            .map_or(0, |i| a.counts[i])
    };
    banks.sort_by(|a, b| {
        count(b, "cards_failed")
            .cmp(&count(a, "cards_failed"))
            .then(b.failed_on.len().cmp(&a.failed_on.len()))
            .then(count(b, "cards_not_tested").cmp(&count(a, "cards_not_tested")))
            .then(a.key.cmp(&b.key))
    });
    banks.into_iter().map(row_of).collect()
}

/// Folds one terminal's bank row into its bank.
fn fold(banks: &mut Vec<BankAcc>, label: &str, row: &[String]) {
    let cell = |name: &str| row.get(col(name)).cloned().unwrap_or_default();
    let key = cell("bank");
    let i = match banks.iter().position(|b| b.key == key) {
        Some(i) => i,
        None => {
            banks.push(BankAcc {
                key,
                en: cell("bank_en"),
                zh: cell("bank_zh"),
                ..BankAcc::default()
            });
            banks.len() - 1
        }
    };
    let acc = &mut banks[i];
    for (k, name) in COUNTS.iter().enumerate() {
        acc.counts[k] += cell(name).parse::<usize>().unwrap_or(0);
    }
    let reason = Text::new(cell("reason"), cell("reason_zh"));
    let family = cell("dominant_family");
    // A bank's family is set exactly when one of its cards failed (FAIL or ERROR) there.
    if !family.is_empty() {
        let verdict = Text::new(cell("verdict"), cell("verdict_zh"));
        acc.failed_on
            .push((label.to_string(), family, verdict, reason));
    } else if cell("cards_not_tested") != "0" {
        acc.not_tested_on.push((label.to_string(), reason));
    } else if !cell("verdict").is_empty() {
        acc.passed_on.push(label.to_string());
    }
}

/// The most frequent of `families` (ties: the first in alphabetical order).
fn most_frequent(families: &[&str]) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in families {
        *counts.entry(f).or_default() += 1;
    }
    let best = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(f, _)| f.to_string())
        .unwrap_or_default()
}

fn row_of(a: BankAcc) -> Vec<String> {
    let families: Vec<&str> = a.failed_on.iter().map(|f| f.1.as_str()).collect();
    let verdict = if !a.failed_on.is_empty() {
        let mut en: Vec<&str> = Vec::new();
        let mut zh: Vec<&str> = Vec::new();
        for (_, _, v, _) in &a.failed_on {
            if !en.contains(&v.en.as_str()) {
                en.push(&v.en);
                zh.push(&v.zh);
            }
        }
        Text::new(en.join(" / "), zh.join(" / "))
    } else if !a.not_tested_on.is_empty() {
        Text::tr("report-verdict-not-tested")
    } else if !a.passed_on.is_empty() {
        Text::tr("report-verdict-pass")
    } else {
        Text::same("")
    };
    let mut en: Vec<String> = Vec::new();
    let mut zh: Vec<String> = Vec::new();
    let labelled = a
        .failed_on
        .iter()
        .map(|(l, _, _, r)| (l, r))
        .chain(a.not_tested_on.iter().map(|(l, r)| (l, r)));
    for (label, r) in labelled {
        en.push(format!("{label}: {}", r.en));
        zh.push(format!("{label}：{}", r.zh));
    }
    if !en.is_empty() && !a.passed_on.is_empty() {
        let on = Text::tr_each("batch-bank-passed-on", |l| {
            let names = a.passed_on.join(tr_static(l, "common-list-names"));
            vec![("terminals", names.into())]
        });
        en.push(on.en);
        zh.push(on.zh);
    }
    let mut row = vec![a.key, a.en, a.zh];
    row.extend(a.counts.iter().map(usize::to_string));
    row.extend([
        most_frequent(&families),
        verdict.en,
        verdict.zh,
        en.join("; "),
        zh.join("；"),
    ]);
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_family_ties_go_to_the_alphabetically_first() {
        assert_eq!(most_frequent(&["TERM-HW", "CARD", "TERM-HW"]), "TERM-HW");
        assert_eq!(most_frequent(&["TERM-HW", "CARD"]), "CARD");
        assert_eq!(most_frequent(&[]), "");
    }

    #[test]
    fn the_columns_are_the_run_bank_columns_in_order() {
        let counts: Vec<&str> = BANK_COLUMNS[3..9].to_vec();
        assert_eq!(counts, COUNTS);
        assert_eq!(BANK_COLUMNS[9], "dominant_family");
    }
}
