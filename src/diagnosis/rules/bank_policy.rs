//! R4 (policy), declines grouped by bank before any account is blamed: when every card of one
//! bank (two or more) is declined with account-, PIN-, card- or policy-class response codes
//! while other banks approve, that is the bank's policy or system, not a separate account
//! fault on each card (diagnosis.md §3, rules R4 and R9; §3.1). Every bank declined alike is
//! the acquirer side (R5). One card alone stays with the card-level rule (R9, R4 policy).

use crate::codec::iso8583::rc::{self, RcClass};
use crate::diagnosis::conclusion::{evidence, tr_each, Conclusion, Confidence};
use crate::diagnosis::rules::{bank_network, Explained, Rule, Verdict};
use crate::diagnosis::view::{Observation, View};
use crate::i18n::Text;
use crate::model::{Family, Interface, Outcome};
use std::collections::BTreeSet;

/// R4 (policy) / R5 (every bank).
pub const RULE: Rule = Rule {
    id: "R4/R5",
    about: "every card of a bank declined with account or policy codes while other banks approve",
    run,
};

/// Decline classes an issuer (or the acquirer) can apply to all its cards at once. The
/// system class is R4/R5's (`bank_network`); terminal-software, technique and offline codes
/// name the terminal or the operator, not the bank.
const BANK_WIDE: [&RcClass; 6] = [
    &rc::ACCT_BALANCE,
    &rc::ACCT_STATUS,
    &rc::ACCT_PIN,
    &rc::CARD,
    &rc::CARD_MISREAD,
    &rc::BANK_POLICY,
];

/// A decline a bank can apply to every card.
fn is_bank_wide_decline(o: &Observation) -> bool {
    o.failed()
        && rc::decline_class(&o.rc).is_some_and(|c| BANK_WIDE.iter().any(|b| b.name == c.name))
}

/// One bank's cards on the network interface, as this rule sees them.
struct Group<'a> {
    text: Text,
    cards: usize,
    /// Cards every one of whose authorisations was such a decline.
    declined: BTreeSet<usize>,
    declines: Vec<&'a Observation>,
    /// Cards with an approval.
    approved: usize,
}

fn groups<'a>(view: &View<'a>, explained: &Explained) -> Vec<(String, Group<'a>)> {
    let on_network = view.tested_on(Interface::Network);
    let mut out = Vec::new();
    for (key, idx) in view.by_bank(&on_network) {
        let mut g = Group {
            text: view.card(idx[0]).bank_text.clone(),
            cards: idx.len(),
            declined: BTreeSet::new(),
            declines: Vec::new(),
            approved: 0,
        };
        for i in idx {
            let auths: Vec<&Observation> = view.card(i).per_if[&Interface::Network]
                .iter()
                .copied()
                .filter(|o| o.step == "auth")
                .collect();
            if auths.iter().any(|o| o.outcome == Outcome::Pass) {
                g.approved += 1;
            }
            let judged = !auths.is_empty() && !explained.contains(i, Interface::Network);
            if judged && auths.iter().all(|o| is_bank_wide_decline(o)) {
                g.declined.insert(i);
                g.declines.extend(auths);
            }
        }
        out.push((key, g));
    }
    out
}

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    let groups = groups(view, explained);
    let all_declined = |g: &Group| g.cards >= 1 && g.declined.len() == g.cards;
    let approving = groups.iter().filter(|(_, g)| g.approved > 0).count();
    if approving == 0 && groups.len() >= 2 && groups.iter().all(|(_, g)| all_declined(g)) {
        return vec![acquirer(&groups)];
    }
    if approving == 0 {
        return Vec::new();
    }
    groups
        .iter()
        .filter(|(_, g)| g.cards >= 2 && all_declined(g))
        .map(|(_, g)| bank(g, approving))
        .collect()
}

/// The codes behind a group, `05, 57`.
fn codes(declines: &[&Observation]) -> String {
    let set: BTreeSet<&str> = declines.iter().map(|o| o.rc.as_str()).collect();
    set.into_iter().collect::<Vec<_>>().join(", ")
}

/// One bank declines every card while other banks approve: that bank.
fn bank(g: &Group, approving: usize) -> Verdict {
    let codes = codes(&g.declines);
    let cards = g.cards as i64;
    let c = Conclusion {
        rule: "R4".into(),
        family: Family::Bank,
        culprit: issuer_policy(&g.text),
        finding: tr_each("diagnosis-bank-policy-finding", |lang| {
            vec![
                ("bank", g.text.get(lang).into()),
                ("cards", cards.into()),
                ("codes", codes.clone().into()),
            ]
        }),
        action: tr_each("diagnosis-bank-policy-action", |lang| {
            vec![("bank", g.text.get(lang).into())]
        }),
        confidence: if approving >= 2 {
            Confidence::High
        } else {
            Confidence::Medium
        },
        evidence: evidence(&g.declines),
    };
    Verdict::new(c).explaining(g.declined.iter().map(|i| (*i, Interface::Network)))
}

/// The culprit of a bank's policy: `CCB (issuer policy)` (also the card-level R4's, so the
/// two merge into one conclusion).
pub fn issuer_policy(bank: &Text) -> Text {
    tr_each("diagnosis-bank-policy-culprit", |lang| {
        vec![("bank", bank.get(lang).into())]
    })
}

/// Every bank declines every card alike: the acquirer's host, not any issuer or account.
fn acquirer(groups: &[(String, Group)]) -> Verdict {
    let declines: Vec<&Observation> = groups
        .iter()
        .flat_map(|(_, g)| g.declines.iter().copied())
        .collect();
    let banks = groups.len() as i64;
    let c = Conclusion {
        rule: "R5".into(),
        family: Family::Net,
        culprit: bank_network::network_culprit(),
        finding: Text::tr_args(
            "diagnosis-acquirer-declines-finding",
            &[("codes", codes(&declines).into()), ("banks", banks.into())],
        ),
        action: Text::tr("diagnosis-acquirer-declines-action"),
        confidence: if banks >= 3 {
            Confidence::High
        } else {
            Confidence::Medium
        },
        evidence: evidence(&declines),
    };
    let cards = groups.iter().flat_map(|(_, g)| g.declined.iter().copied());
    Verdict::new(c).explaining(cards.map(|i| (i, Interface::Network)).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, fail, healthy};
    use crate::diagnosis::LinkStats;

    #[test]
    fn every_card_of_one_bank_declined_is_that_banks_policy() {
        let v = healthy(|o| {
            if o.bank == "ICBC" && o.step == "auth" {
                fail(o, if o.card == Some(0) { "rc:57" } else { "rc:62" });
            }
        });
        let out = apply(RULE, &v, &LinkStats::default(), &Explained::default());
        assert_eq!(out.len(), 1);
        let c = &out[0].conclusion;
        assert_eq!((c.rule.as_str(), c.family), ("R4", Family::Bank));
        assert_eq!(c.culprit.en, "ICBC (issuer policy)");
        assert!(c.finding.en.contains("(57, 62)"), "{}", c.finding.en);
        assert_eq!(c.confidence, Confidence::High);
        assert!(out[0].explains.contains(&(1, Interface::Network)));
    }

    #[test]
    fn one_card_or_part_of_a_bank_is_left_to_the_card_rule() {
        let one = healthy(|o| {
            if o.card == Some(2) && o.step == "auth" {
                fail(o, "rc:05");
            }
        });
        assert!(conclusions(RULE, &one).is_empty());
        let part = healthy(|o| {
            if o.card == Some(1) && o.step == "auth" {
                fail(o, "rc:51");
            }
        });
        assert!(conclusions(RULE, &part).is_empty());
        let system = healthy(|o| {
            if o.bank == "ICBC" && o.step == "auth" {
                fail(o, "rc:91");
            }
        });
        assert!(conclusions(RULE, &system).is_empty());
    }

    #[test]
    fn every_bank_declined_alike_is_the_acquirer() {
        let v = healthy(|o| {
            if o.step == "auth" {
                fail(o, "rc:05");
            }
        });
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].rule.as_str(), c[0].family), ("R5", Family::Net));
        assert_eq!(c[0].culprit.en, "network / acquirer link");
    }
}
