//! Diagnosis: per attempt, observed signal → cause family → action (the signal table,
//! diagnosis.md §2); per terminal, reasoning across cards (rules R1–R9 of diagnosis.md §3).
//!
//! - [`signals`]: the signal table, keyed by [`SignalKind`]; [`classify`].
//! - [`view`]: one terminal's observations grouped by card, interface, bank and scheme, and
//!   the link's statistics.
//! - [`rules`]: one file per rule and the ordered list they run in ([`rules::RULES`]).
//! - [`conclusion`]: what comes out — [`Conclusion`], [`Confidence`].
//! - [`verdict`]: the precedence that orders conclusions and the one verdict every report and
//!   screen shows ([`verdict()`]).
//!
//! docs/diagnosis.md lists the signals and the rules.

pub mod conclusion;
pub mod rules;
pub mod signals;
pub mod verdict;
pub mod view;

pub use conclusion::{Conclusion, Confidence};
pub use rules::{Explained, Rule, Verdict};
pub use signals::{classify, signal_label, Classification, SignalKind, SignalRow, SIGNALS};
pub use verdict::verdict;
pub use view::{LinkStats, Observation, View};

use crate::model::Attempt;
use std::collections::BTreeMap;

/// Rules R1–R9 over one terminal's attempts. Conclusions come in verdict order (the first is
/// the terminal's verdict, [`verdict()`]); an empty list means nothing failed.
pub fn diagnose(obs: &[Observation], link: &LinkStats) -> Vec<Conclusion> {
    rules::run(&View::new(obs, link))
}

/// Groups a run folder's attempts by card label and diagnoses them (for batch and summarize).
/// `is_reference` marks known-good cards by label; rows without a label are run-level.
pub fn diagnose_attempts(rows: &[Attempt], is_reference: impl Fn(&str) -> bool) -> Vec<Conclusion> {
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let obs: Vec<Observation> = rows
        .iter()
        .map(|a| {
            let card = if a.card_label.is_empty() {
                None
            } else {
                let n = index.len();
                Some(*index.entry(a.card_label.clone()).or_insert(n))
            };
            Observation::from_attempt(a, card, is_reference(&a.card_label))
        })
        .collect();
    diagnose(&obs, &LinkStats::default())
}
