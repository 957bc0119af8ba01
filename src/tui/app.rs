//! The TUI's state and its one entry point `App::update(event) -> Option<Action>`: keys, ticks
//! and engine events come in, commands for the engine (or the main loop) go out. No terminal
//! here, so every behaviour is testable by feeding events.

use super::ring::Ring;
use super::start::{StartChoice, StartState};
use crate::checklist::{BenchCommand, BenchEvent, Prompt, PromptAction};
use crate::deck::CardSummary;
use crate::diagnosis::Conclusion;
use crate::i18n::{Lang, Text};
use crate::model::{Attempt, DeviceInfo, Interface, Outcome};
use crate::sensitive::redact_text;
use crate::trace::FrameRecord;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// How often the input thread sends `Tick` (drives the prompt countdown).
pub const TICK: Duration = Duration::from_millis(250);
/// Timeline lines kept (older lines fall off the front).
pub const TIMELINE_CAP: usize = 100_000;
/// Before `Started` arrives, attempts for card indexes below this still get a matrix row.
const MAX_ADHOC_CARDS: usize = 10_000;
/// Host latencies kept for the sparkline.
const LATENCY_CAP: usize = 1_000;

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
}

/// Where the run stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunState {
    /// Engine started, identity not known yet.
    Connecting,
    Running,
    Finished {
        all_passed: bool,
    },
    Aborted(String),
}

impl RunState {
    pub fn in_progress(&self) -> bool {
        matches!(self, RunState::Connecting | RunState::Running)
    }
}

/// Outcome counts of one card on one interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CellCounts {
    pub pass: u32,
    pub fail: u32,
    pub skip: u32,
    pub error: u32,
}

impl CellCounts {
    fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Pass => self.pass += 1,
            Outcome::Fail => self.fail += 1,
            Outcome::Skip => self.skip += 1,
            Outcome::Error => self.error += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.pass + self.fail + self.skip + self.error
    }

    /// The cell's verdict: any failure wins, then errors, then passes, then skips.
    pub fn verdict(&self) -> Option<Outcome> {
        if self.fail > 0 {
            Some(Outcome::Fail)
        } else if self.error > 0 {
            Some(Outcome::Error)
        } else if self.pass > 0 {
            Some(Outcome::Pass)
        } else if self.skip > 0 {
            Some(Outcome::Skip)
        } else {
            None
        }
    }
}

/// Failures per issuing bank (the bar chart).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankStat {
    pub name: Text,
    pub attempts: u32,
    pub failures: u32,
    /// Cards of this bank with at least one judged attempt.
    pub cards: u32,
    /// Cards of this bank with at least one FAIL or ERROR.
    pub failed_cards: u32,
}

/// The run screen's data, fed by engine events.
#[derive(Clone, Debug)]
pub struct RunView {
    pub state: RunState,
    pub station: String,
    pub device: String,
    pub terminal: DeviceInfo,
    pub cards: Vec<CardSummary>,
    pub report_dir: Option<PathBuf>,
    /// Per card: counts for swipe, chip, network.
    pub cells: Vec<[CellCounts; 3]>,
    /// Per card: the attempt rows (already masked by the engine).
    pub attempts: Vec<Vec<Attempt>>,
    /// Attempts about the run, not a card (the host echo test).
    pub run_attempts: Vec<Attempt>,
    pub prompt: Option<Prompt>,
    /// Time the current prompt has been shown (ticks).
    pub prompt_elapsed: Duration,
    /// The card the engine worked on last.
    pub current_card: Option<usize>,
    pub timeline: Ring<FrameRecord>,
    pub banks: Vec<BankStat>,
    bank_index: HashMap<String, usize>,
    /// Per card: (counted for its bank, counted as failed).
    card_seen: Vec<(bool, bool)>,
    pub latencies: Vec<u64>,
    pub conclusions: Vec<Conclusion>,
    pub notes: Ring<Text>,
    pub device_lost: Option<String>,
    pub attempts_total: u32,
    pub failures_total: u32,
    /// Widest card label (display columns) in English and Chinese, measured once at `Started`.
    pub label_width: [usize; 2],
}

impl RunView {
    pub fn new(device: &str, timeline_cap: usize) -> Self {
        RunView {
            state: RunState::Connecting,
            station: String::new(),
            device: device.to_string(),
            terminal: DeviceInfo::default(),
            cards: Vec::new(),
            report_dir: None,
            cells: Vec::new(),
            attempts: Vec::new(),
            run_attempts: Vec::new(),
            prompt: None,
            prompt_elapsed: Duration::ZERO,
            current_card: None,
            timeline: Ring::new(timeline_cap),
            banks: Vec::new(),
            bank_index: HashMap::new(),
            card_seen: Vec::new(),
            latencies: Vec::new(),
            conclusions: Vec::new(),
            notes: Ring::new(64),
            device_lost: None,
            attempts_total: 0,
            failures_total: 0,
            label_width: [0, 0],
        }
    }

    /// Cards with at least one attempt.
    pub fn cards_done(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| c.iter().any(|x| x.total() > 0))
            .count()
    }

    fn ensure_card(&mut self, card: usize) {
        if self.cells.len() <= card {
            self.cells.resize(card + 1, [CellCounts::default(); 3]);
            self.attempts.resize(card + 1, Vec::new());
        }
        if self.card_seen.len() <= card {
            self.card_seen.resize(card + 1, (false, false));
        }
    }

    fn bank_of(&self, card: usize, row: &Attempt) -> Text {
        match self.cards.get(card) {
            Some(c) if !c.bank.en.is_empty() || !c.bank.zh.is_empty() => c.bank.clone(),
            _ if !row.bank.is_empty() => Text::same(row.bank.clone()),
            // Non-bank cards (Visa, Mastercard test cards) are grouped by scheme.
            Some(c) if !c.scheme.is_empty() => Text::same(c.scheme.clone()),
            _ if !row.scheme.is_empty() => Text::same(row.scheme.clone()),
            _ => Text::new("unknown bank", "未知银行"),
        }
    }

    fn record_attempt(
        &mut self,
        card: Option<usize>,
        interface: Interface,
        outcome: Outcome,
        row: Attempt,
    ) {
        // Run-level attempts (the echo test) carry no card; an index past the deck is treated
        // the same way rather than growing the matrix.
        let in_deck = card
            .filter(|&c| c < self.cards.len() || (self.cards.is_empty() && c < MAX_ADHOC_CARDS));
        if let Some(card) = in_deck {
            self.ensure_card(card);
            let col = interface_col(interface);
            if let Some(cells) = self.cells.get_mut(card) {
                cells[col].add(outcome);
            }
        }
        let failed = matches!(outcome, Outcome::Fail | Outcome::Error);
        self.attempts_total += 1;
        if failed {
            self.failures_total += 1;
        }
        if interface == Interface::Network {
            if let Some(ms) = row.latency_ms {
                if self.latencies.len() == LATENCY_CAP {
                    self.latencies.remove(0);
                }
                self.latencies.push(ms);
            }
        }
        let Some(card) = in_deck else {
            self.run_attempts.push(row);
            return;
        };
        if outcome != Outcome::Skip {
            let bank = self.bank_of(card, &row);
            let idx = match self.bank_index.get(&bank.en) {
                Some(i) => *i,
                None => {
                    self.banks.push(BankStat {
                        name: bank.clone(),
                        attempts: 0,
                        failures: 0,
                        cards: 0,
                        failed_cards: 0,
                    });
                    self.bank_index
                        .insert(bank.en.clone(), self.banks.len() - 1);
                    self.banks.len() - 1
                }
            };
            let seen = self.card_seen.get(card).copied().unwrap_or_default();
            if let Some(b) = self.banks.get_mut(idx) {
                b.attempts += 1;
                if failed {
                    b.failures += 1;
                }
                if !seen.0 {
                    b.cards += 1;
                }
                if failed && !seen.1 {
                    b.failed_cards += 1;
                }
            }
            if let Some(x) = self.card_seen.get_mut(card) {
                *x = (true, seen.1 || failed);
            }
        }
        self.current_card = Some(card);
        if let Some(list) = self.attempts.get_mut(card) {
            list.push(row);
        }
    }
}

/// Column of an interface in the matrix.
pub fn interface_col(i: Interface) -> usize {
    match i {
        Interface::Swipe => 0,
        Interface::Chip => 1,
        Interface::Network => 2,
    }
}

/// Which interface a prompt is about.
pub fn prompt_col(a: PromptAction) -> usize {
    match a {
        PromptAction::Swipe => 0,
        PromptAction::Insert | PromptAction::Remove => 1,
        PromptAction::Host => 2,
    }
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

    /// Picks a label in the current language.
    pub fn tr<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        self.lang.pick(en, zh)
    }

    /// The matrix row to keep in view / highlight.
    pub fn focus_card(&self) -> Option<usize> {
        self.selected_card
            .or(self.run.prompt.as_ref().map(|p| p.card))
            .or(self.run.current_card)
    }

    /// The one entry point: applies an event, returns what the main loop must do.
    pub fn update(&mut self, ev: AppEvent) -> Option<Action> {
        match ev {
            AppEvent::Key(k) => self.on_key(k),
            AppEvent::Bench(b) => {
                self.on_bench(b);
                if self.quitting && !self.run.state.in_progress() {
                    self.should_quit = true;
                    return Some(Action::Quit);
                }
                None
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
                        RunState::Aborted("the checklist engine stopped unexpectedly".into());
                    self.run.prompt = None;
                }
                if self.quitting {
                    self.should_quit = true;
                    return Some(Action::Quit);
                }
                None
            }
        }
    }

    fn on_bench(&mut self, ev: BenchEvent) {
        let r = &mut self.run;
        match ev {
            BenchEvent::Started {
                station,
                device,
                terminal,
                cards,
                report_dir,
            } => {
                r.state = RunState::Running;
                r.station = station;
                r.device = device;
                r.terminal = terminal;
                r.cells = vec![[CellCounts::default(); 3]; cards.len()];
                r.attempts = vec![Vec::new(); cards.len()];
                r.label_width = [
                    cards
                        .iter()
                        .map(|c| crate::text::width(&c.label.en))
                        .max()
                        .unwrap_or(0),
                    cards
                        .iter()
                        .map(|c| crate::text::width(&c.label.zh))
                        .max()
                        .unwrap_or(0),
                ];
                r.cards = cards;
                r.report_dir = Some(report_dir);
            }
            BenchEvent::Prompt(p) => {
                r.current_card = Some(p.card);
                r.prompt = Some(p);
                r.prompt_elapsed = Duration::ZERO;
            }
            BenchEvent::PromptCleared => {
                r.prompt = None;
            }
            BenchEvent::Frame(mut f) => {
                // The engine masks; this is a second line of defence for the screen.
                f.ascii = crate::sensitive::mask_luhn_runs(&f.ascii);
                for l in &mut f.layers {
                    *l = crate::sensitive::mask_luhn_runs(l);
                }
                r.timeline.push(f);
            }
            BenchEvent::Attempt {
                card,
                interface,
                outcome,
                row,
            } => {
                let mut row = *row;
                row.detail = crate::sensitive::mask_luhn_runs(&row.detail);
                r.record_attempt(card, interface, outcome, row);
            }
            BenchEvent::Note(t) => {
                r.notes
                    .push(Text::new(redact_text(&t.en), redact_text(&t.zh)));
            }
            BenchEvent::DeviceLost(why) => {
                r.device_lost = Some(redact_text(&why));
            }
            BenchEvent::Reconnected => {
                r.device_lost = None;
                r.notes
                    .push(Text::new("device reconnected", "设备已重新连接"));
            }
            BenchEvent::Diagnosis(c) => {
                r.conclusions = c;
                if self.selected_conclusion >= r.conclusions.len() {
                    self.selected_conclusion = 0;
                }
            }
            BenchEvent::Finished {
                report_dir,
                all_passed,
                ..
            } => {
                r.state = RunState::Finished { all_passed };
                r.report_dir = Some(report_dir);
                r.prompt = None;
                if !r.conclusions.is_empty() {
                    self.focus = Focus::Diagnosis;
                }
            }
            BenchEvent::Aborted(why) => {
                r.state = RunState::Aborted(redact_text(&why));
                r.prompt = None;
            }
        }
    }

    fn on_key(&mut self, k: KeyEvent) -> Option<Action> {
        if k.kind == KeyEventKind::Release {
            return None;
        }
        if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
            return self.ask_quit();
        }
        // `l` works everywhere, overlays included, so every visible label can be checked.
        if k.code == KeyCode::Char('l') {
            self.lang = self.lang.toggled();
            return None;
        }
        match self.overlay {
            Overlay::None => {}
            Overlay::ConfirmQuit => {
                return match k.code {
                    KeyCode::Char('y') | KeyCode::Char('q') | KeyCode::Enter => {
                        self.overlay = Overlay::None;
                        self.quitting = true;
                        Some(Action::AbortAndQuit)
                    }
                    _ => {
                        self.overlay = Overlay::None;
                        None
                    }
                };
            }
            Overlay::Help => {
                self.overlay = Overlay::None;
                return None;
            }
            Overlay::Frame(_) | Overlay::Card(_) | Overlay::Conclusion(_) => {
                match k.code {
                    KeyCode::Up | KeyCode::Char('k') => {
                        self.overlay_scroll = self.overlay_scroll.saturating_sub(1)
                    }
                    KeyCode::Down | KeyCode::Char('j') => {
                        self.overlay_scroll = self.overlay_scroll.saturating_add(1)
                    }
                    KeyCode::PageUp => self.overlay_scroll = self.overlay_scroll.saturating_sub(10),
                    KeyCode::PageDown => {
                        self.overlay_scroll = self.overlay_scroll.saturating_add(10)
                    }
                    KeyCode::Char('q') => return self.ask_quit(),
                    _ => self.overlay = Overlay::None,
                }
                return None;
            }
        }
        if k.code == KeyCode::Char('?') {
            self.overlay = Overlay::Help;
            return None;
        }
        match self.screen {
            Screen::Start => self.on_start_key(k),
            Screen::Run => self.on_run_key(k),
        }
    }

    fn ask_quit(&mut self) -> Option<Action> {
        if self.screen == Screen::Run && self.run.state.in_progress() {
            self.overlay = Overlay::ConfirmQuit;
            None
        } else {
            self.should_quit = true;
            Some(Action::Quit)
        }
    }

    fn on_start_key(&mut self, k: KeyEvent) -> Option<Action> {
        let s = &mut self.start;
        match k.code {
            KeyCode::Char('q') | KeyCode::Esc => return self.ask_quit(),
            KeyCode::Up | KeyCode::Char('k') => s.move_selection(-1),
            KeyCode::Down | KeyCode::Char('j') => s.move_selection(1),
            KeyCode::Char('p') => s.cycle_profile(),
            KeyCode::Char('d') => s.cycle_deck(),
            KeyCode::Char('h') => s.cycle_host(),
            KeyCode::Char('r') => return Some(Action::RescanPorts),
            KeyCode::Enter | KeyCode::Char(' ') => {
                return s.choice().map(Action::StartRun);
            }
            _ => {}
        }
        None
    }

    fn on_run_key(&mut self, k: KeyEvent) -> Option<Action> {
        match k.code {
            KeyCode::Char('q') => self.ask_quit(),
            KeyCode::Esc => {
                // Back to following the run.
                self.selected_frame = None;
                self.selected_card = None;
                self.focus = Focus::Matrix;
                None
            }
            KeyCode::Char(' ') => Some(Action::Command(BenchCommand::Confirm)),
            KeyCode::Char('r') => Some(Action::Command(BenchCommand::Retry)),
            KeyCode::Char('s') => Some(Action::Command(BenchCommand::Skip)),
            KeyCode::Char('e') => {
                self.flash = Some(Text::new("export requested", "已请求导出"));
                Some(Action::Command(BenchCommand::ExportNow))
            }
            KeyCode::Char('t') => {
                self.focus = if self.focus == Focus::Timeline {
                    Focus::Matrix
                } else {
                    Focus::Timeline
                };
                None
            }
            KeyCode::Tab => {
                self.focus = match self.focus {
                    Focus::Matrix => Focus::Timeline,
                    Focus::Timeline => Focus::Diagnosis,
                    Focus::Diagnosis => Focus::Matrix,
                };
                None
            }
            KeyCode::Enter => {
                self.overlay_scroll = 0;
                self.overlay = match self.focus {
                    Focus::Timeline => {
                        let seq = self
                            .selected_frame
                            .or_else(|| self.run.timeline.end_seq().checked_sub(1));
                        match seq.and_then(|s| self.run.timeline.clamp(s)) {
                            Some(s) => Overlay::Frame(s),
                            None => Overlay::None,
                        }
                    }
                    Focus::Matrix => match self.focus_card() {
                        Some(c) if c < self.run.cards.len().max(self.run.cells.len()) => {
                            Overlay::Card(c)
                        }
                        _ => Overlay::None,
                    },
                    Focus::Diagnosis => {
                        if self.selected_conclusion < self.run.conclusions.len() {
                            Overlay::Conclusion(self.selected_conclusion)
                        } else {
                            Overlay::None
                        }
                    }
                };
                None
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.move_in_focus(-1);
                None
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.move_in_focus(1);
                None
            }
            KeyCode::PageUp => {
                self.move_in_focus(-10);
                None
            }
            KeyCode::PageDown => {
                self.move_in_focus(10);
                None
            }
            KeyCode::Home => {
                self.move_in_focus(i64::MIN / 2);
                None
            }
            KeyCode::End => {
                match self.focus {
                    Focus::Timeline => self.selected_frame = None,
                    Focus::Matrix => self.selected_card = None,
                    Focus::Diagnosis => {
                        self.selected_conclusion = self.run.conclusions.len().saturating_sub(1)
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn move_in_focus(&mut self, delta: i64) {
        match self.focus {
            Focus::Timeline => {
                let t = &self.run.timeline;
                let Some(last) = t.end_seq().checked_sub(1) else {
                    return;
                };
                let cur = self.selected_frame.unwrap_or(last) as i64;
                let next = (cur.saturating_add(delta)).clamp(t.first_seq() as i64, last as i64);
                self.selected_frame = Some(next as u64);
            }
            Focus::Matrix => {
                let n = self.run.cards.len().max(self.run.cells.len());
                if n == 0 {
                    return;
                }
                let cur = self.focus_card().unwrap_or(0) as i64;
                let next = cur.saturating_add(delta).clamp(0, n as i64 - 1);
                self.selected_card = Some(next as usize);
            }
            Focus::Diagnosis => {
                let n = self.run.conclusions.len();
                if n == 0 {
                    return;
                }
                let next = (self.selected_conclusion as i64)
                    .saturating_add(delta)
                    .clamp(0, n as i64 - 1);
                self.selected_conclusion = next as usize;
            }
        }
    }
}
