//! The bench's own overhead per Creator exchange against the simulator (zero think time):
//! measured exchange time vs the wire time of the bytes that crossed (both directions; the
//! line is half duplex), for a CRT-310 reader status and full EMV read and a CRT-591 status,
//! at 9600 and 115200 baud (issue 13's link-efficiency goal). Target: wire ÷ measured ≥ 0.95.
//! The ratios are printed after the criterion runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cardbench::device::crt310::{Crt310, Crt310Config};
use cardbench::device::crt591::{Crt591, Crt591Config};
use cardbench::device::emv::{run_emv, EmvOutcome, TerminalData};
use cardbench::device::Device;
use cardbench::link::{PtySession, SerialTransport, Transport};
use cardbench::sim::scenario::Scenario;
use cardbench::sim::{serve_on_pty, SimKind, SimOptions, SimSlot};
use criterion::{criterion_group, criterion_main, Criterion};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Counts the bytes that cross the line in each direction.
struct Counting {
    inner: SerialTransport,
    bytes: Arc<AtomicUsize>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    }
}

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Transport for Counting {
    fn set_read_timeout(&mut self, timeout: Duration) -> std::io::Result<()> {
        self.inner.set_read_timeout(timeout)
    }
    fn clear_input(&mut self) -> std::io::Result<()> {
        self.inner.clear_input()
    }
    fn describe(&self) -> String {
        self.inner.describe()
    }
}

struct Rig<D> {
    dev: D,
    /// Line timing (wire time of n bytes at the rig's baud).
    opts: SimOptions,
    bytes: Arc<AtomicUsize>,
    /// The simulator on the pty's master, as `PROFILE:sim` runs it; stopped when dropped.
    _sim: PtySession,
}

/// The simulator of `kind` with its default scenario cut to one card that never leaves (every
/// exchange works on the same card), zero think time; the driver `make` builds on its line.
fn rig<D>(kind: SimKind, baud: u32, make: impl FnOnce(Box<dyn Transport>) -> D) -> Rig<D> {
    let mut sc = Scenario::builtin(kind.default_scenario()).unwrap();
    sc.device.think_time_ms = 0;
    sc.cards.truncate(1);
    let slot = SimSlot::default();
    slot.init(kind, &sc);
    let mut sim = serve_on_pty(kind, &slot, baud).unwrap();
    let slave = sim.take_slave().unwrap();
    let bytes = Arc::new(AtomicUsize::new(0));
    let t = Counting {
        inner: SerialTransport::from_port(Box::new(slave), "bench"),
        bytes: bytes.clone(),
    };
    Rig {
        dev: make(Box::new(t)),
        opts: SimOptions {
            baud,
            ..SimOptions::default()
        },
        bytes,
        _sim: sim,
    }
}

fn crt310(baud: u32) -> Rig<Crt310> {
    rig(SimKind::Crt310, baud, |t| {
        let cfg = Crt310Config {
            baud,
            ..Crt310Config::default()
        };
        Crt310::with_config(t, "bench", cfg)
    })
}

fn crt591(baud: u32) -> Rig<Crt591> {
    let mut r = rig(SimKind::Crt591, baud, |t| {
        let cfg = Crt591Config {
            baud,
            ..Crt591Config::default()
        };
        Crt591::with_config(t, "bench", cfg)
    });
    // M591 §3.1: INIT first.
    r.dev.identify().unwrap();
    r
}

/// Runs `op` `n` times; the line for the report (bytes, wire and measured time, ratio).
fn ratio_line<D>(
    r: &mut Rig<D>,
    name: &str,
    op: fn(&mut Rig<D>) -> (Duration, usize),
    n: u32,
) -> String {
    let mut measured = Duration::ZERO;
    let mut bytes = 0usize;
    for _ in 0..n {
        let (d, b) = op(r);
        measured += d;
        bytes += b;
    }
    let measured = measured / n;
    let bytes = bytes / n as usize;
    let wire = r.opts.wire_time(bytes);
    format!(
        "overhead {name} @ {}: {bytes} bytes, wire {:.2} ms, measured {:.2} ms, \
         ratio wire/measured = {:.3}",
        r.opts.baud,
        wire.as_secs_f64() * 1e3,
        measured.as_secs_f64() * 1e3,
        wire.as_secs_f64() / measured.as_secs_f64(),
    )
}

/// A CRT-591 status exchange: (measured, bytes crossed).
fn status_591(r: &mut Rig<Crt591>) -> (Duration, usize) {
    let b0 = r.bytes.load(Ordering::Relaxed);
    let t0 = Instant::now();
    r.dev.status().unwrap();
    (t0.elapsed(), r.bytes.load(Ordering::Relaxed) - b0)
}

/// (measured, bytes crossed)
fn status_once(r: &mut Rig<Crt310>) -> (Duration, usize) {
    let b0 = r.bytes.load(Ordering::Relaxed);
    let t0 = Instant::now();
    r.dev.status().unwrap();
    (t0.elapsed(), r.bytes.load(Ordering::Relaxed) - b0)
}

fn emv_once(r: &mut Rig<Crt310>) -> (Duration, usize) {
    let b0 = r.bytes.load(Ordering::Relaxed);
    let t0 = Instant::now();
    let res = run_emv(&mut r.dev, &TerminalData::default(), None);
    assert_eq!(res.outcome, EmvOutcome::Ok);
    (t0.elapsed(), r.bytes.load(Ordering::Relaxed) - b0)
}

fn bench(c: &mut Criterion) {
    let mut report = Vec::new();
    for baud in [9600u32, 115_200] {
        let mut r = crt310(baud);
        let mut r591 = crt591(baud);
        status_once(&mut r);
        emv_once(&mut r);
        status_591(&mut r591);
        let mut g = c.benchmark_group("overhead_creator");
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(if baud == 9600 { 6 } else { 2 }));
        g.warm_up_time(Duration::from_millis(300));
        g.bench_function(format!("crt310_status_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| status_once(&mut r).0).sum())
        });
        g.bench_function(format!("crt310_emv_read_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| emv_once(&mut r).0).sum())
        });
        g.bench_function(format!("crt591_status_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| status_591(&mut r591).0).sum())
        });
        g.finish();
        let many = if baud == 9600 { 20 } else { 100 };
        let few = if baud == 9600 { 3 } else { 10 };
        report.push(ratio_line(&mut r, "CRT-310 status", status_once, many));
        report.push(ratio_line(&mut r, "CRT-310 full EMV read", emv_once, few));
        report.push(ratio_line(&mut r591, "CRT-591 status", status_591, many));
    }
    for l in report {
        println!("{l}");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
