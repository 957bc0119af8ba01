//! The stations file of `cardbench batch --stations FILE`: one `[[station]]` per terminal with
//! its device address, a label, and optionally the model and serial number it must report.

use crate::device::DeviceAddress;
use crate::i18n::{Arg, Text};
use crate::load::LoadError;
use serde::Deserialize;
use std::path::Path;

/// One terminal of a batch.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Station {
    /// Device address `PROFILE:TARGET` (prefer `/dev/serial/by-id/...` for USB adapters).
    pub device: String,
    /// Name of the terminal in reports and on screen; also its report sub-folder.
    #[serde(default)]
    pub label: String,
    /// The model the terminal must report (case-insensitive); a mismatch is a FAIL.
    #[serde(default)]
    pub expect_model: Option<String>,
    /// The serial number the terminal must report; a mismatch is a FAIL.
    #[serde(default)]
    pub expect_serial: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StationsFile {
    #[serde(default)]
    station: Vec<Station>,
}

/// Parses a stations file's text; `origin` names it in error messages.
pub fn parse_stations(text: &str, origin: &str) -> Result<Vec<Station>, LoadError> {
    let f: StationsFile = crate::load::parse_toml(text, origin)?;
    if f.station.is_empty() {
        return Err(LoadError::said(origin, Text::tr("errors-load-no-stations")));
    }
    finish(f.station, origin)
}

pub fn load_stations(path: &Path) -> Result<Vec<Station>, LoadError> {
    let text = crate::load::read_text(path)?;
    parse_stations(&text, &path.display().to_string())
}

/// Stations from repeated `--device` flags, labelled `T01`, `T02`…
pub fn from_devices(devices: &[String]) -> Result<Vec<Station>, LoadError> {
    let stations = devices
        .iter()
        .map(|d| Station {
            device: d.clone(),
            label: String::new(),
            expect_model: None,
            expect_serial: None,
        })
        .collect();
    finish(stations, "--device")
}

/// Fills default labels, checks addresses, and rejects duplicate or unsafe labels (a label
/// is a folder name).
fn finish(mut stations: Vec<Station>, origin: &str) -> Result<Vec<Station>, LoadError> {
    let width = if stations.len() >= 100 { 3 } else { 2 };
    for (i, s) in stations.iter_mut().enumerate() {
        let key = |k: &str| format!("station[{}].{k}", i + 1);
        DeviceAddress::parse(&s.device).map_err(|_| {
            let d = crate::load::shown(&s.device);
            LoadError::said_at(
                origin,
                key("device"),
                Text::tr_args("errors-load-station-device", &[("value", Arg::from(d))]),
            )
        })?;
        s.label = s.label.trim().to_string();
        if s.label.is_empty() {
            s.label = format!("T{:0width$}", i + 1);
        }
        crate::load::check_folder_label(&s.label)
            .map_err(|m| LoadError::said_at(origin, key("label"), m))?;
        for (k, v) in [
            ("expect_model", &s.expect_model),
            ("expect_serial", &s.expect_serial),
        ] {
            if let Some(v) = v {
                crate::load::check_label(v).map_err(|m| LoadError::said_at(origin, key(k), m))?;
            }
        }
    }
    for (i, s) in stations.iter().enumerate() {
        if stations[..i].iter().any(|o| o.label == s.label) {
            let label = crate::load::shown(&s.label);
            return Err(LoadError::said(
                origin,
                Text::tr_args("errors-load-station-twice", &[("label", label.into())]),
            ));
        }
    }
    Ok(stations)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_a_stations_file() {
        let s = parse_stations(
            r#"
[[station]]
device = "crt310:/dev/serial/by-id/usb-FTDI_FT232R_A1-if00-port0"
label = "line1-收银台"
expect_model = "CRT-310"
expect_serial = "SN001"

[[station]]
device = "msr605:rfc2217://10.0.0.5:4001"
"#,
            "t.toml",
        )
        .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].expect_serial.as_deref(), Some("SN001"));
        assert_eq!(s[1].label, "T02");
    }

    #[test]
    fn rejects_bad_files() {
        assert!(parse_stations("", "x").is_err());
        assert!(parse_stations("[[station]]\nlabel='a'\n", "x").is_err());
        assert!(parse_stations("[[station]]\ndevice='nocolon'\n", "x").is_err());
        assert!(parse_stations(
            "[[station]]\ndevice='crt310:sim'\nlabel='a'\n[[station]]\ndevice='crt310:sim'\nlabel='a'\n",
            "x"
        )
        .is_err());
        assert!(parse_stations("[[station]]\ndevice='crt310:sim'\nlabel='../x'\n", "x").is_err());
        assert!(parse_stations("[[station]]\ndevice='crt310:sim'\ntypo=1\n", "x").is_err());
    }
}
