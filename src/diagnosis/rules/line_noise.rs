//! R1, line noise: the link shows damaged bytes (garbled frames, bad checksums, garbage
//! discarded, frames resent), a track read the line damaged (`line_damaged`: one byte changed
//! across characters, which no head misread gives), or bit errors — parity and LRC — scattered
//! over several tracks of several cards (a worn head hits one track; a damaged stripe comes back on every swipe of
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
    /// Failed swipes with a track the line damaged (`line_damaged`): one alone is the line's.
    pub damaged: Vec<&'a Observation>,
    /// Bit errors on two tracks or more, each on two cards or more, no track holding most; or
    /// three or more that come and go over two tracks and two cards (see [`sporadic`]).
    pub scattered: bool,
    /// Failed chip exchanges a noisy line can cause (garbled, timed out, a reply lost at
    /// GENERATE AC): with damaged frames on the link they are the line's signature on a chip.
    pub lost_chip: Vec<&'a Observation>,
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

/// A track read damaged on the line (one byte changed across characters, after the head).
fn line_damaged(s: &Signal) -> bool {
    matches!(
        s,
        Signal::Track {
            fault: TrackFault::LineDamaged,
            ..
        }
    )
}

/// A chip exchange a noisy line can garble. A reply lost on the line at GENERATE AC looks
/// like a card gone mute there (`mute_at_crypto`): on a line judged noisy it is the line's,
/// not marginal contacts (R3m sees only what the line leaves unexplained).
fn garbled_exchange(s: &Signal) -> bool {
    matches!(
        s,
        Signal::ChipError
            | Signal::ApduTimeout
            | Signal::BadAtr
            | Signal::ProtocolError
            | Signal::MuteAtCrypto
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

/// Looks at the line: noisy when a track read was damaged on the line; when two frames came
/// garbled; when one did, or the link saw
/// damaged bytes, and bit errors hit two tracks or more; when the link saw damaged bytes in
/// 2 % of its frames (two at least), or in two frames and a chip exchange was lost (garbled,
/// timed out, or a card mute at GENERATE AC: the reply the line damaged past its retries); when (the reader still answering) at least 5 frames and
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
    let line_hit: Vec<&Observation> = view
        .obs
        .iter()
        .filter(|o| o.failed() && o.interface == Interface::Swipe && line_damaged(&o.signal))
        .collect();
    let lost_chip: Vec<&Observation> = view
        .obs
        .iter()
        .filter(|o| o.failed() && o.interface == Interface::Chip && garbled_exchange(&o.signal))
        .collect();
    let link = view.link;
    let damaged = link.corrupted >= 1 || !garbled.is_empty();
    let scattered = scattered(&swipe_hw) || sporadic(view, &swipe_hw);
    let noisy = !line_hit.is_empty()
        || garbled.len() >= 2
        || (damaged && tracks_hit.len() >= 2)
        || (link.corrupted >= 2 && link.corrupted * 50 >= link.frames.max(1))
        || (link.corrupted >= 2 && !lost_chip.is_empty())
        || (!link.gave_up && link.retries >= 5 && link.retries * 50 >= link.frames.max(1))
        || scattered;
    Noise {
        garbled,
        swipe_hw,
        tracks_hit,
        damaged: line_hit,
        scattered,
        lost_chip,
        noisy,
    }
}

/// What a noisy line explains: the garbled attempts, bit errors, garbled chip exchanges,
/// and the misreads of a card that do not come back on every one of its swipes.
fn explained<'a>(view: &View<'a>, noise: &Noise<'a>) -> Vec<&'a Observation> {
    let mut out: Vec<&Observation> = noise.garbled.clone();
    out.extend(noise.swipe_hw.iter().copied());
    out.extend(noise.damaged.iter().copied());
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
                (bit_error(&x.signal) || reader_error(&x.signal) || line_damaged(&x.signal))
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
    ev.extend(noise.damaged.iter().copied());
    ev.extend(noise.swipe_hw.iter().copied());
    ev.extend(noise.lost_chip.iter().copied());
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
        || noise.damaged.len() >= 2
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
    if !noise.damaged.is_empty() {
        parts.push(Text::tr_args(
            "diagnosis-noise-line-damaged",
            &[("count", noise.damaged.len().into())],
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
#[path = "line_noise_tests.rs"]
mod tests;
