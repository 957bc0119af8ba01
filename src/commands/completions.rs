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

/// Runs `man`: the roff pages on stdout (`man -l -` reads them): `cardbench(1)` first, then
/// the page of every subcommand it refers to (`cardbench-probe(1)`, …), so the options of each
/// subcommand — the device profiles among them — are in the one stream. The man page stays
/// English (docs/i18n.md).
pub fn run_man(_g: &Globals) -> Result<Status> {
    fn pages(cmd: clap::Command, buf: &mut Vec<u8>) -> std::io::Result<()> {
        let subs: Vec<clap::Command> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .cloned()
            .collect();
        clap_mangen::Man::new(cmd).render(buf)?;
        for sub in subs {
            pages(sub, buf)?;
        }
        Ok(())
    }
    // As `clap_mangen::generate_to` builds it: subcommands named `cardbench-probe`, and no
    // page for clap's `help` subcommand.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut buf = Vec::new();
    pages(cmd, &mut buf)?;
    super::out_text(&String::from_utf8_lossy(&buf));
    Ok(Status::Passed)
}
