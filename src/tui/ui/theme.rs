//! Colours and the words for outcomes and families: one look for every screen.

use crate::i18n::tr_static;
use crate::i18n::Lang;
use crate::model::{Family, Outcome};
use ratatui::style::{Color, Modifier, Style};

pub(super) const TITLE_BAR: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub(super) const PASS: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub(super) const FAIL: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Red)
    .add_modifier(Modifier::BOLD);
pub(super) const SKIP: Style = Style::new().fg(Color::DarkGray);
pub(super) const ERROR: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
pub(super) const PENDING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub(super) const DIM: Style = Style::new().fg(Color::DarkGray);
pub(super) const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub(super) const PROMPT: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub(super) const SELECTED: Style = Style::new().bg(Color::DarkGray);
pub(super) const LAYER: Style = Style::new().fg(Color::Cyan);

/// Label of an outcome in a matrix cell (same display width in both languages).
pub fn outcome_label(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Pass => tr_static(lang, "tui-outcome-pass"),
        Outcome::Fail => tr_static(lang, "tui-outcome-fail"),
        Outcome::Skip => tr_static(lang, "tui-outcome-skip"),
        Outcome::Error => tr_static(lang, "tui-outcome-error"),
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

pub(super) fn family_style(f: Family) -> Style {
    match f {
        Family::Bank | Family::Net => Style::new().fg(Color::LightBlue).bold(),
        Family::TermHw | Family::TermSw => Style::new().fg(Color::LightRed).bold(),
        Family::Card | Family::Acct => Style::new().fg(Color::Yellow).bold(),
        Family::Tech | Family::Unknown => Style::new().fg(Color::White).bold(),
    }
}
