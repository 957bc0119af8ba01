//! `cardbench sim`: a device simulator on a pseudo-terminal (prints `PTY <path>` first), or the
//! POS simulator dialling a host. SIGTERM, SIGINT and SIGHUP stop it cleanly: the `--link`
//! name is removed before the process ends.

use super::Globals;
use crate::cli::SimArgs;
use crate::error::{Error, Result, Status};
use crate::i18n::{t, tr, Lang};
use crate::sim::pos::{PosScenario, PosSim};
use crate::sim::publish::PublishedLink;
use crate::sim::{SessionEnd, SimKind, SimOptions, SimState};
use std::io;
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Runs `sim`.
pub fn run(g: &Globals, args: &SimArgs) -> Result<Status> {
    let lang = g.lang();
    let stop = stop_on_signals()?;
    let mut link = args.link.as_deref().map(claim_link).transpose()?;
    let kind = SimKind::from(args.kind);
    if kind == SimKind::Pos {
        return run_pos(lang, args, &stop, link.as_mut());
    }
    let name = args.scenario.as_ref().map(|p| p.to_string_lossy());
    let scenario = crate::sim::load_scenario(kind, name.as_deref())?;
    let opts = SimOptions {
        baud: args.baud,
        stop: stop.clone(),
    };
    let replug = Duration::from_millis(scenario.device.faults.replug_after_ms);
    let mut state = SimState::new(kind, &scenario);
    while !opts.stopped() {
        let (master, slave) = crate::link::pty_pair()?;
        let path = serialport::SerialPort::name(&slave)
            .ok_or_else(|| io::Error::other("the pseudo-terminal has no name"))?;
        publish(link.as_mut(), &path)?;
        // A reader of stdout that went away (`| head -1`) must not stop the simulator.
        super::out(format!("PTY {path}"));
        let link_path = link.as_ref().map(|l| l.path().display().to_string());
        eprintln!(
            "{}",
            t!(
                lang,
                "devices-sim-serving",
                kind = kind.name(),
                name = scenario.scenario.name.as_str(),
                cards = scenario.cards.len(),
                baud = opts.baud,
                link = link_path.unwrap_or_else(|| "none".into())
            )
        );
        // The slave stays open here so a client closing its end does not hang up the master.
        let end = state.serve(master, &opts)?;
        // The stable name goes first, while this process still holds the pty: the kernel
        // cannot hand the pty's number to another program while the name points at it.
        if let Some(l) = link.as_mut() {
            l.remove();
        }
        drop(slave);
        match end {
            SessionEnd::Stopped => break,
            SessionEnd::Unplugged => {
                eprintln!("{}", tr(lang, "devices-sim-unplugged"));
                // Stays unplugged until stopped when the scenario never replugs.
                let wait = if replug.is_zero() {
                    Duration::MAX
                } else {
                    replug
                };
                if !sleep_unless_stopped(wait, &stop) {
                    break;
                }
                eprintln!("{}", tr(lang, "devices-sim-replugged"));
            }
        }
    }
    Ok(Status::Passed)
}

/// A stop flag that SIGTERM, SIGINT and SIGHUP set (a second SIGINT ends the process at
/// once, as a user pressing Ctrl-C twice expects).
pub(super) fn stop_on_signals() -> Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [SIGTERM, SIGINT, SIGHUP] {
        signal_hook::flag::register_conditional_shutdown(sig, 1, stop.clone())?;
        signal_hook::flag::register(sig, stop.clone())?;
    }
    Ok(stop)
}

fn claim_link(path: &Path) -> Result<PublishedLink> {
    PublishedLink::new(path).map_err(|source| Error::Link {
        path: path.to_path_buf(),
        source,
    })
}

fn publish(link: Option<&mut PublishedLink>, pty: &str) -> Result<()> {
    match link {
        Some(l) => l.point_at(pty).map_err(|source| Error::Link {
            path: l.path().to_path_buf(),
            source,
        }),
        None => Ok(()),
    }
}

/// Sleeps `d` in short steps; `false` when the stop flag was set meanwhile.
fn sleep_unless_stopped(d: Duration, stop: &AtomicBool) -> bool {
    let until = std::time::Instant::now().checked_add(d);
    while until.is_none_or(|u| std::time::Instant::now() < u) {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    !stop.load(Ordering::Relaxed)
}

/// Dials `addr`, retrying while nothing listens there yet (a QA line starts the host and the
/// terminals at once) for up to `wait`: 0.1 s between tries, doubling to 2 s. Other errors
/// (a bad address, no route) and the last refusal are returned as they are.
fn dial(addr: &str, wait: Duration, stop: &AtomicBool, lang: Lang) -> io::Result<TcpStream> {
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_millis(100);
    let mut said = false;
    loop {
        let e = match TcpStream::connect(addr) {
            Ok(s) => return Ok(s),
            Err(e) => e,
        };
        let not_yet = matches!(
            e.kind(),
            io::ErrorKind::ConnectionRefused | io::ErrorKind::TimedOut
        );
        let left = deadline.saturating_duration_since(Instant::now());
        if !not_yet || left.is_zero() || stop.load(Ordering::Relaxed) {
            return Err(e);
        }
        if !said {
            let secs = wait.as_secs();
            eprintln!(
                "{}",
                t!(
                    lang,
                    "devices-sim-pos-dialling",
                    addr = addr,
                    seconds = secs
                )
            );
            said = true;
        }
        std::thread::sleep(pause.min(left));
        pause = (pause * 2).min(Duration::from_secs(2));
    }
}

/// `cardbench sim pos`: prints `PTY <path>` (or dials `--connect HOST:PORT`), plays the deck
/// once, then keeps the pseudo-terminal open until stopped.
fn run_pos(
    lang: Lang,
    args: &SimArgs,
    stop: &AtomicBool,
    link: Option<&mut PublishedLink>,
) -> Result<Status> {
    let sc = match &args.scenario {
        // A built-in name (`pos-bench`, `pos-demo`) or a file, as `pos8583:sim:SCENARIO`.
        Some(p) => PosScenario::resolve(&p.to_string_lossy())?,
        None => PosScenario::builtin(),
    };
    let mut log = |l: String| {
        let line = crate::sensitive::redact_text(&l);
        eprintln!("{}", t!(lang, "devices-sim-pos-line", line = line));
    };
    if let Some(addr) = &args.connect {
        let wait = Duration::from_secs(args.connect_wait);
        let mut s = dial(addr, wait, stop, lang).map_err(|source| Error::Connect {
            addr: addr.clone(),
            source,
        })?;
        s.set_read_timeout(Some(Duration::from_millis(50)))?;
        let res = PosSim::new(&sc, crate::device::emv::pos_kernel)
            .play_in(lang, &mut s, stop, &mut log)?;
        return Ok(if res.iter().all(|r| r.rc.as_deref() == Some("00")) {
            Status::Passed
        } else {
            Status::Failed
        });
    }
    let (mut master, slave) = crate::link::pty_pair()?;
    let path = serialport::SerialPort::name(&slave)
        .ok_or_else(|| io::Error::other("the pseudo-terminal has no name"))?;
    publish(link, &path)?;
    super::out(format!("PTY {path}"));
    serialport::SerialPort::set_timeout(&mut master, Duration::from_millis(50))
        .map_err(io::Error::from)?;
    let mut sc = sc;
    if sc.pos.start_delay_ms == 0 {
        // Give the bench time to open the port.
        sc.pos.start_delay_ms = 2000;
    }
    PosSim::new(&sc, crate::device::emv::pos_kernel).play_in(lang, &mut master, stop, &mut log)?;
    eprintln!("{}", tr(lang, "devices-sim-pos-deck-done"));
    sleep_unless_stopped(Duration::MAX, stop);
    Ok(Status::Passed)
}
