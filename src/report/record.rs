//! `run.toml`: the run record every report folder holds — which tool made it, when the run
//! started and ended, how it ended, on which terminal, at which station, by whom, for which
//! ticket, with which deck and host, and how many cards were tested (docs/report-format.md).
//! Written when the run starts (`end = "running"`), on every export and when it ends; a folder
//! still saying `running` after the fact was killed (power cut, `kill -9`).

use super::writer::replace_file;
use super::{ReportError, Result, RUN_RECORD};
use crate::model::{DeviceInfo, RunEnd};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The `end` of a run still in progress.
pub const RUNNING: &str = "running";

/// The run record (`run.toml`). Field names are a contract, as CSV columns are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// `cardbench`.
    pub tool: String,
    /// The tool's version (`Cargo.toml`).
    pub version: String,
    /// Local time the run started, RFC 3339.
    pub started: String,
    /// Local time the run ended (empty while it runs).
    pub ended: String,
    /// `running`, `complete`, `stopped by operator`, `device lost`, `could not run`
    /// ([`RunEnd::code`]).
    pub end: String,
    /// Why it ended early (empty when complete or running).
    pub end_reason: String,
    /// `end_reason` in both languages while the run that made it is live (the file keeps the
    /// English only): the printable report of a Chinese run says why in Chinese.
    #[serde(skip)]
    pub end_reason_text: crate::i18n::Text,
    /// The run's language (`en`, `zh-CN`).
    pub lang: String,
    pub station: String,
    /// Who ran it (`--operator`, the start screen).
    pub operator: String,
    /// Repair or QA ticket (`--ticket`, the start screen).
    pub ticket: String,
    /// The computer the bench ran on (host name).
    pub computer: String,
    /// The acquirer host: `sim`, `sim:RULES`, `HOST:PORT`; empty when none (network steps
    /// SKIP).
    pub host: String,
    pub terminal: TerminalRecord,
    pub deck: DeckRecord,
    pub counts: RunCounts,
}

/// The terminal as the run saw it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TerminalRecord {
    /// The device address the run opened (`crt310:/dev/serial/by-id/…`, `msr605:sim`).
    pub device: String,
    pub profile: String,
    pub model: String,
    pub firmware: String,
    pub serial: String,
    /// ISO 8583 DE41 (card acceptor terminal id) of a POS terminal, when it sent one.
    pub de41: String,
    /// ISO 8583 DE42 (card acceptor id, merchant) of a POS terminal, when it sent one.
    pub de42: String,
}

impl TerminalRecord {
    /// The record of `device` with the identity it reported.
    pub fn new(device: &str, info: &DeviceInfo) -> TerminalRecord {
        TerminalRecord {
            device: device.to_string(),
            profile: info.profile.clone(),
            model: info.model.clone(),
            firmware: info.firmware.clone(),
            serial: info.serial.clone(),
            de41: String::new(),
            de42: String::new(),
        }
    }
}

/// The deck the run walked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeckRecord {
    /// The deck's name (`[deck] name`).
    pub name: String,
    /// Where it came from: a built-in name or a file path; empty for the device's default.
    pub source: String,
    /// Cards in the deck.
    pub cards: usize,
}

/// Cards and checks of the run, counted as the summaries count them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunCounts {
    /// Cards with at least one judged (not SKIP) attempt.
    pub cards_tested: usize,
    /// Cards with a FAIL or ERROR.
    pub cards_failed: usize,
    /// Cards the run never reached (or reached only in part).
    pub cards_not_tested: usize,
    /// Attempts recorded.
    pub checks: u64,
    /// FAIL and ERROR attempts.
    pub checks_failed: u64,
}

impl RunRecord {
    /// A record for a run starting now.
    pub fn starting(station: &str, device: &str, lang: crate::i18n::Lang) -> RunRecord {
        RunRecord {
            tool: "cardbench".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            started: crate::trace::now_stamp(),
            end: RUNNING.into(),
            lang: lang.code().into(),
            station: station.into(),
            computer: computer_name(),
            terminal: TerminalRecord {
                device: device.into(),
                ..TerminalRecord::default()
            },
            ..RunRecord::default()
        }
    }

    /// Marks the run ended now, the way `end` says.
    pub fn ended(&mut self, end: &RunEnd) {
        self.ended = crate::trace::now_stamp();
        self.end = end.code().into();
        self.end_reason = match end {
            RunEnd::Complete => String::new(),
            e => e.reason().unwrap_or_default().to_string(),
        };
        self.end_reason_text =
            crate::i18n::Text::each(|lang| end.reason_in(lang).unwrap_or_default().to_string());
    }

    /// Whether the run is over.
    pub fn is_over(&self) -> bool {
        self.end != RUNNING
    }

    /// The record as TOML text.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| ReportError::Csv(format!("run.toml: {e}")))
    }

    /// Writes `dir/run.toml` atomically. Card data never gets here; the guard is applied to
    /// the whole text all the same.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let text = self.to_toml()?;
        if crate::sensitive::find_clear_pan(&text).is_some() {
            return Err(ReportError::Csv(
                "run.toml: refused, it would hold a card number".into(),
            ));
        }
        replace_file(&dir.join(RUN_RECORD), text.as_bytes())
    }

    /// Reads `dir/run.toml` back.
    pub fn read(dir: &Path) -> Result<RunRecord> {
        let path = dir.join(RUN_RECORD);
        let text = std::fs::read_to_string(&path)?;
        toml::from_str(&text).map_err(|e| ReportError::Csv(format!("{}: {e}", path.display())))
    }
}

/// This computer's host name (Linux: `/proc/sys/kernel/hostname`; else `$HOSTNAME`).
fn computer_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trip_and_end_states() {
        let d = tempfile::tempdir().unwrap();
        let mut r = RunRecord::starting("bench-1", "crt310:sim", crate::i18n::Lang::ZhCn);
        r.operator = "张三".into();
        r.ticket = "RMA-42".into();
        r.write(d.path()).unwrap();
        let back = RunRecord::read(d.path()).unwrap();
        assert_eq!(back, r);
        assert!(!back.is_over());
        assert_eq!(back.version, env!("CARGO_PKG_VERSION"));
        r.ended(&RunEnd::StoppedByOperator);
        r.write(d.path()).unwrap();
        let text = std::fs::read_to_string(d.path().join("run.toml")).unwrap();
        assert!(text.contains("end = \"stopped by operator\""), "{text}");
        r.ended(&RunEnd::DeviceLost("EIO".into()));
        assert_eq!(
            (r.end.as_str(), r.end_reason.as_str()),
            ("device lost", "EIO")
        );
    }
}
