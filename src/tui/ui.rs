//! Rendering: `impl Widget for &App`, one function per panel. Only the rows that fit are
//! built (the timeline walks back from its anchor, the matrix slices its window), so a frame
//! costs the same with 100 000 timeline lines as with ten.

use super::app::{prompt_col, App, CellCounts, Focus, Overlay, RunState, Screen};
use super::start::EntryKind;
use crate::diagnosis::Confidence;
use crate::i18n::Lang;
use crate::model::Family;
use crate::model::{Interface, Outcome};
use crate::text::{char_width, truncate, width};
use crate::trace::Direction;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Sparkline, Widget};

const TITLE_BAR: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
const PASS: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
const FAIL: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Red)
    .add_modifier(Modifier::BOLD);
const SKIP: Style = Style::new().fg(Color::DarkGray);
const ERROR: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
const PENDING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
const DIM: Style = Style::new().fg(Color::DarkGray);
const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
const PROMPT: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
const SELECTED: Style = Style::new().bg(Color::DarkGray);
const LAYER: Style = Style::new().fg(Color::Cyan);

/// Label of an outcome in a matrix cell (same display width in both languages).
pub fn outcome_label(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Pass => lang.pick(Outcome::Pass.as_str(), "通过"),
        Outcome::Fail => lang.pick(Outcome::Fail.as_str(), "失败"),
        Outcome::Skip => lang.pick(Outcome::Skip.as_str(), "跳过"),
        Outcome::Error => lang.pick("ERR ", "错误"),
    }
}

/// Colour of an outcome.
pub fn outcome_style(o: Outcome) -> Style {
    match o {
        Outcome::Pass => PASS,
        Outcome::Fail => FAIL,
        Outcome::Skip => SKIP,
        Outcome::Error => ERROR,
    }
}

fn family_style(f: Family) -> Style {
    match f {
        Family::Bank | Family::Net => Style::new().fg(Color::LightBlue).bold(),
        Family::TermHw | Family::TermSw => Style::new().fg(Color::LightRed).bold(),
        Family::Card | Family::Acct => Style::new().fg(Color::Yellow).bold(),
        Family::Tech | Family::Unknown => Style::new().fg(Color::White).bold(),
    }
}

fn confidence_name(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::High => lang.pick("high", "高"),
        Confidence::Medium => lang.pick("medium", "中"),
        Confidence::Low => lang.pick("low", "低"),
    }
}

/// Writes `s` at (x, y), at most `w` columns; returns the x after it.
fn put(buf: &mut Buffer, x: u16, y: u16, w: u16, s: &str, style: Style) -> u16 {
    if w == 0 {
        return x;
    }
    buf.set_stringn(x, y, s, w as usize, style).0
}

/// Wraps a styled line to `max` display columns (CJK counts 2, breaks between CJK characters
/// and at spaces, splits words longer than a line); continuation lines start with `indent`
/// spaces. Done here rather than by `Paragraph` so no wide character can spill over a border.
pub fn wrap_line(line: Line<'_>, max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let indent = indent.min(max / 2);
    // Tokens: (text, style, width, is_space).
    let mut tokens: Vec<(String, Style, usize, bool)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let mut word = String::new();
        let mut ww = 0;
        for ch in span.content.chars() {
            let w = char_width(ch);
            if ch == ' ' || w >= 2 {
                if !word.is_empty() {
                    tokens.push((std::mem::take(&mut word), style, ww, false));
                    ww = 0;
                }
                tokens.push((ch.to_string(), style, w, ch == ' '));
            } else {
                word.push(ch);
                ww += w;
            }
        }
        if !word.is_empty() {
            tokens.push((word, style, ww, false));
        }
    }
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut cur_w = 0usize;
    let mut line_start = 0usize;
    let mut queue: std::collections::VecDeque<_> = tokens.into();
    while let Some((text, style, w, space)) = queue.pop_front() {
        if cur_w + w > max && cur_w > line_start {
            out.push(Line::from(std::mem::take(&mut cur)));
            cur.push(Span::raw(" ".repeat(indent)));
            cur_w = indent;
            line_start = indent;
            if space {
                continue;
            }
        }
        if cur_w + w > max && w <= max {
            // Fits a line but not after the indent: give up the indent on this line.
            cur.clear();
            cur_w = 0;
            line_start = 0;
        }
        if cur_w + w > max {
            // Longer than a whole line: split it character by character.
            let mut chars: Vec<_> = text
                .chars()
                .map(|c| (c.to_string(), style, char_width(c), false))
                .collect();
            if chars.len() <= 1 {
                // One character wider than the line: drop it rather than overflow.
                continue;
            }
            while let Some(t) = chars.pop() {
                queue.push_front(t);
            }
            continue;
        }
        cur.push(Span::styled(text, style));
        cur_w += w;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(Line::from(cur));
    }
    out
}

/// Wraps every line (see [`wrap_line`]).
fn wrap_all(lines: Vec<Line<'_>>, max: usize, indent: usize) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|l| wrap_line(l, max, indent))
        .collect()
}

fn panel<'a>(title: String, focused: bool) -> Block<'a> {
    let b = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), Style::new().bold()));
    if focused {
        b.border_style(Style::new().fg(Color::Cyan))
            .border_type(BorderType::Thick)
    } else {
        b.border_style(DIM)
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match self.screen {
            Screen::Start => render_start(self, area, buf),
            Screen::Run => render_run(self, area, buf),
        }
        render_overlay(self, area, buf);
    }
}

// ---------------------------------------------------------------------------------------------
// Start screen

fn render_start(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let s = &app.start;
    let [title, list, settings, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(
        buf,
        title,
        lang.pick(
            "cardbench — choose a terminal to test",
            "cardbench — 选择要测试的终端",
        ),
        lang,
    );

    let block = panel(
        lang.pick("Devices", "设备").to_string(),
        app.overlay == Overlay::None,
    );
    let inner = block.inner(list);
    block.render(list, buf);
    let rows = inner.height as usize;
    let start = s
        .selected
        .saturating_sub(rows.saturating_sub(1))
        .min(s.entries.len().saturating_sub(rows));
    let has_ports = s.entries.iter().any(|e| e.kind == EntryKind::Port);
    for (i, e) in s.entries.iter().enumerate().skip(start).take(rows) {
        let y = inner.y + (i - start) as u16;
        let sel = i == s.selected;
        let style = if sel {
            Style::new().bold().reversed()
        } else {
            Style::new()
        };
        let mut x = put(buf, inner.x, y, 2, if sel { "▶ " } else { "  " }, KEY);
        let right = inner.right();
        let (name, info) = match &e.kind {
            EntryKind::Demo => (
                lang.pick("Demo", "演示").to_string(),
                lang.pick(
                    "simulated terminal with faults, demo deck and host",
                    "带故障的模拟终端，演示卡组与主机",
                )
                .to_string(),
            ),
            EntryKind::Sim(p) => (
                format!("{p}:sim"),
                match *p {
                    "crt310" => lang.pick(
                        "built-in CRT-310 simulator (swipe + chip)",
                        "内置 CRT-310 模拟器（刷卡 + 插卡）",
                    ),
                    _ => lang.pick(
                        "built-in MSR605 simulator (swipe)",
                        "内置 MSR605 模拟器（刷卡）",
                    ),
                }
                .to_string(),
            ),
            EntryKind::Port => {
                let mut info = e.info.clone();
                if let Some(st) = &e.stable {
                    if !info.is_empty() {
                        info.push_str("  ");
                    }
                    info.push_str(st);
                }
                (e.path.clone(), info)
            }
        };
        x = put(
            buf,
            x,
            y,
            right.saturating_sub(x),
            &format!("{name:<14}"),
            style,
        );
        x = put(buf, x, y, right.saturating_sub(x), "  ", Style::new());
        put(buf, x, y, right.saturating_sub(x), &info, DIM);
    }
    if !has_ports && s.entries.len() < rows {
        let y = inner.y + s.entries.len() as u16;
        put(
            buf,
            inner.x + 2,
            y,
            inner.width.saturating_sub(2),
            lang.pick(
                "(no serial ports detected — r rescans)",
                "（未检测到串口 — 按 r 重新扫描）",
            ),
            DIM,
        );
    }

    let block = panel(lang.pick("Run settings", "运行设置").to_string(), false);
    let inner = block.inner(settings);
    block.render(settings, buf);
    let port_selected = s
        .entries
        .get(s.selected)
        .is_some_and(|e| e.kind == EntryKind::Port);
    let demo_selected = s
        .entries
        .get(s.selected)
        .is_some_and(|e| e.kind == EntryKind::Demo);
    let profile = if port_selected {
        s.profile_name().to_string()
    } else {
        match s.entries.get(s.selected).map(|e| &e.kind) {
            Some(EntryKind::Sim(p)) => (*p).to_string(),
            _ => "crt310".into(),
        }
    };
    let deck = if demo_selected {
        lang.pick("the demo deck", "演示卡组").to_string()
    } else {
        match s.deck_choice() {
            Some(p) => p.display().to_string(),
            None => lang
                .pick("default (the simulator's deck)", "默认（模拟器自带卡组）")
                .to_string(),
        }
    };
    let host = if demo_selected {
        lang.pick("the demo host (BOC down)", "演示主机（中国银行故障）")
            .to_string()
    } else {
        match s.host_choice() {
            Some(h) => h.to_string(),
            None => lang
                .pick("none (network steps SKIP)", "无（网络检查跳过）")
                .to_string(),
        }
    };
    let config = s
        .config_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "-".into());
    let rows: [(&str, &str, String, bool); 5] = [
        (
            lang.pick("Profile", "设备类型"),
            "p",
            profile,
            port_selected,
        ),
        (lang.pick("Deck", "卡组"), "d", deck, !demo_selected),
        (lang.pick("Host", "主机"), "h", host, !demo_selected),
        (
            lang.pick("Device address", "设备地址"),
            "",
            s.entries
                .get(s.selected)
                .map(|e| s.address(e))
                .unwrap_or_default(),
            true,
        ),
        (lang.pick("Remembered in", "设置保存于"), "", config, true),
    ];
    for (i, (label, key, value, active)) in rows.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let mut x = put(buf, inner.x + 1, y, 16, label, Style::new().bold());
        x = x.max(inner.x + 17);
        let kx = put(buf, x, y, 4, if key.is_empty() { "" } else { key }, KEY);
        x = kx.max(x + 4);
        put(
            buf,
            x,
            y,
            inner.right().saturating_sub(x),
            value,
            if *active { Style::new() } else { DIM },
        );
    }

    footer_keys(
        buf,
        footer,
        &[
            ("↑↓", lang.pick("select", "选择")),
            ("⏎", lang.pick("start", "开始")),
            ("p", lang.pick("profile", "类型")),
            ("d", lang.pick("deck", "卡组")),
            ("h", lang.pick("host", "主机")),
            ("r", lang.pick("rescan", "扫描")),
            ("l", lang.pick("中文", "English")),
            ("?", lang.pick("help", "帮助")),
            ("q", lang.pick("quit", "退出")),
        ],
    );
}

fn title_bar(buf: &mut Buffer, area: Rect, text: &str, lang: Lang) {
    buf.set_style(area, TITLE_BAR);
    let tag = lang.pick(" EN ", " 中文 ");
    let tw = width(tag) as u16;
    put(
        buf,
        area.x + 1,
        area.y,
        area.width.saturating_sub(tw + 2),
        text,
        TITLE_BAR.bold(),
    );
    if area.width > tw {
        put(
            buf,
            area.right() - tw,
            area.y,
            tw,
            tag,
            Style::new().fg(Color::White).bg(Color::Blue).bold(),
        );
    }
}

fn footer_keys(buf: &mut Buffer, area: Rect, keys: &[(&str, &str)]) {
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

// ---------------------------------------------------------------------------------------------
// Run screen

fn render_run(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let finished_with_diag = !r.state.in_progress() && !r.conclusions.is_empty();
    let rest = area.height.saturating_sub(6);
    let lower_h = if finished_with_diag {
        rest * 7 / 10
    } else {
        rest * 9 / 20
    }
    .max(6.min(rest));
    let [header, prompt, middle, lower, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Fill(1),
        Constraint::Length(lower_h),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, header, buf);
    render_prompt(app, prompt, buf);

    let label_w = r.label_width[usize::from(app.lang == Lang::ZhCn)].clamp(10, 28) as u16;
    let matrix_w = (label_w + 4 + 3 * 7 + 2).min(middle.width * 11 / 20);
    let [matrix, timeline] =
        Layout::horizontal([Constraint::Length(matrix_w), Constraint::Fill(1)]).areas(middle);
    render_matrix(app, matrix, buf);
    render_timeline(app, timeline, buf);

    // Once the run is over the diagnosis gets most of the width.
    let left_w = if finished_with_diag {
        lower.width * 3 / 10
    } else {
        lower.width * 2 / 5
    }
    .clamp(24.min(lower.width), 48);
    let [left, diag] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(lower);
    let spark_h = if left.height >= 9 { 4 } else { 3 };
    let [banks, spark] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(spark_h)]).areas(left);
    render_banks(app, banks, buf);
    render_latency(app, spark, buf);
    render_diagnosis(app, diag, buf);

    let lang = app.lang;
    footer_keys(
        buf,
        footer,
        &[
            ("space", lang.pick("next", "下一步")),
            ("r", lang.pick("retry", "重试")),
            ("s", lang.pick("skip", "跳过")),
            ("t", lang.pick("timeline", "时间线")),
            ("⏎", lang.pick("details", "详情")),
            ("e", lang.pick("export", "导出")),
            ("l", lang.pick("中文", "English")),
            ("?", lang.pick("help", "帮助")),
            ("q", lang.pick("quit", "退出")),
        ],
    );
}

fn state_label(app: &App) -> (String, Style) {
    let lang = app.lang;
    match &app.run.state {
        RunState::Connecting => (lang.pick("connecting", "正在连接").to_string(), PENDING),
        RunState::Running => (lang.pick("running", "运行中").to_string(), PENDING),
        RunState::Finished { all_passed: true } => (
            lang.pick("finished: all passed", "完成：全部通过")
                .to_string(),
            PASS,
        ),
        RunState::Finished { all_passed: false } => (
            lang.pick("finished: faults found", "完成：发现故障")
                .to_string(),
            FAIL,
        ),
        RunState::Aborted(_) => (lang.pick("aborted", "已中止").to_string(), ERROR),
    }
}

/// A device address for the header: a simulator's scenario path shortened to its file stem
/// (`crt310:sim:/tmp/x/scenarios/demo.toml` → `crt310:sim:demo`).
fn short_device(device: &str) -> String {
    match device.split_once(":sim:") {
        Some((profile, path)) => {
            let stem = std::path::Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.to_string());
            format!("{profile}:sim:{stem}")
        }
        None => device.to_string(),
    }
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let mut parts = vec!["cardbench".to_string()];
    if !r.station.is_empty() {
        parts.push(r.station.clone());
    }
    parts.push(short_device(&r.device));
    let t = &r.terminal;
    if !t.model.is_empty() || !t.firmware.is_empty() {
        // Readers often report firmware as "MODEL VERSION": say the model once.
        let mut s = if t.firmware.starts_with(&t.model) && !t.model.is_empty() {
            t.firmware.clone()
        } else if t.firmware.is_empty() {
            t.model.clone()
        } else {
            format!("{} {} {}", t.model, lang.pick("fw", "固件"), t.firmware)
        };
        if !t.serial.is_empty() {
            s.push_str(&format!(" {} {}", lang.pick("SN", "序列号"), t.serial));
        }
        parts.push(s);
    }
    let text = parts.join(" │ ");
    title_bar(buf, area, "", lang);
    let (state, style) = state_label(app);
    let counts = format!(
        " {}/{} {} · {} {} ",
        r.cards_done(),
        r.cards.len(),
        lang.pick("cards", "张卡"),
        r.failures_total,
        lang.pick("failed", "项失败"),
    );
    let tag_w = width(lang.pick(" EN ", " 中文 ")) as u16;
    // The run state wins over the terminal identity when the line is short.
    let state = format!(" {state} ");
    let mut right = (width(&state) + width(&counts)) as u16;
    let show_counts = area.width >= right + tag_w + 24;
    if !show_counts {
        right = width(&state) as u16;
    }
    let x0 = area.right().saturating_sub(tag_w + right + 1);
    put(
        buf,
        area.x + 1,
        area.y,
        x0.saturating_sub(area.x + 2),
        &text,
        TITLE_BAR.add_modifier(Modifier::BOLD),
    );
    if x0 > area.x + 8 {
        let x = put(buf, x0, area.y, right, &state, style);
        if show_counts {
            put(
                buf,
                x,
                area.y,
                area.right().saturating_sub(x + tag_w),
                &counts,
                TITLE_BAR,
            );
        }
    }
}

fn render_prompt(app: &App, area: Rect, buf: &mut Buffer) {
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
                            r.failures_total,
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

fn render_matrix(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let n = r.cards.len().max(r.cells.len());
    let title = format!(
        "{} {}/{}",
        lang.pick("Checklist", "检查清单"),
        r.cards_done(),
        r.cards.len()
    );
    let block = panel(
        title,
        app.focus == Focus::Matrix && app.overlay == Overlay::None,
    );
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 8 {
        return;
    }
    let cell_w: u16 = 7;
    let label_x = inner.x + 3;
    let cells_x = inner.right().saturating_sub(3 * cell_w);
    let label_w = cells_x.saturating_sub(label_x + 1);
    // Header row.
    let y = inner.y;
    put(buf, inner.x, y, 3, "#", DIM);
    put(buf, label_x, y, label_w, lang.pick("Card", "卡片"), DIM);
    for (i, itf) in Interface::ALL.iter().enumerate() {
        let x = cells_x + i as u16 * cell_w;
        put(buf, x, y, cell_w, itf.name(lang), DIM);
    }
    let rows = inner.height.saturating_sub(1) as usize;
    if rows == 0 {
        return;
    }
    let focus = app.focus_card();
    let start = focus
        .unwrap_or(0)
        .saturating_sub(rows / 2)
        .min(n.saturating_sub(rows));
    let prompt_cell = r.prompt.as_ref().map(|p| (p.card, prompt_col(p.action)));
    for (row, idx) in (start..n).take(rows).enumerate() {
        let y = inner.y + 1 + row as u16;
        let is_focus = Some(idx) == focus;
        if is_focus {
            let style = if app.focus == Focus::Matrix {
                SELECTED
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            };
            buf.set_style(
                Rect {
                    x: inner.x,
                    y,
                    width: inner.width,
                    height: 1,
                },
                style,
            );
        }
        let card = r.cards.get(idx);
        put(buf, inner.x, y, 3, &format!("{:>2}", idx + 1), DIM);
        let label = card.map(|c| c.label.get(lang)).unwrap_or("?");
        let mut x = label_x;
        if card.is_some_and(|c| c.reference) {
            x = put(buf, x, y, 2, "★", PENDING);
        }
        put(
            buf,
            x,
            y,
            label_w.saturating_sub(x - label_x),
            label,
            Style::new(),
        );
        let counts = r
            .cells
            .get(idx)
            .copied()
            .unwrap_or([CellCounts::default(); 3]);
        for (col, itf) in Interface::ALL.iter().enumerate() {
            let x = cells_x + col as u16 * cell_w;
            let tested = card.is_none_or(|c| c.interfaces.is_empty() || c.interfaces.contains(itf));
            let (text, style) = match counts[col].verdict() {
                Some(o) => (outcome_label(o, lang), outcome_style(o)),
                None if prompt_cell == Some((idx, col)) => ("▶▶▶▶", PENDING),
                None if !tested => ("  - ", DIM),
                None => ("  · ", DIM),
            };
            put(buf, x, y, cell_w, text, style);
        }
    }
}

/// `HH:MM:SS.mmm` out of an RFC 3339 timestamp.
fn short_time(at: &str) -> &str {
    at.get(11..23).unwrap_or(at)
}

fn render_timeline(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let t = &r.timeline;
    let focused = app.focus == Focus::Timeline && app.overlay == Overlay::None;
    let mut title = format!(
        "{} ({} {})",
        lang.pick("Link timeline", "链路时间线"),
        t.len(),
        lang.pick("lines", "行")
    );
    if app.selected_frame.is_some() {
        title.push_str(lang.pick(" · paused, End follows", " · 已暂停，End 跟随"));
    }
    let block = panel(title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 10 {
        return;
    }
    let Some(last) = t.end_seq().checked_sub(1) else {
        put(
            buf,
            inner.x,
            inner.y,
            inner.width,
            lang.pick("(no traffic yet)", "（尚无通信）"),
            DIM,
        );
        return;
    };
    let h = inner.height as usize;
    // Bottom anchor: the newest line, or a little past the selection.
    let anchor = match app.selected_frame {
        Some(s) => s.saturating_add(2).min(last),
        None => last,
    };
    // Walk back from the anchor until the panel is full: only these records are built.
    // The oldest record shown may be cut at the top (its first lines scrolled off).
    let mut first = anchor;
    let mut used = 0usize;
    let mut seq = anchor;
    while let Some(f) = t.get(seq) {
        used += 1 + f.layers.len();
        first = seq;
        if seq == t.first_seq() || used >= h {
            break;
        }
        seq -= 1;
    }
    let skip = used.saturating_sub(h) as u16;
    let w = inner.width;
    // Rows are counted from the top of the (partly hidden) first record.
    let mut row: u16 = 0;
    for seq in first..=anchor {
        let Some(f) = t.get(seq) else { break };
        if row >= skip + inner.height {
            break;
        }
        if row >= skip {
            let y = inner.y + (row - skip);
            timeline_head(
                app,
                f,
                seq,
                focused,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                buf,
            );
        }
        row += 1;
        for (depth, layer) in f.layers.iter().enumerate() {
            if row >= skip + inner.height {
                break;
            }
            if row >= skip {
                let y = inner.y + (row - skip);
                let indent = 2 + 2 * depth.min(3) as u16;
                let x = put(
                    buf,
                    inner.x + indent,
                    y,
                    w.saturating_sub(indent),
                    "└ ",
                    DIM,
                );
                put(buf, x, y, inner.right().saturating_sub(x), layer, LAYER);
            }
            row += 1;
        }
    }
}

/// The first line of a timeline record: time, direction, hex │ ASCII.
fn timeline_head(
    app: &App,
    f: &crate::trace::FrameRecord,
    seq: u64,
    focused: bool,
    inner: Rect,
    buf: &mut Buffer,
) {
    let y = inner.y;
    let w = inner.width;
    {
        let selected = app.selected_frame == Some(seq);
        if selected {
            buf.set_style(
                Rect {
                    x: inner.x,
                    y,
                    width: w,
                    height: 1,
                },
                if focused {
                    SELECTED
                } else {
                    Style::new().bold()
                },
            );
        }
        let (arrow_style, arrow) = match f.dir {
            Direction::Tx => (Style::new().fg(Color::Yellow).bold(), f.dir.arrow()),
            Direction::Rx => (Style::new().fg(Color::Green).bold(), f.dir.arrow()),
            Direction::Note => (DIM, f.dir.arrow()),
        };
        let mut x = put(buf, inner.x, y, w, short_time(&f.at), DIM);
        x = put(
            buf,
            x + 1,
            y,
            inner.right().saturating_sub(x + 1),
            arrow,
            arrow_style,
        );
        x += 1;
        let avail = inner.right().saturating_sub(x) as usize;
        let (hex, ascii) = (f.hex.as_str(), f.ascii.as_str());
        if f.dir == Direction::Note {
            put(
                buf,
                x,
                y,
                avail as u16,
                if ascii.is_empty() { hex } else { ascii },
                DIM,
            );
        } else if hex.len() + 3 + ascii.len() <= avail || ascii.is_empty() {
            x = put(buf, x, y, avail as u16, hex, Style::new());
            if !ascii.is_empty() {
                put(buf, x, y, inner.right().saturating_sub(x), " │ ", DIM);
                put(
                    buf,
                    x + 3,
                    y,
                    inner.right().saturating_sub(x + 3),
                    ascii,
                    DIM,
                );
            }
        } else {
            let aw = (avail / 3).min(ascii.len());
            let hw = avail.saturating_sub(aw + 3);
            let hex_cut = truncate(hex, hw);
            put(buf, x, y, hw as u16, &hex_cut, Style::new());
            let ax = x + hw as u16;
            put(buf, ax, y, 3, " │ ", DIM);
            put(buf, ax + 3, y, aw as u16, &truncate(ascii, aw), DIM);
        }
    }
}

fn render_banks(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let block = panel(
        lang.pick("Failed cards by bank", "各银行失败卡数")
            .to_string(),
        false,
    );
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 10 {
        return;
    }
    if r.banks.is_empty() {
        put(
            buf,
            inner.x,
            inner.y,
            inner.width,
            lang.pick("(no attempts yet)", "（尚无检查）"),
            DIM,
        );
        return;
    }
    // Most failed cards first; ties keep first-seen order.
    let mut order: Vec<usize> = (0..r.banks.len()).collect();
    order.sort_by(|a, b| {
        r.banks[*b]
            .failed_cards
            .cmp(&r.banks[*a].failed_cards)
            .then(a.cmp(b))
    });
    let max_fail = r
        .banks
        .iter()
        .map(|b| b.failed_cards)
        .max()
        .unwrap_or(0)
        .max(1);
    let name_w = r
        .banks
        .iter()
        .map(|b| width(b.name.get(lang)))
        .max()
        .unwrap_or(6)
        .clamp(4, (inner.width / 2).max(4) as usize) as u16;
    for (row, i) in order.iter().take(inner.height as usize).enumerate() {
        let b = &r.banks[*i];
        let y = inner.y + row as u16;
        put(buf, inner.x, y, name_w, b.name.get(lang), Style::new());
        let count = format!("{:>5}", format!("{}/{}", b.failed_cards, b.cards));
        let count_x = inner.right().saturating_sub(count.len() as u16);
        let bar_x = inner.x + name_w + 1;
        let bar_w = count_x.saturating_sub(bar_x + 1) as u32;
        let len = if b.failed_cards == 0 {
            0
        } else {
            (b.failed_cards * bar_w).div_ceil(max_fail).max(1)
        };
        let bar: String = "█".repeat(len as usize);
        put(
            buf,
            bar_x,
            y,
            bar_w as u16,
            &bar,
            Style::new().fg(Color::Red),
        );
        put(
            buf,
            count_x,
            y,
            inner.right().saturating_sub(count_x),
            &count,
            if b.failed_cards == 0 {
                PASS
            } else {
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
            },
        );
    }
}

fn render_latency(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let l = &r.latencies;
    let mut title = lang.pick("Host latency ms", "主机延迟 毫秒").to_string();
    if let Some(max) = l.iter().max() {
        title.push_str(&format!(
            " · {} {} · {} {}",
            lang.pick("last", "最近"),
            l.last().copied().unwrap_or(0),
            lang.pick("max", "最大"),
            max
        ));
    }
    let block = panel(title, false);
    let inner = block.inner(area);
    block.render(area, buf);
    if l.is_empty() {
        put(
            buf,
            inner.x,
            inner.y,
            inner.width,
            lang.pick("(no network checks yet)", "（尚无网络检查）"),
            DIM,
        );
        return;
    }
    let tail = &l[l.len().saturating_sub(inner.width as usize)..];
    Sparkline::default()
        .data(tail)
        .style(Style::new().fg(Color::LightBlue))
        .render(inner, buf);
}

fn render_diagnosis(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let focused = app.focus == Focus::Diagnosis && app.overlay == Overlay::None;
    let block = panel(lang.pick("Diagnosis", "诊断").to_string(), focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if r.conclusions.is_empty() {
        let msg = match &r.state {
            RunState::Finished { .. } => lang.pick(
                "No fault found: every expectation was met.",
                "未发现故障：所有预期均已满足。",
            ),
            RunState::Aborted(_) => lang.pick(
                "The run stopped before a diagnosis (reports so far are kept).",
                "运行在诊断前停止（已写入的报告保留）。",
            ),
            _ => lang.pick(
                "The diagnosis appears at the end of the run (e: export now).",
                "诊断将在运行结束时显示（e：立即导出）。",
            ),
        };
        let lines = wrap_line(Line::styled(msg, DIM), inner.width as usize, 0);
        for (i, l) in lines.iter().take(inner.height as usize).enumerate() {
            buf.set_line(inner.x, inner.y + i as u16, l, inner.width);
        }
        return;
    }
    let first = if focused { app.selected_conclusion } else { 0 };
    let w = inner.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, c) in r.conclusions.iter().enumerate().skip(first) {
        // Built only while the panel has room; the rest is behind Enter / arrows.
        if lines.len() >= inner.height as usize {
            break;
        }
        let marker = if focused && i == app.selected_conclusion {
            "▶ "
        } else {
            "• "
        };
        let head = Line::from(vec![
            Span::styled(marker, KEY),
            Span::styled(
                format!("[{} {}]", c.family.as_str(), c.family.name(lang)),
                family_style(c.family),
            ),
            Span::raw(" "),
            Span::styled(c.culprit.get(lang).to_string(), Style::new().bold()),
            Span::styled(format!(" ({})", confidence_name(c.confidence, lang)), DIM),
        ]);
        lines.extend(wrap_line(head, w, 4));
        lines.extend(wrap_line(
            Line::raw(format!("  {}", c.finding.get(lang))),
            w,
            4,
        ));
        lines.extend(wrap_line(
            Line::from(vec![
                Span::styled("  → ", KEY),
                Span::raw(c.action.get(lang).to_string()),
            ]),
            w,
            4,
        ));
        if !c.evidence.is_empty() {
            // One line of evidence here; Enter shows all of it.
            let ev = Line::from(vec![
                Span::styled(
                    format!(
                        "  {} ({}) ",
                        lang.pick("evidence", "证据"),
                        c.evidence.len()
                    ),
                    DIM,
                ),
                Span::styled(c.evidence.join("; "), DIM),
            ]);
            let wrapped = wrap_line(ev, w.saturating_sub(1), 0);
            let more = wrapped.len() > 1;
            if let Some(mut first_line) = wrapped.into_iter().next() {
                if more {
                    first_line.spans.push(Span::styled("…", DIM));
                }
                lines.push(first_line);
            }
        }
    }
    for (i, l) in lines.iter().take(inner.height as usize).enumerate() {
        buf.set_line(inner.x, inner.y + i as u16, l, inner.width);
    }
}

// ---------------------------------------------------------------------------------------------
// Overlays

fn centered(area: Rect, w_pct: u16, h_pct: u16, min_w: u16, min_h: u16) -> Rect {
    let w = (area.width * w_pct / 100).max(min_w).min(area.width);
    let h = (area.height * h_pct / 100).max(min_h).min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn render_overlay(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let (title, lines, rect): (String, Vec<Line>, Rect) = match app.overlay {
        Overlay::None => return,
        Overlay::Help => (
            lang.pick("Keys", "按键").to_string(),
            help_lines(app),
            centered(area, 70, 80, 40, 12),
        ),
        Overlay::ConfirmQuit => (
            lang.pick("Quit?", "退出？").to_string(),
            vec![
                Line::raw(lang.pick("The run is still in progress.", "检查仍在进行中。")),
                Line::raw(lang.pick(
                    "Stop it and quit? Reports so far are kept.",
                    "停止并退出？已写入的报告会保留。",
                )),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", KEY),
                    Span::raw(lang.pick(" quit   ", " 退出   ")),
                    Span::styled("n", KEY),
                    Span::raw(lang.pick(" keep running", " 继续运行")),
                ]),
            ],
            centered(area, 50, 20, 40, 7),
        ),
        Overlay::Frame(seq) => (
            lang.pick("Frame details", "帧详情").to_string(),
            frame_lines(app, seq),
            centered(area, 85, 80, 40, 10),
        ),
        Overlay::Card(i) => (
            lang.pick("Card details", "卡片详情").to_string(),
            card_lines(app, i),
            centered(area, 90, 80, 40, 10),
        ),
        Overlay::Conclusion(i) => (
            lang.pick("Conclusion", "诊断结论").to_string(),
            conclusion_lines(app, i),
            centered(area, 85, 80, 40, 10),
        ),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(format!(" {title} "), Style::new().bold()))
        .title_bottom(
            Line::styled(
                lang.pick(" Esc closes · ↑↓ scroll ", " Esc 关闭 · ↑↓ 滚动 "),
                DIM,
            )
            .alignment(Alignment::Right),
        );
    let inner_w = block.inner(rect).width as usize;
    let lines = wrap_all(lines, inner_w, 4);
    // As tall as the content (plus borders), at most the size chosen above, still centred.
    let want = (lines.len() as u16)
        .saturating_add(2)
        .max(5)
        .min(rect.height);
    let rect = Rect {
        y: rect.y + (rect.height - want) / 2,
        height: want,
        ..rect
    };
    Clear.render(rect, buf);
    // A wide character just left of the box would spill over its border on a real terminal.
    if rect.x > buf.area.x {
        for y in rect.y..rect.bottom() {
            if let Some(c) = buf.cell_mut((rect.x - 1, y)) {
                if width(c.symbol()) > 1 {
                    c.set_symbol(" ");
                }
            }
        }
    }
    let max_scroll = lines.len().saturating_sub(1).min(u16::MAX as usize) as u16;
    Paragraph::new(lines)
        .block(block)
        .scroll((app.overlay_scroll.min(max_scroll), 0))
        .render(rect, buf);
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
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

fn field<'a>(name: &str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name}: "), Style::new().bold()),
        Span::raw(value.into()),
    ])
}

fn frame_lines(app: &App, seq: u64) -> Vec<Line<'static>> {
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

fn card_lines(app: &App, i: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let r = &app.run;
    let mut v = Vec::new();
    if let Some(c) = r.cards.get(i) {
        v.push(Line::styled(
            format!("{}. {}", i + 1, c.label.get(lang)),
            Style::new().bold(),
        ));
        v.push(field(
            lang.pick("Bank", "银行"),
            c.bank.get(lang).to_string(),
        ));
        v.push(field(lang.pick("Scheme", "卡组织"), c.scheme.clone()));
        let itfs: Vec<&str> = c.interfaces.iter().map(|x| x.name(lang)).collect();
        v.push(field(lang.pick("Interfaces", "检查项"), itfs.join(", ")));
        if c.reference {
            v.push(Line::styled(
                lang.pick("★ reference card (known good)", "★ 参考卡（已知完好）")
                    .to_string(),
                PENDING,
            ));
        }
    }
    v.push(Line::raw(""));
    let rows = r.attempts.get(i).map(Vec::as_slice).unwrap_or(&[]);
    if rows.is_empty() {
        v.push(Line::styled(
            lang.pick("No attempts yet.", "尚无检查记录。").to_string(),
            DIM,
        ));
    }
    for a in rows {
        let o = a.outcome;
        let itf = a.interface.name(lang);
        let fam = a.family.map(|f| f.name(lang)).unwrap_or_default();
        let mut spans = vec![
            Span::raw(format!("{itf:<4} {:<10} ", a.step)),
            Span::styled(outcome_label(o, lang).to_string(), outcome_style(o)),
            Span::raw(" "),
        ];
        if !fam.is_empty() && o != Outcome::Pass {
            spans.push(Span::styled(
                format!("[{fam}] "),
                Style::new().fg(Color::Yellow),
            ));
        }
        if !a.signal.is_empty() {
            spans.push(Span::raw(format!("{} ", a.signal)));
        }
        if let Some(ms) = a.latency_ms {
            spans.push(Span::styled(format!("{ms} ms "), DIM));
        }
        if !a.masked_pan.is_empty() {
            spans.push(Span::styled(format!("{} ", a.masked_pan), DIM));
        }
        v.push(Line::from(spans));
        if !a.detail.is_empty() {
            v.push(Line::styled(format!("      {}", a.detail), DIM));
        }
    }
    v
}

fn conclusion_lines(app: &App, i: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some(c) = app.run.conclusions.get(i) else {
        return vec![];
    };
    let mut v = vec![
        field(
            lang.pick("Cause", "原因"),
            format!("{} ({})", c.family.name(lang), c.family.as_str()),
        ),
        field(
            lang.pick("At fault", "故障对象"),
            c.culprit.get(lang).to_string(),
        ),
        field(
            lang.pick("Confidence", "置信度"),
            confidence_name(c.confidence, lang),
        ),
        field(lang.pick("Rule", "规则"), c.rule.clone()),
        Line::raw(""),
        field(
            lang.pick("Finding", "结论"),
            c.finding.get(lang).to_string(),
        ),
        field(lang.pick("Action", "处理"), c.action.get(lang).to_string()),
        Line::raw(""),
        Line::styled(
            format!("{} ({})", lang.pick("Evidence", "证据"), c.evidence.len()),
            Style::new().bold(),
        ),
    ];
    for e in &c.evidence {
        v.push(Line::raw(format!("  · {e}")));
    }
    v
}
