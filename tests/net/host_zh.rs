//! Issue 17: `cardbench host --lang zh-CN` prints its lines in Chinese: the simulated POS's
//! day (sign-on, downloads, chip sales, settlement, batch upload) against the host over TCP,
//! checked for English words by the one checker the decode and screen tests use.

use cardbench::sensitive::find_clear_pan;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A `cardbench host` in Chinese on a free port: the child, its address, its first line and
/// a channel of the lines that follow.
struct Host {
    child: Child,
    addr: String,
    first: String,
    lines: mpsc::Receiver<String>,
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the host with Chinese asked for by `--lang zh-CN` (`flag`) or `CARDBENCH_LANG`.
fn start_host(how: &str) -> Host {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cardbench"));
    cmd.env_remove("CARDBENCH_LANG");
    if how == "flag" {
        cmd.args(["--lang", "zh-CN"]);
    } else {
        cmd.env("CARDBENCH_LANG", "zh-CN");
    }
    let mut child = cmd
        .args(["host", "--listen", "127.0.0.1:0"])
        .args(["--framing", "cups", "--packing", "cups"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    let port: String = first
        .split("127.0.0.1:")
        .nth(1)
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Host {
        child,
        addr: format!("127.0.0.1:{port}"),
        first,
        lines: rx,
    }
}

/// The lines the host printed until `last` shows up (or 30 s pass).
fn lines_until(rx: &mpsc::Receiver<String>, last: &str) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut lines = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(l) => {
                let done = l.contains(last);
                lines.push(l);
                if done {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    lines
}

#[test]
fn host_in_chinese_has_no_english_words() {
    let host = start_host("flag");
    let pos = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args([
            "--lang",
            "zh-CN",
            "sim",
            "pos",
            "--scenario",
            "pos-bench",
            "--connect",
            &host.addr,
        ])
        .env_remove("CARDBENCH_LANG")
        .output()
        .unwrap();
    let mut lines = vec![host.first.clone()];
    lines.extend(lines_until(&host.lines, "批上送结束"));
    drop(host);
    let log = lines.join("\n");
    assert_ne!(pos.status.code(), Some(2), "{log}");
    for said in [
        "监听",
        "签到",
        "公钥下载",
        "参数下载",
        "消费",
        "流水号",
        "应答码 00（",
        "发卡行 中国工商银行",
        "MAC 校验通过",
        "ARQC 校验通过",
        "对账平：借记 5 笔",
        "批上送结束",
        "[默认]",
    ] {
        assert!(log.contains(said), "{said:?} missing in\n{log}");
    }
    assert!(find_clear_pan(&log).is_none(), "{log}");
    let words = crate::english::english_words(&log);
    assert!(words.is_empty(), "English words {words:?} in\n{log}");
    // The simulated terminal's own lines too: the ODA result (`DDA 通过`, never `DDA ok`).
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&pos.stdout),
        String::from_utf8_lossy(&pos.stderr)
    );
    assert!(said.contains("DDA 通过"), "{said}");
    let words = crate::english::english_words(&said);
    assert!(words.is_empty(), "English words {words:?} in\n{said}");
}

/// `CARDBENCH_LANG=zh-CN` does what `--lang zh-CN` does.
#[test]
fn host_follows_cardbench_lang() {
    let host = start_host("env");
    assert!(host.first.contains("主机在 127.0.0.1:"), "{}", host.first);
    assert!(
        crate::english::english_words(&host.first).is_empty(),
        "{}",
        host.first
    );
}

/// `host --listen serial:PATH` against the simulated POS on a pseudo-terminal (docs/pos.md),
/// in `lang`: every line the host printed once the POS hung up.
fn serial_host_day(lang: &str) -> String {
    serial_host_day_with(lang, &[], Some(0))
}

/// [`serial_host_day`] with extra `sim pos` arguments (a scenario) and the host's expected
/// exit code.
fn serial_host_day_with(lang: &str, pos_args: &[&str], code: Option<i32>) -> String {
    let mut pos = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["sim", "pos"])
        .args(pos_args)
        .env_remove("CARDBENCH_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(pos.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let path = first.trim().strip_prefix("PTY ").unwrap().to_string();
    let (tx, rx) = mpsc::channel();
    let err = BufReader::new(pos.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in err.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let host = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["--lang", lang, "host", "--listen"])
        .arg(format!("serial:{path}"))
        .args(["--framing", "cups", "--packing", "cups"])
        .env_remove("CARDBENCH_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The POS hangs up once its deck is done: the host then prints its judgement.
    let said = lines_until(&rx, "deck done");
    let _ = pos.kill();
    let _ = pos.wait();
    let o = host.wait_with_output().unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.status.code(), code, "{log}\nPOS: {said:?}");
    log
}

/// Issue 17: a POS that frames its messages wrongly (len2 on a CUPS line) — the serial host's
/// framing finding says the decoder's fault and the framing hints in Chinese.
#[test]
fn serial_host_framing_fault_in_chinese() {
    let sc = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/iso8583/pos-wrong-framing.toml"
    );
    let log = serial_host_day_with("zh-CN", &["--scenario", sc], Some(1));
    assert!(log.contains("没有 TPDU"), "{log}");
    let words = crate::english::english_words(&log);
    assert!(words.is_empty(), "English words {words:?} in\n{log}");
}

/// Issue 17: the serial host's first line, its frames and its judgement are Chinese in
/// zh-CN (no English word outside the allow-list); in English they read as before.
#[test]
fn serial_host_in_chinese_has_no_english_words() {
    let log = serial_host_day("zh-CN");
    for said in [
        "充当主机",
        "签到",
        "通过 帧格式",
        "流水号逐笔加 1",
        "插卡",
        "发卡行 中国工商银行",
        "应答码 00",
    ] {
        assert!(log.contains(said), "{said:?} missing in\n{log}");
    }
    assert!(find_clear_pan(&log).is_none(), "{log}");
    let words = crate::english::english_words(&log);
    assert!(words.is_empty(), "English words {words:?} in\n{log}");
    let en = serial_host_day("en");
    for said in [
        "pos8583: playing host on ",
        "PASS framing ",
        "PASS STAN                 STAN increments by 1",
        " chip 622202******0007 bank ICBC TVR 0000000000 TSI E800 answered 00",
        " | 0200 purchase STAN 000002",
    ] {
        assert!(en.contains(said), "{said:?} missing in\n{en}");
    }
}
