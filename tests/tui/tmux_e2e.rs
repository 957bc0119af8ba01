//! End to end: `cardbench demo` inside a real terminal (tmux, 120×40). Waits for the
//! diagnosis, checks it names the faulty card(s) and the failing bank, switches to Chinese and
//! back with `l`, quits with `q` and checks the report folder it names. Every capture is
//! scanned for a full PAN.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub(crate) fn tmux(args: &[&str]) -> Option<String> {
    let out = Command::new("tmux").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub(crate) struct Session(pub(crate) String);

impl Drop for Session {
    fn drop(&mut self) {
        let _ = tmux(&["kill-session", "-t", &self.0]);
    }
}

fn capture(s: &Session) -> String {
    let text = tmux(&["capture-pane", "-p", "-t", &s.0]).unwrap_or_default();
    assert!(
        cardbench::sensitive::find_clear_pan(&text).is_none(),
        "a full PAN is on screen:\n{text}"
    );
    text
}

/// Polls the pane until `pred` holds, or panics with the last capture after `limit`.
pub(crate) fn wait_for(
    s: &Session,
    limit: Duration,
    what: &str,
    pred: impl Fn(&str) -> bool,
) -> String {
    let start = Instant::now();
    loop {
        let text = capture(s);
        if pred(&text) {
            return text;
        }
        if start.elapsed() > limit {
            panic!("timed out after {limit:?} waiting for {what}; last screen:\n{text}");
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// The text inside the focused (thick-bordered) panel: the diagnosis once the run is over.
fn focused_panel(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|l| {
            let a = l.find('┃')?;
            let b = l.rfind('┃')?;
            (b > a).then(|| l[a + '┃'.len_utf8()..b].to_string())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn demo_runs_to_a_diagnosis_in_tmux() {
    if tmux(&["-V"]).is_none() {
        eprintln!("SKIPPED: tmux is not installed (.ci/run installs it); the TUI end-to-end test did not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let bin = env!("CARGO_BIN_EXE_cardbench");
    let session = Session(format!("cardbench-e2e-{}", std::process::id()));
    let cmd = format!(
        "CARDBENCH_CONFIG='{cfg}' CARDBENCH_LOG_DIR='{logs}' '{bin}' demo --out '{out}'; echo EXIT=$?; sleep 120",
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

    // The run screen comes up quickly.
    wait_for(&session, Duration::from_secs(30), "the run screen", |t| {
        t.contains("Checklist") && t.contains("Link timeline")
    });
    // The whole checklist runs unattended and ends on the diagnosis.
    let screen = wait_for(&session, Duration::from_secs(240), "the diagnosis", |t| {
        t.contains("Run finished") && t.contains("Diagnosis")
    });
    let diag = focused_panel(&screen);
    assert!(
        diag.contains("BOC") || diag.contains("Bank of China"),
        "the failing bank is not named:\n{screen}"
    );
    assert!(
        diag.contains("ABC") || diag.contains("CMB"),
        "no faulty card is named:\n{screen}"
    );
    eprintln!("== demo screen at the end (120x40) ==\n{screen}");

    // `l`: every visible label switches to Chinese, and back.
    tmux(&["send-keys", "-t", &session.0, "l"]);
    let english = [
        "Checklist",
        "Link timeline",
        "Failed cards by bank",
        "Diagnosis",
        "Run finished",
        "quit",
    ];
    // tmux may be captured half-way through the redraw: wait until the frame has settled
    // (every label switched) rather than judging the first capture that shows some Chinese.
    let zh = wait_for(&session, Duration::from_secs(10), "Chinese labels", |t| {
        t.contains("检查清单") && !english.iter().any(|en| t.contains(en))
    });
    for en in english {
        assert!(
            !zh.contains(en),
            "English label {en:?} still visible in Chinese mode:\n{zh}"
        );
    }
    assert!(
        zh.contains("中国银行"),
        "the failing bank is not named in Chinese:\n{zh}"
    );
    tmux(&["send-keys", "-t", &session.0, "l"]);
    wait_for(
        &session,
        Duration::from_secs(10),
        "English labels again",
        |t| t.contains("Checklist") && !t.contains("检查清单"),
    );

    // `q` quits at once (the run is over) and names the report folder.
    tmux(&["send-keys", "-t", &session.0, "q"]);
    let end = wait_for(&session, Duration::from_secs(20), "the exit", |t| {
        t.contains("EXIT=")
    });
    assert!(
        end.contains("Reports:"),
        "the report folder is not named:\n{end}"
    );
    assert!(
        end.contains("EXIT=1") || end.contains("EXIT=0"),
        "the demo did not exit cleanly:\n{end}"
    );
    assert!(
        Path::new(&out).join("attempts.csv").is_file(),
        "no attempts.csv in {}",
        out.display()
    );
}
