//! The `pos8583` host-link profile: the bench plays the acquirer host on a POS terminal's
//! communication port (serial line or TCP), answers by the rules, records what the POS sent
//! (entry mode, masked PAN, bank, TVR/TSI from DE55, header software version, STANs,
//! reversals) and judges it.

use super::rules::{request_pan, Action, Context, Rules};
use super::server::answer;
use super::wire::{record, FrameReader, Incoming};
use crate::codec::iso8583::framing::Framing;
use crate::codec::iso8583::{Message, Packing};
use crate::model::Family;
use crate::trace::{Direction, FrameSink};
use serde::Serialize;
use std::io::{self, Read, Write};
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

/// How the bench plays host for a POS.
#[derive(Clone, Debug)]
pub struct PosHostConfig {
    pub rules: Rules,
    /// CUPS for a UnionPay POS.
    pub framing: Framing,
    pub packing: Packing,
    /// Lowest acceptable header software version (`31/311003`); `None` = just record it.
    pub min_version: Option<String>,
    /// Label of the link in frame records.
    pub link: String,
}

impl Default for PosHostConfig {
    fn default() -> Self {
        PosHostConfig {
            rules: Rules::default(),
            framing: Framing::Cups,
            packing: Packing::Cups,
            min_version: None,
            link: "pos8583".into(),
        }
    }
}

/// One request the POS sent, as recorded (card data masked).
#[derive(Clone, Debug, Serialize)]
pub struct PosRequest {
    pub mti: String,
    pub stan: Option<String>,
    /// `swipe`, `chip`, `fallback`, `contactless`, `manual` or the DE22 digits.
    pub entry: Option<String>,
    pub pan: Option<String>,
    pub bank: Option<String>,
    pub tvr: Option<String>,
    pub tsi: Option<String>,
    pub software_version: Option<String>,
    /// DE39 the POS sent (reversal reason in a 0400).
    pub reason: Option<String>,
    /// Response code the bench answered with (None = no reply by rule).
    pub rc_sent: Option<String>,
    pub rule: String,
}

/// One judgement about the POS.
#[derive(Clone, Debug, Serialize)]
pub struct PosFinding {
    pub check: &'static str,
    pub ok: bool,
    pub family: Family,
    pub detail: String,
}

/// A host session with one POS.
pub struct PosSession {
    cfg: PosHostConfig,
    pub requests: Vec<PosRequest>,
    /// Frames that could not be cut or decoded, with the diagnosis.
    pub framing_errors: Vec<String>,
    rrn: AtomicU64,
    /// When the session started: the run start of relative time windows in the rules.
    started: std::time::Instant,
}

fn entry_name(de22: &str) -> String {
    match de22.get(..2) {
        Some("02") | Some("90") => "swipe".into(),
        Some("05") => "chip".into(),
        Some("07") | Some("98") => "contactless".into(),
        Some("80") | Some("91") => "fallback".into(),
        Some("01") => "manual".into(),
        _ => de22.to_string(),
    }
}

fn tag_value(m: &Message, tag: u32) -> Option<String> {
    let b = m.get(55)?.as_bytes();
    let list = crate::codec::tlv::parse(b).ok()?;
    crate::codec::tlv::find(&list, tag).map(|t| crate::hexfmt::hex(&t.value))
}

impl PosSession {
    pub fn new(cfg: PosHostConfig) -> PosSession {
        PosSession {
            cfg,
            requests: Vec::new(),
            framing_errors: Vec::new(),
            rrn: AtomicU64::new(1),
            started: std::time::Instant::now(),
        }
    }

    /// Answers the POS until `idle` passes without a frame, the line closes, or `deadline`.
    pub fn serve<S: Read + Write>(
        &mut self,
        s: &mut S,
        sink: &FrameSink,
        idle: Duration,
        deadline: Instant,
    ) -> io::Result<()> {
        let mut reader = FrameReader::new(self.cfg.framing);
        loop {
            let until = (Instant::now() + idle).min(deadline);
            match reader.next(s, until, &|| false)? {
                Incoming::Frame { raw, frame } => {
                    sink(record(
                        &self.cfg.link,
                        Direction::Rx,
                        &raw,
                        self.cfg.framing,
                        self.cfg.packing,
                    ));
                    let a = answer(
                        &self.cfg.rules,
                        self.cfg.framing,
                        self.cfg.packing,
                        &frame,
                        &self.rrn,
                        &Context::since(self.started),
                    );
                    let Some(req) = a.request.clone() else {
                        self.framing_errors.push(a.line.clone());
                        continue;
                    };
                    let decision = a.decision.clone();
                    self.requests.push(PosRequest {
                        mti: req.mti.clone(),
                        stan: req.text(11).map(str::to_string),
                        entry: req.text(22).map(entry_name),
                        pan: request_pan(&req).map(|p| p.masked()),
                        bank: request_pan(&req)
                            .and_then(|p| super::bank_of(p.expose_clear()))
                            .map(|b| b.code),
                        tvr: tag_value(&req, 0x95),
                        tsi: tag_value(&req, 0x9B),
                        software_version: frame.header.map(|h| h.software_version()),
                        reason: if req.mti.starts_with("04") {
                            req.text(39).map(str::to_string)
                        } else {
                            None
                        },
                        rc_sent: decision
                            .as_ref()
                            .filter(|d| matches!(d.action, Action::Reply))
                            .map(|d| d.rc.clone()),
                        rule: decision.map(|d| d.rule).unwrap_or_default(),
                    });
                    if !a.delay.is_zero() {
                        std::thread::sleep(a.delay);
                    }
                    if let Some(out) = &a.reply {
                        s.write_all(out)?;
                        s.flush()?;
                        sink(record(
                            &self.cfg.link,
                            Direction::Tx,
                            out,
                            self.cfg.framing,
                            self.cfg.packing,
                        ));
                    }
                }
                Incoming::BadPrefix { why, .. } => self.framing_errors.push(why),
                Incoming::Timeout { partial } | Incoming::Closed { partial } => {
                    if !partial.is_empty() {
                        let d =
                            crate::codec::iso8583::framing::diagnose(&partial, self.cfg.framing);
                        self.framing_errors.push(format!(
                            "{} bytes never made a frame: {}",
                            partial.len(),
                            d.join("; ")
                        ));
                    }
                    return Ok(());
                }
            }
        }
    }

    /// Judges what the POS did.
    pub fn findings(&self) -> Vec<PosFinding> {
        let mut f = Vec::new();
        let fw = |check, ok, detail: String| PosFinding {
            check,
            ok,
            family: if ok { Family::Unknown } else { Family::TermSw },
            detail,
        };
        // Framing.
        if let Some(e) = self.framing_errors.first() {
            f.push(fw(
                "framing",
                false,
                format!("{} frame(s) not understood: {e}", self.framing_errors.len()),
            ));
        } else if self.requests.is_empty() {
            f.push(PosFinding {
                check: "framing",
                ok: false,
                family: Family::Net,
                detail: "no message arrived from the POS".into(),
            });
        } else {
            f.push(fw(
                "framing",
                true,
                format!(
                    "{} message(s), framing {} OK",
                    self.requests.len(),
                    self.cfg.framing.as_str()
                ),
            ));
        }
        // Software version.
        let versions: Vec<&String> = self
            .requests
            .iter()
            .filter_map(|r| r.software_version.as_ref())
            .collect();
        if let Some(v) = versions.first() {
            match &self.cfg.min_version {
                Some(min) if v.as_str() < min.as_str() => f.push(fw(
                    "software version",
                    false,
                    format!("header software version {v} is older than {min}: update the POS application"),
                )),
                _ => f.push(fw("software version", true, format!("header software version {v}"))),
            }
        }
        // STAN increments (reversals repeat their original's STAN by design).
        let stans: Vec<u32> = self
            .requests
            .iter()
            .filter(|r| !r.mti.starts_with("04"))
            .filter_map(|r| r.stan.as_deref().and_then(|s| s.parse().ok()))
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        let reused: std::collections::BTreeSet<u32> =
            stans.iter().copied().filter(|s| !seen.insert(*s)).collect();
        if !reused.is_empty() {
            f.push(fw(
                "STAN",
                false,
                format!(
                    "STAN reused: {} (the host would answer 94 duplicate)",
                    reused
                        .iter()
                        .map(|s| format!("{s:06}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        } else if stans.len() > 1 {
            let steps_ok = stans
                .windows(2)
                .all(|w| w[1] == w[0] + 1 || (w[0] == 999_999 && w[1] == 1));
            f.push(fw(
                "STAN",
                true,
                if steps_ok {
                    "STAN increments by 1".into()
                } else {
                    "STAN unique but not consecutive".into()
                },
            ));
        }
        // Reversal after each unanswered financial request.
        for (i, r) in self.requests.iter().enumerate() {
            let financial = matches!(r.mti.as_str(), "0100" | "0200");
            if !financial || r.rc_sent.is_some() {
                continue;
            }
            let stan = r.stan.clone().unwrap_or_default();
            let rev = self.requests[i + 1..]
                .iter()
                .find(|x| x.mti.starts_with("04") && x.stan.as_deref() == Some(stan.as_str()));
            match rev {
                Some(x) => f.push(fw(
                    "reversal on timeout",
                    x.reason.as_deref() == Some("98"),
                    format!(
                        "{} STAN {stan} unanswered: reversed with DE39 {}",
                        r.mti,
                        x.reason.as_deref().unwrap_or("(none)")
                    ),
                )),
                None => f.push(fw(
                    "reversal on timeout",
                    false,
                    format!("{} STAN {stan} unanswered and never reversed", r.mti),
                )),
            }
        }
        // Entry modes, cards, banks, TVR/TSI: recorded for the report.
        for r in self
            .requests
            .iter()
            .filter(|r| matches!(r.mti.as_str(), "0100" | "0200"))
        {
            let mut d = format!(
                "STAN {} {} {} bank {}",
                r.stan.as_deref().unwrap_or("?"),
                r.entry.as_deref().unwrap_or("?"),
                r.pan.as_deref().unwrap_or("?"),
                r.bank.as_deref().unwrap_or("unknown")
            );
            if let Some(t) = &r.tvr {
                d.push_str(&format!(" TVR {t}"));
            }
            if let Some(t) = &r.tsi {
                d.push_str(&format!(" TSI {t}"));
            }
            if let Some(rc) = &r.rc_sent {
                d.push_str(&format!(" answered {rc}"));
            }
            f.push(fw("transaction", true, d));
        }
        f
    }
}

/// Serves a POS wired to a serial device (`/dev/ttyUSB0`, a pty slave) until it goes quiet
/// for `idle` or `deadline` passes; returns the session with its records and findings.
pub fn serve_serial(
    path: &str,
    baud: u32,
    cfg: PosHostConfig,
    sink: &FrameSink,
    idle: Duration,
    deadline: Instant,
) -> io::Result<PosSession> {
    use crate::link::{LineSettings, SerialTransport, Transport};
    let line = LineSettings {
        baud,
        ..LineSettings::default()
    };
    let mut t = SerialTransport::open(path, &line)?;
    t.set_read_timeout(Duration::from_millis(50))?;
    let mut session = PosSession::new(cfg);
    session.serve(&mut t, sink, idle, deadline)?;
    Ok(session)
}

/// Waits on `listen` for the POS to dial in (until `deadline`), then serves that one
/// connection like [`serve_serial`].
pub fn serve_tcp(
    listen: &std::net::TcpListener,
    cfg: PosHostConfig,
    sink: &FrameSink,
    idle: Duration,
    deadline: Instant,
) -> io::Result<PosSession> {
    listen.set_nonblocking(true)?;
    let mut session = PosSession::new(cfg);
    loop {
        match listen.accept() {
            Ok((mut s, _)) => {
                s.set_nonblocking(false)?;
                s.set_read_timeout(Some(Duration::from_millis(50)))?;
                session.serve(&mut s, sink, idle, deadline)?;
                return Ok(session);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return Ok(session);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(e),
        }
    }
}
