//! `crt591:sim` through the same checklist, fault-knob and reconnect runs as `crt310:sim`:
//! the CRT-591 simulator plays the CRT-310 fault scenarios' decks and knobs behind its own
//! framing, so each must give the same first conclusion.

use super::faults::{expect_first, fault_cfg, run_scenario};
use cardbench::checklist;
use cardbench::model::{Family, RunEnd};
use std::path::Path;

#[test]
fn crt591_sim_healthy_deck_passes_the_checklist() {
    let d = tempfile::tempdir().unwrap();
    let mut cfg = fault_cfg("crt591:sim", d.path());
    cfg.swipes = 2;
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    assert!(s.all_passed, "{:?} {:?}", s.end, s.conclusions.first());
    assert!(s.conclusions.is_empty());
    for f in ["attempts.csv", "cards.csv", "banks.csv", "diagnosis.csv"] {
        assert!(d.path().read_dir().unwrap().any(|e| {
            let p = e.unwrap().path();
            p.join(f).exists() || p.file_name().is_some_and(|n| n == f)
        }));
    }
}

#[test]
fn crt591_card_faults() {
    for (scen, family, culprit) in [
        ("crt310-mute", Family::Card, "CMB debit"),
        ("crt310-app-blocked", Family::Acct, "CCB debit"),
        ("crt310-card-blocked", Family::Card, "ABC debit"),
        ("crt310-expired", Family::Card, "BOC debit"),
        ("crt310-demagnetised", Family::Card, "ABC debit"),
        ("crt310-blank", Family::Card, "CCB debit"),
        ("crt310-gpo-refused", Family::Card, "ICBC debit"),
        ("crt310-track2-mismatch", Family::Card, "Visa credit"),
    ] {
        let (s, _d) = run_scenario("crt591", scen, None);
        expect_first(&s, family, culprit);
        assert_eq!(s.conclusions.len(), 1, "{scen}");
    }
}

#[test]
fn crt591_terminal_faults() {
    for (scen, culprit) in [
        ("crt310-no-atr", "chip contacts"),
        ("crt310-t0-timeout", "chip contacts"),
        ("crt310-worn-head", "head (track 2)"),
        ("crt310-dead-track", "head (track 1)"),
        ("crt310-freeze", "reader"),
    ] {
        let (s, _d) = run_scenario("crt591", scen, None);
        expect_first(&s, Family::TermHw, culprit);
        assert!(
            s.conclusions.iter().all(|c| c.family != Family::Card),
            "{scen}"
        );
    }
}

/// Line noise: the CRT-591's host NAK recovers more replies than the CRT-310's ENQ, so the
/// scenario's 0.3 % leaves every row passing; at 1 % rows fail and the verdict is the line.
#[test]
fn crt591_line_noise() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("fixtures/scenarios/faults/crt310-line-noise.toml"))
            .unwrap()
            .replace("line_noise = 0.003", "line_noise = 0.01");
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("noise.toml");
    std::fs::write(&file, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let cfg = fault_cfg(&format!("crt591:sim:{}", file.display()), out.path());
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    assert!(!matches!(s.end, RunEnd::CouldNotRun(_)), "{:?}", s.end);
    expect_first(&s, Family::TermHw, "serial line");
}

#[test]
fn crt591_aid_list_without_unionpay_is_terminal_software() {
    let (s, _d) = run_scenario("crt591", "crt310-no-unionpay-aid", None);
    expect_first(&s, Family::TermSw, "AID list");
}

/// The reader unplugs after some commands and comes back: the run reconnects and finishes.
#[test]
fn crt591_unplug_reconnects() {
    let (s, _d) = run_scenario("crt591", "crt310-unplug", None);
    expect_first(&s, Family::TermHw, "connection");
    assert!(!matches!(s.end, RunEnd::CouldNotRun(_)));
}
