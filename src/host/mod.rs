//! The ISO 8583 link: the acquirer host — what it answers (`acquirer`: sign-on keys, MACs, PIN
//! blocks, downloads, purchases, reversals, settlement, batch upload; by the `rules`, with the
//! `keys` and `params` files) and how bytes come and go (`server` for TCP terminals, `pos8583`
//! for one POS line) — the bench's host checks (`client`) and the shared wire helpers (`wire`).

pub mod acquirer;
pub mod chip;
pub mod client;
pub mod identity;
pub mod keys;
pub mod params;
pub mod pos8583;
pub mod rules;
pub mod server;
pub mod server_net;
pub mod window;
pub mod wire;

pub use client::{
    AuthOutcome, AuthRequest, EchoOutcome, EntryMode, HostClient, HostLink, ReversalOutcome,
};
pub use identity::BenchIdentity;
pub use server::HostConfig;
pub use server_net::{spawn_host, spawn_host_with, HostHandle, StatsSnapshot};

use crate::codec::iso8583::{Framing, Packing};
use crate::load::LoadError;
use std::time::Duration;
use thiserror::Error;

/// Why the host link could not be set up.
#[derive(Debug, Error)]
pub enum HostError {
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: String, reason: String },
    #[error("cannot connect to host {addr}: {reason}")]
    Connect { addr: String, reason: String },
    #[error("host rules {0}")]
    Rules(#[from] LoadError),
    #[error("bad host address {0}")]
    BadLink(String),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl HostError {
    /// The error for people in `lang` (English: the `Display`): in Chinese the system's
    /// failure by kind (连接被拒绝, 地址已被占用); a detail the bench has only in English (a
    /// bad address's reason) is kept verbatim in 「」.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{io_reason_text, io_text, t, Lang};
        if lang == Lang::En {
            return self.to_string();
        }
        let reason = |r: &str| {
            io_reason_text(r, lang)
                .unwrap_or_else(|| t!(lang, "errors-load-detail", detail = r).into_owned())
        };
        match self {
            HostError::Bind { addr, reason: r } | HostError::Connect { addr, reason: r } => {
                let args = [("addr", addr.as_str().into()), ("reason", reason(r).into())];
                let id = match self {
                    HostError::Bind { .. } => "errors-host-bind",
                    _ => "errors-host-connect",
                };
                crate::i18n::tr_args(lang, id, &args)
            }
            HostError::Rules(e) => t!(lang, "errors-host-rules", reason = e.text(lang)),
            HostError::BadLink(why) => t!(lang, "errors-host-bad-link", reason = reason(why)),
            HostError::Io(e) => t!(lang, "errors-host-io", reason = io_text(e, lang)),
        }
        .into_owned()
    }
}

/// An issuing bank as the host sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankRef {
    pub code: String,
    pub name_en: String,
}

/// Issuing bank of a PAN from the built-in BIN table (`crate::bins`).
pub fn bank_of(pan_digits: &str) -> Option<BankRef> {
    crate::bins::BinTable::builtin()
        .lookup(pan_digits)
        .map(|e| BankRef {
            code: e.bank_code,
            name_en: e.bank_en,
        })
}

/// Which acquirer host a run talks to, parsed once from `--host`, the start screen or a
/// stations file: `sim`, `sim:RULES` (a built-in rules name or a file), `sim?timeout_ms=N`, or
/// a real host `HOST:PORT[?framing=…&packing=…&timeout_ms=N]` ([`HostLink::parse`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostSpec {
    /// The in-process host simulator on a free loopback port (LEN2 framing, ASCII packing:
    /// the client's defaults).
    Sim {
        /// Rules: a built-in name or a file; `None` approves everything.
        rules: Option<String>,
        /// How long the bench waits for each reply.
        timeout: Duration,
    },
    /// A host reached over TCP.
    Remote(HostLink),
}

/// Reply timeout for the in-process host simulator (a `?timeout_ms=N` suffix overrides it).
pub const SIM_REPLY_TIMEOUT: Duration = Duration::from_secs(5);

impl HostSpec {
    /// Parses a host argument. A bad address is an error here, before any run starts.
    pub fn parse(s: &str) -> Result<HostSpec, HostError> {
        let s = s.trim();
        let Some(rest) = s
            .strip_prefix("sim")
            .filter(|r| r.is_empty() || r.starts_with(':') || r.starts_with('?'))
        else {
            return Ok(HostSpec::Remote(HostLink::parse(s)?));
        };
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        let (rules, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut timeout = SIM_REPLY_TIMEOUT;
        for kv in query.split('&').filter(|x| !x.is_empty()) {
            match kv.split_once('=') {
                Some(("timeout_ms", v)) => {
                    timeout = client::parse_timeout_ms(v)
                        .map_err(|why| HostError::BadLink(format!("{s:?}: {why}")))?;
                }
                _ => {
                    return Err(HostError::BadLink(format!(
                        "{s:?}: the simulator takes only timeout_ms=N"
                    )))
                }
            }
        }
        Ok(HostSpec::Sim {
            rules: (!rules.is_empty()).then(|| rules.to_string()),
            timeout,
        })
    }

    /// Starts what the spec needs: the link to use, and the in-process simulator that must
    /// live as long as the link (for `Sim`).
    pub fn start(&self) -> Result<(HostLink, Option<HostHandle>), HostError> {
        match self {
            HostSpec::Remote(link) => {
                // A name that does not resolve makes every network step fail for a reason
                // that is not the terminal's: the run cannot start.
                use std::net::ToSocketAddrs;
                let found = link.addr.to_socket_addrs().map(|mut a| a.next().is_some());
                if !found.as_ref().is_ok_and(|f| *f) {
                    let why = found.err().map(|e| e.to_string());
                    return Err(HostError::BadLink(format!(
                        "{}: cannot resolve the host name ({})",
                        link.addr,
                        why.unwrap_or_else(|| "no address".into())
                    )));
                }
                Ok((link.clone(), None))
            }
            HostSpec::Sim { rules, timeout } => {
                let h = spawn_host(
                    "127.0.0.1:0",
                    rules.as_deref(),
                    Framing::Len2,
                    Packing::Ascii,
                )?;
                let link = HostLink {
                    addr: h.addr().to_string(),
                    framing: Framing::Len2,
                    packing: Packing::Ascii,
                    timeout: *timeout,
                };
                Ok((link, Some(h)))
            }
        }
    }
}

impl HostSpec {
    /// The in-process simulator given without its own rules takes `rules` (a scenario's host
    /// rules); any other spec is kept as it is.
    pub fn or_rules(self, rules: Option<&str>) -> HostSpec {
        match (self, rules) {
            (
                HostSpec::Sim {
                    rules: None,
                    timeout,
                },
                Some(r),
            ) => HostSpec::Sim {
                rules: Some(r.to_string()),
                timeout,
            },
            (spec, _) => spec,
        }
    }
}

impl std::fmt::Display for HostSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostSpec::Sim { rules: None, .. } => f.write_str("sim"),
            HostSpec::Sim { rules: Some(r), .. } => write!(f, "sim:{r}"),
            HostSpec::Remote(l) => f.write_str(&l.addr),
        }
    }
}
