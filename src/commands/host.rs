//! `cardbench host`: the ISO 8583 acquirer host simulator over TCP, or the host for one POS on
//! its serial line (`pos8583`).

use super::Globals;
use crate::cli::HostArgs;
use crate::error::{Error, Result, Status};
use crate::host::acquirer::AcquirerConfig;
use crate::host::keys::KeyStore;
use crate::host::params::Params;
use crate::host::rules::Rules;
use crate::host::{pos8583, spawn_host_with, HostConfig};
use std::sync::Arc;

/// `cardbench host`. `--listen ADDR` serves TCP terminals; `--listen /dev/ttyUSB0` (or
/// `serial:PATH[@BAUD]`) plays host for one POS on its serial port (`pos8583`), logs every
/// exchange, and prints the judgement when the POS has been quiet for 30 s.
pub fn run(g: &Globals, args: &HostArgs) -> Result<Status> {
    let rules = match &args.rules {
        Some(p) => Rules::resolve(&p.to_string_lossy())?,
        None => Rules::default(),
    };
    let acquirer = acquirer_config(g.lang(), rules, args)?;
    let serial = args.listen.strip_prefix("serial:").or_else(|| {
        args.listen
            .starts_with("/dev/")
            .then_some(args.listen.as_str())
    });
    if let Some(target) = serial {
        return run_pos_host(target, acquirer, args);
    }
    let mut cfg = HostConfig::new(&args.listen, args.framing.into(), args.packing.into());
    cfg.acquirer = acquirer;
    cfg.idle_timeout = std::time::Duration::from_secs(args.idle_timeout);
    cfg.max_connections = usize::try_from(args.max_connections).unwrap_or(usize::MAX);
    cfg.max_per_peer = usize::try_from(args.max_per_peer).unwrap_or(usize::MAX);
    cfg.log = Some(Arc::new(|line: &str| {
        super::out(format!(
            "{} {line}",
            chrono::Local::now().format("%H:%M:%S%.3f")
        ));
    }));
    let h = spawn_host_with(cfg)?;
    h.wait();
    Ok(Status::Passed)
}

/// What the host answers with: the rules, the keys and parameters files (built-in test ones by
/// default); IC terminals on a CUPS link are asked for their downloads; the log lines are in
/// `lang`.
fn acquirer_config(
    lang: crate::i18n::Lang,
    rules: Rules,
    args: &HostArgs,
) -> Result<AcquirerConfig> {
    Ok(AcquirerConfig {
        rules,
        keys: KeyStore::resolve(args.pos.keys.as_deref().unwrap_or("test"))?,
        params: Params::resolve(args.pos.params.as_deref().unwrap_or("test"))?,
        push_downloads: args.packing == crate::cli::Packing::Cups,
        lang,
        ..AcquirerConfig::default()
    })
}

fn run_pos_host(target: &str, acquirer: AcquirerConfig, args: &HostArgs) -> Result<Status> {
    let (path, baud) = match target.rsplit_once('@') {
        Some((p, b)) => (
            p,
            b.parse()
                .ok()
                .filter(|b| crate::link::BAUD_RANGE.contains(b))
                .ok_or_else(|| {
                    let r = crate::link::BAUD_RANGE;
                    Error::Usage(format!(
                        "bad baud rate in {target:?}: give serial:PATH@BAUD with BAUD from {} to {}",
                        r.start(),
                        r.end()
                    ))
                })?,
        ),
        None => (target, 9600),
    };
    let cfg = pos8583::PosHostConfig {
        acquirer,
        framing: args.framing.into(),
        packing: args.packing.into(),
        min_version: None,
        link: path.to_string(),
    };
    super::out(format!(
        "{} pos8583: playing host on {path} at {baud} baud (framing {}, packing {}); MACs are checked once the POS has signed on",
        chrono::Local::now().format("%H:%M:%S%.3f"),
        cfg.framing.as_str(),
        cfg.packing.as_str()
    ));
    let sink: crate::trace::FrameSink = Arc::new(|r: crate::trace::FrameRecord| {
        super::out(format!(
            "{} {} {}",
            r.at,
            r.dir.arrow(),
            r.layers.join(" | ")
        ));
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
        super::out(format!(
            "{} {:<20} {}",
            if f.ok {
                crate::model::Outcome::Pass
            } else {
                crate::model::Outcome::Fail
            },
            f.check,
            f.detail
        ));
    }
    Ok(if findings.iter().all(|f| f.ok) {
        Status::Passed
    } else {
        Status::Failed
    })
}
