//! The bench's ISO 8583 client (host checks): connect, echo, and an authorisation per deck
//! card; on a timeout (or a reply that cannot be read) it sends the reversal 0400 with DE39
//! 98 / 06 and checks the 0410. Every frame goes to the `FrameSink` masked.

use super::identity::BenchIdentity;
use super::wire::{record, FrameReader, Incoming};
use super::HostError;
use crate::codec::iso8583::framing::{self, CupsHeader, Framing};
use crate::codec::iso8583::rc::{rc_info, RcInfo};
use crate::codec::iso8583::{decode, encode, Message, Packing};
use crate::i18n::Text;
use crate::sensitive::{Pan, Track2};
use crate::trace::{Direction, FrameSink};
use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Where and how to reach the acquirer host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostLink {
    /// `HOST:PORT`.
    pub addr: String,
    pub framing: Framing,
    pub packing: Packing,
    /// Read timeout for a reply (the reversal waits as long again).
    pub timeout: Duration,
}

impl HostLink {
    /// Parses `HOST:PORT[?framing=cups|len2|ascii4&packing=cups|ascii&timeout_ms=N]`.
    /// Default framing/packing: `len2` + `ascii` (the `cardbench host` defaults), 10 s timeout.
    pub fn parse(s: &str) -> Result<HostLink, HostError> {
        let bad = |why: &str| HostError::BadLink(format!("{s:?}: {why}"));
        let (addr, query) = s.split_once('?').unwrap_or((s, ""));
        let Some((host, port)) = addr.rsplit_once(':') else {
            return Err(bad("expected HOST:PORT"));
        };
        if !port.parse::<u16>().is_ok_and(|p| p > 0) {
            return Err(bad("expected HOST:PORT with a port from 1 to 65535"));
        }
        check_host(host).map_err(|why| bad(&why))?;
        let mut link = HostLink {
            addr: addr.to_string(),
            framing: Framing::Len2,
            packing: Packing::Ascii,
            timeout: Duration::from_secs(10),
        };
        for kv in query.split('&').filter(|x| !x.is_empty()) {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| bad("expected key=value after ?"))?;
            match k {
                "framing" => {
                    link.framing =
                        Framing::parse(v).ok_or_else(|| bad("framing: cups, len2 or ascii4"))?
                }
                "packing" => {
                    link.packing = Packing::parse(v).ok_or_else(|| bad("packing: cups or ascii"))?
                }
                "timeout_ms" => link.timeout = parse_timeout_ms(v).map_err(|w| bad(&w))?,
                _ => return Err(bad("unknown option (framing, packing, timeout_ms)")),
            }
        }
        Ok(link)
    }

    /// The link as `HOST:PORT?framing=…&packing=…`.
    pub fn to_url(&self) -> String {
        format!(
            "{}?framing={}&packing={}&timeout_ms={}",
            self.addr,
            self.framing.as_str(),
            self.packing.as_str(),
            self.timeout.as_millis()
        )
    }
}

/// Longest reply timeout a host link may ask for (`timeout_ms`): an hour.
pub const MAX_TIMEOUT_MS: u64 = 3_600_000;

/// A `timeout_ms` value: 1 to [`MAX_TIMEOUT_MS`] milliseconds.
pub fn parse_timeout_ms(v: &str) -> Result<Duration, String> {
    match v.parse::<u64>() {
        Ok(ms) if (1..=MAX_TIMEOUT_MS).contains(&ms) => Ok(Duration::from_millis(ms)),
        _ => Err(format!(
            "timeout_ms: a number of milliseconds from 1 to {MAX_TIMEOUT_MS}"
        )),
    }
}

/// Checks the host part of `HOST:PORT`: an IPv4 address (every part 0–255), an IPv6 address
/// in brackets, or a host name (letters, digits and `-` in dot-separated labels of at most 63
/// characters, not all digits). `256.1.1.1` is none of these.
fn check_host(host: &str) -> Result<(), String> {
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return v6
            .parse::<std::net::Ipv6Addr>()
            .map(|_| ())
            .map_err(|_| format!("{v6:?} is not an IPv6 address"));
    }
    if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return host
            .parse::<std::net::Ipv4Addr>()
            .map(|_| ())
            .map_err(|_| format!("{host:?} is not an IPv4 address (four numbers 0–255)"));
    }
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if host.len() > 253 || !host.split('.').all(label_ok) {
        return Err("the host is not an IP address or a host name".into());
    }
    Ok(())
}

/// How the card was read (DE22 and 60.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryMode {
    Swipe,
    Chip,
    /// Chip card read by its stripe after a chip failure.
    Fallback,
}

impl EntryMode {
    /// DE22 (PIN-capable terminal).
    pub fn de22(self) -> &'static str {
        match self {
            EntryMode::Swipe => "021",
            EntryMode::Chip => "051",
            EntryMode::Fallback => "801",
        }
    }
}

/// One authorisation to ask for.
#[derive(Clone, Debug)]
pub struct AuthRequest {
    pub pan: Pan,
    pub track2: Option<Track2>,
    /// YYMM.
    pub expiry: Option<String>,
    pub entry: EntryMode,
    pub amount_minor: u64,
    /// DE55: EMV TLV bytes from the chip step.
    pub icc_data: Option<Vec<u8>>,
    pub card_seq: Option<u8>,
}

/// What the reversal after a timeout got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReversalOutcome {
    pub sent: bool,
    pub answered: bool,
    pub rc: Option<String>,
    /// DE39 reason sent in the 0400 (`98` timeout, `06` other).
    pub reason: String,
}

/// The result of one authorisation. A decline is an `rc`, not an error.
#[derive(Clone, Debug)]
pub struct AuthOutcome {
    pub mti_pair: String,
    pub stan: String,
    pub rc: Option<String>,
    pub rc_info: Option<RcInfo>,
    pub latency_ms: u64,
    pub timed_out: bool,
    pub reversal: Option<ReversalOutcome>,
    /// Why there is no usable reply (closed connection, malformed reply, I/O error).
    pub error: Option<String>,
    /// DE55 of the 0210 (issuer authentication data `91`, scripts `71`/`72`), empty when none:
    /// the chip step's online completion hands it to the card.
    pub icc_reply: Vec<u8>,
}

/// The result of an echo test.
#[derive(Clone, Debug)]
pub struct EchoOutcome {
    pub latency_ms: u64,
    pub rc: Option<String>,
    pub error: Option<String>,
}

/// A connected ISO 8583 client.
pub struct HostClient {
    link: HostLink,
    stream: TcpStream,
    reader: FrameReader,
    sink: FrameSink,
    stan: u32,
    header: CupsHeader,
    /// Terminal ID (DE41) and merchant ID (DE42) the bench uses.
    pub terminal_id: String,
    pub merchant_id: String,
    pub batch: String,
    /// The last 0200 sent, for a reversal the chip decides after the reply
    /// ([`HostClient::reverse_last`]).
    last_auth: Option<Message>,
}

fn connect_stream(link: &HostLink) -> Result<TcpStream, HostError> {
    let cerr = |reason: String| HostError::Connect {
        addr: link.addr.clone(),
        reason,
    };
    let addrs: Vec<_> = link
        .addr
        .to_socket_addrs()
        .map_err(|e| cerr(e.to_string()))?
        .collect();
    let mut last = "no address".to_string();
    for a in addrs {
        match TcpStream::connect_timeout(
            &a,
            link.timeout
                .min(Duration::from_secs(5))
                .max(Duration::from_millis(100)),
        ) {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                let _ = s.set_read_timeout(Some(Duration::from_millis(50)));
                return Ok(s);
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(cerr(last))
}

enum Reply {
    Msg(Message),
    Timeout,
    Closed,
    Bad(String),
}

impl HostClient {
    /// Connects as the single run's bench ([`BenchIdentity::default`]); returns the client and
    /// the connect time in ms.
    pub fn connect(link: &HostLink, sink: FrameSink) -> Result<(HostClient, u64), HostError> {
        HostClient::connect_as(link, sink, &BenchIdentity::default())
    }

    /// Connects with the terminal id (DE41) and STAN base of `id`; returns the client and the
    /// connect time in ms.
    pub fn connect_as(
        link: &HostLink,
        sink: FrameSink,
        id: &BenchIdentity,
    ) -> Result<(HostClient, u64), HostError> {
        let t0 = Instant::now();
        let stream = connect_stream(link)?;
        let ms = t0.elapsed().as_millis() as u64;
        Ok((
            HostClient {
                link: link.clone(),
                stream,
                reader: FrameReader::new(link.framing),
                sink,
                stan: id.stan_base,
                header: CupsHeader::default(),
                terminal_id: id.terminal_id.clone(),
                merchant_id: "898100012345678".to_string(),
                batch: "000001".to_string(),
                last_auth: None,
            },
            ms,
        ))
    }

    pub fn link(&self) -> &HostLink {
        &self.link
    }

    /// The last STAN sent (or the base before the first), for a session that reconnects and
    /// goes on with the same sequence.
    pub fn last_stan(&self) -> u32 {
        self.stan
    }

    fn next_stan(&mut self) -> String {
        self.stan = self.stan % 999_999 + 1;
        format!("{:06}", self.stan)
    }

    /// A timeline note in both languages; its arguments echo host text, so it is redacted.
    fn note(&self, text: Text) {
        let text = Text::new(
            crate::sensitive::redact_text(&text.en),
            crate::sensitive::redact_text(&text.zh),
        );
        (self.sink)(crate::trace::FrameRecord::note_text(&self.link.addr, text));
    }

    fn send(&mut self, m: &Message) -> Result<(), String> {
        let body = encode(m, self.link.packing).map_err(|e| e.to_string())?;
        let raw = framing::wrap(self.link.framing, Some(&self.header), &body);
        (self.sink)(record(
            &self.link.addr,
            Direction::Tx,
            &raw,
            self.link.framing,
            self.link.packing,
        ));
        self.stream.write_all(&raw).map_err(|e| e.to_string())
    }

    /// Waits for a reply with this MTI and STAN; other messages are logged and skipped.
    fn wait_reply(&mut self, mti: &str, stan: &str, timeout: Duration) -> Reply {
        let deadline = Instant::now() + timeout;
        loop {
            let inc = match self.reader.next(&mut self.stream, deadline, &|| false) {
                Ok(x) => x,
                Err(e) => return Reply::Bad(format!("read error: {e}")),
            };
            match inc {
                Incoming::Frame { raw, frame } => {
                    (self.sink)(record(
                        &self.link.addr,
                        Direction::Rx,
                        &raw,
                        self.link.framing,
                        self.link.packing,
                    ));
                    match decode(&frame.body, self.link.packing) {
                        Ok(d) => {
                            if d.message.mti == mti && d.message.text(11).is_none_or(|s| s == stan)
                            {
                                return Reply::Msg(d.message);
                            }
                            self.note(Text::tr_args(
                                "host-note-skipped",
                                &[
                                    ("got", d.message.mti.as_str().into()),
                                    ("mti", mti.into()),
                                    ("stan", stan.into()),
                                ],
                            ));
                        }
                        Err(e) => return Reply::Bad(format!("malformed reply: {e}")),
                    }
                }
                Incoming::BadPrefix { why, .. } => {
                    return Reply::Bad(format!("bad frame: {}", why.en));
                }
                Incoming::Timeout { partial } => {
                    if !partial.is_empty() {
                        let d = framing::diagnose(&partial, self.link.framing);
                        self.note(Text::tr_each("host-note-pending", |lang| {
                            vec![
                                ("count", partial.len().into()),
                                ("what", framing::hints_text(&d, lang).into()),
                            ]
                        }));
                    }
                    return Reply::Timeout;
                }
                Incoming::Closed { .. } => return Reply::Closed,
            }
        }
    }

    /// Echo test: 0800 with DE70 = 301 (ASCII) or 60.3 = 301 (CUPS).
    pub fn echo(&mut self) -> EchoOutcome {
        let stan = self.next_stan();
        let mut m = Message::new("0800");
        m.set(11, stan.clone());
        match self.link.packing {
            Packing::Ascii => {
                m.set(7, chrono::Local::now().format("%m%d%H%M%S").to_string());
                m.set(70, "301");
            }
            Packing::Cups => {
                m.set(41, self.terminal_id.clone());
                m.set(42, self.merchant_id.clone());
                m.set(60, format!("00{}301", self.batch));
            }
        }
        let t0 = Instant::now();
        if let Err(e) = self.send(&m) {
            return EchoOutcome {
                latency_ms: 0,
                rc: None,
                error: Some(format!("send failed: {e}")),
            };
        }
        let reply = self.wait_reply("0810", &stan, self.link.timeout);
        let latency_ms = t0.elapsed().as_millis() as u64;
        match reply {
            Reply::Msg(r) => EchoOutcome {
                latency_ms,
                rc: r.text(39).map(str::to_string),
                error: None,
            },
            Reply::Timeout => EchoOutcome {
                latency_ms,
                rc: None,
                error: Some(format!(
                    "no 0810 within {} ms",
                    self.link.timeout.as_millis()
                )),
            },
            Reply::Closed => EchoOutcome {
                latency_ms,
                rc: None,
                error: Some("host closed the connection".into()),
            },
            Reply::Bad(e) => EchoOutcome {
                latency_ms,
                rc: None,
                error: Some(e),
            },
        }
    }

    fn build_0200(&self, req: &AuthRequest, stan: &str) -> Message {
        let mut m = Message::new("0200");
        m.set(2, req.pan.expose_clear());
        m.set(3, "000000");
        m.set(4, format!("{:012}", req.amount_minor % 1_000_000_000_000));
        m.set(11, stan);
        if let Some(e) = &req.expiry {
            if e.len() == 4 {
                m.set(14, e.clone());
            }
        }
        m.set(22, req.entry.de22());
        if let Some(seq) = req.card_seq {
            m.set(23, format!("{:03}", seq));
        }
        m.set(25, "00");
        if let Some(t) = &req.track2 {
            let clear = t
                .expose_clear()
                .trim_start_matches(';')
                .trim_end_matches('?');
            let t = match self.link.packing {
                Packing::Cups => clear.replace('=', "D"),
                Packing::Ascii => clear.replace('D', "="),
            };
            if t.len() <= 37 {
                m.set(35, t);
            }
        }
        m.set(41, self.terminal_id.clone());
        m.set(42, self.merchant_id.clone());
        m.set(49, "156");
        if let Some(icc) = &req.icc_data {
            if icc.len() <= 255 {
                m.set_bytes(55, icc.clone());
            }
        }
        let ic5 = match req.entry {
            EntryMode::Fallback => "2",
            _ => "0",
        };
        m.set(60, format!("22{}0006{ic5}", self.batch));
        m
    }

    /// Sends a 0200 purchase and waits for the 0210; reverses on timeout or unreadable reply.
    pub fn authorise(&mut self, req: &AuthRequest) -> AuthOutcome {
        let stan = self.next_stan();
        let m = self.build_0200(req, &stan);
        self.last_auth = Some(m.clone());
        let mut out = AuthOutcome {
            mti_pair: "0200/0210".into(),
            stan: stan.clone(),
            rc: None,
            rc_info: None,
            latency_ms: 0,
            timed_out: false,
            reversal: None,
            error: None,
            icc_reply: Vec::new(),
        };
        let t0 = Instant::now();
        if let Err(e) = self.send(&m) {
            out.error = Some(format!("send failed: {e}"));
            return out;
        }
        let reply = self.wait_reply("0210", &stan, self.link.timeout);
        out.latency_ms = t0.elapsed().as_millis() as u64;
        let reason = match reply {
            Reply::Msg(r) => {
                let rc = r.text(39).map(str::to_string);
                out.rc_info = rc.as_deref().map(rc_info);
                out.rc = rc;
                out.icc_reply = r.get(55).map(|v| v.as_bytes().to_vec()).unwrap_or_default();
                return out;
            }
            Reply::Timeout => {
                out.timed_out = true;
                out.error = Some(format!(
                    "no 0210 within {} ms",
                    self.link.timeout.as_millis()
                ));
                "98"
            }
            Reply::Closed => {
                out.error = Some("host closed the connection before replying".into());
                "98"
            }
            Reply::Bad(e) => {
                out.error = Some(e);
                "06"
            }
        };
        out.reversal = Some(self.reverse(&m, reason));
        out
    }

    /// Reverses the last authorisation sent (once) with DE39 = `reason`, e.g. `06` when the
    /// card declined at GENERATE AC 2 a sale the host approved (EMV Book 4 §12.2.4); `None`
    /// when no authorisation is left to reverse.
    pub fn reverse_last(&mut self, reason: &str) -> Option<ReversalOutcome> {
        let original = self.last_auth.take()?;
        Some(self.reverse(&original, reason))
    }

    /// Sends the reversal of `original` with DE39 = `reason` and waits for the 0410. After a
    /// closed connection it reconnects once to deliver it.
    pub fn reverse(&mut self, original: &Message, reason: &str) -> ReversalOutcome {
        let r = original.reversal_of(reason);
        let stan = original.text(11).unwrap_or("000000").to_string();
        let mut outcome = ReversalOutcome {
            sent: false,
            answered: false,
            rc: None,
            reason: reason.to_string(),
        };
        self.note(Text::tr_args(
            "host-note-reversal",
            &[("stan", stan.as_str().into()), ("reason", reason.into())],
        ));
        if self.send(&r).is_err() {
            match connect_stream(&self.link) {
                Ok(s) => {
                    self.stream = s;
                    self.reader = FrameReader::new(self.link.framing);
                    if self.send(&r).is_err() {
                        return outcome;
                    }
                }
                Err(e) => {
                    self.note(Text::tr_args(
                        "host-note-reversal-not-sent",
                        &[("why", e.to_string().into())],
                    ));
                    return outcome;
                }
            }
        }
        outcome.sent = true;
        let mut reply = self.wait_reply("0410", &stan, self.link.timeout);
        if matches!(reply, Reply::Closed) {
            // The host dropped the old connection: deliver the reversal on a new one.
            let Ok(s) = connect_stream(&self.link) else {
                return outcome;
            };
            self.stream = s;
            self.reader = FrameReader::new(self.link.framing);
            if self.send(&r).is_err() {
                return outcome;
            }
            reply = self.wait_reply("0410", &stan, self.link.timeout);
        }
        if let Reply::Msg(a) = reply {
            outcome.answered = true;
            outcome.rc = a.text(39).map(str::to_string);
        }
        outcome
    }
}
