//! Device simulators that speak the documented wire protocols on real pseudo-terminals
//! (`cardbench sim`), with fault knobs from scenario files (docs/scenarios.md).

pub mod crt310;
pub mod msr605;
pub mod pos;
pub mod scenario;

use crate::cli::{SimArgs, SimKind};
use crate::error::{Error, Globals, Result, Status};
use scenario::Scenario;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    let total = opts.wire_time(bytes.len());
    let elapsed = start.elapsed();
    if total > elapsed {
        std::thread::sleep(total - elapsed);
    }
    w.flush()
}

/// The scenario a simulator of `kind` runs: the file given, else its built-in default.
pub fn load_scenario(kind: SimKind, path: Option<&Path>) -> Result<Scenario> {
    if let Some(p) = path {
        return Ok(Scenario::load(p)?);
    }
    Ok(match kind {
        SimKind::Msr605 => Scenario::parse(MSR605_DEFAULT, "builtin:msr605-default")?,
        SimKind::Crt310 | SimKind::Pos => Scenario::builtin("crt310-default")
            .ok_or_else(|| Error::Other("built-in scenario crt310-default is missing".into()))?,
    })
}

/// The MSR605 simulator's built-in default scenario.
pub const MSR605_DEFAULT: &str = include_str!("../../fixtures/scenarios/msr605-default.toml");

/// How one serving session on a pseudo-terminal ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionEnd {
    Stopped,
    /// The scenario's `unplug_after` fired: the line was closed.
    Unplugged,
}

/// A simulator's state, kept across unplug/replug.
pub enum SimState {
    Msr605(Box<msr605::Msr605Sim>),
    Crt310(Box<crt310::Crt310Sim>),
}

impl SimState {
    pub fn new(kind: SimKind, scenario: &Scenario) -> SimState {
        match kind {
            SimKind::Msr605 => {
                SimState::Msr605(Box::new(msr605::Msr605Sim::from_scenario(scenario)))
            }
            SimKind::Crt310 | SimKind::Pos => SimState::Crt310(Box::new(crt310::Crt310Sim::new(
                scenario.clone(),
                SimOptions::default(),
            ))),
        }
    }

    /// Serves one pseudo-terminal master until stopped or unplugged.
    pub fn serve(
        &mut self,
        master: serialport::TTYPort,
        opts: &SimOptions,
    ) -> io::Result<SessionEnd> {
        match self {
            SimState::Msr605(sim) => {
                let mut master = master;
                Ok(match sim.serve(&mut master, opts)? {
                    msr605::ServeEnd::Stopped => SessionEnd::Stopped,
                    msr605::ServeEnd::Unplugged => SessionEnd::Unplugged,
                })
            }
            SimState::Crt310(sim) => {
                sim.set_options(opts.clone());
                Ok(match sim.serve_port(master)? {
                    scenario::SimExit::Unplugged { .. } => SessionEnd::Unplugged,
                    scenario::SimExit::Stopped | scenario::SimExit::HungUp => SessionEnd::Stopped,
                })
            }
        }
    }
}

/// Runs a simulator of `kind` on `master` until stopped or unplugged (in-process simulators).
pub fn serve_once(
    kind: SimKind,
    scenario: &Scenario,
    master: serialport::TTYPort,
    opts: &SimOptions,
) -> io::Result<SessionEnd> {
    SimState::new(kind, scenario).serve(master, opts)
}

/// Points `link` at `target`, replacing what was there (as udev does for /dev/serial/by-id).
pub fn relink(link: &Path, target: &str) -> io::Result<()> {
    let tmp = link.with_extension(format!("tmp{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(target, &tmp)?;
    // rename() replaces atomically: a client never sees the name missing.
    std::fs::rename(&tmp, link)
}

fn kind_name(k: SimKind) -> &'static str {
    match k {
        SimKind::Msr605 => "msr605",
        SimKind::Crt310 => "crt310",
        SimKind::Pos => "pos",
    }
}

pub fn run_sim(_g: &Globals, args: &SimArgs) -> Result<Status> {
    if args.kind == SimKind::Pos {
        return pos::run_pos_sim(args);
    }
    let scenario = load_scenario(args.kind, args.scenario.as_deref())?;
    let opts = SimOptions {
        baud: args.baud,
        ..SimOptions::default()
    };
    let faults = &scenario.device.faults;
    let replug = Duration::from_millis(faults.replug_after_ms);
    let mut state = SimState::new(args.kind, &scenario);
    let mut stdout = io::stdout();
    loop {
        let (master, slave) = crate::link::pty_pair()?;
        let path = serialport::SerialPort::name(&slave)
            .ok_or_else(|| Error::Other("the pseudo-terminal has no name".into()))?;
        if let Some(link) = &args.link {
            relink(link, &path).map_err(|e| {
                Error::Other(format!(
                    "cannot publish the pty as --link {}: {e}",
                    link.display()
                ))
            })?;
        }
        // A reader of stdout that went away (`| head -1`) must not stop the simulator.
        let _ = writeln!(stdout, "PTY {path}").and_then(|_| stdout.flush());
        eprintln!(
            "cardbench sim {}: scenario {:?}, {} card(s), {} baud{}; serving until killed",
            kind_name(args.kind),
            scenario.scenario.name,
            scenario.cards.len(),
            opts.baud,
            args.link
                .as_ref()
                .map(|l| format!(", link {}", l.display()))
                .unwrap_or_default()
        );
        // The slave stays open here so a client closing its end does not hang up the master.
        let end = state.serve(master, &opts)?;
        drop(slave);
        match end {
            SessionEnd::Stopped => return Ok(Status::Passed),
            SessionEnd::Unplugged => {
                eprintln!("cardbench sim: unplugged (line closed)");
                if let Some(link) = &args.link {
                    // The stable name disappears with the device, as with udev.
                    let _ = std::fs::remove_file(link);
                }
                if replug.is_zero() {
                    // Stay unplugged until killed.
                    loop {
                        std::thread::sleep(Duration::from_secs(3600));
                    }
                }
                std::thread::sleep(replug);
                eprintln!("cardbench sim: replugged");
            }
        }
    }
}
