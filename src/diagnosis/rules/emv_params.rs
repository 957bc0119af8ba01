//! R8, terminal EMV parameters: every chip card (two or more, whatever the scheme) gets the
//! same status word or TVR finding — the terminal's parameters, keys or kernel, not the cards
//! (diagnosis.md §3, rule R8; §2 rows 17, 20, 23, 24). Cards an earlier rule explained on the
//! chip are left out; `6283` and `6A81` (blocked by the issuer) are the accounts', not the
//! terminal's. Application versions that differ (`tvr_version`) on every card of one scheme
//! (two or more) are that scheme's parameters in the terminal (its `9F09`); on one card they
//! are left to the card rule (CARD).

use crate::bins::scheme_label;
use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::signals::classify;
use crate::diagnosis::view::{Observation, View};
use crate::i18n::Text;
use crate::model::{Family, Interface, Signal};
use std::collections::{BTreeMap, BTreeSet};

/// R8.
pub const RULE: Rule = Rule {
    id: "R8",
    about: "the same status word or TVR finding on every chip card",
    run,
};

/// Whether a chip failure is a terminal-wide answer R8 looks for.
fn is_terminal_answer(signal: &Signal) -> bool {
    match signal {
        Signal::Sw(sw) => !matches!(sw, 0x6283 | 0x6A81),
        // Every card declined offline: the terminal's TAC-denial meets a TVR they all share
        // (issue 12 item 4); one card alone is its IAC-denial (CARD, the card rule).
        // Every card declining at GENERATE AC 2 what the host approved: what the terminal
        // gives the cards at completion (8A, 91, CDOL2 data), not each card.
        Signal::TvrOda
        | Signal::TvrVersion
        | Signal::OfflineDecline
        | Signal::DeclinedAfterApproval => true,
        _ => false,
    }
}

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    let chip_cards = view.tested_on(Interface::Chip);
    if chip_cards.len() < 2 {
        return Vec::new();
    }
    // Cards and attempts per answer, in the answer's order (status words by value, then TVR).
    let mut by_answer: BTreeMap<&Signal, (BTreeSet<usize>, Vec<&Observation>)> = BTreeMap::new();
    for &i in &chip_cards {
        if explained.contains(i, Interface::Chip) {
            continue;
        }
        for o in view.card(i).failures(Interface::Chip) {
            if is_terminal_answer(&o.signal) {
                let e = by_answer.entry(&o.signal).or_default();
                e.0.insert(i);
                e.1.push(o);
            }
        }
    }
    let mut out: Vec<Verdict> = by_answer
        .into_iter()
        .filter(|(_, (cards, _))| cards.len() == chip_cards.len())
        .map(|(answer, (cards, ev))| verdict(answer, cards, &ev))
        .collect();
    if out.is_empty() {
        out.extend(scheme_versions(view, explained, &chip_cards));
    }
    out
}

/// `tvr_version` on every chip card of one scheme (two or more): the terminal's application
/// version for that scheme's AIDs.
fn scheme_versions(view: &View, explained: &Explained, chip: &[usize]) -> Vec<Verdict> {
    let mut out = Vec::new();
    for (scheme, idx) in view.by_scheme(chip) {
        let ev: Vec<&Observation> = idx
            .iter()
            .filter(|i| !explained.contains(**i, Interface::Chip))
            .flat_map(|i| view.card(*i).failures(Interface::Chip))
            .filter(|o| o.signal == Signal::TvrVersion)
            .collect();
        let cards: BTreeSet<usize> = ev.iter().filter_map(|o| o.card).collect();
        if idx.len() < 2 || cards.len() != idx.len() {
            continue;
        }
        // The scheme is named in each language (UnionPay is 银联).
        let s = |l: crate::i18n::Lang| vec![("scheme", scheme_label(&scheme, l).into())];
        let c = Conclusion {
            rule: "R8".into(),
            family: Family::TermSw,
            culprit: Text::tr_each("diagnosis-emv-version-culprit", s),
            finding: Text::tr_each("diagnosis-emv-version-finding", s),
            action: Text::tr_each("diagnosis-emv-version-action", s),
            confidence: Confidence::High,
            evidence: evidence(&ev),
        };
        out.push(Verdict::new(c).explaining(cards.into_iter().map(|i| (i, Interface::Chip))));
    }
    out
}

fn verdict(answer: &Signal, cards: BTreeSet<usize>, ev: &[&Observation]) -> Verdict {
    let c = Conclusion {
        rule: "R8".into(),
        family: Family::TermSw,
        culprit: Text::tr("diagnosis-emv-params-culprit"),
        finding: Text::tr_args(
            "diagnosis-emv-params-finding",
            &[("answer", answer.to_string().into())],
        ),
        action: classify(answer).action,
        confidence: Confidence::High,
        evidence: evidence(ev),
    };
    Verdict::new(c).explaining(cards.into_iter().map(|i| (i, Interface::Chip)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, fail, healthy};
    use crate::diagnosis::LinkStats;

    fn every_gpo_refused() -> Vec<Observation> {
        healthy(|o| {
            if o.step == "select" {
                fail(o, "sw6985");
            }
        })
    }

    #[test]
    fn the_same_status_word_on_every_chip_card_is_the_parameters() {
        let c = conclusions(RULE, &every_gpo_refused());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].culprit.en, "terminal EMV parameters");
        assert_eq!(
            c[0].finding.en,
            "every chip card gets the same answer sw6985"
        );
        assert_eq!(
            c[0].action.en,
            "check terminal country, currency and PDOL data (9F1A/5F2A)"
        );
    }

    #[test]
    fn every_card_declined_offline_is_the_terminals_action_codes() {
        // A terminal file whose TAC-denial is FFFFFFFFFF: every card answers GENERATE AC 1
        // with an AAC, the reference card too.
        let obs = healthy(|o| {
            if o.step == "select" {
                fail(o, "offline_decline");
            }
        });
        let c = conclusions(RULE, &obs);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].family, Family::TermSw);
        assert!(c[0].action.en.contains("TAC-denial"), "{}", c[0].action.en);
        let one = healthy(|o| {
            if o.card == Some(2) && o.step == "select" {
                fail(o, "offline_decline");
            }
        });
        assert!(conclusions(RULE, &one).is_empty());
    }

    #[test]
    fn cards_explained_earlier_are_left_out() {
        let explained = Explained::of_pairs([(2, Interface::Chip)]);
        // Card 2 no longer counts as failing, but it is still a chip card: not every card.
        let out = apply(
            RULE,
            &every_gpo_refused(),
            &LinkStats::default(),
            &explained,
        );
        assert!(out.is_empty());
    }

    #[test]
    fn issuer_blocks_and_partial_answers_are_not_the_terminal() {
        let blocked = healthy(|o| {
            if o.step == "select" {
                fail(o, "sw6283");
            }
        });
        assert!(conclusions(RULE, &blocked).is_empty());
        let some = healthy(|o| {
            if o.step == "select" && o.card != Some(4) {
                fail(o, "tvr_oda");
            }
        });
        assert!(conclusions(RULE, &some).is_empty());
    }

    #[test]
    fn versions_differing_on_one_scheme_are_its_parameters_on_one_card_the_card() {
        let scheme = healthy(|o| {
            if o.step == "select" && o.card.is_some_and(|c| c <= 3) {
                fail(o, "tvr_version");
            }
        });
        let c = conclusions(RULE, &scheme);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].culprit.en, "terminal EMV parameters (UnionPay)");
        let one = healthy(|o| {
            if o.step == "select" && o.card == Some(1) {
                fail(o, "tvr_version");
            }
        });
        assert!(conclusions(RULE, &one).is_empty());
    }
}
