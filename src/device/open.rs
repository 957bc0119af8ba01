//! Opening a device by address: a serial path (exclusive open, line settings, stable
//! `/dev/serial/by-id` names kept for reopening), `tcp://`, `rfc2217://`, or the built-in
//! simulator in-process on a pseudo-terminal; then the profile's driver on top.

use crate::device::{creator, msr605, Capabilities};
use crate::device::{Device, DeviceAddress, DeviceError, DriverSettings, Target};
use crate::link::PtySession;
use crate::link::{LineSettings, SerialTransport, TcpTransport, Transport};
use crate::sim::{SimKind, SimSlot};
use crate::trace::FrameSink;
use std::time::Duration;

/// A reader profile: the `PROFILE` of a device address and how its driver is built on an
/// open transport. A new reader model is one line in [`PROFILES`] (and its simulator in
/// `sim::SimKind`).
pub struct Profile {
    /// The `PROFILE` part of an address (`crt310`).
    pub name: &'static str,
    /// Builds the driver on an open transport.
    pub driver: DriverFn,
    /// What the driver can do: the same constant its `Device::capabilities` returns, so a
    /// run folder's `profile` column alone tells the diagnosis what the reader was.
    pub caps: Capabilities,
}

/// Builds a profile's driver on an open transport.
pub type DriverFn = fn(Box<dyn Transport>, &DriverSettings) -> Box<dyn Device>;

impl Profile {
    pub const fn new(name: &'static str, driver: DriverFn, caps: Capabilities) -> Profile {
        Profile { name, driver, caps }
    }
}

/// The profiles `open_device` knows.
pub const PROFILES: &[Profile] = &[
    Profile::new(
        "crt310",
        crate::device::crt310::driver,
        creator::CAPABILITIES,
    ),
    Profile::new(
        "crt591",
        crate::device::crt591::driver,
        creator::CAPABILITIES,
    ),
    Profile::new(
        "msr605",
        crate::device::msr605::driver,
        msr605::CAPABILITIES,
    ),
];

/// The profile called `name`.
pub fn profile(name: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.name == name)
}

/// What the reader profile `name` can do; `None` for a name [`PROFILES`] does not hold.
pub fn capabilities(name: &str) -> Option<Capabilities> {
    profile(name).map(|p| p.caps)
}

/// The names of the profiles `open_device` knows (`crt310`, `crt591`, `msr605`).
pub fn profile_names() -> Vec<&'static str> {
    PROFILES.iter().map(|p| p.name).collect()
}

/// The profile of a whole POS terminal on the network; the checklist's POS engine opens it,
/// not [`open_device`] (docs/pos.md).
pub const POS_PROFILE: &str = "pos8583";

/// Every profile a device address may name: the readers of [`PROFILES`] and [`POS_PROFILE`].
pub fn all_profile_names() -> Vec<&'static str> {
    let mut names = profile_names();
    names.push(POS_PROFILE);
    names
}

/// `Ok` when `name` is a profile of [`all_profile_names`]; otherwise the one-line error
/// "unknown profile "x" (known: …)" that every command shows for a mistyped profile.
pub fn check_profile(name: &str) -> Result<(), String> {
    let known = all_profile_names();
    if known.contains(&name) {
        return Ok(());
    }
    Err(format!(
        "unknown profile {name:?} (known: {})",
        known.join(", ")
    ))
}

/// The `--device` help text, with the profile list from [`all_profile_names`].
pub fn device_help() -> String {
    format!(
        "Device address PROFILE:TARGET, e.g. crt310:/dev/ttyUSB0, msr605:tcp://127.0.0.1:3001, \
         crt310:rfc2217://10.0.0.7:4001, crt310:sim or crt310:sim:SCENARIO. Profiles: {}",
        all_profile_names().join(", ")
    )
}

/// How to open a device.
#[derive(Clone)]
pub struct OpenOptions {
    /// Line settings; `None` uses the profile's default (9600 8N1 for both readers).
    pub line: Option<LineSettings>,
    /// Overrides only the baud rate of the line settings (`--baud`).
    pub baud: Option<u32>,
    /// TCP / RFC 2217 connect timeout.
    pub connect_timeout: Duration,
    /// Frame log sink given to the driver.
    pub sink: Option<FrameSink>,
    /// MSR605: read swipes in ISO mode (`ESC r`) instead of raw mode (`ESC m`).
    pub msr605_iso: bool,
    /// Where a `PROFILE:sim` address keeps its simulator across reopening (a fresh simulator
    /// each time when `None`).
    pub sim_slot: Option<SimSlot>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            line: None,
            baud: None,
            connect_timeout: Duration::from_secs(5),
            sink: None,
            msr605_iso: false,
            sim_slot: None,
        }
    }
}

impl std::fmt::Debug for OpenOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenOptions")
            .field("line", &self.line)
            .field("baud", &self.baud)
            .field("connect_timeout", &self.connect_timeout)
            .field("msr605_iso", &self.msr605_iso)
            .finish()
    }
}

/// An open device: the driver, plus what must live as long as it.
pub struct OpenedDevice {
    // Field order matters: the driver closes its end before the simulator stops.
    pub device: Box<dyn Device>,
    pub address: DeviceAddress,
    /// What the transport is (`/dev/ttyUSB0 9600 8N1`, `tcp://…`, `sim (pty /dev/pts/4)`).
    pub description: String,
    /// The name to reopen after a hang-up: the stable symlink when one was given.
    pub reopen_path: Option<String>,
    /// The in-process simulator of a `PROFILE:sim` address.
    pub sim: Option<PtySession>,
}

impl std::fmt::Debug for OpenedDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedDevice")
            .field("profile", &self.device.profile())
            .field("address", &self.address.to_string())
            .field("description", &self.description)
            .finish()
    }
}

/// Default line settings of a profile (both readers: 9600 8N1, no flow control).
pub fn default_line(profile: &str) -> LineSettings {
    let _ = profile;
    LineSettings::default()
}

fn line_for(addr: &DeviceAddress, opts: &OpenOptions) -> LineSettings {
    let mut line = opts.line.unwrap_or_else(|| default_line(&addr.profile));
    if let Some(b) = opts.baud {
        line.baud = b;
    }
    line
}

/// Resolves a stable name (`/dev/serial/by-id/...`) to the device node it points at now.
pub fn resolve_serial_path(path: &str) -> String {
    match std::fs::canonicalize(path) {
        Ok(p) => p.to_string_lossy().into_owned(),
        Err(_) => path.to_string(),
    }
}

/// Opens the transport an address names (not the simulator).
pub fn open_transport(
    addr: &DeviceAddress,
    opts: &OpenOptions,
) -> Result<(Box<dyn Transport>, String), DeviceError> {
    let line = line_for(addr, opts);
    match &addr.target {
        Target::Serial(path) => {
            let real = resolve_serial_path(path);
            let t = SerialTransport::open(&real, &line).map_err(|e| DeviceError::Open {
                target: path.clone(),
                reason: open_reason(&e),
            })?;
            let desc = if real != *path {
                format!("{} (now {})", path, t.describe())
            } else {
                t.describe()
            };
            Ok((Box::new(t), desc))
        }
        Target::Tcp(hostport) => {
            let t = TcpTransport::connect(hostport, opts.connect_timeout).map_err(|e| {
                DeviceError::Open {
                    target: format!("tcp://{hostport}"),
                    reason: e.to_string(),
                }
            })?;
            let d = t.describe();
            Ok((Box::new(t), d))
        }
        Target::Rfc2217(hostport) => open_rfc2217(hostport, &line, opts),
        Target::Sim(_) => Err(DeviceError::Open {
            target: addr.to_string(),
            reason: "the simulator is opened by open_device".into(),
        }),
        Target::TcpListen(_) => Err(DeviceError::Open {
            target: addr.to_string(),
            reason: "tcp-listen is the POS host link of `cardbench run` (pos8583)".into(),
        }),
    }
}

fn open_rfc2217(
    hostport: &str,
    line: &LineSettings,
    opts: &OpenOptions,
) -> Result<(Box<dyn Transport>, String), DeviceError> {
    let t = crate::link::rfc2217::Rfc2217Transport::connect(hostport, line, opts.connect_timeout)
        .map_err(|e| DeviceError::Open {
        target: format!("rfc2217://{hostport}"),
        reason: e.to_string(),
    })?;
    let d = t.describe();
    Ok((Box::new(t), d))
}

/// Turns an open error into a technician's hint (busy port, permissions, missing device, a
/// path that is no serial port): the `reason` of [`DeviceError::Open`](super::DeviceError).
pub fn open_reason(e: &std::io::Error) -> String {
    let msg = e.to_string();
    let lower = msg.to_ascii_lowercase();
    // serialport reports a held lock as kind NoDevice (NotFound once converted): test the text
    // first so a busy port is not mistaken for a missing one.
    if lower.contains("lock") || lower.contains("busy") {
        return format!(
            "{msg} (another program holds the port: close it, or stop ModemManager; see docs/hardware.md)"
        );
    }
    // ENOTTY ("Not a typewriter"): a file or a device that is no serial line (`/dev/null`).
    if e.raw_os_error() == Some(25) || lower.contains("not a typewriter") {
        use crate::i18n::{tr, Lang};
        let fix = tr(Lang::En, "errors-device-open-not-serial-fix");
        return format!("{} ({fix})", tr(Lang::En, "errors-io-not-a-serial-port"));
    }
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            format!("{msg} (add the user to the dialout group, see docs/hardware.md)")
        }
        std::io::ErrorKind::NotFound => {
            let fix = crate::i18n::tr(crate::i18n::Lang::En, "errors-device-open-missing-fix");
            format!("{msg} ({fix})")
        }
        _ => msg,
    }
}

/// Opens the device an address names and wraps it in the profile's driver.
pub fn open_device(addr: &DeviceAddress, opts: &OpenOptions) -> Result<OpenedDevice, DeviceError> {
    let Some(profile) = profile(&addr.profile) else {
        let reason = if addr.profile == POS_PROFILE {
            // A known profile, but a whole terminal on the ISO 8583 link, not a reader.
            format!(
                "{POS_PROFILE} is a whole POS terminal, not a card reader: this command talks to \
                 readers only ({}); test the terminal with `cardbench run --device {addr}`",
                profile_names().join(", ")
            )
        } else {
            format!(
                "unknown profile {:?} (known: {})",
                addr.profile,
                profile_names().join(", ")
            )
        };
        return Err(DeviceError::Open {
            target: addr.to_string(),
            reason,
        });
    };
    let line = line_for(addr, opts);
    let (transport, description, reopen_path, sim) = match &addr.target {
        Target::Sim(scenario) => {
            let (t, session) = start_sim(addr, scenario.as_deref(), line.baud, opts)?;
            let d = format!("built-in simulator (pty {})", session.path());
            (t, d, None, Some(session))
        }
        Target::Serial(path) => {
            let (t, d) = open_transport(addr, opts)?;
            (t, d, Some(path.clone()), None)
        }
        _ => {
            let (t, d) = open_transport(addr, opts)?;
            (t, d, None, None)
        }
    };
    let link = addr.to_string();
    let settings = DriverSettings {
        link: &link,
        baud: line.baud,
        msr605_iso: opts.msr605_iso,
    };
    let mut device = (profile.driver)(transport, &settings);
    if let Some(s) = &opts.sink {
        device.set_frame_sink(s.clone());
    }
    Ok(OpenedDevice {
        device,
        address: addr.clone(),
        description,
        reopen_path,
        sim,
    })
}

/// Starts the profile's simulator on a fresh pseudo-terminal pair (keeping its state in the
/// caller's slot, when given) and returns the bench's end.
fn start_sim(
    addr: &DeviceAddress,
    scenario: Option<&str>,
    baud: u32,
    opts: &OpenOptions,
) -> Result<(Box<dyn Transport>, PtySession), DeviceError> {
    let open_err = |reason: String| DeviceError::Open {
        target: addr.to_string(),
        reason,
    };
    let kind = SimKind::of_profile(&addr.profile)
        .ok_or(DeviceError::Unsupported("no simulator for this profile"))?;
    let slot = opts.sim_slot.clone().unwrap_or_default();
    if slot.is_empty() {
        let sc = crate::sim::load_scenario(kind, scenario).map_err(|e| open_err(e.to_string()))?;
        slot.init(kind, &sc);
    }
    // Unplugged by the scenario: back after `replug_after_ms`, never when it is 0.
    slot.plugged_in().map_err(|u| open_err(u.to_string()))?;
    let mut session = crate::sim::serve_on_pty(kind, &slot, baud)
        .map_err(|e| open_err(format!("cannot open a pseudo-terminal: {e}")))?;
    let slave = session
        .take_slave()
        .ok_or_else(|| open_err("the pseudo-terminal has no slave".into()))?;
    let desc = format!("{} (simulator)", session.path());
    Ok((
        Box::new(SerialTransport::from_port(Box::new(slave), desc)),
        session,
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn unknown_profile_is_refused() {
        let a = DeviceAddress::parse("foo:/dev/null").unwrap();
        let e = open_device(&a, &OpenOptions::default()).unwrap_err();
        assert!(e.to_string().contains("unknown profile"), "{e}");
    }

    #[test]
    fn missing_serial_port_is_an_open_error() {
        let a = DeviceAddress::parse("msr605:/dev/does-not-exist-cardbench").unwrap();
        let e = open_device(&a, &OpenOptions::default()).unwrap_err();
        assert!(matches!(e, DeviceError::Open { .. }), "{e}");
    }
}
