//! Crash safety: a run killed with SIGKILL half-way keeps every attempt it reported, and
//! attempts.csv still parses.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn sigkill_half_way_keeps_every_reported_attempt() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("killed");
    // 9600 baud (the real line speed) and three swipes: slow enough to kill half-way.
    let mut child = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .env("CARDBENCH_BAUD", "9600")
        .args([
            "run",
            "--device",
            "msr605:sim",
            "--headless",
            "--swipes",
            "3",
            "--out",
        ])
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut reported: Vec<String> = Vec::new();
    let start = Instant::now();
    let mut lines = BufReader::new(stdout).lines();
    while let Some(Ok(line)) = lines.next() {
        if line.starts_with('[') {
            reported.push(line);
        }
        if reported.len() >= 7 || start.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(
        reported.len() >= 7,
        "the run ended before it could be killed: {reported:#?}"
    );
    let rows = cardbench::report::read_attempts(&out.join("attempts.csv")).unwrap();
    assert!(
        rows.len() >= reported.len(),
        "{} rows for {} reported",
        rows.len(),
        reported.len()
    );
    assert!(rows.len() < 8 * 4, "the run finished before the kill");
    for (line, row) in reported.iter().zip(&rows) {
        assert!(line.contains(&row.step), "{line} vs {row:?}");
        assert!(line.contains(row.outcome.as_str()), "{line} vs {row:?}");
        assert!(line.contains(&row.masked_pan), "{line} vs {row:?}");
    }
}
