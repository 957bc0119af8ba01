//! `cardbench completions SHELL` and `cardbench man`: the shell completion script and the man
//! page, both generated from the clap definitions (`clap_complete`, `clap_mangen`), so they
//! never drift from the real flags.

use super::Globals;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Result, Status};
use clap::CommandFactory;

/// Runs `completions`: the script on stdout.
pub fn run_completions(_g: &Globals, args: &CompletionsArgs) -> Result<Status> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "cardbench", &mut buf);
    super::out_text(&String::from_utf8_lossy(&buf));
    Ok(Status::Passed)
}

/// Runs `man`: the roff page on stdout (`man -l -` reads it).
pub fn run_man(_g: &Globals) -> Result<Status> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    super::out_text(&String::from_utf8_lossy(&buf));
    Ok(Status::Passed)
}
