//! Run integrity on the screen (issue 16): a run in the TUI (tmux, a real terminal) stopped by
//! `q` (confirmed), by Ctrl-C and by SIGTERM ends with every report written, `run.toml`
//! saying "stopped by operator", and the cards it did not reach "NOT TESTED".

use super::tmux_e2e::{tmux, wait_for, Session};
use std::path::Path;
use std::time::{Duration, Instant};

/// The pid of the `cardbench` process whose parent is `parent` (the pane's shell).
fn child_pid(parent: u32) -> Option<u32> {
    for e in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // pid (comm) state ppid …
        let Some((comm, rest)) = stat.split_once(") ") else {
            continue;
        };
        let ppid = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok());
        if comm.ends_with("(cardbench") && ppid == Some(parent) {
            return Some(pid);
        }
    }
    None
}

fn stop_in_tmux(how: &str) {
    if tmux(&["-V"]).is_none() {
        eprintln!("SKIPPED: tmux is not installed (.ci/run installs it); the TUI stop test ({how}) did not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let bin = env!("CARGO_BIN_EXE_cardbench");
    let session = Session(format!(
        "cardbench-stop-{}-{}",
        how.replace('-', ""),
        std::process::id()
    ));
    let cmd = format!(
        "CARDBENCH_BAUD=9600 CARDBENCH_CONFIG='{cfg}' CARDBENCH_LOG_DIR='{logs}' '{bin}' --lang en run --device crt310:sim --operator tester --out '{out}'; echo EXIT=$?; sleep 120",
        cfg = dir.path().join("tui.toml").display(),
        logs = dir.path().join("logs").display(),
        out = out.display(),
    );
    let ok = tmux(&[
        "new-session",
        "-d",
        "-s",
        &session.0,
        "-x",
        "120",
        "-y",
        "40",
        "sh",
        "-c",
        &cmd,
    ]);
    assert!(ok.is_some(), "tmux new-session failed");
    // Wait until the first card has a result, well before the last.
    wait_for(&session, Duration::from_secs(60), "the first result", |t| {
        t.contains("running") && (t.contains("PASS") || t.contains("FAIL"))
    });
    match how {
        "q" => {
            tmux(&["send-keys", "-t", &session.0, "q"]);
            wait_for(&session, Duration::from_secs(10), "the quit dialog", |t| {
                t.contains("y") && (t.contains("Quit") || t.contains("quit"))
            });
            tmux(&["send-keys", "-t", &session.0, "y"]);
        }
        "ctrl-c" => {
            tmux(&["send-keys", "-t", &session.0, "C-c"]);
        }
        _ => {
            let pane = tmux(&["display-message", "-p", "-t", &session.0, "#{pane_pid}"])
                .and_then(|p| p.trim().parse::<u32>().ok())
                .expect("pane pid");
            let pid = child_pid(pane).expect("the cardbench process");
            let st = std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()
                .unwrap();
            assert!(st.success());
        }
    }
    let screen = wait_for(&session, Duration::from_secs(30), "the exit", |t| {
        t.contains("EXIT=")
    });
    // Stopped with nothing failed: incomplete, exit 2, as a headless run (docs/report-format.md
    // "A run that did not finish").
    assert!(screen.contains("EXIT=2"), "{screen}");
    assert!(screen.contains("Reports:"), "{screen}");
    check_stopped(&out, how);
}

fn check_stopped(out: &Path, how: &str) {
    let start = Instant::now();
    let record = loop {
        let r = cardbench::report::RunRecord::read(out);
        match r {
            Ok(r) if r.is_over() => break r,
            _ if start.elapsed() > Duration::from_secs(10) => panic!("run.toml not ended: {r:?}"),
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    assert_eq!(record.end, "stopped by operator", "{how}: {record:?}");
    assert_eq!(record.operator, "tester");
    for f in cardbench::report::RUN_FILES {
        assert!(out.join(f).is_file(), "{how}: {f} missing");
    }
    let cards = std::fs::read_to_string(out.join("cards.csv")).unwrap();
    let mut r = csv::Reader::from_reader(cards.as_bytes());
    let i = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "outcome")
        .unwrap();
    let outcomes: Vec<String> = r.records().map(|x| x.unwrap()[i].to_string()).collect();
    assert_eq!(outcomes.len(), record.deck.cards, "{cards}");
    assert_eq!(
        outcomes.last().map(String::as_str),
        Some("NOT TESTED"),
        "{how}:\n{cards}"
    );
    assert!(!outcomes.iter().any(|o| o == "SKIP"), "{how}:\n{cards}");
}

#[test]
fn q_stops_a_tui_run_with_every_report_written() {
    stop_in_tmux("q");
}

#[test]
fn ctrl_c_stops_a_tui_run_with_every_report_written() {
    stop_in_tmux("ctrl-c");
}

#[test]
fn sigterm_stops_a_tui_run_with_every_report_written() {
    stop_in_tmux("term");
}
