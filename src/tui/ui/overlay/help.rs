//! The help overlay: the keys of the current screen.

use crate::tui::app::{App, Screen};
use crate::tui::ui::theme::{DIM, KEY};
use ratatui::text::{Line, Span};

pub(super) fn lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let keys: Vec<(&str, &str)> = match app.screen {
        Screen::Start => vec![
            ("↑ ↓", lang.pick("choose a device", "选择设备")),
            ("Enter", lang.pick("start the checklist", "开始检查")),
            (
                "p",
                lang.pick("reader profile for a serial port", "串口设备类型"),
            ),
            ("d", lang.pick("test deck", "测试卡组")),
            (
                "h",
                lang.pick(
                    "acquirer host (none: network steps skip)",
                    "收单主机（无：跳过网络检查）",
                ),
            ),
            ("r", lang.pick("rescan serial ports", "重新扫描串口")),
            ("l", lang.pick("English ↔ 中文", "English ↔ 中文")),
            ("q", lang.pick("quit", "退出")),
        ],
        Screen::Run => vec![
            (
                "space",
                lang.pick("confirm / next (card presented)", "确认 / 下一步（已放卡）"),
            ),
            ("r", lang.pick("retry this step", "重试此步骤")),
            ("s", lang.pick("skip this step", "跳过此步骤")),
            ("t", lang.pick("focus the link timeline", "聚焦链路时间线")),
            (
                "Tab",
                lang.pick(
                    "next panel (matrix, timeline, diagnosis)",
                    "切换面板（清单、时间线、诊断）",
                ),
            ),
            (
                "↑ ↓ PgUp PgDn",
                lang.pick("move in the focused panel", "在当前面板中移动"),
            ),
            (
                "Enter",
                lang.pick("details of the selected line", "所选行的详情"),
            ),
            (
                "End / Esc",
                lang.pick("follow the run again", "重新跟随运行"),
            ),
            (
                "e",
                lang.pick("export summaries and diagnosis now", "立即导出汇总与诊断"),
            ),
            ("l", lang.pick("English ↔ 中文", "English ↔ 中文")),
            (
                "q",
                lang.pick(
                    "quit (asks while a run is in progress)",
                    "退出（运行中会先确认）",
                ),
            ),
        ],
    };
    let mut lines: Vec<Line<'static>> = keys
        .into_iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:>14}  "), KEY),
                Span::raw(what.to_string()),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        lang.pick("Any key closes this help.", "按任意键关闭帮助。")
            .to_string(),
        DIM,
    ));
    lines
}
