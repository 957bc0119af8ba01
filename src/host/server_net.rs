//! The host simulator's connection handling: one tokio runtime on one thread serves every
//! terminal (threads and memory bounded whatever the load), with an idle timeout, a frame
//! deadline against slow senders (slow loris), a per-peer cap, and eviction of the
//! longest-idle connection when a cap is reached, so idle sockets can never lock a terminal
//! out. What to answer is `acquirer::Acquirer`'s business; every exchange is logged with
//! card data masked.

use super::acquirer::{Acquirer, Answer};
use super::server::HostConfig;
use super::wire::{FrameReader, Incoming};
use super::HostError;
use crate::codec::iso8583::framing;
use crate::i18n::t;
use crate::sensitive::redact_text;
use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// Counters, readable while the host runs.
#[derive(Debug, Default)]
pub struct HostStats {
    pub connections: AtomicU64,
    pub requests: AtomicU64,
    pub replies: AtomicU64,
    pub malformed: AtomicU64,
    /// Connections closed at once because every slot was busy with a frame in progress.
    pub refused: AtomicU64,
    /// Idle connections closed to make room for a new one (a cap was reached).
    pub evicted: AtomicU64,
    /// Connections closed for silence (idle timeout) or for a frame that did not complete in
    /// time (slow sender).
    pub timed_out: AtomicU64,
    pub active: AtomicUsize,
    /// The most connections open at once.
    pub peak: AtomicUsize,
}

/// A snapshot of the counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    pub connections: u64,
    pub requests: u64,
    pub replies: u64,
    pub malformed: u64,
    pub refused: u64,
    pub evicted: u64,
    pub timed_out: u64,
    pub active: usize,
    pub peak: usize,
}

/// One open connection as the registry sees it.
struct Slot {
    peer: IpAddr,
    /// Since when the connection waits for the first byte of a frame (`None`: a frame is in
    /// progress or being answered).
    idle_since: Option<Instant>,
    evict: Arc<Notify>,
}

/// Every open connection, for the caps and for eviction.
#[derive(Default)]
struct Registry {
    slots: HashMap<u64, Slot>,
    per_peer: HashMap<IpAddr, usize>,
    next_id: u64,
}

impl Registry {
    /// Makes room for a connection from `peer` (evicting the longest-idle connection of the
    /// peer, or of anyone, when a cap is reached) and registers it; `None` when every slot
    /// that would have to go is busy with a frame.
    fn admit(&mut self, peer: IpAddr, cfg: &HostConfig) -> Option<Admitted> {
        let mut evicted = None;
        let peer_full = self.per_peer.get(&peer).copied().unwrap_or(0) >= cfg.max_per_peer;
        if peer_full || self.slots.len() >= cfg.max_connections {
            let victim = self
                .slots
                .iter()
                .filter(|(_, s)| !peer_full || s.peer == peer)
                .filter_map(|(id, s)| s.idle_since.map(|t| (t, *id)))
                .min()
                .map(|(_, id)| id)?;
            evicted = self.remove(victim).map(|s| {
                s.evict.notify_one();
                s.peer
            });
        }
        let id = self.next_id;
        self.next_id += 1;
        let evict = Arc::new(Notify::new());
        self.slots.insert(
            id,
            Slot {
                peer,
                idle_since: Some(Instant::now()),
                evict: Arc::clone(&evict),
            },
        );
        *self.per_peer.entry(peer).or_default() += 1;
        Some(Admitted { id, evict, evicted })
    }

    fn remove(&mut self, id: u64) -> Option<Slot> {
        let s = self.slots.remove(&id)?;
        if let Some(n) = self.per_peer.get_mut(&s.peer) {
            *n -= 1;
            if *n == 0 {
                self.per_peer.remove(&s.peer);
            }
        }
        Some(s)
    }

    fn set_idle(&mut self, id: u64, idle: bool) {
        if let Some(s) = self.slots.get_mut(&id) {
            s.idle_since = idle.then(Instant::now);
        }
    }
}

/// A registered connection: its id, the signal that evicts it, and whom its admission
/// evicted.
struct Admitted {
    id: u64,
    evict: Arc<Notify>,
    evicted: Option<IpAddr>,
}

struct Shared {
    cfg: HostConfig,
    stop: AtomicBool,
    stopped: Notify,
    stats: HostStats,
    recent: Mutex<VecDeque<String>>,
    acquirer: Acquirer,
    registry: Mutex<Registry>,
}

const RECENT_LINES: usize = 2000;

impl Shared {
    /// The language of the log lines (the acquirer's `--lang`).
    fn lang(&self) -> crate::i18n::Lang {
        self.cfg.acquirer.lang
    }

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

    fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        // A panic while holding the lock cannot leave the map half-updated in a way that
        // matters more than refusing every later connection would.
        self.registry
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A running host. Dropping it stops the listener and closes every connection.
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
            evicted: s.evicted.load(Ordering::Relaxed),
            timed_out: s.timed_out.load(Ordering::Relaxed),
            active: s.active.load(Ordering::Relaxed),
            peak: s.peak.load(Ordering::Relaxed),
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
        self.shared.stopped.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts the host simulator in the background (rules: a built-in name or a file; none:
/// approve all).
pub fn spawn_host(
    listen: &str,
    rules: Option<&str>,
    framing: framing::Framing,
    packing: crate::codec::iso8583::Packing,
) -> Result<HostHandle, HostError> {
    let mut cfg = HostConfig::new(listen, framing, packing);
    if let Some(r) = rules {
        cfg.acquirer.rules = super::rules::Rules::resolve(r)?;
    }
    spawn_host_with(cfg)
}

/// Starts the host simulator with a full configuration: binds at once (an address in use is
/// an error here), then serves on its own thread until the handle is dropped.
pub fn spawn_host_with(cfg: HostConfig) -> Result<HostHandle, HostError> {
    let bind_err = |e: std::io::Error| HostError::Bind {
        addr: cfg.listen.clone(),
        reason: e.to_string(),
    };
    let std_listener = std::net::TcpListener::bind(&cfg.listen).map_err(bind_err)?;
    let addr = std_listener.local_addr()?;
    std_listener.set_nonblocking(true)?;
    // One thread: the work per frame is microseconds, the rest is waiting on sockets.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let acquirer = Acquirer::new(cfg.acquirer.clone());
    let shared = Arc::new(Shared {
        cfg,
        stop: AtomicBool::new(false),
        stopped: Notify::new(),
        stats: HostStats::default(),
        recent: Mutex::new(VecDeque::new()),
        acquirer,
        registry: Mutex::new(Registry::default()),
    });
    let (c, a) = (&shared.cfg, &shared.cfg.acquirer);
    shared.log(&t!(
        a.lang,
        "host-line-listening",
        addr = addr.to_string(),
        framing = c.framing.as_str(),
        packing = c.packing.as_str(),
        rules = a.rules.rules.len(),
        keys = a.keys.origin.to_string(),
        kcv = a.keys.terminal("").tmk.check_value().to_string(),
        mac = a.keys.terminal("").mac.to_string(),
        connections = c.max_connections,
        per_peer = c.max_per_peer,
        idle = c.idle_timeout.as_secs_f32().to_string(),
    ));
    let sh = Arc::clone(&shared);
    // Named after its port (`host-8583`), so a count of one host's threads is per host.
    let thread = std::thread::Builder::new()
        .name(format!("host-{}", addr.port()))
        .spawn(move || {
            rt.block_on(async {
                match TcpListener::from_std(std_listener) {
                    Ok(l) => {
                        tokio::select! {
                            _ = accept_loop(l, Arc::clone(&sh)) => {}
                            _ = sh.stopped.notified() => {}
                        }
                    }
                    Err(e) => sh.log(&t!(
                        sh.lang(),
                        "host-line-cannot-serve",
                        error = e.to_string()
                    )),
                }
            });
            // Dropping the runtime cancels every connection task, closing its socket.
            rt.shutdown_timeout(Duration::from_millis(200));
        })?;
    Ok(HostHandle {
        addr,
        shared,
        thread: Some(thread),
    })
}

async fn accept_loop(listener: TcpListener, sh: Arc<Shared>) {
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                // Out of file descriptors and the like: say so, then keep serving.
                sh.log(&t!(
                    sh.lang(),
                    "host-line-accept-failed",
                    error = e.to_string()
                ));
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        sh.stats.connections.fetch_add(1, Ordering::Relaxed);
        let admitted = sh.registry().admit(peer.ip(), &sh.cfg);
        let Some(adm) = admitted else {
            sh.stats.refused.fetch_add(1, Ordering::Relaxed);
            sh.log(&t!(
                sh.lang(),
                "host-line-refused",
                peer = peer.to_string(),
                all = sh.cfg.max_connections,
                per_peer = sh.cfg.max_per_peer
            ));
            drop(stream);
            continue;
        };
        if let Some(who) = adm.evicted {
            sh.stats.evicted.fetch_add(1, Ordering::Relaxed);
            sh.log(&t!(
                sh.lang(),
                "host-line-evicted",
                who = who.to_string(),
                peer = peer.to_string()
            ));
        }
        let active = sh.stats.active.fetch_add(1, Ordering::Relaxed) + 1;
        sh.stats.peak.fetch_max(active, Ordering::Relaxed);
        let s2 = Arc::clone(&sh);
        tokio::spawn(async move {
            serve(stream, peer, &s2, adm.id, &adm.evict).await;
            s2.registry().remove(adm.id);
            s2.stats.active.fetch_sub(1, Ordering::Relaxed);
        });
    }
}

/// Why a read phase ended without a frame.
enum Ended {
    /// The peer closed (with what it had sent of a frame).
    Closed(Vec<u8>),
    /// A length prefix that cannot be used.
    BadPrefix(Vec<u8>, crate::i18n::Text),
    /// Nothing within the idle timeout.
    Idle,
    /// A frame started but did not complete within the frame timeout.
    Slow(Vec<u8>),
    /// Closed to make room for another connection.
    Evicted,
    Error(std::io::Error),
}

/// The write half of a connection, shared with the replies still waiting out their delay
/// (`concurrent_requests`), so two replies never interleave their bytes.
type Writer = Arc<tokio::sync::Mutex<OwnedWriteHalf>>;

async fn serve(stream: TcpStream, peer: SocketAddr, sh: &Arc<Shared>, id: u64, evict: &Notify) {
    let _ = stream.set_nodelay(true);
    let (mut rd, wr) = stream.into_split();
    let wr: Writer = Arc::new(tokio::sync::Mutex::new(wr));
    let mut reader = FrameReader::new(sh.cfg.framing);
    loop {
        let (raw, frame) = match next_frame(&mut rd, &mut reader, sh, id, evict).await {
            Ok(f) => f,
            Err(end) => {
                log_end(peer, sh, end);
                return;
            }
        };
        sh.registry().set_idle(id, false);
        let started = Instant::now();
        let a = answer_frame(peer, sh, &raw, frame);
        if sh.cfg.acquirer.rules.concurrent_requests && !a.delay.is_zero() {
            // The next request is read (and answered) while this one waits out its delay.
            let (sh, wr) = (Arc::clone(sh), Arc::clone(&wr));
            tokio::spawn(async move {
                if !deliver(&wr, peer, &sh, a, started).await {
                    let _ = wr.lock().await.shutdown().await;
                }
            });
            continue;
        }
        if !deliver(&wr, peer, sh, a, started).await {
            return;
        }
    }
}

/// Reads until one whole frame is buffered: at most `idle_timeout` for its first byte, then at
/// most `frame_timeout` for the rest.
async fn next_frame(
    stream: &mut OwnedReadHalf,
    reader: &mut FrameReader,
    sh: &Shared,
    id: u64,
    evict: &Notify,
) -> Result<(Vec<u8>, framing::Frame), Ended> {
    let mut tmp = [0u8; 4096];
    let mut deadline = None;
    loop {
        match reader.try_next() {
            Some(Incoming::Frame { raw, frame }) => return Ok((raw, frame)),
            Some(Incoming::BadPrefix { bytes, why }) => return Err(Ended::BadPrefix(bytes, why)),
            Some(_) | None => {}
        }
        let idle = reader.pending().is_empty();
        sh.registry().set_idle(id, idle);
        let wait = if idle {
            deadline = None;
            tokio::time::Instant::now() + sh.cfg.idle_timeout
        } else {
            *deadline.get_or_insert_with(|| tokio::time::Instant::now() + sh.cfg.frame_timeout)
        };
        tokio::select! {
            r = stream.read(&mut tmp) => match r {
                Ok(0) => return Err(Ended::Closed(reader.pending().to_vec())),
                Ok(n) => reader.push(&tmp[..n]),
                Err(e) if matches!(e.kind(), std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted) => {
                    return Err(Ended::Closed(reader.pending().to_vec()))
                }
                Err(e) => return Err(Ended::Error(e)),
            },
            _ = tokio::time::sleep_until(wait) => {
                return Err(if idle { Ended::Idle } else { Ended::Slow(reader.pending().to_vec()) })
            }
            _ = evict.notified(), if idle => return Err(Ended::Evicted),
        }
    }
}

fn log_end(peer: SocketAddr, sh: &Shared, end: Ended) {
    match end {
        Ended::Closed(partial) if !partial.is_empty() => {
            let d = framing::diagnose(&partial, sh.cfg.framing);
            sh.log(&t!(
                sh.lang(),
                "host-line-closed-mid-frame",
                peer = peer.to_string(),
                bytes = partial.len(),
                why = framing::hints_text(&d, sh.lang())
            ));
        }
        Ended::Closed(_) | Ended::Evicted => {}
        Ended::BadPrefix(bytes, why) => {
            sh.stats.malformed.fetch_add(1, Ordering::Relaxed);
            sh.log(&t!(
                sh.lang(),
                "host-line-unusable-frame",
                peer = peer.to_string(),
                bytes = bytes.len(),
                why = why.get(sh.lang())
            ));
        }
        Ended::Idle => {
            sh.stats.timed_out.fetch_add(1, Ordering::Relaxed);
            sh.log(&t!(
                sh.lang(),
                "host-line-idle",
                peer = peer.to_string(),
                secs = sh.cfg.idle_timeout.as_secs_f32().to_string()
            ));
        }
        Ended::Slow(partial) => {
            sh.stats.timed_out.fetch_add(1, Ordering::Relaxed);
            sh.log(&t!(
                sh.lang(),
                "host-line-slow",
                peer = peer.to_string(),
                secs = sh.cfg.frame_timeout.as_secs_f32().to_string(),
                bytes = partial.len()
            ));
        }
        Ended::Error(e) => sh.log(&t!(
            sh.lang(),
            "host-line-read-error",
            peer = peer.to_string(),
            error = e.to_string()
        )),
    }
}

fn log_frame(sh: &Shared, peer: SocketAddr, dir: crate::trace::Direction, bytes: &[u8]) {
    if let Some(f) = &sh.cfg.frames {
        let (fr, p) = (sh.cfg.framing, sh.cfg.packing);
        f(super::wire::record(&peer.to_string(), dir, bytes, fr, p));
    }
}

/// Decides the answer to one request frame (logged and counted; nothing written yet).
fn answer_frame(peer: SocketAddr, sh: &Shared, raw: &[u8], frame: framing::Frame) -> Answer {
    log_frame(sh, peer, crate::trace::Direction::Rx, raw);
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
    a
}

/// Waits out the answer's delay, then writes its reply; false = close the connection.
async fn deliver(wr: &Writer, peer: SocketAddr, sh: &Shared, a: Answer, started: Instant) -> bool {
    if !a.delay.is_zero() {
        tokio::time::sleep(a.delay).await;
    }
    if let Some(out) = &a.reply {
        let mut w = wr.lock().await;
        let wrote = tokio::time::timeout(sh.cfg.write_timeout, w.write_all(out)).await;
        drop(w);
        match wrote {
            Ok(Ok(())) => {
                sh.stats.replies.fetch_add(1, Ordering::Relaxed);
                log_frame(sh, peer, crate::trace::Direction::Tx, out);
            }
            Ok(Err(e)) => {
                let line = format!("{peer} {}", a.line);
                let error = e.to_string();
                sh.log(&t!(
                    sh.lang(),
                    "host-line-write-failed",
                    line = line,
                    error = error
                ));
                return false;
            }
            Err(_) => {
                sh.stats.timed_out.fetch_add(1, Ordering::Relaxed);
                let line = format!("{peer} {}", a.line);
                sh.log(&t!(sh.lang(), "host-line-not-reading", line = line));
                return false;
            }
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
