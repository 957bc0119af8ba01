//! What a run folder's reports are made from: [`RunReport`] (the run record, the deck, every
//! attempt, the diagnosis) and the counts in cards every report shows.

use super::record::{RunCounts, RunRecord};
use super::summaries::{attempts_of, card_status, Recorded};
use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
use crate::i18n::Lang;
use crate::model::{Interface, RunEnd};
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

    /// Marks the run ended (`run.toml`'s end state and time).
    pub fn end(&mut self, end: &RunEnd) {
        self.record.ended(end);
    }
}
