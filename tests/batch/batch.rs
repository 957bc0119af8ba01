//! `cardbench batch` end to end: 8 simulated terminals at once (one faulty, one with the wrong
//! serial number), unattended; terminals.csv verdicts and families; the batch-wide CSVs.

use cardbench::batch::stations::parse_stations;
use cardbench::model::Attempt;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub use crate::shared::read_csv;

pub fn read_attempts(path: &Path) -> Vec<Attempt> {
    cardbench::report::read_attempts(path).unwrap()
}

/// Every file under `dir` is free of full card numbers.
pub fn assert_no_clear_pan(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                assert!(
                    cardbench::sensitive::find_clear_pan(&text).is_none(),
                    "clear PAN in {}",
                    p.display()
                );
            }
        }
    }
}

#[test]
fn eight_terminals_unattended() {
    let d = tempfile::tempdir().unwrap();
    let faults = crate_dir().join("fixtures/scenarios/faults");
    let stations = format!(
        r#"
[[station]]
device = "crt310:sim"
label = "crt-A"
expect_model = "crt-310"
expect_serial = "SIM310-0001"

[[station]]
device = "crt310:sim"
label = "crt-B"

[[station]]
device = "crt310:sim"
label = "crt-wrong-serial"
expect_serial = "SIM310-9999"

[[station]]
device = "msr605:sim:{}"
label = "msr-dead-track"

[[station]]
device = "msr605:sim"
label = "msr-A"

[[station]]
device = "msr605:sim"
label = "msr-B"
"#,
        faults.join("msr605-dead-track.toml").display()
    );
    // The stations file parses on its own (labels, expectations).
    assert_eq!(parse_stations(&stations, "t").unwrap().len(), 6);
    let sf = d.path().join("stations.toml");
    std::fs::write(&sf, stations).unwrap();
    let out = d.path().join("batch");
    let o = crate::shared::cardbench()
        .args(["batch", "--swipes", "1", "--stations"])
        .arg(&sf)
        .args(["--device", "crt310:sim", "--device", "msr605:sim", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let log = crate::shared::text(&o);
    assert_eq!(o.status.code(), Some(1), "{log}");
    assert!(
        log.contains("8 terminals: 6 PASS, 2 FAIL, 0 ERROR"),
        "{log}"
    );

    let rows = read_csv(&out.join("terminals.csv"));
    assert_eq!(rows.len(), 8, "{rows:?}");
    let by: BTreeMap<&str, &BTreeMap<String, String>> =
        rows.iter().map(|r| (r["label"].as_str(), r)).collect();
    let labels: Vec<&str> = rows.iter().map(|r| r["label"].as_str()).collect();
    assert_eq!(
        labels,
        [
            "crt-A",
            "crt-B",
            "crt-wrong-serial",
            "msr-dead-track",
            "msr-A",
            "msr-B",
            "T07",
            "T08"
        ]
    );
    for l in ["crt-A", "crt-B", "msr-A", "msr-B", "T07", "T08"] {
        assert_eq!(by[l]["verdict"], "PASS", "{l}: {:?}", by[l]);
        assert_eq!(by[l]["family"], "");
        assert_eq!(by[l]["action"], "");
    }
    // Identity is read from the device.
    assert_eq!(by["crt-A"]["model"], "CRT-310");
    assert_eq!(by["crt-A"]["serial"], "SIM310-0001");
    assert_eq!(by["msr-A"]["profile"], "msr605");
    assert!(by["msr-A"]["model"].starts_with("MSR605"));

    let dead = by["msr-dead-track"];
    assert_eq!(dead["verdict"], "FAIL");
    assert_eq!(dead["family"], "TERM-HW", "{dead:?}");
    assert!(!dead["failing_checks"].is_empty());
    // In words, with what to do; the codes stay in their own column.
    assert!(!dead["failing_checks_text"].is_empty());
    assert_ne!(dead["failing_checks_text"], dead["failing_checks"]);
    assert!(dead["failing_checks_text"].contains("swipe"), "{dead:?}");
    assert!(!dead["action"].is_empty(), "{dead:?}");

    let wrong = by["crt-wrong-serial"];
    assert_eq!(wrong["verdict"], "FAIL");
    assert_eq!(wrong["family"], "TERM-HW");
    assert!(
        wrong["failing_checks"].contains("expected serial \"SIM310-9999\""),
        "{wrong:?}"
    );
    assert!(
        wrong["failing_checks_text"].contains("the station expects SIM310-9999"),
        "{wrong:?}"
    );
    assert!(
        wrong["action"].starts_with("check that the terminal on this port"),
        "{wrong:?}"
    );

    // The batch-wide attempts.csv holds every terminal's rows, none lost or doubled.
    let all = read_attempts(&out.join("attempts.csv"));
    let mut per_terminal = 0;
    for r in &rows {
        let own = read_attempts(&Path::new(&r["report_dir"]).join("attempts.csv"));
        assert_eq!(own.len().to_string(), r["attempts"], "{}", r["label"]);
        assert_eq!(
            all.iter().filter(|a| a.station == r["label"]).count(),
            own.len()
        );
        per_terminal += own.len();
    }
    assert_eq!(all.len(), per_terminal);
    assert!(all.len() > 8 * 4);

    // Batch-wide summaries: banks aggregated across terminals, cards/diagnosis concatenated.
    let banks = read_csv(&out.join("banks.csv"));
    let icbc = banks.iter().find(|b| b["bank"] == "ICBC").unwrap();
    assert!(icbc["cards_tested"].parse::<u32>().unwrap() >= 8);
    let cards = read_csv(&out.join("cards.csv"));
    assert!(cards.iter().any(|c| c["terminal"] == "msr-dead-track"));
    let diag = read_csv(&out.join("diagnosis.csv"));
    assert!(diag
        .iter()
        .any(|c| c["terminal"] == "msr-dead-track" && c["family"] == "TERM-HW"));

    assert_no_clear_pan(&out);
}

#[test]
fn terminals_csv_speaks_the_runs_language() {
    let d = tempfile::tempdir().unwrap();
    let faults = crate_dir().join("fixtures/scenarios/faults");
    let sf = d.path().join("stations.toml");
    std::fs::write(
        &sf,
        format!(
            "[[station]]\ndevice = \"msr605:sim:{}\"\nlabel = \"T1\"\n",
            faults.join("msr605-dead-track.toml").display()
        ),
    )
    .unwrap();
    let out = d.path().join("batch");
    let o = crate::shared::cardbench()
        .args(["--lang", "zh-CN", "batch", "--swipes", "1", "--stations"])
        .arg(&sf)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let rows = read_csv(&out.join("terminals.csv"));
    let t = &rows[0];
    assert_eq!(t["verdict"], "FAIL");
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    // Words and action in Chinese; the codes (`card/interface/step: signal`) kept apart.
    assert!(cjk(&t["failing_checks_text"]), "{t:?}");
    assert!(t["failing_checks_text"].contains("刷卡"), "{t:?}");
    assert!(cjk(&t["action"]), "{t:?}");
    assert!(t["failing_checks"].contains("/swipe/"), "{t:?}");
    // The batch's printable report, in the batch's language.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("批量质检报告"), "batch report title");
    assert!(html.contains("良率"), "yield");
    assert!(html.contains("<svg"), "inline charts");
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "nothing fetched"
    );
    assert!(html.contains(&t["action"]), "the terminal's action");
    assert_no_clear_pan(&out);
}

#[test]
fn nothing_to_run_is_exit_2() {
    let o = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["batch"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["batch", "--device", "crt310:/dev/does-not-exist", "--out"])
        .arg(tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// SIGKILL half-way: the batch-wide attempts.csv parses and every row in it is also in its
/// terminal's own file (the batch file is written from the terminals' events, after them).
#[test]
fn killed_batch_keeps_what_it_recorded() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .env("CARDBENCH_BAUD", "9600")
        .args(["batch", "--swipes", "1"])
        .args(["--device", "crt310:sim", "--device", "msr605:sim", "--out"])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some rows are in, then kill.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let n = std::fs::read_to_string(out.join("attempts.csv"))
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if n > 6 || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let batch = read_attempts(&out.join("attempts.csv"));
    assert!(batch.len() > 5, "{}", batch.len());
    assert!(
        !out.join("terminals.csv").exists(),
        "the batch was meant to be killed mid-way"
    );
    for label in ["T01", "T02"] {
        let own = read_attempts(&out.join("terminals").join(label).join("attempts.csv"));
        let mine: Vec<&Attempt> = batch.iter().filter(|a| a.station == label).collect();
        assert!(mine.len() <= own.len());
        for (a, b) in mine.iter().zip(own.iter()) {
            assert_eq!(*a, b);
        }
    }
    // And summarize reads the killed folder.
    let s = cardbench::summarize::summarize_paths(std::slice::from_ref(&out)).unwrap();
    assert_eq!(s.rows as usize, batch.len());
}

/// Two simulated POS terminals: terminals.csv names each by the DE41/DE42 of its sign-on, and
/// a station's expected serial is checked against DE41.
#[test]
fn pos_terminals_are_named_by_their_sign_on() {
    let d = tempfile::tempdir().unwrap();
    let stations = r#"
[[station]]
device = "pos8583:sim"
label = "pos-A"
expect_serial = "10000019"

[[station]]
device = "pos8583:sim"
label = "pos-wrong-tid"
expect_serial = "99999999"
"#;
    let sf = d.path().join("stations.toml");
    std::fs::write(&sf, stations).unwrap();
    let out = d.path().join("B");
    let o = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["batch", "--stations"])
        .arg(&sf)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows = read_csv(&out.join("terminals.csv"));
    let by: BTreeMap<_, _> = rows.iter().map(|r| (r["label"].as_str(), r)).collect();
    for r in &rows {
        assert_eq!(r["serial"], "10000019", "{r:?}");
        assert!(r["model"].contains("850100082410002"), "{r:?}");
        assert!(!r["firmware"].is_empty(), "{r:?}");
    }
    assert_eq!(by["pos-A"]["verdict"], "PASS", "{:?}", by["pos-A"]);
    assert_eq!(by["pos-wrong-tid"]["verdict"], "FAIL");
    assert!(by["pos-wrong-tid"]["note"].contains("99999999"));
    assert_no_clear_pan(&out);
}

/// Issue 17: in Chinese, what `batch` prints (stdout and stderr) and what `report summarize`
/// prints over its folder hold no English word outside the allow-list (acronyms, codes, model
/// and scheme names). The terminal is the CRT-310 simulator, whose model name is a model name.
#[test]
fn batch_and_summarize_in_chinese_have_no_english_words() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("batch");
    let o = crate::shared::cardbench()
        .args(["--lang", "zh-CN", "batch", "--swipes", "1"])
        .args(["--device", "crt310:sim:demo", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let batch = crate::shared::text(&o);
    assert!(batch.contains("台终端"), "{batch}");
    let words = crate::english::english_words(&batch);
    assert!(words.is_empty(), "English {words:?} in:\n{batch}");
    let o = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["--lang", "zh-CN", "report", "summarize"])
        .arg(&out)
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(summary.contains("按银行"), "{summary}");
    let words = crate::english::english_words(&summary);
    assert!(words.is_empty(), "English {words:?} in:\n{summary}");
}

/// The batch-wide banks.csv aggregates each terminal's own bank verdicts (its diagnosis, its
/// deck's card numbers): one terminal with a worn head among good ones makes every failing bank
/// "terminal hardware" on that terminal — never one diagnosis of the pooled rows ("handling
/// technique"), never cards numbered past the deck.
#[test]
fn batch_banks_are_each_terminals_own_verdicts() {
    let d = tempfile::tempdir().unwrap();
    let worn = crate_dir().join("fixtures/scenarios/faults/crt310-worn-head.toml");
    let out = d.path().join("batch");
    let o = crate::shared::cardbench()
        .args([
            "--lang",
            "en",
            "batch",
            "--swipes",
            "3",
            "--device",
            "crt310:sim",
        ])
        .arg("--device")
        .arg(format!("crt310:sim:{}", worn.display()))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let log = crate::shared::text(&o);
    assert_eq!(o.status.code(), Some(1), "{log}");
    let terminals = read_csv(&out.join("terminals.csv"));
    assert_eq!(terminals[0]["verdict"], "PASS", "{terminals:?}");
    assert_eq!(terminals[1]["family"], "TERM-HW", "{terminals:?}");
    let deck_size = read_csv(&out.join("cards.csv"))
        .iter()
        .filter(|c| c["terminal"] == "T01")
        .count();
    assert!(deck_size > 0);
    // The worn terminal's own banks.csv is what the batch file repeats, labelled.
    let own = read_csv(&out.join("terminals/T02/banks.csv"));
    let banks = read_csv(&out.join("banks.csv"));
    let failing: Vec<_> = banks.iter().filter(|b| b["cards_failed"] != "0").collect();
    assert!(!failing.is_empty(), "{banks:?}");
    for b in &banks {
        let mine = own.iter().find(|r| r["bank"] == b["bank"]).unwrap();
        if b["cards_failed"] == "0" {
            assert_eq!(b["verdict"], "pass", "{b:?}");
            continue;
        }
        assert_eq!(b["verdict"], mine["verdict"], "{b:?}");
        assert_eq!(b["verdict"], "terminal hardware", "{b:?}");
        assert_eq!(b["dominant_family"], "TERM-HW", "{b:?}");
        assert_eq!(
            b["reason"],
            format!("T02: {}; passed on T01", mine["reason"])
        );
        assert!(b["verdict_zh"].contains("终端硬件"), "{b:?}");
        assert!(b["reason_zh"].starts_with("T02："), "{b:?}");
        // Counts are both terminals' together.
        let t01 = read_csv(&out.join("terminals/T01/banks.csv"));
        let t01 = t01.iter().find(|r| r["bank"] == b["bank"]).unwrap();
        let sum = |k: &str| t01[k].parse::<u32>().unwrap() + mine[k].parse::<u32>().unwrap();
        assert_eq!(b["cards_tested"], sum("cards_tested").to_string());
        assert_eq!(b["cards_failed"], sum("cards_failed").to_string());
    }
    // Card numbers are the deck's, whatever terminal they were on.
    for b in &banks {
        for part in b["reason"].split("card ").skip(1) {
            let n: usize = part
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            assert!(n <= deck_size, "card {n} of a {deck_size}-card deck: {b:?}");
        }
        assert!(!b["verdict"].contains("technique"), "{b:?}");
    }
}

/// An operator stop (SIGTERM) half-way with nothing failed: the terminals are stopped, not
/// failed, and the batch exits 2 as a single run would (`Status::of_run`), not 1.
#[test]
fn a_stopped_batch_with_nothing_failed_exits_2() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("stopped");
    let child = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .env("CARDBENCH_BAUD", "9600")
        .args(["batch", "--swipes", "1"])
        .args(["--device", "msr605:sim", "--device", "msr605:sim", "--out"])
        .arg(&out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let n = std::fs::read_to_string(out.join("attempts.csv"))
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if n > 3 || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let o = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    let rows = read_csv(&out.join("terminals.csv"));
    assert!(rows.iter().all(|r| r["fail"] == "0"), "{rows:?}");
    assert!(
        rows.iter().any(|r| r["verdict"] != "PASS"),
        "not stopped: {rows:?}"
    );
    assert_eq!(o.status.code(), Some(2), "{log}");
}

/// One writer rule for every CSV: with `--excel` the batch-wide merged `cards.csv` and
/// `diagnosis.csv` have the BOM and CRLF of the other files. A terminal that could not run
/// says why beside its ERROR on stderr even when stderr is a pipe (no bars).
#[test]
fn excel_batch_files_and_a_could_not_run_reason_on_a_pipe() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("bxl");
    let o = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["batch", "--device", "crt310:/dev/cardbench-no-such-port"])
        .args([
            "--device",
            "msr605:sim",
            "--excel",
            "--swipes",
            "1",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let line = err
        .lines()
        .find(|l| l.starts_with("T01") && l.contains("ERROR"))
        .unwrap_or_else(|| panic!("no T01 ERROR line:\n{err}"));
    assert!(line.contains("/dev/cardbench-no-such-port"), "{line}");
    for f in [
        "attempts.csv",
        "cards.csv",
        "diagnosis.csv",
        "banks.csv",
        "terminals.csv",
    ] {
        let raw = std::fs::read(out.join(f)).unwrap();
        assert!(raw.starts_with(&[0xEF, 0xBB, 0xBF]), "{f}: no BOM");
        assert!(raw.windows(2).any(|w| w == b"\r\n"), "{f}: no CRLF");
    }
}
