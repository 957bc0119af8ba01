//! One conclusion in full: cause, who is at fault, confidence, rule, finding, action and
//! all of its evidence.

use super::field;
use crate::tui::app::App;
use crate::tui::ui::theme::confidence_name;
use ratatui::style::Style;
use ratatui::text::Line;

pub(super) fn lines(app: &App, i: usize) -> Vec<Line<'static>> {
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
