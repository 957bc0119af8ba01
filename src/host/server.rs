//! The acquirer host simulator: a TCP listener serving many terminals at once (a bounded
//! number of connection threads), answering 0800/0820, 0100, 0200 and 0400 by the rules.
//! MACs are not verified; every exchange is logged with card data masked.

use super::rules::{request_pan, Action, Context, Decision, Rules};
use super::wire::{summary, FrameReader, Incoming};
use super::HostError;
use crate::codec::iso8583::framing::{self, Framing};
use crate::codec::iso8583::{decode, encode, Message, Packing};
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

/// Everything the host needs to run.
#[derive(Clone)]
pub struct HostConfig {
    pub listen: String,
    pub rules: Rules,
    pub framing: Framing,
    pub packing: Packing,
    /// Connections served at once; more are accepted and closed at once (logged).
    pub max_connections: usize,
    /// Extra log destination (stdout for `cardbench host`); the handle keeps recent lines too.
    pub log: Option<LogSink>,
}

impl HostConfig {
    pub fn new(listen: &str, framing: Framing, packing: Packing) -> HostConfig {
        HostConfig {
            listen: listen.to_string(),
            rules: Rules::default(),
            framing,
            packing,
            max_connections: 512,
            log: None,
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
    rrn: AtomicU64,
    /// When the host started: the run start of relative time windows (`+0m..+30m`).
    started: Instant,
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
        cfg.rules = Rules::resolve(r)?;
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
    let shared = Arc::new(Shared {
        cfg,
        stop: AtomicBool::new(false),
        stats: HostStats::default(),
        recent: Mutex::new(VecDeque::new()),
        rrn: AtomicU64::new(1),
        started: Instant::now(),
    });
    shared.log(&format!(
        "host listening on {addr} (framing {}, packing {}, {} rules); MACs are not verified",
        shared.cfg.framing.as_str(),
        shared.cfg.packing.as_str(),
        shared.cfg.rules.rules.len()
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
            Incoming::Frame { frame, .. } => {
                if !handle_frame(&mut stream, peer, sh, frame) {
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

/// The host's answer to one frame, computed without touching the stream.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The decoded request (None when it did not decode).
    pub request: Option<Message>,
    pub decision: Option<Decision>,
    /// The framed reply to write, if any.
    pub reply: Option<Vec<u8>>,
    /// Close the connection after this frame.
    pub close: bool,
    /// Wait this long before writing the reply.
    pub delay: Duration,
    /// Log text (masked): request summary, then what was answered.
    pub line: String,
}

/// Decides and builds the reply to one request frame by the rules (shared by the TCP host
/// and the `pos8583` profile).
pub fn answer(
    rules: &Rules,
    framing: Framing,
    packing: Packing,
    frame: &framing::Frame,
    rrn: &AtomicU64,
    ctx: &Context,
) -> Answer {
    let mut out = Answer {
        request: None,
        decision: None,
        reply: None,
        close: false,
        delay: Duration::ZERO,
        line: String::new(),
    };
    let req = match decode(&frame.body, packing) {
        Ok(d) => d.message,
        Err(e) => {
            let mut why = e.to_string();
            if frame.body.first().is_some_and(|b| b.is_ascii_digit()) != (packing == Packing::Ascii)
            {
                why.push_str(&format!(
                    " (the body does not look like {} packing)",
                    packing.as_str()
                ));
            }
            out.line = format!(
                "< malformed request ({} bytes): {why}; no reply",
                frame.body.len()
            );
            return out;
        }
    };
    let Some(resp_mti) = Message::response_mti(&req.mti) else {
        out.line = format!("< {} (not a request: ignored)", summary(&req));
        out.request = Some(req);
        return out;
    };
    let decision = rules.decide(&req, ctx);
    let bank = request_pan(&req)
        .and_then(|p| super::bank_of(p.expose_clear()))
        .map(|b| format!(" bank {}", b.code))
        .unwrap_or_default();
    let header_note = frame
        .header
        .map(|h| format!(" sw {}", h.software_version()))
        .unwrap_or_default();
    let head = format!("< {}{bank}{header_note}", summary(&req));
    out.delay = Duration::from_millis(decision.delay_ms);
    match decision.action {
        Action::NoReply => {
            out.line = format!("{head} > (no reply) [{}]", decision.rule);
        }
        Action::Close => {
            out.line = format!("{head} > (connection closed) [{}]", decision.rule);
            out.close = true;
        }
        Action::Reply | Action::Malformed => {
            let resp = build_response(&req, &resp_mti, &decision.rc, packing, rrn);
            match encode(&resp, packing) {
                Ok(body) => {
                    let body = if decision.action == Action::Malformed {
                        // MTI and bitmap kept, fields cut short: frames but never decodes.
                        let keep = match packing {
                            Packing::Cups => 10 + 1,
                            Packing::Ascii => 20 + 1,
                        };
                        body[..keep.min(body.len())].to_vec()
                    } else {
                        body
                    };
                    let header = frame
                        .header
                        .map(|h| h.reply(decision.processing_requirement));
                    out.reply = Some(framing::wrap(framing, header.as_ref(), &body));
                    let what = if decision.action == Action::Malformed {
                        "malformed reply".to_string()
                    } else {
                        summary(&resp)
                    };
                    out.line = format!("{head} > {what} [{}]", decision.rule);
                }
                Err(e) => out.line = format!("{head} > cannot encode the reply: {e}"),
            }
        }
    }
    out.request = Some(req);
    out.decision = Some(decision);
    out
}

/// Handles one request frame; false = close the connection.
fn handle_frame(
    stream: &mut TcpStream,
    peer: SocketAddr,
    sh: &Shared,
    frame: framing::Frame,
) -> bool {
    let started = Instant::now();
    let a = answer(
        &sh.cfg.rules,
        sh.cfg.framing,
        sh.cfg.packing,
        &frame,
        &sh.rrn,
        &Context::since(sh.started),
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
    }
    sh.log(&format!(
        "{peer} {} {} ms",
        a.line,
        started.elapsed().as_millis()
    ));
    !a.close
}

/// Fields a response echoes from its request (protocols.md §6.3–6.4).
const ECHO: [u8; 15] = [2, 3, 4, 7, 11, 14, 22, 25, 32, 41, 42, 49, 60, 61, 70];

fn build_response(
    req: &Message,
    mti: &str,
    rc: &str,
    packing: Packing,
    rrn: &AtomicU64,
) -> Message {
    let mut r = Message::new(mti);
    for n in ECHO {
        if let Some(v) = req.get(n) {
            r.fields.insert(n, v.clone());
        }
    }
    let now = chrono::Local::now();
    let class = req.mti.get(1..2).unwrap_or("");
    if matches!(class, "1" | "2" | "4") || packing == Packing::Cups {
        r.set(12, now.format("%H%M%S").to_string());
        r.set(13, now.format("%m%d").to_string());
        let n = rrn.fetch_add(1, Ordering::Relaxed);
        r.set(37, format!("{:012}", n % 1_000_000_000_000));
    }
    if matches!(class, "1" | "2") && rc == "00" {
        let n = rrn.load(Ordering::Relaxed);
        r.set(38, format!("A{:05}", n % 100_000));
    }
    r.set(39, rc);
    if req.get(64).is_some() {
        // The request's MAC was not verified; the reply's is zeros (documented).
        r.set_bytes(64, vec![0; 8]);
    }
    r
}
