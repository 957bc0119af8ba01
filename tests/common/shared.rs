//! Helpers shared by several test binaries, each including this file with
//! `#[path = "common/shared.rs"] mod shared;`: the binary as the CLI tests run it, a headless
//! run, a CSV report as rows, a command's output as text.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

/// The built `cardbench` at the simulators' fast line rate (`CARDBENCH_BAUD=115200`), as the
/// CLI tests run it.
pub fn cardbench() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cardbench"));
    c.env("CARDBENCH_BAUD", "115200");
    c
}

/// `cardbench --lang LANG run --headless --device DEVICE`, ready for the rest (`--deck`,
/// `--swipes`, `--out`, …).
pub fn headless_run(lang: &str, device: &str) -> Command {
    let mut c = cardbench();
    c.args(["--lang", lang, "run", "--headless", "--device", device]);
    c
}

/// The rows of a CSV report (a UTF-8 BOM, as `--excel` writes it, is skipped), each as column
/// → value.
pub fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            h.iter()
                .zip(rec.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A command's stdout and stderr, one after the other (a newline between them).
pub fn text(o: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
