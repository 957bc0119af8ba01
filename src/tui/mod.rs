//! The technician's screen: ratatui TUI (start screen, run screen) and `cardbench demo`.
//!
//! Layout: `app` (state + `update(event)`), `ui` (`impl Widget for &App`), `event` (input and
//! engine threads feeding one channel), `start` + `config` (the start screen and its remembered
//! choices), `ring` (the bounded timeline). The checklist engine runs on its own worker thread
//! (it owns the device); this module only shuttles events and commands.

pub mod app;
pub mod config;
pub mod event;
mod keys;
pub mod ring;
pub mod run_view;
pub mod sample;
pub mod start;
pub mod ui;

use crate::checklist::{self, BenchCommand, Pacing, RunPlan, RunSummary};
use crate::error::{Error, Result, Status};
use crate::i18n::Lang;
use app::{Action, App, AppEvent};
use start::{StartChoice, StartState};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the start screen needs from the command line.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// `--lang`; `None` = the remembered language, else English.
    pub lang: Option<Lang>,
    /// Extra BIN data for the runs started here.
    pub bins: Option<PathBuf>,
}

/// `cardbench` / `cardbench tui`: the start screen, then the run screen.
pub fn run_start_screen(opts: &StartOptions) -> Result<Status> {
    let _log = init_logging();
    let cfg_path = config::config_path();
    let cfg = match &cfg_path {
        Some(p) => config::load(p).unwrap_or_else(|e| {
            tracing::warn!("ignoring the config file: {e}");
            config::TuiConfig::default()
        }),
        None => config::TuiConfig::default(),
    };
    let lang = opts
        .lang
        .or_else(|| cfg.lang.as_deref().and_then(Lang::parse))
        .unwrap_or_default();
    let mut start = StartState::with_ports(start::detect_ports(), &cfg, Path::new("."));
    start.config_path = cfg_path.clone();
    let app = App::new(lang, start);
    let ctx = LoopContext {
        bins: opts.bins.clone(),
        cfg_path,
        station: cfg
            .station
            .clone()
            .unwrap_or_else(|| crate::checklist::plan::DEFAULT_STATION.into()),
    };
    run_app(app, None, ctx)
}

/// The run screen for a plan (`cardbench run` without `--headless`, `cardbench demo`).
pub fn run_plan(plan: RunPlan) -> Result<Status> {
    let _log = init_logging();
    let app = App::for_run(plan.lang, &plan.device.to_string());
    let ctx = LoopContext {
        bins: plan.bins.clone(),
        cfg_path: None,
        station: plan.station.clone(),
    };
    run_app(app, Some(plan), ctx)
}

/// The demo's run: the CRT-310 simulator with the built-in demo scenario, deck and host rules,
/// paced for a person to follow. Another scenario (a built-in name or a file) runs alone: its
/// own faults, the simulator's deck and an approve-all host.
pub fn demo_plan(scenario: Option<&str>, out: Option<PathBuf>) -> Result<RunPlan> {
    let demo = matches!(scenario, None | Some("demo"));
    let target = match scenario {
        None | Some("demo") => Some("demo".to_string()),
        // The simulator's own default scenario.
        Some("crt310-default" | "default") => None,
        Some(s) => Some(find_scenario(s)),
    };
    let device = crate::device::DeviceAddress {
        profile: "crt310".into(),
        target: crate::device::Target::Sim(target),
    };
    let mut plan = RunPlan::defaults(device).with_station("demo");
    if let Some(o) = out {
        plan.out_dir = o;
    }
    plan.deck = demo.then(|| "demo".to_string());
    plan.host = Some(crate::host::HostSpec::Sim {
        rules: demo.then(|| "demo".to_string()),
        timeout: crate::host::SIM_REPLY_TIMEOUT,
    });
    plan.swipes = 2;
    plan.prompt_timeout = Duration::from_secs(30);
    plan.pacing = Pacing::Demo;
    Ok(plan)
}

/// A scenario name as the demo accepts it: a built-in name or a file as given, else a file of
/// that name under `fixtures/scenarios/` or `fixtures/scenarios/faults/` (from the source
/// tree). Not found: kept as given, and the run screen shows the simulator's own error.
fn find_scenario(s: &str) -> String {
    if crate::sim::scenario::Scenario::builtin(s).is_some() || Path::new(s).is_file() {
        return s.to_string();
    }
    ["fixtures/scenarios", "fixtures/scenarios/faults"]
        .iter()
        .map(|d| Path::new(d).join(format!("{s}.toml")))
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| s.to_string())
}

/// A run plan from the start screen's choices.
fn plan_from_choice(c: &StartChoice, ctx: &LoopContext, lang: Lang) -> Result<RunPlan> {
    if c.demo {
        let mut plan = demo_plan(None, None)?;
        plan.lang = lang;
        plan.bins = ctx.bins.clone();
        return Ok(plan);
    }
    let device = crate::device::DeviceAddress::parse(&c.device)?;
    let mut plan = RunPlan::defaults(device).with_station(&ctx.station);
    plan.deck = c.deck.as_ref().map(|d| d.to_string_lossy().into_owned());
    plan.host = c
        .host
        .as_deref()
        .map(crate::host::HostSpec::parse)
        .transpose()?;
    if plan.is_simulated() {
        plan.pacing = Pacing::Demo;
    }
    plan.bins = ctx.bins.clone();
    plan.lang = lang;
    Ok(plan)
}

struct LoopContext {
    bins: Option<PathBuf>,
    cfg_path: Option<PathBuf>,
    station: String,
}

/// A started engine: where commands go, and its thread.
struct Engine {
    commands: Sender<BenchCommand>,
    thread: std::thread::JoinHandle<RunSummary>,
    out_dir: PathBuf,
}

fn start_engine(plan: RunPlan, tx: &Sender<AppEvent>) -> Engine {
    let out_dir = plan.out_dir.clone();
    tracing::info!(device = %plan.device, out = %out_dir.display(), "starting run");
    let h = checklist::start(plan);
    event::spawn_bench_forwarder(h.events, tx.clone());
    Engine {
        commands: h.commands,
        thread: h.thread,
        out_dir,
    }
}

/// Restores the terminal when dropped (normal exit and `?` paths; panics go through the hook
/// `ratatui::init` installs).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

fn run_app(mut app: App, run: Option<RunPlan>, ctx: LoopContext) -> Result<Status> {
    let (tx, rx) = mpsc::channel();
    let mut engine = run.map(|cfg| start_engine(cfg, &tx));
    let mut terminal = ratatui::try_init().map_err(Error::Terminal)?;
    let guard = TerminalGuard;
    let stop = Arc::new(AtomicBool::new(false));
    let input = event::spawn_input(tx.clone(), stop.clone());
    let result = event_loop(&mut terminal, &mut app, &rx, &tx, &mut engine, &ctx);
    stop.store(true, Ordering::Relaxed);
    drop(guard);
    // The input thread wakes within one tick; nothing to recover if it panicked.
    let _ = input.join();
    result?;
    finish(app, engine)
}

/// After the screen is gone: name the report folder and turn the run into an exit status.
fn finish(app: App, engine: Option<Engine>) -> Result<Status> {
    let Some(engine) = engine else {
        return Ok(Status::Passed);
    };
    let summary = if engine.thread.is_finished() {
        engine.thread.join().ok()
    } else {
        None
    };
    let dir = app
        .run
        .report_dir
        .clone()
        .or_else(|| summary.as_ref().map(|s| s.report_dir.clone()))
        .unwrap_or(engine.out_dir);
    println!("Reports: {}", dir.display());
    if let Some(s) = &summary {
        if let crate::model::RunEnd::CouldNotRun(why) = &s.end {
            return Err(Error::CouldNotRun(why.clone()));
        }
        return Ok(if s.all_passed {
            Status::Passed
        } else {
            Status::Failed
        });
    }
    match &app.run.state {
        run_view::RunState::Finished { all_passed: true } => Ok(Status::Passed),
        run_view::RunState::Aborted(why) if app.run.cards.is_empty() => {
            Err(Error::CouldNotRun(why.clone()))
        }
        _ => Ok(Status::Failed),
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &Receiver<AppEvent>,
    tx: &Sender<AppEvent>,
    engine: &mut Option<Engine>,
    ctx: &LoopContext,
) -> Result<()> {
    let mut quit_deadline: Option<Instant> = None;
    loop {
        terminal.draw(|f| f.render_widget(&*app, f.area()))?;
        let first = match rx.recv_timeout(Duration::from_millis(500)) {
            Ok(ev) => Some(ev),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Drain what is queued (a burst of frames) before drawing again, within a frame budget.
        let budget = Instant::now() + Duration::from_millis(30);
        let mut next = first;
        while let Some(ev) = next {
            if let Some(action) = app.update(ev) {
                match action {
                    Action::Quit => return Ok(()),
                    Action::Command(c) => {
                        if let Some(e) = engine.as_ref() {
                            // The engine may have finished already; a late key is harmless.
                            let _ = e.commands.send(c);
                        }
                    }
                    Action::AbortAndQuit => match engine.as_ref() {
                        Some(e) => {
                            let _ = e.commands.send(BenchCommand::Abort);
                            quit_deadline = Some(Instant::now() + Duration::from_secs(5));
                        }
                        None => return Ok(()),
                    },
                    Action::RescanPorts => app.start.set_ports(start::detect_ports()),
                    Action::StartRun(choice) => {
                        remember(&choice, app.lang, ctx);
                        let plan = plan_from_choice(&choice, ctx, app.lang)?;
                        app.begin_run(&plan.device.to_string());
                        *engine = Some(start_engine(plan, tx));
                    }
                }
            }
            if app.should_quit {
                return Ok(());
            }
            if Instant::now() >= budget {
                break;
            }
            next = rx.try_recv().ok();
        }
        if quit_deadline.is_some_and(|d| Instant::now() >= d) {
            tracing::warn!("the engine did not stop within 5 s of Abort; quitting anyway");
            return Ok(());
        }
    }
}

fn remember(choice: &StartChoice, lang: Lang, ctx: &LoopContext) {
    let Some(path) = &ctx.cfg_path else { return };
    let mut cfg = config::load(path).unwrap_or_default();
    cfg.lang = Some(lang.code().to_string());
    cfg.device = Some(choice.device.clone());
    cfg.profile = Some(choice.profile.clone());
    if !choice.demo {
        cfg.deck = choice.deck.clone();
        cfg.host = choice.host.clone();
    }
    if let Err(e) = config::save(path, &cfg) {
        tracing::warn!("cannot save {}: {e}", path.display());
    }
}

/// Logs go to a file, never onto the screen: `$CARDBENCH_LOG_DIR` or the user's data folder.
fn init_logging() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = std::env::var_os("CARDBENCH_LOG_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "cardbench")
                .map(|d| d.data_local_dir().join("logs"))
        })
        .unwrap_or_else(|| std::env::temp_dir().join("cardbench-logs"));
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::never(&dir, "tui.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("CARDBENCH_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
