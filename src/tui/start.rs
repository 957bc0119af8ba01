//! The start screen's model: detected serial ports (with their stable `/dev/serial/by-id`
//! names), the built-in simulators and the demo; the chosen profile, deck and host.

use super::config::TuiConfig;
use std::path::{Path, PathBuf};

/// Reader profiles a serial port can be driven with.
pub const PROFILES: [&str; 2] = ["crt310", "msr605"];

/// What a start-screen row starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// The demo: simulated terminal with faults, its own deck and host.
    Demo,
    /// A built-in simulator of this profile.
    Sim(&'static str),
    /// A serial port (profile chosen with `p`).
    Port,
}

/// One row of the device list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceEntry {
    pub kind: EntryKind,
    /// Device path (`/dev/ttyUSB0`) or simulator address.
    pub path: String,
    /// Stable name (`/dev/serial/by-id/usb-FTDI_...`), used in the address when present.
    pub stable: Option<String>,
    /// USB identity or description.
    pub info: String,
}

/// What Enter on the start screen starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartChoice {
    pub demo: bool,
    /// Device address `PROFILE:TARGET`.
    pub device: String,
    pub profile: String,
    pub deck: Option<PathBuf>,
    pub host: Option<String>,
}

/// The start screen's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartState {
    pub entries: Vec<DeviceEntry>,
    pub selected: usize,
    pub profile: usize,
    pub decks: Vec<Option<PathBuf>>,
    pub deck: usize,
    pub hosts: Vec<Option<String>>,
    pub host: usize,
    /// Where the choices are remembered (shown on screen).
    pub config_path: Option<PathBuf>,
}

impl StartState {
    /// No ports, only the built-ins (tests and the run-only screen).
    pub fn empty() -> Self {
        StartState::with_ports(Vec::new(), &TuiConfig::default(), Path::new("."))
    }

    /// Builds the screen from detected ports, remembered choices and the decks/hosts found
    /// under `root/fixtures`.
    pub fn with_ports(ports: Vec<DeviceEntry>, cfg: &TuiConfig, root: &Path) -> Self {
        let mut entries = vec![
            DeviceEntry {
                kind: EntryKind::Demo,
                path: "demo".into(),
                stable: None,
                info: String::new(),
            },
            DeviceEntry {
                kind: EntryKind::Sim("crt310"),
                path: "crt310:sim".into(),
                stable: None,
                info: String::new(),
            },
            DeviceEntry {
                kind: EntryKind::Sim("msr605"),
                path: "msr605:sim".into(),
                stable: None,
                info: String::new(),
            },
        ];
        entries.extend(ports);

        let mut decks: Vec<Option<PathBuf>> = vec![None];
        decks.extend(
            list_toml(&root.join("fixtures/decks"))
                .into_iter()
                .map(Some),
        );
        if let Some(d) = &cfg.deck {
            if !decks.iter().any(|x| x.as_ref() == Some(d)) {
                decks.push(Some(d.clone()));
            }
        }
        let mut hosts: Vec<Option<String>> = vec![None, Some("sim".into())];
        for f in list_toml(&root.join("fixtures/hosts")) {
            hosts.push(Some(format!("sim:{}", f.display())));
        }
        if let Some(h) = &cfg.host {
            if !hosts.iter().any(|x| x.as_deref() == Some(h.as_str())) {
                hosts.push(Some(h.clone()));
            }
        }

        let mut s = StartState {
            entries,
            selected: 0,
            profile: 0,
            decks,
            deck: 0,
            hosts,
            host: 0,
            config_path: None,
        };
        if let Some(p) = &cfg.profile {
            s.profile = PROFILES.iter().position(|x| x == p).unwrap_or(0);
        }
        if let Some(dev) = &cfg.device {
            if let Some(i) = s.entries.iter().position(|e| e.matches(dev)) {
                s.selected = i;
            }
        }
        if let Some(d) = &cfg.deck {
            s.deck = s
                .decks
                .iter()
                .position(|x| x.as_ref() == Some(d))
                .unwrap_or(0);
        }
        if let Some(h) = &cfg.host {
            s.host = s
                .hosts
                .iter()
                .position(|x| x.as_deref() == Some(h.as_str()))
                .unwrap_or(0);
        }
        s
    }

    pub fn move_selection(&mut self, delta: i64) {
        let n = self.entries.len() as i64;
        if n == 0 {
            return;
        }
        self.selected = (self.selected as i64 + delta).clamp(0, n - 1) as usize;
    }

    pub fn cycle_profile(&mut self) {
        self.profile = (self.profile + 1) % PROFILES.len();
    }

    pub fn cycle_deck(&mut self) {
        self.deck = (self.deck + 1) % self.decks.len().max(1);
    }

    pub fn cycle_host(&mut self) {
        self.host = (self.host + 1) % self.hosts.len().max(1);
    }

    pub fn profile_name(&self) -> &'static str {
        PROFILES.get(self.profile).copied().unwrap_or("crt310")
    }

    pub fn deck_choice(&self) -> Option<&PathBuf> {
        self.decks.get(self.deck).and_then(|d| d.as_ref())
    }

    pub fn host_choice(&self) -> Option<&str> {
        self.hosts.get(self.host).and_then(|h| h.as_deref())
    }

    /// The selected device's address (`demo` for the demo).
    pub fn address(&self, e: &DeviceEntry) -> String {
        match &e.kind {
            EntryKind::Demo => "demo".into(),
            EntryKind::Sim(_) => e.path.clone(),
            EntryKind::Port => format!(
                "{}:{}",
                self.profile_name(),
                e.stable.as_deref().unwrap_or(&e.path)
            ),
        }
    }

    /// What Enter starts, if a row is selected.
    pub fn choice(&self) -> Option<StartChoice> {
        let e = self.entries.get(self.selected)?;
        let profile = match &e.kind {
            EntryKind::Sim(p) => (*p).to_string(),
            EntryKind::Demo => "crt310".into(),
            EntryKind::Port => self.profile_name().to_string(),
        };
        Some(StartChoice {
            demo: e.kind == EntryKind::Demo,
            device: self.address(e),
            profile,
            deck: self.deck_choice().cloned(),
            host: self.host_choice().map(str::to_string),
        })
    }

    /// Replaces the detected ports, keeping the built-ins and the selection where possible.
    pub fn set_ports(&mut self, ports: Vec<DeviceEntry>) {
        let keep = self.entries.get(self.selected).map(|e| e.path.clone());
        self.entries.retain(|e| e.kind != EntryKind::Port);
        self.entries.extend(ports);
        self.selected = keep
            .and_then(|p| self.entries.iter().position(|e| e.path == p))
            .unwrap_or(0);
    }
}

impl DeviceEntry {
    fn matches(&self, address: &str) -> bool {
        match &self.kind {
            EntryKind::Demo => address == "demo",
            EntryKind::Sim(_) => address == self.path,
            EntryKind::Port => {
                let target = address.split_once(':').map(|(_, t)| t).unwrap_or(address);
                target == self.path || Some(target) == self.stable.as_deref()
            }
        }
    }
}

fn list_toml(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Serial ports on this machine (the listing `cardbench ports` prints), with their stable
/// `/dev/serial/by-id` name preferred for the device address. Never fails: a scan error just
/// means no ports listed.
pub fn detect_ports() -> Vec<DeviceEntry> {
    crate::link::ports::list_ports()
        .into_iter()
        .map(|p| {
            let mut info = Vec::new();
            if !p.vid_pid.is_empty() {
                info.push(format!("USB {}", p.vid_pid));
            } else if p.kind != "unknown" && !p.kind.is_empty() {
                info.push(p.kind.to_uppercase());
            }
            for s in [&p.manufacturer, &p.product] {
                if !s.is_empty() {
                    info.push(s.clone());
                }
            }
            if !p.serial_number.is_empty() {
                info.push(format!("SN {}", p.serial_number));
            }
            let stable = p
                .links
                .iter()
                .find(|l| l.contains("/by-id/"))
                .or_else(|| p.links.first())
                .cloned();
            DeviceEntry {
                kind: EntryKind::Port,
                path: p.path,
                stable,
                info: info.join(" "),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn port(path: &str, stable: Option<&str>) -> DeviceEntry {
        DeviceEntry {
            kind: EntryKind::Port,
            path: path.into(),
            stable: stable.map(str::to_string),
            info: "USB 0403:6001".into(),
        }
    }

    #[test]
    fn port_address_uses_stable_name_and_profile() {
        let mut s = StartState::with_ports(
            vec![port(
                "/dev/ttyUSB0",
                Some("/dev/serial/by-id/usb-FTDI_X-if00"),
            )],
            &TuiConfig::default(),
            Path::new("/nonexistent"),
        );
        s.selected = 3;
        s.cycle_profile();
        let c = s.choice().unwrap();
        assert_eq!(c.device, "msr605:/dev/serial/by-id/usb-FTDI_X-if00");
        assert!(!c.demo);
    }

    #[test]
    fn remembered_choices_are_restored() {
        let cfg = TuiConfig {
            device: Some("crt310:/dev/serial/by-id/usb-FTDI_X-if00".into()),
            profile: Some("crt310".into()),
            host: Some("10.0.0.5:5800".into()),
            ..TuiConfig::default()
        };
        let s = StartState::with_ports(
            vec![port(
                "/dev/ttyUSB0",
                Some("/dev/serial/by-id/usb-FTDI_X-if00"),
            )],
            &cfg,
            Path::new("/nonexistent"),
        );
        assert_eq!(s.selected, 3);
        assert_eq!(s.host_choice(), Some("10.0.0.5:5800"));
    }
}
