//! Device simulators that speak the documented wire protocols on real pseudo-terminals
//! (`cardbench sim`), with fault knobs from scenario files (docs/scenarios.md).

pub mod crt310;
pub mod msr605;
pub mod pos;
pub mod scenario;

use crate::cli::SimArgs;
use crate::error::{Error, Globals, Result, Status};
use std::io::{self, Write};
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

pub fn run_sim(_g: &Globals, _args: &SimArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench sim"))
}
