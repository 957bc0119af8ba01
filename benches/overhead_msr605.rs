//! The bench's own overhead on an MSR605 raw read against the simulator (zero think time):
//! measured exchange time vs the wire time of the bytes that crossed, at 9600 and 115200 baud.
//! Target: wire ÷ measured ≥ 0.95. The ratios are printed after the criterion runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cardbench::codec::msr605::{cmd, Command, ESC};
use cardbench::device::msr605::Msr605;
use cardbench::device::Device;
use cardbench::link::{PtySession, SerialTransport};
use cardbench::sim::msr605::Msr605Sim;
use cardbench::sim::scenario::Scenario;
use cardbench::sim::{serve_on_pty, SimKind, SimOptions, SimSlot};
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::{Duration, Instant};

struct Rig {
    dev: Msr605,
    /// Line timing (wire time of n bytes at the rig's baud).
    opts: SimOptions,
    /// The simulator on the pty's master, as `msr605:sim` runs it; stopped when dropped.
    _sim: PtySession,
    /// Bytes of one exchange: command + reply.
    tx: usize,
    rx: usize,
}

fn rig(baud: u32) -> Rig {
    let sc = Scenario::parse(cardbench::sim::scenario::MSR605_DEFAULT, "builtin").unwrap();
    // Sans-IO: the reply the simulator will send, to count its bytes.
    let rx = Msr605Sim::from_scenario(&sc)
        .handle(&Command {
            code: cmd::READ_RAW,
            params: vec![],
        })
        .unwrap()
        .len();
    let slot = SimSlot::default();
    slot.init(SimKind::Msr605, &sc);
    let mut sim = serve_on_pty(SimKind::Msr605, &slot, baud).unwrap();
    let name = sim.path().to_string();
    let slave = sim.take_slave().unwrap();
    let dev = Msr605::new(
        Box::new(SerialTransport::from_port(Box::new(slave), name)),
        "bench",
        baud,
    );
    Rig {
        dev,
        opts: SimOptions {
            baud,
            ..SimOptions::default()
        },
        _sim: sim,
        tx: [ESC, cmd::READ_RAW].len(),
        rx,
    }
}

fn read_once(r: &mut Rig) -> Duration {
    let t0 = Instant::now();
    let s = r.dev.read_swipe(Duration::from_secs(5)).unwrap();
    let el = t0.elapsed();
    assert!(s.track(2).map(|t| t.status.is_ok()).unwrap_or(false));
    el
}

fn bench(c: &mut Criterion) {
    let mut report = Vec::new();
    for baud in [9600u32, 115_200] {
        let mut r = rig(baud);
        read_once(&mut r);
        let mut g = c.benchmark_group("overhead_msr605");
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(if baud == 9600 { 4 } else { 2 }));
        g.warm_up_time(Duration::from_millis(500));
        g.bench_function(format!("read_raw_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| read_once(&mut r)).sum())
        });
        g.finish();
        let n: u32 = if baud == 9600 { 10 } else { 50 };
        let runs: Vec<Duration> = (0..n).map(|_| read_once(&mut r)).collect();
        let measured: Duration = runs.iter().sum::<Duration>() / n;
        let best = runs.iter().min().copied().unwrap_or(measured);
        let wire_rx = r.opts.wire_time(r.rx);
        let wire_all = r.opts.wire_time(r.rx + r.tx);
        report.push(format!(
            "overhead_msr605 @ {baud}: {} + {} bytes, wire {:.2} ms (reply {:.2} ms), measured {:.2} ms, \
             ratio wire/measured = {:.3} (reply only {:.3}); best run {:.2} ms, ratio {:.3}",
            r.tx,
            r.rx,
            wire_all.as_secs_f64() * 1e3,
            wire_rx.as_secs_f64() * 1e3,
            measured.as_secs_f64() * 1e3,
            wire_all.as_secs_f64() / measured.as_secs_f64(),
            wire_rx.as_secs_f64() / measured.as_secs_f64(),
            best.as_secs_f64() * 1e3,
            wire_all.as_secs_f64() / best.as_secs_f64(),
        ));
    }
    for l in report {
        println!("{l}");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
