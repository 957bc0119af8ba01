//! The TUI's state and its one entry point `App::update(event) -> Option<Action>`: keys, ticks
//! and engine events come in, commands for the engine (or the main loop) go out. No terminal
//! here, so every behaviour is testable by feeding events.
//!
//! The state is split by concern: the run screen's data in [`super::run_view`], the start
//! screen's in [`super::start`], key handling in [`super::keys`]; this file holds what ties
//! them together (which screen, which panel has the focus, which overlay is open).

use super::run_view::{RunState, RunView};
use super::start::{Field, StartChoice, StartState};
use crate::checklist::{BenchCommand, BenchEvent};
use crate::i18n::{Lang, Text};
use ratatui::crossterm::event::KeyEvent;
use std::time::Duration;

/// How often the input thread sends `Tick` (drives the prompt countdown).
pub const TICK: Duration = Duration::from_millis(250);
/// Timeline lines kept (older lines fall off the front).
pub const TIMELINE_CAP: usize = 100_000;

/// Everything the main loop feeds into the app.
#[derive(Clone, Debug)]
pub enum AppEvent {
    Key(KeyEvent),
    Bench(BenchEvent),
    Tick,
    /// The terminal was resized (nothing to do: the next frame lays out again).
    Resize,
    /// The engine's event channel closed (its thread ended).
    EngineGone,
}

/// What the app asks the main loop to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Send this to the engine.
    Command(BenchCommand),
    /// Start a run with the start screen's choices.
    StartRun(StartChoice),
    /// Rescan serial ports (start screen).
    RescanPorts,
    /// Abort the run in progress, then quit.
    AbortAndQuit,
    /// Rewrite every report file now: through the engine while the run goes, from the
    /// finished run's record after it.
    Export,
    Quit,
}

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Start,
    Run,
}

/// Which run-screen panel the arrow keys move in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Matrix,
    Timeline,
    Diagnosis,
}

/// A window over the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    ConfirmQuit,
    /// Full decode of one timeline line (absolute sequence number).
    Frame(u64),
    /// Every attempt of one card.
    Card(usize),
    /// One conclusion with all its evidence.
    Conclusion(usize),
    /// A line of text typed for a start-screen setting (the text is in `App::input`).
    Input(Field),
}

/// The whole TUI state.
#[derive(Clone, Debug)]
pub struct App {
    pub lang: Lang,
    pub screen: Screen,
    pub start: StartState,
    pub run: RunView,
    pub focus: Focus,
    pub overlay: Overlay,
    /// Scroll offset inside the overlay.
    pub overlay_scroll: u16,
    /// Selected timeline line (absolute sequence number); `None` follows the newest line.
    pub selected_frame: Option<u64>,
    /// Selected matrix row; `None` follows the current card.
    pub selected_card: Option<usize>,
    pub selected_conclusion: usize,
    /// A one-line message (export requested, …).
    pub flash: Option<Text>,
    pub should_quit: bool,
    /// `q` pressed while a run was in progress and confirmed: waiting for the engine to stop.
    pub quitting: bool,
    /// The text being typed in the input overlay.
    pub input: String,
    /// The run was started from the start screen: `q` goes back there, not out.
    pub from_start: bool,
    /// A run started from the start screen was aborted: back to it once the engine stops.
    pub returning: bool,
    /// A recorded run reopened by `cardbench replay`: no engine behind it, and its folder is
    /// the colleague's evidence, so `e` (export) is neither offered nor acted on.
    pub replay: bool,
}

impl App {
    /// An app on the start screen.
    pub fn new(lang: Lang, start: StartState) -> Self {
        App {
            lang,
            screen: Screen::Start,
            start,
            run: RunView::new("", TIMELINE_CAP),
            focus: Focus::Matrix,
            overlay: Overlay::None,
            overlay_scroll: 0,
            selected_frame: None,
            selected_card: None,
            selected_conclusion: 0,
            flash: None,
            should_quit: false,
            quitting: false,
            input: String::new(),
            from_start: false,
            returning: false,
            replay: false,
        }
    }

    /// An app on the run screen for `device` (the engine is starting).
    pub fn for_run(lang: Lang, device: &str) -> Self {
        let mut app = App::new(lang, StartState::empty());
        app.begin_run(device);
        app
    }

    /// Switches to the run screen with a fresh view.
    pub fn begin_run(&mut self, device: &str) {
        self.run = RunView::new(device, self.run.timeline.capacity());
        self.screen = Screen::Run;
        self.focus = Focus::Matrix;
        self.overlay = Overlay::None;
        self.selected_frame = None;
        self.selected_card = None;
        self.selected_conclusion = 0;
        self.flash = None;
    }

    /// The matrix row to keep in view / highlight.
    pub fn focus_card(&self) -> Option<usize> {
        self.selected_card
            .or(self.run.prompt.as_ref().map(|p| p.card))
            .or(self.run.current_card)
    }

    /// Every report file was rewritten into `dir`: the status line says where.
    pub fn exported(&mut self, dir: &std::path::Path) {
        self.flash = Some(Text::tr_args(
            "report-written",
            &[("dir", dir.display().to_string().into())],
        ));
    }

    /// The one entry point: applies an event, returns what the main loop must do.
    pub fn update(&mut self, ev: AppEvent) -> Option<Action> {
        match ev {
            AppEvent::Key(k) => self.on_key(k),
            AppEvent::Bench(b) => {
                self.on_bench(b);
                if self.run.state.in_progress() {
                    return None;
                }
                self.engine_stopped()
            }
            AppEvent::Tick => {
                if self.run.prompt.is_some() {
                    self.run.prompt_elapsed += TICK;
                }
                None
            }
            AppEvent::Resize => None,
            AppEvent::EngineGone => {
                if self.run.state.in_progress() && self.screen == Screen::Run {
                    self.run.state =
                        RunState::Aborted(crate::i18n::Text::tr("run-end-engine-gone"));
                    self.run.prompt = None;
                }
                self.engine_stopped()
            }
        }
    }

    /// The engine stopped: quit, or go back to the start screen, if that was asked for.
    fn engine_stopped(&mut self) -> Option<Action> {
        if self.quitting {
            self.should_quit = true;
            return Some(Action::Quit);
        }
        if self.returning {
            self.back_to_start();
        }
        None
    }

    /// Back to the start screen (after a run started there ended or was aborted).
    pub fn back_to_start(&mut self) {
        self.screen = Screen::Start;
        self.overlay = Overlay::None;
        self.returning = false;
        self.flash = None;
    }

    fn on_bench(&mut self, ev: BenchEvent) {
        let finished = matches!(ev, BenchEvent::Finished { .. });
        if let BenchEvent::Exported(dir) = &ev {
            self.exported(dir);
        }
        self.run.apply(ev);
        if self.selected_conclusion >= self.run.conclusions.len() {
            self.selected_conclusion = 0;
        }
        // A finished run with conclusions opens on the diagnosis.
        if finished && !self.run.conclusions.is_empty() {
            self.focus = Focus::Diagnosis;
        }
    }
}
