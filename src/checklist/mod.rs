//! The checklist engine: a reference-card step, then per card swipe / chip / network checks,
//! operator prompts with timeouts, retry and skip — run on one worker thread that owns the
//! device, talking to a UI (TUI or headless printer) over channels.

pub mod chip;
pub mod cmd;
pub mod engine;
pub mod net;

use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
use crate::i18n::Text;
use crate::model::{Attempt, DeviceInfo, Interface, Outcome, RunEnd};
use crate::trace::FrameRecord;
use std::path::PathBuf;

/// What the operator is asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAction {
    Swipe,
    Insert,
    Remove,
    /// Wait for the host step (no operator action; shown for information).
    Host,
}

/// An operator prompt, e.g. "Swipe card 3 of 12 — ICBC debit" / "请刷卡 — 第 3/12 张 工商银行借记卡".
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    pub card: usize,
    pub total: usize,
    pub action: PromptAction,
    /// The full sentence in both languages.
    pub text: Text,
    pub timeout_s: u64,
}

/// Events from the engine to whoever displays the run.
#[derive(Clone, Debug)]
pub enum BenchEvent {
    /// The device answered its identity command; the deck is loaded.
    Started {
        station: String,
        device: String,
        terminal: DeviceInfo,
        cards: Vec<CardSummary>,
        report_dir: PathBuf,
    },
    Prompt(Prompt),
    PromptCleared,
    /// One line of the link timeline (already masked).
    Frame(FrameRecord),
    /// One attempt recorded (already appended and synced to attempts.csv); `card` is the deck
    /// position, `None` for run-level steps (connect, echo).
    Attempt {
        card: Option<usize>,
        interface: Interface,
        outcome: Outcome,
        row: Box<Attempt>,
    },
    /// A note from the bench (retry, reconnect, skipped step…).
    Note(Text),
    DeviceLost(String),
    Reconnected,
    /// Conclusions so far (sent at the end, and after `ExportNow`).
    Diagnosis(Vec<Conclusion>),
    /// The run is over; reports are in `report_dir`.
    Finished {
        report_dir: PathBuf,
        all_passed: bool,
        end: RunEnd,
    },
    /// The run could not continue (the message says why); reports written so far are kept.
    Aborted(String),
}

/// Commands from the UI to the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchCommand {
    /// Space: confirm / next (e.g. the card is presented).
    Confirm,
    /// Retry the current step.
    Retry,
    /// Skip the current step.
    Skip,
    /// Write summaries and diagnosis now.
    ExportNow,
    /// Stop the run (summaries are still written).
    Abort,
}

/// Everything one run needs. Built by `run`, the TUI, `demo` and `batch`.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// Station name written in every row.
    pub station: String,
    /// Device address `PROFILE:TARGET` (see `device::DeviceAddress`).
    pub device: String,
    /// Deck file; `None` = the deck matching the device's default simulator scenario.
    pub deck: Option<PathBuf>,
    /// Acquirer host: `HOST:PORT`, `sim` or `sim:RULES.toml`; `None` = network steps SKIP.
    pub host: Option<String>,
    /// Report folder (created).
    pub out_dir: PathBuf,
    /// Swipes per card.
    pub swipes: u32,
    /// How long a prompt waits for the operator before it is recorded as timed out.
    pub prompt_timeout: std::time::Duration,
    /// Pause between steps so a person can follow (demo); zero for headless runs.
    pub step_pause: std::time::Duration,
    /// Excel-friendly CSV (UTF-8 BOM, CRLF).
    pub excel: bool,
    /// Extra BIN data (`--bins`).
    pub bins: Option<PathBuf>,
    pub lang: crate::i18n::Lang,
}

/// What a finished run leaves behind.
#[derive(Clone, Debug, Default)]
pub struct RunSummary {
    pub report_dir: PathBuf,
    /// Every expectation met (and the run complete).
    pub all_passed: bool,
    /// How the run ended; the rows recorded before an early end are kept.
    pub end: RunEnd,
    pub terminal: DeviceInfo,
    pub conclusions: Vec<Conclusion>,
    pub attempts: Vec<Attempt>,
}

/// A running checklist: events out, commands in, the worker thread.
pub struct RunHandle {
    pub events: std::sync::mpsc::Receiver<BenchEvent>,
    pub commands: std::sync::mpsc::Sender<BenchCommand>,
    pub thread: std::thread::JoinHandle<RunSummary>,
}

/// Starts a run on its own worker thread, which owns the device.
pub fn start(cfg: RunConfig) -> RunHandle {
    let opener = default_opener(&cfg);
    start_with(cfg, opener)
}

/// Starts a run with a custom way of opening the device (tests, embedding).
pub fn start_with(cfg: RunConfig, opener: engine::Opener) -> RunHandle {
    let (etx, erx) = std::sync::mpsc::channel();
    let (ctx, crx) = std::sync::mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("checklist".into())
        .spawn(move || engine::run(cfg, etx, crx, opener));
    let thread = match thread {
        Ok(t) => t,
        // Could not even start a thread: report it from a trivial one-shot thread.
        Err(e) => std::thread::spawn(move || RunSummary {
            end: RunEnd::CouldNotRun(format!("cannot start the worker thread: {e}")),
            ..RunSummary::default()
        }),
    };
    RunHandle {
        events: erx,
        commands: ctx,
        thread,
    }
}

/// Line speed for in-process simulators and serial ports when the address does not say
/// (`--baud`; tests use 115200 to keep wall time small). 0 = the profile's default.
static BAUD_OVERRIDE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Sets the line speed `start` opens devices with (0 = profile default). The environment
/// variable `CARDBENCH_BAUD` is used when this was never called.
pub fn set_baud_override(baud: u32) {
    BAUD_OVERRIDE.store(baud, std::sync::atomic::Ordering::Relaxed);
}

fn baud_override() -> Option<u32> {
    match BAUD_OVERRIDE.load(std::sync::atomic::Ordering::Relaxed) {
        0 => std::env::var("CARDBENCH_BAUD")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .filter(|b| *b > 0),
        b => Some(b),
    }
}

/// Opens `cfg.device` through the device layer (reopened the same way after a hang-up).
/// A `PROFILE:sim[:FILE]` address runs the simulator in-process on a pseudo-terminal; its
/// state (deck position) survives an unplug, as a real reader's cards would.
fn default_opener(cfg: &RunConfig) -> engine::Opener {
    let device = cfg.device.clone();
    let baud = baud_override();
    let mut sim: Option<std::sync::Arc<std::sync::Mutex<crate::sim::SimState>>> = None;
    Box::new(move |sink| {
        let addr = crate::device::DeviceAddress::parse(&device)?;
        let opts = crate::device::open::OpenOptions {
            baud,
            sink: Some(sink),
            ..crate::device::open::OpenOptions::default()
        };
        if let crate::device::Target::Sim(file) = &addr.target {
            return open_sim(&addr, file.as_deref(), &opts, &mut sim);
        }
        let opened = crate::device::open::open_device(&addr, &opts)?;
        let keep: Option<engine::Keepalive> = opened.sim.map(|s| Box::new(s) as engine::Keepalive);
        Ok((opened.device, keep))
    })
}

/// Keeps an in-process simulator session alive; dropping it stops the session.
struct SimSession {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    _slave: serialport::TTYPort,
}

impl Drop for SimSession {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn open_sim(
    addr: &crate::device::DeviceAddress,
    file: Option<&str>,
    opts: &crate::device::open::OpenOptions,
    state: &mut Option<std::sync::Arc<std::sync::Mutex<crate::sim::SimState>>>,
) -> Result<(Box<dyn crate::device::Device>, Option<engine::Keepalive>), crate::device::DeviceError>
{
    use crate::device::DeviceError;
    let kind = match addr.profile.as_str() {
        "msr605" => crate::cli::SimKind::Msr605,
        "crt310" => crate::cli::SimKind::Crt310,
        _ => {
            // Profiles without a simulator of ours: let the device layer say why.
            let o = crate::device::open::open_device(addr, opts)?;
            let keep: Option<engine::Keepalive> = o.sim.map(|s| Box::new(s) as engine::Keepalive);
            return Ok((o.device, keep));
        }
    };
    let open_err = |reason: String| DeviceError::Open {
        target: addr.to_string(),
        reason,
    };
    let st = match state {
        Some(s) => s.clone(),
        None => {
            let sc = match file {
                // A built-in scenario name or a file.
                Some(f) => crate::sim::scenario::Scenario::resolve(f)
                    .map_err(|e| open_err(e.to_string()))?,
                None => {
                    crate::sim::load_scenario(kind, None).map_err(|e| open_err(e.to_string()))?
                }
            };
            let s =
                std::sync::Arc::new(std::sync::Mutex::new(crate::sim::SimState::new(kind, &sc)));
            *state = Some(s.clone());
            s
        }
    };
    let (master, slave) = crate::link::pty_pair()
        .map_err(|e| open_err(format!("cannot open a pseudo-terminal: {e}")))?;
    let path = serialport::SerialPort::name(&slave)
        .ok_or_else(|| open_err("the pseudo-terminal has no name".into()))?;
    let sim_opts = crate::sim::SimOptions {
        baud: opts.baud.unwrap_or(9600),
        ..crate::sim::SimOptions::default()
    };
    let stop = sim_opts.stop.clone();
    let thread = std::thread::Builder::new()
        .name(format!("sim-{}", addr.profile))
        .spawn(move || {
            if let Ok(mut s) = st.lock() {
                // The session ends on stop or unplug; the master closes with it.
                let _ = s.serve(master, &sim_opts);
            }
        })
        .map_err(DeviceError::Io)?;
    let session = SimSession {
        stop,
        thread: Some(thread),
        _slave: slave,
    };
    let pty_addr = crate::device::DeviceAddress {
        profile: addr.profile.clone(),
        target: crate::device::Target::Serial(path),
    };
    let opened = crate::device::open::open_device(&pty_addr, opts)?;
    Ok((opened.device, Some(Box::new(session))))
}
