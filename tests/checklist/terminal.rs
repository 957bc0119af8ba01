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
