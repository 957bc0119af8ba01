//! `cardbench` / `cardbench tui`: the start screen, then the run screen.

use super::Globals;
use crate::error::{Result, Status};

/// Runs the start screen.
pub fn run(g: &Globals) -> Result<Status> {
    crate::tui::run_start_screen(&crate::tui::StartOptions {
        lang: g.lang,
        bins: g.bins.clone(),
    })
}
