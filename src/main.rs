//! The `cardbench` binary: parse the command line, run it, map the outcome to an exit code
//! (0 all checks passed, 1 some check failed, 2 could not run). An error is printed once, on
//! stderr, in one line with its fix (`commands::error_line`), in the language the command
//! line asks for (`commands::help::cli_lang`), as its help is.

use cardbench::commands::help::{cli_lang, parse_cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli_lang(&args);
    let cli = match parse_cli(&args, lang) {
        Ok(cli) => cli,
        // Help and version go to stdout as clap writes them (exit 0); a command group named
        // without its subcommand (`cardbench report`) shows its help (exit 2).
        Err(e)
            if !e.use_stderr()
                || e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            e.exit()
        }
        Err(e) => {
            use std::io::Write;
            let line = cardbench::commands::usage_error_line(&e, lang);
            let _ = writeln!(std::io::stderr(), "{line}");
            return ExitCode::from(2);
        }
    };
    let lang = cli.lang.unwrap_or(lang);
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
