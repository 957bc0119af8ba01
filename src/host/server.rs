//! The acquirer host simulator's connection handling: a TCP listener serving many terminals
//! at once (a bounded number of connection threads), cutting frames and writing replies. What
//! to answer is `acquirer::Acquirer`'s business; every exchange is logged with card data
//! masked.

use super::acquirer::{Acquirer, AcquirerConfig, Exchange};
use super::rules::Rules;
use super::wire::{FrameReader, Incoming};
use super::HostError;
use crate::codec::iso8583::framing::{self, Framing};
use crate::codec::iso8583::Packing;
use crate::sensitive::redact_text;
use std::collections::VecDeque;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Where log lines go (already masked).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// Where the facts of each exchange go (the checklist's POS judge).
pub type ExchangeSink = Arc<dyn Fn(Exchange) + Send + Sync>;

/// Everything the host needs to run.
#[derive(Clone)]
pub struct HostConfig {
    pub listen: String,
    /// What to answer: rules, keys, parameters, the deck's PINs.
    pub acquirer: AcquirerConfig,
    pub framing: Framing,
    pub packing: Packing,
    /// Connections served at once; more are accepted and closed at once (logged).
    pub max_connections: usize,
    /// Extra log destination (stdout for `cardbench host`); the handle keeps recent lines too.
    pub log: Option<LogSink>,
    /// Receives every exchange's facts (for a checklist run playing host).
    pub exchanges: Option<ExchangeSink>,
    /// Receives every frame in and out, masked (the run's link timeline).
    pub frames: Option<crate::trace::FrameSink>,
}

impl HostConfig {
    pub fn new(listen: &str, framing: Framing, packing: Packing) -> HostConfig {
        HostConfig {
            listen: listen.to_string(),
            acquirer: AcquirerConfig::default(),
            framing,
            packing,
            max_connections: 512,
            log: None,
            exchanges: None,
            frames: None,
        }
    }
}

/// Counters, readable while the host runs.
#[derive(Debug, Default)]
pub struct HostStats {
    pub connections: AtomicU64,
    pub requests: AtomicU64,
    pub replies: AtomicU64,
    pub malformed: AtomicU64,
    pub refused: AtomicU64,
    pub active: AtomicUsize,
}

/// A snapshot of the counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    pub connections: u64,
    pub requests: u64,
    pub replies: u64,
    pub malformed: u64,
    pub refused: u64,
    pub active: usize,
}

struct Shared {
    cfg: HostConfig,
    stop: AtomicBool,
    stats: HostStats,
    recent: Mutex<VecDeque<String>>,
    acquirer: Acquirer,
}

const RECENT_LINES: usize = 2000;

impl Shared {
    fn log(&self, line: &str) {
        let line = redact_text(line);
        if let Some(l) = &self.cfg.log {
            l(&line);
        }
        tracing::info!(target: "host", "{line}");
        if let Ok(mut r) = self.recent.lock() {
            if r.len() >= RECENT_LINES {
                r.pop_front();
            }
            r.push_back(line);
        }
    }
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// A running host. Dropping it stops the listener and every connection.
pub struct HostHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl HostHandle {
    /// The address actually bound (port 0 resolved).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Recent log lines (masked), oldest first.
    pub fn log_lines(&self) -> Vec<String> {
        self.shared
            .recent
            .lock()
            .map(|r| r.iter().cloned().collect())
            .unwrap_or_default()
    }

    pub fn stats(&self) -> StatsSnapshot {
        let s = &self.shared.stats;
        StatsSnapshot {
            connections: s.connections.load(Ordering::Relaxed),
            requests: s.requests.load(Ordering::Relaxed),
            replies: s.replies.load(Ordering::Relaxed),
            malformed: s.malformed.load(Ordering::Relaxed),
            refused: s.refused.load(Ordering::Relaxed),
            active: s.active.load(Ordering::Relaxed),
        }
    }

    /// Whether the listener is still running.
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// Blocks until the listener stops (for `cardbench host`).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    pub fn stop(self) {}
}

impl Drop for HostHandle {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts the host simulator in background threads (rules: a built-in name or a file; none:
/// approve all).
pub fn spawn_host(
    listen: &str,
    rules: Option<&str>,
    framing: Framing,
    packing: Packing,
) -> Result<HostHandle, HostError> {
    let mut cfg = HostConfig::new(listen, framing, packing);
    if let Some(r) = rules {
        cfg.acquirer.rules = Rules::resolve(r)?;
    }
    spawn_host_with(cfg)
}

/// Starts the host simulator with a full configuration.
pub fn spawn_host_with(cfg: HostConfig) -> Result<HostHandle, HostError> {
    let listener = TcpListener::bind(&cfg.listen).map_err(|e| HostError::Bind {
        addr: cfg.listen.clone(),
        reason: e.to_string(),
    })?;
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let acquirer = Acquirer::new(cfg.acquirer.clone());
    let shared = Arc::new(Shared {
        cfg,
        stop: AtomicBool::new(false),
        stats: HostStats::default(),
        recent: Mutex::new(VecDeque::new()),
        acquirer,
    });
    let a = &shared.cfg.acquirer;
    shared.log(&format!(
        "host listening on {addr} (framing {}, packing {}, {} rules, keys {}, master KCV {}, MAC {}); MACs are checked once a terminal has signed on",
        shared.cfg.framing.as_str(),
        shared.cfg.packing.as_str(),
        a.rules.rules.len(),
        a.keys.origin,
        a.keys.terminal("").tmk.check_value(),
        a.keys.terminal("").mac,
    ));
    let sh = Arc::clone(&shared);
    let thread = std::thread::Builder::new()
        .name("host-accept".into())
        .spawn(move || accept_loop(listener, sh))?;
    Ok(HostHandle {
        addr,
        shared,
        thread: Some(thread),
    })
}

fn accept_loop(listener: TcpListener, sh: Arc<Shared>) {
    let mut workers: Vec<JoinHandle<()>> = Vec::new();
    while !sh.stopped() {
        match listener.accept() {
            Ok((stream, peer)) => {
                sh.stats.connections.fetch_add(1, Ordering::Relaxed);
                workers.retain(|w| !w.is_finished());
                if sh.stats.active.load(Ordering::Relaxed) >= sh.cfg.max_connections {
                    sh.stats.refused.fetch_add(1, Ordering::Relaxed);
                    sh.log(&format!(
                        "{peer} refused: {} connections already open (limit)",
                        sh.cfg.max_connections
                    ));
                    drop(stream);
                    continue;
                }
                sh.stats.active.fetch_add(1, Ordering::Relaxed);
                let s2 = Arc::clone(&sh);
                let spawned = std::thread::Builder::new()
                    .name("host-conn".into())
                    .stack_size(256 * 1024)
                    .spawn(move || {
                        serve(stream, peer, &s2);
                        s2.stats.active.fetch_sub(1, Ordering::Relaxed);
                    });
                match spawned {
                    Ok(h) => workers.push(h),
                    Err(e) => {
                        sh.stats.active.fetch_sub(1, Ordering::Relaxed);
                        sh.log(&format!("{peer} dropped: cannot start a thread: {e}"));
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => {
                sh.log(&format!("accept failed: {e}"));
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
    for w in workers {
        let _ = w.join();
    }
}

fn serve(mut stream: TcpStream, peer: SocketAddr, sh: &Shared) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
    let mut reader = FrameReader::new(sh.cfg.framing);
    let stop = || sh.stopped();
    loop {
        let far = Instant::now() + Duration::from_secs(3600);
        let inc = match reader.next(&mut stream, far, &stop) {
            Ok(x) => x,
            Err(e) => {
                sh.log(&format!("{peer} read error: {e}"));
                return;
            }
        };
        match inc {
            Incoming::Frame { raw, frame } => {
                if !handle_frame(&mut stream, peer, sh, &raw, frame) {
                    return;
                }
            }
            Incoming::BadPrefix { bytes, why } => {
                sh.stats.malformed.fetch_add(1, Ordering::Relaxed);
                sh.log(&format!(
                    "{peer} unusable frame ({} bytes): {why}; closing",
                    bytes.len()
                ));
                return;
            }
            Incoming::Timeout { .. } => return,
            Incoming::Closed { partial } => {
                if !partial.is_empty() {
                    let d = framing::diagnose(&partial, sh.cfg.framing);
                    sh.log(&format!(
                        "{peer} closed mid-frame ({} bytes): {}",
                        partial.len(),
                        d.join("; ")
                    ));
                }
                return;
            }
        }
    }
}

/// Handles one request frame; false = close the connection.
fn handle_frame(
    stream: &mut TcpStream,
    peer: SocketAddr,
    sh: &Shared,
    raw: &[u8],
    frame: framing::Frame,
) -> bool {
    let started = Instant::now();
    if let Some(f) = &sh.cfg.frames {
        f(super::wire::record(
            &peer.to_string(),
            crate::trace::Direction::Rx,
            raw,
            sh.cfg.framing,
            sh.cfg.packing,
        ));
    }
    let a = sh.acquirer.answer(
        sh.cfg.framing,
        sh.cfg.packing,
        &frame,
        &sh.acquirer.context(),
    );
    if a.request.is_none() {
        sh.stats.malformed.fetch_add(1, Ordering::Relaxed);
    } else {
        sh.stats.requests.fetch_add(1, Ordering::Relaxed);
    }
    if !a.delay.is_zero() {
        let until = Instant::now() + a.delay;
        while Instant::now() < until && !sh.stopped() {
            std::thread::sleep(Duration::from_millis(10).min(until - Instant::now()));
        }
    }
    if let Some(out) = &a.reply {
        if let Err(e) = stream.write_all(out) {
            sh.log(&format!("{peer} {} (write failed: {e})", a.line));
            return false;
        }
        sh.stats.replies.fetch_add(1, Ordering::Relaxed);
        if let Some(f) = &sh.cfg.frames {
            f(super::wire::record(
                &peer.to_string(),
                crate::trace::Direction::Tx,
                out,
                sh.cfg.framing,
                sh.cfg.packing,
            ));
        }
    }
    if let (Some(f), Some(ex)) = (&sh.cfg.exchanges, a.exchange.clone()) {
        f(ex);
    }
    sh.log(&format!(
        "{peer} {} {} ms",
        a.line,
        started.elapsed().as_millis()
    ));
    !a.close
}
