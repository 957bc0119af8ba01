//! Host latency: a sparkline of the network checks' round-trip times, newest on the right.

use super::widgets::{panel, placeholder};
use crate::i18n::tr_static;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Sparkline, Widget};

pub(super) fn render_latency(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let l = &r.latencies;
    // The title says as much as fits on the top border (its corners and the two spaces
    // `panel` puts around it taken off): the name, then the last, then the max round trip.
    let mut parts = vec![tr_static(lang, "tui-host-latency-ms").to_string()];
    if let Some(max) = l.iter().max() {
        let last = l.last().copied().unwrap_or(0);
        parts.push(format!("{} {last}", tr_static(lang, "tui-last")));
        parts.push(format!("{} {max}", tr_static(lang, "tui-max")));
    }
    let room = usize::from(area.width.saturating_sub(4));
    let title = title_that_fits(&parts, room);
    let block = panel(title, false);
    let inner = block.inner(area);
    block.render(area, buf);
    if l.is_empty() {
        placeholder(buf, inner, tr_static(lang, "tui-no-network-checks-yet"));
        return;
    }
    let tail = &l[l.len().saturating_sub(inner.width as usize)..];
    Sparkline::default()
        .data(tail)
        .style(Style::new().fg(Color::LightBlue))
        .render(inner, buf);
}

/// The longest prefix of `parts`, joined with ` · `, that fits `room` columns (the first
/// part always: the panel's name, cut with `…` by the border if even that does not fit).
fn title_that_fits(parts: &[String], room: usize) -> String {
    let mut title = String::new();
    for (i, p) in parts.iter().enumerate() {
        let next = if i == 0 {
            p.clone()
        } else {
            format!("{title} · {p}")
        };
        if i > 0 && crate::text::width(&next) > room {
            break;
        }
        title = next;
    }
    title
}

#[cfg(test)]
mod tests {
    use super::title_that_fits;

    #[test]
    fn the_title_drops_whole_parts_until_it_fits() {
        let parts = ["主机延迟 毫秒", "最近 92", "最大 140"].map(String::from);
        assert_eq!(
            title_that_fits(&parts, 40),
            "主机延迟 毫秒 · 最近 92 · 最大 140"
        );
        assert_eq!(title_that_fits(&parts, 26), "主机延迟 毫秒 · 最近 92");
        assert_eq!(title_that_fits(&parts, 20), "主机延迟 毫秒");
        assert_eq!(title_that_fits(&parts, 5), "主机延迟 毫秒");
    }
}
