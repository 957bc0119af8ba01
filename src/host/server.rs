//! The acquirer host simulator's configuration and what it answers: 0800/0820, 0100, 0200 and
//! 0400 by the rules (connections are handled in `server_net`). MACs are not verified; every
//! exchange is logged with card data masked.

use super::rules::{request_pan, Action, Context, Decision, Rules};
use super::wire::summary;
use crate::codec::iso8583::framing::{self, Framing};
use crate::codec::iso8583::{decode, encode, Message, Packing};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Where log lines go (already masked).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// Default cap on open connections (a QA line of several hundred terminals, with room).
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;
/// Default cap on connections from one IP address.
pub const DEFAULT_MAX_PER_PEER: usize = 1024;
/// Default idle timeout: terminals connect per transaction or echo well within it.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);

/// Everything the host needs to run.
#[derive(Clone)]
pub struct HostConfig {
    pub listen: String,
    pub rules: Rules,
    pub framing: Framing,
    pub packing: Packing,
    /// Connections open at once. At the cap a new connection closes the longest-idle one;
    /// when none is idle it is refused (logged).
    pub max_connections: usize,
    /// Connections open at once from one IP address (terminals behind one NAT share one), with
    /// the same eviction of the peer's longest-idle connection.
    pub max_per_peer: usize,
    /// A connection that sends no byte of a new frame for this long is closed.
    pub idle_timeout: Duration,
    /// A frame whose first byte arrived must be complete within this (slow senders).
    pub frame_timeout: Duration,
    /// A reply the terminal does not take within this closes the connection.
    pub write_timeout: Duration,
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
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_per_peer: DEFAULT_MAX_PER_PEER,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            frame_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            log: None,
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
