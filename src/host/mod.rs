//! The ISO 8583 link: the acquirer host simulator (`cardbench host`, `server`, `rules`), the
//! bench's host checks (`client`), the shared wire helpers (`wire`) and the `pos8583`
//! host-link profile.

pub mod client;
pub mod pos8583;
pub mod rules;
pub mod server;
pub mod wire;

pub use client::{
    AuthOutcome, AuthRequest, EchoOutcome, EntryMode, HostClient, HostLink, ReversalOutcome,
};
pub use server::{spawn_host, spawn_host_with, HostConfig, HostHandle, StatsSnapshot};

use crate::cli::HostArgs;
use crate::codec::iso8583::{Framing, Packing};
use crate::error::{Error, Globals, Result, Status};
use std::path::Path;
use std::sync::Arc;
use thiserror::Error;

/// Why the host link could not be set up.
#[derive(Debug, Error)]
pub enum HostError {
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: String, reason: String },
    #[error("cannot connect to host {addr}: {reason}")]
    Connect { addr: String, reason: String },
    #[error("rules file {path}: {msg}")]
    Rules { path: String, msg: String },
    #[error("bad host address {0}")]
    BadLink(String),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl From<HostError> for Error {
    fn from(e: HostError) -> Self {
        match e {
            HostError::Rules { path, msg } => Error::Config { path, msg },
            HostError::Io(e) => Error::Io(e),
            other => Error::Other(other.to_string()),
        }
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

/// `run --host` helper: `sim` / `sim:RULES.toml` starts the in-process host simulator on a
/// free loopback port (CUPS framing + CUPS packing) and returns its link and handle;
/// anything else is parsed by [`HostLink::parse`].
pub fn resolve_host_arg(
    arg: &str,
) -> std::result::Result<(HostLink, Option<HostHandle>), HostError> {
    let sim_rules = if arg == "sim" {
        Some(None)
    } else {
        arg.strip_prefix("sim:").map(Some)
    };
    match sim_rules {
        Some(rules) => {
            let h = spawn_host(
                "127.0.0.1:0",
                rules.map(Path::new),
                Framing::Cups,
                Packing::Cups,
            )?;
            let link = HostLink {
                addr: h.addr().to_string(),
                framing: Framing::Cups,
                packing: Packing::Cups,
                timeout: std::time::Duration::from_secs(10),
            };
            Ok((link, Some(h)))
        }
        None => Ok((HostLink::parse(arg)?, None)),
    }
}

pub fn run_host(_g: &Globals, args: &HostArgs) -> Result<Status> {
    let mut cfg = HostConfig::new(&args.listen, args.framing.into(), args.packing.into());
    if let Some(p) = &args.rules {
        cfg.rules = rules::Rules::load(p).map_err(|msg| Error::Config {
            path: p.display().to_string(),
            msg,
        })?;
    }
    cfg.log = Some(Arc::new(|line: &str| {
        println!("{} {line}", chrono::Local::now().format("%H:%M:%S%.3f"));
    }));
    let h = spawn_host_with(cfg)?;
    h.wait();
    Ok(Status::Passed)
}
