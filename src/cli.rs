//! The command line: clap definitions of every subcommand. Names, flags and output lines are
//! contracts other tools rely on (see README). Each subcommand's work lives in its module.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "cardbench",
    version,
    about = "Card-reader and POS terminal test bench: swipe, chip and network checklist, diagnosis and CSV reports"
)]
pub struct Cli {
    /// UI language: en or zh-CN. Without it (and without CARDBENCH_LANG) the language follows
    /// the locale (LC_ALL, LC_MESSAGES, LANG: zh_* is Chinese).
    #[arg(long, global = true, env = "CARDBENCH_LANG", value_parser = parse_lang, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,
    /// Extra BIN data (CSV: prefix,bank,scheme,type,country) that adds to or overrides the built-in table.
    #[arg(long, global = true, value_name = "FILE")]
    pub bins: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Why a value on the command line was refused, from the value parsers below. `Display` is
/// the English text clap shows; `commands::usage` words it in the user's language.
#[derive(Debug, thiserror::Error)]
pub enum BadValue {
    /// `--swipes` outside 1..=99; the value as typed.
    #[error("{0:?} is not a number of swipes from 1 to 99")]
    Swipes(String),
    /// Not a whole number (clap's own wording, from the standard library).
    #[error("{0}")]
    Number(#[from] std::num::ParseIntError),
    /// A number outside the flag's range.
    #[error("{value} is not in {low}..={high}")]
    Range {
        /// The number as parsed.
        value: String,
        /// The smallest accepted.
        low: String,
        /// The largest accepted.
        high: String,
    },
    /// `--station ""`.
    #[error("a station needs a name")]
    NoStation,
    /// An operator, ticket or station name that is not a plain short label.
    #[error("{}", crate::load::label_fault_message(.label, *.fault))]
    Label {
        /// The label as typed (shown only through [`crate::load::shown`]).
        label: String,
        /// What is wrong with it.
        fault: crate::load::LabelFault,
    },
    /// `--lang` names no language the bench speaks.
    #[error("unknown language {0:?}: use en or zh-CN")]
    Lang(String),
}

/// `--swipes`: at least one swipe per card (0 would test nothing and pass).
fn swipes(s: &str) -> Result<u32, BadValue> {
    match s.parse::<u32>() {
        Ok(n @ 1..=99) => Ok(n),
        _ => Err(BadValue::Swipes(s.to_string())),
    }
}

/// A name a person gives (operator, ticket): one short line, no card number
/// ([`crate::load::check_label`]); a newline would split a CSV row or a console line.
fn label(s: &str) -> Result<String, BadValue> {
    match crate::load::label_fault(s, false) {
        Some(fault) => Err(BadValue::Label {
            label: s.to_string(),
            fault,
        }),
        None => Ok(s.to_string()),
    }
}

/// A station name, which also names a report folder ([`crate::load::check_folder_label`]).
fn folder_label(s: &str) -> Result<String, BadValue> {
    if s.trim().is_empty() {
        return Err(BadValue::NoStation);
    }
    match crate::load::label_fault(s, true) {
        Some(fault) => Err(BadValue::Label {
            label: s.to_string(),
            fault,
        }),
        None => Ok(s.to_string()),
    }
}

fn parse_lang(s: &str) -> Result<crate::i18n::Lang, BadValue> {
    crate::i18n::Lang::parse(s).ok_or_else(|| BadValue::Lang(s.to_string()))
}

/// A whole number from `low` to `high`, parsed as `P` (as clap's ranged parsers do, with the
/// same English words) and handed out as `T`.
fn ranged<P, T>(
    low: P,
    high: P,
) -> impl Fn(&str) -> Result<T, BadValue> + Clone + Send + Sync + 'static
where
    P: std::str::FromStr<Err = std::num::ParseIntError>
        + PartialOrd
        + std::fmt::Display
        + Copy
        + Send
        + Sync
        + 'static,
    T: TryFrom<P>,
{
    move |s: &str| {
        let v: P = s.parse()?;
        let out_of_range = || BadValue::Range {
            value: v.to_string(),
            low: low.to_string(),
            high: high.to_string(),
        };
        if v < low || v > high {
            return Err(out_of_range());
        }
        T::try_from(v).map_err(|_| out_of_range())
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain bytes pasted from a log: tracks, ATR, APDU, TLV, ISO 8583.
    Decode(DecodeArgs),
    /// Run a device simulator on a pseudo-terminal (prints `PTY <path>` first).
    Sim(SimArgs),
    /// List serial ports with USB identity and stable names.
    Ports,
    /// Identify a device and show its status.
    Probe(DeviceArgs),
    /// Wait for one card and print what was read (masked).
    Read(ReadArgs),
    /// Run the checklist on one terminal.
    Run(RunArgs),
    /// ISO 8583 acquirer host simulator over TCP.
    Host(HostArgs),
    /// The terminal UI (start screen).
    Tui,
    /// The terminal UI against the built-in simulated terminal.
    Demo(DemoArgs),
    /// Run the checklist on many terminals at once (QA line).
    Batch(BatchArgs),
    /// Reports: merge and summarise attempt CSVs.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Check a serial port before a run.
    Doctor(DoctorArgs),
    /// Reopen a finished run from its report folder (trace.jsonl), with no device: the TUI's end screen, or --headless the verdict through today's diagnosis.
    Replay(ReplayArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    Completions(CompletionsArgs),
    /// Print the man page (roff) on stdout: `cardbench man > cardbench.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for, e.g. `cardbench completions bash > /etc/bash_completion.d/cardbench`.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecodeKind {
    Track,
    Atr,
    Apdu,
    Tlv,
    #[value(name = "8583")]
    Iso8583,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Packing {
    Ascii,
    Cups,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Framing {
    Cups,
    Len2,
    Ascii4,
}

#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// What the input is: track (stripe text or --raw bits), atr, apdu, tlv or 8583.
    pub kind: DecodeKind,
    /// The input (hex, or track text); `-` or nothing reads stdin.
    pub input: Option<String>,
    /// More input words, joined to INPUT with spaces (hex pasted unquoted, with spaces).
    #[arg(hide = true)]
    pub more: Vec<String>,
    /// ISO 8583 packing: ascii (every field as text) or cups (BCD numbers, CUPS POS spec).
    #[arg(long, value_enum, default_value = "ascii")]
    pub format: Packing,
    /// The 8583 input carries its transport framing (CUPS: length + TPDU + header for --format cups; 2-byte length for ascii).
    #[arg(long)]
    pub framed: bool,
    /// Track input is a raw bit stream (hex bytes as the reader's raw mode sends them).
    #[arg(long)]
    pub raw: bool,
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimKind {
    Msr605,
    Crt310,
    Crt591,
    Pos,
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Which device to simulate: msr605, crt310 or crt591 (card readers), pos (a POS terminal).
    pub kind: SimKind,
    /// Scenario: a built-in name (crt310-default, msr605-default, demo, crt310-mute, …) or a
    /// TOML file (docs/scenarios.md); the simulator's built-in default otherwise.
    #[arg(long, value_name = "NAME|FILE")]
    pub scenario: Option<PathBuf>,
    /// Line speed the simulator paces its output at (10 bit-times per byte), 300 to 4000000.
    #[arg(long, default_value_t = 9600, value_parser = baud_range())]
    pub baud: u32,
    /// Publish the pseudo-terminal under this symlink (like /dev/serial/by-id). Only a symlink
    /// is ever replaced, never a file or folder; it is removed when the simulator exits.
    #[arg(long, value_name = "PATH")]
    pub link: Option<PathBuf>,
    /// POS simulator: dial this host over TCP (HOST:PORT) instead of opening a pseudo-terminal.
    #[arg(long, value_name = "HOST:PORT")]
    pub connect: Option<String>,
    /// With --connect: seconds to keep dialling while the host is not listening yet (retries
    /// with backoff, 0.1 s doubling to 2 s), 0 to 3600; 0 gives up at the first refusal.
    #[arg(long, default_value_t = 30, value_name = "SECONDS", requires = "connect",
          value_parser = ranged::<u64, u64>(0, 3_600))]
    pub connect_wait: u64,
}

#[derive(Debug, Args)]
pub struct DeviceArgs {
    /// Device address PROFILE:TARGET (help text: `device::open::device_help`, which lists the
    /// profiles from their one table).
    #[arg(
        long,
        short = 'd',
        env = "CARDBENCH_DEVICE",
        value_name = "PROFILE:TARGET",
        help = crate::device::open::device_help()
    )]
    pub device: String,
    /// Serial line speed in baud, 300 to 4000000 (also the in-process simulator's pace); the
    /// profile's default otherwise.
    #[arg(long, env = "CARDBENCH_BAUD", value_parser = baud_range())]
    pub baud: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    #[command(flatten)]
    pub dev: DeviceArgs,
    /// Read the chip (EMV flow) instead of the stripe.
    #[arg(long)]
    pub chip: bool,
    /// With --chip: the terminal configuration (TOML, docs/terminal.md); by default the
    /// built-in one.
    #[arg(long, value_name = "FILE", requires = "chip")]
    pub terminal: Option<PathBuf>,
    /// Print one JSON document instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Seconds to wait for a card (1 to 86400; 0 is refused: there is no "wait forever").
    #[arg(long, default_value_t = 30, value_name = "SECONDS",
          value_parser = ranged::<u64, u64>(1, 86_400))]
    pub wait: u64,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub dev: DeviceArgs,
    #[command(flatten)]
    pub plan: PlanArgs,
    /// No TUI: one line per attempt, then the verdict.
    #[arg(long)]
    pub headless: bool,
    /// Station name written in every row (and in the default report folder's name).
    #[arg(long, default_value = "bench-1", value_parser = folder_label)]
    pub station: String,
    /// Swipes per card (1 to 99).
    #[arg(long, default_value_t = 3, value_parser = swipes)]
    pub swipes: u32,
    /// Seconds to wait for the operator at each prompt (1 to 86400).
    #[arg(long, default_value_t = 60, value_name = "SECONDS",
          value_parser = ranged::<u64, u64>(1, 86_400))]
    pub prompt_timeout: u64,
    #[command(flatten)]
    pub pos: PosArgs,
    /// CSV for Excel: UTF-8 BOM and CRLF line ends.
    #[arg(long)]
    pub excel: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  cardbench host --listen 127.0.0.1:5800                 terminals connect over TCP\n  \
cardbench host --listen /dev/ttyUSB0 --framing cups     play host for one POS on its serial line\n  \
cardbench host --listen serial:/dev/ttyS0@115200        the same, at another line speed"
)]
pub struct HostArgs {
    /// Where to listen: a TCP address (127.0.0.1:5800) for terminals that dial the host, or a
    /// serial port (/dev/ttyUSB0, serial:PATH[@BAUD], 9600 baud by default) to play host for
    /// one POS on its serial line.
    #[arg(long, value_name = "ADDR|SERIAL")]
    pub listen: String,
    /// Rules file (TOML, docs/host-rules.md) or a built-in name (demo); default: approve
    /// everything.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Message framing: len2 (2-byte length), cups (length + TPDU + header) or ascii4 (4 ASCII
    /// digits of length).
    #[arg(long, value_enum, default_value = "len2")]
    pub framing: Framing,
    /// ISO 8583 packing: ascii or cups (BCD numbers).
    #[arg(long, value_enum, default_value = "ascii")]
    pub packing: Packing,
    /// Seconds a TCP terminal may stay silent before the host closes its connection.
    #[arg(long, default_value_t = crate::host::server::DEFAULT_IDLE_TIMEOUT.as_secs(),
          value_parser = ranged::<u64, u64>(1, 86_400))]
    pub idle_timeout: u64,
    /// TCP connections open at once; at the cap a new terminal closes the longest-idle one.
    #[arg(long, default_value_t = crate::host::server::DEFAULT_MAX_CONNECTIONS as u64,
          value_parser = ranged::<u64, u64>(1, 65_536))]
    pub max_connections: u64,
    /// TCP connections open at once from one IP address.
    #[arg(long, default_value_t = crate::host::server::DEFAULT_MAX_PER_PEER as u64,
          value_parser = ranged::<u64, u64>(1, 65_536))]
    pub max_per_peer: u64,
    #[command(flatten)]
    pub pos: PosArgs,
}

/// The POS host's keys and parameters (`pos8583`, `host`; docs/pos.md).
#[derive(Debug, Args, Clone, Default)]
pub struct PosArgs {
    /// POS terminals: the keys file (master keys, MAC algorithm, issuer keys; docs/pos.md), or
    /// `test` for the built-in test keys (the default).
    #[arg(long, value_name = "FILE|test")]
    pub keys: Option<String>,
    /// POS terminals: the IC parameters and CA public keys the host serves in downloads
    /// (docs/pos.md), or `test` for the built-in ones (the default).
    #[arg(long, value_name = "FILE|test")]
    pub params: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Built-in scenario name (demo, crt310-mute, crt310-worn-head, …; docs/scenarios.md) or
    /// a scenario file.
    #[arg(long, value_name = "NAME|FILE")]
    pub scenario: Option<String>,
    /// A whole POS terminal instead: the simulated UnionPay POS with a dead keypad while the
    /// host has one bank down (docs/pos.md).
    #[arg(long, conflicts_with = "scenario")]
    pub pos: bool,
    /// Report folder, created fresh (a folder that already holds files is refused); by default
    /// reports/demo-<timestamp>.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub who: WhoArgs,
}

/// What `run` and `batch` share: the deck, the host, the report folder, who runs it.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Deck file (TOML, docs/checklist.md); by default the deck matching the simulator's
    /// default scenario (batch: for every terminal whose station names none).
    #[arg(long, value_name = "FILE")]
    pub deck: Option<PathBuf>,
    /// Acquirer host: HOST:PORT, or `sim[:RULES.toml]` for the built-in host simulator; without
    /// it the network steps are skipped (batch: the host of every terminal).
    #[arg(long, value_name = "HOST:PORT|sim[:RULES]")]
    pub host: Option<String>,
    /// Terminal configuration for the chip steps (TOML, docs/terminal.md): terminal data, AID
    /// list and parameters, CA public keys; by default the built-in one.
    #[arg(long, value_name = "FILE")]
    pub terminal: Option<PathBuf>,
    /// Report folder, created fresh (a folder that already holds files is refused); by default
    /// reports/<station>-<timestamp> (batch: reports/batch-<timestamp>, one sub-folder per
    /// terminal).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub who: WhoArgs,
}

/// Who runs the bench and why, written in `run.toml` (and asked on the start screen).
#[derive(Debug, Args, Clone, Default)]
pub struct WhoArgs {
    /// Operator's name or id, recorded in run.toml.
    #[arg(long, env = "CARDBENCH_OPERATOR", value_parser = label)]
    pub operator: Option<String>,
    /// Repair or QA ticket number, recorded in run.toml.
    #[arg(long, value_parser = label)]
    pub ticket: Option<String>,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// A terminal to test, PROFILE:TARGET as for `run --device` (repeat for each).
    #[arg(long = "device", short = 'd', value_name = "PROFILE:TARGET")]
    pub devices: Vec<String>,
    /// Stations file (TOML: one [[station]] per terminal, docs/batch.md).
    #[arg(long, value_name = "FILE")]
    pub stations: Option<PathBuf>,
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Swipes per card (1 to 99).
    #[arg(long, default_value_t = 3, value_parser = swipes)]
    pub swipes: u32,
    /// CSV for Excel: UTF-8 BOM and CRLF line ends.
    #[arg(long)]
    pub excel: bool,
    /// Serial line speed in baud, 300 to 4000000 (also the in-process simulators' pace).
    #[arg(long, env = "CARDBENCH_BAUD", value_parser = baud_range())]
    pub baud: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Merge attempts.csv files of several runs into per-bank, per-card and per-terminal summaries.
    Summarize(SummarizeArgs),
}

#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// Run folders (or attempts.csv files).
    #[arg(required = true, value_name = "DIR|CSV")]
    pub dirs: Vec<PathBuf>,
    /// Print one JSON document instead of the tables.
    #[arg(long)]
    pub json: bool,
    /// Write the summary CSVs into this folder as well.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The run's report folder (it holds trace.jsonl).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// No TUI: print the verdict again, from the recorded attempts, through today's diagnosis.
    #[arg(long)]
    pub headless: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The device to check, PROFILE:TARGET (crt310:/dev/ttyUSB0, msr605:rfc2217://HOST:PORT);
    /// every serial port found otherwise.
    #[arg(long, short = 'd', value_name = "PROFILE:TARGET")]
    pub device: Option<String>,
}

impl From<Packing> for crate::codec::iso8583::Packing {
    fn from(p: Packing) -> Self {
        match p {
            Packing::Ascii => crate::codec::iso8583::Packing::Ascii,
            Packing::Cups => crate::codec::iso8583::Packing::Cups,
        }
    }
}

impl From<Framing> for crate::codec::iso8583::framing::Framing {
    fn from(f: Framing) -> Self {
        use crate::codec::iso8583::framing::Framing as F;
        match f {
            Framing::Cups => F::Cups,
            Framing::Len2 => F::Len2,
            Framing::Ascii4 => F::Ascii4,
        }
    }
}

impl From<SimKind> for crate::sim::SimKind {
    fn from(k: SimKind) -> Self {
        match k {
            SimKind::Msr605 => crate::sim::SimKind::Msr605,
            SimKind::Crt310 => crate::sim::SimKind::Crt310,
            SimKind::Crt591 => crate::sim::SimKind::Crt591,
            SimKind::Pos => crate::sim::SimKind::Pos,
        }
    }
}

/// The line speeds a `--baud` may name ([`crate::link::BAUD_RANGE`]).
fn baud_range() -> impl Fn(&str) -> Result<u32, BadValue> + Clone + Send + Sync + 'static {
    let r = crate::link::BAUD_RANGE;
    ranged::<i64, u32>(i64::from(*r.start()), i64::from(*r.end()))
}
