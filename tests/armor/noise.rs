//! Line noise is the line's, not the operator's (issue 18, kind 8): with 0.1 % of the
//! reader's bytes corrupted on the cable (one byte in every 1 000, docs/scenarios.md), seeded
//! runs on both readers at the default three swipes per card. The CRT-310's BCC rejects and
//! resends are the line's signature; on an MSR605 (no frame checksum) the damaged bytes show in
//! the raw track data, where a byte changed on the line looks like no head misread
//! (`t2:line_damaged`).

use cardbench::checklist::{self, RunPlan};
use cardbench::model::Family;
use std::path::Path;
use std::time::Duration;

/// The `line_noise` fault scenario of `profile` at `rate`, with `seed`.
fn scenario(dir: &Path, profile: &str, rate: &str, seed: u32) -> std::path::PathBuf {
    let text = crate::common::fixture(&format!("scenarios/faults/{profile}-line-noise.toml"));
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("seed =") {
                format!("seed = {seed}")
            } else if l.starts_with("line_noise =") {
                format!("line_noise = {rate}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    crate::common::file(dir, &format!("{profile}-{seed}.toml"), text)
}

/// What the diagnosis of one seeded run names first: `line`, `TECH`, another family, or
/// `none` when the noise left nothing to see. `swipes`: per card, `None` = the plan's default.
fn first_culprit(profile: &str, rate: &str, seed: u32, swipes: Option<u32>) -> String {
    let d = tempfile::tempdir().unwrap();
    let sc = scenario(d.path(), profile, rate, seed);
    let device =
        cardbench::device::DeviceAddress::parse(&format!("{profile}:sim:{}", sc.display()))
            .unwrap();
    let mut p = RunPlan::defaults(device).with_station("noise");
    p.out_dir = d.path().join("out");
    p.prompt_timeout = Duration::from_secs(3);
    p.baud = Some(115_200);
    if let Some(n) = swipes {
        p.swipes = n;
    }
    let h = checklist::start(p);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    match s.conclusions.first() {
        None => "none".into(),
        Some(c) if c.family == Family::TermHw && c.culprit.en.starts_with("serial line") => {
            "line".into()
        }
        Some(c) => format!("{:?}: {}", c.family, c.culprit.en),
    }
}

/// Twenty seeds per reader at 0.1 %, default swipes (about two minutes): `cargo test --test
/// armor noise -- --ignored --nocapture` prints the tally. Measured: CRT-310 20/20 (19/20 until R1
/// took a GENERATE AC reply lost on the line from R3m); MSR605
/// 20/20 (10/20 before, with a per-byte coin toss and bit errors alone to go by; 80/80 over
/// seeds 1–80).
#[test]
#[ignore = "a sweep of 40 seeded runs; run on demand"]
fn line_noise_at_one_in_a_thousand_is_the_line() {
    for profile in ["crt310", "msr605"] {
        let got: Vec<String> = (1..=20)
            .map(|seed| first_culprit(profile, "0.001", seed, None))
            .collect();
        let line = got.iter().filter(|g| *g == "line").count();
        let tech = got.iter().filter(|g| g.starts_with("Tech")).count();
        let none = got.iter().filter(|g| *g == "none").count();
        eprintln!("{profile}: line {line}/20, TECH {tech}, nothing seen {none}: {got:?}");
        assert!(line >= 19, "{profile}: {got:?}");
    }
}

/// The first three seeds of the MSR605 sweep above, at the default swipes: the line each time.
#[test]
fn an_msr605_on_a_line_corrupting_one_byte_in_a_thousand_is_the_line() {
    for seed in 1..=3 {
        assert_eq!(
            first_culprit("msr605", "0.001", seed, None),
            "line",
            "seed {seed}"
        );
    }
}

/// Two seeds of the CRT-310 at 0.1 %: a few frames with a bad BCC, recovered by resends, are
/// the line, never "no fault found" and never the operator.
#[test]
fn a_few_bcc_rejects_are_the_line() {
    for seed in [1, 3] {
        assert_eq!(
            first_culprit("crt310", "0.001", seed, Some(3)),
            "line",
            "seed {seed}"
        );
    }
}

/// The MSR605 at 0.1 % (no frame checksum: the noise shows in the track data, as reads damaged
/// on the line and parity and LRC errors that come and go over tracks and cards): seeds 17 and
/// 19 of a 3-swipe run, which named the swipe technique once, and seed 1 of a 10-swipe run, are
/// the line.
#[test]
fn scattered_bit_errors_on_an_msr605_are_the_line() {
    for (seed, swipes) in [(17, 3), (19, 3), (1, 10)] {
        assert_eq!(
            first_culprit("msr605", "0.001", seed, Some(swipes)),
            "line",
            "seed {seed}, {swipes} swipes"
        );
    }
}
