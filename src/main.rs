//! The `cardbench` binary: parse the command line, run it, map the outcome to an exit code
//! (0 all checks passed, 1 some check failed, 2 could not run). An error is printed once, on
//! stderr, in one line with its fix (`commands::error_line`).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cardbench::cli::Cli::parse();
    let lang = cli.lang.unwrap_or_else(cardbench::i18n::Lang::from_env);
    match cardbench::commands::run(cli) {
        Ok(status) => ExitCode::from(status.exit_code()),
        Err(e) => {
            use std::io::Write;
            let line = cardbench::commands::error_line(&e, lang);
            let _ = writeln!(std::io::stderr(), "{line}");
            ExitCode::from(2)
        }
    }
}
