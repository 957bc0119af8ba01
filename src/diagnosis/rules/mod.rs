//! The cross-card rules (diagnosis.md §3) and the order they run in. Each rule is one file: a
//! function from the per-terminal [`View`] (and what the rules before it already explained) to
//! verdicts. [`RULES`] is the order; [`run`] applies it and sorts the conclusions.
//!
//! To add a rule: write `rules/<name>.rs` with a `pub const RULE: Rule` and its own tests,
//! declare the module below and put `<name>::RULE` at its place in [`RULES`].

use crate::diagnosis::conclusion::Conclusion;
use crate::diagnosis::view::View;
use crate::model::Interface;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

pub mod aid_list;
pub mod bank_network;
pub mod card;
pub mod emv_params;
pub mod hardware;
pub mod line_noise;
pub mod link;

/// One rule: its label in conclusions, what it looks for, and the function that applies it.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The rule labels its conclusions may carry (`R1`, `R4/R5`, …).
    pub id: &'static str,
    /// One line: the pattern it looks for.
    pub about: &'static str,
    pub run: fn(&View, &Explained) -> Vec<Verdict>,
}

/// The rules in the order they run. Terminal-level rules come first: what they explain
/// (card, interface pairs) is not blamed on the card by the card-level rule at the end.
pub const RULES: &[Rule] = &[
    link::RULE,
    line_noise::RULE,
    hardware::RULE,
    aid_list::RULE,
    emv_params::RULE,
    bank_network::RULE,
    card::RULE,
];

/// One conclusion and the (card, interface) pairs it explains.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub conclusion: Conclusion,
    pub explains: BTreeSet<(usize, Interface)>,
}

impl Verdict {
    /// A conclusion that explains nothing beyond itself.
    pub fn new(conclusion: Conclusion) -> Verdict {
        Verdict {
            conclusion,
            explains: BTreeSet::new(),
        }
    }

    /// Adds the (card, interface) pairs the conclusion explains.
    pub fn explaining(mut self, pairs: impl IntoIterator<Item = (usize, Interface)>) -> Verdict {
        self.explains.extend(pairs);
        self
    }
}

/// The (card, interface) pairs earlier rules explained.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explained(BTreeSet<(usize, Interface)>);

impl Explained {
    /// Whether an earlier conclusion explains the card's failures on the interface.
    pub fn contains(&self, card: usize, iface: Interface) -> bool {
        self.0.contains(&(card, iface))
    }

    fn add(&mut self, pairs: &BTreeSet<(usize, Interface)>) {
        self.0.extend(pairs.iter().copied());
    }
}

/// Applies [`RULES`] in order, each seeing what the ones before it explained, and returns the
/// conclusions most important first: terminal-level ones, then by confidence; equal ones
/// keep the rule order.
pub fn run(view: &View) -> Vec<Conclusion> {
    run_rules(RULES, view)
}

/// Applies `rules` in order (see [`run`]).
pub fn run_rules(rules: &[Rule], view: &View) -> Vec<Conclusion> {
    let mut explained = Explained::default();
    let mut out: Vec<Conclusion> = Vec::new();
    for rule in rules {
        for v in (rule.run)(view, &explained) {
            explained.add(&v.explains);
            out.push(v.conclusion);
        }
    }
    out.sort_by_key(|c| (!c.is_terminal_level(), std::cmp::Reverse(c.confidence)));
    out
}

/// The most frequent item. Ties go to the item whose spelling sorts last (the order of the
/// first version, kept so that verdicts do not move).
pub fn most_common<K: Ord>(
    items: impl IntoIterator<Item = K>,
    spelling: impl Fn(&K) -> Cow<'static, str>,
) -> Option<K> {
    let mut m: BTreeMap<K, usize> = BTreeMap::new();
    for k in items {
        *m.entry(k).or_default() += 1;
    }
    m.into_iter()
        .map(|(k, n)| (n, spelling(&k), k))
        .max_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)))
        .map(|(_, _, k)| k)
}

/// Running one rule alone in its unit tests, on observations built with
/// `view::testkit`.
#[cfg(test)]
pub(crate) mod testkit {
    use crate::diagnosis::conclusion::Conclusion;
    use crate::diagnosis::rules::{Explained, Rule, Verdict};
    pub use crate::diagnosis::view::testkit::*;
    use crate::diagnosis::view::{LinkStats, Observation, View};

    /// Runs one rule alone over `obs`, with `explained` from earlier rules.
    pub fn apply(
        rule: Rule,
        obs: &[Observation],
        link: &LinkStats,
        explained: &Explained,
    ) -> Vec<Verdict> {
        (rule.run)(&View::new(obs, link), explained)
    }

    /// Runs one rule alone with nothing explained and a quiet link; the conclusions only.
    pub fn conclusions(rule: Rule, obs: &[Observation]) -> Vec<Conclusion> {
        apply(rule, obs, &LinkStats::default(), &Explained::default())
            .into_iter()
            .map(|v| v.conclusion)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_common_breaks_ties_by_the_last_spelling() {
        let spell = |s: &&str| Cow::Owned(s.to_string());
        assert_eq!(most_common(["b", "a", "a"], spell), Some("a"));
        assert_eq!(most_common(["a", "b"], spell), Some("b"));
        assert_eq!(most_common(Vec::<&str>::new(), spell), None);
    }

    #[test]
    fn later_rules_see_what_earlier_rules_explained() {
        fn first(_: &View, _: &Explained) -> Vec<Verdict> {
            let c = Conclusion {
                rule: "X".into(),
                family: crate::model::Family::TermHw,
                culprit: crate::i18n::Text::same("x"),
                finding: crate::i18n::Text::same("x"),
                action: crate::i18n::Text::same("x"),
                confidence: crate::diagnosis::Confidence::Low,
                evidence: Vec::new(),
            };
            vec![Verdict::new(c).explaining([(1, Interface::Chip)])]
        }
        fn second(_: &View, e: &Explained) -> Vec<Verdict> {
            assert!(e.contains(1, Interface::Chip));
            assert!(!e.contains(1, Interface::Swipe));
            Vec::new()
        }
        let rules = [
            Rule {
                id: "X",
                about: "",
                run: first,
            },
            Rule {
                id: "Y",
                about: "",
                run: second,
            },
        ];
        let link = crate::diagnosis::LinkStats::default();
        let out = run_rules(&rules, &View::new(&[], &link));
        assert_eq!(out.len(), 1);
    }
}
