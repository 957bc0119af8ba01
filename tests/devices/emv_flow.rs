//! The EMV contact flow over the CRT-310 driver and simulator: every deck card, and every
//! chip fault of the scenario format.

use super::crt310::{default_scenario, start_sim};
use cardbench::device::emv::{run_emv, EmvOutcome, TerminalData};
use cardbench::device::Device;
use cardbench::sim::scenario::{ContactFault, Defect, DirtyContacts};
use std::time::Duration;

#[test]
fn full_deck_reads_chip_and_matches_stripe() {
    let sc = default_scenario();
    let mut rig = start_sim(sc.clone(), 115_200);
    let term = TerminalData::default();
    for card in &sc.cards {
        let swipe = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
        let r = run_emv(&mut rig.dev, &term, swipe.track2.as_ref());
        assert_eq!(r.outcome, EmvOutcome::Ok, "{}: {:?}", card.label, r.steps);
        assert_eq!(r.aid.as_deref(), Some(card.apps[0].aid.as_str()));
        assert_eq!(r.pan.as_ref().unwrap().expose_clear(), card.pan);
        assert_eq!(r.expiry.as_deref(), Some("281231"));
        assert_eq!(r.service_code.as_deref(), Some(card.service_code.as_str()));
        assert_eq!(r.track2_matches_stripe, Some(true), "{}", card.label);
        assert!(r.atr.is_some());
        assert!(r
            .steps
            .iter()
            .any(|s| s.name == "SELECT PSE" && s.sw == "9000"));
        // T=0: SELECT went through 61xx + GET RESPONSE.
        assert!(r.steps[0].exchanges >= 2);
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            cardbench::sensitive::find_clear_pan(&json).is_none(),
            "{json}"
        );
        rig.dev.card_done(true).unwrap();
    }
    let text = rig.log_text();
    assert!(
        cardbench::sensitive::find_clear_pan(&text).is_none(),
        "{text}"
    );
    assert!(text.contains("SELECT PSE"));
}

fn outcome_for(
    mutate: impl FnOnce(&mut cardbench::sim::scenario::Scenario),
) -> cardbench::device::emv::EmvResult {
    let mut sc = default_scenario();
    mutate(&mut sc);
    let mut rig = start_sim(sc, 115_200);
    let swipe = rig.dev.read_swipe(Duration::from_secs(1)).ok();
    run_emv(
        &mut rig.dev,
        &TerminalData::default(),
        swipe.as_ref().and_then(|s| s.track2.as_ref()),
    )
}

#[test]
fn card_defects_give_their_outcomes() {
    let r = outcome_for(|sc| sc.cards[0].defects = vec![Defect::Mute]);
    assert_eq!(r.outcome, EmvOutcome::Mute);
    let r = outcome_for(|sc| sc.cards[0].defects = vec![Defect::CardBlocked]);
    assert_eq!(r.outcome, EmvOutcome::CardBlocked);
    assert_eq!(r.steps[0].sw, "6A81");
    let r = outcome_for(|sc| sc.cards[0].defects = vec![Defect::AppBlocked]);
    assert_eq!(r.outcome, EmvOutcome::AppBlocked);
    assert!(r.steps.iter().any(|s| s.sw == "6283"));
    let r = outcome_for(|sc| sc.cards[0].defects = vec![Defect::GpoRefused]);
    assert_eq!(r.outcome, EmvOutcome::GpoRefused);
    assert!(r.steps.iter().any(|s| s.sw == "6985"));
    let r = outcome_for(|sc| sc.cards[0].defects = vec![Defect::Expired]);
    assert_eq!(r.outcome, EmvOutcome::Ok);
    assert_eq!(r.expiry.as_deref(), Some("201231"));
    let r = outcome_for(|sc| sc.cards[0].defects = vec![Defect::Track2Mismatch]);
    assert_eq!(r.track2_matches_stripe, Some(false));
}

#[test]
fn no_pse_falls_back_to_the_aid_list() {
    let r = outcome_for(|sc| {
        sc.cards.rotate_left(6);
        sc.cards[0].pse = false;
    });
    assert_eq!(r.outcome, EmvOutcome::Ok);
    assert_eq!(r.steps[0].sw, "6A82");
    assert_eq!(r.aid.as_deref(), Some("A0000000031010"));
}

#[test]
fn firmware_without_the_scheme_finds_no_application() {
    let r = outcome_for(|sc| sc.device.firmware_aids = vec!["A000000003".into()]);
    assert_eq!(r.outcome, EmvOutcome::NoApplication);
    assert!(r.steps.iter().any(|s| s.sw == "6A82"));
}

#[test]
fn dirty_contacts() {
    let r = outcome_for(|sc| {
        sc.device.faults.dirty_contacts = Some(DirtyContacts {
            mode: ContactFault::NoAtr,
            probability: 1.0,
        })
    });
    assert_eq!(r.outcome, EmvOutcome::Mute);
    assert!(r.atr.is_none());
    let r = outcome_for(|sc| {
        sc.device.faults.dirty_contacts = Some(DirtyContacts {
            mode: ContactFault::T0Timeout,
            probability: 1.0,
        })
    });
    assert_eq!(r.outcome, EmvOutcome::Mute);
    assert!(r.atr.is_some());
}

#[test]
fn stripe_only_card_is_mute_on_the_chip() {
    let mut sc = default_scenario();
    sc.cards[0].apps.clear();
    let mut rig = start_sim(sc, 115_200);
    let p = rig.dev.chip_power_on().unwrap();
    assert_eq!(p, cardbench::model::ChipPower::Mute);
}

#[test]
fn t1_card_uses_37_32_without_procedure_bytes() {
    let r = outcome_for(|sc| {
        sc.cards[0].atr = Some("3B E0 00 FF 81 31 7C 41 92".into());
    });
    assert_eq!(r.outcome, EmvOutcome::Ok, "{:?}", r.steps);
    assert!(r.t1);
    // No 61xx on T=1: every step is one exchange.
    assert!(r.steps.iter().all(|s| s.exchanges == 1), "{:?}", r.steps);
}
