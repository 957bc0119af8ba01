//! What a run folder's reports are made from: [`RunReport`] (the run record, the deck, every
//! attempt, the diagnosis), the counts in cards every report shows, and how the run stands at
//! its end ([`Standing`]: passed, failed, or incomplete — which checks did not run).

use super::record::{RunCounts, RunRecord};
use super::summaries::{attempts_of, card_status, Recorded, NOT_TESTED};
use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
use crate::i18n::{tr, tr_args, Lang};
use crate::model::{Interface, Outcome, RunEnd};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Everything a run folder's reports are made from.
#[derive(Clone, Debug, Default)]
pub struct RunReport {
    pub record: RunRecord,
    /// The deck's cards as the run walked them (after dropping interfaces the device lacks).
    pub cards: Vec<CardSummary>,
    /// Per card (deck position), the deck's expectation text per interface.
    pub expected: Vec<BTreeMap<Interface, String>>,
    /// Every attempt recorded, with its card.
    pub recs: Vec<Recorded>,
    pub conclusions: Vec<Conclusion>,
    /// Excel-friendly CSV (BOM, CRLF).
    pub excel: bool,
    /// The run's language (the printable report's).
    pub lang: Lang,
}

/// How a run stands at its end: the one rule behind the exit code (0 / 1 / 2), the console's
/// last line and the printable report's verdict (docs/report-format.md, "A run that did not
/// finish").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Complete, something tested, every expectation met (exit 0).
    Passed,
    /// A check failed or the diagnosis concluded something — also when the run did not finish
    /// (exit 1); or a complete run has a check that could not be judged (ERROR: a prompt timed
    /// out), which counts as failed as everywhere in the reports.
    Failed,
    /// No check failed and nothing was concluded, but not every check ran: the run ended
    /// early, left cards (or interfaces) not tested, or passed no card step (exit 2).
    Incomplete,
}

/// What [`RunReport::write_all`] did.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// The files (re)written, in the folder.
    pub files: Vec<PathBuf>,
    /// Cells refused because they held a card number (`cards.csv row 3 column detail`).
    pub refused: Vec<String>,
}

impl RunReport {
    /// Cards and checks counted the way the summaries count them.
    pub fn counts(&self) -> RunCounts {
        let mut c = RunCounts {
            checks: self.recs.len() as u64,
            checks_failed: self
                .recs
                .iter()
                .filter(|r| r.attempt.outcome.is_bad())
                .count() as u64,
            ..RunCounts::default()
        };
        for card in &self.cards {
            let s = card_status(card, &attempts_of(&self.recs, card.index));
            c.cards_tested += usize::from(s.tested());
            c.cards_failed += usize::from(s.failed());
            c.cards_not_tested += usize::from(s.not_tested());
        }
        c
    }

    /// How the run stands ([`Standing`]).
    pub fn standing(&self) -> Standing {
        let failed = self.conclusions.iter().any(Conclusion::finds_a_fault)
            || self.recs.iter().any(|r| r.attempt.outcome == Outcome::Fail);
        let complete = self.record.end == RunEnd::Complete.code();
        let errors = self
            .recs
            .iter()
            .any(|r| r.attempt.outcome == Outcome::Error);
        if failed || (complete && errors) {
            Standing::Failed
        } else if self.incomplete() {
            Standing::Incomplete
        } else {
            Standing::Passed
        }
    }

    /// Whether not every check ran: the run ended early (or is still running), a card (or
    /// one of its interfaces) is `NOT TESTED`, or no card step passed.
    pub fn incomplete(&self) -> bool {
        let tested = self
            .recs
            .iter()
            .any(|r| r.card.is_some() && r.attempt.outcome == Outcome::Pass);
        self.record.end != RunEnd::Complete.code() || !tested || self.counts().cards_not_tested > 0
    }

    /// Why the run is incomplete, in `lang`: how it ended when it ended early, else that no
    /// card step passed, else that cards were left not tested.
    pub fn incomplete_why(&self, lang: Lang) -> String {
        if self.record.end != RunEnd::Complete.code() {
            return end_words(&self.record.end, lang);
        }
        let tested = self
            .recs
            .iter()
            .any(|r| r.card.is_some() && r.attempt.outcome == Outcome::Pass);
        if tested {
            tr(lang, "report-incomplete-cards").into_owned()
        } else {
            tr(lang, "run-nothing-tested").into_owned()
        }
    }

    /// The checks that did not run, in `lang`: each card the run did not reach (or reached
    /// only in part) with the interfaces it left (`card 4 (ABC debit): swipe, chip`).
    pub fn not_tested(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        for card in &self.cards {
            let s = card_status(card, &attempts_of(&self.recs, card.index));
            if !s.not_tested() {
                continue;
            }
            let ifaces: Vec<&str> = Interface::ALL
                .into_iter()
                .zip(s.cells)
                .filter(|(_, c)| *c == Some(NOT_TESTED))
                .map(|(i, _)| i.name(lang))
                .collect();
            let who = tr_args(
                lang,
                "diagnosis-evidence-card",
                &[
                    ("card_no", (card.index + 1).into()),
                    ("label", card.label.get(lang).into()),
                ],
            );
            out.push(if ifaces.is_empty() {
                who.into_owned()
            } else {
                match lang {
                    Lang::En => format!("{who}: {}", ifaces.join(", ")),
                    _ => format!("{who}：{}", ifaces.join("、")),
                }
            });
        }
        out
    }

    /// Marks the run ended (`run.toml`'s end state and time).
    pub fn end(&mut self, end: &RunEnd) {
        self.record.ended(end);
    }
}

/// `run.toml`'s end code in words ([`RunEnd::code_words`]).
pub fn end_words(code: &str, lang: Lang) -> String {
    RunEnd::code_words(code, lang)
}
