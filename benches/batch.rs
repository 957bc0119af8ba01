//! Batch benchmarks (plain `harness = false` main; `cargo bench --bench batch`):
//! 1. the checklist on 32 simulated terminals at once vs one alone — wall time and peak
//!    memory (VmHWM);
//! 2. `report summarize` over 1,000,000 generated attempt rows — time and peak memory.
//!
//! Each measurement runs in a fresh child process (this binary re-executed with `--child`),
//! so a peak-memory figure belongs to that measurement alone.
//! Env: `BATCH_BENCH_ROWS` (default 1000000), `BATCH_BENCH_TERMINALS` (default 32),
//! `BATCH_BENCH_BAUD` (simulator line speed, default 115200).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use cardbench::batch::{run_stations, BatchOptions, Station};
use cardbench::model::Attempt;
use std::process::Command;
use std::time::{Duration, Instant};

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn child_batch(n: usize) {
    let baud = std::env::var("BATCH_BENCH_BAUD")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(115_200u32);
    let dir = tempfile::tempdir().expect("tempdir");
    let stations: Vec<Station> = (0..n)
        .map(|i| Station {
            device: if i % 2 == 0 {
                "crt310:sim".into()
            } else {
                "msr605:sim".into()
            },
            label: format!("T{:02}", i + 1),
            expect_model: None,
            expect_serial: None,
        })
        .collect();
    let opts = BatchOptions {
        deck: None,
        host: None,
        terminal: None,
        baud: Some(baud),
        out_dir: dir.path().to_path_buf(),
        swipes: 1,
        excel: false,
        bins: None,
        lang: cardbench::i18n::Lang::En,
        prompt_timeout: Duration::from_secs(10),
        progress: false,
        operator: String::new(),
        ticket: String::new(),
        stop: cardbench::checklist::StopSignals::none(),
    };
    let before = vm_hwm_kib();
    let t = Instant::now();
    let r = run_stations(&stations, &opts).expect("batch");
    let wall = t.elapsed();
    let attempts: u64 = r.terminals.iter().map(|t| t.attempts).sum();
    let verdicts: Vec<&str> = r.terminals.iter().map(|t| t.verdict.as_str()).collect();
    println!(
        "batch terminals={n} baud={baud} wall_ms={} attempts={attempts} peak_rss_kib={} (at start {before}) verdicts={:?}",
        wall.as_millis(),
        vm_hwm_kib(),
        verdicts.iter().fold(std::collections::BTreeMap::<&str, usize>::new(), |mut m, v| {
            *m.entry(v).or_default() += 1;
            m
        })
    );
}

fn child_summarize(rows: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("attempts.csv");
    let banks = [
        "ICBC 工商银行",
        "CCB 建设银行",
        "ABC 农业银行",
        "BOC 中国银行",
        "BOCOM 交通银行",
        "CMB 招商银行",
        "PSBC 邮储银行",
        "CITIC 中信银行",
    ];
    let ifaces = ["swipe", "chip", "network"];
    let outcomes = [
        "PASS", "PASS", "PASS", "PASS", "FAIL", "PASS", "ERROR", "SKIP",
    ];
    let families = ["", "TERM-HW", "CARD", "BANK", "NET"];
    let t = Instant::now();
    {
        let mut w = csv::Writer::from_path(&path).expect("create");
        let mut a = Attempt {
            time: "2026-11-26T10:00:00.000+08:00".into(),
            model: "CRT-310".into(),
            firmware: "V2.1".into(),
            profile: "crt310".into(),
            masked_pan: "622202******1234".into(),
            bin: "622202".into(),
            scheme: "UnionPay".into(),
            step: "read".into(),
            detail: "track 2 ok".into(),
            latency_ms: Some(120),
            ..Attempt::default()
        };
        for i in 0..rows {
            let term = i % 64;
            a.station = format!("line{}", term / 16);
            a.terminal_id = format!("T{term:02}");
            a.serial = format!("SN{term:05}");
            a.card_label = format!("card {}", i % 40);
            a.bank = banks[i % 40 % banks.len()].into();
            a.interface = cardbench::model::Interface::parse(ifaces[i % 3]).unwrap_or_default();
            a.outcome =
                cardbench::model::Outcome::parse(outcomes[i % outcomes.len()]).unwrap_or_default();
            a.family = if a.outcome.is_ok() {
                None
            } else {
                cardbench::model::Family::parse(families[1 + i % 4])
            };
            w.serialize(&a).expect("row");
        }
        w.flush().expect("flush");
    }
    let gen = t.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let before = vm_hwm_kib();
    let t = Instant::now();
    let s = cardbench::summarize::summarize_paths(&[path]).expect("summarize");
    let took = t.elapsed();
    println!(
        "summarize rows={} file_mib={:.1} time_ms={} rows_per_s={:.0} peak_rss_kib={} (before {before}) banks={} cards={} terminals={} (generate {} ms)",
        s.rows,
        size as f64 / 1048576.0,
        took.as_millis(),
        s.rows as f64 / took.as_secs_f64(),
        vm_hwm_kib(),
        s.banks.len(),
        s.cards.len(),
        s.terminals.len(),
        gen.as_millis()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        match (args.get(i + 1).map(String::as_str), args.get(i + 2)) {
            (Some("batch"), Some(n)) => child_batch(n.parse().unwrap_or(1)),
            (Some("summarize"), Some(n)) => child_summarize(n.parse().unwrap_or(1_000_000)),
            _ => eprintln!("unknown child"),
        }
        return;
    }
    // `cargo test --benches` runs bench mains with no `--bench`: keep that quick.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let rows = std::env::var("BATCH_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000usize);
    let n = std::env::var("BATCH_BENCH_TERMINALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32usize);
    let exe = std::env::current_exe().expect("exe");
    let run = |what: &str, arg: String| {
        let out = Command::new(&exe)
            .args(["--child", what, &arg])
            .output()
            .expect("child");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
        }
    };
    run("batch", "1".into());
    run("batch", n.to_string());
    run("summarize", rows.to_string());
}
