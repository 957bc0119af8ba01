//! The checklist matrix: one row per card, one cell per interface with its verdict (or the
//! prompt's `▶▶▶▶`). Only the rows in view are built.

use super::theme::{outcome_label, outcome_style, DIM, KEY, PENDING, SELECTED};
use super::widgets::{panel, put};
use crate::i18n::tr_static;
use crate::i18n::{t, Lang};
use crate::model::Interface;
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::run_view::prompt_col;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub(super) fn render_matrix(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let n = r.cards.len().max(r.cells.len());
    let title = format!(
        "{} {}/{}",
        tr_static(lang, "tui-checklist"),
        r.cards_done(),
        r.cards.len()
    );
    let mut block = panel(
        title,
        app.focus == Focus::Matrix && app.overlay == Overlay::None,
    );
    let rows = area.height.saturating_sub(3) as usize;
    let start = first_row(app.focus_card(), rows, n);
    if let Some(hint) = scroll_hint(lang, start, rows, n) {
        block = block.title_bottom(Line::styled(hint, KEY).alignment(Alignment::Right));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 8 {
        return;
    }
    let cell_w: u16 = 7;
    let label_x = inner.x + 3;
    let cells_x = inner.right().saturating_sub(3 * cell_w);
    let label_w = cells_x.saturating_sub(label_x + 1);
    // Header row.
    let y = inner.y;
    put(buf, inner.x, y, 3, "#", DIM);
    put(buf, label_x, y, label_w, tr_static(lang, "tui-card"), DIM);
    for (i, itf) in Interface::ALL.iter().enumerate() {
        let x = cells_x + i as u16 * cell_w;
        put(buf, x, y, cell_w, itf.name(lang), DIM);
    }
    if rows == 0 {
        return;
    }
    let focus = app.focus_card();
    let prompt_cell = r.prompt.as_ref().map(|p| (p.card, prompt_col(p.action)));
    for (row, idx) in (start..n).take(rows).enumerate() {
        let y = inner.y + 1 + row as u16;
        let is_focus = Some(idx) == focus;
        if is_focus {
            let style = if app.focus == Focus::Matrix {
                SELECTED
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            };
            buf.set_style(
                Rect {
                    x: inner.x,
                    y,
                    width: inner.width,
                    height: 1,
                },
                style,
            );
        }
        let card = r.cards.get(idx);
        put(buf, inner.x, y, 3, &format!("{:>2}", idx + 1), DIM);
        let label = card.map(|c| c.label.get(lang)).unwrap_or("?");
        let mut x = label_x;
        if card.is_some_and(|c| c.reference) {
            x = put(buf, x, y, 2, "★", PENDING);
        }
        put(
            buf,
            x,
            y,
            label_w.saturating_sub(x - label_x),
            label,
            Style::new(),
        );
        let tally = r.cells.get(idx);
        for (col, itf) in Interface::ALL.iter().enumerate() {
            let x = cells_x + col as u16 * cell_w;
            let tested = card.is_none_or(|c| c.interfaces.is_empty() || c.interfaces.contains(itf));
            let (text, style) = match tally.and_then(|t| t[col].verdict()) {
                Some(o) => (outcome_label(o, lang), outcome_style(o)),
                None if prompt_cell == Some((idx, col)) => ("▶▶▶▶", PENDING),
                None if !tested => ("  - ", DIM),
                None => ("  · ", DIM),
            };
            put(buf, x, y, cell_w, text, style);
        }
    }
}

/// The first card row in view: the focused card kept in the middle of `rows` rows.
fn first_row(focus: Option<usize>, rows: usize, n: usize) -> usize {
    focus
        .unwrap_or(0)
        .saturating_sub(rows / 2)
        .min(n.saturating_sub(rows))
}

/// "↑ 3 ↓ 5 more · ↑↓ scroll" when not every card fits, for the panel's bottom border.
fn scroll_hint(lang: Lang, start: usize, rows: usize, n: usize) -> Option<String> {
    let below = n.saturating_sub(start + rows);
    if rows == 0 || (start == 0 && below == 0) {
        return None;
    }
    Some(format!(
        " {} ",
        t!(lang, "tui-matrix-more", above = start, below = below)
    ))
}
