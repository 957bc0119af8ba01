//! Crash replay: every input under `fixtures/fuzz-regressions/<target>/` (each crash or hang a
//! fuzzer ever found, and hand-made edge cases) and the seed corpus under `fuzz/corpus/<target>/`
//! runs through the same harness entry the fuzz target runs (`fuzz/harness/`). An input that
//! once crashed must now give a value or an error, and nothing it makes the bench print may
//! hold a clear card number.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../fuzz/harness/mod.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"));
    v.sort();
    v
}

/// Runs every input of one folder through a target; returns how many ran.
fn replay(dir: &Path, t: &harness::Target) -> usize {
    let list = inputs(dir);
    for p in &list {
        let data = std::fs::read(p).unwrap();
        let run = std::panic::catch_unwind(|| (t.run)(&data));
        assert!(run.is_ok(), "{} crashes target {}", p.display(), t.name);
    }
    list.len()
}

#[test]
fn every_target_has_a_seed_corpus_and_a_regression_folder() {
    for t in harness::TARGETS {
        let corpus = root().join("fuzz/corpus").join(t.name);
        assert!(
            !inputs(&corpus).is_empty(),
            "no seed corpus in {}",
            corpus.display()
        );
        let reg = root().join("fixtures/fuzz-regressions").join(t.name);
        assert!(reg.is_dir(), "no regression folder {}", reg.display());
        let bin = root()
            .join("fuzz/fuzz_targets")
            .join(format!("{}.rs", t.name));
        assert!(bin.is_file(), "no fuzz target {}", bin.display());
    }
}

#[test]
fn crash_regressions_replay() {
    let mut n = 0;
    for t in harness::TARGETS {
        n += replay(&root().join("fixtures/fuzz-regressions").join(t.name), t);
    }
    assert!(n > 0);
}

#[test]
fn seed_corpus_replays() {
    for t in harness::TARGETS {
        replay(&root().join("fuzz/corpus").join(t.name), t);
    }
}
