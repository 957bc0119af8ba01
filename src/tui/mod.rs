//! The technician's screen: ratatui TUI (start screen, run screen) and `cardbench demo`.
//!
//! Layout: `app` (state + `update(event)`), `ui` (`impl Widget for &App`), `event` (input and
//! engine threads feeding one channel), `start` + `config` (the start screen and its remembered
//! choices), `ring` (the bounded timeline). The checklist engine runs on its own worker thread
//! (it owns the device); this module only shuttles events and commands.

pub mod app;
pub mod config;
pub mod event;
pub mod ring;
pub mod sample;
pub mod start;
pub mod ui;

use crate::checklist::{self, BenchCommand, RunConfig, RunSummary};
use crate::cli::DemoArgs;
use crate::error::{Error, Globals, Result, Status};
use crate::i18n::Lang;
use app::{Action, App, AppEvent};
use start::{StartChoice, StartState};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The demo's scenario, deck and host rules, built into the binary so `cardbench demo` works
/// from any folder.
pub const DEMO_SCENARIO: &str = include_str!("../../fixtures/scenarios/demo.toml");
pub const DEMO_DECK: &str = include_str!("../../fixtures/decks/demo.toml");
pub const DEMO_HOST: &str = include_str!("../../fixtures/hosts/demo.toml");

/// Pause after each step (one per card and interface): slow enough to watch every result land,
/// while the 8-card demo still finishes in about half a minute.
pub const DEMO_STEP_PAUSE: Duration = Duration::from_millis(1000);

/// `cardbench` / `cardbench tui`: the start screen, then the run screen.
pub fn run_tui(g: &Globals) -> Result<Status> {
    let _log = init_logging();
    let cfg_path = config::config_path();
    let cfg = match &cfg_path {
        Some(p) => config::load(p).unwrap_or_else(|e| {
            tracing::warn!("ignoring the config file: {e}");
            config::TuiConfig::default()
        }),
        None => config::TuiConfig::default(),
    };
    let lang = g
        .lang
        .or_else(|| cfg.lang.as_deref().and_then(Lang::parse))
        .unwrap_or_default();
    let mut start = StartState::with_ports(start::detect_ports(), &cfg, Path::new("."));
    start.config_path = cfg_path.clone();
    let app = App::new(lang, start);
    let ctx = LoopContext {
        globals: g.clone(),
        cfg_path,
        station: cfg.station.clone().unwrap_or_else(|| "bench-1".into()),
    };
    run_app(app, None, ctx)
}

/// `cardbench demo`: the run screen against the simulated terminal with the demo's faults.
pub fn run_demo(g: &Globals, args: &DemoArgs) -> Result<Status> {
    let _log = init_logging();
    let cfg = demo_config(g, args.scenario.as_deref(), args.out.clone())?;
    let lang = g.lang.unwrap_or_default();
    let status = run_with_logged(cfg, lang, g);
    // The simulator and host have read their copies by now; a leftover folder is harmless.
    let _ = std::fs::remove_dir_all(demo_inputs_dir_path());
    status
}

/// The run screen for an already-built configuration (`cardbench run` without `--headless`).
pub fn run_with(cfg: RunConfig, lang: Lang) -> Result<Status> {
    let _log = init_logging();
    run_with_logged(cfg, lang, &Globals::default())
}

fn run_with_logged(cfg: RunConfig, lang: Lang, g: &Globals) -> Result<Status> {
    let app = App::for_run(lang, &cfg.device);
    let ctx = LoopContext {
        globals: g.clone(),
        cfg_path: None,
        station: cfg.station.clone(),
    };
    run_app(app, Some(cfg), ctx)
}

/// Default report folder: `reports/<station>-<timestamp>`.
pub fn default_out_dir(station: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    PathBuf::from("reports").join(format!("{station}-{stamp}"))
}

/// The demo's run: the CRT-310 simulator with the demo scenario, the demo deck, the in-process
/// host with the demo rules, paced for a person to follow.
pub fn demo_config(g: &Globals, scenario: Option<&str>, out: Option<PathBuf>) -> Result<RunConfig> {
    let inputs = demo_inputs_dir()?;
    // Same layout as fixtures/, so the header reads `crt310:sim:…/scenarios/demo.toml`.
    let write = |kind: &str, text: &str| -> Result<PathBuf> {
        let dir = inputs.join(kind);
        std::fs::create_dir_all(&dir)?;
        let p = dir.join("demo.toml");
        std::fs::write(&p, text)?;
        Ok(p)
    };
    let scenario_path = write("scenarios", DEMO_SCENARIO)?;
    let deck_path = write("decks", DEMO_DECK)?;
    let host_path = write("hosts", DEMO_HOST)?;
    // Other scenarios run with the simulator's default deck (`deck = None`).
    let device = match scenario {
        None | Some("demo") => format!("crt310:sim:{}", scenario_path.display()),
        // The simulator's own default scenario.
        Some("crt310-default" | "default") => "crt310:sim".to_string(),
        Some(s) => {
            let named = Path::new("fixtures/scenarios").join(format!("{s}.toml"));
            let fault = Path::new("fixtures/scenarios/faults").join(format!("{s}.toml"));
            if Path::new(s).is_file() {
                format!("crt310:sim:{s}")
            } else if named.is_file() {
                format!("crt310:sim:{}", named.display())
            } else if fault.is_file() {
                format!("crt310:sim:{}", fault.display())
            } else {
                // Not found here: the run screen shows the simulator's own error.
                format!("crt310:sim:{s}")
            }
        }
    };
    // Another scenario runs alone: its own faults, the default deck, an approve-all host.
    let (deck, host) = match scenario {
        None | Some("demo") => (Some(deck_path), format!("sim:{}", host_path.display())),
        Some(_) => (None, "sim".to_string()),
    };
    Ok(RunConfig {
        station: "demo".into(),
        device,
        deck,
        host: Some(host),
        out_dir: out.unwrap_or_else(|| default_out_dir("demo")),
        swipes: 2,
        prompt_timeout: Duration::from_secs(30),
        step_pause: DEMO_STEP_PAUSE,
        excel: false,
        bins: g.bins.clone(),
        lang: g.lang.unwrap_or_default(),
    })
}

fn demo_inputs_dir_path() -> PathBuf {
    std::env::temp_dir().join(format!("cardbench-demo-{}", std::process::id()))
}

fn demo_inputs_dir() -> Result<PathBuf> {
    let dir = demo_inputs_dir_path();
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A run configuration from the start screen's choices.
fn config_from_choice(c: &StartChoice, ctx: &LoopContext, lang: Lang) -> Result<RunConfig> {
    if c.demo {
        return demo_config(&ctx.globals, None, None);
    }
    Ok(RunConfig {
        station: ctx.station.clone(),
        device: c.device.clone(),
        deck: c.deck.clone(),
        host: c.host.clone(),
        out_dir: default_out_dir(&ctx.station),
        swipes: 3,
        prompt_timeout: Duration::from_secs(60),
        step_pause: if c.device.contains(":sim") {
            DEMO_STEP_PAUSE
        } else {
            Duration::ZERO
        },
        excel: false,
        bins: ctx.globals.bins.clone(),
        lang,
    })
}

struct LoopContext {
    globals: Globals,
    cfg_path: Option<PathBuf>,
    station: String,
}

/// A started engine: where commands go, and its thread.
struct Engine {
    commands: Sender<BenchCommand>,
    thread: std::thread::JoinHandle<RunSummary>,
    out_dir: PathBuf,
}

fn start_engine(cfg: RunConfig, tx: &Sender<AppEvent>) -> Engine {
    let out_dir = cfg.out_dir.clone();
    tracing::info!(device = %cfg.device, out = %out_dir.display(), "starting run");
    let h = checklist::start(cfg);
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

fn run_app(mut app: App, run: Option<RunConfig>, ctx: LoopContext) -> Result<Status> {
    let (tx, rx) = mpsc::channel();
    let mut engine = run.map(|cfg| start_engine(cfg, &tx));
    let mut terminal = ratatui::try_init().map_err(|e| {
        Error::Other(format!(
            "cannot open the terminal UI ({e}); use `cardbench run --headless` without a terminal"
        ))
    })?;
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
        app::RunState::Finished { all_passed: true } => Ok(Status::Passed),
        app::RunState::Aborted(why) if app.run.cards.is_empty() => {
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
                        let cfg = config_from_choice(&choice, ctx, app.lang)?;
                        app.begin_run(&cfg.device);
                        *engine = Some(start_engine(cfg, tx));
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
