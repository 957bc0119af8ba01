//! Diagnosis: per attempt, observed signal → cause family → action (a table kept as data,
//! from diagnosis.md §2); per terminal, reasoning across cards (rules R1–R9 of diagnosis.md §3).

use crate::family::Family;
use crate::i18n::Text;
use serde::Serialize;

/// How sure a conclusion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// One verdict about one terminal: where the fault is, why, and what to do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conclusion {
    /// Rule that fired (`R2`, `R4`, …).
    pub rule: String,
    pub family: Family,
    /// What is at fault: a card label, a bank, "swipe head", "AID list"…
    pub culprit: Text,
    /// One sentence: the finding.
    pub finding: Text,
    /// What to do next.
    pub action: Text,
    pub confidence: Confidence,
    /// The attempts behind it, as short references (`card 3 swipe#2: E5 blank track 2`).
    pub evidence: Vec<String>,
}
