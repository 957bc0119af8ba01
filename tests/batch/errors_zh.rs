//! Issue 17, the error lines in Chinese: commands that cannot run (a missing or bad file, bad
//! hex, a malformed message, an unknown device or profile, a refused or busy port, a used
//! report folder) exit 2 with one `cardbench：错误：` line that holds no English word outside
//! the allow-list (`english::ALLOWED`); what only a library or the user can say (a `toml`
//! crate message, the user's own text) is quoted in 「」 and not read.

use crate::english::{chinese_error_line, english_words};
use std::path::Path;

/// Runs the bench in zh-CN: exit code and stderr.
fn zh(args: &[&str]) -> (Option<i32>, String) {
    let o = crate::shared::cardbench()
        .args(["--lang", "zh-CN"])
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A loopback port nothing listens on (bound, then let go).
fn refused_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn commands_that_cannot_run_say_why_in_chinese() {
    let d = tempfile::tempdir().unwrap();
    let missing = s(&d.path().join("missing.toml"));
    let bad = d.path().join("bad.toml");
    std::fs::write(&bad, "a = \n").unwrap();
    let bad = s(&bad);
    let used = d.path().join("used");
    std::fs::create_dir(&used).unwrap();
    std::fs::write(used.join("attempts.csv"), "x\n").unwrap();
    let used = s(&used);
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let empty = s(&empty);
    let file = d.path().join("plain");
    std::fs::write(&file, "").unwrap();
    let file = s(&file);
    let out = |n: &str| s(&d.path().join(n));
    let refused = format!("crt310:tcp://127.0.0.1:{}", refused_port());
    // Held for the whole test: `host --listen` on it finds the address in use.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let busy = busy.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let o1 = out("o1");
    let run = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["run", "--headless", "--out", &o1]
            .iter()
            .map(|x| x.to_string())
            .collect();
        v.extend(extra.iter().map(|x| x.to_string()));
        v
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (words(&["decode", "8583", "zz"]), "十六进制"),
        (words(&["decode", "8583", "0200"]), "期望"),
        (words(&["decode", "8583", "--format", "cups", "02"]), "期望"),
        (
            words(&["decode", "8583", "--format", "cups", "02007000000000000000"]),
            "长度前缀",
        ),
        // Said once: what is wrong with track 1 is on stdout; stderr points there.
        (
            words(&["decode", "track", "%B123"]),
            "磁道：输入未能全部解码",
        ),
        (words(&["decode", "track", "--raw", "zz"]), "磁道"),
        (words(&["decode", "atr", "zz"]), "十六进制"),
        (words(&["decode", "atr", "3B"]), "ATR"),
        (words(&["decode", "apdu", "00"]), "命令头"),
        (words(&["decode", "tlv", "9F"]), "期望"),
        (words(&["decode", "tlv", "9F0105"]), "标签 9F01"),
        (
            run(&["--device", "crt310:sim", "--deck", &missing]),
            "找不到文件",
        ),
        (run(&["--device", "crt310:sim", "--deck", &bad]), "第 1 行"),
        (
            run(&["--device", "crt310:sim", "--bins", &missing]),
            "找不到文件",
        ),
        (
            run(&["--device", "crt310:sim", "--terminal", &missing]),
            "找不到文件",
        ),
        (run(&["--device", "crt-310:/dev/ttyUSB0"]), "未知的设备类型"),
        (
            run(&["--device", "crt310:sim", "--host", "nohost"]),
            "主机地址",
        ),
        (
            words(&[
                "run",
                "--headless",
                "--device",
                "crt310:sim",
                "--out",
                &used,
            ]),
            "报告文件夹",
        ),
        (
            words(&["probe", "--device", &format!("crt310:{missing}")]),
            "找不到文件",
        ),
        (words(&["probe", "--device", &refused]), "连接被拒绝"),
        (
            words(&["probe", "--device", "crt-310:/dev/ttyUSB0"]),
            "未知的设备类型",
        ),
        (words(&["probe", "--device", "crt310"]), "设备地址"),
        (
            words(&["read", "--device", &format!("crt310:{missing}")]),
            "插好",
        ),
        (words(&["report", "summarize", &missing]), "运行文件夹"),
        (words(&["report", "summarize", &empty]), "attempts.csv"),
        (words(&["replay", &missing]), "找不到文件"),
        (words(&["batch", "--stations", &missing]), "找不到文件"),
        (words(&["batch", "--stations", &bad]), "第 1 行"),
        (words(&["batch", "--out", &out("o2")]), "没有终端"),
        (words(&["host", "--listen", &busy]), "已被占用"),
        (
            words(&["host", "--listen", "/dev/cardbench-no-such-tty"]),
            "无法打开 /dev/cardbench-no-such-tty",
        ),
        (
            words(&["probe", "--device", "crt310:/dev/null"]),
            "不是串口",
        ),
        (
            words(&[
                "run",
                "--headless",
                "--device",
                "crt310:sim",
                "--out",
                &format!("{file}/out"),
            ]),
            "无法创建报告文件夹",
        ),
        (
            words(&[
                "report",
                "summarize",
                &empty,
                "--out",
                &format!("{file}/out"),
            ]),
            "无法创建报告文件夹",
        ),
        (
            words(&["host", "--listen", "127.0.0.1:0", "--rules", &missing]),
            "找不到文件",
        ),
        (words(&["sim", "crt310", "--link", &file]), "已存在"),
        (
            words(&["sim", "crt310", "--scenario", &missing]),
            "找不到文件",
        ),
    ];
    let mut bad_lines = Vec::new();
    for (args, want) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, err) = zh(&args);
        let line = chinese_error_line(&err);
        let english = line.map(english_words).unwrap_or_default();
        if code != Some(2) || !line.is_some_and(|l| l.contains(want)) || !english.is_empty() {
            bad_lines.push(format!(
                "{args:?}: exit {code:?}, English {english:?}: {err}"
            ));
        }
    }
    assert!(bad_lines.is_empty(), "{}", bad_lines.join("\n"));
}

fn words(a: &[&str]) -> Vec<String> {
    a.iter().map(|x| x.to_string()).collect()
}

/// Issue 17, a user file's faults in Chinese: a deck, a simulator scenario, host rules and a
/// BIN file with the faults a technician makes say what is wrong in the catalogue's words — no
/// English phrase of the bench's own, not even in 「」 (only a library's words may be quoted).
#[test]
fn file_faults_are_said_in_chinese() {
    let d = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let p = d.path().join(name);
        std::fs::write(&p, text).unwrap();
        s(&p)
    };
    let deck = file(
        "deck.toml",
        "[deck]\nname = \"d\"\n[[card]]\nlabel = \"a\"\nbank = \"ICBC\"\ntracks = [4]\n",
    );
    let scenario = file(
        "sc.toml",
        "[scenario]\nname = \"x\"\n[[card]]\nlabel = \"a\"\npan = \"12\"\nexpiry = \"2812\"\n",
    );
    let rules = file("rules.toml", "[[rule]]\nrc = \"5\"\n");
    let bins = file("bins.csv", "62220x,ICBC,UnionPay,debit,CN\n");
    let keys = file("keys.toml", "[master]\nkey = \"00\"\n");
    let out = s(&d.path().join("out"));
    let run = |extra: &[&str]| -> Vec<String> {
        let mut v = words(&["run", "--headless", "--out", &out]);
        v.extend(extra.iter().map(|x| x.to_string()));
        v
    };
    let sim = format!("crt310:sim:{scenario}");
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            run(&["--device", "crt310:sim", "--deck", &deck]),
            "只能是",
            "tracks must",
        ),
        (run(&["--device", &sim]), "卡号", "12 to 19"),
        (
            words(&["host", "--listen", "127.0.0.1:0", "--rules", &rules]),
            "应答码",
            "response code is",
        ),
        (
            words(&["host", "--listen", "127.0.0.1:0", "--keys", &keys]),
            "十六进制",
            "hex digits",
        ),
        (
            run(&["--device", "crt310:sim", "--bins", &bins]),
            "BIN",
            "is not 1",
        ),
    ];
    let mut bad_lines = Vec::new();
    for (args, want, english_phrase) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, err) = zh(&args);
        let line = chinese_error_line(&err);
        let english = line.map(english_words).unwrap_or_default();
        if code != Some(2)
            || !line.is_some_and(|l| l.contains(want) && !l.contains(english_phrase))
            || !english.is_empty()
        {
            bad_lines.push(format!(
                "{args:?}: exit {code:?}, English {english:?}: {err}"
            ));
        }
    }
    assert!(bad_lines.is_empty(), "{}", bad_lines.join("\n"));
}

/// A Chinese batch's `note` column (terminals.csv) and a terminal's printable report say why in
/// Chinese: the identity mismatch in the catalogue's words (the English ones are the console's
/// and `failing_checks`'), a device that cannot be opened in `DeviceError::text`'s words.
#[test]
fn batch_notes_and_report_ends_are_in_chinese() {
    let d = tempfile::tempdir().unwrap();
    let stations = d.path().join("stations.toml");
    std::fs::write(
        &stations,
        "[[station]]\nlabel = \"wrong\"\ndevice = \"crt310:sim\"\nexpect_model = \"CRT-591\"\n\
         [[station]]\nlabel = \"gone\"\ndevice = \"crt310:/dev/cardbench-no-such-tty\"\n",
    )
    .unwrap();
    let out = d.path().join("batch");
    let (code, err) = zh(&[
        "batch",
        "--swipes",
        "1",
        "--stations",
        &s(&stations),
        "--out",
        &s(&out),
    ]);
    assert_eq!(code, Some(1), "{err}");
    let rows = crate::shared::read_csv(&out.join("terminals.csv"));
    for r in &rows {
        let english = english_words(&r["note"]);
        assert!(english.is_empty(), "English {english:?} in {r:?}");
    }
    assert!(rows[0]["note"].contains("CRT-591"), "{rows:?}");
    assert!(rows[1]["note"].contains("无法打开"), "{rows:?}");
    let html = std::fs::read_to_string(out.join("terminals/gone/report.html")).unwrap();
    assert!(!html.contains("No such file"), "{html}");
    assert!(html.contains("找不到文件"), "{html}");
}

/// The same refusals in English name the path and the fix: a report folder that cannot be
/// made (before `report summarize` prints anything), a path that is no serial port.
#[test]
fn bad_paths_are_named_with_the_fix_in_english() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("plain");
    std::fs::write(&file, "").unwrap();
    let out = format!("{}/out", s(&file));
    let en = |args: &[&str]| {
        let o = crate::shared::cardbench()
            .args(["--lang", "en"])
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        (String::from_utf8_lossy(&o.stdout).into_owned(), err)
    };
    let (_, err) = en(&["run", "--headless", "--device", "crt310:sim", "--out", &out]);
    assert!(
        err.contains(&format!("cannot create report folder {out}")) && err.contains("--out"),
        "{err}"
    );
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (stdout, err) = en(&["report", "summarize", &s(&empty), "--out", &out]);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(err.contains("cannot create report folder"), "{err}");
    let (_, err) = en(&["probe", "--device", "crt310:/dev/null"]);
    assert!(
        err.contains("/dev/null: not a serial port") && !err.contains("typewriter"),
        "{err}"
    );
}
