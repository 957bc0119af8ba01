//! The technician's screen: ratatui TUI (start screen, run screen) and `cardbench demo`.
//!
//! Layout, serie-style: state in `app` (screens, focus, overlays, `update(event)`), `run_view`
//! (the run's data), `start` + `config` (the start screen and its remembered choices), `keys`
//! (what each key does) and `ring` (the bounded timeline); drawing in `ui/`, one file per
//! screen, panel and overlay; `event` (input and engine threads feeding one channel);
//! `session` (the main loop and the running run) and `plans` (run plans from the demo and the
//! start screen). The checklist engine runs on its own worker thread (it owns the device);
//! this module only shuttles events and commands.

pub mod app;
pub mod config;
pub mod event;
mod keys;
mod plans;
pub mod replay;
pub mod ring;
pub mod run_view;
pub mod sample;
mod session;
pub mod start;
pub mod ui;

pub use plans::{demo_plan, pos_demo_plan};

use crate::checklist::RunPlan;
use crate::error::Result;
use crate::error::Status;
use crate::i18n::Lang;
use app::App;
use start::StartState;
use std::path::{Path, PathBuf};

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
        .unwrap_or_else(Lang::from_env);
    let mut start = StartState::with_ports(start::detect_ports(), &cfg, Path::new("."));
    start.config_path = cfg_path.clone();
    let app = App::new(lang, start);
    let ctx = session::LoopContext {
        bins: opts.bins.clone(),
        cfg_path,
        station: cfg
            .station
            .clone()
            .unwrap_or_else(|| crate::checklist::plan::DEFAULT_STATION.into()),
    };
    session::run_app(app, None, ctx)
}

/// The run screen for a plan (`cardbench run` without `--headless`, `cardbench demo`).
pub fn run_plan(plan: RunPlan) -> Result<Status> {
    let _log = init_logging();
    let app = App::for_run(plan.lang, &plan.device.to_string());
    let ctx = session::LoopContext {
        bins: plan.bins.clone(),
        cfg_path: None,
        station: plan.station.clone(),
    };
    session::run_app(app, Some(plan), ctx)
}

/// The run screen of a prepared app with no run behind it (a replay): until the operator quits.
pub(crate) fn run_app_for(app: App) -> Result<Status> {
    let _log = init_logging();
    let ctx = session::LoopContext {
        bins: None,
        cfg_path: None,
        station: String::new(),
    };
    session::run_app(app, None, ctx)
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
