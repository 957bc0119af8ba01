//! Ctrl-C and SIGTERM during a run (`run --headless`, `batch`, the TUI): the signal only sets a
//! flag (`signal-hook`); the loop that follows the run sees it and sends the engine its
//! ordinary `Abort`, so the run ends the way `q` ends it — every report written, `run.toml`
//! saying "stopped by operator", untested cards "not tested". Outside a raw-mode screen a second
//! Ctrl-C or SIGTERM ends the process at once (exit 130), for a bench that no longer answers.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Exit code of a process ended by a second interrupt (128 + SIGINT).
pub const SECOND_SIGNAL_EXIT: i32 = 130;

/// Whether SIGINT or SIGTERM has arrived since [`StopSignals::install`].
#[derive(Clone, Debug)]
pub struct StopSignals {
    flag: Arc<AtomicBool>,
}

impl StopSignals {
    /// Starts listening for SIGINT and SIGTERM. `second_exits`: a second signal ends the
    /// process (not for the TUI, which must restore the terminal first). If the handlers cannot
    /// be installed the run goes on without them (logged): signals then keep their default
    /// action.
    pub fn install(second_exits: bool) -> StopSignals {
        let flag = Arc::new(AtomicBool::new(false));
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            // The conditional shutdown first: it acts only once the flag is already set.
            if second_exits {
                if let Err(e) = signal_hook::flag::register_conditional_shutdown(
                    sig,
                    SECOND_SIGNAL_EXIT,
                    flag.clone(),
                ) {
                    tracing::warn!("cannot install the second-signal exit for {sig}: {e}");
                }
            }
            if let Err(e) = signal_hook::flag::register(sig, flag.clone()) {
                tracing::warn!("cannot install the stop handler for signal {sig}: {e}");
            }
        }
        StopSignals { flag }
    }

    /// A flag nobody raises (tests, embedding).
    pub fn none() -> StopSignals {
        StopSignals {
            flag: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Whether a stop signal has arrived.
    pub fn raised(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// Raises the flag by hand (tests).
    pub fn raise(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }
}
