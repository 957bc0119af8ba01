//! `cardbench doctor`: pre-flight checks of a serial port, one line per check with a fix —
//! the port exists (stable names followed), permissions (dialout), not held by another
//! process, ModemManager, the USB-serial latency timer, and the device's identity answer.
//! Remote ports get a reachability / RFC 2217 check instead of the local ones.

use crate::device::{DeviceAddress, Target};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How a check ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "OK",
            Level::Warn => "WARN",
            Level::Fail => crate::model::Outcome::Fail.as_str(),
        }
    }
}

/// One line of the doctor's output.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    pub level: Level,
    pub check: String,
    pub finding: String,
    /// What to do; empty when nothing needs doing.
    pub fix: String,
}

impl Check {
    /// A check with its level, finding and fix.
    pub fn new(
        level: Level,
        check: &str,
        finding: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Check {
            level,
            check: check.into(),
            finding: finding.into(),
            fix: fix.into(),
        }
    }
    /// A passing check.
    pub fn ok(check: &str, finding: impl Into<String>) -> Self {
        Check::new(Level::Ok, check, finding, "")
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:<4}  {}: {}",
            self.level.as_str(),
            self.check,
            self.finding
        )?;
        if !self.fix.is_empty() {
            write!(f, " — fix: {}", self.fix)?;
        }
        Ok(())
    }
}

/// Who we are, from `/proc/self/status` (effective uid, and every group we are in).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    pub euid: u32,
    pub groups: Vec<u32>,
}

impl Identity {
    pub fn current() -> Identity {
        let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        Identity::from_status(&text)
    }

    /// Parses the `Uid:`, `Gid:` and `Groups:` lines of a `/proc/PID/status` text.
    pub fn from_status(text: &str) -> Identity {
        let mut id = Identity {
            euid: u32::MAX,
            groups: Vec::new(),
        };
        for line in text.lines() {
            let nums = |rest: &str| -> Vec<u32> {
                rest.split_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .collect()
            };
            if let Some(rest) = line.strip_prefix("Uid:") {
                if let Some(e) = nums(rest).get(1) {
                    id.euid = *e;
                }
            } else if let Some(rest) = line.strip_prefix("Gid:") {
                if let Some(e) = nums(rest).get(1) {
                    id.groups.push(*e);
                }
            } else if let Some(rest) = line.strip_prefix("Groups:") {
                id.groups.extend(nums(rest));
            }
        }
        id
    }
}

/// The name of group `gid` from `/etc/group`.
fn group_name(gid: u32) -> Option<String> {
    let text = std::fs::read_to_string("/etc/group").ok()?;
    text.lines().find_map(|l| {
        let mut parts = l.split(':');
        let name = parts.next()?;
        let _pw = parts.next()?;
        let id: u32 = parts.next()?.parse().ok()?;
        (id == gid).then(|| name.to_string())
    })
}

/// Whether `who` may read and write a file with this owner, group and mode.
pub fn may_read_write(who: &Identity, uid: u32, gid: u32, mode: u32) -> bool {
    if who.euid == 0 {
        return true;
    }
    let bits = if who.euid == uid {
        (mode >> 6) & 7
    } else if who.groups.contains(&gid) {
        (mode >> 3) & 7
    } else {
        mode & 7
    };
    bits & 6 == 6
}

/// Processes (other than this one) with `dev` open: `(pid, command name)`.
pub fn holders(dev: &Path) -> Vec<(u32, String)> {
    let me = std::process::id();
    let mut out = Vec::new();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return out;
    };
    for p in procs.flatten() {
        let Some(pid) = p.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(p.path().join("fd")) else {
            continue;
        };
        if fds
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).ok().as_deref() == Some(dev))
        {
            let comm = std::fs::read_to_string(p.path().join("comm"))
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            out.push((pid, comm));
        }
    }
    out.sort();
    out
}

/// Whether a process named ModemManager is running.
pub fn modem_manager_running() -> Option<u32> {
    let procs = std::fs::read_dir("/proc").ok()?;
    for p in procs.flatten() {
        let Some(pid) = p.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        if let Ok(c) = std::fs::read_to_string(p.path().join("comm")) {
            if c.trim() == "ModemManager" {
                return Some(pid);
            }
        }
    }
    None
}

/// sysfs facts about a tty: driver, USB VID:PID, latency timer file.
#[derive(Clone, Debug, Default)]
pub struct SysInfo {
    pub driver: Option<String>,
    pub vid_pid: Option<(String, String)>,
    pub latency_file: Option<PathBuf>,
}

pub fn sys_info(tty_name: &str) -> SysInfo {
    let class = Path::new("/sys/class/tty").join(tty_name).join("device");
    let driver = std::fs::read_link(class.join("driver"))
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().to_string()));
    let latency_file = [
        class.join("latency_timer"),
        class.join("../latency_timer"),
        Path::new("/sys/bus/usb-serial/devices")
            .join(tty_name)
            .join("latency_timer"),
    ]
    .into_iter()
    .find(|p| p.is_file());
    // idVendor/idProduct live on the USB device, a few levels above the tty's device.
    let mut vid_pid = None;
    if let Ok(mut dir) = std::fs::canonicalize(&class) {
        for _ in 0..5 {
            let v = std::fs::read_to_string(dir.join("idVendor"));
            let p = std::fs::read_to_string(dir.join("idProduct"));
            if let (Ok(v), Ok(p)) = (v, p) {
                vid_pid = Some((v.trim().to_string(), p.trim().to_string()));
                break;
            }
            if !dir.pop() {
                break;
            }
        }
    }
    SysInfo {
        driver,
        vid_pid,
        latency_file,
    }
}

/// The local checks of one serial path (everything but the identity command): it exists,
/// permissions, not held by another process, ModemManager, the latency timer.
pub fn check_serial_path(path: &str, who: &Identity) -> Vec<Check> {
    // Following by-id / by-path symlinks; nothing else can be checked without the node.
    let real = match std::fs::canonicalize(path) {
        Ok(r) => r,
        Err(e) => {
            return vec![Check::new(
                Level::Fail,
                "exists",
                format!("{path}: {e}"),
                "plug the adapter in and check the cable; `cardbench ports` and `ls -l /dev/serial/by-id` list what is there",
            )]
        }
    };
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let sys = sys_info(&name);
    vec![
        check_exists(path, &real),
        check_permissions(&real, who),
        check_not_in_use(&real),
        check_modem_manager(&sys),
        check_latency_timer(&sys),
    ]
}

/// The path exists; a `ttyUSBn` / `ttyACMn` name with a stable name is a warning.
fn check_exists(path: &str, real: &Path) -> Check {
    let stable = crate::link::ports::stable_name(path);
    let finding = if real != Path::new(path) {
        format!("{path} → {}", real.display())
    } else if let Some(s) = &stable {
        format!("{path} (stable name {s})")
    } else {
        path.to_string()
    };
    match stable {
        Some(s) if path.starts_with("/dev/ttyUSB") || path.starts_with("/dev/ttyACM") => {
            Check::new(
                Level::Warn,
                "exists",
                finding,
                format!("use the stable name {s}: ttyUSBn numbers change on replug"),
            )
        }
        _ => Check::ok("exists", finding),
    }
}

/// This user may read and write the device node (root, owner, group or other bits).
fn check_permissions(real: &Path, who: &Identity) -> Check {
    use std::os::unix::fs::MetadataExt;
    let m = match std::fs::metadata(real) {
        Ok(m) => m,
        Err(e) => {
            return Check::new(
                Level::Fail,
                "permissions",
                e.to_string(),
                "check the device node",
            )
        }
    };
    let (uid, gid, mode) = (m.uid(), m.gid(), m.mode() & 0o777);
    let gname = group_name(gid).unwrap_or_else(|| gid.to_string());
    let desc = format!("mode {mode:03o}, group {gname}");
    if who.euid == 0 {
        Check::ok("permissions", format!("{desc}; running as root"))
    } else if may_read_write(who, uid, gid, mode) {
        Check::ok(
            "permissions",
            format!("{desc}; this user may read and write it"),
        )
    } else {
        Check::new(
            Level::Fail,
            "permissions",
            format!("{desc}; this user is not in group {gname}"),
            format!("sudo usermod -aG {gname} $USER, then log out and in again"),
        )
    }
}

/// No other process holds the port, and an exclusive open succeeds.
fn check_not_in_use(real: &Path) -> Check {
    let held = holders(real);
    if let Some((pid, _)) = held.first() {
        let list = held
            .iter()
            .map(|(p, c)| format!("{c} (pid {p})"))
            .collect::<Vec<_>>()
            .join(", ");
        let mm = held.iter().any(|(_, c)| c == "ModemManager");
        return Check::new(
            Level::Fail,
            "not in use",
            format!("held by {list}"),
            if mm {
                "ModemManager is probing it: add the udev rule below, or `sudo systemctl stop ModemManager`".to_string()
            } else {
                format!("close that program (`kill {pid}` if it is stale)")
            },
        );
    }
    match serialport::new(real.to_string_lossy(), 9600)
        .timeout(Duration::from_millis(50))
        .open()
    {
        Ok(port) => {
            drop(port);
            Check::ok(
                "not in use",
                "no other process has it open; exclusive open succeeded",
            )
        }
        Err(e) => {
            let msg = e.to_string();
            let fix = if msg.contains("lock") || msg.contains("busy") {
                "close the program that holds it"
            } else {
                "see the message; check permissions and the cable"
            };
            Check::new(
                Level::Fail,
                "not in use",
                format!("exclusive open failed: {msg}"),
                fix,
            )
        }
    }
}

/// ModemManager is not running (it probes new serial ports with AT commands).
fn check_modem_manager(sys: &SysInfo) -> Check {
    let Some(pid) = modem_manager_running() else {
        return Check::ok("ModemManager", "not running");
    };
    let rule = match &sys.vid_pid {
        Some((v, p)) => format!(
            "ATTRS{{idVendor}}==\"{v}\", ATTRS{{idProduct}}==\"{p}\", ENV{{ID_MM_DEVICE_IGNORE}}=\"1\""
        ),
        None => "ATTRS{idVendor}==\"VVVV\", ATTRS{idProduct}==\"PPPP\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"".into(),
    };
    Check::new(
        Level::Warn,
        "ModemManager",
        format!("running (pid {pid}); it sends AT commands to new serial ports and holds them 10–20 s"),
        format!("put {rule} in /etc/udev/rules.d/99-cardbench.rules and `sudo udevadm control --reload`"),
    )
}

/// A USB-serial adapter's latency timer is 1 ms (the default 16 ms delays every short reply).
fn check_latency_timer(sys: &SysInfo) -> Check {
    let Some(f) = &sys.latency_file else {
        return Check::ok(
            "latency timer",
            format!(
                "not a USB-serial adapter with a latency timer{}",
                sys.driver
                    .as_ref()
                    .map(|d| format!(" (driver {d})"))
                    .unwrap_or_default()
            ),
        );
    };
    let v = std::fs::read_to_string(f)
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    let driver = sys.driver.clone().unwrap_or_else(|| "usb-serial".into());
    match v {
        Some(ms) if ms > 1 => Check::new(
            Level::Warn,
            "latency timer",
            format!("{ms} ms ({driver}); short replies wait up to {ms} ms each"),
            format!(
                "echo 1 | sudo tee {} (permanent: udev rule ACTION==\"add\", SUBSYSTEM==\"usb-serial\", DRIVER==\"{driver}\", ATTR{{latency_timer}}=\"1\")",
                f.display()
            ),
        ),
        Some(ms) => Check::ok("latency timer", format!("{ms} ms ({driver})")),
        None => Check::new(
            Level::Warn,
            "latency timer",
            format!("{} unreadable", f.display()),
            "run as a user that can read sysfs",
        ),
    }
}

/// Checks a remote port: reachable, and for RFC 2217 that the server negotiates COM-PORT.
fn check_remote(target: &Target) -> Vec<Check> {
    match target {
        Target::Tcp(hp) => match crate::link::TcpTransport::connect(
            hp,
            Duration::from_secs(3),
        ) {
            Ok(_) => vec![Check::ok("reachable", format!("tcp://{hp} accepts connections"))],
            Err(e) => vec![Check::new(
                Level::Fail,
                "reachable",
                format!("tcp://{hp}: {e}"),
                "is ser2net running on that host and the port exported (ser2net.yaml accepter tcp,PORT)? firewall?",
            )],
        },
        Target::Rfc2217(hp) => {
            match crate::link::rfc2217::Rfc2217Transport::connect(
                hp,
                &crate::link::LineSettings::default(),
                Duration::from_secs(3),
            ) {
                Ok(t) => vec![Check::ok(
                    "rfc2217",
                    format!(
                        "rfc2217://{hp} negotiated COM-PORT-OPTION; server confirmed {:?} baud",
                        t.confirmed().baud.unwrap_or_default()
                    ),
                )],
                Err(e) => vec![Check::new(
                    Level::Fail,
                    "rfc2217",
                    e.to_string(),
                    "the ser2net accepter must be telnet(rfc2217),tcp,PORT; use tcp:// for a raw port",
                )],
            }
        }
        _ => Vec::new(),
    }
}

/// Opens the device with its driver and asks for its identity.
fn identify(addr: &DeviceAddress) -> std::result::Result<crate::model::DeviceInfo, String> {
    let opts = crate::device::open::OpenOptions {
        connect_timeout: Duration::from_secs(3),
        ..crate::device::open::OpenOptions::default()
    };
    let mut opened = crate::device::open::open_device(addr, &opts).map_err(|e| e.to_string())?;
    opened.device.identify().map_err(|e| e.to_string())
}

fn check_identity(addr: &DeviceAddress) -> Check {
    match identify(addr) {
        Ok(info) => Check::ok(
            "identity",
            format!(
                "{} answered: model {}, firmware {}, serial {}",
                addr.profile, info.model, info.firmware, info.serial
            ),
        ),
        Err(e) => Check::new(
            Level::Fail,
            "identity",
            crate::sensitive::redact_text(&e.to_string()),
            format!(
                "check the profile ({}), baud rate and cable; power-cycle the reader",
                addr.profile
            ),
        ),
    }
}

/// All checks for one device address.
pub fn check_device(addr: &DeviceAddress, who: &Identity) -> Vec<Check> {
    let mut out = match &addr.target {
        Target::Serial(p) => check_serial_path(p, who),
        Target::Tcp(_) | Target::Rfc2217(_) => check_remote(&addr.target),
        Target::Sim(_) => vec![Check::ok("exists", "built-in simulator")],
        Target::TcpListen(a) => vec![Check::ok("exists", format!("the bench listens on {a}"))],
    };
    if out.iter().all(|c| c.level != Level::Fail) {
        out.push(check_identity(addr));
    }
    out
}

/// Serial ports to check when no `--device` is given: what serialport lists, plus by-id names.
pub fn list_ports() -> Vec<String> {
    let mut ports: Vec<String> = crate::link::ports::list_ports()
        .into_iter()
        .map(|p| p.path)
        .collect();
    ports.retain(|p| {
        !p.starts_with("/dev/ttyS") || sys_info(&p[5..]).driver.is_some_and(|d| d != "serial8250")
    });
    ports.sort();
    ports.dedup();
    ports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_from_status() {
        let id = Identity::from_status("Name:\tx\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nGroups:\t4 20 27 1000\n");
        assert_eq!(id.euid, 1000);
        assert!(id.groups.contains(&20));
    }

    #[test]
    fn permission_rules() {
        let user = Identity {
            euid: 1000,
            groups: vec![1000],
        };
        let dialout = Identity {
            euid: 1000,
            groups: vec![1000, 20],
        };
        assert!(!may_read_write(&user, 0, 20, 0o660));
        assert!(may_read_write(&dialout, 0, 20, 0o660));
        assert!(may_read_write(&user, 1000, 20, 0o600));
        assert!(may_read_write(
            &Identity {
                euid: 0,
                groups: vec![]
            },
            0,
            20,
            0o000
        ));
    }

    #[test]
    fn line_format() {
        let c = Check::new(
            Level::Fail,
            "permissions",
            "not in dialout",
            "sudo usermod -aG dialout $USER",
        );
        assert_eq!(
            c.to_string(),
            "FAIL  permissions: not in dialout — fix: sudo usermod -aG dialout $USER"
        );
        assert_eq!(
            Check::ok("exists", "/dev/x").to_string(),
            "OK    exists: /dev/x"
        );
    }
}
