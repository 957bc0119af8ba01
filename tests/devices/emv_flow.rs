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

/// pyemv recomputes one card's ARQC (ICC master key Option A, the PBOC session key, MAC
/// algorithm 3) and the ARPC from DE55 alone; prints `ARQC ARPC`.
const PYEMV_ORACLE: &str = r#"
import sys
from pyemv import kd, ac, tlv, tools
imk, pan, psn, de55 = sys.stdin.read().split()
b = bytes.fromhex
t = tlv.decode(b(de55), simple=True)
mk = kd.derive_icc_mk_a(b(imk), pan, psn)
atc = t["9F36"]
sk = tools.encrypt_tdes_ecb(mk, b"\0" * 6 + atc) + tools.encrypt_tdes_ecb(
    mk, b"\0" * 6 + bytes(x ^ 0xFF for x in atc))
data = b"".join(t[k] for k in ["9F02", "9F03", "9F1A", "95", "5F2A", "9A", "9C", "9F37", "82", "9F36"])
data += t["9F10"][3:7]
arqc = ac.generate_ac(sk, data)
print(arqc.hex().upper(), ac.generate_arpc_1(sk, arqc, b"00").hex().upper())
"#;

fn pyemv(stdin: &str) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("python3")
        .args(["-W", "ignore", "-c", PYEMV_ORACLE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(stdin.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("Error") || err.contains("ModuleNotFound"),
            "{err}"
        );
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The whole default deck reaches GENERATE AC 1: every card answers an ARQC, DE55 carries the
/// tags a CUPS host needs, the host simulator's check (`host::chip`) accepts each ARQC, and
/// PyPI pyemv recomputes the same ARQC and ARPC (skipped loudly when pyemv cannot run).
#[test]
fn deck_generates_arqcs_the_host_and_pyemv_verify() {
    use cardbench::codec::tlv;
    use cardbench::host::chip::{answer, ArqcCheck};
    use cardbench::host::keys::KeyStore;
    let sc = default_scenario();
    let mut rig = start_sim(sc.clone(), 115_200);
    let mut term = TerminalData::now();
    term.set_amount(100);
    let keys = KeyStore::builtin();
    let mut oracle_ran = 0;
    for card in &sc.cards {
        let swipe = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
        let r = run_emv(&mut rig.dev, &term, swipe.track2.as_ref());
        rig.dev.card_done(true).unwrap();
        assert_eq!(r.outcome, EmvOutcome::Ok, "{}: {:?}", card.label, r.steps);
        assert_eq!(r.cid.as_deref(), Some("80"), "{}", card.label);
        // The deck's CDA card (AIP byte 1 `01`: the Mastercard card) is authenticated with CDA.
        assert_eq!(
            r.oda.to_string(),
            format!("{} ok", oda_method(card)),
            "{}",
            card.label
        );
        assert_eq!(r.tvr.as_deref(), Some("0000000000"), "{}", card.label);
        assert_eq!(r.tsi.as_deref(), Some("E800"), "{}", card.label);
        let list = tlv::parse(&r.de55).unwrap();
        for tag in [
            0x9F26, 0x9F27, 0x9F10, 0x9F37, 0x9F36, 0x95, 0x9A, 0x9C, 0x9F02, 0x5F2A, 0x82, 0x9F1A,
            0x9F33, 0x9F34,
        ] {
            assert!(tlv::find(&list, tag).is_some(), "{}: {tag:X}", card.label);
        }
        let got = answer(&keys, &card.pan, card.pan_sequence, &r.de55, "00");
        assert_eq!(got.check, ArqcCheck::Valid, "{}", card.label);
        let imk = keys.issuer(&card.pan).unwrap().imk_ac.expose_secret();
        let stdin = format!(
            "{} {} {:02} {}",
            cardbench::hexfmt::hex(imk),
            card.pan,
            card.pan_sequence,
            cardbench::hexfmt::hex(&r.de55)
        );
        let Some(py) = pyemv(&stdin) else {
            continue;
        };
        oracle_ran += 1;
        let arqc = cardbench::hexfmt::hex(&tlv::find(&list, 0x9F26).unwrap().value);
        let reply = tlv::parse(&got.reply_de55.unwrap()).unwrap();
        let tag91 = cardbench::hexfmt::hex(&tlv::find(&reply, 0x91).unwrap().value);
        assert_eq!(py, format!("{arqc} {}", &tag91[..16]), "{}", card.label);
    }
    if oracle_ran == 0 {
        eprintln!("!!!!!!!! SKIPPED: pyemv cannot be imported: ARQC oracle not run !!!!!!!!");
    }
}

/// The simulated POS terminal's chip sales (`sim::pos`, issue 11): the bench's EMV flow as its
/// kernel (`device::emv::pos_kernel`) over each pos-bench card, with the CA keys of the
/// built-in parameters; PyPI pyemv recomputes each ARQC and the host's ARPC (skipped loudly
/// when pyemv cannot run).
#[test]
fn pos_simulator_arqcs_pyemv_verifies() {
    use cardbench::codec::tlv;
    use cardbench::crypto::capk::CaKeyStore;
    use cardbench::host::chip::{answer, ArqcCheck};
    use cardbench::host::keys::KeyStore;
    use cardbench::sim::pos::icc::Contacts;
    use cardbench::sim::pos::{KernelInput, PosScenario};
    let sc = PosScenario::resolve("pos-bench").unwrap();
    let store = CaKeyStore {
        origin: "downloads".into(),
        keys: cardbench::host::params::Params::builtin()
            .ca_keys
            .iter()
            .map(|k| k.to_store_key())
            .collect(),
    };
    let input = KernelInput {
        ca_keys: &store,
        aids: &[],
        kernel_version: vec![0x00, 0x30],
        amount_minor: 1,
    };
    let mut contacts = Contacts::new(&sc.cards);
    let keys = KeyStore::builtin();
    let mut oracle_ran = 0;
    for (i, card) in sc.cards.iter().enumerate() {
        let r = contacts.read(i, cardbench::device::emv::pos_kernel, &input);
        assert_eq!(
            (r.outcome.as_str(), r.oda.get(cardbench::i18n::Lang::En)),
            ("ok", "DDA ok"),
            "{}",
            card.label
        );
        let psn = r.pan_seq.unwrap();
        let got = answer(&keys, &card.pan, psn, &r.de55, "00");
        assert_eq!(got.check, ArqcCheck::Valid, "{}", card.label);
        let imk = keys.issuer(&card.pan).unwrap().imk_ac.expose_secret();
        let stdin = format!(
            "{} {} {psn:02} {}",
            cardbench::hexfmt::hex(imk),
            card.pan,
            cardbench::hexfmt::hex(&r.de55)
        );
        let Some(py) = pyemv(&stdin) else {
            continue;
        };
        oracle_ran += 1;
        let list = tlv::parse(&r.de55).unwrap();
        let arqc = cardbench::hexfmt::hex(&tlv::find(&list, 0x9F26).unwrap().value);
        let reply = tlv::parse(&got.reply_de55.unwrap()).unwrap();
        let tag91 = cardbench::hexfmt::hex(&tlv::find(&reply, 0x91).unwrap().value);
        assert_eq!(py, format!("{arqc} {}", &tag91[..16]), "{}", card.label);
    }
    if oracle_ran == 0 {
        eprintln!("!!!!!!!! SKIPPED: pyemv cannot be imported: ARQC oracle not run !!!!!!!!");
    }
    assert!(oracle_ran == 0 || oracle_ran == sc.cards.len());
}

/// Each offline-data-authentication knob alone: how ODA ends and the TVR bits it sets.
#[test]
fn oda_card_knobs_give_their_oda_outcome_and_tvr() {
    let now = || {
        let mut t = TerminalData::now();
        t.set_amount(100);
        t
    };
    let run = |d: Defect| {
        let mut sc = default_scenario();
        sc.cards[0].defects = vec![d];
        let mut rig = start_sim(sc, 115_200);
        let _ = rig.dev.read_swipe(Duration::from_secs(1));
        run_emv(&mut rig.dev, &now(), None)
    };
    let r = run(Defect::BadSda);
    assert_eq!(
        r.oda.to_string(),
        "SDA failed: signed static data: hash does not match"
    );
    assert_eq!(
        r.tvr.as_deref(),
        Some("4200000000"),
        "SDA failed, SDA selected"
    );
    let r = run(Defect::ExpiredIssuerCert);
    assert_eq!(
        r.oda.to_string(),
        "DDA failed: issuer certificate expired (1220)"
    );
    assert_eq!(r.tvr.as_deref(), Some("0800000000"));
    let r = run(Defect::UnknownCaIndex);
    assert_eq!(
        r.oda.to_string(),
        "DDA failed: no CA public key A000000333/F2 in the terminal"
    );
    assert_eq!(r.tvr.as_deref(), Some("0800000000"));
    // Every knob still gets an ARQC: the bench goes online whatever the TVR.
    assert_eq!(r.cid.as_deref(), Some("80"));
}

/// The ODA method the bench terminal (9F33 `E0E1C8`: SDA, DDA, CDA) uses with a deck card:
/// CDA when its AIP says so, else DDA.
fn oda_method(card: &cardbench::sim::scenario::CardSpec) -> &'static str {
    if card.apps[0].aip_bytes()[0] & 0x01 != 0 {
        "CDA"
    } else {
        "DDA"
    }
}

/// A terminal whose key store lacks the Visa RID: the Visa card's DDA fails on the missing CA
/// key, the UnionPay card of the same deck passes.
#[test]
fn key_store_without_a_scheme_fails_only_that_schemes_cards() {
    use cardbench::crypto::capk::CaKeyStore;
    use cardbench::device::emv::{run_emv_flow, EmvFlow};
    let sc = default_scenario();
    let mut rig = start_sim(sc.clone(), 115_200);
    for card in &sc.cards {
        let _ = rig.dev.read_swipe(Duration::from_secs(1));
        let store = CaKeyStore::builtin().without_rid(&[0xA0, 0, 0, 0, 0x03]);
        let flow = EmvFlow::new(TerminalData::now(), EmvFlow::default_aids()).with_ca_keys(store);
        let r = run_emv_flow(&mut rig.dev, flow, None);
        rig.dev.card_done(true).unwrap();
        let want = if card.apps[0].aid.starts_with("A000000003") {
            "DDA failed: no CA public key A000000003/F1 in the terminal".to_string()
        } else {
            format!("{} ok", oda_method(card))
        };
        assert_eq!(r.oda.to_string(), want, "{}", card.label);
    }
}
