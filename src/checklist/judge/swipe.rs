//! The swipe judge: one swipe's per-track read, the deck card and the terminal's capabilities
//! in; one attempt row out — per-track status of the tracks the card carries, Luhn, expiry,
//! service code, track 1 vs track 2, BIN → bank, the deck's expected bank. Also the per-track
//! counters over a card's swipes (`t2 2/3 ok (1 lrc)`).

use super::identity::impossible_date;
use super::{both, join_list, join_parts, Judging};
use crate::checklist::card::CardData;
use crate::deck::DeckCard;
use crate::device::Capabilities;
use crate::i18n::{tr_args, Arg, Lang, Text};
use crate::model::{Attempt, CardFields, Outcome, Signal, SwipeRead, TrackStatus};
use std::collections::BTreeMap;

/// What a judge found so far: the detail's parts and every failure, in the order found.
#[derive(Default)]
struct Findings {
    parts: Vec<Text>,
    /// Every failure found, with its part of the detail. The first decides the row's signal;
    /// each further one gets a row of its own, so that every signal reaches the diagnosis.
    failures: Vec<(Signal, Text)>,
    /// A chip card (service code 2xx/6xx) swiped on a chip-capable reader.
    chip_card: bool,
}

impl Findings {
    fn say(&mut self, part: Text) {
        self.parts.push(part);
    }

    fn fail(&mut self, part: Text, signal: Signal) {
        self.say(part.clone());
        self.failures.push((signal, part));
    }
}

/// Judges one swipe of `card` and notes what it read in `data` (PAN, track 2, expiry, service
/// code) for the host step. `base` is the recorder's row for the step (`swipe#k`).
///
/// The first row: FAIL with the first fault among another card than the deck's
/// (`card_mismatch`), a track the card carries that did not read (`t2:lrc`…), no decodable
/// track (`bad_format`), Luhn, expiry (past, or no such month), track 1 vs track 2; otherwise
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
    let fields = read.fields();
    // A wrong card's other faults are not the deck card's: its mismatch comes first.
    if let Some(why) = fields.and_then(|x| j.wrong_card(card, &x.pan)) {
        f.fail(why, Signal::CardMismatch);
    }
    judge_tracks(read, card, &mut f);
    if let Some(t2) = &read.track2 {
        data.track2 = Some(t2.clone());
    }
    j.fill_card(&mut base, fields.map(|x| &x.pan));
    match fields {
        Some(fields) => judge_fields(fields, caps, data, j, &mut f),
        None if f.failures.is_empty() => f.failures.push((Signal::BadFormat, Text::default())),
        None => {}
    }
    match tracks_agree(read) {
        Some(true) => f.say(Text::tr("judge-swipe-tracks-agree")),
        Some(false) => f.fail(
            Text::tr("judge-swipe-tracks-disagree"),
            Signal::TrackMismatch,
        ),
        None => {}
    }
    if !read.reader_status.is_empty() {
        let status = Arg::from(read.reader_status.as_str());
        f.say(Text::tr_args("judge-swipe-reader", &[("status", status)]));
    }
    let detail = join_parts(&f.parts);
    let mut failures = f.failures.into_iter();
    match failures.next() {
        Some((s, _)) => base.judge_text(Outcome::Fail, s, detail),
        None if f.chip_card => base.judge_text(Outcome::Pass, Signal::ChipCardSwiped, detail),
        None => base.judge_text(Outcome::Pass, Signal::Ok, detail),
    }
    let mut rows = vec![base];
    for (s, part) in failures {
        let mut more = rows[0].clone();
        let also = both(|l| tr_args(l, "judge-swipe-also", &[("part", part.get(l).into())]));
        more.judge_text(Outcome::Fail, s, also);
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
        let part = track_part(n, &st);
        match (expected, st.fault()) {
            (true, Some(fault)) => f.fail(part, Signal::track(n, fault)),
            _ => f.say(part),
        }
    }
}

/// `t2 LRC error` / `磁道 2 LRC 校验错`: one track's status in the detail. The English is the
/// status's own spelling (`TrackStatus`'s `Display`), which the diagnosis reads back.
fn track_part(n: u8, st: &TrackStatus) -> Text {
    let status = status_text(st);
    both(|l| {
        tr_args(
            l,
            "judge-swipe-track",
            &[("track", n.into()), ("status", status.get(l).into())],
        )
    })
}

/// A track status in both languages (`lrc` → `LRC error` / `LRC 校验错`).
fn status_text(st: &TrackStatus) -> Text {
    Text::new(st.name(Lang::En), st.name(Lang::ZhCn))
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
        f.say(Text::tr("judge-swipe-luhn-ok"));
    } else {
        f.fail(Text::tr("judge-swipe-luhn-failed"), Signal::Luhn);
    }
    if let Some(exp) = &fields.expiry {
        data.expiry = Some(exp.clone());
        let expiry = || [("expiry", Arg::from(exp.as_str()))];
        if j.expired(exp) {
            f.fail(
                Text::tr_args("judge-swipe-expired", &expiry()),
                Signal::Expired,
            );
        } else if let Some(why) = impossible_date(exp) {
            f.fail(why, Signal::Expired);
        } else {
            f.say(Text::tr_args("judge-swipe-expiry", &expiry()));
        }
    }
    if let Some(sc) = &fields.service_code {
        data.service_code = Some(sc.clone());
        f.say(Text::tr_args(
            "judge-swipe-service-code",
            &[("code", sc.as_str().into())],
        ));
        // EMV Book 4 / ISO 7813: service code 2xx or 6xx = "chip present, use the chip".
        if caps.chip && (sc.starts_with('2') || sc.starts_with('6')) {
            f.say(Text::tr("judge-swipe-chip-card"));
            f.chip_card = true;
        }
    }
    if !j.knows_bin(&fields.pan) {
        f.say(Text::tr("judge-swipe-bin-unknown"));
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

    /// `after 3 swipes: t1 3/3 ok, t2 2/3 ok (1 lrc)` (in Chinese the faults by name).
    pub(crate) fn summary(&self, swipes: u32) -> Text {
        let per_track: Vec<Text> = self
            .tracks
            .iter()
            .map(|(t, (ok, bad))| {
                let args = [
                    ("track", Arg::from(*t)),
                    ("ok", Arg::from(*ok)),
                    ("swipes", Arg::from(swipes)),
                ];
                if bad.is_empty() {
                    return Text::tr_args("judge-tally-track", &args);
                }
                let faults: Vec<Text> = bad.iter().map(|(c, n)| tally_fault(c, *n)).collect();
                let faults = join_list(&faults);
                both(|l| {
                    let mut a = args.to_vec();
                    a.push(("faults", faults.get(l).into()));
                    tr_args(l, "judge-tally-track-faults", &a)
                })
            })
            .collect();
        let tracks = join_list(&per_track);
        both(|l| {
            let args = [("swipes", swipes.into()), ("tracks", tracks.get(l).into())];
            tr_args(l, "judge-tally", &args)
        })
    }
}

/// `1 lrc` / `1 次LRC 校验错`: swipes with one fault, by its code (English) or name (Chinese).
fn tally_fault(code: &str, count: u32) -> Text {
    let en = Text::same(code);
    let zh = Text::tr_args("common-track-status", &[("code", code.into())]);
    both(|l| {
        let name = if l == Lang::En { &en } else { &zh };
        let args = [("count", count.into()), ("code", name.get(l).into())];
        tr_args(l, "judge-tally-fault", &args)
    })
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
    fn expiry_month_99_fails() {
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields(ICBC, "2899", "101"),
        );
        let (a, _) = judge(&read, &card(&[1, 2]), false);
        assert_eq!((a.outcome, &a.signal), (Outcome::Fail, &Signal::Expired));
        assert!(
            a.detail.contains("expiry 2899 has no month 99"),
            "{}",
            a.detail
        );
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
    fn another_bank_than_the_deck_expects_fails() {
        let read = swipe(
            TrackStatus::Ok,
            TrackStatus::Ok,
            fields(ICBC, "2812", "101"),
        );
        let mut c = card(&[1, 2]);
        c.bank = "CCB".into();
        let (a, _) = judge(&read, &c, false);
        assert_eq!(
            (a.outcome, &a.signal),
            (Outcome::Fail, &Signal::CardMismatch)
        );
        assert!(
            a.detail.contains("ICBC card, the deck says CCB"),
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
        let summary = t.summary(3);
        assert_eq!(summary.en, "after 3 swipes: t1 3/3 ok, t2 2/3 ok (1 lrc)");
        assert_eq!(
            summary.zh,
            "刷卡 3 次后：磁道 1 3/3 正常，磁道 2 2/3 正常（1 次LRC 校验错）"
        );
    }

    /// The English detail of a track is the status's own spelling (the diagnosis reads it).
    #[test]
    fn track_parts_speak_both_languages() {
        for st in [
            TrackStatus::Ok,
            TrackStatus::NoData,
            TrackStatus::NoStartSentinel,
            TrackStatus::NoEndSentinel,
            TrackStatus::Parity(Some(7)),
            TrackStatus::Parity(None),
            TrackStatus::Lrc,
            TrackStatus::Blank,
            TrackStatus::BadFormat("no separator".into()),
            TrackStatus::ReaderError("E5".into()),
        ] {
            let part = track_part(2, &st);
            assert_eq!(part.en, format!("t2 {st}"));
            assert!(part.zh.starts_with("磁道 2 "), "{}", part.zh);
        }
        assert_eq!(track_part(1, &TrackStatus::Blank).zh, "磁道 1 空白");
    }
}
