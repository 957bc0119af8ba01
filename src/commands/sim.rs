//! `cardbench sim`: a device simulator on a pseudo-terminal (prints `PTY <path>` first), or the
//! POS simulator dialling a host.

use super::Globals;
use crate::cli::SimArgs;
use crate::error::{Error, Result, Status};
use crate::sim::pos::{PosScenario, PosSim};
use crate::sim::{SessionEnd, SimKind, SimOptions, SimState};
use std::io::{self, Write};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// Runs `sim`.
pub fn run(_g: &Globals, args: &SimArgs) -> Result<Status> {
    let kind = SimKind::from(args.kind);
    if kind == SimKind::Pos {
        return run_pos(args);
    }
    let name = args.scenario.as_ref().map(|p| p.to_string_lossy());
    let scenario = crate::sim::load_scenario(kind, name.as_deref())?;
    let opts = SimOptions {
        baud: args.baud,
        ..SimOptions::default()
    };
    let replug = Duration::from_millis(scenario.device.faults.replug_after_ms);
    let mut state = SimState::new(kind, &scenario);
    let mut stdout = io::stdout();
    loop {
        let (master, slave) = crate::link::pty_pair()?;
        let path = serialport::SerialPort::name(&slave)
            .ok_or_else(|| io::Error::other("the pseudo-terminal has no name"))?;
        if let Some(link) = &args.link {
            crate::sim::relink(link, &path).map_err(|source| Error::Link {
                path: link.clone(),
                source,
            })?;
        }
        // A reader of stdout that went away (`| head -1`) must not stop the simulator.
        let _ = writeln!(stdout, "PTY {path}").and_then(|_| stdout.flush());
        eprintln!(
            "cardbench sim {}: scenario {:?}, {} card(s), {} baud{}; serving until killed",
            kind.name(),
            scenario.scenario.name,
            scenario.cards.len(),
            opts.baud,
            args.link
                .as_ref()
                .map(|l| format!(", link {}", l.display()))
                .unwrap_or_default()
        );
        // The slave stays open here so a client closing its end does not hang up the master.
        let end = state.serve(master, &opts)?;
        drop(slave);
        match end {
            SessionEnd::Stopped => return Ok(Status::Passed),
            SessionEnd::Unplugged => {
                eprintln!("cardbench sim: unplugged (line closed)");
                if let Some(link) = &args.link {
                    // The stable name disappears with the device, as with udev.
                    let _ = std::fs::remove_file(link);
                }
                if replug.is_zero() {
                    // Stay unplugged until killed.
                    loop {
                        std::thread::sleep(Duration::from_secs(3600));
                    }
                }
                std::thread::sleep(replug);
                eprintln!("cardbench sim: replugged");
            }
        }
    }
}

/// `cardbench sim pos`: prints `PTY <path>` (or dials `--connect HOST:PORT`), plays the deck
/// once, then keeps the pseudo-terminal open until killed.
fn run_pos(args: &SimArgs) -> Result<Status> {
    let sc = match &args.scenario {
        Some(p) => PosScenario::load(p)?,
        None => PosScenario::builtin(),
    };
    let stop = AtomicBool::new(false);
    let mut log = |l: String| eprintln!("cardbench sim pos: {}", crate::sensitive::redact_text(&l));
    if let Some(addr) = &args.connect {
        let mut s = std::net::TcpStream::connect(addr).map_err(|source| Error::Connect {
            addr: addr.clone(),
            source,
        })?;
        s.set_read_timeout(Some(Duration::from_millis(50)))?;
        let res = PosSim::new(&sc).play(&mut s, &stop, &mut log)?;
        return Ok(if res.iter().all(|r| r.rc.as_deref() == Some("00")) {
            Status::Passed
        } else {
            Status::Failed
        });
    }
    let (mut master, slave) = crate::link::pty_pair()?;
    let path = serialport::SerialPort::name(&slave)
        .ok_or_else(|| io::Error::other("the pseudo-terminal has no name"))?;
    if let Some(link) = &args.link {
        crate::sim::relink(link, &path).map_err(|source| Error::Link {
            path: link.clone(),
            source,
        })?;
    }
    println!("PTY {path}");
    let _ = io::stdout().flush();
    serialport::SerialPort::set_timeout(&mut master, Duration::from_millis(50))
        .map_err(io::Error::from)?;
    let mut sc = sc;
    if sc.pos.start_delay_ms == 0 {
        // Give the bench time to open the port.
        sc.pos.start_delay_ms = 2000;
    }
    PosSim::new(&sc).play(&mut master, &stop, &mut log)?;
    eprintln!("cardbench sim pos: deck done; holding the line open until killed");
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}
