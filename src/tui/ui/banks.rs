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
    // The count column is as wide as the widest `failed/cards`; the names get what is left
    // after it and a short bar, up to the widest name (display columns, CJK counts 2).
    let counts: Vec<String> = r
        .banks
        .iter()
        .zip(&failed)
        .map(|(b, f)| format!("{f}/{}", b.cards()))
        .collect();
    let count_w = counts.iter().map(|c| width(c)).max().unwrap_or(3) as u16;
    let room = inner.width.saturating_sub(count_w + MIN_BAR + 2).max(4);
    let name_w = r
        .banks
        .iter()
        .map(|b| width(short_bank_name(b.name.get(lang), usize::from(room))))
        .max()
        .unwrap_or(6)
        .clamp(4, room as usize) as u16;
    for (row, i) in order.iter().take(inner.height as usize).enumerate() {
        let b = &r.banks[*i];
        let failed = failed[*i];
        let y = inner.y + row as u16;
        let name = short_bank_name(b.name.get(lang), name_w as usize);
        put(buf, inner.x, y, name_w, name, Style::new());
        // Counts are right-aligned in one column, so every bar has the same room.
        let count = format!("{:>w$}", counts[*i], w = count_w as usize);
        let count_x = inner.right().saturating_sub(count_w);
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

/// Columns kept for the bar itself, so a name never takes the whole row.
const MIN_BAR: u16 = 3;

/// A bank name shortened by rule to fit `w` columns: whole when it fits; else without its
/// leading 中国 (中国邮政储蓄银行 → 邮政储蓄银行; not 中国银行, which would be left as 银行);
/// else cut with `…` by the caller, never inside a character.
fn short_bank_name(name: &str, w: usize) -> &str {
    if width(name) <= w {
        return name;
    }
    match name.strip_prefix("中国") {
        Some(rest) if rest.chars().count() > 2 => rest,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::short_bank_name;

    #[test]
    fn bank_names_shorten_by_rule() {
        assert_eq!(short_bank_name("中国邮政储蓄银行", 16), "中国邮政储蓄银行");
        assert_eq!(short_bank_name("中国邮政储蓄银行", 12), "邮政储蓄银行");
        assert_eq!(short_bank_name("中国银行", 6), "中国银行");
        assert_eq!(short_bank_name("PSBC", 3), "PSBC");
    }
}
