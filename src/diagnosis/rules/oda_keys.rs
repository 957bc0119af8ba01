//! R6k, the terminal's CA public-key store: offline data authentication that fails because the
//! terminal lacks the CA key a card names (`oda_ca_key`), or that fails on every card of one
//! scheme (`oda_failed` on all of them, two or more: the terminal's key for that scheme is
//! wrong) — TERM-SW, the key store, not the cards (issue 12; diagnosis.md §3). One card failing
//! on its own certificates or signature while others of its scheme pass is left to the card
//! rule (CARD).

use crate::bins::scheme_label;
use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::view::{Observation, View};
use crate::i18n::Text;
use crate::model::{Family, Interface, Signal};
use std::collections::BTreeSet;

/// R6k.
pub const RULE: Rule = Rule {
    id: "R6k",
    about: "ODA fails on a missing CA key, or on every card of one scheme",
    run,
};

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    let chip = view.tested_on(Interface::Chip);
    let mut out = Vec::new();
    for (scheme, idx) in view.by_scheme(&chip) {
        let idx: Vec<usize> = idx
            .into_iter()
            .filter(|i| !explained.contains(*i, Interface::Chip))
            .collect();
        let oda: Vec<&Observation> = idx
            .iter()
            .flat_map(|i| view.card(*i).failures(Interface::Chip))
            .filter(|o| matches!(o.signal, Signal::OdaCaKey | Signal::OdaFailed))
            .collect();
        let failing: BTreeSet<usize> = oda.iter().filter_map(|o| o.card).collect();
        let no_key = oda.iter().any(|o| o.signal == Signal::OdaCaKey);
        let whole_scheme = !idx.is_empty() && failing.len() == idx.len();
        if no_key || (whole_scheme && idx.len() >= 2) {
            let ev: Vec<&Observation> = if no_key && !whole_scheme {
                oda.into_iter()
                    .filter(|o| o.signal == Signal::OdaCaKey)
                    .collect()
            } else {
                oda
            };
            out.push(verdict(&scheme, idx.len(), whole_scheme, &ev));
        }
    }
    out
}

fn verdict(scheme: &str, n: usize, whole: bool, ev: &[&Observation]) -> Verdict {
    let cards: BTreeSet<usize> = ev.iter().filter_map(|o| o.card).collect();
    let k = cards.len();
    let c = Conclusion {
        rule: "R6k".into(),
        family: Family::TermSw,
        // The scheme is named in each language (UnionPay is 银联).
        culprit: Text::tr_each("diagnosis-oda-culprit", |l| {
            vec![("scheme", scheme_label(scheme, l).into())]
        }),
        finding: Text::tr_each("diagnosis-oda-finding", |l| {
            vec![
                ("failed", k.into()),
                ("cards", n.into()),
                ("scheme", scheme_label(scheme, l).into()),
            ]
        }),
        action: Text::tr_each("diagnosis-oda-action", |l| {
            vec![("scheme", scheme_label(scheme, l).into())]
        }),
        confidence: if whole && n >= 2 {
            Confidence::High
        } else {
            Confidence::Medium
        },
        evidence: evidence(ev),
    };
    Verdict::new(c).explaining(cards.into_iter().map(|i| (i, Interface::Chip)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, fail, healthy};
    use crate::diagnosis::LinkStats;

    fn run_on(f: impl Fn(&mut Observation)) -> Vec<Verdict> {
        apply(
            RULE,
            &healthy(f),
            &LinkStats::default(),
            &Explained::default(),
        )
    }

    #[test]
    fn a_missing_ca_key_is_the_key_store_even_on_one_card() {
        let out = run_on(|o| {
            if o.scheme == "Visa" && o.step == "select" {
                fail(o, "oda_ca_key");
            }
        });
        assert_eq!(out.len(), 1);
        let c = &out[0].conclusion;
        assert_eq!(c.family, Family::TermSw);
        assert_eq!(c.culprit.en, "terminal CA public-key store (Visa)");
        assert!(out[0].explains.contains(&(4, Interface::Chip)));
    }

    #[test]
    fn every_card_of_a_scheme_failing_oda_is_the_key_store() {
        let out = run_on(|o| {
            if o.scheme == "UnionPay" && o.step == "select" {
                fail(o, "oda_failed");
            }
        });
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].conclusion.confidence, Confidence::High);
        assert_eq!(out[0].explains.len(), 4);
    }

    #[test]
    fn one_card_failing_its_signature_is_left_to_the_card_rule() {
        let out = run_on(|o| {
            if o.card == Some(2) && o.step == "select" {
                fail(o, "oda_failed");
            }
        });
        assert!(out.is_empty());
    }
}
