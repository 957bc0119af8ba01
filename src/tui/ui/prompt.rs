//! The operator prompt: what to do now in large text (swipe, insert, wait for the host) with
//! the time left, or where the run stands; below it the line of note (device lost, export
//! requested, the report folder, the newest note).

use super::theme::{DIM, ERROR, FAIL, KEY, PASS, PENDING, PROMPT};
use super::widgets::{panel, put};
use crate::text::width;
use crate::tui::app::App;
use crate::tui::run_view::RunState;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

pub(super) fn render_prompt(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let block = panel(lang.pick("Operator", "操作提示").to_string(), false);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let (big, big_style, small, small_style): (String, Style, String, Style) =
        if let Some(p) = &r.prompt {
            let left = p.timeout_s.saturating_sub(r.prompt_elapsed.as_secs());
            let hint = match p.action {
                crate::checklist::PromptAction::Host => lang
                    .pick("waiting for the host…", "等待主机应答…")
                    .to_string(),
                _ => format!(
                    "{} {} s · {}",
                    lang.pick("time left", "剩余时间"),
                    left,
                    lang.pick(
                        "space: done · r: retry · s: skip",
                        "空格：完成 · r：重试 · s：跳过"
                    )
                ),
            };
            (p.text.get(lang).to_string(), PROMPT, hint, DIM)
        } else {
            match &r.state {
                RunState::Connecting => (
                    lang.pick("Connecting to the device…", "正在连接设备…")
                        .to_string(),
                    PENDING,
                    r.device.clone(),
                    DIM,
                ),
                RunState::Running => (
                    lang.pick("Working…", "处理中…").to_string(),
                    PENDING,
                    String::new(),
                    DIM,
                ),
                RunState::Finished { all_passed } => (
                    if *all_passed {
                        lang.pick(
                            "Run finished — every check passed",
                            "运行结束 — 所有检查通过",
                        )
                        .to_string()
                    } else {
                        format!(
                            "{} — {} {}",
                            lang.pick("Run finished", "运行结束"),
                            r.total.failures(),
                            lang.pick("checks failed, see the diagnosis", "项检查失败，见诊断")
                        )
                    },
                    if *all_passed { PASS } else { FAIL },
                    String::new(),
                    DIM,
                ),
                RunState::Aborted(why) => (
                    format!("{}: {why}", lang.pick("Run aborted", "运行中止")),
                    ERROR,
                    String::new(),
                    DIM,
                ),
            }
        };
    let small = if let Some(lost) = &r.device_lost {
        (
            format!("{}: {lost}", lang.pick("Device lost", "设备断开")),
            ERROR,
        )
    } else if let Some(f) = &app.flash {
        (f.get(lang).to_string(), KEY)
    } else if !small.is_empty() {
        (small, small_style)
    } else if let (false, Some(dir)) = (r.state.in_progress(), &r.report_dir) {
        (
            format!("{} {}", lang.pick("Reports in", "报告目录"), dir.display()),
            Style::new().bold(),
        )
    } else if let Some(n) = r.notes.get(r.notes.end_seq().saturating_sub(1)) {
        (n.get(lang).to_string(), DIM)
    } else {
        (String::new(), DIM)
    };
    // "Large text": a full-width highlighted band, centred.
    let bw = width(&big) as u16;
    buf.set_style(Rect { height: 1, ..inner }, big_style);
    let x = inner.x + inner.width.saturating_sub(bw) / 2;
    put(
        buf,
        x,
        inner.y,
        inner.right().saturating_sub(x),
        &big,
        big_style,
    );
    if inner.height > 1 {
        let sw = width(&small.0) as u16;
        let x = inner.x + inner.width.saturating_sub(sw) / 2;
        put(
            buf,
            x,
            inner.y + 1,
            inner.right().saturating_sub(x),
            &small.0,
            small.1,
        );
    }
}
