//! The chip card knobs of offline data authentication, each alone in a checklist run on the
//! CRT-310 simulator: the diagnosis names the right family and culprit; and a terminal whose
//! CA key store lacks one scheme's key is TERM-SW (key store), not CARD.

use super::faults::{expect_first, fault_cfg, run_scenario};
use cardbench::checklist;
use cardbench::model::{Family, Interface, Outcome, Signal};

#[test]
fn bad_sda_is_the_card() {
    let (s, _d) = run_scenario("crt310", "crt310-bad-sda", None);
    expect_first(&s, Family::Card, "ICBC debit");
    let oda = s
        .attempts
        .iter()
        .find(|a| a.step == "ODA" && a.outcome == Outcome::Fail);
    let oda = oda.expect("a failed oda row");
    assert_eq!(oda.signal, Signal::OdaFailed);
    assert_eq!(oda.tvr, "4200000000");
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
}
