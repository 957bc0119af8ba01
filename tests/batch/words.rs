//! Issue 17, what a technician reads in Chinese outside the TUI: the headless lines of `run`
//! (outcomes, steps, interfaces, confidence) hold no English word outside the allow-list
//! (`english::ALLOWED`), while the CSVs keep their codes.

use super::batch::read_csv;
use crate::english::english_words;

/// A simulated run with faults (the demo scenario: a demagnetised stripe, an expired card),
/// headless in zh-CN: every line is Chinese, the verdict says 失败, each conclusion's
/// confidence is a word; `attempts.csv` still spells the codes.
#[test]
fn run_headless_in_chinese_has_no_english_words() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("run");
    let o = crate::shared::cardbench()
        .args(["--lang", "zh-CN", "run", "--headless", "--swipes", "1"])
        // The station name is the user's (the default `bench-1` would be read as English).
        .args(["--station", "T01"])
        .args(["--device", "crt310:sim:demo", "--host", "sim", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let text = crate::shared::text(&o);
    for want in [
        "通过",
        "失败",
        "第 1 次",
        "复位应答",
        "授权",
        "[运行]",
        "[高]",
    ] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    let words = english_words(&text);
    assert!(words.is_empty(), "English {words:?} in:\n{text}");
    let rows = read_csv(&out.join("attempts.csv"));
    assert!(rows
        .iter()
        .any(|r| r["step"] == "swipe#1" && r["outcome"] == "FAIL"));
    assert!(rows
        .iter()
        .any(|r| r["step"] == "auth" && r["outcome"] == "PASS"));
}

/// `ports`, `probe`, `read` and `read --chip` in zh-CN against the built-in CRT-310 simulator on a
/// pseudo-terminal: labels, column heads, statuses and the waiting line are Chinese; what the
/// device reports (model, firmware, serial) and card data stay as they are.
#[test]
fn ports_probe_and_read_in_chinese_have_no_english_words() {
    let run = |args: &[&str]| {
        let o = crate::shared::cardbench()
            .args(["--lang", "zh-CN"])
            .args(args)
            .output()
            .unwrap();
        let text = crate::shared::text(&o);
        (o.status.code(), text)
    };
    let (code, ports) = run(&["ports"]);
    assert_eq!(code, Some(0), "{ports}");
    let (code, probe) = run(&["probe", "--device", "crt310:sim"]);
    assert_eq!(code, Some(0), "{probe}");
    assert!(
        probe.contains("内置模拟器") && probe.contains("就绪"),
        "{probe}"
    );
    let (code, read) = run(&["read", "--device", "crt310:sim", "--wait", "20"]);
    assert_eq!(code, Some(0), "{read}");
    assert!(read.contains("请刷卡") && read.contains("磁道 2"), "{read}");
    let (code, chip) = run(&["read", "--device", "crt310:sim", "--chip", "--wait", "20"]);
    assert_eq!(code, Some(0), "{chip}");
    assert!(
        chip.contains("获取处理选项") && chip.contains("第 1 字节"),
        "{chip}"
    );
    // Each command's note is in Chinese too (EmvStep::note).
    assert!(
        chip.contains("找到 PSE") && chip.contains("目录记录") && chip.contains("DDA 通过"),
        "{chip}"
    );
    for (what, text) in [
        ("ports", ports),
        ("probe", probe),
        ("read", read),
        ("read --chip", chip),
    ] {
        let words = english_words(&text);
        assert!(words.is_empty(), "{what}: English {words:?} in:\n{text}");
    }
}

/// A deck without `label_zh` (a user's deck): in zh-CN the cards are named from what the deck
/// knows (参考卡, the bank's Chinese name, the scheme, 借记卡 / 贷记卡) in `cards.csv`'s
/// `label_zh` and the printable report; the `label` column keeps the deck's English label.
#[test]
fn a_deck_without_chinese_labels_gets_built_ones() {
    let d = tempfile::tempdir().unwrap();
    let deck = d.path().join("deck.toml");
    let text = include_str!("../../fixtures/decks/crt310-default.toml");
    let no_zh: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("label_zh"))
        .collect();
    std::fs::write(&deck, no_zh.join("\n")).unwrap();
    let out = d.path().join("run");
    let o = crate::shared::cardbench()
        .args(["--lang", "zh-CN", "run", "--headless", "--swipes", "1"])
        .args([
            "--station",
            "T01",
            "--device",
            "crt310:sim",
            "--host",
            "sim",
        ])
        .arg("--deck")
        .arg(&deck)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let rows = read_csv(&out.join("cards.csv"));
    let zh: Vec<&str> = rows.iter().map(|r| r["label_zh"].as_str()).collect();
    assert!(zh.contains(&"参考卡 中国工商银行银联借记卡"), "{zh:?}");
    assert!(zh.contains(&"中国建设银行银联借记卡"), "{zh:?}");
    // Visa and Mastercard keep their brand names (`bins::scheme_label`); UnionPay is 银联.
    assert!(zh.contains(&"Visa贷记卡"), "{zh:?}");
    let words = english_words(&zh.join("\n"));
    assert!(words.is_empty(), "English {words:?} in {zh:?}");
    let en: Vec<&str> = rows.iter().map(|r| r["label"].as_str()).collect();
    assert!(
        en.contains(&"ICBC debit") && en.contains(&"Visa credit"),
        "{en:?}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("中国建设银行银联借记卡") && !html.contains("CCB debit"),
        "{html}"
    );
}

/// The notes the drivers and the host client write into the timeline (link trouble on a noisy
/// line, card moves, the reversal) carry their Chinese: the TUI's timeline shows `layers_zh`,
/// and a zh-CN technician read "card ejected to the front …" there before.
#[test]
fn timeline_notes_are_in_both_languages() {
    // Two swipes on the CRT-591: the second insertion returns the card to the gate first.
    for (device, swipes) in [
        ("crt310:sim:crt310-line-noise", "1"),
        ("crt310:sim:crt310-decline-at-genac2", "1"),
        ("crt591:sim", "2"),
    ] {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("run");
        let o = crate::shared::cardbench()
            .args(["--lang", "zh-CN", "run", "--headless", "--swipes", swipes])
            .args(["--device", device, "--host", "sim", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(matches!(o.status.code(), Some(0 | 1)), "{device}: {o:?}");
        let trace = std::fs::read_to_string(out.join("trace.jsonl")).unwrap();
        let notes: Vec<serde_json::Value> = trace
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|r| r["dir"] == "Note")
            .collect();
        assert!(!notes.is_empty(), "{device}: no notes in the trace");
        for n in &notes {
            let (en, zh) = (n["layers"].as_array(), n["layers_zh"].as_array());
            let zh = zh.filter(|z| Some(z.len()) == en.map(Vec::len));
            let zh = zh.unwrap_or_else(|| panic!("{device}: note without Chinese: {n}"));
            let text: Vec<&str> = zh.iter().filter_map(|v| v.as_str()).collect();
            let words = english_words(&text.join("\n"));
            assert!(words.is_empty(), "{device}: English {words:?} in {n}");
        }
    }
}

/// A reader that is unplugged and one that freezes, headless in zh-CN: the device rows, the
/// device-lost line and how the run ended are Chinese (the system's own words only as a marked
/// detail in 「」), and the CSV detail keeps the English.
#[test]
fn device_trouble_in_chinese_has_no_english_words() {
    let faults = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/scenarios/faults");
    for scenario in ["crt310-unplug", "crt310-freeze"] {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("run");
        let o = crate::shared::cardbench()
            .args(["--lang", "zh-CN", "run", "--headless", "--swipes", "1"])
            .args(["--station", "T01", "--host", "sim", "--device"])
            .arg(format!("crt310:sim:{faults}/{scenario}.toml"))
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let text = crate::shared::text(&o);
        assert!(o.status.code().is_some_and(|c| c > 0), "{text}");
        assert!(text.contains("设备"), "{text}");
        let words = english_words(&text);
        assert!(
            words.is_empty(),
            "{scenario}: English {words:?} in:\n{text}"
        );
        let rows = read_csv(&out.join("attempts.csv"));
        assert!(
            rows.iter()
                .any(|r| r["step"] == "device" && r["detail"].is_ascii()),
            "{scenario}"
        );
    }
}
