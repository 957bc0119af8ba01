//! R6, the AID list: every chip card of one scheme gets `6A82` (no application) at application
//! selection while other schemes pass — the terminal's AID list lacks that scheme's RID
//! (diagnosis.md §3, rule R6; §2 row 17). The same answer on every scheme is R8's.

use crate::bins::scheme_label;
use crate::bins::Scheme;
use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::view::{Observation, Status, View};
use crate::i18n::Text;
use crate::model::{Family, Interface, Signal};
use std::collections::BTreeSet;

/// R6.
pub const RULE: Rule = Rule {
    id: "R6",
    about: "every card of one scheme gets 6A82 at selection while other schemes pass",
    run,
};

/// Status word `6A82`, file or application not found (ISO/IEC 7816-4).
const NO_APPLICATION: Signal = Signal::Sw(0x6A82);

fn run(view: &View, _: &Explained) -> Vec<Verdict> {
    let chip = view.tested_on(Interface::Chip);
    let by_scheme = view.by_scheme(&chip);
    if by_scheme.len() <= 1 {
        return Vec::new(); // one scheme failing alike is R8 territory
    }
    let schemes_passing = by_scheme
        .values()
        .filter(|idx| {
            idx.iter()
                .any(|i| view.card(*i).status(Interface::Chip) == Status::Pass)
        })
        .count();
    if schemes_passing == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (scheme, idx) in &by_scheme {
        let sel: Vec<&Observation> = idx
            .iter()
            .flat_map(|i| view.card(*i).failures(Interface::Chip))
            .filter(|o| o.signal == NO_APPLICATION)
            .collect();
        let failing: BTreeSet<usize> = sel.iter().filter_map(|o| o.card).collect();
        if failing.len() == idx.len() {
            out.push(verdict(scheme, idx, &sel));
        }
    }
    out
}

fn verdict(scheme: &str, idx: &[usize], sel: &[&Observation]) -> Verdict {
    let rid = Scheme::parse(scheme).and_then(|s| s.rid()).unwrap_or("");
    let n = idx.len();
    let c = Conclusion {
        rule: "R6".into(),
        family: Family::TermSw,
        // The scheme is named in each language (UnionPay is 银联).
        culprit: Text::tr_each("diagnosis-aid-culprit", |l| {
            vec![
                ("scheme", scheme_label(scheme, l).into()),
                ("rid", rid.into()),
            ]
        }),
        finding: Text::tr_each("diagnosis-aid-finding", |l| {
            vec![
                ("scheme", scheme_label(scheme, l).into()),
                ("cards", n.into()),
            ]
        }),
        action: Text::tr_each("diagnosis-aid-action", |l| {
            vec![
                ("scheme", scheme_label(scheme, l).into()),
                ("rid", rid.into()),
            ]
        }),
        confidence: if n >= 2 {
            Confidence::High
        } else {
            Confidence::Low
        },
        evidence: evidence(sel),
    };
    Verdict::new(c).explaining(idx.iter().map(|i| (*i, Interface::Chip)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, fail, healthy};
    use crate::diagnosis::LinkStats;

    #[test]
    fn one_scheme_without_application_is_the_aid_list() {
        let v = healthy(|o| {
            if o.scheme == "UnionPay" && o.step == "select" {
                fail(o, "sw6a82");
            }
        });
        let out = apply(RULE, &v, &LinkStats::default(), &Explained::default());
        assert_eq!(out.len(), 1);
        let c = &out[0].conclusion;
        assert_eq!(c.culprit.en, "AID list (lacks UnionPay A000000333…)");
        assert_eq!(c.confidence, Confidence::High);
        assert_eq!(out[0].explains.len(), 4);
        assert!(out[0].explains.contains(&(3, Interface::Chip)));
    }

    #[test]
    fn a_single_card_scheme_is_low() {
        let v = healthy(|o| {
            if o.scheme == "Visa" && o.step == "select" {
                fail(o, "sw6a82");
            }
        });
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1);
        assert!(c[0].finding.en.starts_with("every Visa card (1) gets 6A82"));
        assert_eq!(c[0].confidence, Confidence::Low);
    }

    #[test]
    fn every_scheme_or_part_of_one_is_not_the_aid_list() {
        let all = healthy(|o| {
            if o.step == "select" {
                fail(o, "sw6a82");
            }
        });
        assert!(conclusions(RULE, &all).is_empty());
        let part = healthy(|o| {
            if o.card == Some(1) && o.step == "select" {
                fail(o, "sw6a82");
            }
        });
        assert!(conclusions(RULE, &part).is_empty());
    }
}
