//! R3, terminal hardware: on one device interface, at least half the cards (two or more) fail
//! with hardware-like signals at the same place — a track of the swipe head, the chip
//! contacts — or the reference card and another card do (diagnosis.md §3, rule R3; §2 rows 5,
//! 13, 25). On a noisy line the reader is not judged: the line explains its errors.

use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{line_noise, most_common, Explained, Rule, Verdict};
use crate::diagnosis::signals::classify;
use crate::diagnosis::view::{Observation, Status, View};
use crate::i18n::{Lang, Text};
use crate::model::{Family, Interface, Signal};
use std::collections::{BTreeMap, BTreeSet};

/// R3.
pub const RULE: Rule = Rule {
    id: "R3",
    about:
        "most cards (or the reference card and another) fail one place with hardware-like errors",
    run,
};

/// Where on the terminal a hardware-like failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Locus {
    /// The swipe head, no track named.
    Head,
    /// One track of the swipe head.
    Track(u8),
    /// The chip contacts.
    Contacts,
}

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    // On a noisy line neither the head nor the contacts are judged: the line explains errors
    // of both.
    if line_noise::detect(view).noisy {
        return Vec::new();
    }
    let mut out = Vec::new();
    for iface in [Interface::Swipe, Interface::Chip] {
        let tested = view.tested_on(iface);
        for (locus, hits) in by_locus(view, explained, iface, &tested) {
            let among = carriers(view, locus, &tested);
            out.extend(judge(view, iface, &among, locus, &hits));
        }
    }
    out
}

/// Hardware-like failures of the tested cards on `iface`, by locus; failures an earlier rule
/// explained (a reader that stopped answering) are not the head's or the contacts'.
fn by_locus<'a>(
    view: &View<'a>,
    explained: &Explained,
    iface: Interface,
    tested: &[usize],
) -> BTreeMap<Locus, Vec<(usize, &'a Observation)>> {
    let mut by_locus: BTreeMap<Locus, Vec<(usize, &Observation)>> = BTreeMap::new();
    for &i in tested {
        for o in view.card(i).failures(iface) {
            if !classify(&o.signal).hardware_like || explained.covers(view, o) {
                continue;
            }
            let locus = match (iface, o.signal.track_no()) {
                (Interface::Swipe, Some(n)) => Locus::Track(n),
                (Interface::Swipe, None) => Locus::Head,
                _ => Locus::Contacts,
            };
            by_locus.entry(locus).or_default().push((i, o));
        }
    }
    by_locus
}

/// The denominator of a locus: the tested cards that carry the track (a card without track 3
/// cannot fail it); every tested card for the head as a whole and the contacts. A card whose
/// tracks are not known counts.
fn carriers(view: &View, locus: Locus, tested: &[usize]) -> Vec<usize> {
    match locus {
        Locus::Track(n) => tested
            .iter()
            .copied()
            .filter(|i| view.card(*i).carries(n) != Some(false))
            .collect(),
        Locus::Head | Locus::Contacts => tested.to_vec(),
    }
}

/// The verdict on one locus, when enough of the cards that could fail there do.
fn judge(
    view: &View,
    iface: Interface,
    tested: &[usize],
    locus: Locus,
    hits: &[(usize, &Observation)],
) -> Option<Verdict> {
    let hit_cards: BTreeSet<usize> = hits.iter().map(|(i, _)| *i).collect();
    let ref_hit = hit_cards.iter().any(|i| view.card(*i).reference);
    let need = if tested.len() >= 4 {
        tested.len().div_ceil(2)
    } else {
        tested.len()
    };
    let every = hit_cards.len() == tested.len();
    // One card alone is R2's business, even when it is the reference card and the others
    // pass: then it is the reference card that is bad... unless it is the only card tested.
    let others_hit = hit_cards
        .iter()
        .filter(|i| !view.card(**i).reference)
        .count();
    if !(hit_cards.len() >= need.max(2)
        || (ref_hit && others_hit >= 1)
        || (every && tested.len() == 1))
    {
        return None;
    }
    let all_fail = hit_cards
        .iter()
        .all(|i| view.card(*i).status(iface) == Status::Fail);
    let confidence = if every && all_fail {
        Confidence::High
    } else if every || hit_cards.len() * 4 >= tested.len() * 3 {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    let (culprit, action) = place(iface, locus);
    let sig = most_common(hits.iter().map(|(_, o)| o.signal.clone()), Signal::code)
        .map(|s| s.code())
        .unwrap_or_default();
    let (n, of) = (hit_cards.len(), tested.len());
    let finding = Text::tr_each("diagnosis-hardware-finding", |lang| {
        let iface_name = match lang {
            Lang::En => iface.as_str(),
            Lang::ZhCn => iface.name(lang),
        };
        vec![
            ("failed", n.into()),
            ("cards", of.into()),
            ("interface", iface_name.into()),
            // The code in English (the CSV's words), the signal table's words in Chinese.
            (
                "signal",
                crate::diagnosis::signal_label(&Signal::parse(&sig), lang).into(),
            ),
            ("reference", if ref_hit { "yes" } else { "no" }.into()),
        ]
    });
    let obs: Vec<&Observation> = hits.iter().map(|(_, o)| *o).collect();
    let c = Conclusion {
        rule: "R3".into(),
        family: Family::TermHw,
        culprit,
        finding,
        action,
        confidence,
        evidence: evidence(&obs),
    };
    // On the swipe the errors at this locus are explained, not the rest of those swipes: an
    // expired date read from another track is still the card's. Contacts that fail end the
    // card's chip flow: its chip interface is explained whole.
    let v = Verdict::new(c);
    Some(match iface {
        Interface::Swipe => v.explaining_obs(view, obs),
        _ => v.explaining(hit_cards.into_iter().map(|i| (i, iface))),
    })
}

/// Culprit and action for a failing locus.
fn place(iface: Interface, locus: Locus) -> (Text, Text) {
    match iface {
        Interface::Swipe => (
            // Track 0 names the head as a whole (the catalogue's select).
            Text::tr_args(
                "diagnosis-head-culprit",
                &[(
                    "track",
                    match locus {
                        Locus::Track(n) => n,
                        _ => 0,
                    }
                    .into(),
                )],
            ),
            Text::tr("diagnosis-head-action"),
        ),
        _ => (
            Text::tr("diagnosis-contacts-culprit"),
            Text::tr("diagnosis-contacts-action"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, fail, healthy};
    use crate::diagnosis::LinkStats;

    #[test]
    fn every_card_blank_on_one_track_is_the_head() {
        let v = healthy(|o| {
            if o.interface == Interface::Swipe {
                fail(o, "t1:blank");
            }
        });
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].culprit.en, "magnetic head (track 1)");
        assert_eq!(c[0].culprit.zh, "磁头（第 1 磁道）");
        assert_eq!(
            c[0].finding.en,
            "6 of 6 cards fail swipe with hardware-like errors (t1:blank), the reference card too"
        );
        // Chinese says the signal in words, not its code (issue 17).
        assert!(!c[0].finding.zh.contains("t1:blank"), "{}", c[0].finding.zh);
        assert!(
            c[0].finding.zh.contains(
                crate::diagnosis::signals::classify(&crate::model::Signal::parse("t1:blank"))
                    .meaning
                    .zh
                    .as_str()
            ),
            "{}",
            c[0].finding.zh
        );
        assert_eq!(c[0].confidence, Confidence::High);
    }

    #[test]
    fn reference_and_one_other_mute_is_the_contacts() {
        let v = healthy(|o| {
            if o.step == "atr" && matches!(o.card, Some(0 | 3)) {
                fail(o, "mute");
            }
        });
        let out = apply(RULE, &v, &LinkStats::default(), &Explained::default());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].conclusion.culprit.en, "chip contacts / card landing");
        assert_eq!(out[0].conclusion.confidence, Confidence::Low);
        let explained: Vec<_> = out[0].explains.iter().copied().collect();
        assert_eq!(explained, vec![(0, Interface::Chip), (3, Interface::Chip)]);
    }

    #[test]
    fn one_card_alone_or_software_signals_are_not_hardware() {
        let one = healthy(|o| {
            if o.card == Some(2) && o.interface == Interface::Swipe {
                fail(o, "t2:blank");
            }
        });
        assert!(conclusions(RULE, &one).is_empty());
        let soft = healthy(|o| {
            if o.step == "select" {
                fail(o, "sw6a82");
            }
        });
        assert!(conclusions(RULE, &soft).is_empty());
    }

    #[test]
    fn a_noisy_line_leaves_the_swipe_head_alone() {
        let v = healthy(|o| {
            if o.interface == Interface::Swipe {
                fail(o, "t1:blank");
            }
        });
        let link = LinkStats {
            retries: 50,
            frames: 100,
            ..LinkStats::default()
        };
        assert!(apply(RULE, &v, &link, &Explained::default()).is_empty());
    }
}
