//! R4q, the bank's cryptogram keys: every card of one bank (two at least) declined because
//! the issuer's ARQC check fails (`arqc_rejected`, RC 59), or every one refused the issuer's
//! ARPC at the online completion (`issuer_auth_failed`, TVR byte 5 `40`) — the bank's key
//! set-up or ARPC method, BANK. One card of a bank failing while its other cards pass is left
//! to the card rule (CARD: the card's own keys) (issue 12, diagnosis item 4; diagnosis.md §3).

use crate::diagnosis::conclusion::{evidence, tr_each, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::view::{Observation, View};
use crate::i18n::Text;
use crate::model::{Family, Interface, Signal};
use std::collections::BTreeSet;

/// R4q.
pub const RULE: Rule = Rule {
    id: "R4q",
    about: "every card of one bank has its ARQC rejected",
    run,
};

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    let net = view.tested_on(Interface::Network);
    let mut out = Vec::new();
    for (bank, idx) in view.by_bank(&net) {
        let idx: Vec<usize> = idx
            .into_iter()
            .filter(|i| !explained.contains(*i, Interface::Network))
            .collect();
        let ev: Vec<&Observation> = idx
            .iter()
            .flat_map(|i| {
                let card = view.card(*i);
                let mut f = card.failures(Interface::Network);
                f.extend(card.failures(Interface::Chip));
                f
            })
            .filter(|o| matches!(o.signal, Signal::ArqcRejected | Signal::IssuerAuthFailed))
            .collect();
        let cards: BTreeSet<usize> = ev.iter().filter_map(|o| o.card).collect();
        if idx.len() < 2 || cards.len() != idx.len() {
            continue;
        }
        let id = if ev.iter().all(|o| o.signal == Signal::IssuerAuthFailed) {
            "diagnosis-issuer-arpc-finding"
        } else {
            "diagnosis-issuer-keys-finding"
        };
        let bank_text = view.card(idx[0]).bank_text.clone();
        let c = Conclusion {
            rule: "R4q".into(),
            family: Family::Bank,
            culprit: tr_each("diagnosis-issuer-keys-culprit", |lang| {
                vec![("bank", bank_text.get(lang).into())]
            }),
            finding: Text::tr_args(
                id,
                &[("cards", idx.len().into()), ("bank", bank.as_str().into())],
            ),
            action: Text::tr("diagnosis-issuer-keys-action"),
            confidence: Confidence::High,
            evidence: evidence(&ev),
        };
        let pairs: Vec<(usize, Interface)> = ev
            .iter()
            .filter_map(|o| o.card.map(|c| (c, o.interface)))
            .collect();
        out.push(Verdict::new(c).explaining(pairs));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, fail, healthy};
    use crate::diagnosis::LinkStats;

    /// Cards 1 and 2 made one bank: both rejected is the bank; one alone is left to the card
    /// rule.
    fn two_of_a_bank(failing: &[usize]) -> Vec<Verdict> {
        let obs = healthy(|o| {
            if matches!(o.card, Some(1 | 2)) {
                o.bank = "TESTBANK".into();
            }
            if o.card.is_some_and(|c| failing.contains(&c)) && o.interface == Interface::Network {
                fail(o, "arqc_rejected");
            }
        });
        apply(RULE, &obs, &LinkStats::default(), &Explained::default())
    }

    #[test]
    fn every_card_of_a_bank_is_the_bank_one_card_is_not() {
        let out = two_of_a_bank(&[1, 2]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].conclusion.family, Family::Bank);
        assert_eq!(out[0].explains.len(), 2);
        assert!(two_of_a_bank(&[1]).is_empty());
    }

    #[test]
    fn every_card_of_a_bank_refusing_the_arpc_is_the_bank() {
        let run = |failing: &[usize]| {
            let obs = healthy(|o| {
                if matches!(o.card, Some(1 | 2)) {
                    o.bank = "TESTBANK".into();
                }
                if o.card.is_some_and(|c| failing.contains(&c)) && o.step == "select" {
                    fail(o, "issuer_auth_failed");
                }
            });
            apply(RULE, &obs, &LinkStats::default(), &Explained::default())
        };
        let out = run(&[1, 2]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].conclusion.family, Family::Bank);
        assert!(out[0].conclusion.finding.en.contains("ARPC"));
        assert!(run(&[1]).is_empty());
    }
}
