//! An outside client plays the terminal (tests/net/pos_client.py: its own CUPS packing, psec
//! for the cryptography) against `cardbench run --device pos8583:tcp-listen:…`: it signs on
//! with the test master key printed in docs/pos.md, checks the working keys' check values,
//! verifies the 0210's MAC, sends a purchase MACed with the delivered key and a PIN block of
//! the deck's PIN, and settles. The bench's rows say the MAC was right and the PIN correct.
//! Skips loudly only when psec can neither be imported nor installed.

use super::psec::{have_psec, skip};
use cardbench::checklist::{BenchEvent, RunPlan};
use cardbench::device::DeviceAddress;
use cardbench::model::{Attempt, Outcome, Signal};
use std::process::Command;
use std::time::Duration;

const PAN: &str = "6212260000000000026";
const DECK: &str = r#"[deck]
name = "outside-client"
[[card]]
label = "ICBC debit"
bank = "ICBC"
scheme = "UnionPay"
interfaces = ["swipe"]
pin = "123456"
"#;

/// The 32 hex digits on the docs/pos.md line that names the test master key.
fn documented_test_master_key() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/pos.md")).unwrap();
    let line = doc
        .lines()
        .find(|l| {
            l.contains("test master key")
                && l.matches(|c: char| c.is_ascii_hexdigit()).count() >= 32
        })
        .expect("docs/pos.md names the test master key");
    line.split(|c: char| !c.is_ascii_hexdigit())
        .find(|w| w.len() == 32)
        .expect("32 hex digits on one line")
        .to_string()
}

#[test]
fn an_outside_terminal_signs_on_macs_and_types_the_deck_pin() {
    if !have_psec() {
        return skip("psec cannot be imported or installed: the outside-client test did not run");
    }
    let tmk = documented_test_master_key();
    assert_eq!(tmk, cardbench::host::keys::TEST_MASTER_KEY);
    let d = tempfile::tempdir().unwrap();
    let deck = d.path().join("deck.toml");
    std::fs::write(&deck, DECK).unwrap();
    let mut plan =
        RunPlan::defaults(DeviceAddress::parse("pos8583:tcp-listen:127.0.0.1:0").unwrap());
    plan.out_dir = d.path().join("R");
    plan.deck = Some(deck.display().to_string());
    plan.prompt_timeout = Duration::from_secs(20);
    let h = cardbench::checklist::start(plan);
    let mut client = None;
    let mut rows: Vec<Attempt> = Vec::new();
    for ev in h.events.iter() {
        match ev {
            BenchEvent::Started(start) => {
                let device = &start.device;
                let port = device
                    .rsplit("127.0.0.1:")
                    .next()
                    .and_then(|p| p.trim_end_matches(')').parse::<u16>().ok())
                    .unwrap_or_else(|| panic!("no port in {device}"));
                let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/net/pos_client.py");
                let (tmk, port) = (tmk.clone(), port.to_string());
                client = Some(std::thread::spawn(move || {
                    Command::new("python3")
                        .args(["-W", "ignore", script, &port, &tmk, PAN, "123456"])
                        .output()
                        .unwrap()
                }));
            }
            BenchEvent::Attempt { row, .. } => rows.push(*row),
            BenchEvent::Finished { .. } | BenchEvent::Aborted(_) => break,
            _ => {}
        }
    }
    let out = client.expect("the run started").join().unwrap();
    let _ = h.thread.join();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Sign-on: keys under the test master key, each matching its check value.
    assert_eq!(
        (r["signon_mti"].as_str(), r["signon_rc"].as_str()),
        (Some("0810"), Some("00"))
    );
    assert_eq!(r["de62_len"], 60);
    for k in ["kcv_pik", "kcv_mak", "kcv_tdk"] {
        assert_eq!(r[k], true, "{k}: {r}");
    }
    // MACs agree both ways: the host accepted the client's (no A0) and the client the host's.
    assert_eq!(
        (r["sale_mti"].as_str(), r["sale_rc"].as_str()),
        (Some("0210"), Some("00")),
        "{r}"
    );
    assert_eq!(r["reply_mac_ok"], true, "{r}");
    assert_eq!(
        (r["settle_rc"].as_str(), r["settle_flag"].as_str()),
        (Some("00"), Some("1"))
    );
    // The bench's own rows: the sale's MAC valid and the PIN block decrypting to the deck PIN.
    let sale = rows.iter().find(|a| a.step == "sale").expect("a sale row");
    assert_eq!(
        (sale.outcome, &sale.signal),
        (Outcome::Pass, &Signal::Ok),
        "{sale:?}"
    );
    assert!(
        sale.detail.contains("MAC ok, PIN correct"),
        "{}",
        sale.detail
    );
    for step in ["sign-on", "settlement"] {
        let a = rows.iter().find(|a| a.step == step).unwrap();
        assert_eq!(a.outcome, Outcome::Pass, "{a:?}");
    }
    // Terminal ID and merchant ID in the rows.
    assert_eq!(sale.serial, "20000001");
    assert!(sale.model.contains("898100012340001"));
}
