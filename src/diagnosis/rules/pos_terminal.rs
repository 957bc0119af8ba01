//! P1, a whole POS terminal (`pos8583`, docs/pos.md): what the host saw of the terminal's
//! messages places the fault in the terminal's hardware or software. Keys refused after the
//! case was opened (tamper erase) → TERM-HW, re-inject keys; the other MAC algorithm or a
//! missing CA public key → TERM-SW; every chip card as fallback → TERM-HW chip reader; wrong
//! PIN digits on every card → TERM-HW keypad; reversal 96 after approvals → TERM-HW printer;
//! stale kernel, ignored downloads, no reversal, STAN reuse, unbalanced totals, old software
//! → TERM-SW. One card's failure (its ODA while the others pass) is left to the card rule, and
//! one bank's response code to the bank rules.

use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::signals::classify;
use crate::diagnosis::view::{Observation, View};
use crate::i18n::{Arg, Text};
use crate::model::{Family, Interface, ReversalReason, Signal};
use std::collections::BTreeSet;

/// P1.
pub const RULE: Rule = Rule {
    id: "P1",
    about: "a POS terminal's keys, MAC, reader, keypad, printer, kernel, downloads, counters",
    run,
};

/// How many hits a finding needs.
#[derive(Clone, Copy)]
enum Needs {
    /// One is enough (a terminal row, or a fault no card can cause).
    One,
    /// Two cards or more (one card alone is the card's or the operator's).
    TwoCards,
    /// Every card tested on the interface (two or more); cards a bank declined are left out.
    Every(Interface),
}

/// One finding: its catalogue name (`pos-culprit-NAME`, `pos-finding-NAME`), family, the
/// signals that make it, how many it needs, and the signals it also explains (their
/// consequences).
struct Finding {
    name: &'static str,
    family: Family,
    signals: &'static [Signal],
    needs: Needs,
    also: &'static [Signal],
}

const INCOMPLETE: Signal = Signal::Reversal(ReversalReason::Incomplete);
const MAC_FAILED: Signal = Signal::Reversal(ReversalReason::MacFailed);

const FINDINGS: &[Finding] = &[
    Finding {
        name: "master-key",
        family: Family::TermHw,
        signals: &[Signal::KeysRejected],
        needs: Needs::One,
        also: &[
            Signal::DownloadsIgnored,
            Signal::PosNoMessage,
            Signal::Unbalanced,
        ],
    },
    Finding {
        name: "mac-algorithm",
        family: Family::TermSw,
        signals: &[Signal::MacAlgorithm],
        needs: Needs::One,
        also: &[MAC_FAILED, Signal::Unbalanced, Signal::UploadMismatch],
    },
    Finding {
        name: "mac-keys",
        family: Family::TermSw,
        signals: &[Signal::MacInvalid, Signal::NotSignedOn],
        needs: Needs::One,
        also: &[MAC_FAILED, Signal::Unbalanced, Signal::UploadMismatch],
    },
    Finding {
        name: "chip-reader",
        family: Family::TermHw,
        signals: &[Signal::EntryFallback],
        needs: Needs::Every(Interface::Chip),
        also: &[],
    },
    Finding {
        name: "read-head",
        family: Family::TermHw,
        signals: &[Signal::PosReadError],
        needs: Needs::Every(Interface::Swipe),
        also: &[],
    },
    Finding {
        name: "keypad",
        family: Family::TermHw,
        signals: &[Signal::PinWrong],
        needs: Needs::TwoCards,
        also: &[Signal::Unbalanced],
    },
    Finding {
        name: "printer",
        family: Family::TermHw,
        signals: &[INCOMPLETE],
        needs: Needs::One,
        also: &[Signal::Unbalanced],
    },
    Finding {
        name: "kernel",
        family: Family::TermSw,
        signals: &[Signal::KernelVersion],
        needs: Needs::Every(Interface::Chip),
        also: &[Signal::TvrVersion],
    },
    Finding {
        name: "ca-key",
        family: Family::TermSw,
        signals: &[Signal::TvrOda],
        needs: Needs::Every(Interface::Chip),
        also: &[],
    },
    Finding {
        name: "downloads",
        family: Family::TermSw,
        signals: &[Signal::DownloadsIgnored],
        needs: Needs::One,
        also: &[],
    },
    Finding {
        name: "reversal",
        family: Family::TermSw,
        signals: &[Signal::NoReversal],
        needs: Needs::One,
        also: &[],
    },
    Finding {
        name: "stan",
        family: Family::TermSw,
        signals: &[Signal::StanReuse],
        needs: Needs::One,
        also: &[Signal::Unbalanced, Signal::UploadMismatch],
    },
    Finding {
        name: "totals",
        family: Family::TermSw,
        signals: &[Signal::Unbalanced, Signal::UploadMismatch],
        needs: Needs::One,
        also: &[],
    },
    Finding {
        name: "software",
        family: Family::TermSw,
        signals: &[Signal::SoftwareVersion],
        needs: Needs::One,
        also: &[],
    },
];

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    let mut done: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for f in FINDINGS {
        let hits: Vec<&Observation> = view
            .obs
            .iter()
            .filter(|o| o.failed() && f.signals.contains(&o.signal))
            .filter(|o| !explained.covers(view, o))
            .filter(|o| view.index_of(o).is_some_and(|i| !done.contains(&i)))
            .collect();
        if hits.is_empty() || !enough(view, f, &hits) {
            continue;
        }
        let also: Vec<&Observation> = view
            .obs
            .iter()
            .filter(|o| o.failed() && f.also.contains(&o.signal))
            .filter(|o| view.index_of(o).is_some_and(|i| !done.contains(&i)))
            .collect();
        let mut all = hits.clone();
        all.extend(also);
        done.extend(all.iter().filter_map(|o| view.index_of(o)));
        out.push(verdict(view, f, &hits, &all));
    }
    out
}

/// Whether the hits make the finding (see [`Needs`]).
fn enough(view: &View, f: &Finding, hits: &[&Observation]) -> bool {
    let hit: BTreeSet<usize> = hits.iter().filter_map(|o| o.card).collect();
    match f.needs {
        Needs::One => true,
        Needs::TwoCards => hit.len() >= 2,
        Needs::Every(iface) => {
            let tested: BTreeSet<usize> = view
                .tested_on(iface)
                .into_iter()
                .filter(|i| {
                    !view
                        .card(*i)
                        .failures(iface)
                        .iter()
                        .any(|o| o.signal.rc_code().is_some())
                })
                .collect();
            tested.len() >= 2 && tested.iter().all(|c| hit.contains(c))
        }
    }
}

fn verdict(view: &View, f: &Finding, hits: &[&Observation], all: &[&Observation]) -> Verdict {
    let cards: BTreeSet<usize> = hits.iter().filter_map(|o| o.card).collect();
    let n = if cards.is_empty() {
        hits.len()
    } else {
        cards.len()
    };
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let args: [(&str, Arg<'_>); 1] = [("count", n.into())];
    let c = Conclusion {
        rule: "P1".into(),
        family: f.family,
        culprit: Text::tr(&format!("pos-culprit-{}", f.name)),
        finding: Text::tr_args(&format!("pos-finding-{}", f.name), &args),
        action: classify(&hits[0].signal).action,
        confidence: Confidence::High,
        evidence: evidence(hits),
    };
    let pairs: Vec<(usize, Interface)> = all
        .iter()
        .filter_map(|o| o.card.map(|c| (c, o.interface)))
        .collect();
    Verdict::new(c)
        .explaining(pairs)
        .explaining_obs(view, all.iter().copied())
}

/// The catalogue names of the findings (a test checks every id exists).
pub fn finding_names() -> Vec<&'static str> {
    FINDINGS.iter().map(|f| f.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::conclusions;
    use crate::i18n::Lang;
    use crate::model::Outcome;

    fn obs(card: Option<usize>, iface: Interface, step: &str, signal: Signal) -> Observation {
        Observation {
            card,
            label: Text::same(format!("card {card:?}")),
            reference: card == Some(0),
            bank: "ICBC".into(),
            bank_text: Text::same("ICBC"),
            scheme: "UnionPay".into(),
            interface: iface,
            step: step.into(),
            outcome: if signal == Signal::Ok {
                Outcome::Pass
            } else {
                Outcome::Fail
            },
            signal,
            rc: String::new(),
            tracks: 2,
            motorised: false,
        }
    }

    fn sales(swipe: Signal, chip: Signal) -> Vec<Observation> {
        (0..3)
            .flat_map(|i| {
                [
                    obs(Some(i), Interface::Swipe, "sale", swipe.clone()),
                    obs(Some(i), Interface::Chip, "sale", chip.clone()),
                ]
            })
            .collect()
    }

    #[test]
    fn fallback_on_every_chip_card_is_the_chip_reader() {
        let c = conclusions(RULE, &sales(Signal::Ok, Signal::EntryFallback));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].family, Family::TermHw);
        assert_eq!(c[0].culprit.get(Lang::En), "chip reader (IC contacts)");
    }

    #[test]
    fn one_card_alone_is_left_to_the_card_rule() {
        let mut v = sales(Signal::Ok, Signal::Ok);
        v[1] = obs(Some(0), Interface::Chip, "sale", Signal::TvrOda);
        assert!(conclusions(RULE, &v).is_empty());
    }

    #[test]
    fn keys_refused_once_explains_the_rest() {
        let mut v = sales(Signal::KeysRejected, Signal::KeysRejected);
        v.push(obs(
            None,
            Interface::Network,
            "sign-on",
            Signal::KeysRejected,
        ));
        v.push(obs(
            None,
            Interface::Network,
            "downloads",
            Signal::DownloadsIgnored,
        ));
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].family, Family::TermHw);
        assert!(c[0].action.get(Lang::En).contains("re-inject"));
    }

    #[test]
    fn every_finding_has_its_messages() {
        for n in finding_names() {
            for lang in [Lang::En, Lang::ZhCn] {
                let id = format!("pos-culprit-{n}");
                assert_ne!(crate::i18n::tr(lang, &id), id.as_str());
                let id = format!("pos-finding-{n}");
                assert_ne!(crate::i18n::tr(lang, &id), id.as_str());
            }
        }
    }
}
