//! The small drawing pieces every screen uses: text at a place and width, a panel frame,
//! the title bar, and line wrapping in display columns (CJK counts 2) that never lets a wide
//! character spill over a border.

use super::theme::{DIM, TITLE_BAR};
use crate::i18n::tr_static;
use crate::i18n::Lang;
use crate::text::{char_width, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

/// Writes `s` at (x, y), at most `w` columns; returns the x after it. Text that does not fit
/// ends with `…` (never cut inside a character, CJK included), so a shortened label shows.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, w: u16, s: &str, style: Style) -> u16 {
    if w == 0 {
        return x;
    }
    let s = crate::text::truncate(s, w as usize);
    buf.set_stringn(x, y, &s, w as usize, style).0
}

/// The longest prefix of `parts`, joined with `sep`, that fits `room` columns: a title or
/// header says as much as fits and drops whole parts rather than cutting one. The first part
/// is always kept (cut with `…` by [`put`] if even it does not fit).
pub(super) fn fit_parts(parts: &[String], sep: &str, room: usize) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        let next = if i == 0 {
            p.clone()
        } else {
            format!("{out}{sep}{p}")
        };
        if i > 0 && width(&next) > room {
            break;
        }
        out = next;
    }
    out
}

/// A dim one-line note where a panel has nothing to show yet.
pub(super) fn placeholder(buf: &mut Buffer, inner: Rect, text: &str) {
    put(buf, inner.x, inner.y, inner.width, text, DIM);
}

/// Wraps a styled line to `max` display columns (CJK counts 2, breaks between CJK characters
/// and at spaces, splits words longer than a line); continuation lines start with `indent`
/// spaces. Done here rather than by `Paragraph` so no wide character can spill over a border.
pub fn wrap_line(line: Line<'_>, max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let indent = indent.min(max / 2);
    // Tokens: (text, style, width, is_space).
    let mut tokens: Vec<(String, Style, usize, bool)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let mut word = String::new();
        let mut ww = 0;
        for ch in span.content.chars() {
            let w = char_width(ch);
            if ch == ' ' || w >= 2 {
                if !word.is_empty() {
                    tokens.push((std::mem::take(&mut word), style, ww, false));
                    ww = 0;
                }
                tokens.push((ch.to_string(), style, w, ch == ' '));
            } else {
                word.push(ch);
                ww += w;
            }
        }
        if !word.is_empty() {
            tokens.push((word, style, ww, false));
        }
    }
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut cur_w = 0usize;
    let mut line_start = 0usize;
    let mut queue: std::collections::VecDeque<_> = tokens.into();
    while let Some((text, style, w, space)) = queue.pop_front() {
        if cur_w + w > max && cur_w > line_start {
            out.push(Line::from(std::mem::take(&mut cur)));
            cur.push(Span::raw(" ".repeat(indent)));
            cur_w = indent;
            line_start = indent;
            if space {
                continue;
            }
        }
        if cur_w + w > max && w <= max {
            // Fits a line but not after the indent: give up the indent on this line.
            cur.clear();
            cur_w = 0;
            line_start = 0;
        }
        if cur_w + w > max {
            // Longer than a whole line: split it character by character.
            let mut chars: Vec<_> = text
                .chars()
                .map(|c| (c.to_string(), style, char_width(c), false))
                .collect();
            if chars.len() <= 1 {
                // One character wider than the line: drop it rather than overflow.
                continue;
            }
            while let Some(t) = chars.pop() {
                queue.push_front(t);
            }
            continue;
        }
        cur.push(Span::styled(text, style));
        cur_w += w;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(Line::from(cur));
    }
    out
}

/// Wraps every line (see [`wrap_line`]).
pub(super) fn wrap_all(lines: Vec<Line<'_>>, max: usize, indent: usize) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|l| wrap_line(l, max, indent))
        .collect()
}

pub(super) fn panel<'a>(title: String, focused: bool) -> Block<'a> {
    let b = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), Style::new().bold()));
    if focused {
        b.border_style(Style::new().fg(Color::Cyan))
            .border_type(BorderType::Thick)
    } else {
        b.border_style(DIM)
    }
}

pub(super) fn title_bar(buf: &mut Buffer, area: Rect, text: &str, lang: Lang) {
    buf.set_style(area, TITLE_BAR);
    let tag = tr_static(lang, "tui-lang-tag");
    let tw = width(tag) as u16;
    put(
        buf,
        area.x + 1,
        area.y,
        area.width.saturating_sub(tw + 2),
        text,
        TITLE_BAR.bold(),
    );
    if area.width > tw {
        put(
            buf,
            area.right() - tw,
            area.y,
            tw,
            tag,
            Style::new().fg(Color::White).bg(Color::Blue).bold(),
        );
    }
}
