//! The one tally of attempts. Every view that counts attempts counts them here: the TUI's
//! checklist matrix and bank chart, batch's per-terminal counters and verdict counts, the run
//! report's `cards.csv` and `banks.csv`, and `report summarize` per bank, card and terminal.
//!
//! - [`Counts`]: attempts by outcome, with the worst outcome as the verdict.
//! - [`Families`]: failures by cause family, with the dominant family (one tie rule).
//! - [`Tally`]: counts in total and per interface, plus the families of the failures.
//! - [`Members`]: the distinct cards (or terminals) of a group, which were tested, which failed.
//!
//! Grouping (by which bank a card belongs to, by station and serial…) stays with each view;
//! what a count means is decided once, here.

use crate::model::{Attempt, Family, Interface, Outcome};
use serde::Serialize;
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::ops::Index;

/// Attempts counted by outcome (PASS / FAIL / SKIP / ERROR).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Every attempt counted, SKIP included.
    pub attempts: u64,
    pub pass: u64,
    pub fail: u64,
    pub skip: u64,
    pub error: u64,
}

impl Counts {
    /// Counts one attempt.
    pub fn add(&mut self, o: Outcome) {
        self.attempts += 1;
        match o {
            Outcome::Pass => self.pass += 1,
            Outcome::Fail => self.fail += 1,
            Outcome::Skip => self.skip += 1,
            Outcome::Error => self.error += 1,
        }
    }

    /// Counts a row read back from a file; an outcome that could not be read (`None`) counts as
    /// an ERROR — nobody judged it a pass.
    pub fn add_read(&mut self, o: Option<Outcome>) {
        self.add(o.unwrap_or(Outcome::Error));
    }

    /// Adds another set of counts.
    pub fn merge(&mut self, other: &Counts) {
        self.attempts += other.attempts;
        self.pass += other.pass;
        self.fail += other.fail;
        self.skip += other.skip;
        self.error += other.error;
    }

    /// FAIL + ERROR: the attempts that did not meet their expectation.
    pub fn failures(&self) -> u64 {
        self.fail + self.error
    }

    /// Attempts that were judged: everything but SKIP.
    pub fn judged(&self) -> u64 {
        self.attempts - self.skip
    }

    /// The worst outcome seen: any FAIL wins, then ERROR, then PASS, then SKIP; `None` when
    /// nothing was counted.
    pub fn verdict(&self) -> Option<Outcome> {
        if self.fail > 0 {
            Some(Outcome::Fail)
        } else if self.error > 0 {
            Some(Outcome::Error)
        } else if self.pass > 0 {
            Some(Outcome::Pass)
        } else if self.skip > 0 {
            Some(Outcome::Skip)
        } else {
            None
        }
    }

    /// [`Counts::verdict`], with SKIP for an empty set (a check nobody ran).
    pub fn overall(&self) -> Outcome {
        self.verdict().unwrap_or(Outcome::Skip)
    }

    /// A terminal run's verdict: FAIL when a check failed or its diagnosis concluded something
    /// (`concluded`: a fault found, such as a reader lost and reconnected, whose repeated step
    /// passed); else ERROR when a check could not be judged or the run did not finish
    /// (`finished` false: stopped, lost for good); else PASS, or SKIP when nothing was judged.
    /// [`Counts::overall`]'s order with the run's own [`Standing`](crate::report::run::Standing)
    /// rule for conclusions: the one rule behind the word the batch console, `terminals.csv`
    /// and `report summarize` give one terminal run (docs/batch.md).
    pub fn run_verdict(&self, finished: bool, concluded: bool) -> Outcome {
        match self.verdict() {
            _ if concluded => Outcome::Fail,
            Some(Outcome::Fail) => Outcome::Fail,
            _ if !finished => Outcome::Error,
            v => v.unwrap_or(Outcome::Skip),
        }
    }

    /// Pass rate over PASS + FAIL, in percent; `None` when neither was counted.
    pub fn pass_rate(&self) -> Option<f64> {
        let judged = self.pass + self.fail;
        (judged > 0).then(|| 100.0 * self.pass as f64 / judged as f64)
    }
}

impl FromIterator<Outcome> for Counts {
    fn from_iter<I: IntoIterator<Item = Outcome>>(iter: I) -> Self {
        let mut c = Counts::default();
        for o in iter {
            c.add(o);
        }
        c
    }
}

/// Failures (FAIL and ERROR attempts) per cause family, keyed by the family's CSV spelling
/// (`TERM-HW`); a spelling read from another version's file is kept verbatim, a blank one
/// counts as `UNKNOWN`. Serialises as a plain map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Families(BTreeMap<String, u64>);

impl Families {
    /// Counts one failure of `family` (its CSV spelling; blank → `UNKNOWN`).
    pub fn add(&mut self, family: &str) {
        let f = match family.trim() {
            "" => Family::Unknown.as_str(),
            f => f,
        };
        // Look up by &str first: a key String per row would dominate `report summarize`.
        match self.0.get_mut(f) {
            Some(n) => *n += 1,
            None => {
                self.0.insert(f.to_string(), 1);
            }
        }
    }

    /// Counts one failure of a typed family (`None`: not classified → `UNKNOWN`).
    pub fn add_family(&mut self, family: Option<Family>) {
        self.add(family.unwrap_or(Family::Unknown).as_str());
    }

    /// Adds another set of family counts.
    pub fn merge(&mut self, other: &Families) {
        for (f, n) in &other.0 {
            *self.0.entry(f.clone()).or_default() += n;
        }
    }

    /// The most frequent family; ties go to the first in alphabetical order of the CSV
    /// spelling. Empty when nothing failed.
    pub fn dominant(&self) -> &str {
        let mut best: Option<(&str, u64)> = None;
        for (f, &n) in &self.0 {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((f, n));
            }
        }
        best.map(|(f, _)| f).unwrap_or("")
    }

    /// Failures counted for `family` (its CSV spelling).
    pub fn get(&self, family: &str) -> u64 {
        self.0.get(family).copied().unwrap_or(0)
    }

    /// `(family, failures)` in alphabetical order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.iter().map(|(f, n)| (f.as_str(), *n))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Attempts counted in total and per interface, with the cause families of the failures.
/// Indexing by [`Interface`] (or by matrix column, `Interface::ALL` order) gives that
/// interface's [`Counts`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub total: Counts,
    pub swipe: Counts,
    pub chip: Counts,
    pub network: Counts,
    /// Failures and errors per cause family.
    pub families: Families,
}

impl Tally {
    /// The tally of a set of attempts.
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a Attempt>) -> Tally {
        let mut t = Tally::default();
        for a in rows {
            t.add_attempt(a);
        }
        t
    }

    /// Counts one typed attempt.
    pub fn add_attempt(&mut self, a: &Attempt) {
        self.record(a.interface, a.outcome, a.family);
    }

    /// Counts one attempt from its parts: a FAIL or ERROR also counts for its family
    /// (`None` → `UNKNOWN`).
    pub fn record(&mut self, iface: Interface, outcome: Outcome, family: Option<Family>) {
        self.count(Some(iface), outcome);
        if outcome.is_bad() {
            self.families.add_family(family);
        }
    }

    /// Counts a row read back from a file: an unknown interface counts in the total only, an
    /// unreadable outcome as an ERROR, and the family is kept as spelled (blank → `UNKNOWN`).
    pub fn add_read(&mut self, iface: Option<Interface>, outcome: Option<Outcome>, family: &str) {
        let outcome = outcome.unwrap_or(Outcome::Error);
        self.count(iface, outcome);
        if outcome.is_bad() {
            self.families.add(family);
        }
    }

    fn count(&mut self, iface: Option<Interface>, outcome: Outcome) {
        self.total.add(outcome);
        if let Some(i) = iface {
            self.interface_mut(i).add(outcome);
        }
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: &Tally) {
        self.total.merge(&other.total);
        for i in Interface::ALL {
            self.interface_mut(i).merge(&other[i]);
        }
        self.families.merge(&other.families);
    }

    /// The counts of one interface.
    pub fn interface(&self, i: Interface) -> &Counts {
        match i {
            Interface::Swipe => &self.swipe,
            Interface::Chip => &self.chip,
            Interface::Network => &self.network,
        }
    }

    fn interface_mut(&mut self, i: Interface) -> &mut Counts {
        match i {
            Interface::Swipe => &mut self.swipe,
            Interface::Chip => &mut self.chip,
            Interface::Network => &mut self.network,
        }
    }

    /// The family with the most failures ([`Families::dominant`]); empty when nothing failed.
    pub fn dominant_family(&self) -> &str {
        self.families.dominant()
    }
}

impl Index<Interface> for Tally {
    type Output = Counts;
    fn index(&self, i: Interface) -> &Counts {
        self.interface(i)
    }
}

impl Index<usize> for Tally {
    type Output = Counts;
    /// Matrix column `col` in `Interface::ALL` order (0 swipe, 1 chip, 2 network); panics past
    /// 2, as an array of three would.
    fn index(&self, col: usize) -> &Counts {
        self.interface(Interface::ALL[col])
    }
}

/// Whether a member of a group had a judged attempt and whether it failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Mark {
    judged: bool,
    failed: bool,
}

/// The distinct members of a group — the cards of a bank, the terminals a card was tried on —
/// each marked when it had a judged attempt (not SKIP) and when it had a FAIL or ERROR. An
/// unreadable outcome (`None`) counts as an ERROR, as in [`Counts::add_read`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Members<K: Ord> {
    marks: BTreeMap<K, Mark>,
    /// Members marked judged / failed, kept as marks flip so reading them costs nothing.
    judged: usize,
    failed: usize,
}

impl<K: Ord> Default for Members<K> {
    fn default() -> Self {
        Members {
            marks: BTreeMap::new(),
            judged: 0,
            failed: 0,
        }
    }
}

impl<K: Ord> Members<K> {
    /// Notes one attempt of member `key` (borrowed, so a known member costs no allocation).
    pub fn add<Q>(&mut self, key: &Q, outcome: Option<Outcome>)
    where
        K: Borrow<Q>,
        Q: Ord + ToOwned<Owned = K> + ?Sized,
    {
        let outcome = outcome.unwrap_or(Outcome::Error);
        let mark = match self.marks.get_mut(key) {
            Some(m) => m,
            None => self.marks.entry(key.to_owned()).or_default(),
        };
        if !mark.judged && outcome != Outcome::Skip {
            mark.judged = true;
            self.judged += 1;
        }
        if !mark.failed && outcome.is_bad() {
            mark.failed = true;
            self.failed += 1;
        }
    }

    /// Every member seen, SKIP-only ones included.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Members with at least one judged (not SKIP) attempt: the ones tested.
    pub fn judged(&self) -> usize {
        self.judged
    }

    /// Members with at least one FAIL or ERROR.
    pub fn failed(&self) -> usize {
        self.failed
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_run_verdict_is_one_rule() {
        let counts = |outcomes: &[Outcome]| {
            let mut c = Counts::default();
            outcomes.iter().for_each(|o| c.add(*o));
            c
        };
        let (p, f, e, s) = (Outcome::Pass, Outcome::Fail, Outcome::Error, Outcome::Skip);
        // A failed check wins over a run that did not finish.
        assert_eq!(counts(&[p, f, e]).run_verdict(false, false), f);
        assert_eq!(counts(&[p, e]).run_verdict(true, false), e);
        assert_eq!(counts(&[p]).run_verdict(false, false), e);
        // A conclusion (a reader lost and reconnected) is a fault found.
        assert_eq!(counts(&[p, e]).run_verdict(true, true), f);
        assert_eq!(counts(&[p, s]).run_verdict(true, false), p);
        assert_eq!(counts(&[s]).run_verdict(true, false), s);
    }

    use super::*;

    fn row(iface: Interface, outcome: Outcome, family: Option<Family>) -> Attempt {
        Attempt {
            interface: iface,
            outcome,
            family,
            ..Attempt::default()
        }
    }

    #[test]
    fn counts_and_verdicts() {
        let c: Counts = [Outcome::Pass, Outcome::Skip, Outcome::Error]
            .into_iter()
            .collect();
        assert_eq!((c.attempts, c.judged(), c.failures()), (3, 2, 1));
        assert_eq!(c.verdict(), Some(Outcome::Error));
        let c: Counts = [Outcome::Error, Outcome::Fail].into_iter().collect();
        assert_eq!(c.verdict(), Some(Outcome::Fail));
        assert_eq!(Counts::default().verdict(), None);
        assert_eq!(Counts::default().overall(), Outcome::Skip);
        let c: Counts = [Outcome::Pass, Outcome::Pass, Outcome::Fail, Outcome::Skip]
            .into_iter()
            .collect();
        assert_eq!(c.pass_rate().map(|r| r.round()), Some(67.0));
        let mut c = Counts::default();
        c.add_read(None);
        assert_eq!(c.error, 1);
    }

    #[test]
    fn tally_by_interface_and_family() {
        let rows = [
            row(Interface::Swipe, Outcome::Fail, Some(Family::Card)),
            row(Interface::Swipe, Outcome::Pass, None),
            row(Interface::Chip, Outcome::Error, None),
            row(Interface::Network, Outcome::Fail, Some(Family::Bank)),
            row(Interface::Network, Outcome::Fail, Some(Family::Bank)),
        ];
        let t = Tally::of(&rows);
        assert_eq!(t.total.attempts, 5);
        assert_eq!(t[0].fail, 1);
        assert_eq!(t[Interface::Chip].error, 1);
        assert_eq!(t.network.fail, 2);
        assert_eq!(t.families.get("UNKNOWN"), 1);
        assert_eq!(t.dominant_family(), "BANK");
        let mut m = Tally::default();
        m.merge(&t);
        m.merge(&t);
        assert_eq!(
            (m.total.attempts, m.swipe.pass, m.families.get("BANK")),
            (10, 2, 4)
        );
    }

    #[test]
    fn dominant_family_ties_go_to_the_alphabetically_first() {
        let mut f = Families::default();
        assert_eq!(f.dominant(), "");
        f.add("TERM-HW");
        f.add("CARD");
        assert_eq!(f.dominant(), "CARD");
        f.add("TERM-HW");
        assert_eq!(f.dominant(), "TERM-HW");
        f.add(" ");
        assert_eq!(f.get("UNKNOWN"), 1);
    }

    #[test]
    fn read_rows_keep_unknown_spellings() {
        let mut t = Tally::default();
        t.add_read(None, None, "NEWFAMILY");
        t.add_read(Interface::parse("chip"), Outcome::parse("SKIP"), "CARD");
        assert_eq!((t.total.attempts, t.total.error, t.chip.skip), (2, 1, 1));
        assert_eq!(
            t.families.iter().collect::<Vec<_>>(),
            vec![("NEWFAMILY", 1)]
        );
    }

    #[test]
    fn members_tested_and_failed() {
        let mut m: Members<String> = Members::default();
        m.add("a", Some(Outcome::Skip));
        m.add("b", Some(Outcome::Pass));
        m.add("b", Some(Outcome::Fail));
        m.add("c", None);
        assert_eq!((m.len(), m.judged(), m.failed()), (3, 2, 2));
        let mut cards: Members<usize> = Members::default();
        cards.add(&3, Some(Outcome::Pass));
        cards.add(&3, Some(Outcome::Pass));
        assert_eq!((cards.len(), cards.failed()), (1, 0));
    }
}
