//! Overlays: a framed window over the screen, as tall as its content, scrollable — the help
//! ([`help`]), the quit question ([`quit`]), frame details ([`frame`]), card details
//! ([`card`]) and one conclusion ([`conclusion`]).

mod card;
mod conclusion;
mod frame;
mod help;
mod input;
mod quit;

use super::theme::DIM;
use super::widgets::wrap_all;
use crate::i18n::tr_static;
use crate::text::width;
use crate::tui::app::{App, Overlay};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget};

fn centered(area: Rect, w_pct: u16, h_pct: u16, min_w: u16, min_h: u16) -> Rect {
    let w = (area.width * w_pct / 100).max(min_w).min(area.width);
    let h = (area.height * h_pct / 100).max(min_h).min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// What an overlay shows: its title, its lines and the largest box it may take.
fn contents(app: &App, area: Rect) -> Option<(String, Vec<Line<'static>>, Rect)> {
    let lang = app.lang;
    let (title, lines, rect) = match app.overlay {
        Overlay::None => return None,
        Overlay::Help => (
            tr_static(lang, "tui-keys"),
            help::lines(app),
            centered(area, 70, 80, 40, 12),
        ),
        Overlay::ConfirmQuit => (
            tr_static(lang, "tui-quit-3"),
            quit::lines(app),
            centered(area, 50, 20, 40, 7),
        ),
        Overlay::Frame(seq) => (
            tr_static(lang, "tui-frame-details"),
            frame::lines(app, seq),
            centered(area, 85, 80, 40, 10),
        ),
        Overlay::Card(i) => (
            tr_static(lang, "tui-card-details"),
            card::lines(app, i),
            centered(area, 90, 80, 40, 10),
        ),
        Overlay::Conclusion(i) => (
            tr_static(lang, "tui-conclusion"),
            conclusion::lines(app, i),
            centered(area, 85, 80, 40, 10),
        ),
        Overlay::Input(field) => (
            input::title(field, lang),
            input::lines(app, field),
            centered(area, 70, 40, 40, 8),
        ),
    };
    Some((title.to_string(), lines, rect))
}

/// Draws the open overlay, if any, over what is already in `buf`.
pub(super) fn render_overlay(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let Some((title, lines, rect)) = contents(app, area) else {
        return;
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(format!(" {title} "), Style::new().bold()))
        .title_bottom(
            Line::styled(tr_static(lang, "tui-esc-closes-scroll"), DIM).alignment(Alignment::Right),
        );
    let inner_w = block.inner(rect).width as usize;
    let lines = wrap_all(lines, inner_w, 4);
    // As tall as the content (plus borders), at most the size chosen above, still centred.
    let want = (lines.len() as u16)
        .saturating_add(2)
        .max(5)
        .min(rect.height);
    let rect = Rect {
        y: rect.y + (rect.height - want) / 2,
        height: want,
        ..rect
    };
    Clear.render(rect, buf);
    // A wide character just left of the box would spill over its border on a real terminal.
    if rect.x > buf.area.x {
        for y in rect.y..rect.bottom() {
            if let Some(c) = buf.cell_mut((rect.x - 1, y)) {
                if width(c.symbol()) > 1 {
                    c.set_symbol(" ");
                }
            }
        }
    }
    let max_scroll = lines.len().saturating_sub(1).min(u16::MAX as usize) as u16;
    Paragraph::new(lines)
        .block(block)
        .scroll((app.overlay_scroll.min(max_scroll), 0))
        .render(rect, buf);
}

fn field<'a>(name: &str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name}: "), Style::new().bold()),
        Span::raw(value.into()),
    ])
}
