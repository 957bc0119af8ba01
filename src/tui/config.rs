//! The start screen's remembered choices: a small TOML file in the user's config directory
//! (`$CARDBENCH_CONFIG` overrides the path).

use crate::error::Result;
use crate::load::LoadError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the start screen remembers between sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TuiConfig {
    /// `en` or `zh-CN`.
    pub lang: Option<String>,
    /// Device address last started (`crt310:/dev/serial/by-id/...`, `msr605:sim`, `demo`).
    pub device: Option<String>,
    /// Profile used for serial ports.
    pub profile: Option<String>,
    pub deck: Option<PathBuf>,
    pub host: Option<String>,
    pub station: Option<String>,
    /// Who runs the bench (written in run.toml).
    pub operator: Option<String>,
    /// Repair or QA ticket (written in run.toml).
    pub ticket: Option<String>,
    /// Report folder the runs are written under (absolute).
    pub out: Option<PathBuf>,
}

/// Where the config lives: `$CARDBENCH_CONFIG`, else `<config dir>/cardbench/tui.toml`.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CARDBENCH_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "cardbench").map(|d| d.config_dir().join("tui.toml"))
}

/// Loads the config; a missing file means defaults, a bad one is a config error.
pub fn load(path: &Path) -> Result<TuiConfig> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(TuiConfig::default()),
        Err(e) => return Err(e.into()),
    };
    Ok(crate::load::parse_toml(&text, &path.display().to_string())?)
}

/// Writes the config (creating its folder), through a temporary file renamed into place.
pub fn save(path: &Path, cfg: &TuiConfig) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = toml::to_string_pretty(cfg)
        .map_err(|e| LoadError::new(path.display().to_string(), e.to_string()))?;
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trip_and_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/tui.toml");
        assert_eq!(load(&p).unwrap(), TuiConfig::default());
        let cfg = TuiConfig {
            lang: Some("zh-CN".into()),
            device: Some("crt310:sim".into()),
            profile: Some("msr605".into()),
            deck: Some("fixtures/decks/demo.toml".into()),
            host: Some("sim".into()),
            station: None,
            ..TuiConfig::default()
        };
        save(&p, &cfg).unwrap();
        assert_eq!(load(&p).unwrap(), cfg);
        std::fs::write(&p, "nonsense = [").unwrap();
        assert!(load(&p).is_err());
    }
}
