//! R1, the reader's link: the reader does not answer, stops answering and does not come back,
//! or is lost and reconnected during the run (diagnosis.md §3, rule R1; §2 row 1).

use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{line_noise, Explained, Rule, Verdict};
use crate::diagnosis::view::{Observation, View};
use crate::i18n::Text;
use crate::model::{Family, Interface, Outcome, Signal};

/// R1 (link).
pub const RULE: Rule = Rule {
    id: "R1",
    about: "the reader does not answer, stops answering, or is lost and reconnected",
    run,
};

fn run(view: &View, _: &Explained) -> Vec<Verdict> {
    let link_errors: Vec<&Observation> = view
        .obs
        .iter()
        .filter(|o| {
            o.outcome == Outcome::Error && matches!(o.signal, Signal::NoReply | Signal::DeviceLost)
        })
        .collect();
    let any_pass_device = view
        .obs
        .iter()
        .any(|o| o.outcome == Outcome::Pass && o.interface != Interface::Network);
    if view.link.gave_up || (!link_errors.is_empty() && !any_pass_device) || went_silent(view) {
        vec![silent(view, &link_errors, any_pass_device)]
    } else if view.link.lost > 0 {
        vec![reconnected(view, &link_errors)]
    } else {
        Vec::new()
    }
}

/// The reader stopped answering near the end: after its last answered device step, every
/// device step the run still tried found it silent (`no_reply`, also after a liveness probe
/// when a prompt timed out), and the run ended without it coming back.
fn went_silent(view: &View) -> bool {
    let device = |o: &&Observation| o.interface != Interface::Network;
    let last_pass = view
        .obs
        .iter()
        .rposition(|o| device(&o) && o.outcome == Outcome::Pass);
    let after = &view.obs[last_pass.map_or(0, |i| i + 1)..];
    let tail: Vec<&Observation> = after.iter().filter(device).collect();
    tail.iter().any(|o| o.signal == Signal::NoReply)
        && tail
            .iter()
            .all(|o| o.outcome != Outcome::Pass && o.signal != Signal::DeviceLost)
}

/// The reader does not answer at all, or stopped answering and did not come back.
fn silent(view: &View, link_errors: &[&Observation], answered_before: bool) -> Verdict {
    let finding = if answered_before {
        Text::tr("diagnosis-link-went-silent-finding")
    } else {
        Text::tr("diagnosis-link-silent-finding")
    };
    let c = Conclusion {
        rule: "R1".into(),
        family: Family::TermHw,
        culprit: Text::tr("diagnosis-link-culprit"),
        finding,
        action: Text::tr("diagnosis-link-silent-action"),
        // On a noisy line the silence is more likely garbled answers: noise comes first.
        confidence: if line_noise::detect(view).noisy {
            Confidence::Medium
        } else {
            Confidence::High
        },
        evidence: evidence(link_errors),
    };
    let explains = link_errors
        .iter()
        .filter_map(|o| o.card.map(|c| (c, o.interface)));
    Verdict::new(c).explaining(explains)
}

/// The reader was lost and came back (the engine repeated the interrupted steps).
fn reconnected(view: &View, link_errors: &[&Observation]) -> Verdict {
    let link = view.link;
    let lost = link.lost.max(link_errors.len() as u32);
    let c = Conclusion {
        rule: "R1".into(),
        family: Family::TermHw,
        culprit: Text::tr("diagnosis-link-lost-culprit"),
        finding: Text::tr_args(
            "diagnosis-link-lost-finding",
            &[
                ("lost", lost.into()),
                ("reconnected", link.reconnected.into()),
            ],
        ),
        action: Text::tr("diagnosis-link-lost-action"),
        confidence: Confidence::Medium,
        evidence: evidence(link_errors),
    };
    Verdict::new(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, healthy};
    use crate::diagnosis::LinkStats;

    #[test]
    fn silent_reader_is_the_link_and_explains_its_cards() {
        let v = healthy(|o| {
            if o.interface != Interface::Network {
                o.outcome = Outcome::Error;
                o.signal = Signal::NoReply;
            }
        });
        let out = apply(RULE, &v, &LinkStats::default(), &Explained::default());
        assert_eq!(out.len(), 1);
        let c = &out[0].conclusion;
        assert_eq!((c.rule.as_str(), c.family), ("R1", Family::TermHw));
        assert_eq!(c.culprit.en, "reader (link)");
        assert_eq!(c.finding.en, "the reader does not answer");
        assert_eq!(c.confidence, Confidence::High);
        assert!(out[0].explains.contains(&(3, Interface::Chip)));
        assert!(!out[0].explains.contains(&(3, Interface::Network)));
    }

    #[test]
    fn gave_up_mid_run_and_lost_then_reconnected() {
        let v = healthy(|_| {});
        let gave_up = LinkStats {
            gave_up: true,
            ..LinkStats::default()
        };
        let out = apply(RULE, &v, &gave_up, &Explained::default());
        assert!(out[0].conclusion.finding.en.contains("stopped answering"));

        let lost = LinkStats {
            lost: 2,
            reconnected: 2,
            ..LinkStats::default()
        };
        let out = apply(RULE, &v, &lost, &Explained::default());
        let c = &out[0].conclusion;
        assert!(c.culprit.en.starts_with("reader connection"));
        assert!(c.finding.en.contains("lost 2 times and reconnected 2"));
        assert_eq!(c.confidence, Confidence::Medium);
        assert!(out[0].explains.is_empty());
    }

    #[test]
    fn a_reader_silent_after_its_last_answer_stopped_answering() {
        // The last card: its swipes time out, and the liveness probe finds the reader silent.
        let v = healthy(|o| {
            if o.card == Some(5) && o.interface != Interface::Network {
                o.outcome = Outcome::Error;
                o.signal = if o.step == "swipe#1" {
                    Signal::NoReply
                } else {
                    Signal::PromptTimeout
                };
            }
        });
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].culprit.en, "reader (link)");
        assert!(c[0].finding.en.contains("stopped answering"));
        // A reader that answered again after a silent moment is not silent.
        let back = healthy(|o| {
            if o.card == Some(2) && o.step == "swipe#1" {
                o.outcome = Outcome::Error;
                o.signal = Signal::NoReply;
            }
        });
        assert!(conclusions(RULE, &back).is_empty());
    }

    #[test]
    fn a_quiet_link_says_nothing() {
        assert!(conclusions(RULE, &healthy(|_| {})).is_empty());
    }
}
