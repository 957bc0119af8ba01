//! The bench's own overhead per CRT-310 exchange against the simulator (zero think time):
//! measured exchange time vs the wire time of the bytes that crossed (both directions; the
//! line is half duplex), for a reader status and a full EMV read, at 9600 and 115200 baud.
//! Target: wire ÷ measured ≥ 0.95. The ratios are printed after the criterion runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cardbench::device::crt310::{Crt310, Crt310Config};
use cardbench::device::emv::{run_emv, EmvOutcome, TerminalData};
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

struct Rig {
    dev: Crt310,
    /// Line timing (wire time of n bytes at the rig's baud).
    opts: SimOptions,
    bytes: Arc<AtomicUsize>,
    /// The simulator on the pty's master, as `crt310:sim` runs it; stopped when dropped.
    _sim: PtySession,
}

fn rig(baud: u32) -> Rig {
    let mut sc = Scenario::builtin("crt310-default").unwrap();
    sc.device.think_time_ms = 0;
    // One card that never leaves: every EMV read works on the same card.
    sc.cards.truncate(1);
    let slot = SimSlot::default();
    slot.init(SimKind::Crt310, &sc);
    let mut sim = serve_on_pty(SimKind::Crt310, &slot, baud).unwrap();
    let slave = sim.take_slave().unwrap();
    let bytes = Arc::new(AtomicUsize::new(0));
    let t = Counting {
        inner: SerialTransport::from_port(Box::new(slave), "bench"),
        bytes: bytes.clone(),
    };
    let dev = Crt310::with_config(
        Box::new(t),
        "bench",
        Crt310Config {
            baud,
            ..Crt310Config::default()
        },
    );
    Rig {
        dev,
        opts: SimOptions {
            baud,
            ..SimOptions::default()
        },
        bytes,
        _sim: sim,
    }
}

/// (measured, bytes crossed)
fn status_once(r: &mut Rig) -> (Duration, usize) {
    let b0 = r.bytes.load(Ordering::Relaxed);
    let t0 = Instant::now();
    r.dev.status().unwrap();
    (t0.elapsed(), r.bytes.load(Ordering::Relaxed) - b0)
}

fn emv_once(r: &mut Rig) -> (Duration, usize) {
    let b0 = r.bytes.load(Ordering::Relaxed);
    let t0 = Instant::now();
    let res = run_emv(&mut r.dev, &TerminalData::default(), None);
    assert_eq!(res.outcome, EmvOutcome::Ok);
    (t0.elapsed(), r.bytes.load(Ordering::Relaxed) - b0)
}

fn bench(c: &mut Criterion) {
    let mut report = Vec::new();
    for baud in [9600u32, 115_200] {
        let mut r = rig(baud);
        status_once(&mut r);
        emv_once(&mut r);
        let mut g = c.benchmark_group("overhead_crt310");
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(if baud == 9600 { 6 } else { 2 }));
        g.warm_up_time(Duration::from_millis(300));
        g.bench_function(format!("status_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| status_once(&mut r).0).sum())
        });
        g.bench_function(format!("emv_read_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| emv_once(&mut r).0).sum())
        });
        g.finish();
        type Op = fn(&mut Rig) -> (Duration, usize);
        let ops: [(&str, Op, u32); 2] = [
            ("status", status_once, if baud == 9600 { 20 } else { 100 }),
            ("full EMV read", emv_once, if baud == 9600 { 3 } else { 10 }),
        ];
        for (name, op, n) in ops {
            let mut measured = Duration::ZERO;
            let mut bytes = 0usize;
            for _ in 0..n {
                let (d, b) = op(&mut r);
                measured += d;
                bytes += b;
            }
            let measured = measured / n;
            let bytes = bytes / n as usize;
            let wire = r.opts.wire_time(bytes);
            report.push(format!(
                "overhead_crt310 {name} @ {baud}: {bytes} bytes, wire {:.2} ms, measured {:.2} ms, \
                 ratio wire/measured = {:.3}",
                wire.as_secs_f64() * 1e3,
                measured.as_secs_f64() * 1e3,
                wire.as_secs_f64() / measured.as_secs_f64(),
            ));
        }
    }
    for l in report {
        println!("{l}");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
