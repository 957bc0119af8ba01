//! What the armor tests share: the binary, a file in a temporary folder, a run's output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `cardbench` at a fast line speed (the simulators pace at the baud rate), in English.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cardbench"));
    c.env("CARDBENCH_BAUD", "115200")
        .env("CARDBENCH_LANG", "en");
    c
}

/// Writes `text` to `name` in `dir`.
pub fn file(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A fixture's text.
pub fn fixture(rel: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(rel),
    )
    .unwrap()
}

/// A fixture with the line starting `key =` replaced by `key = value`.
pub fn fixture_with(rel: &str, key: &str, value: &str) -> String {
    let text = fixture(rel);
    let prefix = format!("{key} =");
    assert!(
        text.lines().any(|l| l.starts_with(&prefix)),
        "{rel} has no {key}"
    );
    text.lines()
        .map(|l| {
            if l.starts_with(&prefix) {
                format!("{key} = {value}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Stdout and stderr of a finished command, lossily.
pub fn texts(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Runs `cardbench run --headless` on `device` with `extra` arguments into `dir/out`.
pub fn run_headless(dir: &Path, device: &str, extra: &[&str]) -> Output {
    bin()
        .args(["run", "--headless", "--device", device, "--out"])
        .arg(dir.join("out"))
        .args(extra)
        .output()
        .unwrap()
}

/// Asserts the command could not run (exit 2) and its error names each of `what` (the file
/// and the key); returns stderr.
pub fn refused(o: &Output, what: &[&str]) -> String {
    let (out, err) = texts(o);
    assert_eq!(o.status.code(), Some(2), "stdout:\n{out}\nstderr:\n{err}");
    for w in what {
        assert!(err.contains(w), "stderr does not name {w:?}:\n{err}");
    }
    err
}
