//! `cardbench doctor`: one line per check, exit 0 / 1 / 2.

use cardbench::doctor::{check_serial_path, Identity, Level};
use cardbench::link::pty_pair;
use serialport::SerialPort;
use std::process::Command;

fn doctor(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .arg("doctor")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn missing_port_fails_with_a_fix() {
    let (code, text) = doctor(&["--device", "crt310:/dev/serial/by-id/usb-nothing-here"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("FAIL  exists: /dev/serial/by-id/usb-nothing-here"),
        "{text}"
    );
    assert!(text.contains("— fix: "), "{text}");
}

#[test]
fn a_port_held_by_another_process_is_named() {
    let (_master, slave) = pty_pair().unwrap();
    let path = slave.name().unwrap();
    // The test process holds the pty; the doctor (a child process) must see it.
    let (code, text) = doctor(&["--device", &format!("crt310:{path}")]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("OK    exists: "), "{text}");
    assert!(text.contains("FAIL  not in use: held by "), "{text}");
    assert!(
        text.contains(&format!("(pid {})", std::process::id())),
        "{text}"
    );
}

#[test]
fn a_free_port_passes_local_checks() {
    let (_master, slave) = pty_pair().unwrap();
    let path = slave.name().unwrap();
    // In-process, our own descriptors do not count as "another process".
    let checks = check_serial_path(&path, &Identity::current());
    let names: Vec<&str> = checks.iter().map(|c| c.check.as_str()).collect();
    assert_eq!(
        names,
        [
            "exists",
            "permissions",
            "not in use",
            "ModemManager",
            "latency timer"
        ]
    );
    for c in &checks {
        assert_ne!(c.level, Level::Fail, "{c}");
    }
    assert!(checks[4].finding.contains("not a USB-serial adapter"));
}

#[test]
fn a_raw_port_is_not_rfc2217() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        // Accept and stay silent, as a raw ser2net port does.
        let (mut s, _) = l.accept().unwrap();
        let mut buf = [0u8; 64];
        while matches!(std::io::Read::read(&mut s, &mut buf), Ok(n) if n > 0) {}
    });
    let (code, text) = doctor(&["--device", &format!("crt310:rfc2217://127.0.0.1:{port}")]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("FAIL  rfc2217: "), "{text}");
    assert!(text.contains("COM-PORT-OPTION"), "{text}");
    h.join().unwrap();
}

#[test]
fn bad_address_cannot_run() {
    let (code, _) = doctor(&["--device", "nocolon"]);
    assert_eq!(code, Some(2));
}

#[test]
fn without_a_device_it_lists_and_checks() {
    let (code, text) = doctor(&[]);
    assert!(matches!(code, Some(0) | Some(1)), "{text}");
    assert!(!text.is_empty());
}

#[test]
fn the_simulator_answers_its_identity() {
    let (code, text) = doctor(&["--device", "crt310:sim"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("OK    identity: crt310 answered: model CRT-310"),
        "{text}"
    );
}

#[test]
fn a_refused_connection_says_to_check_ser2net() {
    // A port nothing listens on: bind, read the number, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for scheme in ["tcp", "rfc2217"] {
        let (code, text) = doctor(&["--device", &format!("crt310:{scheme}://127.0.0.1:{port}")]);
        assert_eq!(code, Some(1), "{text}");
        assert!(text.contains("ser2net is running"), "{scheme}: {text}");
        assert!(text.contains("listening on that port"), "{scheme}: {text}");
    }
}

/// Issue 17: `doctor --lang zh-CN` says everything in Chinese — a simulator that answers, a
/// missing port, a reader that stays silent, an unknown profile, refused and silent network
/// ports. Commands to type, file and group names stay as they are (in `backquotes`).
#[test]
fn doctor_in_chinese_has_no_english_words() {
    let refused = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    std::thread::spawn(move || {
        // Accept and stay silent, as a raw ser2net port does.
        for s in silent.incoming().flatten() {
            let mut s = s;
            let mut buf = [0u8; 64];
            while matches!(std::io::Read::read(&mut s, &mut buf), Ok(n) if n > 0) {}
        }
    });
    // A port nobody answers on: the test keeps the master side, the doctor opens the other.
    let (_master, slave) = pty_pair().unwrap();
    let pty = slave.name().unwrap();
    drop(slave);
    let devices = [
        "crt310:sim".to_string(),
        "crt310:/dev/serial/by-id/usb-nothing-here".to_string(),
        format!("crt310:{pty}"),
        format!("crt310:tcp://127.0.0.1:{refused}"),
        format!("crt310:rfc2217://127.0.0.1:{refused}"),
        format!("crt310:rfc2217://127.0.0.1:{silent_port}"),
    ];
    for d in devices {
        let out = Command::new(env!("CARGO_BIN_EXE_cardbench"))
            .args(["--lang", "zh-CN", "doctor", "--device", &d])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(matches!(out.status.code(), Some(0 | 1)), "{d}: {text}");
        assert!(
            text.contains("正常") || text.contains("失败"),
            "{d}: {text}"
        );
        let words = crate::english::english_words(&text);
        assert!(words.is_empty(), "{d}: English {words:?} in:\n{text}");
    }
    // A mistyped profile is refused before any check (exit 2), in Chinese too.
    let out = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args([
            "--lang",
            "zh-CN",
            "doctor",
            "--device",
            &format!("crt-310:{pty}"),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("未知的设备类型"), "{err}");
    let words = crate::english::english_words(&err);
    assert!(words.is_empty(), "English {words:?} in:\n{err}");
}
