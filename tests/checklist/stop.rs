//! Run integrity (issue 16): a reused `--out` is refused and the first run's files stay as they
//! were; a headless run stopped by Ctrl-C (SIGINT) or SIGTERM writes every summary, records
//! "stopped by operator" in `run.toml`, and marks the cards it did not reach "NOT TESTED",
//! never SKIP.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn run_cmd(out: &Path, baud: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cardbench"));
    c.env("CARDBENCH_BAUD", baud)
        .args([
            "--lang",
            "en",
            "run",
            "--device",
            "crt310:sim",
            "--headless",
        ])
        .args(["--operator", "Li Wei", "--ticket", "RMA-7"])
        .arg("--out")
        .arg(out);
    c
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn column(csv_text: &str, name: &str) -> Vec<String> {
    let mut r = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let i = r.headers().unwrap().iter().position(|h| h == name).unwrap();
    r.records().map(|rec| rec.unwrap()[i].to_string()).collect()
}

#[test]
fn a_reused_out_folder_is_refused_and_nothing_is_mixed() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("t1");
    let first = run_cmd(&out, "115200").output().unwrap();
    assert!(matches!(first.status.code(), Some(0 | 1)), "{first:?}");
    let before: Vec<(String, Vec<u8>)> = cardbench::report::RUN_FILES
        .iter()
        .map(|n| (n.to_string(), std::fs::read(out.join(n)).unwrap()))
        .collect();
    let record = cardbench::report::RunRecord::read(&out).unwrap();
    assert_eq!(record.end, "complete");
    assert_eq!(
        (record.operator.as_str(), record.ticket.as_str()),
        ("Li Wei", "RMA-7")
    );

    let second = run_cmd(&out, "115200").output().unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("already holds"), "{stderr}");
    // Byte for byte what the first run left: no appended rows, no overwritten summary.
    for (name, bytes) in before {
        assert_eq!(
            std::fs::read(out.join(&name)).unwrap(),
            bytes,
            "{name} changed"
        );
    }
    // A link planted as the folder is refused too.
    let link = d.path().join("link");
    std::os::unix::fs::symlink(&out, &link).unwrap();
    let third = run_cmd(&link, "115200").output().unwrap();
    assert_eq!(third.status.code(), Some(2));
}

/// Starts a slow run (9600 baud), waits for the first card's attempt line, sends `signal`,
/// and checks what the folder says.
fn stop_with(signal: &str) {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("stopped");
    let mut child = run_cmd(&out, "9600")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut seen = String::new();
    let start = Instant::now();
    for line in lines.by_ref() {
        let line = line.unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if line.starts_with("[1/") || start.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    assert!(seen.contains("[1/"), "no attempt line:\n{seen}");
    let killed = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    for line in lines {
        seen.push_str(&line.unwrap());
        seen.push('\n');
    }
    let status = child.wait().unwrap();
    // Stopped with nothing failed: incomplete, exit 2 (docs/report-format.md "A run that did
    // not finish"); it never says "no fault found" without "in the checks that ran".
    assert_eq!(status.code(), Some(2), "{seen}");
    assert!(seen.contains("stop requested"), "{seen}");
    assert!(
        seen.contains("INCOMPLETE: not every check ran (stopped by the operator)"),
        "{seen}"
    );
    assert!(
        seen.contains("no fault found in the checks that ran"),
        "{seen}"
    );
    assert!(seen.contains("Not tested: card "), "{seen}");
    assert!(!seen.contains("FAIL: "), "{seen}");
    let html = read(&out, "report.html");
    assert!(
        html.contains("Incomplete (stopped by the operator)"),
        "{html}"
    );

    for f in cardbench::report::RUN_FILES {
        assert!(out.join(f).is_file(), "{f} missing after {signal}");
    }
    let record = cardbench::report::RunRecord::read(&out).unwrap();
    assert_eq!(record.end, "stopped by operator", "{record:?}");
    assert!(!record.ended.is_empty());
    assert!(record.counts.cards_not_tested > 0, "{record:?}");
    let toml = read(&out, "run.toml");
    assert!(toml.contains("end = \"stopped by operator\""), "{toml}");

    let cards = read(&out, "cards.csv");
    let outcomes = column(&cards, "outcome");
    assert_eq!(
        outcomes.len(),
        record.deck.cards,
        "one row per card:\n{cards}"
    );
    assert!(outcomes.iter().any(|o| o == "NOT TESTED"), "{cards}");
    // A card never reached is never a SKIP (nor a PASS).
    let last = outcomes.last().unwrap();
    assert_eq!(last, "NOT TESTED", "{cards}");
    let banks = read(&out, "banks.csv");
    assert!(banks.contains("not tested"), "{banks}");
}

#[test]
fn ctrl_c_stops_a_headless_run_with_every_report_written() {
    stop_with("-INT");
}

#[test]
fn sigterm_stops_a_headless_run_with_every_report_written() {
    stop_with("-TERM");
}
