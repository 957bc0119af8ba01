//! The `cardbench` binary: parse the command line, run it, map the outcome to an exit code
//! (0 all checks passed, 1 some check failed, 2 could not run).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cardbench::cli::Cli::parse();
    match run(cli) {
        Ok(status) => ExitCode::from(status.exit_code()),
        Err(e) => {
            eprintln!(
                "cardbench: error: {}",
                cardbench::sensitive::guard_text(&format!("{e:#}"))
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: cardbench::cli::Cli) -> anyhow::Result<cardbench::Status> {
    Ok(cardbench::commands::run(cli)?)
}
