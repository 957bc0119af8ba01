//! Replays every file under `fixtures/fuzz-regressions/<decoder>/` through the matching
//! decoder: any input that once crashed a decoder must now give a value or an error.

use std::path::{Path, PathBuf};

fn files(decoder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/fuzz-regressions")
        .join(decoder);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"));
    v.sort();
    v
}

fn replay(decoder: &str, f: impl Fn(&[u8])) -> usize {
    let list = files(decoder);
    for p in &list {
        let data = std::fs::read(p).unwrap();
        eprintln!("replaying {}", p.display());
        f(&data);
    }
    list.len()
}

#[test]
fn track() {
    assert!(replay("track", cardbench::codec::track::fuzz_input) > 0);
}

#[test]
fn atr() {
    assert!(replay("atr", cardbench::codec::atr::fuzz_input) > 0);
}

#[test]
fn apdu_t0() {
    assert!(replay("apdu_t0", cardbench::codec::apdu::fuzz_input) > 0);
}

#[test]
fn tlv() {
    replay("tlv", |d| {
        let _ = cardbench::codec::tlv::parse(d);
    });
}

#[test]
fn iso8583() {
    use cardbench::codec::iso8583::{decode, Packing};
    replay("iso8583", |d| {
        let _ = decode(d, Packing::Ascii);
        let _ = decode(d, Packing::Cups);
    });
}
