//! What a run's files and console say it found, as a tester reads them: the `family` of
//! `cards.csv` and `banks.csv` is the diagnosis' (an AID-list fault is TERM-SW on every card it
//! explains, not the CARD of the rows' signals); a run that did not test everything says it is
//! incomplete (console, report.html, exit 2), in English and Chinese; a replayed trace cut short
//! is incomplete, not a pass.

use crate::shared::{read_csv as rows, text};
use std::path::Path;

use crate::shared::cardbench as bin;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The terminal's AID list lacks UnionPay: the UnionPay cards fail selection with a card-ish
/// signal, the diagnosis says TERM-SW (AID list); `cards.csv` and `banks.csv` say TERM-SW too.
#[test]
fn aid_list_fault_is_terminal_software_in_cards_and_banks() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("aid");
    let o = bin()
        .args([
            "run",
            "--headless",
            "--swipes",
            "1",
            "--device",
            "crt310:sim",
        ])
        .arg("--terminal")
        .arg(root().join("fixtures/terminal/no-unionpay.toml"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let log = text(&o);
    assert_eq!(o.status.code(), Some(1), "{log}");
    let diag = rows(&out.join("diagnosis.csv"));
    assert_eq!(diag[0]["family"], "TERM-SW", "{diag:?}");
    let cards = rows(&out.join("cards.csv"));
    let failed: Vec<_> = cards.iter().filter(|c| c["outcome"] == "FAIL").collect();
    assert!(!failed.is_empty(), "{cards:?}");
    for c in &failed {
        assert_eq!(c["family"], "TERM-SW", "card {}: {c:?}", c["card"]);
        // The action is the conclusion's, the same one the family comes from.
        assert_eq!(c["action"], diag[0]["action"], "{c:?}");
    }
    // The rows themselves keep their signal family.
    let attempts = cardbench::report::read_attempts(&out.join("attempts.csv")).unwrap();
    assert!(attempts
        .iter()
        .any(|a| a.family.map(|f| f.as_str()) == Some("CARD")));
    for b in rows(&out.join("banks.csv")) {
        if b["cards_failed"] != "0" {
            assert_eq!(b["dominant_family"], "TERM-SW", "{b:?}");
            assert!(b["reason"].starts_with("R6 TERM-SW"), "{b:?}");
        } else {
            assert_eq!(b["dominant_family"], "", "{b:?}");
        }
    }
}

/// A deck the device cannot test (chip-only cards on a swipe-only reader): nothing ran, so it
/// is neither "no fault found" nor a FAIL — INCOMPLETE, exit 2, in both languages.
#[test]
fn an_untestable_deck_is_incomplete_not_failed() {
    let d = tempfile::tempdir().unwrap();
    let deck = d.path().join("chip-only.toml");
    std::fs::write(
        &deck,
        r#"[deck]
name = "chip-only"

[[card]]
label = "ICBC debit"
label_zh = "工商银行借记卡"
bank = "ICBC"
scheme = "UnionPay"
interfaces = ["chip"]
"#,
    )
    .unwrap();
    for (lang, incomplete, none) in [
        ("en", "INCOMPLETE", "no fault found in the checks that ran"),
        ("zh-CN", "未完成", "已执行的检查中未发现故障"),
    ] {
        let out = d.path().join(lang);
        let o = crate::shared::headless_run(lang, "msr605:sim")
            .arg("--deck")
            .arg(&deck)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let log = text(&o);
        assert_eq!(o.status.code(), Some(2), "{log}");
        assert!(log.contains(incomplete), "{log}");
        assert!(log.contains(none), "{log}");
        assert!(!log.contains("FAIL:") && !log.contains("失败："), "{log}");
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let head = if lang == "en" {
            "Incomplete ("
        } else {
            "未完成（"
        };
        assert!(html.contains(head), "{html}");
    }
}

/// `replay` of a trace cut short (the run killed before its end record): incomplete, exit 2
/// — never a pass.
#[test]
fn replay_of_a_truncated_trace_is_incomplete() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("r");
    let o = bin()
        .args([
            "run",
            "--headless",
            "--swipes",
            "1",
            "--device",
            "msr605:sim",
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let replay = |dir: &Path| {
        bin()
            .args(["--lang", "en", "replay", "--headless"])
            .arg(dir)
            .output()
            .unwrap()
    };
    let whole = replay(&out);
    assert_eq!(whole.status.code(), Some(0), "{}", text(&whole));
    // Keep the first half of the trace's lines, as a kill leaves it.
    let trace = std::fs::read_to_string(out.join("trace.jsonl")).unwrap();
    let lines: Vec<&str> = trace.lines().collect();
    let cut = d.path().join("cut");
    std::fs::create_dir(&cut).unwrap();
    std::fs::write(
        cut.join("trace.jsonl"),
        lines[..lines.len() / 2].join("\n") + "\n",
    )
    .unwrap();
    let o = replay(&cut);
    let log = text(&o);
    assert_eq!(o.status.code(), Some(2), "{log}");
    assert!(
        log.contains("ended: incomplete: the trace stops before the run's end"),
        "{log}"
    );
    assert!(
        log.contains("no fault found in the checks that ran"),
        "{log}"
    );
}
