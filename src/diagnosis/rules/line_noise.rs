//! R1, line noise: the link shows damaged bytes (garbled frames, bad checksums, garbage
//! discarded, frames resent), or bit errors — parity and LRC — scattered over several tracks
//! of several cards (a worn head hits one track; a damaged stripe comes back on every swipe of
//! its card; a noisy line corrupts whatever crosses it, now and then).
//! A noisy line explains the attempts it garbled — parity and LRC errors, garbled chip
//! exchanges, and misreads that come and go — but not what a card shows on every swipe (a
//! blank or demagnetised stripe, an expiry date); R3 does not judge the reader on it.

use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::signals::SignalKind;
use crate::diagnosis::view::{Observation, View};
use crate::i18n::{Lang, Text};
use crate::model::{Family, Interface, Signal, TrackFault};
use std::collections::{BTreeMap, BTreeSet};

/// R1 (line noise).
pub const RULE: Rule = Rule {
    id: "R1",
    about: "damaged bytes on the link, or bit errors scattered over several tracks and cards",
    run,
};

/// What the run shows of the serial line.
#[derive(Clone, Debug)]
pub struct Noise<'a> {
    /// Garbled or unexpected frames (`protocol_error`), whatever the outcome.
    pub garbled: Vec<&'a Observation>,
    /// Failed swipes with bit errors (parity, LRC): what a noisy line makes of track data.
    pub swipe_hw: Vec<&'a Observation>,
    /// The tracks those swipes failed on.
    pub tracks_hit: BTreeSet<u8>,
    /// Bit errors on two tracks or more, each on two cards or more, no track holding most; or
    /// three or more that come and go over two tracks and two cards (see [`sporadic`]).
    pub scattered: bool,
    /// Whether the line is judged noisy.
    pub noisy: bool,
}

/// A reader error code on a track or on the whole read.
fn reader_error(s: &Signal) -> bool {
    matches!(
        s,
        Signal::ReaderError(_)
            | Signal::Track {
                fault: TrackFault::ReaderError(_),
                ..
            }
    )
}

/// A bit error in track data: what a noisy line (or a worn head, on its one track) gives.
fn bit_error(s: &Signal) -> bool {
    matches!(
        s,
        Signal::Track {
            fault: TrackFault::Parity | TrackFault::Lrc,
            ..
        }
    )
}

/// A chip exchange a noisy line can garble.
fn garbled_exchange(s: &Signal) -> bool {
    matches!(
        s,
        Signal::ChipError | Signal::ApduTimeout | Signal::BadAtr | Signal::ProtocolError
    )
}

/// A misread a noisy line can cause now and then (not a fact about the card): a garbled
/// block reads as a reader error, a bad layout or a missing sentinel.
fn misread(s: &Signal) -> bool {
    matches!(
        s,
        Signal::Luhn
            | Signal::BadFormat
            | Signal::TrackMismatch
            | Signal::ReaderError(_)
            | Signal::Track {
                fault: TrackFault::NoStartSentinel
                    | TrackFault::NoEndSentinel
                    | TrackFault::BadFormat
                    | TrackFault::ReaderError(_),
                ..
            }
    )
}

/// Bit errors on two tracks or more, each seen on two cards or more, and no track with 80 %
/// of them (that is one worn head track).
fn scattered(swipe_hw: &[&Observation]) -> bool {
    let mut cards: BTreeMap<u8, BTreeSet<usize>> = BTreeMap::new();
    let mut per_track: BTreeMap<u8, usize> = BTreeMap::new();
    for o in swipe_hw {
        if let (Some(t), Some(c)) = (o.signal.track_no(), o.card) {
            cards.entry(t).or_default().insert(c);
            *per_track.entry(t).or_default() += 1;
        }
    }
    let wide = cards.values().filter(|c| c.len() >= 2).count();
    let top = per_track.values().max().copied().unwrap_or(0);
    wide >= 2 && top * 5 < swipe_hw.len() * 4
}

/// Whether a bit error came and went: its card read that track clean on another swipe (no
/// failure on the track, nor of the whole read, at that step).
fn comes_and_goes(view: &View, o: &Observation) -> bool {
    let (Some(card), Some(track)) = (o.card, o.signal.track_no()) else {
        return false;
    };
    let Some(swipes) = view
        .cards
        .get(&card)
        .and_then(|c| c.per_if.get(&Interface::Swipe))
    else {
        return false;
    };
    let hit = |x: &&&Observation| x.failed() && x.signal.track_no().is_none_or(|t| t == track);
    let failed: BTreeSet<&str> = swipes.iter().filter(hit).map(|x| x.step.as_str()).collect();
    swipes
        .iter()
        .any(|x| x.step.starts_with("swipe") && !failed.contains(x.step.as_str()))
}

/// Three bit errors or more, each coming and going, over two tracks or more of two cards or
/// more, no track with 80 % of them: what a noisy line leaves on a reader without frame
/// checksums (the MSR605 sends raw track bits; a corrupted byte is a parity or LRC error on
/// whichever track and card it crossed). A worn head stays on its track and a damaged stripe
/// on its card; two errors alone may be two poor swipes.
fn sporadic(view: &View, swipe_hw: &[&Observation]) -> bool {
    let transient: Vec<&Observation> = swipe_hw
        .iter()
        .copied()
        .filter(|o| comes_and_goes(view, o))
        .collect();
    let tracks: BTreeSet<u8> = transient
        .iter()
        .filter_map(|o| o.signal.track_no())
        .collect();
    let cards: BTreeSet<usize> = transient.iter().filter_map(|o| o.card).collect();
    let mut per_track: BTreeMap<u8, usize> = BTreeMap::new();
    for t in transient.iter().filter_map(|o| o.signal.track_no()) {
        *per_track.entry(t).or_default() += 1;
    }
    let top = per_track.values().max().copied().unwrap_or(0);
    transient.len() >= 3 && tracks.len() >= 2 && cards.len() >= 2 && top * 5 < transient.len() * 4
}

/// Looks at the line: noisy when two frames came garbled; when one did, or the link saw
/// damaged bytes, and bit errors hit two tracks or more; when the link saw damaged bytes in
/// 2 % of its frames (two at least); when (the reader still answering) at least 5 frames and
/// 2 % of all frames were rejected or resent; or when bit errors are scattered over tracks
/// and cards (or come and go over them, [`sporadic`]).
pub fn detect<'a>(view: &View<'a>) -> Noise<'a> {
    let garbled: Vec<&Observation> = view
        .obs
        .iter()
        .filter(|o| o.signal == Signal::ProtocolError)
        .collect();
    let swipe_hw: Vec<&Observation> = view
        .obs
        .iter()
        .filter(|o| o.failed() && o.interface == Interface::Swipe && bit_error(&o.signal))
        .collect();
    let tracks_hit: BTreeSet<u8> = swipe_hw
        .iter()
        .filter_map(|o| o.signal.track_no())
        .collect();
    let link = view.link;
    let damaged = link.corrupted >= 1 || !garbled.is_empty();
    let scattered = scattered(&swipe_hw) || sporadic(view, &swipe_hw);
    let noisy = garbled.len() >= 2
        || (damaged && tracks_hit.len() >= 2)
        || (link.corrupted >= 2 && link.corrupted * 50 >= link.frames.max(1))
        || (!link.gave_up && link.retries >= 5 && link.retries * 50 >= link.frames.max(1))
        || scattered;
    Noise {
        garbled,
        swipe_hw,
        tracks_hit,
        scattered,
        noisy,
    }
}

/// What a noisy line explains: the garbled attempts, bit errors, garbled chip exchanges,
/// and the misreads of a card that do not come back on every one of its swipes.
fn explained<'a>(view: &View<'a>, noise: &Noise<'a>) -> Vec<&'a Observation> {
    let mut out: Vec<&Observation> = noise.garbled.clone();
    out.extend(noise.swipe_hw.iter().copied());
    for c in view.cards.values() {
        out.extend(
            c.failures(Interface::Chip)
                .into_iter()
                .filter(|o| garbled_exchange(&o.signal)),
        );
        let fails = c.failures(Interface::Swipe);
        let swipes: BTreeSet<&str> = c
            .per_if
            .get(&Interface::Swipe)
            .map(|v| {
                v.iter()
                    .filter(|o| o.step.starts_with("swipe"))
                    .map(|o| o.step.as_str())
                    .collect()
            })
            .unwrap_or_default();
        for o in fails.iter().copied().filter(|o| misread(&o.signal)) {
            // The card's own when it shows on every swipe (twice at least) that the line did
            // not garble on that track. The same kind on the same track counts (a reader error
            // whose status byte the line garbled is still that reader error).
            let on = |same: &dyn Fn(&Observation) -> bool| -> BTreeSet<&str> {
                fails
                    .iter()
                    .filter(|x| same(x))
                    .map(|x| x.step.as_str())
                    .collect()
            };
            let shown = on(&|x| {
                SignalKind::of(&x.signal) == SignalKind::of(&o.signal)
                    && x.signal.track_no() == o.signal.track_no()
            });
            // A reader error on a swipe is a garbled read: it says nothing of the stripe.
            let garbled = on(&|x| {
                (bit_error(&x.signal) || reader_error(&x.signal))
                    && (o.signal.track_no().is_none() || x.signal.track_no() == o.signal.track_no())
            });
            let covered = swipes
                .iter()
                .all(|s| shown.contains(s) || garbled.contains(s));
            if !(covered && shown.len() >= 2) {
                out.push(o);
            }
        }
    }
    out
}

fn run(view: &View, _: &Explained) -> Vec<Verdict> {
    let noise = detect(view);
    if !noise.noisy {
        return faint(view).into_iter().collect();
    }
    let link = view.link;
    let mut ev: Vec<&Observation> = noise.garbled.clone();
    ev.extend(noise.swipe_hw.iter().copied());
    let mut evidence = evidence(&ev);
    if link.retries > 0 {
        let line = Text::tr_args(
            "diagnosis-evidence-link-retries",
            &[
                ("retries", link.retries.into()),
                ("frames", link.frames.into()),
            ],
        );
        evidence.insert(0, line);
    }
    let strong = noise.garbled.len() >= 2
        || link.retries * 5 >= link.frames.max(1)
        || (link.corrupted >= 2 && link.corrupted * 5 >= link.frames.max(1));
    let c = Conclusion {
        rule: "R1".into(),
        family: Family::TermHw,
        culprit: Text::tr("diagnosis-noise-culprit"),
        finding: finding(&noise, view),
        action: Text::tr("diagnosis-noise-action"),
        confidence: if strong {
            Confidence::High
        } else {
            Confidence::Medium
        },
        evidence,
    };
    let explained = explained(view, &noise);
    vec![Verdict::new(c).explaining_obs(view, explained)]
}

/// A line below the noisy threshold that still damaged two frames or more, all recovered by
/// the link's retries: a healthy cable damages none, so it is named, at low confidence, and
/// explains nothing (what failed is judged as if the line were clean).
fn faint(view: &View) -> Option<Verdict> {
    let link = view.link;
    if link.corrupted < 2 {
        return None;
    }
    let (n, of) = (link.corrupted, link.frames);
    let c = Conclusion {
        rule: "R1".into(),
        family: Family::TermHw,
        culprit: Text::tr("diagnosis-noise-culprit"),
        finding: Text::tr_args(
            "diagnosis-noise-faint-finding",
            &[("damaged", n.into()), ("frames", of.into())],
        ),
        action: Text::tr("diagnosis-noise-faint-action"),
        confidence: Confidence::Low,
        evidence: vec![Text::tr_args(
            "diagnosis-evidence-link-damaged",
            &[("damaged", n.into()), ("frames", of.into())],
        )],
    };
    Some(Verdict::new(c))
}

fn finding(noise: &Noise, view: &View) -> Text {
    let n = noise.garbled.len();
    let mut parts = vec![if n == 0 {
        Text::tr("diagnosis-noise-corrupted")
    } else {
        Text::tr_args("diagnosis-noise-garbled", &[("count", n.into())])
    }];
    if !noise.tracks_hit.is_empty() {
        let ncards = noise
            .swipe_hw
            .iter()
            .filter_map(|o| o.card)
            .collect::<BTreeSet<_>>()
            .len();
        parts.push(Text::tr_args(
            "diagnosis-noise-tracks",
            &[
                ("tracks", noise.tracks_hit.len().into()),
                ("cards", ncards.into()),
            ],
        ));
    }
    let link = view.link;
    if link.retries > 0 {
        parts.push(Text::tr_args(
            "diagnosis-noise-retries",
            &[
                ("retries", link.retries.into()),
                ("frames", link.frames.into()),
            ],
        ));
    }
    let join = |lang: Lang, sep: &str| {
        let v: Vec<&str> = parts.iter().map(|p| p.get(lang)).collect();
        v.join(sep)
    };
    Text::new(join(Lang::En, "; "), join(Lang::ZhCn, "；"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, fail, healthy};
    use crate::diagnosis::LinkStats;
    use crate::model::Outcome;

    /// Garbled frames on two cards and LRC errors on tracks 1 and 2 of others.
    fn noisy_run() -> Vec<Observation> {
        healthy(|o| match (o.card, o.step.as_str()) {
            (Some(1 | 2), "swipe#1") => {
                o.outcome = Outcome::Error;
                o.signal = Signal::ProtocolError;
            }
            (Some(3), "swipe#2") => fail(o, "t1:lrc"),
            (Some(4), "swipe#3") => fail(o, "t2:lrc"),
            (Some(5), "atr") => fail(o, "chip_error"),
            _ => {}
        })
    }

    #[test]
    fn garbled_frames_and_scattered_tracks_are_the_line() {
        let out = apply(
            RULE,
            &noisy_run(),
            &LinkStats::default(),
            &Explained::default(),
        );
        assert_eq!(out.len(), 1);
        let c = &out[0].conclusion;
        assert_eq!(c.culprit.en, "serial line (cable / noise)");
        assert_eq!(
            c.finding.en,
            "2 garbled frame(s); read errors scattered over 2 track(s) of 2 card(s)"
        );
        assert_eq!(c.confidence, Confidence::High);
        // The garbled swipes, the read errors and the garbled chip exchange are explained.
        let obs = noisy_run();
        let link = LinkStats::default();
        let view = View::new(&obs, &link);
        let out = (RULE.run)(&view, &Explained::default());
        for pair in [
            (1, Interface::Swipe),
            (3, Interface::Swipe),
            (4, Interface::Swipe),
            (5, Interface::Chip),
        ] {
            assert!(out[0].explains_attempts_of(&view, pair), "{pair:?}");
        }
    }

    #[test]
    fn many_resent_frames_alone_are_the_line() {
        let link = LinkStats {
            retries: 6,
            frames: 100,
            ..LinkStats::default()
        };
        let out = apply(RULE, &healthy(|_| {}), &link, &Explained::default());
        let c = &out[0].conclusion;
        assert!(c
            .finding
            .en
            .starts_with("the reader's answers arrive corrupted"));
        assert!(c
            .finding
            .en
            .ends_with("; 6 of 100 frames rejected or resent"));
        assert_eq!(c.evidence[0].en, "link: 6 of 100 frames rejected or resent");
        assert_eq!(c.confidence, Confidence::Medium);
    }

    /// Bit errors now and then on tracks 1 and 2 of several cards (no garbled frame: a reader
    /// without frame checksums, such as the MSR605, passes them on as track errors).
    fn scattered_run(extra: impl Fn(&mut Observation)) -> Vec<Observation> {
        healthy(|o| {
            match (o.card, o.step.as_str()) {
                (Some(1), "swipe#1") => fail(o, "t1:parity"),
                (Some(2), "swipe#2") => fail(o, "t2:lrc"),
                (Some(4), "swipe#1") => fail(o, "t1:lrc"),
                (Some(5), "swipe#3") => fail(o, "t2:parity"),
                _ => {}
            }
            extra(o);
        })
    }

    #[test]
    fn bit_errors_scattered_over_tracks_and_cards_are_the_line() {
        let v = scattered_run(|_| {});
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].culprit.en, "serial line (cable / noise)");
        assert_eq!(c[0].confidence, Confidence::Medium);
        // Damaged bytes on the link with bit errors on two tracks: the line too.
        let few = healthy(|o| match (o.card, o.step.as_str()) {
            (Some(1), "swipe#1") => fail(o, "t1:parity"),
            (Some(2), "swipe#2") => fail(o, "t2:lrc"),
            _ => {}
        });
        assert!(conclusions(RULE, &few).is_empty());
        let link = LinkStats {
            corrupted: 1,
            frames: 200,
            ..LinkStats::default()
        };
        assert_eq!(apply(RULE, &few, &link, &Explained::default()).len(), 1);
    }

    /// Three bit errors that come and go, on tracks 1 and 2 of three cards (an MSR605 on a
    /// line corrupting 0.1 % of its bytes): the line. Where one card's track fails on every
    /// swipe (its stripe), what is left is not.
    #[test]
    fn three_bit_errors_that_come_and_go_are_the_line() {
        let v = healthy(|o| match (o.card, o.step.as_str()) {
            (Some(1), "swipe#1") => fail(o, "t1:parity"),
            (Some(2), "swipe#2") => fail(o, "t2:lrc"),
            (Some(4), "swipe#3") => fail(o, "t1:lrc"),
            _ => {}
        });
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].culprit.en, "serial line (cable / noise)");
        assert_eq!(c[0].confidence, Confidence::Medium);
        let stripe = healthy(|o| match (o.card, o.step.as_str()) {
            (Some(1), "swipe#1") => fail(o, "t1:parity"),
            (Some(2), s) if s.starts_with("swipe") => fail(o, "t2:lrc"),
            (Some(4), "swipe#3") => fail(o, "t1:lrc"),
            _ => {}
        });
        assert!(conclusions(RULE, &stripe).is_empty());
    }

    #[test]
    fn damaged_bytes_before_the_reader_gave_up_are_the_line() {
        // The reader's only answer came garbled and the run stopped: not a silent reader.
        let link = LinkStats {
            corrupted: 2,
            frames: 5,
            gave_up: true,
            ..LinkStats::default()
        };
        let c = apply(RULE, &[], &link, &Explained::default());
        assert_eq!(c[0].conclusion.confidence, Confidence::High);
    }

    #[test]
    fn the_line_explains_misreads_that_come_and_go_not_a_cards_own_fault() {
        let v = scattered_run(|o| match (o.card, o.step.as_str()) {
            // Garbled now and then: the line's.
            (Some(3), "swipe#1") => fail(o, "t1:reader_error:1B 30"),
            // Demagnetised track 2 of card 2, once hidden under a parity error: the card's.
            (Some(2), "swipe#1" | "swipe#3") => fail(o, "t2:no_start_sentinel"),
            _ => {}
        });
        let link = LinkStats::default();
        let view = View::new(&v, &link);
        let out = (RULE.run)(&view, &Explained::default());
        let explained: Vec<String> = out[0]
            .explains_obs
            .iter()
            .map(|i| view.obs[*i].evidence().en)
            .collect();
        assert!(
            explained.iter().any(|e| e.contains("t1:reader_error")),
            "{explained:?}"
        );
        assert!(
            !explained.iter().any(|e| e.contains("no_start_sentinel")),
            "{explained:?}"
        );
        let all = crate::diagnosis::diagnose(&v, &link);
        let cards: Vec<&str> = all
            .iter()
            .filter(|c| c.family == Family::Card)
            .map(|c| c.culprit.en.as_str())
            .collect();
        assert_eq!(cards, ["card 3 (card2)"]);
    }

    /// A card's own fault shown on every swipe stays the card's when the line garbled the
    /// reader's status byte (reader errors of two codes) or a whole read (a reader error).
    #[test]
    fn a_cards_fault_under_garbled_reads_stays_the_cards() {
        let v = scattered_run(|o| match (o.card, o.step.as_str()) {
            (Some(2), "swipe#1") => fail(o, "t2:reader_error:1B 31"),
            (Some(2), "swipe#3") => fail(o, "t2:reader_error:1B 30"),
            (Some(3), "swipe#1" | "swipe#3") => fail(o, "t1:no_start_sentinel"),
            (Some(3), "swipe#2") => fail(o, "t1:reader_error:1B 30"),
            _ => {}
        });
        let link = LinkStats::default();
        let all = crate::diagnosis::diagnose(&v, &link);
        let mut cards: Vec<&str> = all
            .iter()
            .filter(|c| c.family == Family::Card)
            .map(|c| c.culprit.en.as_str())
            .collect();
        cards.sort_unstable();
        assert_eq!(cards, ["card 3 (card2)", "card 4 (card3)"]);
    }

    #[test]
    fn a_few_damaged_frames_recovered_are_named_at_low_confidence() {
        let link = |corrupted| LinkStats {
            corrupted,
            frames: 500,
            ..LinkStats::default()
        };
        let out = apply(RULE, &healthy(|_| {}), &link(8), &Explained::default());
        let c = &out[0].conclusion;
        assert_eq!(c.confidence, Confidence::Low);
        assert!(c.finding.en.starts_with("8 of 500 frames arrived damaged"));
        assert!(apply(RULE, &healthy(|_| {}), &link(1), &Explained::default()).is_empty());
    }

    #[test]
    fn one_worn_track_is_not_noise() {
        let v = healthy(|o| {
            if o.interface == Interface::Swipe {
                fail(o, "t2:parity");
            }
        });
        assert!(conclusions(RULE, &v).is_empty());
        let link = LinkStats::default();
        assert!(!detect(&View::new(&v, &link)).noisy);
    }
}
