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

/// The open overlay laid out in `area`: its title, its lines wrapped to the box, the box
/// (as tall as the content plus borders, at most the size chosen above, still centred) and
/// whether the content is taller than the box (then, and only then, it scrolls).
struct Laid {
    title: String,
    lines: Vec<Line<'static>>,
    rect: Rect,
    scrolls: bool,
}

fn lay_out(app: &App, area: Rect) -> Option<Laid> {
    let (title, lines, rect) = contents(app, area)?;
    let inner_w = rect.width.saturating_sub(2) as usize;
    let lines = wrap_all(lines, inner_w, 4);
    let scrolls = lines.len() + 2 > rect.height as usize;
    let want = (lines.len() as u16)
        .saturating_add(2)
        .max(5)
        .min(rect.height);
    let rect = Rect {
        y: rect.y + (rect.height - want) / 2,
        height: want,
        ..rect
    };
    Some(Laid {
        title,
        lines,
        rect,
        scrolls,
    })
}

/// Whether the open overlay's content is taller than its box in `area` (so ↑↓ do something).
pub(super) fn scrolls(app: &App, area: Rect) -> bool {
    lay_out(app, area).is_some_and(|l| l.scrolls)
}

/// The box's bottom line: the keys of a reading overlay (Esc, and ↑↓ only when it scrolls);
/// the quit question and the input line say their own keys inside.
fn bottom_hint(app: &App, scrolls: bool) -> Option<&'static str> {
    let lang = app.lang;
    match app.overlay {
        Overlay::ConfirmQuit | Overlay::Input(_) | Overlay::None => None,
        _ if scrolls => Some(tr_static(lang, "tui-esc-closes-scroll")),
        _ => Some(tr_static(lang, "tui-esc-closes")),
    }
}

/// Draws the open overlay, if any, over what is already in `buf`.
pub(super) fn render_overlay(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(Laid {
        title,
        lines,
        rect,
        scrolls,
    }) = lay_out(app, area)
    else {
        return;
    };
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(format!(" {title} "), Style::new().bold()));
    if let Some(hint) = bottom_hint(app, scrolls) {
        block = block.title_bottom(Line::styled(hint, DIM).alignment(Alignment::Right));
    }
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

/// `name: value`, with a full-width colon after a Chinese label (`时间：`), as Chinese text
/// writes it.
fn field<'a>(name: &str, value: impl Into<String>) -> Line<'a> {
    let colon = if name.is_ascii() { ": " } else { "：" };
    Line::from(vec![
        Span::styled(format!("{name}{colon}"), Style::new().bold()),
        Span::raw(value.into()),
    ])
}
