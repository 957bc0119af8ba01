//! R3m, marginal chip contacts or supply: a card that answered every command until GENERATE
//! AC or INTERNAL AUTHENTICATE and then went mute (`mute_at_crypto`). Those are the commands
//! that make the chip compute and draw its peak current, so a contact or a supply that holds
//! for SELECT and READ RECORD gives way there — TERM-HW, not the card (issue 12, diagnosis
//! item 4; diagnosis.md §3).

use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::view::{Observation, View};
use crate::i18n::Text;
use crate::model::{Family, Interface, Signal};
use std::collections::BTreeSet;

/// R3m.
pub const RULE: Rule = Rule {
    id: "R3m",
    about: "cards go mute only at GENERATE AC or INTERNAL AUTHENTICATE",
    run,
};

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    let chip = view.tested_on(Interface::Chip);
    // Attempt by attempt: a line judged noisy explains the single exchanges it lost (R1).
    let ev: Vec<&Observation> = chip
        .iter()
        .flat_map(|i| view.card(*i).failures(Interface::Chip))
        .filter(|o| o.signal == Signal::MuteAtCrypto && !explained.covers(view, o))
        .collect();
    let cards: BTreeSet<usize> = ev.iter().filter_map(|o| o.card).collect();
    if cards.is_empty() {
        return Vec::new();
    }
    let (k, n) = (cards.len(), chip.len());
    let c = Conclusion {
        rule: "R3m".into(),
        family: Family::TermHw,
        culprit: Text::tr("diagnosis-chip-supply-culprit"),
        finding: Text::tr_args(
            "diagnosis-chip-supply-finding",
            &[("failed", k.into()), ("cards", n.into())],
        ),
        action: Text::tr("diagnosis-chip-supply-action"),
        confidence: if k >= 2 {
            Confidence::High
        } else {
            Confidence::Medium
        },
        evidence: evidence(&ev),
    };
    vec![Verdict::new(c).explaining(cards.into_iter().map(|i| (i, Interface::Chip)))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, fail, healthy};
    use crate::diagnosis::LinkStats;

    #[test]
    fn one_card_mute_at_generate_ac_is_the_contacts() {
        let obs = healthy(|o| {
            if o.card == Some(2) && o.step == "select" {
                fail(o, "mute_at_crypto");
            }
        });
        let out = apply(RULE, &obs, &LinkStats::default(), &Explained::default());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].conclusion.family, Family::TermHw);
        assert!(out[0].explains.contains(&(2, Interface::Chip)));
        let none = healthy(|_| {});
        assert!(apply(RULE, &none, &LinkStats::default(), &Explained::default()).is_empty());
    }
}
