//! `cardbench run`: the checklist on one terminal, headless or in the TUI.

use crate::cli::RunArgs;
use crate::error::{Error, Globals, Result, Status};

pub fn run_run(_g: &Globals, _args: &RunArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench run"))
}
