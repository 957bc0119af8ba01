//! Drawing: `impl Widget for &App`. Each screen, panel and overlay has its own file and draws
//! from `&App` alone (no state of its own, no I/O): the start screen ([`start`]); the run
//! screen ([`run`]) laid out from its panels — [`header`], operator [`prompt`], checklist
//! [`matrix`], link [`timeline`], bank chart ([`banks`]), host [`latency`], [`diagnosis`] and
//! the key [`footer`]; and the [`overlay`]s. [`theme`] holds the colours and words, [`widgets`]
//! the drawing pieces they share. Only the rows that fit are built (the timeline walks back
//! from its anchor, the matrix slices its window), so a frame costs the same with 100 000
//! timeline lines as with ten.

mod banks;
mod diagnosis;
mod footer;
mod header;
mod latency;
mod matrix;
mod overlay;
mod prompt;
mod run;
mod start;
pub mod theme;
mod timeline;
pub mod widgets;

pub use theme::{outcome_label, outcome_style};
pub use widgets::wrap_line;

use crate::tui::app::{App, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match self.screen {
            Screen::Start => start::render_start(self, area, buf),
            Screen::Run => run::render_run(self, area, buf),
        }
        overlay::render_overlay(self, area, buf);
    }
}
