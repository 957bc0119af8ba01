//! The screen's main loop: draws `&App`, feeds it the one channel's events in bursts within a
//! frame budget, carries out its actions (commands to the running run, start a run, rescan
//! ports, quit) and restores the terminal however it ends.

use super::app::{Action, App, AppEvent};
use super::plans::plan_from_choice;
use super::{config, event, run_view, start};
use crate::checklist::{self, BenchCommand, RunPlan, RunSummary};
use crate::error::{Error, Result, Status};
use crate::i18n::Lang;
use start::StartChoice;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the main loop needs besides the app: BIN data, where choices are remembered, the
/// station name.
pub(super) struct LoopContext {
    pub bins: Option<PathBuf>,
    pub cfg_path: Option<PathBuf>,
    pub station: String,
}

/// A run in progress on its engine thread: where commands go, its thread, its report folder.
/// (Named apart from `checklist::engine::Engine`, the loop inside that thread.)
struct RunningRun {
    commands: Sender<BenchCommand>,
    /// The engine thread until it is joined (then its summary is in `summary`).
    thread: Option<std::thread::JoinHandle<RunSummary>>,
    summary: Option<RunSummary>,
    out_dir: PathBuf,
}

impl RunningRun {
    /// The run's summary once its engine thread has ended (joined on first ask).
    fn summary(&mut self) -> Option<&mut RunSummary> {
        if self.thread.as_ref().is_some_and(|t| t.is_finished()) {
            if let Some(t) = self.thread.take() {
                self.summary = t.join().ok();
            }
        }
        self.summary.as_mut()
    }

    /// `e`: while the engine runs it writes the reports (and answers `Exported`); after it,
    /// the finished run's reports are rewritten here from its record.
    fn export(&mut self, app: &mut App) {
        if self.thread.is_some() && self.summary().is_none() {
            let _ = self.commands.send(BenchCommand::ExportNow);
            return;
        }
        let Some(s) = self.summary() else { return };
        let dir = s.report_dir.clone();
        match s.report.write_all(&dir) {
            Ok(_) => app.exported(&dir),
            Err(e) => {
                tracing::warn!("export failed: {e}");
                app.flash = Some(crate::i18n::Text::new(
                    format!("export failed: {e}"),
                    format!("导出失败：{e}"),
                ));
            }
        }
    }
}

fn start_run(plan: RunPlan, tx: &Sender<AppEvent>) -> RunningRun {
    let out_dir = plan.out_dir.clone();
    tracing::info!(device = %plan.device, out = %out_dir.display(), "starting run");
    let h = checklist::start(plan);
    event::spawn_bench_forwarder(h.events, tx.clone());
    RunningRun {
        commands: h.commands,
        thread: Some(h.thread),
        summary: None,
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

/// Runs the screen until the operator quits; then names the report folder and returns the
/// run's exit status.
pub(super) fn run_app(mut app: App, run: Option<RunPlan>, ctx: LoopContext) -> Result<Status> {
    let (tx, rx) = mpsc::channel();
    let mut running = run.map(|plan| start_run(plan, &tx));
    let mut terminal = ratatui::try_init().map_err(Error::Terminal)?;
    let guard = TerminalGuard;
    let stop = Arc::new(AtomicBool::new(false));
    let input = event::spawn_input(tx.clone(), stop.clone());
    let result = event_loop(&mut terminal, &mut app, &rx, &tx, &mut running, &ctx);
    stop.store(true, Ordering::Relaxed);
    drop(guard);
    // The input thread wakes within one tick; nothing to recover if it panicked.
    let _ = input.join();
    result?;
    finish(app, running)
}

/// The line naming the report folder after the screen is gone (`Reports: reports/demo-…`),
/// in the screen's last language.
fn reports_line(dir: &std::path::Path, lang: Lang) -> String {
    crate::i18n::t!(lang, "tui-reports-line", dir = dir.display().to_string()).into_owned()
}

/// After the screen is gone: name the report folder and turn the run into an exit status.
fn finish(app: App, running: Option<RunningRun>) -> Result<Status> {
    let Some(mut running) = running else {
        return Ok(Status::Passed);
    };
    let summary = running.summary().cloned();
    let dir = app
        .run
        .report_dir
        .clone()
        .or_else(|| summary.as_ref().map(|s| s.report_dir.clone()))
        .unwrap_or(running.out_dir);
    // A closed stdout (`| head`) must not turn a finished run into a panic.
    let _ = writeln!(std::io::stdout(), "{}", reports_line(&dir, app.lang));
    if let Some(s) = &summary {
        return Status::of_run(s);
    }
    match &app.run.state {
        run_view::RunState::Finished { all_passed: true } => Ok(Status::Passed),
        run_view::RunState::Aborted(why) if app.run.cards.is_empty() => {
            Err(Error::CouldNotRun(why.clone()))
        }
        _ => Ok(Status::Failed),
    }
}

/// What the main loop carries from one action to the next.
struct Session<'a> {
    tx: &'a Sender<AppEvent>,
    run: &'a mut Option<RunningRun>,
    ctx: &'a LoopContext,
    /// Set when Abort was sent on the way out: past it, quit even if the engine has not
    /// stopped.
    quit_deadline: Option<Instant>,
}

impl Session<'_> {
    /// Carries out one of the app's actions; `Ok(true)` ends the loop.
    fn perform(&mut self, app: &mut App, action: Action) -> Result<bool> {
        match action {
            Action::Quit => return Ok(true),
            Action::Command(c) => {
                if let Some(r) = self.run.as_ref() {
                    // The engine may have finished already; a late key is harmless.
                    let _ = r.commands.send(c);
                }
            }
            Action::Export => match self.run.as_mut() {
                Some(r) => r.export(app),
                // A replay has no run behind it: the recorded folder is left as it is.
                None => app.flash = None,
            },
            Action::AbortAndQuit => match self.run.as_ref() {
                Some(r) => {
                    let _ = r.commands.send(BenchCommand::Abort);
                    self.quit_deadline = Some(Instant::now() + Duration::from_secs(5));
                }
                None => return Ok(true),
            },
            Action::RescanPorts => app.start.set_ports(start::detect_ports()),
            Action::StartRun(choice) => {
                let ctx = self.ctx;
                remember(&choice, app.lang, ctx);
                let plan =
                    match plan_from_choice(&choice, &ctx.station, ctx.bins.as_ref(), app.lang) {
                        Ok(p) => p,
                        Err(e) => {
                            // A bad address or host typed on the start screen: say so there.
                            app.flash = Some(crate::i18n::Text::each(|lang| e.text(lang)));
                            return Ok(false);
                        }
                    };
                app.begin_run(&plan.device.to_string());
                app.from_start = true;
                *self.run = Some(start_run(plan, self.tx));
            }
        }
        Ok(false)
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &Receiver<AppEvent>,
    tx: &Sender<AppEvent>,
    run: &mut Option<RunningRun>,
    ctx: &LoopContext,
) -> Result<()> {
    let mut session = Session {
        tx,
        run,
        ctx,
        quit_deadline: None,
    };
    // SIGTERM (and SIGINT from outside; in raw mode Ctrl-C is a key): stop the run the way
    // Ctrl-C does, then quit once the engine has written the reports.
    let signals = checklist::StopSignals::install(false);
    let mut signalled = false;
    loop {
        if signals.raised() && !signalled {
            signalled = true;
            if let Some(action) = app.interrupt() {
                if session.perform(app, action)? {
                    return Ok(());
                }
            }
        }
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
                if session.perform(app, action)? {
                    return Ok(());
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
        if session.quit_deadline.is_some_and(|d| Instant::now() >= d) {
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
    cfg.station = Some(choice.station.clone()).filter(|s| !s.is_empty());
    cfg.operator = Some(choice.operator.clone()).filter(|s| !s.is_empty());
    cfg.ticket = Some(choice.ticket.clone()).filter(|s| !s.is_empty());
    cfg.out = choice.out.clone();
    if let Err(e) = config::save(path, &cfg) {
        tracing::warn!("cannot save {}: {e}", path.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Breaker, session 7: the line after quitting was English in zh-CN.
    #[test]
    fn reports_line_in_each_language() {
        let dir = std::path::Path::new("reports/dm2");
        assert_eq!(reports_line(dir, Lang::En), "Reports: reports/dm2");
        assert_eq!(reports_line(dir, Lang::ZhCn), "报告目录：reports/dm2");
    }
}
