//! The run plan: everything one checklist run needs, typed and validated once — from the
//! command line, the start screen, the demo or a batch station — with one set of defaults.

use crate::device::{DeviceAddress, Target};
use crate::host::HostSpec;
use crate::i18n::Lang;
use std::path::PathBuf;
use std::time::Duration;

/// How fast the run moves between steps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pacing {
    /// No pause: headless runs, batch, real readers.
    #[default]
    Immediate,
    /// A pause after each step so a person can watch results land (demo, simulators in the
    /// TUI).
    Demo,
}

impl Pacing {
    /// Pause after each step (one per card and interface).
    pub fn step_pause(self) -> Duration {
        match self {
            Pacing::Immediate => Duration::ZERO,
            // Slow enough to watch every result land, while the 8-card demo still finishes in
            // about half a minute.
            Pacing::Demo => Duration::from_millis(1000),
        }
    }
}

/// Everything one run needs. Built by `commands::run`, the TUI, `demo` and `batch`, starting
/// from [`RunPlan::defaults`].
#[derive(Clone, Debug)]
pub struct RunPlan {
    /// Station name written in every row.
    pub station: String,
    /// Who runs it (`--operator`, the start screen), for `run.toml`.
    pub operator: String,
    /// Repair or QA ticket (`--ticket`, the start screen), for `run.toml`.
    pub ticket: String,
    /// The reader or terminal.
    pub device: DeviceAddress,
    /// Deck: a built-in name or a file; `None` = the deck matching the device (its simulator
    /// scenario, or the profile's default deck).
    pub deck: Option<String>,
    /// Acquirer host; `None` = the network steps SKIP.
    pub host: Option<HostSpec>,
    /// Report folder (created).
    pub out_dir: PathBuf,
    /// Line speed for serial ports and in-process simulators; `None` = the profile's default.
    pub baud: Option<u32>,
    /// Swipes per card (at least 1).
    pub swipes: u32,
    /// How long a prompt waits for the operator before it is recorded as timed out.
    pub prompt_timeout: Duration,
    /// How long the bench keeps reopening a lost device before the run stops (device lost
    /// and not back).
    pub reconnect_window: Duration,
    pub pacing: Pacing,
    /// Excel-friendly CSV (UTF-8 BOM, CRLF).
    pub excel: bool,
    /// Extra BIN data (`--bins`).
    pub bins: Option<PathBuf>,
    pub lang: Lang,
    /// POS terminals (`pos8583`): the keys file (`test` or a file; `None` = the built-in test
    /// keys) and the parameters file the host serves.
    pub keys: Option<String>,
    pub params: Option<String>,
    /// The terminal configuration of the chip steps (`--terminal`, docs/terminal.md: terminal
    /// data, AID list and parameters, CA public keys); `None` = the built-in one.
    pub terminal: Option<std::path::PathBuf>,
    /// The bench's terminal id (DE41) and STAN base on the acquirer link: the single run's by
    /// default, each batch terminal its own (`BenchIdentity::for_stations`).
    pub bench_id: crate::host::BenchIdentity,
}

/// Default station name.
pub const DEFAULT_STATION: &str = "bench-1";
/// Default swipes per card.
pub const DEFAULT_SWIPES: u32 = 3;
/// Default operator prompt timeout.
pub const DEFAULT_PROMPT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default time to reopen a lost device (replug a cable) before the run stops.
pub const DEFAULT_RECONNECT_WINDOW: Duration = Duration::from_secs(60);

impl RunPlan {
    /// The plan for `device` with every other choice at its default: station `bench-1`, the
    /// device's own deck, no host, `reports/bench-1-<time>`, 3 swipes, 60 s prompts, 60 s to
    /// reconnect, no pause.
    pub fn defaults(device: DeviceAddress) -> RunPlan {
        RunPlan {
            station: DEFAULT_STATION.into(),
            operator: String::new(),
            ticket: String::new(),
            device,
            deck: None,
            host: None,
            out_dir: default_out_dir(DEFAULT_STATION),
            baud: None,
            swipes: DEFAULT_SWIPES,
            prompt_timeout: DEFAULT_PROMPT_TIMEOUT,
            reconnect_window: DEFAULT_RECONNECT_WINDOW,
            pacing: Pacing::Immediate,
            excel: false,
            bins: None,
            lang: Lang::default(),
            keys: None,
            params: None,
            terminal: None,
            bench_id: crate::host::BenchIdentity::default(),
        }
    }

    /// Sets the station and moves the default report folder with it.
    pub fn with_station(mut self, station: &str) -> RunPlan {
        self.station = station.to_string();
        self.out_dir = default_out_dir(station);
        self
    }

    /// The host the run talks to: `--host sim` without its own rules takes the rules the
    /// device's simulator scenario names (`host_rules`, docs/scenarios.md); `None` = no host.
    pub fn host_spec(&self) -> Option<crate::host::HostSpec> {
        let spec = self.host.clone()?;
        let scenario_rules = match &self.device.target {
            Target::Sim(Some(name)) => crate::sim::scenario::Scenario::resolve(name)
                .ok()
                .and_then(|s| s.scenario.host_rules),
            _ => None,
        };
        Some(spec.or_rules(scenario_rules.as_deref()))
    }

    /// Whether the device is the built-in simulator (runs in-process).
    pub fn is_simulated(&self) -> bool {
        matches!(self.device.target, Target::Sim(_))
    }
}

/// Default report folder: `reports/<station>-<YYYYmmdd-HHMMSS>`, the station reduced to
/// characters safe in a file name; `-2`, `-3`… when that folder is taken (a run never mixes
/// with another, `report::folder`).
pub fn default_out_dir(station: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    crate::report::folder::unused_dir(
        &PathBuf::from("reports").join(format!("{}-{stamp}", file_safe(station))),
    )
}

/// A label reduced to letters, digits, `-` and `_` (others become `_`), at most 64 characters.
pub fn file_safe(s: &str) -> String {
    s.chars()
        .take(64)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn defaults_and_station() {
        let p = RunPlan::defaults(DeviceAddress::parse("crt310:sim").unwrap());
        assert!(p.is_simulated());
        assert_eq!(p.swipes, 3);
        assert!(p.out_dir.starts_with("reports"));
        let p = p.with_station("line 2/a");
        assert!(p
            .out_dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("line_2_a-"));
    }
}
