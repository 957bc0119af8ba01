//! What is left, card by card: a card whose failures no terminal-level rule explained gets one
//! verdict, placed by the signal that dominates its failures — the card (R2), the account
//! (R9), the swipe or insertion technique (R7), the issuer's policy (R4), or, for a software
//! answer on one card only, the card's product (R2) or the terminal (R8, low) (diagnosis.md §3).
//! Runs last: it reads what every rule before it explained.

use crate::codec::iso8583::rc;
use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{most_common, Explained, Rule, Verdict};
use crate::diagnosis::signals::{classify, unknown, Classification, SignalKind};
use crate::diagnosis::view::{CardView, Observation, Status, View};
use crate::i18n::{Lang, Text};
use crate::model::{Family, Interface, Signal};

/// R2 / R9 / R7, issuer policy (R4) and a software answer on one card (R8, low).
pub const RULE: Rule = Rule {
    id: "R2/R9/R7/R4/R8",
    about: "a card's unexplained failures: the card, its account, technique or its issuer's policy",
    run,
};

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    view.cards
        .iter()
        .filter_map(|(i, c)| judge(view, *i, c, explained))
        .collect()
}

/// A card's failures that no earlier rule explained.
struct Failing<'a> {
    /// Interfaces that fail or are flaky, in checklist order.
    ifs: Vec<Interface>,
    /// Their failed attempts.
    ev: Vec<&'a Observation>,
    /// Every failing interface is flaky (some attempts passed).
    flaky_only: bool,
    /// The failed attempts were read on a motorised reader.
    motorised: bool,
}

fn failing<'a>(view: &View, i: usize, c: &CardView<'a>, explained: &Explained) -> Failing<'a> {
    let mut f = Failing {
        ifs: Vec::new(),
        ev: Vec::new(),
        flaky_only: true,
        motorised: false,
    };
    for iface in Interface::ALL {
        if explained.contains(i, iface) {
            continue;
        }
        let open = |o: &Observation| !(o.failed() && explained.covers(view, o));
        let st = c.status_where(iface, open);
        if matches!(st, Status::Fail | Status::Flaky) {
            f.ifs.push(iface);
            f.ev.extend(c.failures(iface).into_iter().filter(|o| open(o)));
            if st == Status::Fail {
                f.flaky_only = false;
            }
        }
    }
    f.motorised = f.ev.iter().any(|o| o.motorised);
    f
}

/// The classification of the signal that dominates a card's failures; a declining response
/// code counts as `rc` whatever the signal.
fn dominant(ev: &[&Observation]) -> Classification {
    // A rejected ARQC carries RC 59 but is the card's cryptogram, not the account.
    let declines = |o: &Observation| {
        !o.rc.is_empty() && !rc::is_approved(&o.rc) && o.signal != Signal::ArqcRejected
    };
    let kind = |o: &Observation| {
        if declines(o) {
            SignalKind::Rc
        } else {
            SignalKind::of(&o.signal)
        }
    };
    let Some(dom) = most_common(ev.iter().map(|o| kind(o)), SignalKind::code) else {
        return unknown("");
    };
    let is_rc = dom == SignalKind::Rc;
    let first = ev
        .iter()
        .find(|o| (is_rc && !o.rc.is_empty()) || SignalKind::of(&o.signal) == dom);
    match first {
        Some(o) if is_rc => classify(&Signal::rc(&o.rc)),
        Some(o) => classify(&o.signal),
        None => unknown(""),
    }
}

/// Where a card's verdict places the fault.
struct Placement {
    rule: &'static str,
    family: Family,
    culprit: Text,
    confidence: Confidence,
}

fn place(i: usize, c: &CardView, cls: &Classification, f: &Failing) -> Placement {
    let tested_ifs = Interface::ALL
        .iter()
        .filter(|x| c.tested(**x) && **x != Interface::Network)
        .count();
    let device_ifs_failing = f.ifs.iter().filter(|x| **x != Interface::Network).count();
    let (n, label) = (i + 1, &c.label);
    let named = |id: &str| {
        Text::tr_each(id, |lang| {
            vec![("card_no", n.into()), ("label", label.get(lang).into())]
        })
    };
    let card = named("diagnosis-card-culprit");
    let at = |rule, family, culprit, confidence| Placement {
        rule,
        family,
        culprit,
        confidence,
    };
    match cls.family {
        Family::Acct => at(
            "R9",
            Family::Acct,
            named("diagnosis-card-account-culprit"),
            Confidence::High,
        ),
        Family::Bank => at(
            "R4",
            Family::Bank,
            super::bank_policy::issuer_policy(&c.bank_text),
            Confidence::Medium,
        ),
        // On a motorised reader the motor moves the card (docs/devices.md): a stripe that reads
        // only sometimes is the card's (or, across cards, the head's: rule 1), never the
        // operator's speed or direction.
        Family::Tech | Family::TermHw | Family::Unknown if f.flaky_only && f.motorised => {
            at("R2", Family::Card, card, Confidence::Low)
        }
        Family::Tech if f.flaky_only => at("R7", Family::Tech, technique(&f.ifs), Confidence::Low),
        Family::Tech | Family::Card | Family::TermHw | Family::Unknown
            if !f.flaky_only || cls.family == Family::Card =>
        {
            let confidence = if c.reference {
                Confidence::Low
            } else if device_ifs_failing >= tested_ifs.max(1) && !f.flaky_only {
                Confidence::High
            } else {
                Confidence::Medium
            };
            at("R2", Family::Card, card, confidence)
        }
        Family::Tech | Family::TermHw | Family::Unknown | Family::Card => {
            at("R7", Family::Tech, technique(&f.ifs), Confidence::Low)
        }
        // One card with a software-class answer while every other card passes: the card's
        // product (R8 would have caught a terminal-wide pattern).
        Family::TermSw | Family::Net if cls.alt == Some(Family::Card) => {
            at("R2", Family::Card, card, Confidence::Medium)
        }
        Family::TermSw | Family::Net => at(
            "R8",
            cls.family,
            Text::tr_each("diagnosis-card-terminal-culprit", |lang| {
                vec![
                    ("family", cls.family.name(lang).into()),
                    ("card_no", n.into()),
                ]
            }),
            Confidence::Low,
        ),
    }
}

/// "swipe technique" / "card insertion" for the interfaces that fail intermittently.
fn technique(ifs: &[Interface]) -> Text {
    if ifs.contains(&Interface::Swipe) {
        Text::tr("diagnosis-card-swipe-technique")
    } else {
        Text::tr("diagnosis-card-insert-technique")
    }
}

fn judge(view: &View, i: usize, c: &CardView, explained: &Explained) -> Option<Verdict> {
    let f = failing(view, i, c, explained);
    if f.ifs.is_empty() {
        return None;
    }
    let cls = dominant(&f.ev);
    let p = place(i, c, &cls, &f);
    // The interfaces keep their CSV spelling in English, as the English finding always had.
    let ifs = |lang| match lang {
        Lang::En => f
            .ifs
            .iter()
            .map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        Lang::ZhCn => f
            .ifs
            .iter()
            .map(|x| x.name(lang))
            .collect::<Vec<_>>()
            .join("、"),
    };
    let note = if c.reference && p.family == Family::Card {
        "self"
    } else if p.family == Family::Card && p.confidence != Confidence::High {
        "passes"
    } else {
        "none"
    };
    let (n, label) = (i + 1, &c.label);
    let finding = Text::tr_each("diagnosis-card-finding", |lang| {
        vec![
            ("card_no", n.into()),
            ("label", label.get(lang).into()),
            ("interfaces", ifs(lang).into()),
            ("meaning", cls.meaning.get(lang).into()),
            ("note", note.into()),
        ]
    });
    let conclusion = Conclusion {
        rule: p.rule.into(),
        family: p.family,
        culprit: p.culprit,
        finding,
        action: cls.action,
        confidence: p.confidence,
        evidence: evidence(&f.ev),
    };
    Some(Verdict::new(conclusion).explaining(f.ifs.iter().map(|x| (i, *x))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, fail, healthy};
    use crate::diagnosis::LinkStats;

    fn on_card(card: usize, step: &'static str, signal: &'static str) -> Vec<Conclusion> {
        conclusions(
            RULE,
            &healthy(|o| {
                if o.card == Some(card) && o.step.starts_with(step) {
                    fail(o, signal);
                }
            }),
        )
    }

    #[test]
    fn a_card_failing_every_device_interface_is_the_card() {
        let v = healthy(|o| match (o.card, o.interface) {
            (Some(3), Interface::Swipe) => fail(o, "t2:blank"),
            (Some(3), Interface::Chip) => fail(o, "mute"),
            _ => {}
        });
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].rule.as_str(), c[0].family), ("R2", Family::Card));
        assert_eq!(c[0].culprit.en, "card 4 (card3)");
        assert_eq!(
            c[0].finding.en,
            "card 4 (card3) fails swipe, chip: track reads blank"
        );
        assert_eq!(c[0].confidence, Confidence::High);
    }

    #[test]
    fn account_policy_and_software_answers_on_one_card() {
        let acct = on_card(2, "auth", "rc:62");
        assert_eq!(
            (acct[0].rule.as_str(), acct[0].family),
            ("R9", Family::Acct)
        );
        assert_eq!(acct[0].culprit.en, "account of card 3 (card2)");

        let policy = on_card(2, "auth", "rc:05");
        assert_eq!(
            (policy[0].rule.as_str(), policy[0].family),
            ("R4", Family::Bank)
        );
        assert_eq!(policy[0].culprit.en, "CCB (issuer policy)");

        let product = on_card(2, "select", "sw6985");
        assert_eq!(
            (product[0].rule.as_str(), product[0].family),
            ("R2", Family::Card)
        );
        assert!(product[0]
            .finding
            .en
            .ends_with("; the reference card passes"));

        let terminal = on_card(2, "select", "tvr_oda");
        assert_eq!(
            (terminal[0].rule.as_str(), terminal[0].family),
            ("R8", Family::TermSw)
        );
        assert_eq!(terminal[0].confidence, Confidence::Low);
    }

    /// Issue 13: on a motorised reader (CRT-310, CRT-591) the motor sets the card speed, so an
    /// intermittent stripe is the card's, never the operator's technique.
    #[test]
    fn intermittent_swipe_errors_on_a_motorised_reader_are_the_card() {
        let v = healthy(|o| {
            o.motorised = true;
            if o.card == Some(3) && o.step.starts_with("swipe#2") {
                fail(o, "t1:no_end_sentinel");
            }
        });
        let c = conclusions(RULE, &v);
        assert_eq!((c[0].rule.as_str(), c[0].family), ("R2", Family::Card));
        assert_eq!(c[0].confidence, Confidence::Low);
        assert!(c.iter().all(|c| c.family != Family::Tech), "{c:?}");
    }

    #[test]
    fn intermittent_swipe_errors_are_technique() {
        let c = on_card(3, "swipe#2", "t1:no_end_sentinel");
        assert_eq!((c[0].rule.as_str(), c[0].family), ("R7", Family::Tech));
        assert_eq!(c[0].culprit.en, "swipe technique");
        assert_eq!(c[0].confidence, Confidence::Low);
    }

    #[test]
    fn the_reference_card_failing_alone_is_low_and_says_so() {
        let c = on_card(0, "atr", "mute");
        assert_eq!(
            (c[0].rule.as_str(), c[0].confidence),
            ("R2", Confidence::Low)
        );
        assert!(c[0]
            .finding
            .en
            .ends_with(" — the reference card itself: check it on a second terminal"));
    }

    #[test]
    fn what_an_earlier_rule_explained_is_not_blamed_on_the_card() {
        let v = healthy(|o| {
            if o.card == Some(3) && o.step == "atr" {
                fail(o, "mute");
            }
        });
        let explained = Explained::of_pairs([(3, Interface::Chip)]);
        assert!(apply(RULE, &v, &LinkStats::default(), &explained).is_empty());
    }

    #[test]
    fn a_declining_rc_dominates_whatever_the_signal() {
        let v = healthy(|o| {
            if o.card == Some(1) && o.interface == Interface::Network {
                fail(o, "host_error");
                o.rc = "51".into();
            }
        });
        let c = conclusions(RULE, &v);
        assert_eq!(c[0].rule, "R9");
        assert!(c[0].finding.en.contains("response code 51"));
    }
}
