//! The bank chart: failed cards per issuing bank as bars, most failed first.

use super::theme::PASS;
use super::widgets::{panel, placeholder, put};
use crate::i18n::tr_static;
use crate::text::width;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

pub(super) fn render_banks(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let block = panel(
        tr_static(lang, "tui-failed-cards-by-bank").to_string(),
        false,
    );
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 10 {
        return;
    }
    if r.banks.is_empty() {
        placeholder(buf, inner, tr_static(lang, "tui-no-attempts-yet-2"));
        return;
    }
    // Most failed cards first; ties keep first-seen order.
    let failed: Vec<u64> = r.banks.iter().map(|b| b.failed_cards() as u64).collect();
    let mut order: Vec<usize> = (0..r.banks.len()).collect();
    order.sort_by(|a, b| failed[*b].cmp(&failed[*a]).then(a.cmp(b)));
    let max_fail = failed.iter().copied().max().unwrap_or(0).max(1);
    let name_w = r
        .banks
        .iter()
        .map(|b| width(b.name.get(lang)))
        .max()
        .unwrap_or(6)
        .clamp(4, (inner.width / 2).max(4) as usize) as u16;
    for (row, i) in order.iter().take(inner.height as usize).enumerate() {
        let b = &r.banks[*i];
        let failed = failed[*i];
        let y = inner.y + row as u16;
        put(buf, inner.x, y, name_w, b.name.get(lang), Style::new());
        let count = format!("{:>5}", format!("{}/{}", failed, b.cards()));
        let count_x = inner.right().saturating_sub(count.len() as u16);
        let bar_x = inner.x + name_w + 1;
        let bar_w = count_x.saturating_sub(bar_x + 1);
        let len = if failed == 0 {
            0
        } else {
            (failed * u64::from(bar_w)).div_ceil(max_fail).max(1)
        };
        let bar: String = "█".repeat(len as usize);
        put(buf, bar_x, y, bar_w, &bar, Style::new().fg(Color::Red));
        put(
            buf,
            count_x,
            y,
            inner.right().saturating_sub(count_x),
            &count,
            if failed == 0 {
                PASS
            } else {
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
            },
        );
    }
}
