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

/// `cardbench host`. `--listen ADDR` serves TCP terminals; `--listen /dev/ttyUSB0` (or
/// `serial:PATH[@BAUD]`) plays host for one POS on its serial port (`pos8583`), logs every
/// exchange, and prints the judgement when the POS has been quiet for 30 s.
pub fn run_host(_g: &Globals, args: &HostArgs) -> Result<Status> {
    let rules = match &args.rules {
        Some(p) => rules::Rules::load(p).map_err(|msg| Error::Config {
            path: p.display().to_string(),
            msg,
        })?,
        None => rules::Rules::default(),
    };
    let serial = args.listen.strip_prefix("serial:").or_else(|| {
        args.listen
            .starts_with("/dev/")
            .then_some(args.listen.as_str())
    });
    if let Some(target) = serial {
        return run_pos_host(target, rules, args);
    }
    let mut cfg = HostConfig::new(&args.listen, args.framing.into(), args.packing.into());
    cfg.rules = rules;
    cfg.log = Some(Arc::new(|line: &str| {
        println!("{} {line}", chrono::Local::now().format("%H:%M:%S%.3f"));
    }));
    let h = spawn_host_with(cfg)?;
    h.wait();
    Ok(Status::Passed)
}

fn run_pos_host(target: &str, rules: rules::Rules, args: &HostArgs) -> Result<Status> {
    let (path, baud) = match target.rsplit_once('@') {
        Some((p, b)) => (
            p,
            b.parse()
                .map_err(|_| Error::Usage(format!("bad baud rate in {target:?}")))?,
        ),
        None => (target, 9600),
    };
    let cfg = pos8583::PosHostConfig {
        rules,
        framing: args.framing.into(),
        packing: args.packing.into(),
        min_version: None,
        link: path.to_string(),
    };
    println!(
        "{} pos8583: playing host on {path} at {baud} baud (framing {}, packing {}); MACs are not verified",
        chrono::Local::now().format("%H:%M:%S%.3f"),
        cfg.framing.as_str(),
        cfg.packing.as_str()
    );
    let sink: crate::trace::FrameSink = Arc::new(|r: crate::trace::FrameRecord| {
        println!("{} {} {}", r.at, r.dir.arrow(), r.layers.join(" | "));
    });
    let session = pos8583::serve_serial(
        path,
        baud,
        cfg,
        &sink,
        std::time::Duration::from_secs(30),
        std::time::Instant::now() + std::time::Duration::from_secs(24 * 3600),
    )?;
    let findings = session.findings();
    for f in &findings {
        println!(
            "{} {:<20} {}",
            if f.ok {
                crate::model::Outcome::Pass
            } else {
                crate::model::Outcome::Fail
            },
            f.check,
            f.detail
        );
    }
    Ok(if findings.iter().all(|f| f.ok) {
        Status::Passed
    } else {
        Status::Failed
    })
}
