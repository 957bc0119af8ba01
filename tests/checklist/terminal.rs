//! `--terminal FILE` as a technician uses it (docs/terminal.md): accepted by `run`, `batch`
//! and `read --chip`; a bad file (a CA key whose checksum does not match) is one clear line
//! naming the file and the key, exit 2, before anything runs.

use super::run_cli::bin;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/terminal")
        .join(name)
}

/// A terminal file whose key store file has a bad checksum on its first key.
fn bad_terminal(dir: &Path) -> PathBuf {
    let bad =
        cardbench::crypto::capk::BUILTIN_CA_KEYS.replacen("checksum = \"", "checksum = \"00", 1);
    std::fs::write(dir.join("keys.toml"), bad).unwrap();
    let t = dir.join("terminal.toml");
    std::fs::write(&t, "[ca_keys]\nfile = \"keys.toml\"\n").unwrap();
    t
}

#[test]
fn a_bad_key_checksum_is_exit_2_naming_the_file_and_key() {
    let d = tempfile::tempdir().unwrap();
    let t = bad_terminal(d.path());
    for args in [
        vec!["run", "--device", "crt310:sim", "--headless", "--terminal"],
        vec!["batch", "--device", "crt310:sim", "--terminal"],
        vec!["read", "--chip", "--device", "crt310:sim", "--terminal"],
    ] {
        let o = bin()
            .args(&args)
            .arg(&t)
            .arg("--lang")
            .arg("en")
            .current_dir(d.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        let line = err
            .lines()
            .find(|l| l.contains("keys.toml"))
            .unwrap_or_default();
        assert!(
            line.contains("key[1].checksum") && line.contains("SHA-1"),
            "{args:?}: {err}"
        );
        assert!(!d.path().join("reports").exists(), "nothing ran");
    }
}

#[test]
fn read_chip_follows_the_terminal_aid_list() {
    let run = |file: &str| {
        let o = bin()
            .args(["read", "--chip", "--device", "crt310:sim", "--terminal"])
            .arg(fixture(file))
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).to_string(),
        )
    };
    let (code, out) = run("default.toml");
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("outcome        ok") && out.contains("TVR            0000000000"),
        "{out}"
    );
    assert!(out.contains("622202*********0018"), "masked PAN: {out}");
    let (code, out) = run("no-unionpay.toml");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("no_application") && out.contains("SELECT A0000000031010"),
        "{out}"
    );
    assert!(!out.contains("SELECT A000000333"), "{out}");
}

/// `decode` explains TVR, TSI, issuer and terminal action codes, AIP, CVM Results and the CVM
/// list bit by bit, in English and in Chinese (the catalogue's `codes-tvr-…`, `codes-cvm-…`).
#[test]
fn decode_explains_the_chip_bits_in_both_languages() {
    let input = "95050080100000 9B02E800 9F0E050010000000 9F3403420300 \
                 8E0E000000000000000042031E031F03 DF13050000008000 82027C00";
    let run = |lang: &str| {
        let o = bin()
            .args(["--lang", lang, "decode", "tlv", input])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    let en = run("en");
    for want in [
        "[x] byte 2 bit 80: ICC and terminal have different application versions",
        "[x] byte 1 bit 08: terminal risk management was performed",
        "[x] byte 2 bit 10: requested service not allowed for card product",
        "CVM performed: 02 enciphered PIN verified online",
        "rule 2: signature (paper) / if terminal supports the CVM",
        "DF13 Terminal Action Code - Denial",
        "[x] byte 4 bit 80: transaction exceeds floor limit",
        "[x] byte 1 bit 20: DDA supported",
    ] {
        assert!(en.contains(want), "{want}\n{en}");
    }
    let zh = run("zh-CN");
    for want in [
        "第 2 字节 80 位：IC 卡与终端的应用版本不同",
        "已执行终端风险管理",
        "卡片产品不允许所请求的服务",
        "已执行的 CVM：02 联机加密 PIN 验证",
        "规则 2：签名（纸质）",
        "交易超过终端最低限额",
        "[x] 第 1 字节 20 位：支持 DDA",
    ] {
        assert!(zh.contains(want), "{want}\n{zh}");
    }
    // `read --chip` shows the flow's bits the same way.
    let o = bin()
        .args([
            "--lang",
            "zh-CN",
            "read",
            "--chip",
            "--device",
            "crt310:sim",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("已执行脱机数据认证") && out.contains("芯片 = 磁条"),
        "{out}"
    );
    // Issue 17: the ODA result is in the UI language too (it was `DDA ok` on zh screens).
    assert!(out.contains("ODA            DDA 通过"), "{out}");
}

/// Terminal risk management from the terminal file, end to end on the simulated deck: a floor
/// limit of 0 sets "exceeds floor limit" on every chip card; a floor limit above the amount
/// with a 99 % target selects every card randomly for online; both still go online (ARQC).
#[test]
fn terminal_risk_management_follows_the_terminal_file() {
    use cardbench::model::Outcome;
    for (aid_defaults, tvr) in [
        ("floor_limit = 0", "0000008000"),
        (
            "floor_limit = 1000000\ntarget_percent = 99\nmax_target_percent = 99",
            "0000001000",
        ),
    ] {
        let d = tempfile::tempdir().unwrap();
        let term = d.path().join("terminal.toml");
        std::fs::write(&term, format!("[aid_defaults]\n{aid_defaults}\n")).unwrap();
        let mut cfg = super::faults::fault_cfg("crt310:sim", &d.path().join("run"));
        cfg.terminal = Some(term);
        let h = cardbench::checklist::start(cfg);
        for _ in h.events.iter() {}
        let s = h.thread.join().unwrap();
        let rows: Vec<_> = s
            .attempts
            .iter()
            .filter(|a| a.step == "cryptogram")
            .collect();
        assert_eq!(rows.len(), 8, "{aid_defaults}");
        for r in rows {
            assert_eq!(
                (r.tvr.as_str(), r.outcome),
                (tvr, Outcome::Pass),
                "{aid_defaults}"
            );
            assert_eq!(r.tsi, "E800");
        }
    }
}

/// `read --chip --json` says the expiry once, one way (the card-data policy's
/// `View::Message`): the `expiry` field and the records' 5F24 agree; the name and the PAN stay
/// hidden in the records.
#[test]
fn read_chip_json_shows_the_expiry_the_same_way_in_records() {
    let o = bin()
        .args(["read", "--chip", "--json", "--device", "crt310:sim"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let chip = &doc["chip"];
    let expiry = chip["expiry"].as_str().unwrap();
    let tag = |t: &str| {
        chip["records"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["tlv"].as_array().unwrap().iter())
            .find(|x| x["tag"] == t)
            .map(|x| x["value"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(tag("5F24").replace(' ', ""), expiry);
    assert!(tag("5F20").starts_with("**"));
    assert!(tag("5A").starts_with("**"));
}
