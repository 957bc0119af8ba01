//! The run screen's layout: header, operator prompt, the checklist matrix beside the link
//! timeline, the bank chart and host latency beside the diagnosis, and the footer. Once the
//! run is over with conclusions, the diagnosis gets most of the room.

use super::banks::render_banks;
use super::diagnosis::render_diagnosis;
use super::footer::{footer_keys, run_keys};
use super::header::render_header;
use super::latency::render_latency;
use super::matrix::render_matrix;
use super::prompt::render_prompt;
use super::timeline::render_timeline;
use crate::i18n::Lang;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

pub(super) fn render_run(app: &App, area: Rect, buf: &mut Buffer) {
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

    // The card column is as wide as the longest label (plus the reference card's ★) while
    // the matrix takes at most 55% of the width: wide terminals show whole labels.
    let label_w = (r.label_width[usize::from(app.lang == Lang::ZhCn)] + 2).max(10) as u16;
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

    footer_keys(buf, footer, &run_keys(app));
}
