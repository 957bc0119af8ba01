//! What the diagnosis says about one terminal: conclusions (rule, family, culprit, finding,
//! action, confidence, evidence) and how sure each one is.

use crate::diagnosis::view::Observation;
use crate::i18n::{tr_args, Arg, Lang, Text};
use crate::model::Family;
use serde::Serialize;

/// How sure a conclusion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    /// Reads the CSV spelling back.
    pub fn parse(s: &str) -> Option<Confidence> {
        match s.trim() {
            "low" => Some(Confidence::Low),
            "medium" => Some(Confidence::Medium),
            "high" => Some(Confidence::High),
            _ => None,
        }
    }

    /// The CSV spelling (`low`, `medium`, `high`).
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// The confidence in `lang` (catalogue `diagnosis-confidence-*`); files keep the code
    /// ([`Confidence::as_str`]).
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Confidence::Low => crate::i18n::tr_static(lang, "diagnosis-confidence-low"),
            Confidence::Medium => crate::i18n::tr_static(lang, "diagnosis-confidence-medium"),
            Confidence::High => crate::i18n::tr_static(lang, "diagnosis-confidence-high"),
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
    /// The attempts behind it, as short references in both languages (`card 3 swipe#2: E5
    /// blank track 2`); the last may be [`evidence_more`].
    pub evidence: Vec<Text>,
}

impl Conclusion {
    /// Whether the conclusion places the fault in the terminal, its link or the bank (shown
    /// before card-level conclusions).
    pub fn is_terminal_level(&self) -> bool {
        matches!(
            self.family,
            Family::TermHw | Family::TermSw | Family::Net | Family::Bank
        )
    }

    /// The one row of a run that could not start (a device that cannot be opened, a host
    /// that cannot be set up): rule `R0`, family UNKNOWN — nothing was tested, so nothing is
    /// blamed — with `why` as the engine said it.
    pub fn could_not_run(why: &Text) -> Conclusion {
        Conclusion {
            rule: COULD_NOT_RUN_RULE.into(),
            family: Family::Unknown,
            culprit: Text::tr("diagnosis-could-not-run-culprit"),
            finding: Text::tr_each("diagnosis-could-not-run-finding", |lang| {
                vec![("why", why.get(lang).into())]
            }),
            action: Text::tr("diagnosis-could-not-run-action"),
            confidence: Confidence::High,
            evidence: Vec::new(),
        }
    }

    /// Whether this row says where a fault is: every row but [`Conclusion::could_not_run`]'s,
    /// which only says that nothing was tested. A run with only that row is incomplete, not
    /// failed.
    pub fn finds_a_fault(&self) -> bool {
        self.rule != COULD_NOT_RUN_RULE
    }
}

/// The rule of [`Conclusion::could_not_run`]'s row (docs/report-format.md).
const COULD_NOT_RUN_RULE: &str = "R0";

/// How many attempts a conclusion's evidence lists before "… and N more".
pub const MAX_EVIDENCE: usize = 12;

/// The evidence list of a conclusion: at most [`MAX_EVIDENCE`] attempts, then "… and N more".
pub fn evidence(obs: &[&Observation]) -> Vec<Text> {
    const MAX: usize = MAX_EVIDENCE;
    let mut v: Vec<Text> = obs.iter().take(MAX).map(|o| o.evidence()).collect();
    if obs.len() > MAX {
        v.push(evidence_more(obs.len() - MAX));
    }
    v
}

/// The last evidence entry when some were left out: "… and N more".
pub fn evidence_more(n: usize) -> Text {
    Text::tr_args("diagnosis-evidence-more", &[("count", Arg::from(n))])
}

/// How many entries an [`evidence_more`] entry stands for; `None` for an attempt's reference.
pub fn evidence_more_count(e: &Text) -> Option<usize> {
    let rest = e.en.strip_prefix("… and ")?;
    rest.strip_suffix(" more")?.parse().ok()
}

/// A catalogue message in both languages whose arguments differ by language (a bank's or a
/// card's name in English and in Chinese): `args` is asked once per language.
pub fn tr_each<'a>(id: &str, args: impl Fn(Lang) -> Vec<(&'static str, Arg<'a>)>) -> Text {
    Text::new(
        tr_args(Lang::En, id, &args(Lang::En)),
        tr_args(Lang::ZhCn, id, &args(Lang::ZhCn)),
    )
}
