//! Transports over real ptys and real TCP: timeouts, hang-up, exclusive open, stable names,
//! and `open_device` for serial paths, symlinks, `tcp://` and `sim`.

use cardbench::device::open::{open_device, OpenOptions};
use cardbench::device::{DeviceAddress, DeviceError};
use cardbench::link::{pty_pair, LineSettings, SerialTransport, TcpTransport, Transport};
use serialport::SerialPort;
use std::io::{ErrorKind, Read};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

#[test]
fn serial_timeout_and_hangup() {
    let (master, slave) = pty_pair().unwrap();
    let path = slave.name().unwrap();
    let mut t = SerialTransport::open(&path, &LineSettings::default()).unwrap();
    t.set_read_timeout(Duration::from_millis(100)).unwrap();
    let mut b = [0u8; 8];
    let t0 = Instant::now();
    let e = t.read(&mut b).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TimedOut);
    assert!(t0.elapsed() >= Duration::from_millis(90));
    drop(master);
    drop(slave);
    let t0 = Instant::now();
    let e = t.read(&mut b).unwrap_err();
    assert!(cardbench::link::is_hangup(&e), "{e:?} is not a hang-up");
    assert!(t0.elapsed() < Duration::from_millis(500));
}

#[test]
fn serial_open_is_exclusive() {
    let (_master, slave) = pty_pair().unwrap();
    let path = slave.name().unwrap();
    let _first = SerialTransport::open(&path, &LineSettings::default()).unwrap();
    assert!(SerialTransport::open(&path, &LineSettings::default()).is_err());
}

#[test]
fn stable_symlink_is_resolved_and_kept_for_reopening() {
    let dir = tempfile::tempdir().unwrap();
    // A pty served by a simulator, reached through a by-id style link.
    let run = crate::msr605::serve_scenario(&crate::msr605::default_scenario(), 9600);
    let path = run.path().to_string();
    let link = dir.path().join("usb-MSR605_sim-if00-port0");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let addr = DeviceAddress::parse(&format!("msr605:{}", link.display())).unwrap();
    let mut dev = open_device(&addr, &OpenOptions::default()).unwrap();
    assert_eq!(dev.reopen_path.as_deref(), Some(link.to_str().unwrap()));
    assert!(dev.description.contains(&path), "{}", dev.description);
    let info = dev.device.identify().unwrap();
    assert_eq!(info.profile, "msr605");
    drop(dev);
    drop(run);
}

#[test]
fn tcp_transport_and_msr605_over_tcp() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let opts = cardbench::sim::SimOptions {
        baud: 115_200,
        ..Default::default()
    };
    let o2 = opts.clone();
    let th = std::thread::spawn(move || {
        // ser2net-style: the reader's byte stream on a TCP socket.
        let (mut s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let mut sim =
            cardbench::sim::msr605::Msr605Sim::from_scenario(&crate::msr605::default_scenario());
        let _ = sim.serve(&mut s, &o2);
    });
    let addr = DeviceAddress::parse(&format!("msr605:tcp://127.0.0.1:{port}")).unwrap();
    let mut dev = open_device(&addr, &OpenOptions::default()).unwrap();
    let s = dev.device.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.fields().unwrap().pan.masked(), "622202*********0018");
    opts.stop.store(true, Ordering::Relaxed);
    th.join().unwrap();
    // The server is gone: the next exchange is a lost device, not a hang.
    let t0 = Instant::now();
    let e = dev.device.read_swipe(Duration::from_secs(3)).unwrap_err();
    assert!(e.is_lost(), "{e}");
    assert!(t0.elapsed() < Duration::from_secs(1));
}

#[test]
fn tcp_connect_refused_is_an_open_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let e = TcpTransport::connect(&format!("127.0.0.1:{port}"), Duration::from_secs(1));
    assert!(e.is_err());
    let addr = DeviceAddress::parse(&format!("msr605:tcp://127.0.0.1:{port}")).unwrap();
    assert!(matches!(
        open_device(&addr, &OpenOptions::default()).unwrap_err(),
        DeviceError::Open { .. }
    ));
}

#[test]
fn built_in_simulator_in_process() {
    let addr = DeviceAddress::parse("msr605:sim").unwrap();
    let mut dev = open_device(&addr, &OpenOptions::default()).unwrap();
    assert!(dev.sim.is_some());
    let info = dev.device.identify().unwrap();
    assert_eq!(info.firmware, "REVH2.31");
    let s = dev.device.read_swipe(Duration::from_secs(3)).unwrap();
    assert!(s.track(2).unwrap().status.is_ok());
    // Stopping the simulator is an unplug for the driver.
    dev.sim.as_mut().unwrap().stop();
    let e = dev.device.read_swipe(Duration::from_secs(3)).unwrap_err();
    assert!(e.is_lost(), "{e}");
}

#[test]
fn a_busy_port_says_who_to_blame() {
    let (_master, slave) = pty_pair().unwrap();
    let path = slave.name().unwrap();
    let _held = SerialTransport::open(&path, &LineSettings::default()).unwrap();
    let addr = DeviceAddress::parse(&format!("msr605:{path}")).unwrap();
    let e = open_device(&addr, &OpenOptions::default()).unwrap_err();
    assert!(
        e.to_string().contains("another program holds the port"),
        "{e}"
    );
}
