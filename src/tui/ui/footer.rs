//! The footer: the keys of the current screen, each with what it does.

use super::theme::KEY;
use super::widgets::put;
use crate::i18n::Lang;
use crate::text::width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub(super) fn footer_keys(buf: &mut Buffer, area: Rect, keys: &[(&str, &str)]) {
    // Two spaces between keys when they fit, one when the terminal is narrow.
    let total: usize = keys.iter().map(|(k, w)| width(k) + width(w) + 1).sum();
    let sep = if total + 2 * keys.len() <= area.width as usize {
        "  "
    } else {
        " "
    };
    let mut x = area.x;
    for (k, what) in keys {
        let need = (width(k) + width(what) + 1) as u16;
        if x + need > area.right() {
            break;
        }
        x = put(buf, x, area.y, area.right().saturating_sub(x), k, KEY);
        x = put(
            buf,
            x,
            area.y,
            area.right().saturating_sub(x),
            " ",
            Style::new(),
        );
        x = put(
            buf,
            x,
            area.y,
            area.right().saturating_sub(x),
            what,
            Style::new(),
        );
        x = put(
            buf,
            x,
            area.y,
            area.right().saturating_sub(x),
            sep,
            Style::new(),
        );
    }
}

/// The start screen's keys.
pub(super) fn start_keys(lang: Lang) -> [(&'static str, &'static str); 9] {
    [
        ("↑↓", lang.pick("select", "选择")),
        ("⏎", lang.pick("start", "开始")),
        ("p", lang.pick("profile", "类型")),
        ("d", lang.pick("deck", "卡组")),
        ("h", lang.pick("host", "主机")),
        ("r", lang.pick("rescan", "扫描")),
        ("l", lang.pick("中文", "English")),
        ("?", lang.pick("help", "帮助")),
        ("q", lang.pick("quit", "退出")),
    ]
}

/// The run screen's keys.
pub(super) fn run_keys(lang: Lang) -> [(&'static str, &'static str); 9] {
    [
        ("space", lang.pick("next", "下一步")),
        ("r", lang.pick("retry", "重试")),
        ("s", lang.pick("skip", "跳过")),
        ("t", lang.pick("timeline", "时间线")),
        ("⏎", lang.pick("details", "详情")),
        ("e", lang.pick("export", "导出")),
        ("l", lang.pick("中文", "English")),
        ("?", lang.pick("help", "帮助")),
        ("q", lang.pick("quit", "退出")),
    ]
}
