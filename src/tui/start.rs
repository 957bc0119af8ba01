//! The start screen's model: detected serial ports (with their stable `/dev/serial/by-id`
//! names), the built-in simulators and the demo, and addresses typed in (`tcp://`,
//! `rfc2217://`); the chosen profile, deck (only decks that fit the profile) and host; the
//! station, operator, ticket and report folder. Every path it keeps is absolute.

use super::config::TuiConfig;
use crate::i18n::{Lang, Text};
use crate::model::Interface;
use std::path::{Path, PathBuf};

/// Profiles a serial port can be driven with: the device layer's list, the one source. A
/// whole POS terminal (`pos8583`) talks ISO 8583 over a serial port too (docs/pos.md).
fn profiles() -> Vec<&'static str> {
    crate::device::open::all_profile_names()
}

/// Whether `PROFILE:sim` names a built-in simulator: the readers' and the POS terminal's.
fn has_sim(profile: &str) -> bool {
    crate::sim::SimKind::of_profile(profile).is_some()
        || profile == crate::device::open::POS_PROFILE
}

/// What a start-screen row starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// The demo: simulated terminal with faults, its own deck and host.
    Demo,
    /// A built-in simulator of this profile.
    Sim(&'static str),
    /// A serial port (profile chosen with `p`).
    Port,
    /// A device address typed in (`crt310:tcp://10.0.0.7:4001`, `msr605:rfc2217://…`).
    Address,
}

/// A setting typed on the start screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A device address `PROFILE:TARGET` (`a`).
    Device,
    /// An acquirer host `HOST:PORT` or `sim[:RULES]` (`H`).
    Host,
    /// The station name (`n`).
    Station,
    /// Who runs the bench (`o`).
    Operator,
    /// The repair or QA ticket (`t`).
    Ticket,
    /// The folder the reports go under (`f`).
    Out,
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
    pub station: String,
    pub operator: String,
    pub ticket: String,
    /// Report folder the run's own folder is made under; the default otherwise.
    pub out: Option<PathBuf>,
}

/// The start screen's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartState {
    pub entries: Vec<DeviceEntry>,
    pub selected: usize,
    pub profile: usize,
    pub decks: Vec<Option<PathBuf>>,
    /// Per deck: the card interfaces it tests besides the network (to offer only decks that
    /// fit the profile).
    pub deck_needs: Vec<Vec<Interface>>,
    pub deck: usize,
    pub hosts: Vec<Option<String>>,
    pub host: usize,
    /// Where the choices are remembered (shown on screen).
    pub config_path: Option<PathBuf>,
    pub station: String,
    pub operator: String,
    pub ticket: String,
    pub out: Option<PathBuf>,
}

impl StartState {
    /// No ports, only the built-ins (tests and the run-only screen).
    pub fn empty() -> Self {
        StartState::with_ports(Vec::new(), &TuiConfig::default(), Path::new("."))
    }

    /// Builds the screen from detected ports, remembered choices and the decks/hosts found
    /// under `root/fixtures`.
    pub fn with_ports(ports: Vec<DeviceEntry>, cfg: &TuiConfig, root: &Path) -> Self {
        let mut entries = vec![DeviceEntry {
            kind: EntryKind::Demo,
            path: "demo".into(),
            stable: None,
            info: String::new(),
        }];
        // One row per profile that has a built-in simulator, in the profile list's order.
        entries.extend(
            profiles()
                .into_iter()
                .filter(|p| has_sim(p))
                .map(|p| DeviceEntry {
                    kind: EntryKind::Sim(p),
                    path: format!("{p}:sim"),
                    stable: None,
                    info: String::new(),
                }),
        );
        entries.extend(ports);
        if let Some(dev) = &cfg.device {
            if is_remote(dev) {
                entries.push(address_entry(dev));
            }
        }
        // Absolute paths, so a remembered choice means the same file from any folder.
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
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

        let deck_needs = decks.iter().map(|d| deck_needs(d.as_deref())).collect();
        let mut s = StartState {
            entries,
            selected: 0,
            profile: 0,
            decks,
            deck_needs,
            deck: 0,
            hosts,
            host: 0,
            config_path: None,
            // A remembered value the checks below would refuse (a config written by hand or
            // by an older version) is dropped, never shown or used.
            station: cfg
                .station
                .clone()
                .filter(|v| crate::load::check_folder_label(v).is_ok())
                .unwrap_or_else(|| crate::checklist::plan::DEFAULT_STATION.into()),
            operator: remembered_label(&cfg.operator),
            ticket: remembered_label(&cfg.ticket),
            out: cfg.out.clone(),
        };
        if let Some(p) = &cfg.profile {
            s.profile = profiles().iter().position(|x| x == p).unwrap_or(0);
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
        self.profile = (self.profile + 1) % profiles().len().max(1);
    }

    /// The next deck that fits the selected device's profile (the default always fits).
    pub fn cycle_deck(&mut self) {
        let n = self.decks.len().max(1);
        for step in 1..=n {
            let i = (self.deck + step) % n;
            if self.deck_fits(i) {
                self.deck = i;
                return;
            }
        }
    }

    /// The profile the selected device runs with.
    pub fn current_profile(&self) -> &str {
        match self.entries.get(self.selected).map(|e| (&e.kind, e)) {
            Some((EntryKind::Sim(p), _)) => p,
            Some((EntryKind::Address, e)) => e.path.split(':').next().unwrap_or("crt310"),
            Some((EntryKind::Port, _)) => self.profile_name(),
            _ => "crt310",
        }
    }

    /// Whether deck `i` tests only what the current profile's reader can: its card
    /// interfaces are among those of the profile's own built-in deck.
    pub fn deck_fits(&self, i: usize) -> bool {
        let needs = self.deck_needs.get(i).map(Vec::as_slice).unwrap_or(&[]);
        if needs.is_empty() {
            return true;
        }
        let can = crate::deck::Deck::builtin(self.current_profile())
            .map(|d| interfaces_of(&d))
            .unwrap_or_default();
        needs.iter().all(|n| can.contains(n))
    }

    /// Sets a typed field; `Err` says why the text cannot be used, in both languages (shown
    /// on screen in the one chosen).
    pub fn set_field(&mut self, field: Field, text: &str) -> Result<(), Text> {
        let text = text.trim();
        match field {
            Field::Device => {
                let addr = crate::device::DeviceAddress::parse(text)
                    .map_err(|e| Text::new(e.text(Lang::En), e.text(Lang::ZhCn)))?;
                if crate::device::open::check_profile(&addr.profile).is_err() {
                    let known = profiles().join(", ");
                    return Err(Text::tr_args(
                        "tui-start-unknown-profile",
                        &[("known", known.as_str().into())],
                    ));
                }
                let addr = addr.to_string();
                self.entries.retain(|e| e.kind != EntryKind::Address);
                self.entries.push(address_entry(&addr));
                self.selected = self.entries.len() - 1;
                if !self.deck_fits(self.deck) {
                    self.deck = 0;
                }
            }
            Field::Host => {
                crate::host::HostSpec::parse(text).map_err(|e| {
                    Text::tr_each("tui-start-bad-host", |lang| {
                        vec![("why", e.text(lang).into())]
                    })
                })?;
                match self.hosts.iter().position(|h| h.as_deref() == Some(text)) {
                    Some(i) => self.host = i,
                    None => {
                        self.hosts.push(Some(text.to_string()));
                        self.host = self.hosts.len() - 1;
                    }
                }
            }
            Field::Station if text.is_empty() => return Err(Text::tr("tui-start-station-empty")),
            // The same checks as `--station`, `--operator` and `--ticket`: no card number, no
            // control character, a station usable as a folder name.
            Field::Station => {
                if let Some(f) = crate::load::label_fault(text, true) {
                    let said = |lang| crate::load::label_fault_text(text, f, lang);
                    return Err(Text::new(said(Lang::En), said(Lang::ZhCn)));
                }
                self.station = text.to_string();
            }
            Field::Operator | Field::Ticket => {
                if !text.is_empty() {
                    if let Some(f) = crate::load::label_fault(text, false) {
                        let said = |lang| crate::load::label_fault_text(text, f, lang);
                        return Err(Text::new(said(Lang::En), said(Lang::ZhCn)));
                    }
                }
                if field == Field::Operator {
                    self.operator = text.to_string();
                } else {
                    self.ticket = text.to_string();
                }
            }
            Field::Out if text.is_empty() => self.out = None,
            Field::Out => {
                let p = std::path::absolute(text).map_err(|e| {
                    let why = |lang| crate::i18n::io_text(&e, lang);
                    Text::tr_each("tui-start-bad-folder", |lang| {
                        vec![("why", why(lang).into())]
                    })
                })?;
                self.out = Some(p);
            }
        }
        Ok(())
    }

    /// The text a field holds now (what the input line starts with).
    pub fn field_text(&self, field: Field) -> String {
        match field {
            Field::Device => self
                .entries
                .get(self.selected)
                .filter(|e| e.kind == EntryKind::Address)
                .map(|e| e.path.clone())
                .unwrap_or_default(),
            Field::Host => self.host_choice().unwrap_or_default().to_string(),
            Field::Station => self.station.clone(),
            Field::Operator => self.operator.clone(),
            Field::Ticket => self.ticket.clone(),
            Field::Out => self
                .out
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        }
    }

    pub fn cycle_host(&mut self) {
        self.host = (self.host + 1) % self.hosts.len().max(1);
    }

    pub fn profile_name(&self) -> &'static str {
        profiles().get(self.profile).copied().unwrap_or("crt310")
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
            EntryKind::Sim(_) | EntryKind::Address => e.path.clone(),
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
        let deck = if self.deck_fits(self.deck) {
            self.deck_choice().cloned()
        } else {
            None
        };
        Some(StartChoice {
            demo: e.kind == EntryKind::Demo,
            device: self.address(e),
            profile: self.current_profile().to_string(),
            deck,
            host: self.host_choice().map(str::to_string),
            station: self.station.clone(),
            operator: self.operator.clone(),
            ticket: self.ticket.clone(),
            out: self.out.clone(),
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
            EntryKind::Sim(_) | EntryKind::Address => address == self.path,
            EntryKind::Port => {
                let target = address.split_once(':').map(|(_, t)| t).unwrap_or(address);
                target == self.path || Some(target) == self.stable.as_deref()
            }
        }
    }
}

/// Whether an address names a network device (`tcp://`, `rfc2217://`).
fn is_remote(address: &str) -> bool {
    address.contains(":tcp://") || address.contains(":rfc2217://")
}

/// A device-list row for a typed address.
fn address_entry(address: &str) -> DeviceEntry {
    DeviceEntry {
        kind: EntryKind::Address,
        path: address.to_string(),
        stable: None,
        info: String::new(),
    }
}

/// The card interfaces a deck tests, network aside (none for the default deck or a deck that
/// does not load: it is offered, and the run says what is wrong with it).
fn deck_needs(path: Option<&Path>) -> Vec<Interface> {
    path.and_then(|p| crate::deck::Deck::load(p).ok())
        .map(|d| interfaces_of(&d))
        .unwrap_or_default()
}

fn interfaces_of(deck: &crate::deck::Deck) -> Vec<Interface> {
    let mut v: Vec<Interface> = deck
        .cards
        .iter()
        .flat_map(|c| c.interfaces.iter().copied())
        .filter(|i| *i != Interface::Network)
        .collect();
    v.sort_by_key(|i| *i as u8);
    v.dedup();
    v
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

/// An operator or ticket remembered in the config, if it passes [`crate::load::check_label`].
fn remembered_label(v: &Option<String>) -> String {
    v.clone()
        .filter(|v| crate::load::check_label(v).is_ok())
        .unwrap_or_default()
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

    /// Index of the (only) serial-port row.
    fn port_row(s: &StartState) -> usize {
        s.entries
            .iter()
            .position(|e| e.kind == EntryKind::Port)
            .unwrap()
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
        // The port's row (after the demo and one row per built-in simulator), driven as the
        // MSR605: `p` twice from crt310 (crt310 → crt591 → msr605).
        s.selected = port_row(&s);
        s.cycle_profile();
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
        assert_eq!(s.selected, port_row(&s));
        assert_eq!(s.host_choice(), Some("10.0.0.5:5800"));
    }

    #[test]
    fn a_card_number_is_refused_as_operator_and_dropped_from_the_config() {
        let cfg = TuiConfig {
            operator: Some("6212260000000000026".into()),
            ticket: Some("RMA-7".into()),
            station: Some("a/b".into()),
            ..TuiConfig::default()
        };
        let mut s = StartState::with_ports(vec![], &cfg, Path::new("/nonexistent"));
        assert_eq!(s.operator, "");
        assert_eq!(s.ticket, "RMA-7");
        assert_eq!(s.station, crate::checklist::plan::DEFAULT_STATION);
        let e = s
            .set_field(Field::Operator, "6212260000000000026")
            .unwrap_err()
            .get(Lang::En)
            .to_string();
        assert!(!e.contains("6212260000000000026"), "{e}");
        assert!(s.set_field(Field::Ticket, "a\u{1b}[2J").is_err());
        assert!(s.set_field(Field::Station, "../x").is_err());
        assert_eq!(s.operator, "");
        s.set_field(Field::Operator, "李工").unwrap();
        s.set_field(Field::Ticket, "").unwrap();
        assert_eq!((s.operator.as_str(), s.ticket.as_str()), ("李工", ""));
    }
}
