//! The `cardbench` binary: parse the command line, run it, map the outcome to an exit code
//! (0 all checks passed, 1 some check failed, 2 could not run). An error is printed once, on
//! stderr, in one line with its fix (`commands::error_line`).

use cardbench::i18n::Lang;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cardbench::cli::Cli::try_parse() {
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
            let lang = env_lang();
            let line = cardbench::commands::usage_error_line(&e, lang);
            let _ = writeln!(std::io::stderr(), "{line}");
            return ExitCode::from(2);
        }
    };
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
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

/// The language of a command line clap refused: its `--lang` if that much can be read, else
/// `CARDBENCH_LANG`, else the locale.
fn env_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).cloned(),
            Some(v) => v.strip_prefix('=').map(str::to_string),
            None => None,
        });
    given
        .or_else(|| std::env::var("CARDBENCH_LANG").ok())
        .and_then(|v| Lang::parse(&v))
        .unwrap_or_else(Lang::from_env)
}
