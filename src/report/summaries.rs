//! The summaries of one run folder: `cards.csv` (one row per card: per-interface outcome,
//! first failure, family and action), `banks.csv` (one row per issuing bank, most failures
//! first, a verdict and a reason for every bank that failed or was not tested) and
//! `diagnosis.csv` (one row per conclusion), counted with [`Tally`], each row ending with the
//! run's identity ([`RUN_COLUMNS`]); `report::files` writes them. A card or interface the run
//! never reached is `NOT TESTED`, never SKIP.

pub use super::cause::{
    card_action, card_cause, card_family, conclusions_explaining, conclusions_for_card,
};
use super::record::RunRecord;
use super::tally::Tally;
use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
use crate::i18n::{Lang, Text};
use crate::model::{Attempt, Family, Interface, Outcome};
use std::collections::BTreeMap;

/// The outcome of a card (or one of its interfaces) the run never reached.
pub const NOT_TESTED: &str = "NOT TESTED";

/// `cards.csv` columns.
pub const CARD_COLUMNS: [&str; 23] = [
    "card",
    "label",
    "label_zh",
    "reference",
    "bank",
    "bank_zh",
    "scheme",
    "masked_pan",
    "outcome",
    "swipe",
    "chip",
    "network",
    "expected",
    "attempts",
    "passes",
    "failures",
    "errors",
    "family",
    "first_failure",
    "signal",
    "detail",
    "action",
    "action_zh",
];

/// The counts of a `banks.csv` row (numbers in `report.xlsx`).
pub const BANK_COUNT_COLUMNS: [&str; 6] = [
    "cards_tested",
    "cards_failed",
    "cards_not_tested",
    "swipe_failures",
    "chip_failures",
    "network_failures",
];

/// `banks.csv` columns: the bank, its counts, its verdict.
pub const BANK_COLUMNS: [&str; 14] = concat_columns(
    ["bank", "bank_en", "bank_zh"],
    BANK_COUNT_COLUMNS,
    [
        "dominant_family",
        "verdict",
        "verdict_zh",
        "reason",
        "reason_zh",
    ],
);

/// `a`, `b` and `c` one after the other; `N` must be their total length (checked when the
/// constant is built).
const fn concat_columns<const A: usize, const B: usize, const C: usize, const N: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
    c: [&'static str; C],
) -> [&'static str; N] {
    assert!(A + B + C == N, "column list length");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A {
            a[i]
        } else if i < A + B {
            b[i - A]
        } else {
            c[i - A - B]
        };
        i += 1;
    }
    out
}

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

/// The columns every summary file (`cards.csv`, `banks.csv`, `diagnosis.csv`) ends with: the
/// run it comes from — station, operator, ticket, the terminal's model, firmware, serial and
/// DE41, the date and time the run started — so a file handed over on its own still says
/// which terminal, where, by whom and when (the same fields as `run.toml`).
pub const RUN_COLUMNS: [&str; 8] = [
    "station",
    "operator",
    "ticket",
    "terminal_model",
    "terminal_firmware",
    "terminal_serial",
    "terminal_de41",
    "run_started",
];

/// The cells of [`RUN_COLUMNS`] for the run `r`.
pub fn run_cells(r: &RunRecord) -> Vec<String> {
    let t = &r.terminal;
    [
        &r.station,
        &r.operator,
        &r.ticket,
        &t.model,
        &t.firmware,
        &t.serial,
        &t.de41,
        &r.started,
    ]
    .map(String::clone)
    .to_vec()
}

/// `rows` under `columns`, each row followed by the run's cells ([`RUN_COLUMNS`]).
pub fn with_run<'a>(
    columns: &[&'a str],
    mut rows: Vec<Vec<String>>,
    r: &RunRecord,
) -> (Vec<&'a str>, Vec<Vec<String>>) {
    let cells = run_cells(r);
    for row in &mut rows {
        row.extend(cells.iter().cloned());
    }
    (columns.iter().chain(&RUN_COLUMNS).copied().collect(), rows)
}

/// One attempt with the deck position it belongs to (`None`: run-level step such as the echo).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recorded {
    pub card: Option<usize>,
    pub attempt: Attempt,
}

/// The attempts recorded for one card, in order.
pub fn attempts_of(recs: &[Recorded], card: usize) -> Vec<&Attempt> {
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

/// Where one card stands: its tally, each deck interface's outcome (`NOT TESTED` when the run
/// never reached it) and the card's outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct CardStatus<'a> {
    pub tally: Tally,
    /// Outcome per interface, `Interface::ALL` order; `None` when the deck does not test it.
    pub cells: [Option<&'static str>; 3],
    /// FAIL > ERROR > NOT TESTED (an interface not reached) > PASS > SKIP.
    pub outcome: &'static str,
    /// The first FAIL row, else the first ERROR row.
    pub first_failure: Option<&'a Attempt>,
}

impl CardStatus<'_> {
    /// Whether the card had a FAIL or an ERROR.
    pub fn failed(&self) -> bool {
        self.tally.total.failures() > 0
    }

    /// Whether the run left the card (or one of its interfaces) untested.
    pub fn not_tested(&self) -> bool {
        self.outcome == NOT_TESTED
    }

    /// Whether the card was judged (PASS, FAIL or ERROR).
    pub fn tested(&self) -> bool {
        !self.not_tested() && self.tally.total.judged() > 0
    }
}

/// The status of deck card `c` from its rows.
pub fn card_status<'a>(c: &CardSummary, rows: &[&'a Attempt]) -> CardStatus<'a> {
    let tally = Tally::of(rows.iter().copied());
    let mut cells = [None; 3];
    let mut untested = false;
    for (k, iface) in Interface::ALL.into_iter().enumerate() {
        if !c.interfaces.contains(&iface) {
            continue;
        }
        let counts = &tally[iface];
        cells[k] = Some(match counts.verdict() {
            Some(o) => o.as_str(),
            None => {
                untested = true;
                NOT_TESTED
            }
        });
    }
    let outcome = match tally.total.verdict() {
        Some(Outcome::Fail) => Outcome::Fail.as_str(),
        Some(Outcome::Error) => Outcome::Error.as_str(),
        _ if untested || c.interfaces.is_empty() => NOT_TESTED,
        Some(o) => o.as_str(),
        None => NOT_TESTED,
    };
    let first_failure = rows
        .iter()
        .copied()
        .find(|a| a.outcome == Outcome::Fail)
        .or_else(|| rows.iter().copied().find(|a| a.outcome == Outcome::Error));
    CardStatus {
        tally,
        cells,
        outcome,
        first_failure,
    }
}

/// `interface step: signal` of a failed row, the stable codes (`swipe swipe#1: t2:no_ss`).
pub fn check_code(a: &Attempt) -> String {
    format!("{} {}: {}", a.interface, a.step, a.signal.code())
}

/// `cards.csv` rows: one per card. `expected[i][iface]` is the deck's expectation text.
pub fn card_rows(
    cards: &[CardSummary],
    expected: &[BTreeMap<Interface, String>],
    recs: &[Recorded],
    conclusions: &[Conclusion],
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for c in cards {
        let mine = attempts_of(recs, c.index);
        let masked = first_of(&mine, |a| &a.masked_pan, "");
        let bank = first_of(&mine, |a| &a.bank, &c.bank.en);
        let bank_zh = crate::bins::find_bank(bank)
            .map(|b| b.zh)
            .unwrap_or(&c.bank.zh);
        let s = card_status(c, &mine);
        let exp = expected
            .get(c.index)
            .map(|m| {
                m.iter()
                    .filter(|(_, e)| e.as_str() != "pass")
                    .map(|(i, e)| format!("{i}={e}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default();
        let action = if s.failed() {
            card_action(conclusions, c.index, &mine, s.first_failure)
        } else {
            None
        };
        let cell = |k: usize| s.cells[k].unwrap_or("").to_string();
        out.push(vec![
            (c.index + 1).to_string(),
            c.label.en.clone(),
            c.label.zh.clone(),
            if c.reference { "yes" } else { "no" }.into(),
            bank.to_string(),
            bank_zh.to_string(),
            c.scheme.clone(),
            masked.to_string(),
            s.outcome.to_string(),
            cell(0),
            cell(1),
            cell(2),
            exp,
            s.tally.total.attempts.to_string(),
            s.tally.total.pass.to_string(),
            s.tally.total.fail.to_string(),
            s.tally.total.error.to_string(),
            card_family(conclusions, c.index, &mine, s.tally.dominant_family()),
            s.first_failure.map(check_code).unwrap_or_default(),
            s.first_failure
                .map(|a| a.signal.code().into_owned())
                .unwrap_or_default(),
            s.first_failure
                .map(|a| a.detail.clone())
                .unwrap_or_default(),
            action.as_ref().map(|t| t.en.clone()).unwrap_or_default(),
            action.map(|t| t.zh).unwrap_or_default(),
        ]);
    }
    out
}

/// One bank of `banks.csv` while it is being counted.
struct BankAcc {
    en: String,
    zh: String,
    /// Deck positions of the bank's cards.
    cards: Vec<usize>,
    tested: usize,
    /// Cards with a FAIL on any interface.
    failed: usize,
    /// Cards with a FAIL or an ERROR (what needs a reason).
    bad: Vec<usize>,
    not_tested: usize,
    /// Cards with a FAIL, per interface (`Interface::ALL` order).
    fails: [usize; 3],
    tally: Tally,
}

/// The key a card is grouped under in `banks.csv`: its bank's abbreviation, else its scheme
/// in brackets (`(Visa)`) — the same key `report summarize` uses.
pub fn bank_key(bank: &str, scheme: &str) -> String {
    match (bank.trim(), scheme.trim()) {
        ("", "") => "(unknown bank)".to_string(),
        ("", s) => format!("({s})"),
        (b, _) => b.to_string(),
    }
}

/// `banks.csv` rows: one per issuing bank (cards with no known bank are grouped by scheme as
/// `(Visa)`), most failed cards first, then most failed checks, then most cards not tested;
/// each bank that failed or was not tested has a verdict and a reason.
pub fn bank_rows(
    cards: &[CardSummary],
    recs: &[Recorded],
    conclusions: &[Conclusion],
) -> Vec<Vec<String>> {
    let mut banks: BTreeMap<String, BankAcc> = BTreeMap::new();
    for c in cards {
        let mine = attempts_of(recs, c.index);
        let code = first_of(&mine, |a| &a.bank, &c.bank.en);
        let key = bank_key(code, &c.scheme);
        let (en, zh) = match crate::bins::find_bank(code) {
            Some(b) => (b.en.to_string(), b.zh.to_string()),
            None if code.is_empty() => (key.clone(), key.clone()),
            None => (code.to_string(), c.bank.zh.clone()),
        };
        let acc = banks.entry(key).or_insert(BankAcc {
            en,
            zh,
            cards: Vec::new(),
            tested: 0,
            failed: 0,
            bad: Vec::new(),
            not_tested: 0,
            fails: [0; 3],
            tally: Tally::default(),
        });
        let s = card_status(c, &mine);
        acc.cards.push(c.index);
        for (k, fails) in acc.fails.iter_mut().enumerate() {
            *fails += usize::from(s.tally[k].fail > 0);
        }
        acc.failed += usize::from(s.tally.total.fail > 0);
        acc.tested += usize::from(s.tested());
        acc.not_tested += usize::from(s.not_tested());
        if s.failed() {
            acc.bad.push(c.index);
        }
        acc.tally.merge(&s.tally);
    }
    let mut list: Vec<(String, BankAcc)> = banks.into_iter().collect();
    list.sort_by(|(ka, a), (kb, b)| {
        b.failed
            .cmp(&a.failed)
            .then(b.bad.len().cmp(&a.bad.len()))
            .then(b.tally.total.failures().cmp(&a.tally.total.failures()))
            .then(b.not_tested.cmp(&a.not_tested))
            .then(ka.cmp(kb))
    });
    list.into_iter()
        .map(|(key, a)| bank_row(key, a, (cards, recs), conclusions))
        .collect()
}

/// The conclusion that names bank `key` (English name `en`) as its culprit.
fn naming_bank<'c>(conclusions: &'c [Conclusion], key: &str, en: &str) -> Option<&'c Conclusion> {
    conclusions.iter().find(|c| {
        matches!(c.family, Family::Bank | Family::Net)
            && (c.culprit.en.starts_with(&format!("{key} "))
                || c.culprit.en == key
                || (!en.is_empty() && en != key && c.culprit.en.contains(en)))
    })
}

/// A bank's family, verdict and reason, in both languages: the conclusion that names the
/// bank, else the first (in verdict order) that explains one of its failed cards
/// ([`conclusions_explaining`]), else the dominant family of its failures with the failed
/// cards; `not tested` for a bank the run did not reach; `pass` otherwise. The family (the
/// `dominant_family` column) is the verdict's, empty when nothing failed.
fn bank_verdict(
    key: &str,
    a: &BankAcc,
    (cards, recs): (&[CardSummary], &[Recorded]),
    conclusions: &[Conclusion],
) -> (String, Text, Text) {
    if !a.bad.is_empty() {
        let by_card = || {
            a.bad
                .iter()
                .flat_map(|&i| conclusions_explaining(conclusions, i, &attempts_of(recs, i)))
                .min_by_key(|c| crate::diagnosis::verdict::precedence(c))
        };
        if let Some(c) = naming_bank(conclusions, key, &a.en).or_else(by_card) {
            let reason = Text::new(
                format!("{} {}: {}", c.rule, c.family, c.finding.en),
                format!("{} {}：{}", c.rule, c.family, c.finding.zh),
            );
            return (c.family.as_str().to_string(), family_text(c.family), reason);
        }
        let family = Family::parse(a.tally.dominant_family()).unwrap_or(Family::Unknown);
        let reason = failed_cards(a, cards);
        return (
            a.tally.dominant_family().to_string(),
            family_text(family),
            reason,
        );
    }
    let none = String::new();
    if a.not_tested > 0 {
        let n = a.not_tested;
        let of = a.cards.len();
        return (
            none,
            Text::tr("report-verdict-not-tested"),
            Text::tr_args(
                "report-reason-not-tested",
                &[("count", n.into()), ("cards", of.into())],
            ),
        );
    }
    if a.tested == 0 {
        return (none, Text::same(""), Text::same(""));
    }
    (none, Text::tr("report-verdict-pass"), Text::same(""))
}

/// A family as a verdict in both languages (`bank system`, `card`).
fn family_text(f: Family) -> Text {
    Text::new(f.name(Lang::En), f.name(Lang::ZhCn))
}

/// `card 3 (ABC debit), card 5 (CMB credit)` / `第 3 张卡（农业银行借记卡），第 5 张卡（…）`: the
/// bank's failed cards, each language with its own labels (`report-failed-card`).
fn failed_cards(a: &BankAcc, cards: &[CardSummary]) -> Text {
    Text::each(|lang| {
        a.bad
            .iter()
            .filter_map(|&i| cards.iter().find(|c| c.index == i))
            .map(|c| {
                let label = c.label.get(lang);
                crate::i18n::t!(
                    lang,
                    "report-failed-card",
                    card_no = c.index + 1,
                    label = label
                )
                .into_owned()
            })
            .collect::<Vec<_>>()
            .join(crate::i18n::tr_static(lang, "common-comma"))
    })
}

fn bank_row(
    key: String,
    a: BankAcc,
    deck: (&[CardSummary], &[Recorded]),
    conclusions: &[Conclusion],
) -> Vec<String> {
    let (family, verdict, reason) = bank_verdict(&key, &a, deck, conclusions);
    vec![
        key,
        a.en,
        a.zh,
        a.tested.to_string(),
        a.failed.to_string(),
        a.not_tested.to_string(),
        a.fails[0].to_string(),
        a.fails[1].to_string(),
        a.fails[2].to_string(),
        family,
        verdict.en,
        verdict.zh,
        reason.en,
        reason.zh,
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
                c.evidence
                    .iter()
                    .map(|e| e.en.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A bank whose failed card no conclusion explains gives its failed cards as the reason,
    /// each language with its own words and labels (`reason_zh` was English before).
    #[test]
    fn a_bank_without_a_conclusion_lists_its_failed_cards_in_each_language() {
        let card = CardSummary {
            index: 2,
            label: Text::new("ABC debit", "农业银行借记卡"),
            bank: Text::new("ABC", "中国农业银行"),
            scheme: "UnionPay".into(),
            reference: false,
            interfaces: vec![Interface::Swipe],
        };
        let mut attempt = Attempt {
            bank: "ABC".into(),
            interface: Interface::Swipe,
            step: "swipe#1".into(),
            ..Attempt::default()
        };
        attempt.judge(Outcome::Fail, crate::model::Signal::Mute, "x");
        let recs = [Recorded {
            card: Some(2),
            attempt,
        }];
        let rows = bank_rows(&[card], &recs, &[]);
        let head = &BANK_COLUMNS;
        let col = |name: &str| head.iter().position(|c| *c == name).unwrap();
        assert_eq!(rows[0][col("reason")], "card 3 (ABC debit)");
        assert_eq!(rows[0][col("reason_zh")], "第 3 张卡（农业银行借记卡）");
    }
}
