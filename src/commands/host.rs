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
use crate::i18n::{t, Lang};
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
        return run_pos_host(g.lang(), target, acquirer, args);
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
    let stop = super::sim::stop_on_signals()?;
    let h = spawn_host_with(cfg)?;
    // SIGTERM or Ctrl-C ends it cleanly (exit 0, as `sim`): dropping the handle stops the
    // listener and its connections.
    while h.is_running() && !stop.load(std::sync::atomic::Ordering::Relaxed) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(h);
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

/// The host for one POS on a serial line: its lines and judgement in `lang`.
fn run_pos_host(
    lang: Lang,
    target: &str,
    acquirer: AcquirerConfig,
    args: &HostArgs,
) -> Result<Status> {
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
        stop: Some(super::sim::stop_on_signals()?),
    };
    // The port first: a bad one is said (with its path) before "playing host on" it.
    let mut port = pos8583::open_serial(path, baud).map_err(|e| {
        Error::Device(crate::device::DeviceError::Open {
            target: path.to_string(),
            reason: crate::device::open::open_reason(&e),
        })
    })?;
    let playing = t!(
        lang,
        "host-pos-serial-playing",
        path = path,
        baud = baud,
        framing = cfg.framing.as_str(),
        packing = cfg.packing.as_str()
    );
    super::out(format!(
        "{} {playing}",
        chrono::Local::now().format("%H:%M:%S%.3f")
    ));
    // Each frame's layers as the decoder wrote them in `lang` (the English ones when it wrote
    // no Chinese).
    let sink: crate::trace::FrameSink = Arc::new(move |r: crate::trace::FrameRecord| {
        let layers = match lang {
            Lang::ZhCn if !r.layers_zh.is_empty() => &r.layers_zh,
            _ => &r.layers,
        };
        super::out(format!("{} {} {}", r.at, r.dir.arrow(), layers.join(" | ")));
    });
    let mut session = pos8583::PosSession::new(cfg);
    session.serve(
        &mut port,
        &sink,
        std::time::Duration::from_secs(30),
        std::time::Instant::now() + std::time::Duration::from_secs(24 * 3600),
    )?;
    let findings = session.findings();
    for f in &findings {
        let outcome = if f.ok {
            crate::model::Outcome::Pass
        } else {
            crate::model::Outcome::Fail
        };
        super::out(format!(
            "{} {} {}",
            outcome.name(lang),
            crate::text::pad(&f.check_name(lang), 20),
            f.detail.get(lang)
        ));
    }
    Ok(if findings.iter().all(|f| f.ok) {
        Status::Passed
    } else {
        Status::Failed
    })
}
