//! Remote ports through a real ser2net (Debian 4.3.x): raw TCP and RFC 2217, first at the
//! transport level over a bare pseudo-terminal, then a whole checklist through a simulator.

use super::batch::{assert_no_clear_pan, read_attempts, read_csv};
use super::reconnect::start_sim;
use cardbench::link::rfc2217::Rfc2217Transport;
use cardbench::link::{pty_pair, LineSettings, TcpTransport, Transport};
use serialport::SerialPort;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running ser2net, killed on drop.
pub struct Ser2net {
    child: Child,
    pub raw_port: u16,
    pub rfc2217_port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Ser2net {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn ser2net_available() -> bool {
    Command::new("ser2net")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts ser2net exporting `device` as raw TCP and as RFC 2217 (telnet) on two local ports.
/// Returns `None` (after a loud SKIPPED line) when ser2net is not installed.
pub fn start_ser2net(device: &str, baud: u32) -> Option<Ser2net> {
    start_ser2net_pair(device, device, baud)
}

/// As [`start_ser2net`], exporting `raw_dev` raw and `rfc2217_dev` over RFC 2217.
pub fn start_ser2net_pair(raw_dev: &str, rfc2217_dev: &str, baud: u32) -> Option<Ser2net> {
    if !ser2net_available() {
        eprintln!("SKIPPED: ser2net is not installed (apt-get install ser2net; .ci/run does it)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let raw_port = free_port();
    let rfc2217_port = free_port();
    let cfg = format!(
        "connection: &raw0\n  accepter: tcp,127.0.0.1,{raw_port}\n  connector: serialdev,{raw_dev},{baud}n81,local\n  options:\n    kickolduser: true\n\
         connection: &tel0\n  accepter: telnet(rfc2217),tcp,127.0.0.1,{rfc2217_port}\n  connector: serialdev,{rfc2217_dev},{baud}n81,local\n  options:\n    kickolduser: true\n"
    );
    let path = dir.path().join("ser2net.yaml");
    std::fs::write(&path, cfg).unwrap();
    let child = Command::new("ser2net")
        .args(["-n", "-u", "-c"])
        .arg(&path)
        .arg("-P")
        .arg(dir.path().join("ser2net.pid"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let s = Ser2net {
        child,
        raw_port,
        rfc2217_port,
        _dir: dir,
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    for port in [raw_port, rfc2217_port] {
        loop {
            // Probe with a bare connect; closing at once is harmless for ser2net.
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "ser2net did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    // Let ser2net release the device the probes opened.
    std::thread::sleep(Duration::from_millis(100));
    Some(s)
}

fn read_exactly(t: &mut dyn Transport, n: usize, within: Duration) -> Vec<u8> {
    let mut got = Vec::new();
    let deadline = Instant::now() + within;
    t.set_read_timeout(Duration::from_millis(50)).unwrap();
    while got.len() < n && Instant::now() < deadline {
        let mut b = [0u8; 256];
        match t.read(&mut b) {
            Ok(k) => got.extend_from_slice(&b[..k]),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(e) => panic!("read: {e}"),
        }
    }
    got
}

fn read_master(m: &mut serialport::TTYPort, n: usize, within: Duration) -> Vec<u8> {
    let mut got = Vec::new();
    let deadline = Instant::now() + within;
    m.set_timeout(Duration::from_millis(50)).unwrap();
    while got.len() < n && Instant::now() < deadline {
        let mut b = [0u8; 256];
        if let Ok(k) = m.read(&mut b) {
            got.extend_from_slice(&b[..k]);
        }
    }
    got
}

/// Every byte value both ways, including 0xFF (IAC) and CR NUL / CR LF, which Telnet would
/// otherwise rewrite.
fn all_bytes() -> Vec<u8> {
    let mut v: Vec<u8> = (0..=255u8).collect();
    v.extend_from_slice(&[0xFF, 0xFF, b'\r', 0, b'\r', b'\n', 0xFF]);
    v
}

#[test]
fn transports_through_ser2net() {
    let (mut master, slave) = pty_pair().unwrap();
    let slave_path = slave.name().unwrap();
    let Some(s2n) = start_ser2net(&slave_path, 9600) else {
        return;
    };
    let payload = all_bytes();

    // Raw TCP: bytes pass untouched.
    {
        let mut t = TcpTransport::connect(
            &format!("127.0.0.1:{}", s2n.raw_port),
            Duration::from_secs(2),
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(100));
        t.write_all(&payload).unwrap();
        assert_eq!(
            read_master(&mut master, payload.len(), Duration::from_secs(3)),
            payload
        );
        master.write_all(&payload).unwrap();
        assert_eq!(
            read_exactly(&mut t, payload.len(), Duration::from_secs(3)),
            payload
        );
    }
    std::thread::sleep(Duration::from_millis(200));

    // RFC 2217: the line settings are applied to the remote tty, data escaped both ways.
    let line = LineSettings {
        baud: 19_200,
        data_bits: 8,
        parity: 'E',
        stop_bits: 2,
        ..LineSettings::default()
    };
    let addr = format!("127.0.0.1:{}", s2n.rfc2217_port);
    let mut t = Rfc2217Transport::connect(&addr, &line, Duration::from_secs(3)).unwrap();
    assert_eq!(t.confirmed().baud, Some(19_200));
    // Parity is confirmed by the server; a pty cannot hold PARENB (the kernel clears it).
    assert_eq!(t.confirmed().parity, Some(3));
    // The slave end shares termios with the tty ser2net opened.
    assert_eq!(slave.baud_rate().unwrap(), 19_200);
    assert_eq!(slave.stop_bits().unwrap(), serialport::StopBits::Two);
    t.write_all(&payload).unwrap();
    assert_eq!(
        read_master(&mut master, payload.len(), Duration::from_secs(3)),
        payload
    );
    master.write_all(&payload).unwrap();
    assert_eq!(
        read_exactly(&mut t, payload.len(), Duration::from_secs(3)),
        payload
    );

    // Settings can change on an open connection.
    let line2 = LineSettings {
        baud: 115_200,
        ..LineSettings::default()
    };
    t.set_line(&line2, Duration::from_secs(2)).unwrap();
    assert_eq!(slave.baud_rate().unwrap(), 115_200);
    assert_eq!(slave.stop_bits().unwrap(), serialport::StopBits::One);
    assert!(t.describe().contains("115200 8N1"));
}

/// A whole batch through ser2net: one simulated CRT-310 exported raw, one MSR605 exported
/// over RFC 2217, both tested at once like terminals on a remote bench PC.
#[test]
fn checklist_through_ser2net() {
    if !ser2net_available() {
        eprintln!("SKIPPED: ser2net is not installed (apt-get install ser2net; .ci/run does it)");
        return;
    }
    let (_crt, crt_pty) = start_sim("crt310", None, None);
    let (_msr, msr_pty) = start_sim("msr605", None, None);
    let Some(s2n) = start_ser2net_pair(&crt_pty, &msr_pty, 115_200) else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("remote");
    let o = crate::shared::cardbench()
        .args(["batch", "--swipes", "1", "--device"])
        .arg(format!("crt310:tcp://127.0.0.1:{}", s2n.raw_port))
        .arg("--device")
        .arg(format!("msr605:rfc2217://127.0.0.1:{}", s2n.rfc2217_port))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let log = crate::shared::text(&o);
    assert_eq!(o.status.code(), Some(0), "{log}");
    let rows = read_csv(&out.join("terminals.csv"));
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0]["device"],
        format!("crt310:tcp://127.0.0.1:{}", s2n.raw_port)
    );
    assert_eq!(rows[0]["model"], "CRT-310");
    assert_eq!(rows[1]["profile"], "msr605");
    assert!(rows[1]["model"].starts_with("MSR605"), "{:?}", rows[1]);
    for r in &rows {
        assert_eq!(r["verdict"], "PASS", "{r:?}\n{log}");
        let own = read_attempts(&Path::new(&r["report_dir"]).join("attempts.csv"));
        assert!(own
            .iter()
            .any(|a| a.interface == cardbench::model::Interface::Swipe
                && a.outcome == cardbench::model::Outcome::Pass));
    }
    assert_no_clear_pan(&out);
}
