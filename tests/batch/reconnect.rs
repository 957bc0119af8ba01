//! Pull-and-replug mid-batch: an external `cardbench sim --link` closes its line after N
//! commands and comes back on a new pty under the same link; the batch reopens it by that
//! stable name, the terminal completes with nothing lost, and the others are not disturbed.

use super::batch::{assert_no_clear_pan, crate_dir, read_attempts, read_csv};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An external simulator process, killed on drop.
pub struct SimProc(pub Child);

impl Drop for SimProc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `cardbench sim PROFILE --scenario F --link LINK --baud 115200`, waits for its
/// `PTY <path>` line and returns it with the path.
pub fn start_sim(profile: &str, scenario: Option<&Path>, link: Option<&Path>) -> (SimProc, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cardbench"));
    cmd.args(["sim", profile, "--baud", "115200"]);
    if let Some(s) = scenario {
        cmd.arg("--scenario").arg(s);
    }
    if let Some(l) = link {
        cmd.arg("--link").arg(l);
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let proc = SimProc(child);
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    // Keep reading: the simulator prints a new `PTY` line after each replug, and a closed
    // pipe would make that write fail.
    std::thread::spawn(move || {
        let mut rest = String::new();
        while matches!(reader.read_line(&mut rest), Ok(n) if n > 0) {
            rest.clear();
        }
    });
    let pty = line
        .trim()
        .strip_prefix("PTY ")
        .unwrap_or_default()
        .to_string();
    assert!(pty.starts_with("/dev/"), "first line {line:?}");
    if let Some(l) = link {
        let deadline = Instant::now() + Duration::from_secs(3);
        while !l.exists() {
            assert!(Instant::now() < deadline, "link never appeared");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    (proc, pty)
}

type Check = (String, String, String);

fn checks(rows: &[cardbench::model::Attempt]) -> BTreeSet<Check> {
    rows.iter()
        .filter(|a| a.outcome != cardbench::model::Outcome::Error)
        .map(|a| {
            (
                a.card_label.clone(),
                a.interface.to_string(),
                a.step.clone(),
            )
        })
        .collect()
}

#[test]
fn pulled_terminal_reconnects_and_completes() {
    let d = tempfile::tempdir().unwrap();
    let link = d.path().join("by-id-reader-A");
    let scenario = crate_dir().join("fixtures/scenarios/faults/crt310-unplug.toml");
    let (_sim, _first_pty) = start_sim("crt310", Some(&scenario), Some(&link));

    let out = d.path().join("batch");
    let o = crate::shared::cardbench()
        .args(["batch", "--swipes", "1", "--device"])
        .arg(format!("crt310:{}", link.display()))
        .args(["--device", "crt310:sim", "--device", "msr605:sim", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let log = crate::shared::text(&o);
    assert!(matches!(o.status.code(), Some(0) | Some(1)), "{log}");
    assert!(log.contains("T01: device lost"), "{log}");
    assert!(log.contains("T01: reconnected"), "{log}");
    // The simulator came back under the same link (the kernel may reuse the pty number).
    assert!(std::fs::read_link(&link).is_ok(), "link gone");

    let rows = read_csv(&out.join("terminals.csv"));
    assert_eq!(rows.len(), 3);
    let pulled = &rows[0];
    assert_ne!(pulled["verdict"], "ERROR", "{pulled:?}\n{log}");
    assert!(pulled["note"].contains("device lost"), "{pulled:?}");
    assert!(pulled["note"].contains("reconnected"), "{pulled:?}");
    assert_eq!(pulled["serial"], "SIM310-0001");
    // The others are not disturbed.
    for r in &rows[1..] {
        assert_eq!(r["verdict"], "PASS", "{r:?}\n{log}");
        assert!(!r["note"].contains("lost"), "{r:?}");
    }

    // Nothing lost: the pulled terminal recorded every check the healthy CRT-310 recorded,
    // plus the ERROR rows of the interrupted steps.
    let pulled_rows = read_attempts(&Path::new(&pulled["report_dir"]).join("attempts.csv"));
    let healthy_rows = read_attempts(&Path::new(&rows[1]["report_dir"]).join("attempts.csv"));
    let missing: Vec<_> = checks(&healthy_rows)
        .difference(&checks(&pulled_rows))
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "checks lost after the replug: {missing:?}"
    );
    let lost_rows: Vec<_> = pulled_rows
        .iter()
        .filter(|a| a.signal.code() == "device_lost")
        .collect();
    assert!(!lost_rows.is_empty());
    assert!(lost_rows
        .iter()
        .all(|a| a.outcome == cardbench::model::Outcome::Error));
    // The batch-wide file has them too.
    let all = read_attempts(&out.join("attempts.csv"));
    assert_eq!(
        all.iter().filter(|a| a.station == "T01").count(),
        pulled_rows.len()
    );
    assert_no_clear_pan(&out);
}
