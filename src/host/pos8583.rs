//! The `pos8583` host-link profile: the bench plays the acquirer host on a POS terminal's
//! communication port (serial line or TCP), answers by the rules, records what the POS sent
//! (entry mode, masked PAN, bank, TVR/TSI from DE55, header software version, STANs,
//! reversals) and judges it.

use super::acquirer::{Acquirer, AcquirerConfig, Exchange};
use super::rules::Action;
use super::wire::{record, FrameReader, Incoming};
use crate::bins::find_bank;
use crate::codec::iso8583::framing::Framing;
use crate::codec::iso8583::Packing;
use crate::i18n::{tr, tr_args, Arg, Lang, Text};
use crate::model::Family;
use crate::trace::{Direction, FrameSink};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// How the bench plays host for a POS.
#[derive(Clone, Debug)]
pub struct PosHostConfig {
    /// What to answer: rules, keys, parameters, the deck's PINs.
    pub acquirer: AcquirerConfig,
    /// CUPS for a UnionPay POS.
    pub framing: Framing,
    pub packing: Packing,
    /// Lowest acceptable header software version (`31/311003`); `None` = just record it.
    pub min_version: Option<String>,
    /// Label of the link in frame records.
    pub link: String,
    /// Set (by SIGTERM, SIGINT: `cardbench host`) to end the session early, as if the POS had
    /// gone quiet; `None`: only the idle time and the deadline end it.
    pub stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl Default for PosHostConfig {
    fn default() -> Self {
        PosHostConfig {
            acquirer: AcquirerConfig::default(),
            framing: Framing::Cups,
            packing: Packing::Cups,
            min_version: None,
            link: "pos8583".into(),
            stop: None,
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
    /// The check's code (`framing`, `software version`, `STAN`, `reversal on timeout`,
    /// `transaction`); [`PosFinding::check_name`] names it in a language.
    pub check: &'static str,
    pub ok: bool,
    pub family: Family,
    /// What was found, in both languages (`host-pos-*`).
    pub detail: Text,
}

impl PosFinding {
    /// The check's name in `lang` (the code itself when it is not one of the host's checks).
    pub fn check_name(&self, lang: Lang) -> Cow<'static, str> {
        match self.check {
            "framing" => tr(lang, "host-pos-check-framing"),
            "software version" => tr(lang, "host-pos-check-software-version"),
            "STAN" => tr(lang, "host-pos-check-stan"),
            "reversal on timeout" => tr(lang, "host-pos-check-reversal"),
            "transaction" => tr(lang, "host-pos-check-transaction"),
            other => Cow::Borrowed(other),
        }
    }
}

/// A host session with one POS.
pub struct PosSession {
    cfg: PosHostConfig,
    acquirer: Acquirer,
    pub requests: Vec<PosRequest>,
    /// The facts of every exchange, in order.
    pub exchanges: Vec<Exchange>,
    /// Frames that could not be cut or decoded, with the diagnosis (both languages).
    pub framing_errors: Vec<Text>,
}

/// The recorded line of an exchange.
fn request_of(ex: &Exchange, rc_sent: Option<String>) -> PosRequest {
    PosRequest {
        mti: ex.mti.clone(),
        stan: ex.stan.clone(),
        entry: ex.entry.as_ref().map(|e| e.as_str().to_string()),
        pan: ex.pan.as_ref().map(|p| p.masked()),
        bank: ex.bank.clone(),
        tvr: ex.icc.as_ref().and_then(|i| i.tvr.clone()),
        tsi: ex.icc.as_ref().and_then(|i| i.tsi.clone()),
        software_version: ex.software_version.clone(),
        reason: ex.reason.clone(),
        rc_sent,
        rule: ex.rule.clone(),
    }
}

impl PosSession {
    pub fn new(cfg: PosHostConfig) -> PosSession {
        let acquirer = Acquirer::new(cfg.acquirer.clone());
        PosSession {
            cfg,
            acquirer,
            requests: Vec::new(),
            exchanges: Vec::new(),
            framing_errors: Vec::new(),
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
        let line = Line {
            framing: self.cfg.framing,
            packing: self.cfg.packing,
            link: self.cfg.link.clone(),
        };
        let (requests, exchanges, errors) = (
            &mut self.requests,
            &mut self.exchanges,
            &mut self.framing_errors,
        );
        let stop = self.cfg.stop.clone();
        let stopped = move || {
            stop.as_ref()
                .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
        };
        serve_stream(
            s,
            &self.acquirer,
            &line,
            sink,
            idle,
            deadline,
            &stopped,
            &mut |x| match x {
                Served::Exchange { exchange, answered } => {
                    let rc_sent = answered.then(|| exchange.rc_sent.clone()).flatten();
                    requests.push(request_of(&exchange, rc_sent));
                    exchanges.push(*exchange);
                }
                Served::Unusable(why) => errors.push(why),
            },
        )
    }

    /// Judges what the POS did: framing, software version, STAN increments, the reversal after
    /// each unanswered request, and one line per transaction.
    pub fn findings(&self) -> Vec<PosFinding> {
        let mut f = Vec::new();
        self.framing_finding(&mut f);
        self.version_finding(&mut f);
        self.stan_finding(&mut f);
        self.reversal_findings(&mut f);
        self.transaction_findings(&mut f);
        f
    }

    /// Whether the frames were understood.
    fn framing_finding(&self, f: &mut Vec<PosFinding>) {
        if let Some(e) = self.framing_errors.first() {
            let count = self.framing_errors.len();
            let bad = Text::tr_each("host-pos-framing-bad", |lang| {
                vec![("count", count.into()), ("error", e.get(lang).into())]
            });
            f.push(fw("framing", false, bad));
        } else if self.requests.is_empty() {
            f.push(PosFinding {
                check: "framing",
                ok: false,
                family: Family::Net,
                detail: Text::tr("host-pos-framing-none"),
            });
        } else {
            let args = [
                ("count", self.requests.len().into()),
                ("framing", self.cfg.framing.as_str().into()),
            ];
            f.push(fw(
                "framing",
                true,
                Text::tr_args("host-pos-framing-ok", &args),
            ));
        }
    }

    /// The header software version against the minimum.
    fn version_finding(&self, f: &mut Vec<PosFinding>) {
        let versions: Vec<&String> = self
            .requests
            .iter()
            .filter_map(|r| r.software_version.as_ref())
            .collect();
        if let Some(v) = versions.first() {
            let version = ("version", Arg::from(v.as_str()));
            match &self.cfg.min_version {
                Some(min) if v.as_str() < min.as_str() => f.push(fw(
                    "software version",
                    false,
                    Text::tr_args("host-pos-version-old", &[version, ("min", min.into())]),
                )),
                _ => f.push(fw(
                    "software version",
                    true,
                    Text::tr_args("host-pos-version", &[version]),
                )),
            }
        }
    }

    /// STAN increments (reversals repeat their original's STAN by design).
    fn stan_finding(&self, f: &mut Vec<PosFinding>) {
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
            let list = reused
                .iter()
                .map(|s| format!("{s:06}"))
                .collect::<Vec<_>>()
                .join(", ");
            let args = [("stans", list.into())];
            f.push(fw(
                "STAN",
                false,
                Text::tr_args("host-pos-stan-reused", &args),
            ));
        } else if stans.len() > 1 {
            let steps_ok = stans
                .windows(2)
                .all(|w| w[1] == w[0] + 1 || (w[0] == 999_999 && w[1] == 1));
            f.push(fw(
                "STAN",
                true,
                if steps_ok {
                    Text::tr("host-pos-stan-step")
                } else {
                    Text::tr("host-pos-stan-gaps")
                },
            ));
        }
    }

    /// A reversal after each unanswered financial request.
    fn reversal_findings(&self, f: &mut Vec<PosFinding>) {
        for (i, r) in self.requests.iter().enumerate() {
            let financial = matches!(r.mti.as_str(), "0100" | "0200");
            if !financial || r.rc_sent.is_some() {
                continue;
            }
            let stan = r.stan.clone().unwrap_or_default();
            let rev = self.requests[i + 1..]
                .iter()
                .find(|x| x.mti.starts_with("04") && x.stan.as_deref() == Some(stan.as_str()));
            let (mti, stan) = (
                ("mti", Arg::from(r.mti.as_str())),
                ("stan", stan.as_str().into()),
            );
            match rev {
                Some(x) => f.push(fw(
                    "reversal on timeout",
                    x.reason.as_deref() == Some("98"),
                    Text::tr_each("host-pos-reversed", |lang| {
                        let reason = match &x.reason {
                            Some(r) => Arg::from(r.as_str()),
                            None => tr(lang, "host-pos-reason-none").into(),
                        };
                        vec![mti.clone(), stan.clone(), ("reason", reason)]
                    }),
                )),
                None => f.push(fw(
                    "reversal on timeout",
                    false,
                    Text::tr_args("host-pos-not-reversed", &[mti, stan]),
                )),
            }
        }
    }

    /// Entry modes, cards, banks, TVR/TSI: recorded for the report.
    fn transaction_findings(&self, f: &mut Vec<PosFinding>) {
        for r in self
            .requests
            .iter()
            .filter(|r| matches!(r.mti.as_str(), "0100" | "0200"))
        {
            let d = Text::tr_each("host-pos-transaction", |lang| {
                let bank = match (lang, r.bank.as_deref()) {
                    (_, None) => tr(lang, "host-pos-bank-unknown").into(),
                    (Lang::ZhCn, Some(b)) => find_bank(b).map_or(b, |k| k.zh).into(),
                    (_, Some(b)) => Arg::from(b),
                };
                vec![
                    ("stan", r.stan.as_deref().unwrap_or("?").into()),
                    ("entry", r.entry.as_deref().unwrap_or("?").into()),
                    ("pan", r.pan.as_deref().unwrap_or("?").into()),
                    ("bank", bank),
                ]
            });
            let mut tail = String::new();
            if let Some(t) = &r.tvr {
                tail.push_str(&format!(" TVR {t}"));
            }
            if let Some(t) = &r.tsi {
                tail.push_str(&format!(" TSI {t}"));
            }
            let answered = |lang| {
                r.rc_sent.as_ref().map_or(String::new(), |rc| {
                    format!(
                        " {}",
                        tr_args(lang, "host-pos-answered", &[("rc", rc.into())])
                    )
                })
            };
            let detail = Text::new(
                format!("{}{tail}{}", d.en, answered(Lang::En)),
                format!("{}{tail}{}", d.zh, answered(Lang::ZhCn)),
            );
            f.push(fw("transaction", true, detail));
        }
    }
}

/// A finding whose failure is the POS software's.
fn fw(check: &'static str, ok: bool, detail: Text) -> PosFinding {
    PosFinding {
        check,
        ok,
        family: if ok { Family::Unknown } else { Family::TermSw },
        detail,
    }
}

/// How a POS line is framed and named in frame records.
#[derive(Clone, Debug)]
pub struct Line {
    pub framing: Framing,
    pub packing: Packing,
    /// Label of the link in frame records.
    pub link: String,
}

/// What [`serve_stream`] reports for each frame.
#[derive(Debug)]
pub enum Served {
    /// A request and its facts; `answered` = a reply went out by the rules (not withheld).
    Exchange {
        exchange: Box<Exchange>,
        answered: bool,
    },
    /// Bytes that made no usable request, with the reason.
    Unusable(Text),
}

/// Answers requests from a POS line with `acquirer` until `idle` passes without a frame, the
/// line closes, `deadline` passes or `stop` says so; every frame in and out goes to `sink`
/// (masked), every request's facts to `on`.
#[allow(clippy::too_many_arguments)]
pub fn serve_stream<S: Read + Write>(
    s: &mut S,
    acquirer: &Acquirer,
    line: &Line,
    sink: &FrameSink,
    idle: Duration,
    deadline: Instant,
    stop: &dyn Fn() -> bool,
    on: &mut dyn FnMut(Served),
) -> io::Result<()> {
    let mut reader = FrameReader::new(line.framing);
    loop {
        let until = (Instant::now() + idle).min(deadline);
        match reader.next(s, until, stop)? {
            Incoming::Frame { raw, frame } => {
                sink(record(
                    &line.link,
                    Direction::Rx,
                    &raw,
                    line.framing,
                    line.packing,
                ));
                let a = acquirer.answer(line.framing, line.packing, &frame, &acquirer.context());
                let answered = a
                    .decision
                    .as_ref()
                    .is_some_and(|d| matches!(d.action, Action::Reply) && a.reply.is_some());
                match a.exchange.clone() {
                    Some(exchange) => on(Served::Exchange {
                        exchange: Box::new(exchange),
                        answered,
                    }),
                    // The host's own log line, already in its language.
                    None => on(Served::Unusable(Text::same(a.line.clone()))),
                }
                if !a.delay.is_zero() {
                    std::thread::sleep(a.delay);
                }
                if let Some(out) = &a.reply {
                    s.write_all(out)?;
                    s.flush()?;
                    sink(record(
                        &line.link,
                        Direction::Tx,
                        out,
                        line.framing,
                        line.packing,
                    ));
                }
            }
            Incoming::BadPrefix { why, .. } => on(Served::Unusable(why)),
            Incoming::Timeout { partial } | Incoming::Closed { partial } => {
                if !partial.is_empty() {
                    let d = crate::codec::iso8583::framing::diagnose(&partial, line.framing);
                    let count = partial.len();
                    on(Served::Unusable(Text::tr_each(
                        "host-pos-never-framed",
                        |lang| {
                            let what = crate::codec::iso8583::framing::hints_text(&d, lang);
                            vec![("count", count.into()), ("what", what.into())]
                        },
                    )));
                }
                return Ok(());
            }
        }
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
    let mut t = open_serial(path, baud)?;
    let mut session = PosSession::new(cfg);
    session.serve(&mut t, sink, idle, deadline)?;
    Ok(session)
}

/// Opens the serial device a POS is wired to, ready for [`PosSession::serve`]: what
/// [`serve_serial`] does first, apart so a command can say the port is bad before it says it
/// plays host on it.
pub fn open_serial(path: &str, baud: u32) -> io::Result<crate::link::SerialTransport> {
    use crate::link::{LineSettings, SerialTransport, Transport};
    let line = LineSettings {
        baud,
        ..LineSettings::default()
    };
    let mut t = SerialTransport::open(path, &line)?;
    t.set_read_timeout(Duration::from_millis(50))?;
    Ok(t)
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
