//! The checklist matrix: one row per card, one cell per interface with its verdict (or the
//! prompt's `▶▶▶▶`). Only the rows in view are built.

use super::theme::{outcome_label, outcome_style, DIM, PENDING, SELECTED};
use super::widgets::{panel, put};
use crate::model::Interface;
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::run_view::prompt_col;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

pub(super) fn render_matrix(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let n = r.cards.len().max(r.cells.len());
    let title = format!(
        "{} {}/{}",
        lang.pick("Checklist", "检查清单"),
        r.cards_done(),
        r.cards.len()
    );
    let block = panel(
        title,
        app.focus == Focus::Matrix && app.overlay == Overlay::None,
    );
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
    put(buf, label_x, y, label_w, lang.pick("Card", "卡片"), DIM);
    for (i, itf) in Interface::ALL.iter().enumerate() {
        let x = cells_x + i as u16 * cell_w;
        put(buf, x, y, cell_w, itf.name(lang), DIM);
    }
    let rows = inner.height.saturating_sub(1) as usize;
    if rows == 0 {
        return;
    }
    let focus = app.focus_card();
    let start = focus
        .unwrap_or(0)
        .saturating_sub(rows / 2)
        .min(n.saturating_sub(rows));
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
