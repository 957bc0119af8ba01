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

/// Where each station's values are in the file, to name the line of a bad one.
#[derive(Deserialize)]
struct SpansFile {
    #[serde(default)]
    station: Vec<StationSpans>,
}

#[derive(Deserialize)]
struct StationSpans {
    device: Option<toml::Spanned<toml::Value>>,
    label: Option<toml::Spanned<toml::Value>>,
    expect_model: Option<toml::Spanned<toml::Value>>,
    expect_serial: Option<toml::Spanned<toml::Value>>,
}

/// Parses a stations file's text; `origin` names it in error messages, with the line of the
/// value at fault when a station is refused.
pub fn parse_stations(text: &str, origin: &str) -> Result<Vec<Station>, LoadError> {
    let f: StationsFile = crate::load::parse_toml(text, origin)?;
    if f.station.is_empty() {
        return Err(LoadError::said(origin, Text::tr("errors-load-no-stations")));
    }
    finish(f.station, origin).map_err(|refused| {
        let (e, i, key) = *refused;
        let spans = toml::from_str::<SpansFile>(text).ok();
        let span = spans.as_ref().and_then(|f| f.station.get(i)).and_then(|s| {
            match key {
                "device" => s.device.as_ref(),
                "expect_model" => s.expect_model.as_ref(),
                "expect_serial" => s.expect_serial.as_ref(),
                _ => s.label.as_ref(),
            }
            .or(s.device.as_ref())
        });
        e.on_line(span.map(|v| crate::load::line_at(text, v.span().start)))
    })
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
    finish(stations, "--device").map_err(|refused| refused.0)
}

/// What [`finish`] refused: the error, the index of the station and the key at fault.
type Refused = Box<(LoadError, usize, &'static str)>;

/// Fills default labels, checks addresses, and rejects duplicate or unsafe labels (a label
/// is a folder name).
fn finish(mut stations: Vec<Station>, origin: &str) -> Result<Vec<Station>, Refused> {
    let width = if stations.len() >= 100 { 3 } else { 2 };
    for (i, s) in stations.iter_mut().enumerate() {
        let key = |k: &str| format!("station[{}].{k}", i + 1);
        let addr = DeviceAddress::parse(&s.device).map_err(|_| {
            let d = crate::load::shown(&s.device);
            let why = Text::tr_args("errors-load-station-device", &[("value", Arg::from(d))]);
            Box::new((LoadError::said_at(origin, key("device"), why), i, "device"))
        })?;
        // A mistyped profile is refused as every command refuses it, not run as an ERROR.
        crate::device::open::check_profile(&addr.profile).map_err(|_| {
            let known = crate::device::open::all_profile_names().join(", ");
            let why = Text::tr_args("errors-unknown-profile", &[("known", known.into())]);
            Box::new((LoadError::said_at(origin, key("device"), why), i, "device"))
        })?;
        s.label = s.label.trim().to_string();
        if s.label.is_empty() {
            s.label = format!("T{:0width$}", i + 1);
        }
        crate::load::check_folder_label(&s.label)
            .map_err(|m| Box::new((LoadError::said_at(origin, key("label"), m), i, "label")))?;
        for (k, v) in [
            ("expect_model", &s.expect_model),
            ("expect_serial", &s.expect_serial),
        ] {
            if let Some(v) = v {
                crate::load::check_label(v)
                    .map_err(|m| Box::new((LoadError::said_at(origin, key(k), m), i, k)))?;
            }
        }
    }
    for (i, s) in stations.iter().enumerate() {
        if stations[..i].iter().any(|o| o.label == s.label) {
            let label = crate::load::shown(&s.label);
            let why = Text::tr_args("errors-load-station-twice", &[("label", label.into())]);
            return Err(Box::new((LoadError::said(origin, why), i, "label")));
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

    /// Issue of the breaker's notes: a bad station names its line (the value at fault, else
    /// the station's device line), in both languages; a TOML error's line is the key's own.
    #[test]
    fn a_bad_station_names_its_line() {
        let two = |second: &str| {
            format!("[[station]]\ndevice = 'crt310:sim'\nlabel = 'A'\n\n[[station]]\n{second}")
        };
        let line = |text: &str| parse_stations(text, "s.toml").unwrap_err().line;
        assert_eq!(line(&two("device = 'nocolon'\n")), Some(6));
        assert_eq!(line(&two("device = 'crt-310:sim'\n")), Some(6));
        assert_eq!(
            line(&two("device = 'crt310:sim'\nlabel = '../x'\n")),
            Some(7)
        );
        assert_eq!(line(&two("device = 'crt310:sim'\nlabel = 'A'\n")), Some(7));
        let e = parse_stations(&two("device = 'crt310:sim'\nlabel = 'A'\n"), "s.toml").unwrap_err();
        assert!(e.to_string().starts_with("s.toml:7: "), "{e}");
        assert!(e.text(crate::i18n::Lang::ZhCn).contains("第 7 行"), "{e}");
        let e = parse_stations(&two("device = 'crt-310:sim'\n"), "s.toml").unwrap_err();
        assert!(
            e.to_string().contains("unknown profile; known: crt310"),
            "{e}"
        );
        let e = parse_stations(&two("device = 'crt310:sim'\ntypo = 1\n"), "s.toml").unwrap_err();
        assert!(e.to_string().contains("line 7: unknown field"), "{e}");
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
