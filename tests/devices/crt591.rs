//! CRT-591 driver and simulator over real ptys, against the CRT-591-M001 communication
//! protocol (M591): byte-exact frames, INIT first, the host ACK after each reply, the card
//! at the IC position before the CPU reset, unplug / replug / freeze / line noise.

use cardbench::codec::crt591::{FrameEvent, Framer, ACK, NAK};
use cardbench::device::crt591::{Crt591, Crt591Config};
use cardbench::device::{Device, DeviceError};
use cardbench::link::{pty_pair, PtySession, SerialTransport};
use cardbench::model::{ChipPower, TrackStatus};
use cardbench::sim::crt591::Crt591Sim;
use cardbench::sim::scenario::{Scenario, SimExit};
use cardbench::sim::SimOptions;
use cardbench::trace::{FrameRecord, FrameSink};
use serialport::{SerialPort, TTYPort};
use std::io::{Read, Write};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn hexb(s: &str) -> Vec<u8> {
    cardbench::hexfmt::parse_hex(s).unwrap()
}

fn scenario() -> Scenario {
    let mut sc = Scenario::builtin("crt310-default").unwrap();
    sc.device.think_time_ms = 0;
    sc
}

type Session = PtySession<std::io::Result<SimExit>>;

fn sim_on_pty(sc: Scenario, baud: u32) -> (Session, TTYPort) {
    let mut sim = PtySession::spawn("sim-crt591", move |master, stop| {
        Crt591Sim::new(sc, SimOptions { baud, stop }).serve_port(master)
    })
    .unwrap();
    let slave = sim.take_slave().unwrap();
    (sim, slave)
}

struct Rig {
    dev: Crt591,
    log: Arc<Mutex<Vec<FrameRecord>>>,
    _sim: Option<Session>,
}

fn driver_on(slave: TTYPort, baud: u32, sim: Option<Session>) -> Rig {
    let t = SerialTransport::from_port(Box::new(slave), "pty");
    let cfg = Crt591Config {
        baud,
        ..Crt591Config::default()
    };
    let mut dev = Crt591::with_config(Box::new(t), "crt591:pty", cfg);
    let log = Arc::new(Mutex::new(Vec::new()));
    let l2 = log.clone();
    let sink: FrameSink = Arc::new(move |r| l2.lock().unwrap().push(r));
    dev.set_frame_sink(sink);
    Rig {
        dev,
        log,
        _sim: sim,
    }
}

fn rig(sc: Scenario) -> Rig {
    let (sim, slave) = sim_on_pty(sc, 115_200);
    driver_on(slave, 115_200, Some(sim))
}

fn log_text(rig: &Rig) -> String {
    rig.log
        .lock()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {}\n",
                r.dir.arrow(),
                r.hex,
                r.ascii,
                r.layers.join(" | ")
            )
        })
        .collect()
}

/// Command → ACK → reply (raw bytes), without the host ACK.
fn command(s: &mut TTYPort, cmd: &str) -> Vec<u8> {
    s.write_all(&hexb(cmd)).unwrap();
    let mut b = [0u8; 1];
    s.read_exact(&mut b).unwrap();
    assert_eq!(b[0], ACK, "ACK to {cmd}");
    reply(s)
}

fn reply(s: &mut TTYPort) -> Vec<u8> {
    let mut f = Framer::new();
    let mut b = [0u8; 1];
    loop {
        s.read_exact(&mut b).unwrap();
        f.push(&b);
        if let Some(FrameEvent::Frame(_, raw)) = f.next_event() {
            return raw;
        }
    }
}

/// M591 §3.1.1: INIT must come first (anything else answers `B0`); its reply carries
/// Rev_type. §1.4 Case 3: a host NAK gets the reply again.
#[test]
fn init_first_and_the_reply_handshake_m591_1_4_3_1_1() {
    let (_sim, mut s) = sim_on_pty(scenario(), 115_200);
    s.set_timeout(Duration::from_millis(500)).unwrap();
    let status = "F2 00 00 03 43 31 30 03 B0";
    assert_eq!(
        command(&mut s, status),
        hexb("F2 00 00 05 4E 31 30 42 30 03 C9")
    );
    s.write_all(&[ACK]).unwrap();
    let init_reply = "F2 00 00 12 50 30 33 30 30 30 43 52 54 2D 35 39 31 2D 4D 30 30 31 03 84";
    assert_eq!(
        command(&mut s, "F2 00 00 03 43 30 33 03 B2"),
        hexb(init_reply)
    );
    s.write_all(&[NAK]).unwrap();
    assert_eq!(
        reply(&mut s),
        hexb(init_reply),
        "the reply again after a NAK"
    );
    s.write_all(&[ACK]).unwrap();
    assert_eq!(
        command(&mut s, status),
        hexb("F2 00 00 06 50 31 30 30 30 30 03 96")
    );
    s.write_all(&[ACK]).unwrap();
    // §2.2: an undefined command answers e=00.
    let r = command(&mut s, "F2 00 00 03 43 99 30 03 18");
    assert_eq!(&r[4..9], b"N\x990\x30\x30");
}

/// The driver ACKs every reply, identifies the unit from INIT and A2, and powers a card
/// only once it is at the IC position (st0 = 2).
#[test]
fn driver_identifies_reads_and_powers_the_card() {
    let mut rig = rig(scenario());
    let info = rig.dev.identify().unwrap();
    assert_eq!(info.firmware, "CRT-591-M001");
    assert_eq!(info.model, "CRT-591");
    assert_eq!(info.serial, "SIM591-0001");
    let r = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert_eq!(r.track(2).unwrap().status, TrackStatus::Ok);
    assert_eq!(rig.dev.status().unwrap()[0], b'2');
    let p = rig.dev.chip_power_on().unwrap();
    assert!(matches!(p, ChipPower::Atr { .. }), "{p:?}");
    let text = log_text(&rig);
    let replies = text.matches("< F2").count();
    let acks = text.matches("> 06 ").count();
    assert_eq!(replies, acks, "every reply ACKed:\n{text}");
    assert!(
        cardbench::sensitive::find_clear_pan(&text).is_none(),
        "{text}"
    );
    // A second read of the same card is a new insertion.
    rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert!(log_text(&rig).contains("insert it again"));
}

#[test]
fn freeze_and_line_noise() {
    let mut sc = scenario();
    sc.device.faults.freeze_after = 2;
    let mut r = rig(sc);
    r.dev.identify().unwrap();
    let e = r.dev.status().unwrap_err();
    assert!(matches!(e, DeviceError::Timeout { .. }), "{e}");
    let mut sc = scenario();
    sc.device.faults.line_noise = 0.03;
    sc.scenario.seed = 5;
    let mut r = rig(sc);
    let ok = (0..30).filter(|_| r.dev.status().is_ok()).count();
    assert!(ok >= 25, "only {ok}/30 recovered");
}

#[test]
fn unplug_then_replug_continues_the_deck() {
    let mut sc = scenario();
    sc.device.faults.unplug_after = 8;
    sc.device.faults.replug_after_ms = 50;
    let opts = SimOptions {
        baud: 115_200,
        ..SimOptions::default()
    };
    let mut sim = Crt591Sim::new(sc, opts.clone());
    let (m1, s1) = pty_pair().unwrap();
    let (m2, s2) = pty_pair().unwrap();
    let h = std::thread::spawn(move || {
        let first = sim.serve_port(m1).unwrap();
        assert!(matches!(first, SimExit::Unplugged { .. }), "{first:?}");
        sim.serve_port(m2).unwrap()
    });
    let mut rig = driver_on(s1, 115_200, None);
    rig.dev.identify().unwrap();
    let r = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert!(r.fields().is_some());
    rig.dev.card_done(true).unwrap();
    let e = loop {
        if let Err(e) = rig.dev.status() {
            break e;
        }
    };
    assert!(e.is_lost(), "{e}");
    let mut rig2 = driver_on(s2, 115_200, None);
    let r = rig2.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert_eq!(
        r.fields().unwrap().pan.expose_clear(),
        scenario().cards[1].pan
    );
    opts.stop.store(true, Ordering::Relaxed);
    assert_eq!(h.join().unwrap(), SimExit::Stopped);
}
