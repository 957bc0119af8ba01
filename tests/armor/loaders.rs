//! Loaders that accepted what later broke (issue 18, kind 4): each example is now a clear
//! error at load naming the file and the key, with exit 2, and echoes no huge value.

use crate::common::{bin, file, fixture_with, refused, run_headless};

#[test]
fn a_default_rc_that_is_no_response_code_is_refused_at_load() {
    let d = tempfile::tempdir().unwrap();
    let rules = file(d.path(), "rules.toml", "default_rc = \"ABCDEFG\"\n");
    let name = rules.display().to_string();
    let o = bin()
        .args(["host", "--listen", "127.0.0.1:0", "--rules"])
        .arg(&rules)
        .output()
        .unwrap();
    refused(&o, &[&name, "default_rc", "ABCDEFG"]);
    // The same file behind `run --host sim:FILE` stops the run before it starts.
    let o = run_headless(d.path(), "crt310:sim", &["--host", &format!("sim:{name}")]);
    refused(&o, &[&name, "default_rc"]);
}

#[test]
fn an_amount_beyond_de4_is_refused_at_load() {
    let d = tempfile::tempdir().unwrap();
    let rules = file(
        d.path(),
        "rules.toml",
        "[[rule]]\namount = \"184467440737095516.16\"\nrc = \"51\"\n",
    );
    let o = bin()
        .args(["host", "--listen", "127.0.0.1:0", "--rules"])
        .arg(&rules)
        .output()
        .unwrap();
    refused(&o, &["rules.toml", "rule[1].amount"]);
}

fn batch(stations: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    bin()
        .args(["batch", "--stations"])
        .arg(stations)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn a_station_label_too_long_for_a_folder_is_refused_at_load() {
    let d = tempfile::tempdir().unwrap();
    let label = "L".repeat(300);
    let st = file(
        d.path(),
        "stations.toml",
        format!("[[station]]\ndevice = \"crt310:sim\"\nlabel = \"{label}\"\n"),
    );
    let err = refused(
        &batch(&st, &d.path().join("out")),
        &["stations.toml", "station[1].label"],
    );
    assert!(
        err.contains("300 characters") && !err.contains(&label),
        "{err}"
    );
    assert!(!d.path().join("out").exists(), "nothing was started");
}

#[test]
fn a_huge_label_is_refused_without_echoing_it() {
    let d = tempfile::tempdir().unwrap();
    // 3 MB: under the file-size limit, so the label check itself must keep the echo short.
    let label = "x".repeat(3 << 20);
    let st = file(
        d.path(),
        "stations.toml",
        format!("[[station]]\ndevice = \"crt310:sim\"\nlabel = \"{label}\"\n"),
    );
    let o = batch(&st, &d.path().join("out"));
    let err = refused(&o, &["station[1].label"]);
    assert!(
        o.stdout.len() + err.len() < 1024,
        "{} bytes echoed",
        err.len()
    );
    // 100 MB: refused by size before it is read.
    let big = d.path().join("big.toml");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&big).unwrap();
        f.write_all(b"[[station]]\ndevice = \"crt310:sim\"\nlabel = \"")
            .unwrap();
        let chunk = vec![b'y'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\"\n").unwrap();
    }
    let o = batch(&big, &d.path().join("out"));
    let err = refused(&o, &["big.toml", "limit"]);
    assert!(
        o.stdout.len() + err.len() < 1024,
        "{} bytes echoed",
        err.len()
    );
}

#[test]
fn a_bin_csv_with_an_unterminated_quote_or_an_unknown_scheme_is_refused() {
    let d = tempfile::tempdir().unwrap();
    for (name, text, key) in [
        (
            "quote.csv",
            "prefix,bank,scheme\n621700,\"CCB,UnionPay\n",
            "quote.csv:2: quote",
        ),
        (
            "scheme.csv",
            "621700,CCB,UnionPay\n621701,CCB,Discovr\n",
            "scheme.csv:2: scheme",
        ),
    ] {
        let csv = file(d.path(), name, text);
        let o = bin()
            .arg("--bins")
            .arg(&csv)
            .args(["run", "--headless", "--device", "crt310:sim", "--out"])
            .arg(d.path().join(name).with_extension("out"))
            .output()
            .unwrap();
        refused(&o, &[name, key]);
    }
}

#[test]
fn a_scenario_firmware_longer_than_a_frame_is_refused_at_load() {
    let d = tempfile::tempdir().unwrap();
    let fw = format!("\"{}\"", "V".repeat(300));
    let sc = fixture_with("scenarios/crt310-default.toml", "firmware", &fw);
    let p = file(d.path(), "long-fw.toml", sc);
    let o = run_headless(d.path(), &format!("crt310:sim:{}", p.display()), &[]);
    refused(&o, &["long-fw.toml", "device.firmware"]);
}

#[test]
fn an_unusable_host_address_cannot_run() {
    let d = tempfile::tempdir().unwrap();
    for host in [
        "256.1.1.1:99999",
        "256.1.1.1:9999",
        "bad_name!:5000",
        "sim?timeout_ms=0",
    ] {
        let o = run_headless(d.path(), "crt310:sim", &["--host", host]);
        refused(&o, &["host"]);
    }
}

#[test]
fn flag_values_beyond_their_range_are_usage_errors() {
    for args in [
        ["--prompt-timeout", "18446744073709551615"],
        ["--swipes", "4294967295"],
    ] {
        let o = bin()
            .args(["run", "--headless", "--device", "crt310:sim"])
            .args(args)
            .output()
            .unwrap();
        refused(&o, &[args[0]]);
    }
}
