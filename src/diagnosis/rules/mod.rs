//! The cross-card rules (diagnosis.md §3) and the order they run in. Each rule is one file: a
//! function from the per-terminal [`View`] (and what the rules before it already explained) to
//! verdicts. [`RULES`] is the order; [`run`] applies it and sorts the conclusions.
//!
//! To add a rule: write `rules/<name>.rs` with a `pub const RULE: Rule` and its own tests,
//! declare the module below and put `<name>::RULE` at its place in [`RULES`].

use crate::diagnosis::conclusion::Conclusion;
use crate::diagnosis::verdict;
use crate::diagnosis::view::{Observation, View};
use crate::model::Interface;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

pub mod aid_list;
pub mod bank_network;
pub mod bank_policy;
pub mod card;
pub mod chip_supply;
pub mod emv_params;
pub mod hardware;
pub mod issuer_keys;
pub mod line_noise;
pub mod link;
pub mod oda_keys;
pub mod pos_terminal;

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
    pos_terminal::RULE,
    hardware::RULE,
    chip_supply::RULE,
    aid_list::RULE,
    oda_keys::RULE,
    emv_params::RULE,
    bank_network::RULE,
    bank_policy::RULE,
    issuer_keys::RULE,
    card::RULE,
];

/// One conclusion and what it explains: whole (card, interface) pairs, or single attempts (by
/// their position in [`View::obs`]) when the rule explains some signals of an interface and not
/// others (a worn head explains the track errors of a swipe, not the expired date it read).
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub conclusion: Conclusion,
    pub explains: BTreeSet<(usize, Interface)>,
    /// Single attempts explained, by position in [`View::obs`].
    pub explains_obs: BTreeSet<usize>,
}

impl Verdict {
    /// A conclusion that explains nothing beyond itself.
    pub fn new(conclusion: Conclusion) -> Verdict {
        Verdict {
            conclusion,
            explains: BTreeSet::new(),
            explains_obs: BTreeSet::new(),
        }
    }

    /// Adds the (card, interface) pairs the conclusion explains.
    pub fn explaining(mut self, pairs: impl IntoIterator<Item = (usize, Interface)>) -> Verdict {
        self.explains.extend(pairs);
        self
    }

    /// Adds single attempts the conclusion explains (observations of `view`).
    pub fn explaining_obs<'a>(
        mut self,
        view: &View,
        obs: impl IntoIterator<Item = &'a Observation>,
    ) -> Verdict {
        self.explains_obs
            .extend(obs.into_iter().filter_map(|o| view.index_of(o)));
        self
    }
}

impl Verdict {
    /// Whether the verdict explains the pair, or at least one attempt of it.
    pub fn explains_attempts_of(&self, view: &View, (card, iface): (usize, Interface)) -> bool {
        self.explains.contains(&(card, iface))
            || self.explains_obs.iter().any(|i| {
                view.obs
                    .get(*i)
                    .is_some_and(|o| o.card == Some(card) && o.interface == iface)
            })
    }
}

/// What earlier rules explained: (card, interface) pairs and single attempts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explained {
    pairs: BTreeSet<(usize, Interface)>,
    obs: BTreeSet<usize>,
}

impl Explained {
    /// Whether an earlier conclusion explains the card's failures on the interface.
    pub fn contains(&self, card: usize, iface: Interface) -> bool {
        self.pairs.contains(&(card, iface))
    }

    /// Whether an earlier conclusion explains this attempt (its pair, or the attempt itself).
    pub fn covers(&self, view: &View, o: &Observation) -> bool {
        o.card.is_some_and(|c| self.contains(c, o.interface))
            || view.index_of(o).is_some_and(|i| self.obs.contains(&i))
    }

    /// Pairs explained, for rule tests that start from an earlier rule's verdict.
    #[cfg(test)]
    pub(crate) fn of_pairs(pairs: impl IntoIterator<Item = (usize, Interface)>) -> Explained {
        Explained {
            pairs: pairs.into_iter().collect(),
            obs: BTreeSet::new(),
        }
    }

    fn add(&mut self, v: &Verdict) {
        self.pairs.extend(v.explains.iter().copied());
        self.obs.extend(v.explains_obs.iter().copied());
    }
}

/// Applies [`RULES`] in order, each seeing what the ones before it explained, merges the
/// conclusions that name the same culprit, and returns them in verdict order
/// ([`verdict::order`]: terminal findings, then network, bank, and card-level ones).
pub fn run(view: &View) -> Vec<Conclusion> {
    run_rules(RULES, view)
}

/// Applies `rules` in order (see [`run`]).
pub fn run_rules(rules: &[Rule], view: &View) -> Vec<Conclusion> {
    let mut explained = Explained::default();
    let mut out: Vec<Conclusion> = Vec::new();
    for rule in rules {
        for v in (rule.run)(view, &explained) {
            explained.add(&v);
            out.push(v.conclusion);
        }
    }
    let mut out = verdict::merge(out);
    verdict::order(&mut out);
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
