//! Frame details: one timeline line in full — time, link, direction, a hex dump sixteen
//! bytes to a line, the ASCII and every decoded layer.

use super::field;
use crate::trace::Direction;
use crate::tui::app::App;
use crate::tui::ui::theme::{DIM, LAYER};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub(super) fn lines(app: &App, seq: u64) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some(f) = app.run.timeline.get(seq) else {
        return vec![Line::raw(lang.pick(
            "This line has left the timeline buffer.",
            "该行已移出时间线缓冲区。",
        ))];
    };
    let dir = match f.dir {
        Direction::Tx => lang.pick("> bench → device", "> 测试台 → 设备"),
        Direction::Rx => lang.pick("< device → bench", "< 设备 → 测试台"),
        Direction::Note => lang.pick("* bench note", "* 测试台备注"),
    };
    let mut v = vec![
        field(lang.pick("Time", "时间"), f.at.clone()),
        field(lang.pick("Link", "链路"), f.link.clone()),
        field(lang.pick("Direction", "方向"), dir),
        field(
            lang.pick("Bytes", "字节数"),
            (f.hex.split_whitespace().count()).to_string(),
        ),
        Line::raw(""),
        Line::styled(
            lang.pick("Hex", "十六进制").to_string(),
            Style::new().bold(),
        ),
    ];
    // Sixteen bytes per line, like a hex dump.
    let bytes: Vec<&str> = f.hex.split_whitespace().collect();
    for chunk in bytes.chunks(16) {
        v.push(Line::raw(format!("  {}", chunk.join(" "))));
    }
    v.push(Line::raw(""));
    v.push(field("ASCII", f.ascii.clone()));
    v.push(Line::raw(""));
    v.push(Line::styled(
        lang.pick("Decoded", "解码").to_string(),
        Style::new().bold(),
    ));
    if f.layers.is_empty() {
        v.push(Line::styled(
            lang.pick("  (nothing decoded)", "  （无解码）").to_string(),
            DIM,
        ));
    }
    for (depth, l) in f.layers.iter().enumerate() {
        v.push(Line::from(vec![
            Span::raw(" ".repeat(2 + 2 * depth.min(6))),
            Span::styled("└ ", DIM),
            Span::styled(l.clone(), LAYER),
        ]));
    }
    v
}
