//! Independent client: `msrx` (PyPI, oxplot/msrx, with pyserial) reads the MSR605 simulator.
//! msrx sends `ESC a`, then `ESC m`, expects `ESC s`, three `ESC n <len> <bytes>` tracks (it
//! bit-reverses every byte, then decodes LSB first until a zero character), `? FS`, `ESC 0`,
//! and prints the three tracks joined by `|` (sentinels and LRC character included).

use cardbench::codec::track::lrc_char;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How to run msrx: the script on PATH, else pip-install it; `None` = really unavailable.
fn msrx_command() -> Option<Vec<String>> {
    let works = |c: &[&str]| {
        Command::new(c[0])
            .args(&c[1..])
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    };
    if works(&["msrx"]) {
        return Some(vec!["msrx".into()]);
    }
    let _ = Command::new("python3")
        .args(["-m", "pip", "install", "-q", "msrx", "pyserial"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if works(&["msrx"]) {
        return Some(vec!["msrx".into()]);
    }
    None
}

#[test]
fn msrx_reads_the_presented_card_three_tracks() {
    let Some(msrx) = msrx_command() else {
        eprintln!("SKIPPED: msrx (PyPI) is not installed and `python3 -m pip install msrx pyserial` failed");
        return;
    };
    let sc = crate::msr605::default_scenario();
    // The simulator keeps the slave open in its session, so msrx closing its end does not
    // hang up the master.
    let run = crate::msr605::serve_scenario(&sc, 9600);
    let pty = run.path().to_string();
    let t0 = Instant::now();
    let mut child = Command::new(&msrx[0])
        .args(&msrx[1..])
        .args(["-D", &pty, "read"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("msrx did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    drop(run);
    assert!(
        out.status.success(),
        "msrx failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let card = &sc.cards[0];
    let expected: Vec<String> = (1..=3u8)
        .map(|n| match card.track_text(n) {
            Some(t) => format!("{t}{}", lrc_char(n, &t)),
            None => String::new(),
        })
        .collect();
    let got: Vec<&str> = stdout.split('|').collect();
    assert_eq!(got.len(), 3, "msrx printed {} fields", got.len());
    for (i, e) in expected.iter().enumerate() {
        // Compare without printing card data on failure.
        assert!(
            got[i] == e,
            "track {}: msrx read {} chars, expected {} chars",
            i + 1,
            got[i].len(),
            e.len()
        );
    }
}

/// Runs msrx with `args` against `pty` (20 s limit); returns its stdout.
fn msrx_run(msrx: &[String], pty: &str, args: &[&str]) -> String {
    let t0 = Instant::now();
    let mut child = Command::new(&msrx[0])
        .args(&msrx[1..])
        .args(["-D", pty])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("msrx {} did not finish in 20 s", args[0]);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "msrx {} failed: {}",
        args[0],
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// msrx as the oracle for the write side: its raw write (`ESC n`, LSB-first bytes) and its
/// erase (`ESC c` bit mask) answer `ESC 0` after the (presented) card, and its own read gives
/// back what it wrote.
#[test]
fn msrx_writes_and_erases_the_presented_card() {
    let Some(msrx) = msrx_command() else {
        eprintln!("SKIPPED: msrx (PyPI) is not installed and `python3 -m pip install msrx pyserial` failed");
        return;
    };
    let sc = crate::msr605::default_scenario();
    let run = crate::msr605::serve_scenario(&sc, 9600);
    let pty = run.path().to_string();
    let t2 = ";4000001234567899=30121011234500000?";
    let written = format!("{t2}{}", lrc_char(2, t2));
    msrx_run(&msrx, &pty, &["write", "-d", &format!("|{written}|")]);
    let got = msrx_run(&msrx, &pty, &["read"]);
    let tracks: Vec<&str> = got.split('|').collect();
    assert_eq!(tracks.len(), 3);
    assert!(tracks[1] == written, "track 2 read back differs");
    // Track 1 was not written (empty = keep).
    assert!(!tracks[0].is_empty());
    msrx_run(&msrx, &pty, &["erase", "-t", "2"]);
    let got = msrx_run(&msrx, &pty, &["read"]);
    let tracks: Vec<&str> = got.split('|').collect();
    assert_eq!(tracks[1], "");
    assert!(!tracks[0].is_empty());
    drop(run);
}
