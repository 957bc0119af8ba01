//! Keys: what each key does on the start screen, on the run screen and inside an overlay.
//! `l` (language) and Ctrl-C work everywhere; `?` opens the help; keys that drive the run
//! become [`Action::Command`]s for the engine.

use super::app::{Action, App, Focus, Overlay, Screen};
use super::start::Field;
use crate::checklist::BenchCommand;
use crate::i18n::Text;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

impl App {
    /// A key press (releases are ignored).
    pub(super) fn on_key(&mut self, k: KeyEvent) -> Option<Action> {
        if k.kind == KeyEventKind::Release {
            return None;
        }
        if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
            return self.interrupt();
        }
        // Typing a setting: every printable key is text (`l` and `q` included).
        if let Overlay::Input(field) = self.overlay {
            self.on_input_key(field, k);
            return None;
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
                        if !self.run.state.in_progress() {
                            // The run finished while the question was open: nothing to stop.
                            return self.leave_run();
                        }
                        if self.from_start {
                            // Abort, then back to the start screen once the engine stops.
                            self.returning = true;
                            return Some(Action::Command(BenchCommand::Abort));
                        }
                        self.quitting = true;
                        Some(Action::AbortAndQuit)
                    }
                    _ => {
                        self.overlay = Overlay::None;
                        None
                    }
                };
            }
            Overlay::Input(_) => {}
            Overlay::Help | Overlay::Frame(_) | Overlay::Card(_) | Overlay::Conclusion(_) => {
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
                    KeyCode::Home => self.overlay_scroll = 0,
                    KeyCode::Char('q') if self.overlay != Overlay::Help => return self.ask_quit(),
                    _ => self.overlay = Overlay::None,
                }
                return None;
            }
        }
        if k.code == KeyCode::Char('?') {
            self.overlay = Overlay::Help;
            self.overlay_scroll = 0;
            return None;
        }
        match self.screen {
            Screen::Start => self.on_start_key(k),
            Screen::Run => self.on_run_key(k),
        }
    }

    /// Ctrl-C (a key in raw mode) and SIGTERM/SIGINT: stop the run in progress at once, no
    /// question asked; the engine writes every report with the end "stopped by operator",
    /// then the screen quits.
    pub fn interrupt(&mut self) -> Option<Action> {
        if self.screen == Screen::Run && self.run.state.in_progress() {
            self.overlay = Overlay::None;
            self.quitting = true;
            Some(Action::AbortAndQuit)
        } else {
            self.should_quit = true;
            Some(Action::Quit)
        }
    }

    fn ask_quit(&mut self) -> Option<Action> {
        if self.screen == Screen::Run && self.run.state.in_progress() {
            self.overlay = Overlay::ConfirmQuit;
            None
        } else {
            self.leave_run()
        }
    }

    /// `q` with no run in progress: a run started from the start screen goes back there;
    /// anything else quits.
    fn leave_run(&mut self) -> Option<Action> {
        if self.screen == Screen::Run && self.from_start {
            self.back_to_start();
            return None;
        }
        self.should_quit = true;
        Some(Action::Quit)
    }

    /// Opens the input line for a start-screen setting, filled with its current text.
    fn open_input(&mut self, field: Field) -> Option<Action> {
        self.input = self.start.field_text(field);
        self.overlay = Overlay::Input(field);
        self.flash = None;
        None
    }

    /// A key in the input line: text, Backspace, Enter (keep), Esc (cancel).
    fn on_input_key(&mut self, field: Field, k: KeyEvent) {
        match k.code {
            KeyCode::Esc => {
                // Cancelled: the reason the typed text was refused no longer applies.
                self.overlay = Overlay::None;
                self.flash = None;
            }
            KeyCode::Enter => match self.start.set_field(field, &self.input) {
                Ok(()) => self.overlay = Overlay::None,
                // Stays open with the reason, so the text can be corrected.
                Err(why) => self.flash = Some(why),
            },
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => self.input.push(c),
            _ => {}
        }
    }

    fn on_start_key(&mut self, k: KeyEvent) -> Option<Action> {
        // A refusal stays on screen until the next key: by then it has been read.
        self.flash = None;
        let s = &mut self.start;
        match k.code {
            KeyCode::Char('q') | KeyCode::Esc => return self.ask_quit(),
            KeyCode::Up | KeyCode::Char('k') => s.move_selection(-1),
            KeyCode::Down | KeyCode::Char('j') => s.move_selection(1),
            KeyCode::Char('p') => s.cycle_profile(),
            KeyCode::Char('d') => s.cycle_deck(),
            KeyCode::Char('h') => s.cycle_host(),
            KeyCode::Char('a') => return self.open_input(Field::Device),
            KeyCode::Char('H') => return self.open_input(Field::Host),
            KeyCode::Char('n') => return self.open_input(Field::Station),
            KeyCode::Char('o') => return self.open_input(Field::Operator),
            KeyCode::Char('t') => return self.open_input(Field::Ticket),
            KeyCode::Char('f') => return self.open_input(Field::Out),
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
            KeyCode::Char('r') => Some(Action::Command(BenchCommand::Retry)),
            KeyCode::Char('s') => Some(Action::Command(BenchCommand::Skip)),
            // A POS terminal sent nothing: what its screen showed (docs/pos.md).
            KeyCode::Char(c @ '1'..='3') => Some(Action::Command(BenchCommand::TerminalShowed(
                c as u8 - b'0',
            ))),
            KeyCode::Char('e') if !self.replay => {
                self.flash = Some(Text::tr("tui-export-writing"));
                Some(Action::Export)
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
                self.open_details();
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

    /// Enter on the run screen: the details of the focused panel's selection.
    fn open_details(&mut self) {
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
                Some(c) if c < self.run.cards.len().max(self.run.cells.len()) => Overlay::Card(c),
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
