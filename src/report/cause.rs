//! Which diagnosis conclusion explains a failed card — the one source of a card's cause for
//! `cards.csv` (`family`, `action`), `banks.csv` (verdict, `dominant_family`) and the HTML
//! report: the first conclusion, in verdict order, whose evidence or culprit names the card
//! (or, when its evidence list was cut short, shows one of the card's failed checks).

use crate::diagnosis::Conclusion;
use crate::i18n::Text;
use crate::model::Attempt;

/// The conclusions whose evidence names card `index` (0-based), in verdict order.
pub fn conclusions_for_card(conclusions: &[Conclusion], index: usize) -> Vec<&Conclusion> {
    conclusions_explaining(conclusions, index, &[])
}

/// The conclusions that explain card `index` (0-based), in verdict order: those whose
/// evidence or culprit names it, and — when a conclusion's evidence list was cut short ("… and
/// N more", `diagnosis::conclusion::MAX_EVIDENCE`) — those whose listed evidence shows the
/// same interface, outcome and signal as one of the card's failed `rows` (the card is among
/// the ones left out).
pub fn conclusions_explaining<'c>(
    conclusions: &'c [Conclusion],
    index: usize,
    rows: &[&Attempt],
) -> Vec<&'c Conclusion> {
    let tag = format!("card {} (", index + 1);
    let mut v: Vec<&Conclusion> = conclusions
        .iter()
        .filter(|c| {
            c.evidence.iter().any(|e| e.en.starts_with(&tag))
                || c.culprit.en.starts_with(&tag)
                || c.culprit.en == tag.trim_end_matches(" (")
                || (c
                    .evidence
                    .iter()
                    .any(|e| crate::diagnosis::conclusion::evidence_more_count(e).is_some())
                    && c.evidence.iter().any(|e| same_check(&e.en, rows)))
        })
        .collect();
    v.sort_by_key(|c| crate::diagnosis::verdict::precedence(c));
    v
}

/// Whether the evidence entry `e` (`card 3 (ABC debit) swipe swipe#2: FAIL t2:blank RC 51`)
/// shows the interface, outcome and signal of one of the failed `rows`.
fn same_check(e: &str, rows: &[&Attempt]) -> bool {
    let Some((head, tail)) = e.rsplit_once(": ") else {
        return false;
    };
    let iface = head.rsplit(' ').nth(1).unwrap_or("");
    let mut words = tail.split(' ');
    let (outcome, signal) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    rows.iter().any(|a| {
        a.outcome.is_bad()
            && a.outcome.as_str() == outcome
            && a.interface.as_str() == iface
            && a.signal.code() == signal
    })
}

/// The conclusion that explains a failed card (the first in verdict order,
/// [`conclusions_explaining`]); `None` when no conclusion covers it.
pub fn card_cause<'c>(
    conclusions: &'c [Conclusion],
    index: usize,
    rows: &[&Attempt],
) -> Option<&'c Conclusion> {
    conclusions_explaining(conclusions, index, rows)
        .first()
        .copied()
}

/// What to do about a failed card: the action of the conclusion that explains it
/// ([`card_cause`]; `rows` are the card's attempts), else the signal table's action for its
/// first failure.
pub fn card_action(
    conclusions: &[Conclusion],
    index: usize,
    rows: &[&Attempt],
    first: Option<&Attempt>,
) -> Option<Text> {
    if let Some(c) = card_cause(conclusions, index, rows) {
        return Some(c.action.clone());
    }
    first.map(|a| crate::diagnosis::classify(&a.signal).action)
}

/// The `family` of a card in `cards.csv`: the family of the conclusion that explains it
/// ([`card_cause`]), else `dominant` (the most frequent family among its failed attempts,
/// `Tally::dominant_family`); empty when it did not fail (`dominant` is empty then).
pub fn card_family(
    conclusions: &[Conclusion],
    index: usize,
    rows: &[&Attempt],
    dominant: &str,
) -> String {
    if dominant.is_empty() {
        return String::new();
    }
    match card_cause(conclusions, index, rows) {
        Some(c) => c.family.as_str().to_string(),
        None => dominant.to_string(),
    }
}
