//! What the doctor reads from the system: who we are (`/proc/self/status`), group names
//! (`/etc/group`), who holds a device (`/proc/*/fd`), whether ModemManager runs, and a tty's
//! sysfs facts (driver, USB VID:PID, latency timer).

use std::path::{Path, PathBuf};

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
pub fn group_name(gid: u32) -> Option<String> {
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

/// Whether process `pid` is a `cardbench sim …`: it keeps its own pseudo-terminal's slave
/// open so a client's close is no hang-up, which is no other program holding the port.
pub fn is_cardbench_sim(pid: u32) -> bool {
    let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
        return false;
    };
    let mut args = cmdline.split(|b| *b == 0).map(String::from_utf8_lossy);
    let is_cardbench = args
        .next()
        .is_some_and(|a0| Path::new(a0.as_ref()).file_name() == Some("cardbench".as_ref()));
    is_cardbench && subcommand(args).as_deref() == Some("sim")
}

/// The subcommand of a `cardbench` command line (its arguments after the program): the first
/// argument that is neither an option nor the value of a global option that takes one
/// (`--lang`, `--bins`). `run --host sim` is a run, not the simulator.
fn subcommand<S: AsRef<str>>(mut args: impl Iterator<Item = S>) -> Option<String> {
    while let Some(a) = args.next() {
        let a = a.as_ref();
        if matches!(a, "--lang" | "--bins") {
            args.next();
        } else if !a.starts_with('-') {
            return Some(a.to_string());
        }
    }
    None
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

/// The group that owns serial ports on this system, for advice when a port's own group is
/// `root` (joining root is never the fix): `dialout` (Debian, Ubuntu, Fedora) or `uucp` (Arch,
/// openSUSE), whichever `/etc/group` has; `dialout` when neither.
pub fn serial_group() -> String {
    let text = std::fs::read_to_string("/etc/group").unwrap_or_default();
    let has = |g: &str| text.lines().any(|l| l.split(':').next() == Some(g));
    ["dialout", "uucp"]
        .into_iter()
        .find(|g| has(g))
        .unwrap_or("dialout")
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_subcommand_is_the_first_word_that_is_no_option() {
        let sub = |line: &str| super::subcommand(line.split(' '));
        assert_eq!(sub("sim crt310").as_deref(), Some("sim"));
        assert_eq!(sub("--lang zh-CN sim crt310").as_deref(), Some("sim"));
        assert_eq!(sub("--bins sim run --host sim").as_deref(), Some("run"));
        assert_eq!(
            sub("run --host sim --device crt310:/dev/pts/3").as_deref(),
            Some("run")
        );
        assert_eq!(sub("--lang=en sim").as_deref(), Some("sim"));
    }
}
