//! `cardbench sim`, `ports`, `probe` and `read` as a technician runs them (real processes,
//! real ptys), with no full PAN anywhere in their output.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cardbench")
}

/// A background simulator process, killed on drop.
pub struct SimProc {
    child: Child,
    lines: BufReader<ChildStdout>,
    pub pty: String,
}

impl SimProc {
    pub fn start(args: &[&str]) -> SimProc {
        let mut child = Command::new(bin())
            .arg("sim")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        lines.read_line(&mut first).unwrap();
        assert!(first.starts_with("PTY /dev/"), "first line {first:?}");
        let pty = first.trim_end()["PTY ".len()..].to_string();
        SimProc { child, lines, pty }
    }

    /// The simulator's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The next `PTY` line (after a replug).
    pub fn next_pty(&mut self) -> String {
        let mut l = String::new();
        self.lines.read_line(&mut l).unwrap();
        assert!(l.starts_with("PTY /dev/"), "line {l:?}");
        l.trim_end()["PTY ".len()..].to_string()
    }
}

impl Drop for SimProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn run(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().unwrap()
}

pub use crate::shared::text;

pub fn assert_no_pan(o: &Output) {
    assert!(
        cardbench::sensitive::find_clear_pan(&text(o)).is_none(),
        "clear PAN in command output"
    );
}

#[test]
fn sim_prints_pty_first_and_serves_probe_and_read() {
    let sim = SimProc::start(&["msr605", "--baud", "115200"]);
    let dev = format!("msr605:{}", sim.pty);
    let o = run(&["probe", "--device", &dev]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("REVH2.31"), "{t}");
    assert!(t.contains("1+2+3"), "{t}");
    assert_no_pan(&o);
    let o = run(&["read", "--device", &dev, "--wait", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("622202*********0018"), "{t}");
    assert!(t.contains("track 3"), "{t}");
    // The cardholder name is personal data, shown only in `decode`: its length stays.
    assert!(t.contains("name *********  expiry 2812"), "{t}");
    assert_no_pan(&o);
    // The LED after the first read presented the next card.
    let o = run(&["read", "--device", &dev, "--wait", "5", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["pass"], serde_json::Value::Bool(true));
    let t = v.to_string();
    assert!(t.contains("621226*********0026"), "{t}");
    assert_no_pan(&o);
}

#[test]
fn read_from_the_in_process_simulator() {
    let o = run(&["read", "--device", "msr605:sim", "--wait", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("622202*********0018"));
    assert_no_pan(&o);
}

#[test]
fn msr605_has_no_chip() {
    let o = run(&["read", "--device", "msr605:sim", "--chip", "--wait", "1"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

#[test]
fn bad_address_and_missing_port_exit_2() {
    let o = run(&["probe", "--device", "nocolon"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["probe", "--device", "msr605:/dev/does-not-exist-cardbench"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn ports_runs() {
    let o = run(&["ports"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn link_is_published_and_repointed_after_replug() {
    let dir = tempfile::tempdir().unwrap();
    let scen = dir.path().join("unplug.toml");
    // One `cardbench read` = reset, comm test, reset, model, firmware, read, LED: 7 commands.
    let text_toml = cardbench::sim::scenario::MSR605_DEFAULT.replace(
        "[device.faults]\n",
        "[device.faults]\nunplug_after = 7\nreplug_after_ms = 300\n",
    );
    std::fs::write(&scen, text_toml).unwrap();
    let link = dir.path().join("usb-MSR605-if00");
    let mut sim = SimProc::start(&[
        "msr605",
        "--baud",
        "115200",
        "--scenario",
        scen.to_str().unwrap(),
        "--link",
        link.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_link(&link).unwrap().to_str().unwrap(),
        sim.pty
    );
    let dev = format!("msr605:{}", link.display());
    let o = run(&["read", "--device", &dev, "--wait", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t0 = Instant::now();
    let second = sim.next_pty();
    assert!(t0.elapsed() < Duration::from_secs(5));
    assert_eq!(std::fs::read_link(&link).unwrap().to_str().unwrap(), second);
    // Same deck position after the replug: the second card.
    let o = run(&["read", "--device", &dev, "--wait", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("621226*********0026"), "{}", text(&o));
    assert_no_pan(&o);
}

#[test]
fn crt310_acceptance_probe_and_chip_read() {
    let sim = SimProc::start(&["crt310", "--baud", "115200"]);
    let dev = format!("crt310:{}", sim.pty);
    let o = run(&["probe", "--device", &dev]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("CRT-310 V3.0"), "{}", text(&o));
    let o = run(&["read", "--device", &dev, "--chip", "--wait", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("A000000333010101"), "{t}");
    assert!(t.contains("622202*********0018"), "{t}");
    assert!(t.contains("chip = stripe  yes"), "{t}");
    assert_no_pan(&o);
    let o = run(&["read", "--device", &dev, "--chip", "--json", "--wait", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["chip"]["outcome"], "ok");
    assert_no_pan(&o);
}

#[test]
fn read_chip_fails_what_the_checklist_fails() {
    // Each fault scenario with its faulty card first: `read --chip` exits 1 and names the
    // checklist's failing row, as `run` would fail that card.
    for (scenario, defect, shown) in [
        ("crt310-bad-sda", "bad_sda", "SDA failed"),
        ("crt310-expired", "expired", "chip_expired"),
        ("crt310-iac-denial", "iac_denial", "offline_decline"),
    ] {
        let text_of = std::fs::read_to_string(format!(
            "{}/fixtures/scenarios/faults/{scenario}.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let mut parts = text_of.split("[[card]]");
        let head = parts.next().unwrap();
        let bad = parts.find(|c| c.contains(defect)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("first.toml");
        std::fs::write(&path, format!("{head}[[card]]{bad}")).unwrap();
        let dev = format!("crt310:sim:{}", path.display());
        let o = run(&["read", "--device", &dev, "--chip", "--wait", "5"]);
        assert_eq!(o.status.code(), Some(1), "{scenario}: {}", text(&o));
        assert!(text(&o).contains(shown), "{scenario}: {}", text(&o));
        assert_no_pan(&o);
    }
}

/// A reader that freezes during the chip read: `read --chip` names the reader and could not
/// run (exit 2), it does not blame the card (`outcome mute`, exit 1). A mute card on a reader
/// that still answers is the card's (exit 1).
#[test]
fn read_chip_on_a_reader_that_stops_answering_names_the_reader() {
    let o = run(&[
        "read",
        "--device",
        "crt310:sim:crt310-freeze",
        "--chip",
        "--wait",
        "5",
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(
        t.contains("the reader crt310:sim:crt310-freeze stopped answering"),
        "{t}"
    );
    assert!(!t.contains("outcome mute"), "{t}");
    let o = run(&[
        "--lang",
        "zh-CN",
        "read",
        "--device",
        "crt310:sim:crt310-freeze",
        "--chip",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("停止应答"), "{}", text(&o));
    let scenario = std::fs::read_to_string(format!(
        "{}/fixtures/scenarios/faults/crt310-mute.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut parts = scenario.split("[[card]]");
    let head = parts.next().unwrap();
    let mute = parts.find(|c| c.contains("CMB debit")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mute-first.toml");
    std::fs::write(&path, format!("{head}[[card]]{mute}")).unwrap();
    let dev = format!("crt310:sim:{}", path.display());
    let o = run(&["read", "--device", &dev, "--chip", "--wait", "5"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("mute"), "{}", text(&o));
}

/// The README workflow: `cardbench sim crt310` in one terminal, `doctor` on its pty in another.
/// The simulator keeps its own slave open; that is not "held by another program", and the
/// identity command is tried (it was skipped).
#[test]
fn doctor_on_the_simulators_own_pty_passes_and_asks_identity() {
    let sim = SimProc::start(&["crt310", "--baud", "115200"]);
    let dev = format!("crt310:{}", sim.pty);
    let o = Command::new(bin())
        .env("CARDBENCH_BAUD", "115200")
        .args(["--lang", "en", "doctor", "--device", &dev])
        .output()
        .unwrap();
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(
        t.contains("not in use: the pseudo-terminal of `cardbench sim`"),
        "{t}"
    );
    assert!(t.contains("identity: crt310 answered"), "{t}");
}
