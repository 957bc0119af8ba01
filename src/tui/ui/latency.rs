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
    let mut title = tr_static(lang, "tui-host-latency-ms").to_string();
    if let Some(max) = l.iter().max() {
        title.push_str(&format!(
            " · {} {} · {} {}",
            tr_static(lang, "tui-last"),
            l.last().copied().unwrap_or(0),
            tr_static(lang, "tui-max"),
            max
        ));
    }
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
