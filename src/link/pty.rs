//! Kernel pseudo-terminals: creating a pair safely, and a server (a simulator) running on the
//! master side while the bench drives the slave like a real serial port. One mechanism for
//! `PROFILE:sim` addresses, `cardbench sim` and the test rigs; it stops and joins its thread
//! when dropped.

use std::io;
use std::os::fd::AsRawFd;
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
    let (master, slave) = serialport::TTYPort::pair().map_err(io::Error::from)?;
    // serialport opens both ends without O_CLOEXEC: a process spawned while they are open
    // (msrx, a child cardbench) would hold the master, and closing it would hang nothing up.
    for fd in [master.as_raw_fd(), slave.as_raw_fd()] {
        use nix::fcntl::{fcntl, FcntlArg, FdFlag};
        fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).map_err(io::Error::from)?;
    }
    Ok((master, slave))
}

/// A server running on the master side of a fresh pseudo-terminal pair. The bench opens the
/// slave ([`PtySession::take_slave`], or by [`PtySession::path`]). Dropping the session sets
/// the stop flag and joins the server thread, so the master closes (the bench sees a hang-up)
/// and no thread outlives its run. `T` is what the server returns (how its session ended);
/// [`PtySession::join`] hands it over.
pub struct PtySession<T = ()> {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<T>>,
    slave: Option<serialport::TTYPort>,
    path: String,
}

impl<T: Send + 'static> PtySession<T> {
    /// Opens a pair and runs `serve(master, stop)` on a thread named `name`. `serve` must
    /// return soon after `stop` is set.
    pub fn spawn(
        name: &str,
        serve: impl FnOnce(serialport::TTYPort, Arc<AtomicBool>) -> T + Send + 'static,
    ) -> io::Result<PtySession<T>> {
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
}

impl<T> PtySession<T> {
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

    /// Waits for the server to end by itself (an unplug, a script that ran out) and returns
    /// what it returned; `None` if it panicked or was already stopped. Does not set the stop
    /// flag: use [`PtySession::stop_and_join`] for a server that runs until told.
    pub fn join(mut self) -> Option<T> {
        self.thread.take().and_then(|t| t.join().ok())
    }

    /// Stops the server and returns what it returned (`None` if it panicked).
    pub fn stop_and_join(mut self) -> Option<T> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().and_then(|t| t.join().ok())
    }

    /// Whether the server thread has ended (unplugged, or stopped).
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }
}

impl<T> Drop for PtySession<T> {
    fn drop(&mut self) {
        self.stop();
    }
}
