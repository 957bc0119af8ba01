//! The operator prompt: what to do now in large text (swipe, insert, wait for the host) with
//! the time left, or where the run stands; below it the line of note (device lost, export
//! requested, the report folder, the newest note).

use super::theme::{DIM, ERROR, FAIL, KEY, PASS, PENDING, PROMPT};
use super::widgets::{panel, put};
use crate::checklist::{Prompt, PromptAction};
use crate::i18n::{t, tr_static};
use crate::model::RunEnd;
use crate::text::width;
use crate::tui::app::App;
use crate::tui::run_view::RunState;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

pub(super) fn render_prompt(app: &App, area: Rect, buf: &mut Buffer) {
    let block = panel(tr_static(app.lang, "tui-operator").to_string(), false);
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
        // On a POS the bench is the host: it waits for the terminal's message.
        PromptAction::Host if app.run.terminal.profile == crate::device::open::POS_PROFILE => {
            tr_static(lang, "tui-waiting-for-the-terminal").to_string()
        }
        PromptAction::Host => tr_static(lang, "tui-waiting-for-the-host").to_string(),
        _ => format!(
            "{} {} s · {}",
            tr_static(lang, "tui-time-left"),
            left,
            tr_static(lang, "tui-r-retry-s-skip")
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
            tr_static(lang, "tui-connecting-to-the-device").to_string(),
            PENDING,
            r.device.clone(),
        ),
        RunState::Running => (
            tr_static(lang, "tui-working").to_string(),
            PENDING,
            String::new(),
        ),
        RunState::Finished { all_passed: true } => (
            tr_static(lang, "tui-run-finished-every-check-passed").to_string(),
            PASS,
            String::new(),
        ),
        RunState::Finished { all_passed: false } => (end_line(app), FAIL, String::new()),
        RunState::Aborted(why) => (
            t!(
                lang,
                "common-label-value",
                label = tr_static(lang, "tui-run-aborted"),
                value = why.get(lang)
            )
            .into_owned(),
            ERROR,
            String::new(),
        ),
    }
}

/// The end line of a run that did not pass, in cards: "Run finished — 4 of 8 cards failed
/// (6 checks), see the diagnosis"; a run that ended early says how and how many cards it did
/// not test.
fn end_line(app: &App) -> String {
    let r = &app.run;
    let lang = app.lang;
    let counts = super::header::counts_text(app);
    let how = match &r.end {
        None | Some(RunEnd::Complete) => {
            return t!(lang, "tui-end-faults", counts = counts).into_owned();
        }
        Some(RunEnd::StoppedByOperator) => t!(lang, "tui-end-how-stopped"),
        Some(RunEnd::DeviceLost(_)) => t!(lang, "tui-end-how-lost"),
        Some(RunEnd::CouldNotRun(_)) => t!(lang, "tui-end-how-could-not-run"),
    };
    let mut counts = counts;
    let untested = r.cards_not_tested();
    if untested > 0 {
        counts = format!(
            "{counts}{}{}",
            tr_static(lang, "common-comma"),
            t!(lang, "tui-counts-not-tested", count = untested)
        );
    }
    t!(lang, "tui-end-stopped", how = how, counts = counts).into_owned()
}

/// The second line, most urgent first: device lost, a flash message, the headline's hint,
/// the report folder once the run is over, the newest note.
fn status_line(app: &App, hint: String) -> (String, Style) {
    let r = &app.run;
    let lang = app.lang;
    if let Some(lost) = &r.device_lost {
        (
            t!(
                lang,
                "common-label-value",
                label = tr_static(lang, "tui-device-lost"),
                value = crate::device::lost_reason_text(lost, lang)
            )
            .into_owned(),
            ERROR,
        )
    } else if let Some(f) = &app.flash {
        (f.get(lang).to_string(), KEY)
    } else if !hint.is_empty() {
        (hint, DIM)
    } else if let (false, Some(dir)) = (r.state.in_progress(), &r.report_dir) {
        (
            format!("{} {}", tr_static(lang, "tui-reports-in"), dir.display()),
            Style::new().bold(),
        )
    } else if let Some(n) = r.notes.get(r.notes.end_seq().saturating_sub(1)) {
        (n.get(lang).to_string(), DIM)
    } else {
        (String::new(), DIM)
    }
}
