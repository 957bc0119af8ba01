//! Kernel pseudo-terminals: creating a pair safely, and a server (a simulator) running on the
//! master side while the bench drives the slave like a real serial port. One mechanism for
//! `PROFILE:sim` addresses, `cardbench sim` and the test rigs; it stops and joins its thread
//! when dropped.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Serialises pseudo-terminal creation: `TTYPort::pair` goes through the process-global
/// `ptsname` buffer and is not thread-safe (serialport's own tests share a lock for it).
static PTY_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Opens a kernel pseudo-terminal pair: (master, slave). The slave's name (`/dev/pts/N`) is
/// what a client opens; the master is what a simulator drives.
pub fn pty_pair() -> io::Result<(serialport::TTYPort, serialport::TTYPort)> {
    let _guard = PTY_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    serialport::TTYPort::pair().map_err(io::Error::from)
}

/// A server running on the master side of a fresh pseudo-terminal pair. The bench opens the
/// slave ([`PtySession::take_slave`], or by [`PtySession::path`]). Dropping the session sets
/// the stop flag and joins the server thread, so the master closes (the bench sees a hang-up)
/// and no thread outlives its run.
pub struct PtySession {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    slave: Option<serialport::TTYPort>,
    path: String,
}

impl PtySession {
    /// Opens a pair and runs `serve(master, stop)` on a thread named `name`. `serve` must
    /// return soon after `stop` is set.
    pub fn spawn(
        name: &str,
        serve: impl FnOnce(serialport::TTYPort, Arc<AtomicBool>) + Send + 'static,
    ) -> io::Result<PtySession> {
        let (master, slave) = pty_pair()?;
        let path = serialport::SerialPort::name(&slave)
            .ok_or_else(|| io::Error::other("the pseudo-terminal has no name"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || serve(master, flag))?;
        Ok(PtySession {
            stop,
            thread: Some(thread),
            slave: Some(slave),
            path,
        })
    }

    /// The slave's path (`/dev/pts/N`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The slave end, for the bench to drive directly (once).
    pub fn take_slave(&mut self) -> Option<serialport::TTYPort> {
        self.slave.take()
    }

    /// Stops the server now and waits for its thread.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            // A server that panicked has nothing left to clean up.
            let _ = t.join();
        }
    }

    /// Whether the server thread has ended (unplugged, or stopped).
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        self.stop();
    }
}
