//! Tests of the chip judges (`judge::chip`).

#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::super::tests::{base, deck_card, judging};
use super::*;
use crate::device::emv::EmvStep;
use crate::model::Interface;
use crate::sensitive::{Pan, Track2};

const AID: &str = "A000000333010101";

fn step(name: &str, sw: &str, note: &str) -> EmvStep {
    EmvStep {
        name: name.into(),
        name_zh: String::new(),
        sw: sw.into(),
        note: note.into(),
        // The test's PSE directory steps are the READ RECORDs whose note says so.
        directory_record: name.starts_with("READ RECORD") && note.contains("directory"),
        exchanges: 1,
        duration_ms: 1,
    }
}

/// A flow that selected the UnionPay debit application via PSE and read two records.
fn good() -> EmvResult {
    EmvResult {
        outcome: EmvOutcome::Ok,
        atr: None,
        t1: false,
        aid: Some(AID.into()),
        label: Some("UnionPay Debit".into()),
        pan: Some(Pan::new("6212260000000000026")),
        expiry: Some("281231".into()),
        service_code: Some("220".into()),
        aip: Some("7C00".into()),
        afl: Some("08010201".into()),
        track2_matches_stripe: Some(true),
        steps: vec![
            step("SELECT PSE", "9000", "ok"),
            step("READ RECORD 1 SFI 1", "9000", "directory"),
            step(&format!("SELECT {AID}"), "9000", "ok"),
            step("GET PROCESSING OPTIONS", "9000", "ok"),
            step("READ RECORD 1 SFI 1", "9000", "ok"),
        ],
        records: Vec::new(),
        error: None,
        raw_records: Vec::new(),
        track2: Some(Track2::new("6212260000000000026=28122200000")),
        ..EmvResult::empty()
    }
}

/// A flow that stopped at `outcome` before any application was selected.
fn unselected(outcome: EmvOutcome, steps: Vec<EmvStep>) -> EmvResult {
    EmvResult {
        outcome,
        aid: None,
        label: None,
        pan: None,
        track2: None,
        expiry: None,
        track2_matches_stripe: None,
        steps,
        ..good()
    }
}

fn icbc() -> DeckCard {
    deck_card("ICBC", "UnionPay")
}

fn run(result: EmvResult) -> EmvRun {
    EmvRun {
        result,
        atr: "3B 67 00".into(),
        device_error: None,
        elapsed_ms: 42,
    }
}

fn judge(r: &EmvRun) -> (Vec<Attempt>, CardData) {
    let mut data = CardData::default();
    let rows = judge_emv(base(Interface::Chip, ""), r, &icbc(), &mut data, &judging());
    (rows, data)
}

fn steps_of(rows: &[Attempt]) -> Vec<&str> {
    rows.iter().map(|a| a.step.as_str()).collect()
}

#[test]
fn power_on_rows() {
    let atr = ChipPower::Atr {
        atr: vec![0x3B, 0x67, 0x00],
        t1: false,
    };
    let a = judge_power(base(Interface::Chip, "atr"), &atr);
    assert_eq!((a.outcome, &a.signal), (Outcome::Pass, &Signal::Ok));
    assert_eq!(
        (a.atr.as_str(), a.detail.as_str()),
        ("3B 67 00", "ATR 3 bytes, T=0")
    );
    let a = judge_power(base(Interface::Chip, "atr"), &ChipPower::Mute);
    assert_eq!((a.outcome, &a.signal), (Outcome::Fail, &Signal::Mute));
    let a = judge_power(
        base(Interface::Chip, "atr"),
        &ChipPower::NoCard("N0".into()),
    );
    assert_eq!(
        (a.outcome, &a.signal),
        (Outcome::Error, &Signal::ChipNoCard)
    );
    assert_eq!(a.detail, "no card at the IC position (N0)");
}

#[test]
fn good_flow_gives_four_rows_and_notes_the_chip() {
    let (rows, data) = judge(&run(good()));
    assert_eq!(
        steps_of(&rows),
        ["select", "records", "consistency", "expiry"]
    );
    assert!(rows.iter().all(|a| a.outcome == Outcome::Pass));
    let sel = &rows[0];
    assert_eq!(sel.detail, "application UnionPay Debit selected via PSE");
    assert_eq!(
        (sel.sw.as_str(), sel.aid.as_str()),
        ("9000", "A000000333 010101")
    );
    assert_eq!((sel.atr.as_str(), sel.latency_ms), ("3B 67 00", Some(42)));
    assert_eq!(
        (sel.masked_pan.as_str(), sel.bank.as_str()),
        ("621226*********0026", "ICBC")
    );
    assert_eq!(
        rows[1].detail,
        "GPO AIP 7C00 AFL 08010201; 0 record(s) read"
    );
    assert_eq!(rows[1].latency_ms, None);
    assert_eq!(rows[3].detail, "5F24 281231; sc 220");
    assert_eq!(data.pan.unwrap().expose_clear(), "6212260000000000026");
    assert!(data.chip_track2.is_some());
    assert_eq!(data.aid, AID);
}

#[test]
fn blocked_card_application_and_no_application() {
    for (outcome, sw, signal) in [
        (EmvOutcome::CardBlocked, "6A81", Signal::Sw(0x6A81)),
        (EmvOutcome::AppBlocked, "6283", Signal::Sw(0x6283)),
        (EmvOutcome::NoApplication, "6A82", Signal::Sw(0x6A82)),
    ] {
        let r = unselected(outcome, vec![step("SELECT PSE", sw, "")]);
        let (rows, data) = judge(&run(r));
        assert_eq!(steps_of(&rows), ["select"]);
        assert_eq!((rows[0].outcome, &rows[0].signal), (Outcome::Fail, &signal));
        assert_eq!(rows[0].sw, sw);
        assert!(
            rows[0].detail.ends_with(&format!("SELECT PSE={sw}")),
            "{}",
            rows[0].detail
        );
        assert!(data.pan.is_none() && data.aid.is_empty());
    }
}

#[test]
fn card_that_stops_answering_is_an_apdu_timeout() {
    let r = unselected(EmvOutcome::Mute, vec![step("SELECT PSE", "", "")]);
    let (rows, _) = judge(&run(r));
    assert_eq!(rows[0].signal, Signal::ApduTimeout);
    assert_eq!(rows[0].detail, "the card stopped answering; SELECT PSE=-");
}

#[test]
fn gpo_refused_fails_the_records_row() {
    let mut r = good();
    r.outcome = EmvOutcome::GpoRefused;
    r.steps.truncate(3);
    r.steps.push(step("GET PROCESSING OPTIONS", "6985", ""));
    let (rows, data) = judge(&run(r));
    assert_eq!(steps_of(&rows), ["select", "records"]);
    assert_eq!(rows[0].outcome, Outcome::Pass);
    assert_eq!(
        (rows[1].outcome, &rows[1].signal),
        (Outcome::Fail, &Signal::Sw(0x6985))
    );
    assert_eq!(rows[1].sw, "6985");
    assert!(
        data.chip_track2.is_none(),
        "nothing noted before the records are read"
    );
}

#[test]
fn device_error_mid_flow_is_one_error_row() {
    let mut r = run(good());
    r.device_error = Some("protocol error: bad BCC".into());
    let (rows, _) = judge(&r);
    assert_eq!(steps_of(&rows), ["select"]);
    assert_eq!(
        (rows[0].outcome, &rows[0].signal),
        (Outcome::Error, &Signal::ChipError)
    );
    assert!(rows[0]
        .detail
        .starts_with("protocol error: bad BCC; SELECT PSE=9000"));
}

#[test]
fn a_wrong_card_and_month_99_fail() {
    let (mut data, boc) = (CardData::default(), deck_card("BOC", "UnionPay"));
    let (b, r, j) = (base(Interface::Chip, ""), run(good()), judging());
    let rows = judge_emv(b, &r, &boc, &mut data, &j);
    assert_eq!(steps_of(&rows), ["select", "records"]);
    assert_eq!(rows[1].signal, Signal::CardMismatch);
    assert_eq!(rows[1].detail, "ICBC card, the deck says BOC");
    let mut r = good();
    r.expiry = Some("289901".into());
    let (rows, _) = judge(&run(r));
    let exp = rows.iter().find(|a| a.step == "expiry").unwrap();
    assert_eq!(exp.signal, Signal::ChipExpired);
    assert_eq!(exp.detail, "5F24: expiry 289901 has no month 99");
}

#[test]
fn chip_vs_stripe_and_expired_application() {
    let mut r = good();
    r.track2_matches_stripe = Some(false);
    r.expiry = Some("231231".into());
    let (rows, _) = judge(&run(r));
    assert_eq!(rows[2].signal, Signal::ChipStripeMismatch);
    assert_eq!(
        (rows[3].outcome, &rows[3].signal),
        (Outcome::Fail, &Signal::ChipExpired)
    );
    assert_eq!(rows[3].detail, "application expired (5F24 231231)");
}

#[test]
fn swipe_pan_is_kept_when_the_chip_gives_none() {
    let mut r = good();
    r.pan = None;
    let mut data = CardData {
        pan: Some(Pan::new("6217000000000000038")),
        ..CardData::default()
    };
    let rows = judge_emv(
        base(Interface::Chip, ""),
        &run(r),
        &icbc(),
        &mut data,
        &judging(),
    );
    assert_eq!(rows[0].bank, "CCB");
    assert_eq!(data.pan.unwrap().expose_clear(), "6217000000000000038");
}

#[test]
fn aid_cells_are_split() {
    assert_eq!(aid_cell("A000000333010101"), "A000000333 010101");
    assert_eq!(aid_cell("A000000333"), "A000000333");
}

/// The ODA reasons from the catalogue say in English exactly what the device's `Display`
/// says (the CSV detail is unchanged), and every one has its Chinese.
#[test]
fn oda_reasons_in_english_are_the_device_words() {
    use crate::crypto::emv_cert::CertFault;
    let faults = [
        OdaFault::NoCaKey {
            rid: [0xA0, 0x00, 0x00, 0x03, 0x33],
            index: 0x08,
        },
        OdaFault::Missing(0x9F46),
        OdaFault::StaticData,
        OdaFault::IssuerCert(CertFault::Length { want: 128, got: 96 }),
        OdaFault::IssuerId,
        OdaFault::IssuerCertExpired("1224".into()),
        OdaFault::IccCert(CertFault::Rsa),
        OdaFault::IccPan,
        OdaFault::IccCertExpired("0125".into()),
        OdaFault::Ssad(CertFault::Framing),
        OdaFault::Sdad(Some(CertFault::Format { want: 5, got: 3 })),
        OdaFault::Sdad(Some(CertFault::Algorithm(2))),
        OdaFault::Ssad(CertFault::Hash),
        OdaFault::IccCert(CertFault::KeyLayout),
        OdaFault::Sdad(None),
    ];
    for f in faults {
        assert_eq!(oda_why(&f, Lang::En), f.to_string());
        let zh = oda_why(&f, Lang::ZhCn);
        assert!(zh.chars().any(|c| c > '\u{2E80}'), "{zh}");
    }
}
