//! Tests of R1, line noise (`rules::line_noise`).

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
        "2 garbled frames; read errors scattered over 2 tracks of 2 cards"
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

/// One track read damaged on the line (an MSR605 raw read one byte repairs and no misread
/// explains) is the line, alone: named, explaining that swipe, and no card or operator blamed.
#[test]
fn one_read_damaged_on_the_line_is_the_line() {
    let v = healthy(|o| {
        if (o.card, o.step.as_str()) == (Some(3), "swipe#2") {
            fail(o, "t1:line_damaged");
        }
    });
    let c = conclusions(RULE, &v);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].culprit.en, "serial line (cable / noise)");
    assert_eq!(c[0].confidence, Confidence::Medium);
    assert!(
        c[0].finding.en.contains("1 track read damaged on the line"),
        "{}",
        c[0].finding.en
    );
    assert!(c[0].finding.zh.contains("1 次磁道读数在线路上损坏"));
    let link = LinkStats::default();
    let all = crate::diagnosis::diagnose(&v, &link);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].family, Family::TermHw);
    // Two of them: high confidence.
    let two = healthy(|o| match (o.card, o.step.as_str()) {
        (Some(3), "swipe#2") => fail(o, "t1:line_damaged"),
        (Some(5), "swipe#1") => fail(o, "t2:line_damaged"),
        _ => {}
    });
    assert_eq!(conclusions(RULE, &two)[0].confidence, Confidence::High);
}

#[test]
fn a_card_mute_at_generate_ac_on_a_noisy_line_is_the_line_not_the_contacts() {
    let mut obs = noisy_run();
    let mute = obs
        .iter_mut()
        .find(|o| o.card == Some(0) && o.step == "select")
        .unwrap();
    fail(mute, "mute_at_crypto");
    let link = LinkStats::default();
    let view = View::new(&obs, &link);
    let out = (RULE.run)(&view, &Explained::default());
    assert!(out[0].explains_attempts_of(&view, (0, Interface::Chip)));
    // On a clean line the same card is R3m's (marginal contacts): see chip_supply's tests.
    let quiet = healthy(|o| {
        if o.card == Some(0) && o.step == "select" {
            fail(o, "mute_at_crypto");
        }
    });
    assert!(apply(RULE, &quiet, &link, &Explained::default()).is_empty());
}

#[test]
fn two_damaged_frames_and_a_card_mute_at_generate_ac_are_the_line() {
    // CRT-310 at 0.1 % noise, seed 8: 20 of 1355 frames damaged and recovered, and one card's
    // GENERATE AC reply lost past the retries. Without the damaged frames it is R3m's.
    let obs = healthy(|o| {
        if o.card == Some(0) && o.step == "select" {
            fail(o, "mute_at_crypto");
        }
    });
    let link = LinkStats {
        corrupted: 20,
        frames: 1355,
        ..LinkStats::default()
    };
    let view = View::new(&obs, &link);
    let out = (RULE.run)(&view, &Explained::default());
    assert_eq!(out[0].conclusion.confidence, Confidence::Medium);
    assert!(out[0].explains_attempts_of(&view, (0, Interface::Chip)));
    // The whole rule list: the line, and not the contacts as well.
    let rules: Vec<String> = crate::diagnosis::rules::run(&view)
        .into_iter()
        .map(|c| c.rule)
        .collect();
    assert_eq!(rules, ["R1"]);
    let clean = LinkStats::default();
    let rules: Vec<String> = crate::diagnosis::rules::run(&View::new(&obs, &clean))
        .into_iter()
        .map(|c| c.rule)
        .collect();
    assert_eq!(rules, ["R3m"]);
}
