//! The chip card knobs of offline data authentication, each alone in a checklist run on the
//! CRT-310 simulator: the diagnosis names the right family and culprit; and a terminal whose
//! CA key store lacks one scheme's key is TERM-SW (key store), not CARD.

use super::faults::{expect_first, fault_cfg, run_scenario};
use cardbench::checklist;
use cardbench::model::{Family, Interface, Outcome, Signal};

/// The first failed chip `ODA` row of a run.
fn failed_oda_row(s: &checklist::RunSummary) -> &cardbench::model::Attempt {
    let oda = s
        .attempts
        .iter()
        .find(|a| a.step == "ODA" && a.outcome == Outcome::Fail);
    oda.expect("a failed oda row")
}

#[test]
fn bad_sda_is_the_card() {
    let (s, _d) = run_scenario("crt310", "crt310-bad-sda", None);
    expect_first(&s, Family::Card, "ICBC debit");
    let oda = failed_oda_row(&s);
    assert_eq!(oda.signal, Signal::OdaFailed);
    assert_eq!(oda.tvr, "4200000000");
}

/// `bad_cda`: one card offers CDA and signs its GENERATE AC response with a transaction data
/// hash code that does not match; the other UnionPay cards pass DDA — the card, as one card
/// failing SDA is (the same `oda_failed` signal, with the CDA reason and TVR byte 1 `04`).
#[test]
fn bad_cda_is_the_card() {
    let (s, _d) = run_scenario("crt310", "crt310-bad-cda", Some("sim"));
    expect_first(&s, Family::Card, "ICBC debit");
    let oda = failed_oda_row(&s);
    assert_eq!(oda.card_label, "ICBC debit");
    assert_eq!(oda.signal, Signal::OdaFailed);
    assert_eq!(oda.tvr, "0400000000");
    assert!(
        oda.detail
            .contains("CDA failed: transaction data hash does not match"),
        "{}",
        oda.detail
    );
    assert!(
        oda.detail_zh.contains("交易数据哈希值不符"),
        "{}",
        oda.detail_zh
    );
    // The cryptogram recovered from the signature still went into the DE55, with the TVR it
    // covers, and the host verified it.
    let c = cryptogram_row(&s, "ICBC debit");
    assert_eq!(c.tvr, "0400000000");
    let auth = s
        .attempts
        .iter()
        .find(|a| a.card_label == "ICBC debit" && a.step == "auth")
        .expect("an auth row");
    assert_eq!(auth.outcome, Outcome::Pass, "{}", auth.detail);
    assert_eq!(s.conclusions.len(), 1, "{:?}", s.conclusions);
}

/// The default deck's Mastercard card does CDA (AIP 7D00): its ODA row passes with CDA, the
/// other cards keep DDA, and every cryptogram row passes.
#[test]
fn the_default_decks_cda_card_passes() {
    let d = tempfile::tempdir().unwrap();
    let h = checklist::start(fault_cfg("crt310:sim", d.path()));
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    let oda: Vec<_> = s.attempts.iter().filter(|a| a.step == "ODA").collect();
    assert_eq!(oda.len(), 8);
    for a in &oda {
        assert_eq!(a.outcome, Outcome::Pass, "{a:?}");
        let want = if a.card_label == "Mastercard credit" {
            "CDA ok"
        } else {
            "DDA ok"
        };
        assert!(a.detail.contains(want), "{}: {}", a.card_label, a.detail);
    }
    let c = cryptogram_row(&s, "Mastercard credit");
    assert_eq!((c.outcome, c.tvr.as_str()), (Outcome::Pass, "0000000000"));
    assert!(s.conclusions.is_empty(), "{:?}", s.conclusions);
}

#[test]
fn expired_issuer_certificate_is_the_card() {
    let (s, _d) = run_scenario("crt310", "crt310-expired-issuer-cert", None);
    expect_first(&s, Family::Card, "ICBC debit");
}

#[test]
fn unknown_ca_index_is_the_terminal_key_store() {
    let (s, _d) = run_scenario("crt310", "crt310-unknown-ca-index", None);
    expect_first(&s, Family::TermSw, "CA public-key store (UnionPay)");
}

#[test]
fn key_store_without_visa_is_term_sw_not_card() {
    let d = tempfile::tempdir().unwrap();
    let store = cardbench::crypto::capk::BUILTIN_CA_KEYS;
    let visa = store
        .find("\n[[key]]\nname = \"cardbench test CA (Visa RID)\"")
        .unwrap();
    let next = visa + 1 + store[visa + 1..].find("\n[[key]]").unwrap();
    let without = format!("{}{}", &store[..visa], &store[next..]);
    std::fs::write(d.path().join("ca-keys.toml"), without).unwrap();
    // The terminal file names its key store: no built-in keys, only the file's.
    let term = d.path().join("terminal.toml");
    std::fs::write(
        &term,
        "[ca_keys]\nbuiltin = false\nfile = \"ca-keys.toml\"\n",
    )
    .unwrap();
    let out = d.path().join("run");
    let mut cfg = fault_cfg("crt310:sim", &out);
    cfg.terminal = Some(term);
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    expect_first(&s, Family::TermSw, "CA public-key store (Visa)");
    assert!(s.conclusions.iter().all(|c| c.family != Family::Card));
    // The TVR column is filled on the chip rows of GENERATE AC and ODA.
    let crypto: Vec<_> = s
        .attempts
        .iter()
        .filter(|a| a.interface == Interface::Chip && a.step == "cryptogram")
        .collect();
    assert_eq!(crypto.len(), 8);
    assert!(crypto.iter().all(|a| a.tvr.len() == 10));
    // And the TSI column (9B) beside it.
    assert!(crypto.iter().all(|a| a.tsi.len() == 4), "{crypto:?}");
}

/// The chip row of GENERATE AC 1 of a card, by label.
fn cryptogram_row<'a>(s: &'a checklist::RunSummary, label: &str) -> &'a cardbench::model::Attempt {
    s.attempts
        .iter()
        .find(|a| a.card_label == label && a.step == "cryptogram")
        .unwrap_or_else(|| panic!("no cryptogram row for {label}"))
}

/// One card whose 9F08 differs from the terminal's 9F09: TVR byte 2 b8, the card (R2).
#[test]
fn app_version_mismatch_alone_is_the_card() {
    let (s, _d) = run_scenario("crt310", "crt310-app-version-mismatch", None);
    expect_first(&s, Family::Card, "ICBC debit");
    let c = cryptogram_row(&s, "ICBC debit");
    assert_eq!((c.outcome, &c.signal), (Outcome::Fail, &Signal::TvrVersion));
    assert_eq!(c.tvr, "0080000000");
    assert_eq!(s.conclusions.len(), 1, "{:?}", s.conclusions);
}

/// A terminal file whose UnionPay AIDs run another application version: every UnionPay card
/// differs, the Visa and Mastercard cards do not — the terminal's parameters (TERM-SW).
#[test]
fn a_terminal_with_another_unionpay_version_is_its_parameters() {
    let d = tempfile::tempdir().unwrap();
    let term = d.path().join("terminal.toml");
    std::fs::write(
        &term,
        "[[aid]]\naid = \"A000000333010101\"\napp_version = \"0020\"\n\
         [[aid]]\naid = \"A0000000031010\"\n[[aid]]\naid = \"A0000000041010\"\n",
    )
    .unwrap();
    let mut cfg = fault_cfg("crt310:sim", &d.path().join("run"));
    cfg.terminal = Some(term);
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    expect_first(&s, Family::TermSw, "terminal EMV parameters (UnionPay)");
    assert!(s.conclusions.iter().all(|c| c.family != Family::Card));
    assert_eq!(cryptogram_row(&s, "Visa credit").outcome, Outcome::Pass);
}

/// One card whose IAC-denial meets the TVR (service not allowed): the terminal asks for an
/// AAC, the card declines offline — the card (R2), not the terminal's hardware.
#[test]
fn iac_denial_alone_is_the_card() {
    let (s, _d) = run_scenario("crt310", "crt310-iac-denial", None);
    expect_first(&s, Family::Card, "ICBC debit");
    let c = cryptogram_row(&s, "ICBC debit");
    assert_eq!(
        (c.outcome, &c.signal),
        (Outcome::Fail, &Signal::OfflineDecline)
    );
    assert_eq!(c.tvr, "0010000000");
    assert!(c.detail.contains("AAC"), "{}", c.detail);
    assert_eq!(s.conclusions.len(), 1, "{:?}", s.conclusions);
}

/// `mute_at_genac`: the card answers everything until it must compute (INTERNAL
/// AUTHENTICATE, GENERATE AC) — marginal contacts or supply, TERM-HW, not the card.
#[test]
fn mute_at_genac_is_the_contacts_or_supply() {
    let (s, _d) = run_scenario("crt310", "crt310-mute-at-genac", None);
    let row = s
        .attempts
        .iter()
        .find(|a| a.step == "cryptogram" && a.outcome == Outcome::Fail)
        .expect("a failed cryptogram row");
    assert_eq!(row.signal, Signal::MuteAtCrypto, "{:?}", row.detail_text());
    expect_first(&s, Family::TermHw, "chip contacts or card supply");
    assert!(s.conclusions.iter().all(|c| c.family != Family::Card));
}

/// `arqc_wrong_key`: the host declines the card's ARQC with RC 59; one card of a bank with a
/// wrong cryptogram key is the card.
#[test]
fn arqc_wrong_key_alone_is_the_card() {
    let (s, _d) = run_scenario("crt310", "crt310-arqc-wrong-key", Some("sim"));
    let auth = s
        .attempts
        .iter()
        .find(|a| a.interface == Interface::Network && a.outcome == Outcome::Fail)
        .expect("a failed auth row");
    assert_eq!(auth.signal, Signal::ArqcRejected);
    assert_eq!(auth.rc, "59");
    expect_first(&s, Family::Card, "ICBC debit");
}

/// A host that answers every chip authorisation with an issuer script `71`.
fn script_host(d: &std::path::Path) -> String {
    let rules = d.join("script-rules.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nname = \"script\"\nissuer_script = \"71\"\n",
    )
    .unwrap();
    format!("sim:{}", rules.display())
}

/// A scenario that needs host rules carries them: `crt310-script-fails` names
/// `issuer-script`, so plain `--host sim` sends the scripts and the fault shows; a host given
/// its own rules keeps them.
#[test]
fn a_scenario_brings_its_host_rules_to_plain_host_sim() {
    let (s, _d) = run_scenario("crt310", "crt310-script-fails", Some("sim"));
    let failed: Vec<_> = s
        .attempts
        .iter()
        .filter(|a| a.step == "online" && a.outcome == Outcome::Fail)
        .collect();
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert_eq!(failed[0].signal, Signal::ScriptFailed);
    expect_first(&s, Family::Card, "ICBC debit");
    let (s, _d) = run_scenario("crt310", "crt310-script-fails", Some("sim:approve-all"));
    assert!(
        s.attempts.iter().all(|a| a.signal != Signal::ScriptFailed),
        "the host's own rules send no script"
    );
}

/// `script_fails`: the host's issuer script is refused by one card while the others accept
/// it — the card (its application cannot be updated), not the bank that sent the same script
/// to every card. The online row's TVR has byte 5 `20` (script failed before GENERATE AC 2).
#[test]
fn script_fails_alone_is_the_card() {
    let d = tempfile::tempdir().unwrap();
    let host = script_host(d.path());
    let (s, _d) = run_scenario("crt310", "crt310-script-fails", Some(&host));
    let online: Vec<_> = s.attempts.iter().filter(|a| a.step == "online").collect();
    assert!(online.len() >= 6, "{}", online.len());
    let failed: Vec<_> = online
        .iter()
        .filter(|a| a.outcome == Outcome::Fail)
        .collect();
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert_eq!(failed[0].signal, Signal::ScriptFailed);
    assert_eq!(&failed[0].tvr[8..], "20");
    expect_first(&s, Family::Card, "ICBC debit");
}

/// The default deck against the host simulator: every chip card completes online — the
/// card accepts the issuer's ARPC (EXTERNAL AUTHENTICATE) and gives a TC at GENERATE AC 2.
#[test]
fn the_default_deck_completes_online() {
    let d = tempfile::tempdir().unwrap();
    let mut cfg = fault_cfg("crt310:sim", &d.path().join("run"));
    cfg.host = Some(cardbench::host::HostSpec::parse("sim").unwrap());
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    let online: Vec<_> = s.attempts.iter().filter(|a| a.step == "online").collect();
    assert!(online.len() >= 7, "{}", online.len());
    for a in online {
        assert_eq!(a.outcome, Outcome::Pass, "{:?}", a.detail_text());
        assert_eq!(a.interface, Interface::Chip);
        assert_eq!(a.tvr.len(), 10);
        // The TSI after the online completion (issuer authentication performed) is a column
        // too, not only words in the detail.
        assert_eq!(a.tsi.len(), 4, "{:?}", a.detail_text());
    }
}

/// `velocity_exceeded`: the ICBC card is 16 transactions past its last online one, over its
/// upper consecutive offline limit (9F23 = 10): TVR byte 4 `60`. The terminal (no TAC bits)
/// sends it online as EMV asks, the host approves and the issuer authentication resets the
/// count — nothing is wrong, the terminal least of all. The other cards carry the same
/// limits and stay under them (their TVR is unchanged).
#[test]
fn velocity_exceeded_goes_online_and_is_no_fault() {
    let (s, _d) = run_scenario("crt310", "crt310-velocity-exceeded", Some("sim"));
    let c = cryptogram_row(&s, "ICBC debit");
    assert_eq!((c.outcome, &c.signal), (Outcome::Pass, &Signal::Ok));
    assert_eq!(c.tvr, "0000006000");
    assert!(
        c.detail.contains("consecutive offline limits"),
        "{}",
        c.detail
    );
    let online = s
        .attempts
        .iter()
        .find(|a| a.card_label == "ICBC debit" && a.step == "online")
        .expect("an online row");
    assert_eq!(online.outcome, Outcome::Pass, "{}", online.detail);
    assert_eq!(cryptogram_row(&s, "CCB debit").tvr, "0000000000");
    assert!(s
        .conclusions
        .iter()
        .all(|c| !matches!(c.family, Family::TermHw | Family::TermSw | Family::Card)));
}

/// The same card on a terminal whose TAC-denial has the upper-limit bit (byte 4 `20`): the
/// terminal asks for an AAC and the card declines offline — `velocity`, the cardholder's
/// account (its offline count), not the terminal's hardware or the card.
#[test]
fn velocity_exceeded_declined_by_the_tac_is_the_account() {
    let d = tempfile::tempdir().unwrap();
    let term = d.path().join("terminal.toml");
    std::fs::write(
        &term,
        "[[aid]]\naid = \"A000000333010101\"\ntac_denial = \"0000002000\"\n\
         [[aid]]\naid = \"A0000000031010\"\n[[aid]]\naid = \"A0000000041010\"\n",
    )
    .unwrap();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios/faults/crt310-velocity-exceeded.toml");
    let mut cfg = fault_cfg(
        &format!("crt310:sim:{}", file.display()),
        &d.path().join("run"),
    );
    cfg.terminal = Some(term);
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    let c = cryptogram_row(&s, "ICBC debit");
    assert_eq!(
        (c.outcome, &c.signal),
        (Outcome::Fail, &Signal::VelocityExceeded)
    );
    assert_eq!(c.tvr, "0000006000");
    assert!(c.detail.contains("AAC"), "{}", c.detail);
    assert_eq!(cryptogram_row(&s, "CCB debit").outcome, Outcome::Pass);
    expect_first(&s, Family::Acct, "ICBC debit");
}

/// `pin_blocked`: the deck's test cards carry their offline PIN; the reference card's PIN
/// verifies (VERIFY `90 00`, CVM Results `41 03 02`), the ICBC card's try counter is 0 — no
/// VERIFY is sent, TVR byte 3 `20` (PIN try limit exceeded), and the diagnosis names the
/// cardholder's account, not the terminal (its keypad has nothing to do with it).
#[test]
fn pin_blocked_is_the_account_not_the_terminal() {
    let (s, _d) = run_scenario("crt310", "crt310-pin-blocked", None);
    let verify = |label: &str| {
        s.attempts
            .iter()
            .find(|a| a.card_label == label && a.step == "verify")
            .unwrap_or_else(|| panic!("no verify row for {label}"))
    };
    let ok = verify("Reference UnionPay debit");
    assert_eq!((ok.outcome, ok.sw.as_str()), (Outcome::Pass, "9000"));
    assert!(ok.detail.contains("410302"), "{}", ok.detail);
    let blocked = verify("ICBC debit");
    assert_eq!(
        (blocked.outcome, &blocked.signal),
        (Outcome::Fail, &Signal::PinTryLimit)
    );
    assert_eq!(&blocked.tvr[4..6], "20");
    assert!(blocked.sw.is_empty(), "no VERIFY to a blocked PIN");
    // Cards without a PIN in the deck get no VERIFY at all.
    assert!(!s
        .attempts
        .iter()
        .any(|a| a.card_label == "CCB debit" && a.step == "verify"));
    expect_first(&s, Family::Acct, "ICBC debit");
    assert!(s
        .conclusions
        .iter()
        .all(|c| !matches!(c.family, Family::TermHw | Family::TermSw)));
}

/// `decline_at_genac2`: the host approves (RC 00), the card answers GENERATE AC 2 with an AAC
/// — the bench reverses the approved authorisation as a CUPS terminal does (0400, DE39 `06`,
/// EMV Book 4 §12.2.4; the same builder and rule as the POS simulator) and records a network
/// `reversal` row, answered by the host. The other cards complete with a TC and no reversal.
#[test]
fn decline_at_genac2_is_reversed() {
    let (s, _d) = run_scenario("crt310", "crt310-decline-at-genac2", Some("sim"));
    let online = s
        .attempts
        .iter()
        .find(|a| a.card_label == "ICBC debit" && a.step == "online")
        .expect("an online row");
    assert_eq!(online.outcome, Outcome::Fail, "{}", online.detail);
    // The chip exchange worked: the row says what happened and blames no hardware.
    assert_eq!(
        online.signal,
        Signal::DeclinedAfterApproval,
        "{}",
        online.detail
    );
    assert_eq!(online.family, Some(Family::TermSw), "{}", online.detail);
    let rev: Vec<_> = s.attempts.iter().filter(|a| a.step == "reversal").collect();
    assert_eq!(rev.len(), 1, "{rev:#?}");
    assert_eq!(rev[0].card_label, "ICBC debit");
    assert_eq!(rev[0].interface, Interface::Network);
    assert_eq!(rev[0].outcome, Outcome::Pass, "{}", rev[0].detail);
    assert!(rev[0].detail.contains("06"), "{}", rev[0].detail);
    assert_eq!(rev[0].rc, "00");
    // One card declining what its issuer approved: the card (R2), not the terminal.
    expect_first(&s, Family::Card, "ICBC debit");
}
