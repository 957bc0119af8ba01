//! The `cardbench` binary: parse the command line, dispatch, map the outcome to an exit code
//! (0 all checks passed, 1 some check failed, 2 could not run).

use cardbench::cli::{Cli, Command, ReportCommand};
use cardbench::error::Globals;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(status) => ExitCode::from(status.exit_code()),
        Err(e) => {
            eprintln!("cardbench: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<cardbench::Status> {
    let g = Globals {
        lang: cli.lang,
        bins: cli.bins.clone(),
    };
    let status = match cli.command {
        None | Some(Command::Tui) => cardbench::tui::run_tui(&g)?,
        Some(Command::Decode(a)) => cardbench::explain::run_decode(&g, &a)?,
        Some(Command::Sim(a)) => cardbench::sim::run_sim(&g, &a)?,
        Some(Command::Ports) => cardbench::device::cmd::run_ports(&g)?,
        Some(Command::Probe(a)) => cardbench::device::cmd::run_probe(&g, &a)?,
        Some(Command::Read(a)) => cardbench::device::cmd::run_read(&g, &a)?,
        Some(Command::Run(a)) => cardbench::checklist::cmd::run_run(&g, &a)?,
        Some(Command::Host(a)) => cardbench::host::run_host(&g, &a)?,
        Some(Command::Demo(a)) => cardbench::tui::run_demo(&g, &a)?,
        Some(Command::Batch(a)) => cardbench::batch::run_batch(&g, &a)?,
        Some(Command::Report(ReportCommand::Summarize(a))) => {
            cardbench::summarize::run_summarize(&g, &a)?
        }
        Some(Command::Doctor(a)) => cardbench::doctor::run_doctor(&g, &a)?,
    };
    Ok(status)
}
