//! The swipe judge: one swipe's per-track read, the deck card and the terminal's capabilities
//! in; one attempt row out — per-track status of the tracks the card carries, Luhn, expiry,
//! service code, track 1 vs track 2, BIN → bank, the deck's expected bank. Also the per-track
//! counters over a card's swipes (`t2 2/3 ok (1 lrc)`).

use super::Judging;
use crate::checklist::card::CardData;
use crate::deck::DeckCard;
use crate::device::Capabilities;
use crate::model::{Attempt, CardFields, Outcome, Signal, SwipeRead, TrackStatus};
use std::collections::BTreeMap;

/// What a judge found so far: the detail's parts and every failure, in the order found.
#[derive(Default)]
struct Findings {
    parts: Vec<String>,
    /// Every failure found, with its part of the detail. The first decides the row's signal;
    /// each further one gets a row of its own, so that every signal reaches the diagnosis.
    failures: Vec<(Signal, String)>,
    /// A chip card (service code 2xx/6xx) swiped on a chip-capable reader.
    chip_card: bool,
}

impl Findings {
    fn say(&mut self, part: impl Into<String>) {
        self.parts.push(part.into());
    }

    fn fail(&mut self, part: impl Into<String>, signal: Signal) {
        let part = part.into();
        self.say(part.clone());
        self.failures.push((signal, part));
    }
}

/// Judges one swipe of `card` and notes what it read in `data` (PAN, track 2, expiry, service
/// code) for the host step. `base` is the recorder's row for the step (`swipe#k`).
///
/// The first row: FAIL with the first fault among a track the card carries that did not read
/// (`t2:lrc`…), no decodable track (`bad_format`), Luhn, expiry, track 1 vs track 2; otherwise
/// PASS (`chip_card_swiped` when a chip card was swiped on a chip-capable reader). Each further
/// fault of the same swipe follows as a FAIL row of the same step whose detail is that fault
/// (a track-1 error does not hide the expired date track 2 read).
pub(crate) fn judge_swipe(
    mut base: Attempt,
    read: &SwipeRead,
    card: &DeckCard,
    caps: Capabilities,
    data: &mut CardData,
    j: &Judging,
) -> Vec<Attempt> {
    let mut f = Findings::default();
    judge_tracks(read, card, &mut f);
    if let Some(t2) = &read.track2 {
        data.track2 = Some(t2.clone());
    }
    let fields = read.fields();
    j.fill_card(&mut base, fields.map(|x| &x.pan));
    match fields {
        Some(fields) => judge_fields(fields, caps, data, j, &mut f),
        None if f.failures.is_empty() => f.failures.push((Signal::BadFormat, String::new())),
        None => {}
    }
    match tracks_agree(read) {
        Some(true) => f.say("t1=t2"),
        Some(false) => f.fail("track 1 and track 2 disagree", Signal::TrackMismatch),
        None => {}
    }
    if let Some(expected) = other_bank(card, &base.bank) {
        f.say(format!("deck expects {expected} — wrong card presented?"));
    }
    if !read.reader_status.is_empty() {
        f.say(format!("reader {}", read.reader_status));
    }
    let detail = f.parts.join("; ");
    let mut failures = f.failures.into_iter();
    match failures.next() {
        Some((s, _)) => base.judge(Outcome::Fail, s, detail),
        None if f.chip_card => base.judge(Outcome::Pass, Signal::ChipCardSwiped, detail),
        None => base.judge(Outcome::Pass, Signal::Ok, detail),
    }
    let mut rows = vec![base];
    for (s, part) in failures {
        let mut more = rows[0].clone();
        more.judge(Outcome::Fail, s, format!("also on this swipe: {part}"));
        rows.push(more);
    }
    rows
}

/// Per-track status of the tracks the card carries (and of any other track that read).
fn judge_tracks(read: &SwipeRead, card: &DeckCard, f: &mut Findings) {
    for n in 1u8..=3 {
        let st = read
            .track(n)
            .map(|t| t.status.clone())
            .unwrap_or(TrackStatus::NoData);
        let expected = card.tracks.contains(&n);
        if !expected && !st.is_ok() {
            continue;
        }
        match (expected, st.fault()) {
            (true, Some(fault)) => f.fail(format!("t{n} {st}"), Signal::track(n, fault)),
            _ => f.say(format!("t{n} {st}")),
        }
    }
}

/// Luhn, expiry, service code and BIN of the best decoded track.
fn judge_fields(
    fields: &CardFields,
    caps: Capabilities,
    data: &mut CardData,
    j: &Judging,
    f: &mut Findings,
) {
    data.pan = Some(fields.pan.clone());
    if fields.luhn_ok {
        f.say("Luhn ok");
    } else {
        f.fail("Luhn FAILED", Signal::Luhn);
    }
    if let Some(exp) = &fields.expiry {
        data.expiry = Some(exp.clone());
        if j.expired(exp) {
            f.fail(format!("expired {exp}"), Signal::Expired);
        } else {
            f.say(format!("exp {exp}"));
        }
    }
    if let Some(sc) = &fields.service_code {
        data.service_code = Some(sc.clone());
        f.say(format!("sc {sc}"));
        // EMV Book 4 / ISO 7813: service code 2xx or 6xx = "chip present, use the chip".
        if caps.chip && (sc.starts_with('2') || sc.starts_with('6')) {
            f.say("chip card, should be inserted");
            f.chip_card = true;
        }
    }
    if !j.knows_bin(&fields.pan) {
        f.say("BIN unknown");
    }
}

/// Track 1 vs track 2, both read fine: the same PAN and (where both carry one) the same expiry,
/// compared without printing either. `None` when the swipe did not give both.
fn tracks_agree(read: &SwipeRead) -> Option<bool> {
    let decoded = |n| {
        read.track(n)
            .filter(|t| t.status.is_ok())
            .and_then(|t| t.fields.as_ref())
    };
    let (t1, t2) = (decoded(1)?, decoded(2)?);
    let expiry_differs = t1.expiry.is_some() && t2.expiry.is_some() && t1.expiry != t2.expiry;
    Some(t1.pan == t2.pan && !expiry_differs)
}

/// The deck's expected bank, when the card read belongs to another one.
fn other_bank(card: &DeckCard, read_bank: &str) -> Option<&'static str> {
    if card.bank.is_empty() || read_bank.is_empty() {
        return None;
    }
    crate::bins::find_bank(&card.bank)
        .map(|b| b.short)
        .filter(|short| *short != read_bank)
}

/// Per-track counters over a card's swipes: how many read fine, and the faults of the others.
#[derive(Debug, Default)]
pub(crate) struct SwipeTally {
    /// Track → (swipes that read fine, fault code → count).
    tracks: BTreeMap<u8, (u32, BTreeMap<String, u32>)>,
}

impl SwipeTally {
    /// Counts one swipe (only the tracks the card carries).
    pub(crate) fn add(&mut self, read: &SwipeRead, card: &DeckCard) {
        for tr in read
            .tracks
            .iter()
            .filter(|t| card.tracks.contains(&t.track))
        {
            let e = self.tracks.entry(tr.track).or_default();
            if tr.status.is_ok() {
                e.0 += 1;
            } else {
                *e.1.entry(tr.status.code()).or_default() += 1;
            }
        }
    }

    /// `after 3 swipes: t1 3/3 ok, t2 2/3 ok (1 lrc)`.
    pub(crate) fn summary(&self, swipes: u32) -> String {
        let per_track: Vec<String> = self
            .tracks
            .iter()
            .map(|(t, (ok, bad))| {
                let bad: Vec<String> = bad.iter().map(|(c, n)| format!("{n} {c}")).collect();
                if bad.is_empty() {
                    format!("t{t} {ok}/{swipes} ok")
                } else {
                    format!("t{t} {ok}/{swipes} ok ({})", bad.join(", "))
                }
            })
            .collect();
        format!("after {swipes} swipes: {}", per_track.join(", "))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::super::tests::{base, judging};
    use super::*;
    use crate::i18n::Text;
    use crate::model::{Interface, TrackFault, TrackRead};
    use crate::sensitive::{Pan, Track2};

    const ICBC: &str = "6212260000000000026";

    fn card(tracks: &[u8]) -> DeckCard {
        DeckCard {
            label: Text::same("ICBC debit"),
            bank: "ICBC".into(),
            scheme: "UnionPay".into(),
            interfaces: vec![Interface::Swipe],
            expect: Default::default(),
            reference: false,
            tracks: tracks.to_vec(),
            pin: None,
        }
    }

    fn fields(pan: &str, expiry: &str, sc: &str) -> CardFields {
        let pan = Pan::new(pan);
        CardFields {
            luhn_ok: pan.luhn_ok(),
            pan,
            name: None,
            expiry: Some(expiry.into()),
            service_code: Some(sc.into()),
            discretionary_len: 5,
        }
    }

    fn track(n: u8, status: TrackStatus, f: Option<CardFields>) -> TrackRead {
        TrackRead {
            track: n,
            fields: f.filter(|_| status.is_ok()),
            status,
        }
    }

    /// A swipe of tracks 1 and 2 with these statuses.
    fn swipe(t1: TrackStatus, t2: TrackStatus, f: CardFields) -> SwipeRead {
        SwipeRead {
            tracks: vec![track(1, t1, Some(f.clone())), track(2, t2, Some(f))],
            reader_status: "Y".into(),
            track2: Some(Track2::new(format!("{ICBC}=28122200000"))),
        }
    }

    fn judge(read: &SwipeRead, card: &DeckCard, chip: bool) -> (Attempt, CardData) {
        let mut data = CardData::default();
        let caps = Capabilities {
            swipe: true,
            chip,
            host: false,
            motorised: false,
        };
        let a = judge_swipe(
            base(Interface::Swipe, "swipe#1"),
            read,
            card,
            caps,
            &mut data,
            &judging(),
        );
        (a[0].clone(), data)
    }

    #[test]
    fn good_swipe_passes_and_notes_the_card() {
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields(ICBC, "2812", "101"),
        );
        let (a, data) = judge(&read, &card(&[1, 2]), false);
        assert_eq!((a.outcome, &a.signal), (Outcome::Pass, &Signal::Ok));
        assert_eq!(
            a.detail,
            "t1 ok; t2 ok; Luhn ok; exp 2812; sc 101; t1=t2; reader Y"
        );
        assert_eq!(
            (a.masked_pan.as_str(), a.bank.as_str()),
            ("621226*********0026", "ICBC")
        );
        assert_eq!(a.step, "swipe#1");
        assert_eq!(data.pan.unwrap().expose_clear(), ICBC);
        assert_eq!(data.expiry.as_deref(), Some("2812"));
        assert!(data.track2.is_some());
    }

    #[test]
    fn chip_card_on_a_chip_reader_is_noted() {
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields(ICBC, "2812", "220"),
        );
        let (a, _) = judge(&read, &card(&[1, 2]), true);
        assert_eq!(
            (a.outcome, &a.signal),
            (Outcome::Pass, &Signal::ChipCardSwiped)
        );
        assert!(
            a.detail.contains("chip card, should be inserted"),
            "{}",
            a.detail
        );
        let (a, _) = judge(&read, &card(&[1, 2]), false);
        assert_eq!(a.signal, Signal::Ok);
    }

    #[test]
    fn first_bad_track_the_card_carries_decides() {
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Lrc,
            fields(ICBC, "2812", "101"),
        );
        let (a, _) = judge(&read, &card(&[1, 2]), false);
        assert_eq!(a.outcome, Outcome::Fail);
        assert_eq!(a.signal, Signal::track(2, TrackFault::Lrc));
        assert!(
            a.detail.starts_with("t1 ok; t2 LRC error; Luhn ok"),
            "{}",
            a.detail
        );
        // Track 3 is not on the card: its missing data is neither shown nor a failure.
        assert!(!a.detail.contains("t3"), "{}", a.detail);
    }

    #[test]
    fn blank_stripe_is_a_track_fault_not_bad_format() {
        let f = fields(ICBC, "2812", "101");
        let read = swipe(TrackStatus::Blank, TrackStatus::Blank, f);
        let (a, data) = judge(&read, &card(&[1, 2]), false);
        assert_eq!(a.signal, Signal::track(1, TrackFault::Blank));
        assert!(a.masked_pan.is_empty());
        assert!(data.pan.is_none());
    }

    #[test]
    fn every_fault_of_a_swipe_gets_its_row() {
        // A track-1 error on a swipe whose track 2 read an expired date: both are reported.
        let read = swipe(
            TrackStatus::Parity(Some(3)),
            TrackStatus::Ok,
            fields(ICBC, "2312", "101"),
        );
        let mut data = CardData::default();
        let rows = judge_swipe(
            base(Interface::Swipe, "swipe#2"),
            &read,
            &card(&[1, 2]),
            Capabilities::default(),
            &mut data,
            &judging(),
        );
        let got: Vec<(Outcome, String, &str)> = rows
            .iter()
            .map(|a| (a.outcome, a.signal.code().into_owned(), a.step.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Outcome::Fail, "t1:parity".to_string(), "swipe#2"),
                (Outcome::Fail, "expired".to_string(), "swipe#2"),
            ]
        );
        assert_eq!(rows[1].detail, "also on this swipe: expired 2312");
        assert_eq!(rows[1].masked_pan, rows[0].masked_pan);
        // A good swipe is one row.
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields(ICBC, "2812", "101"),
        );
        let rows = judge_swipe(
            base(Interface::Swipe, "swipe#1"),
            &read,
            &card(&[1, 2]),
            Capabilities::default(),
            &mut data,
            &judging(),
        );
        assert_eq!(rows.len(), 1);
    }

    #[test]
    fn undecodable_swipe_is_bad_format() {
        let read = SwipeRead {
            tracks: vec![track(3, TrackStatus::Ok, None)],
            ..SwipeRead::default()
        };
        let (a, _) = judge(&read, &card(&[3]), false);
        assert_eq!((a.outcome, &a.signal), (Outcome::Fail, &Signal::BadFormat));
    }

    #[test]
    fn luhn_expiry_and_unknown_bin() {
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields("9912260000000000027", "2312", "101"),
        );
        let (a, _) = judge(&read, &card(&[1, 2]), false);
        assert_eq!(a.signal, Signal::Luhn);
        assert!(
            a.detail.contains("Luhn FAILED; expired 2312"),
            "{}",
            a.detail
        );
        assert!(a.detail.contains("BIN unknown"), "{}", a.detail);
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields(ICBC, "2312", "101"),
        );
        let (a, _) = judge(&read, &card(&[1, 2]), false);
        assert_eq!(a.signal, Signal::Expired);
    }

    #[test]
    fn tracks_that_disagree_fail() {
        let mut read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields(ICBC, "2812", "101"),
        );
        read.tracks[0].fields = Some(fields(ICBC, "2912", "101"));
        let (a, _) = judge(&read, &card(&[1, 2]), false);
        assert_eq!(
            (a.outcome, &a.signal),
            (Outcome::Fail, &Signal::TrackMismatch)
        );
        assert!(
            a.detail.contains("track 1 and track 2 disagree"),
            "{}",
            a.detail
        );
    }

    #[test]
    fn another_bank_than_the_deck_expects_is_noted() {
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields(ICBC, "2812", "101"),
        );
        let mut c = card(&[1, 2]);
        c.bank = "CCB".into();
        let (a, _) = judge(&read, &c, false);
        assert_eq!(a.outcome, Outcome::Pass);
        assert!(
            a.detail
                .contains("deck expects CCB — wrong card presented?"),
            "{}",
            a.detail
        );
    }

    #[test]
    fn tally_counts_the_card_tracks_over_swipes() {
        let c = card(&[1, 2]);
        let mut t = SwipeTally::default();
        let f = fields(ICBC, "2812", "101");
        t.add(&swipe(TrackStatus::Ok, TrackStatus::Ok, f.clone()), &c);
        t.add(&swipe(TrackStatus::Ok, TrackStatus::Lrc, f.clone()), &c);
        t.add(&swipe(TrackStatus::Ok, TrackStatus::Ok, f), &c);
        assert_eq!(t.summary(3), "after 3 swipes: t1 3/3 ok, t2 2/3 ok (1 lrc)");
    }
}
