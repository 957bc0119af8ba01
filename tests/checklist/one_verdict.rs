//! One verdict everywhere: a batch of three terminals while BOC's host is down — a healthy
//! CRT-310, an MSR605 with a worn head, a CRT-310 whose AID list lacks UnionPay. Each
//! terminal's verdict is its diagnosis' first conclusion under the precedence (terminal
//! findings before bank findings), and terminals.csv, the batch console, `report summarize`
//! and the TUI all show the same one; the bank outage is one batch-level bank finding.

use cardbench::checklist::{self, BenchEvent};
use cardbench::i18n::Lang;
use cardbench::tui::app::{App, AppEvent};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const EXE: &str = env!("CARGO_BIN_EXE_cardbench");

/// The batch's terminals: label, device address, expected family and culprit.
fn terminals(root: &Path) -> Vec<(&'static str, String, &'static str, &'static str)> {
    let f = |name: &str| root.join("fixtures/scenarios/faults").join(name);
    vec![
        (
            "T01",
            "crt310:sim".to_string(),
            "BANK",
            "BOC (Bank of China) host system",
        ),
        (
            "T02",
            format!("msr605:sim:{}", f("msr605-worn-head.toml").display()),
            "TERM-HW",
            "magnetic head (track 2)",
        ),
        (
            "T03",
            format!("crt310:sim:{}", f("crt310-no-unionpay-aid.toml").display()),
            "TERM-SW",
            "AID list (lacks UnionPay",
        ),
    ]
}

fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            h.iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// What the TUI shows for the same device and host: the first conclusion of its diagnosis
/// panel, drawn at 120×40 after the run's events.
fn tui_first_conclusion(device: &str, host: &str, out: &Path) -> String {
    let addr = cardbench::device::DeviceAddress::parse(device).unwrap();
    let mut plan = checklist::RunPlan::defaults(addr).with_station("tui");
    plan.out_dir = out.to_path_buf();
    plan.baud = Some(115_200);
    plan.host = Some(cardbench::host::HostSpec::parse(host).unwrap());
    let mut app = App::for_run(Lang::En, device);
    let h = checklist::start(plan);
    for ev in h.events.iter() {
        if !matches!(ev, BenchEvent::Frame(_)) {
            app.update(AppEvent::Bench(ev));
        }
    }
    h.thread.join().unwrap();
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| f.render_widget(&app, f.area())).unwrap();
    let screen = t.backend().to_string();
    screen
        .lines()
        .find(|l| l.contains("• [") || l.contains("▶ ["))
        .unwrap_or_else(|| panic!("no conclusion on screen:\n{screen}"))
        .to_string()
}

#[test]
fn terminals_csv_console_summarize_and_tui_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let d = tempfile::tempdir().unwrap();
    let rules = d.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nname = \"BOC down\"\nbank = \"BOC\"\naction = \"no_reply\"\n",
    )
    .unwrap();
    let host = format!("sim:{}?timeout_ms=400", rules.display());
    let out = d.path().join("batch");
    let terms = terminals(root);
    let mut cmd = Command::new(EXE);
    cmd.args([
        "--lang", "en", "batch", "--baud", "115200", "--host", &host, "--out",
    ])
    .arg(&out);
    for (_, dev, _, _) in &terms {
        cmd.args(["--device", dev]);
    }
    let o = cmd.output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{stderr}");

    // terminals.csv
    let rows = csv_rows(&out.join("terminals.csv"));
    let by: BTreeMap<&str, &BTreeMap<String, String>> =
        rows.iter().map(|r| (r["label"].as_str(), r)).collect();
    // report summarize over the same folder
    let s = Command::new(EXE)
        .args(["report", "summarize", "--json"])
        .arg(&out)
        .output()
        .unwrap();
    let sum: serde_json::Value = serde_json::from_slice(&s.stdout).unwrap();
    let summarized: BTreeMap<String, (String, String)> = sum["terminals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let g = |k: &str| t[k].as_str().unwrap_or("").to_string();
            (g("station"), (g("verdict"), g("culprit")))
        })
        .collect();
    for (label, dev, family, culprit) in &terms {
        let row = by[label];
        assert_eq!(
            (row["verdict"].as_str(), row["family"].as_str()),
            ("FAIL", *family),
            "{label}: {row:?}"
        );
        // The batch console line: label, FAIL, family, [culprit].
        let line = stderr
            .lines()
            .find(|l| l.starts_with(label) && l.contains(" FAIL "))
            .unwrap_or_else(|| panic!("{label}: no console line\n{stderr}"));
        assert!(
            line.contains(&format!("{family:<7} [{culprit}")),
            "{label}: {line}"
        );
        let (f, c) = &summarized[*label];
        assert_eq!(f, family, "{label}: summarize");
        assert!(c.starts_with(culprit), "{label}: summarize culprit {c}");
        let tui = tui_first_conclusion(dev, &host, &d.path().join(format!("tui-{label}")));
        assert!(
            tui.contains(&format!("[{family} ")) && tui.contains(culprit),
            "{label}: TUI shows {tui}"
        );
    }
    // The outage is one bank finding of the batch, seen by every terminal.
    assert!(
        stdout.contains("bank finding (R4): BOC (Bank of China) host system — on 3 of 3 terminals"),
        "{stdout}"
    );
    // And each terminal's own diagnosis.csv has the bank finding too, after its own.
    for (label, _, family, _) in &terms[1..] {
        let diag = csv_rows(&out.join("terminals").join(label).join("diagnosis.csv"));
        assert_eq!(diag[0]["family"], *family, "{label}");
        assert!(
            diag.iter().any(|r| r["family"] == "BANK"),
            "{label}: {diag:?}"
        );
    }
}
