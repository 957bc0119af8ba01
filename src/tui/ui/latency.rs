//! Host latency: a sparkline of the network checks' round-trip times, newest on the right.

use super::widgets::{fit_parts, panel, placeholder};
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
    let title = fit_parts(&parts, " · ", room);
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

#[cfg(test)]
mod tests {
    use super::fit_parts;

    #[test]
    fn the_title_drops_whole_parts_until_it_fits() {
        let parts = ["主机延迟 毫秒", "最近 92", "最大 140"].map(String::from);
        assert_eq!(
            fit_parts(&parts, " · ", 40),
            "主机延迟 毫秒 · 最近 92 · 最大 140"
        );
        assert_eq!(fit_parts(&parts, " · ", 26), "主机延迟 毫秒 · 最近 92");
        assert_eq!(fit_parts(&parts, " · ", 20), "主机延迟 毫秒");
        assert_eq!(fit_parts(&parts, " · ", 5), "主机延迟 毫秒");
    }
}
