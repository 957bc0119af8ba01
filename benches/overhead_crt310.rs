//! The bench's own overhead per Creator exchange against the simulator (zero think time):
//! measured exchange time vs the wire time of the bytes that crossed (both directions; the
//! line is half duplex), for a CRT-310 reader status and full EMV read and a CRT-591 status,
//! at 9600 and 115200 baud (issue 13's link-efficiency goal: wire ÷ measured ≥ 0.95), and the
//! whole CRT-310 chip flow with the card going in at 115200 (issue 12: measured, less the
//! flow's own processing measured apart, within 1.05× of the wire time).
//!
//! Next to each ratio: the pty floor (one byte there and back between two threads on this
//! machine, no pacing: the kernel's and the scheduler's part of every line turn-around), the
//! median overhead of one turn-around (host write to the reader's last byte, less its wire
//! time) and the ratio that overhead gives, so what is ours, what is the kernel's and what
//! is a busy machine descheduling a thread now and then can be told apart. Medians of
//! several runs (a mean would be the scheduler's). The figures are printed after the
//! criterion runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cardbench::codec::crt310::MOVE_FRONT;
use cardbench::device::crt310::{Crt310, Crt310Config};
use cardbench::device::crt591::{Crt591, Crt591Config};
use cardbench::device::emv::{run_emv, run_emv_on_card, EmvFlow, EmvOutcome, TerminalData};
use cardbench::device::Device;
use cardbench::link::{pty_pair, PtySession, SerialTransport, Transport};
use cardbench::sim::crt310::Crt310Sim;
use cardbench::sim::scenario::Scenario;
use cardbench::sim::{serve_on_pty, SimKind, SimOptions, SimSlot};
use criterion::{criterion_group, criterion_main, Criterion};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The line as the host sees it: when each write and read happened and how many bytes.
type LineLog = Arc<Mutex<Vec<(Instant, Dir, usize)>>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Write,
    Read,
}

/// Counts the bytes that cross the line in each direction, and logs the host's writes and
/// reads (each write is a line turn-around: the host speaks, then waits for the reader).
struct Counting {
    inner: SerialTransport,
    bytes: Arc<AtomicUsize>,
    log: LineLog,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n, Ordering::Relaxed);
        self.log
            .lock()
            .unwrap()
            .push((Instant::now(), Dir::Read, n));
        Ok(n)
    }
}

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let t = Instant::now();
        let n = self.inner.write(buf)?;
        self.bytes.fetch_add(n, Ordering::Relaxed);
        self.log.lock().unwrap().push((t, Dir::Write, n));
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
    log: LineLog,
    /// The simulator on the pty's master, as `PROFILE:sim` runs it; stopped when dropped.
    _sim: PtySession,
}

/// What one run of an exchange cost.
#[derive(Clone)]
struct Cost {
    measured: Duration,
    bytes: usize,
    /// Per host write (a line turn-around): the time from the write to the last byte read
    /// before the next write, less the wire time of the bytes both ways.
    turns: Vec<Duration>,
}

impl<D> Rig<D> {
    /// Runs `op` once and counts what crossed the line meanwhile.
    fn cost(&mut self, op: impl FnOnce(&mut D)) -> Cost {
        let b0 = self.bytes.load(Ordering::Relaxed);
        let t0 = Instant::now();
        op(&mut self.dev);
        let measured = t0.elapsed();
        let mut log = self.log.lock().unwrap();
        let (turns, unanswered) = turn_overheads(&log, &self.opts);
        // What nothing answered yet (the CRT-591 host's closing ACK) still holds the line
        // when the next run's command goes out: it counts in that turn-around's wire time.
        let tail = log.len() - unanswered;
        log.drain(..tail);
        Cost {
            measured,
            bytes: self.bytes.load(Ordering::Relaxed) - b0,
            turns,
        }
    }
}

/// Splits a line log at the host's writes: each write and the reads up to the next write
/// are one turn-around; its overhead is its elapsed time less the wire time of its bytes
/// and of the unanswered writes just before it (they were still on the line). Also returns
/// how many unanswered writes end the log.
fn turn_overheads(log: &[(Instant, Dir, usize)], opts: &SimOptions) -> (Vec<Duration>, usize) {
    let mut turns = Vec::new();
    let (mut carry, mut unanswered) = (0, 0);
    let mut i = 0;
    while i < log.len() {
        let (t0, dir, written) = log[i];
        i += 1;
        if dir != Dir::Write {
            continue;
        }
        let (mut read, mut last) = (0, t0);
        while i < log.len() && log[i].1 == Dir::Read {
            read += log[i].2;
            last = log[i].0;
            i += 1;
        }
        // A write nothing answers (the CRT-591 host's closing ACK) is no turn-around.
        if read > 0 {
            let wire = opts.wire_time(carry + written + read);
            turns.push((last - t0).saturating_sub(wire));
            (carry, unanswered) = (0, 0);
        } else {
            carry += written;
            unanswered += 1;
        }
    }
    (turns, unanswered)
}

/// The scenario every rig runs: the simulator's default with one card that never leaves
/// (every exchange works on the same card) and zero think time.
fn bench_scenario(kind: SimKind) -> Scenario {
    let mut sc = Scenario::builtin(kind.default_scenario()).unwrap();
    sc.device.think_time_ms = 0;
    sc.cards.truncate(1);
    sc
}

/// The simulator of `kind` on a pty at `baud`; the driver `make` builds on its line.
fn rig<D>(kind: SimKind, baud: u32, make: impl FnOnce(Box<dyn Transport>) -> D) -> Rig<D> {
    let slot = SimSlot::default();
    slot.init(kind, &bench_scenario(kind));
    let mut sim = serve_on_pty(kind, &slot, baud).unwrap();
    let slave = sim.take_slave().unwrap();
    let bytes = Arc::new(AtomicUsize::new(0));
    let log = LineLog::default();
    let t = Counting {
        inner: SerialTransport::from_port(Box::new(slave), "bench"),
        bytes: bytes.clone(),
        log: log.clone(),
    };
    Rig {
        dev: make(Box::new(t)),
        opts: SimOptions {
            baud,
            ..SimOptions::default()
        },
        bytes,
        log,
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

fn status_310(d: &mut Crt310) {
    d.status().unwrap();
}

fn status_591(d: &mut Crt591) {
    d.status().unwrap();
}

/// Power-on to power-off with the card already at the IC position.
fn emv_read(d: &mut Crt310) {
    let res = run_emv(d, &TerminalData::default(), None);
    assert_eq!(res.outcome, EmvOutcome::Ok);
}

/// Issue 12's whole chip flow: the card goes in and to the IC position (`32 2F`), power-on,
/// ATR, selection, GPO, records, ODA, GENERATE AC, power-off, and out to the front for the
/// next insertion (`32 30`: the simulator presents the same card again).
fn chip_flow(d: &mut Crt310) {
    emv_read(d);
    d.move_card(MOVE_FRONT).unwrap();
}

/// One byte there and back across a fresh pty between two threads, read the way the bench
/// and the simulators read (poll, then read): the kernel's and the scheduler's share of a
/// line turn-around (two wake-ups and the pty's hand-over), with nothing of ours in it.
/// Median of `n` round trips.
fn pty_round_trip(n: usize) -> Duration {
    let (mut master, mut slave) = pty_pair().unwrap();
    let echo = std::thread::spawn(move || {
        use serialport::SerialPort;
        master.set_timeout(Duration::from_secs(5)).unwrap();
        let mut b = [0u8; 1];
        while master.read_exact(&mut b).is_ok() && b[0] != 0xFF {
            master.write_all(&b).unwrap();
        }
    });
    serialport::SerialPort::set_timeout(&mut slave, Duration::from_secs(5)).unwrap();
    let mut rtt = Vec::with_capacity(n);
    let mut b = [0u8; 1];
    for _ in 0..n {
        let t0 = Instant::now();
        slave.write_all(&[0x55]).unwrap();
        slave.read_exact(&mut b).unwrap();
        rtt.push(t0.elapsed());
    }
    slave.write_all(&[0xFF]).unwrap();
    echo.join().unwrap();
    rtt.sort();
    rtt[n / 2]
}

/// The chip flow's processing apart from the line: the same terminal flow over the same
/// simulated card in this process (RSA signing and verification, SHA-1, DOLs, cryptograms,
/// TLV on both sides), no reader, no pty. Median of `n` runs after one warm-up (the card's
/// signed records are cached after the first, as the simulator on the pty caches them).
fn chip_compute(n: usize) -> Duration {
    let mut sim = Crt310Sim::new(bench_scenario(SimKind::Crt310), SimOptions::default());
    let mut runs = Vec::with_capacity(n);
    for i in 0..=n {
        sim.card_reset();
        let flow = EmvFlow::new(TerminalData::default(), EmvFlow::default_aids());
        let t0 = Instant::now();
        let r = run_emv_on_card(flow, &mut |c| sim.card_apdu(0, c));
        if i > 0 {
            runs.push(t0.elapsed());
        }
        assert_eq!(r.outcome, EmvOutcome::Ok);
    }
    runs.sort();
    runs[n / 2]
}

/// `n` runs of `op`: the median run (a mean would be the scheduler's: one run descheduled
/// for 10 ms on a busy machine outweighs a hundred good ones) and the median overhead of
/// one turn-around over all the runs.
fn median_cost<D>(r: &mut Rig<D>, op: fn(&mut D), n: usize) -> (Cost, Duration) {
    let mut runs: Vec<Cost> = (0..n).map(|_| r.cost(op)).collect();
    let mut turns: Vec<Duration> = runs.iter().flat_map(|c| c.turns.clone()).collect();
    turns.sort();
    let turn = turns.get(turns.len() / 2).copied().unwrap_or_default();
    runs.sort_by_key(|c| c.measured);
    (runs.swap_remove(n / 2), turn)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The report line of one exchange: bytes, wire and measured time, the ratio; then the
/// median overhead of one turn-around, the ratio the exchange has when every turn-around
/// costs that much (no thread descheduled), and the pty floor's share of a turn-around
/// (half a round trip: one wake-up; a turn-around has two, the reader's and the host's).
fn ratio_line(
    name: &str,
    opts: &SimOptions,
    (c, turn): (Cost, Duration),
    floor: Duration,
) -> String {
    let wire = opts.wire_time(c.bytes);
    let typical = wire + turn * c.turns.len() as u32;
    format!(
        "overhead {name} @ {}: {} bytes, wire {:.2} ms, measured {:.2} ms, \
         ratio wire/measured = {:.3}; {} turn-arounds, median {:.1} µs over the wire each \
         (ratio {:.3} at that), pty round trip {:.1} µs",
        opts.baud,
        c.bytes,
        ms(wire),
        ms(c.measured),
        wire.as_secs_f64() / c.measured.as_secs_f64(),
        c.turns.len(),
        turn.as_secs_f64() * 1e6,
        wire.as_secs_f64() / typical.as_secs_f64(),
        floor.as_secs_f64() * 1e6,
    )
}

/// Issue 12's line: measured, the flow's processing measured apart, and the ratio of what
/// is left to the wire time (goal ≤ 1.05).
fn chip_line(opts: &SimOptions, (c, turn): (Cost, Duration), compute: Duration) -> String {
    let wire = opts.wire_time(c.bytes);
    let link = c.measured.saturating_sub(compute);
    let typical = wire + turn * c.turns.len() as u32;
    format!(
        "chip flow @ {}: {} bytes, wire {:.2} ms, measured {:.2} ms, of which processing \
         (RSA, SHA-1, both sides' flow, in process) {:.2} ms; (measured - processing)/wire \
         = {:.3}; {} turn-arounds, median {:.1} µs over the wire each ({:.3} at that)",
        opts.baud,
        c.bytes,
        ms(wire),
        ms(c.measured),
        ms(compute),
        link.as_secs_f64() / wire.as_secs_f64(),
        c.turns.len(),
        turn.as_secs_f64() * 1e6,
        typical.as_secs_f64() / wire.as_secs_f64(),
    )
}

fn bench(c: &mut Criterion) {
    let floor = pty_round_trip(2000);
    let mut report = vec![format!(
        "pty floor: one byte there and back between two threads, median {:.1} µs (two wake-ups)",
        floor.as_secs_f64() * 1e6
    )];
    for baud in [9600u32, 115_200] {
        let mut r = crt310(baud);
        let mut r591 = crt591(baud);
        r.cost(status_310);
        r.cost(emv_read);
        r591.cost(status_591);
        let mut g = c.benchmark_group("overhead_creator");
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(if baud == 9600 { 6 } else { 2 }));
        g.warm_up_time(Duration::from_millis(300));
        g.bench_function(format!("crt310_status_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| r.cost(status_310).measured).sum())
        });
        g.bench_function(format!("crt310_emv_read_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| r.cost(emv_read).measured).sum())
        });
        g.bench_function(format!("crt591_status_{baud}"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| r591.cost(status_591).measured).sum())
        });
        if baud == 115_200 {
            g.bench_function("crt310_chip_flow_115200", |b| {
                b.iter_custom(|iters| (0..iters).map(|_| r.cost(chip_flow).measured).sum())
            });
        }
        g.finish();
        let many = if baud == 9600 { 21 } else { 101 };
        let few = if baud == 9600 { 5 } else { 11 };
        let lines = [
            ("CRT-310 status", median_cost(&mut r, status_310, many)),
            ("CRT-310 full EMV read", median_cost(&mut r, emv_read, few)),
            ("CRT-591 status", median_cost(&mut r591, status_591, many)),
        ];
        for (name, cost) in lines {
            report.push(ratio_line(name, &r.opts, cost, floor));
        }
        if baud == 115_200 {
            let flow = median_cost(&mut r, chip_flow, 21);
            report.push(chip_line(&r.opts, flow, chip_compute(21)));
        }
    }
    for l in report {
        println!("{l}");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
