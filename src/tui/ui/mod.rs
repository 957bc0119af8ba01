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

/// The smallest terminal the screens are laid out for (columns, rows); below it a message
/// asks for a larger window instead of a squashed layout.
pub const MIN_SIZE: (u16, u16) = (60, 16);

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            too_small(self, area, buf);
            return;
        }
        match self.screen {
            Screen::Start => start::render_start(self, area, buf),
            Screen::Run => run::render_run(self, area, buf),
        }
        // An overlay takes every key while it is open: it leaves the footer row free and the
        // footer then shows its keys, not the screen's underneath.
        if self.overlay != crate::tui::app::Overlay::None {
            let above = Rect {
                height: area.height - 1,
                ..area
            };
            let footer = Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            };
            overlay::render_overlay(self, above, buf);
            let scrolls = overlay::scrolls(self, above);
            ratatui::widgets::Clear.render(footer, buf);
            footer::footer_keys(buf, footer, &footer::overlay_keys(self, scrolls));
        }
    }
}

/// The "make the window larger" message, centred, wrapped to the width there is.
fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    use ratatui::text::Line;
    let text = crate::i18n::t!(
        app.lang,
        "tui-too-small",
        width = area.width,
        height = area.height,
        min_width = MIN_SIZE.0,
        min_height = MIN_SIZE.1
    );
    let lines = widgets::wrap_line(Line::raw(text.into_owned()), area.width as usize, 0);
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, l) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let x = area.x + area.width.saturating_sub(l.width() as u16) / 2;
        buf.set_line(x, y, l, area.right().saturating_sub(x));
    }
}
