//! The command layer: one file per subcommand, and the only code that sees the clap
//! definitions (`cli`). Each command turns its arguments into the library's own option types
//! once, runs the library and prints. Exit codes: 0 all passed, 1 some check failed, 2 could
//! not run (an `Err`).

pub mod batch;
pub mod completions;
pub mod decode;
pub mod demo;
pub mod doctor;
pub mod errors;
pub mod help;
pub mod host;
pub mod output;
pub mod ports;
pub mod probe;
pub mod read;
pub mod replay;
pub mod report;
pub mod run;
pub mod sim;
pub mod tui;
pub mod usage;

use crate::cli::{Cli, Command, DeviceArgs, ReportCommand};
use crate::device::open::{open_device, OpenOptions, OpenedDevice};
use crate::device::DeviceAddress;
use crate::error::{Result, Status};
use crate::i18n::Lang;
use std::path::PathBuf;

pub use errors::error_line;
pub use output::{out, out_json, out_text};
pub use usage::usage_error_line;

/// Options that apply to every subcommand.
#[derive(Clone, Debug, Default)]
pub struct Globals {
    /// `--lang` / `CARDBENCH_LANG`; `None` = the default.
    pub lang: Option<Lang>,
    /// `--bins FILE`: extra BIN rows.
    pub bins: Option<PathBuf>,
}

impl Globals {
    /// The language to use: `--lang`, else `CARDBENCH_LANG` (both read by clap), else the
    /// user's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<Status> {
    let g = Globals {
        lang: cli.lang,
        bins: cli.bins.clone(),
    };
    // One rule for `--bins` (a global flag): a file that cannot be read as BIN rows (missing,
    // a folder, garbage) is refused before any command starts (exit 2, one line), whether
    // or not the command looks a bank up.
    crate::bins::BinTable::with_overrides(g.bins.as_deref()).map_err(|e| {
        crate::error::Error::Said(crate::i18n::Text::each(|lang| {
            crate::i18n::t!(lang, "errors-bins-file", reason = e.text(lang)).into_owned()
        }))
    })?;
    match cli.command {
        None | Some(Command::Tui) => tui::run(&g),
        Some(Command::Decode(a)) => decode::run(&g, &a),
        Some(Command::Sim(a)) => sim::run(&g, &a),
        Some(Command::Ports) => ports::run(&g),
        Some(Command::Probe(a)) => probe::run(&g, &a),
        Some(Command::Read(a)) => read::run(&g, &a),
        Some(Command::Run(a)) => run::run(&g, &a),
        Some(Command::Host(a)) => host::run(&g, &a),
        Some(Command::Demo(a)) => demo::run(&g, &a),
        Some(Command::Batch(a)) => batch::run(&g, &a),
        Some(Command::Report(ReportCommand::Summarize(a))) => report::run_summarize(&g, &a),
        Some(Command::Doctor(a)) => doctor::run(&g, &a),
        Some(Command::Replay(a)) => replay::run(&g, &a),
        Some(Command::Completions(a)) => completions::run_completions(&g, &a),
        Some(Command::Man) => completions::run_man(&g),
    }
}

/// Refuses a device address whose profile the bench does not know (exit 2), in the words of
/// catalogue message `id` (`$device`, `$profile` quoted, `$known`), before anything is opened.
/// The profile list is [`crate::device::open::check_profile`]'s: one list for every command.
fn known_profile(device: &DeviceAddress, id: &str) -> Result<()> {
    crate::device::open::check_profile(&device.profile).map_err(|_| {
        let known = crate::device::open::all_profile_names().join(", ");
        crate::error::Error::Said(crate::i18n::Text::tr_args(
            id,
            &[
                ("device", device.to_string().into()),
                ("profile", format!("{:?}", device.profile).into()),
                ("known", known.into()),
            ],
        ))
    })
}

/// Opens the device a `--device` argument names.
fn open(args: &DeviceArgs) -> Result<OpenedDevice> {
    let addr = DeviceAddress::parse(&args.device)?;
    let opts = OpenOptions {
        baud: args.baud,
        ..OpenOptions::default()
    };
    Ok(open_device(&addr, &opts)?)
}
