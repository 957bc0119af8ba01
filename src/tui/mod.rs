//! The technician's screen: ratatui TUI (start screen, run screen) and `cardbench demo`.

use crate::cli::DemoArgs;
use crate::error::{Error, Globals, Result, Status};

pub fn run_tui(_g: &Globals) -> Result<Status> {
    Err(Error::NotImplemented("cardbench tui"))
}

pub fn run_demo(_g: &Globals, _args: &DemoArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench demo"))
}
