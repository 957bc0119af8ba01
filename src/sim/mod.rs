//! Device simulators that speak the documented wire protocols on real pseudo-terminals
//! (`cardbench sim`, `PROFILE:sim`), with fault knobs from scenario files (docs/scenarios.md):
//! which simulators exist (`SimKind`, each file's `SimSpec`), the `Simulator` trait they
//! serve a pty master with, their state kept across unplug (`SimSlot`), line pacing.

pub mod crt310;
pub mod crt591;
pub mod msr605;
pub mod pos;
pub mod publish;
pub mod scenario;

use crate::link::PtySession;
use crate::load::LoadError;
use scenario::Scenario;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Which simulator. A new reader simulator is its own file with a [`SimSpec`], a variant
/// here, and its arm in [`SimKind::spec`] (plus its place in [`SimKind::READERS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimKind {
    /// MSR605 magnetic stripe reader/writer (protocols.md §2).
    Msr605,
    /// Creator CRT-310 motorised card reader (protocols.md §3.1).
    Crt310,
    /// Creator CRT-591 card reader/dispenser (CRT-591-M001 protocol, protocols.md §3.2).
    Crt591,
    /// A UnionPay POS terminal talking ISO 8583 to a host (protocols.md §6).
    Pos,
}

/// What the bench knows about one simulator: its profile name, the built-in scenario it runs
/// when given none, and how to build it from a scenario.
pub struct SimSpec {
    /// The profile name (`msr605`, `crt310`, `pos`).
    pub name: &'static str,
    /// The built-in scenario it runs when given none.
    pub default_scenario: &'static str,
    /// Builds the simulator's state from a scenario.
    pub build: fn(&Scenario) -> Box<dyn Simulator>,
}

/// The POS terminal is not served on a pty by [`SimState`] (`cardbench sim pos` runs
/// [`pos::PosSim`]); as a device-side simulator it falls back to the CRT-310.
const POS: SimSpec = SimSpec {
    name: "pos",
    default_scenario: "crt310-default",
    build: crt310::SPEC.build,
};

impl SimKind {
    /// The simulators behind device profiles (`PROFILE:sim` addresses).
    pub const READERS: [SimKind; 3] = [SimKind::Msr605, SimKind::Crt310, SimKind::Crt591];

    /// This simulator's name, default scenario and builder.
    pub fn spec(self) -> &'static SimSpec {
        match self {
            SimKind::Msr605 => &msr605::SPEC,
            SimKind::Crt310 => &crt310::SPEC,
            SimKind::Crt591 => &crt591::SPEC,
            SimKind::Pos => &POS,
        }
    }

    /// The profile name (`msr605`, `crt310`, `pos`).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The simulator behind a device profile (`None` for profiles without one).
    pub fn of_profile(profile: &str) -> Option<SimKind> {
        SimKind::READERS.into_iter().find(|k| k.name() == profile)
    }

    /// The built-in scenario this simulator runs when given none.
    pub fn default_scenario(self) -> &'static str {
        self.spec().default_scenario
    }
}

/// A reader simulator that serves the master side of a pseudo-terminal. Its state (deck
/// position, counters) lives in the value and survives an unplug and the next `serve`.
pub trait Simulator: Send {
    /// Serves one pseudo-terminal master until stopped (`opts.stop`) or unplugged.
    fn serve(&mut self, master: serialport::TTYPort, opts: &SimOptions) -> io::Result<SessionEnd>;
}

/// Options every simulator takes.
#[derive(Clone, Debug)]
pub struct SimOptions {
    /// Line speed the simulator paces its output at (a pty moves bytes instantly).
    pub baud: u32,
    /// Set to stop the simulator loop.
    pub stop: Arc<AtomicBool>,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            baud: 9600,
            stop: Arc::new(AtomicBool::new(false)),
        }
    }
}

impl SimOptions {
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Sleeps `d` in short slices; `false` when the stop flag was raised meanwhile. Every wait
    /// of a simulator goes through here: a long think time must not keep the process alive
    /// after the run has given up.
    pub fn sleep(&self, d: Duration) -> bool {
        let until = crate::link::deadline_after(d);
        loop {
            if self.stopped() {
                return false;
            }
            let left = until.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return true;
            }
            std::thread::sleep(left.min(Duration::from_millis(20)));
        }
    }

    /// Wire time of `n` bytes at 8N1 (10 bit times per byte).
    pub fn wire_time(&self, n: usize) -> Duration {
        let baud = u64::from(self.baud.max(1));
        Duration::from_nanos(n as u64 * 10 * 1_000_000_000 / baud)
    }
}

/// Writes `bytes` paced at the line speed: each byte leaves no earlier than it would on a real
/// line at `opts.baud`, so timings seen through a simulator are those of a real line.
/// Bytes are written in small bursts against an absolute schedule, so sleep jitter does not
/// accumulate.
pub fn paced_write(w: &mut dyn Write, bytes: &[u8], opts: &SimOptions) -> io::Result<()> {
    let start = Instant::now();
    let mut sent = 0usize;
    while sent < bytes.len() {
        // Bytes allowed out by now (at least one so the first byte goes immediately).
        let elapsed = start.elapsed();
        let per_byte = opts.wire_time(1).max(Duration::from_nanos(1));
        let allowed = ((elapsed.as_nanos() / per_byte.as_nanos()) as usize + 1).min(bytes.len());
        if allowed > sent {
            w.write_all(&bytes[sent..allowed])?;
            sent = allowed;
        } else {
            let next_at = per_byte * sent as u32;
            let wait = next_at.saturating_sub(elapsed);
            std::thread::sleep(wait.min(Duration::from_millis(5)));
        }
    }
    // The last byte is on the wire for one byte time after it is handed over.
    wait_precisely(start + opts.wire_time(bytes.len()));
    w.flush()
}

/// How long before a byte that ends an exchange the pacing stops sleeping and spins: a sleep
/// overshoots by the thread's timer slack (50 µs by default) plus the wake-up, which at
/// 115200 baud is most of a byte time, and a late last byte is a late exchange.
pub const SPIN: Duration = Duration::from_micros(150);

/// Sleeps until `t`, spinning for the last [`SPIN`] (spins at most ~200 µs).
pub fn wait_precisely(t: Instant) {
    let now = Instant::now();
    if t <= now {
        return;
    }
    let left = t - now;
    if left > SPIN + Duration::from_micros(50) {
        std::thread::sleep(left - SPIN);
    }
    while Instant::now() < t {
        std::hint::spin_loop();
    }
}

/// Asks the kernel for a 1 ns timer slack on the calling (simulator) thread, so its pacing
/// sleeps end when asked rather than up to 50 µs later (Linux `/proc/<tid>/timerslack_ns`,
/// the file form of `prctl(PR_SET_TIMERSLACK)`). Best effort: where the file is missing or
/// not writable the pacing still spins the last stretch before every byte that ends an
/// exchange ([`wait_precisely`]).
pub fn fine_timer_slack() {
    // `/proc/thread-self` links to `<pid>/task/<tid>`; the slack file sits at `/proc/<tid>/`.
    let Ok(link) = std::fs::read_link("/proc/thread-self") else {
        return;
    };
    if let Some(tid) = link.file_name().and_then(|t| t.to_str()) {
        let _ = std::fs::write(format!("/proc/{tid}/timerslack_ns"), "1");
    }
}

/// The scenario a simulator of `kind` runs: the built-in name or file given, else its
/// built-in default.
pub fn load_scenario(kind: SimKind, name_or_path: Option<&str>) -> Result<Scenario, LoadError> {
    Scenario::resolve(name_or_path.unwrap_or(kind.default_scenario()))
}

/// How one serving session on a pseudo-terminal ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionEnd {
    Stopped,
    /// The scenario's `unplug_after` fired: the line was closed.
    Unplugged,
}

/// A simulator's state, kept across unplug/replug.
pub struct SimState(Box<dyn Simulator>);

impl SimState {
    pub fn new(kind: SimKind, scenario: &Scenario) -> SimState {
        SimState((kind.spec().build)(scenario))
    }

    /// Serves one pseudo-terminal master until stopped or unplugged.
    pub fn serve(
        &mut self,
        master: serialport::TTYPort,
        opts: &SimOptions,
    ) -> io::Result<SessionEnd> {
        self.0.serve(master, opts)
    }
}

/// A simulator's state shared across unplug and reopen: like a real reader's cards, the
/// deck position survives the bench reopening the port. After the scenario's `unplug_after`
/// fired, the reader is back only once `replug_after_ms` has passed — never when it is `0`
/// (unplugged for good): reopening fails, as it would with the cable out. Cheap to clone.
#[derive(Clone, Default)]
pub struct SimSlot(Arc<Mutex<Option<Slotted>>>);

/// What a slot holds: the simulator, when it was unplugged, and when it comes back.
struct Slotted {
    state: SimState,
    /// `None` = stays gone after an unplug.
    replug_after: Option<Duration>,
    unplugged_at: Option<Instant>,
}

/// Why a slot's simulator cannot be served now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unplugged {
    /// Unplugged with `replug_after_ms = 0`: it does not come back.
    ForGood,
    /// Unplugged; back after this much longer.
    BackIn(Duration),
}

impl std::fmt::Display for Unplugged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unplugged::ForGood => {
                f.write_str("the simulator was unplugged for good (replug_after_ms = 0)")
            }
            Unplugged::BackIn(d) => write!(
                f,
                "the simulator is unplugged; it comes back in {} ms",
                d.as_millis()
            ),
        }
    }
}

impl SimSlot {
    /// Whether a simulator has been set up in this slot.
    pub fn is_empty(&self) -> bool {
        self.0.lock().map(|s| s.is_none()).unwrap_or(true)
    }

    /// Sets up the simulator (kept if one is already there).
    pub fn init(&self, kind: SimKind, scenario: &Scenario) {
        if let Ok(mut s) = self.0.lock() {
            if s.is_none() {
                let ms = scenario.device.faults.replug_after_ms;
                *s = Some(Slotted {
                    state: SimState::new(kind, scenario),
                    replug_after: (ms > 0).then(|| Duration::from_millis(ms)),
                    unplugged_at: None,
                });
            }
        }
    }

    /// Whether the simulator can be served now: not unplugged, or plugged back in.
    pub fn plugged_in(&self) -> Result<(), Unplugged> {
        let Ok(mut guard) = self.0.lock() else {
            return Ok(());
        };
        let Some(s) = guard.as_mut() else {
            return Ok(());
        };
        let Some(at) = s.unplugged_at else {
            return Ok(());
        };
        match s.replug_after {
            None => Err(Unplugged::ForGood),
            Some(d) if at.elapsed() < d => Err(Unplugged::BackIn(d - at.elapsed())),
            Some(_) => {
                s.unplugged_at = None;
                Ok(())
            }
        }
    }
}

/// Serves the slot's simulator on a fresh pseudo-terminal at `baud` until the session is
/// dropped or the scenario unplugs it (noted in the slot); the bench drives the session's
/// slave end.
pub fn serve_on_pty(kind: SimKind, slot: &SimSlot, baud: u32) -> io::Result<PtySession> {
    let slot = slot.clone();
    PtySession::spawn(&format!("sim-{}", kind.name()), move |master, stop| {
        let opts = SimOptions { baud, stop };
        if let Ok(mut guard) = slot.0.lock() {
            if let Some(s) = guard.as_mut() {
                // The session ends on stop or unplug; the master closes with it.
                if let Ok(SessionEnd::Unplugged) = s.state.serve(master, &opts) {
                    s.unplugged_at = Some(Instant::now());
                }
            }
        }
    })
}
