//! Independent oracle for the bench's payment cryptography: PyPI `psec` recomputes check
//! values, X9.19 MACs, key wrapping under a master key and ISO 9564 format-0 PIN blocks on
//! values the bench produced (fresh random keys each run). Skips loudly only when psec can
//! neither be imported nor installed.

use cardbench::crypto::mac::{mac, MacAlgorithm};
use cardbench::crypto::pin::{encode_iso0, encrypt_iso0};
use cardbench::crypto::{Key, KeyKind, Pin};
use cardbench::hexfmt::hex;
use std::io::Write;
use std::process::{Command, Stdio};

/// Whether `python3 -c "import psec"` works (installing psec once if it does not).
pub fn have_psec() -> bool {
    let ok = || {
        Command::new("python3")
            .args(["-W", "ignore", "-c", "import psec"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ok() {
        return true;
    }
    let _ = Command::new("python3")
        .args(["-m", "pip", "install", "-q", "psec"])
        .output();
    ok()
}

pub fn skip(why: &str) {
    eprintln!("!!!!!!!! SKIPPED: {why} !!!!!!!!");
}

/// Runs a python script with `stdin`, returns its stdout (deprecation warnings silenced).
pub fn python(script: &str, stdin: &str) -> String {
    let mut child = Command::new("python3")
        .args(["-W", "ignore", "-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const ORACLE: &str = r#"
import sys, psec
tmk, pik, mak2, pan, pin, mab, wrapped = sys.stdin.read().split()
b = bytes.fromhex
print(psec.des.generate_kcv(b(tmk), 4).hex().upper())
print(psec.des.generate_kcv(b(pik), 4).hex().upper())
print(psec.des.decrypt_tdes_ecb(b(tmk), b(wrapped)).hex().upper())
k = b(mak2)
print(psec.mac.generate_retail_mac(k[:8], k[8:], b(mab), 1).hex().upper())
clear = psec.pinblock.encode_pinblock_iso_0(pin, pan)
print(clear.hex().upper())
print(psec.des.encrypt_tdes_ecb(b(pik), clear).hex().upper())
"#;

#[test]
fn psec_agrees_on_check_values_macs_and_pin_blocks() {
    if !have_psec() {
        return skip("psec cannot be imported or installed: crypto oracle not run");
    }
    for _ in 0..5 {
        let tmk = Key::random(KeyKind::Tdes2).unwrap();
        let pik = Key::random(KeyKind::Tdes2).unwrap();
        let mak = Key::random(KeyKind::Tdes2).unwrap();
        let pan = "6222020000000007";
        let pin = Pin::new("314159").unwrap();
        let mab = b"0200\x30\x20\x04\x80\x00\xC0\x80\x15 a message body of odd length";
        let wrapped = pik.wrap(&tmk).unwrap();
        let input = [
            hex(tmk.expose_secret()),
            hex(pik.expose_secret()),
            hex(mak.expose_secret()),
            pan.to_string(),
            "314159".to_string(),
            hex(mab),
            hex(&wrapped),
        ]
        .join(" ");
        let out = python(ORACLE, &input);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], tmk.check_value().to_string());
        assert_eq!(lines[1], pik.check_value().to_string());
        assert_eq!(lines[2], hex(pik.expose_secret()), "unwrapped PIN key");
        assert_eq!(
            lines[3],
            hex(&mac(MacAlgorithm::X919, &mak, mab).unwrap()),
            "X9.19"
        );
        assert_eq!(lines[4], hex(&encode_iso0(&pin, pan).unwrap()));
        assert_eq!(lines[5], hex(&encrypt_iso0(&pik, &pin, pan).unwrap()));
    }
}
