//! `cardbench report summarize`: merging attempt files of several runs and stations.

use cardbench::model::Attempt;
use cardbench::summarize::{summarize_paths, Summarizer};
use std::io::Write;
use std::path::Path;
use std::process::Command;

pub fn attempt(
    station: &str,
    serial: &str,
    card: &str,
    bank: &str,
    iface: &str,
    outcome: &str,
    family: &str,
) -> Attempt {
    Attempt {
        time: "2026-11-26T10:00:00.000+08:00".into(),
        station: station.into(),
        terminal_id: station.into(),
        serial: serial.into(),
        model: "CRT-310".into(),
        firmware: "V1.0".into(),
        profile: "crt310".into(),
        card_label: card.into(),
        masked_pan: "622202******1234".into(),
        bin: "622202".into(),
        bank: bank.into(),
        scheme: "UnionPay".into(),
        interface: cardbench::model::Interface::parse(iface).unwrap(),
        step: "read".into(),
        outcome: cardbench::model::Outcome::parse(outcome).unwrap(),
        family: cardbench::model::Family::parse(family).filter(|_| !family.is_empty()),
        ..Attempt::default()
    }
}

pub fn write_attempts(path: &Path, rows: &[Attempt]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut w = csv::Writer::from_path(path).unwrap();
    for r in rows {
        w.serialize(r).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn merges_runs_and_stations() {
    let d = tempfile::tempdir().unwrap();
    // A single run folder, and a batch folder with per-terminal sub-folders only.
    write_attempts(
        &d.path().join("run1/attempts.csv"),
        &[
            attempt(
                "A",
                "SN1",
                "ICBC debit",
                "ICBC 工商银行",
                "swipe",
                "PASS",
                "",
            ),
            attempt(
                "A",
                "SN1",
                "ICBC debit",
                "ICBC 工商银行",
                "chip",
                "FAIL",
                "TERM-HW",
            ),
            attempt(
                "A",
                "SN1",
                "CCB credit",
                "CCB 建设银行",
                "swipe",
                "PASS",
                "",
            ),
        ],
    );
    write_attempts(
        &d.path().join("batch/terminals/T01/attempts.csv"),
        &[
            attempt(
                "T01",
                "SN2",
                "ICBC debit",
                "ICBC 工商银行",
                "swipe",
                "PASS",
                "",
            ),
            attempt(
                "T01",
                "SN2",
                "ICBC debit",
                "ICBC 工商银行",
                "chip",
                "PASS",
                "",
            ),
        ],
    );
    write_attempts(
        &d.path().join("batch/terminals/T02/attempts.csv"),
        &[attempt(
            "T02",
            "SN3",
            "CCB credit",
            "CCB 建设银行",
            "network",
            "ERROR",
            "NET",
        )],
    );
    // A torn last line, as a killed run leaves it.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(d.path().join("batch/terminals/T02/attempts.csv"))
        .unwrap();
    f.write_all(b"2026-11-26T10:00:01,T02,T02,SN3,CRT").unwrap();
    drop(f);

    let s = summarize_paths(&[d.path().join("run1"), d.path().join("batch")]).unwrap();
    assert_eq!(s.files.len(), 3);
    assert_eq!(s.rows, 6);
    assert_eq!(s.bad_rows, 1);
    assert_eq!(s.total.pass, 4);
    assert_eq!(s.total.fail, 1);
    assert_eq!(s.total.error, 1);
    let icbc = s.banks.iter().find(|b| b.bank.starts_with("ICBC")).unwrap();
    assert_eq!(icbc.cards, 1);
    assert_eq!(icbc.terminals, 2);
    assert_eq!(icbc.tally.chip.fail, 1);
    assert_eq!(icbc.dominant_family, "TERM-HW");
    let ccb = s.banks.iter().find(|b| b.bank.starts_with("CCB")).unwrap();
    assert_eq!(ccb.dominant_family, "NET");
    assert_eq!(s.cards.len(), 2);
    assert_eq!(s.terminals.len(), 3);
    let t = s.terminals.iter().find(|t| t.terminal == "SN1").unwrap();
    assert_eq!(t.station, "A");
    assert_eq!(t.cards, 2);
    assert_eq!(t.tally.total.fail, 1);

    let text = s.render();
    assert!(text.contains("Per bank"), "{text}");
    assert!(text.contains("ICBC 工商银行"));
    // The same tables for people in Chinese: titles, column names and notes translated,
    // cells (bank codes, family codes, the deck's card labels) kept.
    let zh = s.render_in(cardbench::i18n::Lang::ZhCn);
    for cn in [
        "共 6 条尝试记录",
        "按银行",
        "按卡片",
        "按终端",
        "通过率",
        "跳过 1 条无法读取",
    ] {
        assert!(zh.contains(cn), "{cn:?} missing:\n{zh}");
    }
    for en in [
        "Per ",
        "attempt",
        "pass",
        "fail",
        "unreadable",
        "terminals",
        "family",
        "culprit",
    ] {
        assert!(!zh.contains(en), "English {en:?} in zh-CN summary:\n{zh}");
    }
    assert!(zh.contains("ICBC 工商银行") && zh.contains("TERM-HW"));

    // The CLI: tables, --json, --out; exit 1 because some attempts failed.
    let exe = env!("CARGO_BIN_EXE_cardbench");
    let out = Command::new(exe)
        .args(["report", "summarize"])
        .arg(d.path().join("run1"))
        .arg(d.path().join("batch"))
        .arg("--json")
        .arg("--out")
        .arg(d.path().join("sum"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"], 6);
    assert_eq!(v["banks"].as_array().unwrap().len(), 2);
    assert!(d.path().join("sum/summary-banks.csv").is_file());
    assert!(d.path().join("sum/summary-terminals.csv").is_file());

    let out = Command::new(exe)
        .args(["report", "summarize"])
        .arg(d.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn reordered_columns_still_merge() {
    let csv_text = "outcome,family,interface,bank,scheme,card_label,masked_pan,station,terminal_id,serial,model,firmware,extra\n\
                    FAIL,CARD,swipe,BOC,UnionPay,c1,,S,S,,M,F,x\n";
    let mut s = Summarizer::new();
    s.add_reader(csv_text.as_bytes()).unwrap();
    let s = s.finish();
    assert_eq!(s.rows, 1);
    assert_eq!(s.banks[0].dominant_family, "CARD");
    // A file without the needed columns is refused clearly.
    let mut s = Summarizer::new();
    let e = s.add_reader("a,b\n1,2\n".as_bytes()).unwrap_err();
    assert!(e.contains("missing column"), "{e}");
}

#[test]
fn one_row_per_card_no_run_level_card_banks_as_banks_csv_and_yield() {
    let d = tempfile::tempdir().unwrap();
    // A run-level row (the host echo) has no card.
    let mut echo = attempt("A", "SN1", "", "", "network", "PASS", "");
    echo.masked_pan = String::new();
    // A Visa card with no bank in the BIN table: grouped as banks.csv groups it.
    let mut visa = attempt("A", "SN1", "Visa credit", "", "swipe", "PASS", "");
    visa.scheme = "Visa".into();
    // The same card once read with no PAN: still one card.
    let mut unread = attempt("A", "SN1", "ICBC debit", "ICBC", "swipe", "FAIL", "CARD");
    unread.masked_pan = String::new();
    let read = attempt("A", "SN1", "ICBC debit", "ICBC", "swipe", "PASS", "");
    write_attempts(
        &d.path().join("run1/attempts.csv"),
        &[echo, visa, unread, read],
    );
    // A batch of two terminals: one passes, one fails.
    write_attempts(
        &d.path().join("batch/terminals/T01/attempts.csv"),
        &[attempt(
            "T01",
            "SN2",
            "ICBC debit",
            "ICBC",
            "swipe",
            "PASS",
            "",
        )],
    );
    write_attempts(
        &d.path().join("batch/terminals/T02/attempts.csv"),
        &[attempt(
            "T02",
            "SN3",
            "ICBC debit",
            "ICBC",
            "chip",
            "FAIL",
            "TERM-HW",
        )],
    );
    let s = summarize_paths(&[d.path().join("run1"), d.path().join("batch")]).unwrap();

    let labels: Vec<&str> = s.cards.iter().map(|c| c.card_label.as_str()).collect();
    assert_eq!(labels, ["ICBC debit", "Visa credit"]);
    let icbc = &s.cards[0];
    assert_eq!(icbc.masked_pan, "622202******1234");
    assert_eq!(icbc.terminals, 3);
    assert_eq!(icbc.tally.total.attempts, 4);
    let banks: Vec<&str> = s.banks.iter().map(|b| b.bank.as_str()).collect();
    assert_eq!(banks, ["(Visa)", "ICBC"]);
    // The echo still counts for its terminal.
    let a = s.terminals.iter().find(|t| t.station == "A").unwrap();
    assert_eq!((a.cards, a.tally.total.attempts), (2, 4));
    assert_eq!(a.outcome, "FAIL");
    let t01 = s.terminals.iter().find(|t| t.station == "T01").unwrap();
    assert_eq!(t01.outcome, "PASS");

    assert_eq!((s.yield_total.tested, s.yield_total.passed), (3, 1));
    let per: Vec<(usize, usize)> = s.batches.iter().map(|y| (y.tested, y.passed)).collect();
    assert_eq!(per, [(1, 0), (2, 1)]);
    assert!(s.batches[1].source.ends_with("batch"));
    let text = s.render();
    assert!(
        text.contains("Yield: 1 of 3 terminals passed (33.3%)"),
        "{text}"
    );
    assert!(text.contains("50.0%"), "{text}");
}

/// One card tested in an English run and a Chinese one is one card: cards are keyed by issuing
/// bank and masked PAN, never by the label the run's language gave them; a read that gave no
/// PAN joins the card by its label in either language; a clear PAN in a file is masked.
#[test]
fn one_card_whatever_language_its_runs_were_in() {
    let d = tempfile::tempdir().unwrap();
    let en = attempt("A", "SN1", "ICBC debit", "ICBC", "chip", "PASS", "");
    write_attempts(&d.path().join("en/attempts.csv"), &[en]);
    let mut unread = attempt(
        "A",
        "SN1",
        "工商银行借记卡",
        "ICBC",
        "swipe",
        "FAIL",
        "CARD",
    );
    unread.masked_pan = String::new();
    let zh = attempt("A", "SN1", "工商银行借记卡", "ICBC", "chip", "PASS", "");
    let mut clear = attempt("B", "SN2", "My test card", "CCB", "chip", "PASS", "");
    clear.masked_pan = "6217000000000000038".into();
    write_attempts(&d.path().join("zh/attempts.csv"), &[unread, zh, clear]);

    let s = summarize_paths(&[d.path().join("en"), d.path().join("zh")]).unwrap();
    let labels: Vec<&str> = s.cards.iter().map(|c| c.card_label.as_str()).collect();
    assert_eq!(labels, ["ICBC debit", "My test card"]);
    assert_eq!(s.cards[0].tally.total.attempts, 3);
    assert_eq!(s.cards[1].masked_pan, "621700*********0038");
    let icbc = s.banks.iter().find(|b| b.bank == "ICBC").unwrap();
    assert_eq!(icbc.cards, 1);
    // The table for people names the card in its own language, from the built-in deck.
    let zh_text = s.render_in(cardbench::i18n::Lang::ZhCn);
    assert!(zh_text.contains("工商银行借记卡"), "{zh_text}");
    assert!(!zh_text.contains("ICBC debit"), "{zh_text}");
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("6217000000000000038"), "{json}");
}

/// A folder given twice, or reached by another path, counts once; a batch's terminal folder
/// is not counted again beside the batch's merged file; two runs of one station (a retest
/// after a repair) stay two rows, each with its own outcome.
#[test]
fn each_file_once_and_each_run_apart() {
    let d = tempfile::tempdir().unwrap();
    let mut before = attempt(
        "B7",
        "SN1",
        "ICBC debit",
        "ICBC",
        "swipe",
        "FAIL",
        "TERM-HW",
    );
    before.time = "2026-11-26T09:00:00.000+08:00".into();
    let after = attempt("B7", "SN1", "ICBC debit", "ICBC", "swipe", "PASS", "");
    write_attempts(&d.path().join("B7-0900/attempts.csv"), &[before]);
    write_attempts(&d.path().join("B7-1000/attempts.csv"), &[after]);
    // A batch folder with its merged file and the same rows in its terminal's folder.
    let t01 = attempt("T01", "SN2", "CCB debit", "CCB", "swipe", "PASS", "");
    write_attempts(
        &d.path().join("batch/attempts.csv"),
        std::slice::from_ref(&t01),
    );
    write_attempts(&d.path().join("batch/terminals/T01/attempts.csv"), &[t01]);

    let again = d.path().join("batch/../B7-1000");
    let s = summarize_paths(&[
        d.path().join("B7-0900"),
        d.path().join("B7-1000"),
        again,
        d.path().join("batch"),
        d.path().join("batch/terminals/T01"),
        d.path().join("B7-1000/attempts.csv"),
    ])
    .unwrap();
    assert_eq!(s.rows, 3, "{:?}", s.files);
    assert_eq!(s.files.len(), 3, "{:?}", s.files);
    assert_eq!(s.skipped.len(), 3, "{:?}", s.skipped);
    // Station B7 tested twice: two rows, the failed test and the passing retest.
    let b7: Vec<_> = s.terminals.iter().filter(|t| t.station == "B7").collect();
    assert_eq!(b7.len(), 2, "{:?}", s.terminals);
    assert_eq!(b7[0].outcome, "FAIL");
    assert_eq!(b7[0].run_started, "2026-11-26T09:00:00.000+08:00");
    assert_eq!(b7[1].outcome, "PASS");
    assert_eq!((s.yield_total.tested, s.yield_total.passed), (3, 2));
    // The card was read on one terminal, whatever the runs.
    let icbc = s
        .cards
        .iter()
        .find(|c| c.card_label == "ICBC debit")
        .unwrap();
    assert_eq!((icbc.terminals, icbc.tally.total.attempts), (1, 2));
    let text = s.render();
    assert!(text.contains("3 files not counted again"), "{text}");
    assert!(text.contains("run_started"), "{text}");
}

/// One status, one word: the verdict the batch gives a terminal (its console line and
/// `terminals.csv`) is the outcome `report summarize` gives the same terminal's rows, in both
/// languages. A reader that fails a check and then stops answering (crt310-freeze) is FAIL in
/// both: a failed check wins over a run that did not finish, as in the exit code.
#[test]
fn batch_and_summarize_give_a_terminal_one_word() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("b");
    let o = crate::shared::cardbench()
        .args(["--lang", "zh-CN", "batch", "--swipes", "1", "--out"])
        .arg(&out)
        .args([
            "--device",
            "crt310:sim",
            "--device",
            "crt310:sim:crt310-freeze",
        ])
        .output()
        .unwrap();
    let console = String::from_utf8_lossy(&o.stderr).into_owned();
    let rows = crate::shared::read_csv(&out.join("terminals.csv"));
    let verdict = |label: &str| {
        let r = rows.iter().find(|r| r["label"] == label).unwrap();
        r["verdict"].clone()
    };
    assert_eq!(verdict("T01"), "PASS", "{console}");
    assert_eq!(verdict("T02"), "FAIL", "{console}");
    assert!(
        console
            .lines()
            .any(|l| l.starts_with("T02") && l.contains("失败")),
        "{console}"
    );
    let s = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["report", "summarize", "--json"])
        .arg(&out)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&s.stdout).unwrap();
    for t in doc["terminals"].as_array().unwrap() {
        let station = t["station"].as_str().unwrap();
        assert_eq!(t["outcome"], verdict(station).as_str(), "{station}: {t}");
    }
    let zh = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["--lang", "zh-CN", "report", "summarize"])
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&zh.stdout);
    let line = text.lines().find(|l| l.starts_with("T02 ")).unwrap();
    assert!(line.contains("失败") && !line.contains("错误"), "{text}");
}

/// `--out` follows the run folders' rule: a finished run's folder and an earlier summary's
/// folder are refused (exit 2, one line, nothing written or overwritten); a new folder works.
#[test]
fn summarize_out_never_writes_into_a_used_folder() {
    let d = tempfile::tempdir().unwrap();
    let run = d.path().join("r1");
    write_attempts(
        &run.join("attempts.csv"),
        &[attempt(
            "s1",
            "SN1",
            "ICBC debit",
            "ICBC",
            "swipe",
            "PASS",
            "",
        )],
    );
    let summarize = |out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_cardbench"))
            .args(["report", "summarize"])
            .arg(&run)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap()
    };
    let o = summarize(&run);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("already holds"), "{err}");
    // The refusal names the report folder itself; no "report:" before it.
    assert!(err.contains("error: report folder"), "{err}");
    assert!(!run.join("summary-cards.csv").exists());

    let out = d.path().join("sum");
    assert_eq!(summarize(&out).status.code(), Some(0));
    let before = std::fs::read(out.join("summary-cards.csv")).unwrap();
    let o = summarize(&out);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(out.join("summary-cards.csv")).unwrap(),
        before
    );
}
