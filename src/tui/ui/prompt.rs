//! The operator prompt: what to do now in large text (swipe, insert, wait for the host) with
//! the time left, or where the run stands; below it the line of note (device lost, export
//! requested, the report folder, the newest note).

use super::theme::{DIM, ERROR, FAIL, KEY, PASS, PENDING, PROMPT};
use super::widgets::{panel, put};
use crate::checklist::{Prompt, PromptAction};
use crate::text::width;
use crate::tui::app::App;
use crate::tui::run_view::RunState;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

pub(super) fn render_prompt(app: &App, area: Rect, buf: &mut Buffer) {
    let block = panel(app.lang.pick("Operator", "操作提示").to_string(), false);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let (big, big_style, hint) = match &app.run.prompt {
        Some(p) => prompt_headline(app, p),
        None => state_headline(app),
    };
    // "Large text": a full-width highlighted band, centred.
    buf.set_style(Rect { height: 1, ..inner }, big_style);
    centred(buf, inner, inner.y, &big, big_style);
    if inner.height > 1 {
        let (small, style) = status_line(app, hint);
        centred(buf, inner, inner.y + 1, &small, style);
    }
}

/// `text` centred on row `y` of `inner`.
fn centred(buf: &mut Buffer, inner: Rect, y: u16, text: &str, style: Style) {
    let x = inner.x + inner.width.saturating_sub(width(text) as u16) / 2;
    put(buf, x, y, inner.right().saturating_sub(x), text, style);
}

/// A prompt: its text, and the time left with the keys (or "waiting for the host").
fn prompt_headline(app: &App, p: &Prompt) -> (String, Style, String) {
    let lang = app.lang;
    let left = p.timeout_s.saturating_sub(app.run.prompt_elapsed.as_secs());
    let hint = match p.action {
        PromptAction::Host => lang
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
    (p.text.get(lang).to_string(), PROMPT, hint)
}

/// No prompt: where the run stands (and, while connecting, the device address).
fn state_headline(app: &App) -> (String, Style, String) {
    let r = &app.run;
    let lang = app.lang;
    match &r.state {
        RunState::Connecting => (
            lang.pick("Connecting to the device…", "正在连接设备…")
                .to_string(),
            PENDING,
            r.device.clone(),
        ),
        RunState::Running => (
            lang.pick("Working…", "处理中…").to_string(),
            PENDING,
            String::new(),
        ),
        RunState::Finished { all_passed: true } => (
            lang.pick(
                "Run finished — every check passed",
                "运行结束 — 所有检查通过",
            )
            .to_string(),
            PASS,
            String::new(),
        ),
        RunState::Finished { all_passed: false } => (
            format!(
                "{} — {} {}",
                lang.pick("Run finished", "运行结束"),
                r.total.failures(),
                lang.pick("checks failed, see the diagnosis", "项检查失败，见诊断")
            ),
            FAIL,
            String::new(),
        ),
        RunState::Aborted(why) => (
            format!("{}: {why}", lang.pick("Run aborted", "运行中止")),
            ERROR,
            String::new(),
        ),
    }
}

/// The second line, most urgent first: device lost, a flash message, the headline's hint,
/// the report folder once the run is over, the newest note.
fn status_line(app: &App, hint: String) -> (String, Style) {
    let r = &app.run;
    let lang = app.lang;
    if let Some(lost) = &r.device_lost {
        (
            format!("{}: {lost}", lang.pick("Device lost", "设备断开")),
            ERROR,
        )
    } else if let Some(f) = &app.flash {
        (f.get(lang).to_string(), KEY)
    } else if !hint.is_empty() {
        (hint, DIM)
    } else if let (false, Some(dir)) = (r.state.in_progress(), &r.report_dir) {
        (
            format!("{} {}", lang.pick("Reports in", "报告目录"), dir.display()),
            Style::new().bold(),
        )
    } else if let Some(n) = r.notes.get(r.notes.end_seq().saturating_sub(1)) {
        (n.get(lang).to_string(), DIM)
    } else {
        (String::new(), DIM)
    }
}
