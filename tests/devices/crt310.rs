//! CRT-310 driver against its simulator (and against scripted readers) over real ptys.

use cardbench::codec::crt310::{Frame, FrameEvent, Framer, ACK, ENQ, NAK};
use cardbench::device::crt310::{Crt310, Crt310Config};
use cardbench::device::{Device, DeviceError};
use cardbench::link::{pty_pair, read_available, Available, PtySession, SerialTransport};
use cardbench::model::TrackStatus;
use cardbench::sim::crt310::{serve, Crt310Sim};
use cardbench::sim::scenario::{HeadError, Scenario, SimExit, WornHead};
use cardbench::sim::SimOptions;
use cardbench::trace::{FrameRecord, FrameSink};
use serialport::SerialPort;
use std::io::{Read, Write};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a simulator thread on a pty returns.
pub type SimSession = PtySession<std::io::Result<SimExit>>;

pub struct Rig {
    pub dev: Crt310,
    pub log: Arc<Mutex<Vec<FrameRecord>>>,
    /// The simulator (or scripted reader) on the pty's master; stopped and joined on drop.
    pub sim: Option<SimSession>,
}

impl Rig {
    /// Everything the frame log holds, as one text (for the no-clear-PAN check).
    pub fn log_text(&self) -> String {
        self.log
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
}

pub fn default_scenario() -> Scenario {
    let mut sc = Scenario::builtin("crt310-default").unwrap();
    sc.device.think_time_ms = 0;
    sc
}

/// The simulator on a pty master in a thread, the driver on the slave.
pub fn start_sim(sc: Scenario, baud: u32) -> Rig {
    let mut sim = PtySession::spawn("sim-crt310", move |master, stop| {
        serve(master, &sc, &SimOptions { baud, stop })
    })
    .unwrap();
    let slave = sim.take_slave().unwrap();
    driver_on(slave, baud, Some(sim))
}

fn driver_on(slave: serialport::TTYPort, baud: u32, sim: Option<SimSession>) -> Rig {
    let t = SerialTransport::from_port(Box::new(slave), "pty");
    let mut dev = Crt310::with_config(
        Box::new(t),
        "crt310:pty",
        Crt310Config {
            baud,
            ..Crt310Config::default()
        },
    );
    let log = Arc::new(Mutex::new(Vec::new()));
    let l2 = log.clone();
    let sink: FrameSink = Arc::new(move |r| l2.lock().unwrap().push(r));
    dev.set_frame_sink(sink);
    Rig { dev, log, sim }
}

/// How a scripted reader misbehaves.
#[derive(Clone, Copy, Default)]
struct Script {
    nak_first: bool,
    garbage_before_response: bool,
    trickle: bool,
}

/// A scripted reader: records every frame it receives, answers with the simulator's logic
/// (so responses are real), misbehaving as told.
fn start_scripted(script: Script) -> (Rig, Arc<Mutex<Vec<Vec<u8>>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let mut session = PtySession::spawn("scripted-crt310", move |mut master, stop| {
        let mut sim = Crt310Sim::new(default_scenario(), SimOptions::default());
        let mut framer = Framer::new();
        let mut pending: Option<Frame> = None;
        let mut naked = false;
        master.set_timeout(Duration::from_millis(20)).unwrap();
        let mut buf = [0u8; 256];
        while !stop.load(Ordering::Relaxed) {
            if let Ok(Available::Bytes(n)) = read_available(&mut master, &mut buf) {
                framer.push(&buf[..n]);
            }
            while let Some(ev) = framer.next_event() {
                match ev {
                    FrameEvent::Frame(f, raw) => {
                        s2.lock().unwrap().push(raw);
                        if script.nak_first && !naked {
                            naked = true;
                            master.write_all(&[NAK]).unwrap();
                        } else {
                            master.write_all(&[ACK]).unwrap();
                            pending = Some(f);
                        }
                    }
                    FrameEvent::Control(ENQ) => {
                        if let Some(f) = pending.take() {
                            let resp = sim.execute(&f).encode().unwrap();
                            if script.garbage_before_response {
                                master.write_all(&[0xFF, 0x00, 0x02, 0x7F, 0x55]).unwrap();
                            }
                            if script.trickle {
                                for b in resp {
                                    master.write_all(&[b]).unwrap();
                                    std::thread::sleep(Duration::from_millis(2));
                                }
                            } else {
                                master.write_all(&resp).unwrap();
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(SimExit::Stopped)
    })
    .unwrap();
    let slave = session.take_slave().unwrap();
    (driver_on(slave, 9600, Some(session)), seen)
}

fn hexb(s: &str) -> Vec<u8> {
    cardbench::hexfmt::parse_hex(s).unwrap()
}

#[test]
fn driver_sends_exactly_the_example_frames() {
    let (mut rig, seen) = start_scripted(Script::default());
    rig.dev.status().unwrap();
    // chip_power_on = move to the IC position, contacts landed (32 2F, manual §8.5), then IC
    // power on (33 30, §8.6.1), then CPU cold reset (37 30, §9.3.1).
    let p = rig.dev.chip_power_on().unwrap();
    assert!(
        matches!(p, cardbench::model::ChipPower::Atr { .. }),
        "{p:?}"
    );
    rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    // SELECT PSE as the EMV flow sends it (with Le): over T=0 the Le is dropped.
    let r = rig
        .dev
        .transmit(&hexb(
            "00 A4 04 00 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 00",
        ))
        .unwrap();
    assert_eq!(r[0], 0x61);
    let seen = seen.lock().unwrap().clone();
    let expect = [
        "02 00 02 31 30 03 02",
        "02 00 02 32 2F 03 1E",
        "02 00 02 33 30 03 00",
        "02 00 02 37 30 03 04",
        "02 00 04 45 30 30 37 03 77",
        "02 00 17 37 31 00 13 00 A4 04 00 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 03 CA",
    ];
    assert_eq!(seen.len(), expect.len(), "{seen:02X?}");
    for (got, want) in seen.iter().zip(expect) {
        assert_eq!(got, &hexb(want));
    }
}

#[test]
fn identify_against_the_simulator() {
    let mut rig = start_sim(default_scenario(), 115_200);
    let info = rig.dev.identify().unwrap();
    assert_eq!(info.profile, "crt310");
    assert_eq!(info.model, "CRT-310");
    assert_eq!(info.firmware, "CRT-310 V3.0");
    assert_eq!(info.serial, "SIM310-0001");
    let st = rig.dev.status().unwrap();
    assert!(!st.card_present());
}

#[test]
fn reads_tracks_masked_and_presents_the_deck_in_order() {
    let mut rig = start_sim(default_scenario(), 115_200);
    let sc = default_scenario();
    for card in sc.cards.iter().take(3) {
        let r = rig.dev.read_swipe(Duration::from_secs(2)).unwrap();
        assert_eq!(r.track(1).unwrap().status, TrackStatus::Ok);
        assert_eq!(r.track(2).unwrap().status, TrackStatus::Ok);
        assert_eq!(r.track(3).unwrap().status, TrackStatus::Blank);
        let f = r.fields().unwrap();
        assert_eq!(f.pan.expose_clear(), card.pan);
        assert!(f.luhn_ok);
        assert_eq!(f.expiry.as_deref(), Some("2812"));
        assert_eq!(f.service_code.as_deref(), Some(card.service_code.as_str()));
        assert!(r.track2.is_some());
        assert!(rig.dev.status().unwrap().card_present());
        rig.dev.card_done(true).unwrap();
        assert!(!rig.dev.status().unwrap().card_present());
    }
    let text = rig.log_text();
    assert!(
        cardbench::sensitive::find_clear_pan(&text).is_none(),
        "{text}"
    );
    assert!(!text.contains("0000123456"), "discretionary data leaked");
}

#[test]
fn after_the_last_card_reads_see_no_card() {
    let mut sc = default_scenario();
    sc.cards.truncate(1);
    let mut rig = start_sim(sc, 115_200);
    rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    rig.dev.card_done(true).unwrap();
    let e = rig.dev.read_swipe(Duration::from_millis(500)).unwrap_err();
    assert!(matches!(e, DeviceError::Timeout { .. }), "{e}");
}

#[test]
fn corrupted_bcc_is_naked_by_the_simulator() {
    let sc = default_scenario();
    let mut sim = PtySession::spawn("sim-crt310", move |master, stop| {
        let opts = SimOptions {
            baud: 115_200,
            stop,
        };
        serve(master, &sc, &opts)
    })
    .unwrap();
    let mut slave = sim.take_slave().unwrap();
    slave.set_timeout(Duration::from_millis(500)).unwrap();
    let mut bad = hexb("02 00 02 31 30 03 02");
    bad[6] ^= 0x40;
    slave.write_all(&bad).unwrap();
    let mut b = [0u8; 1];
    slave.read_exact(&mut b).unwrap();
    assert_eq!(b[0], NAK);
    slave.write_all(&hexb("02 00 02 31 30 03 02")).unwrap();
    slave.read_exact(&mut b).unwrap();
    assert_eq!(b[0], ACK);
    slave.write_all(&[ENQ]).unwrap();
    let mut resp = [0u8; 10];
    slave.read_exact(&mut resp).unwrap();
    assert_eq!(&resp[..5], &hexb("02 00 05 31 30"));
    sim.stop_and_join().unwrap().unwrap();
}

#[test]
fn driver_resends_after_nak() {
    let (mut rig, seen) = start_scripted(Script {
        nak_first: true,
        ..Script::default()
    });
    rig.dev.status().unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0], seen[1]);
    assert!(rig.log_text().contains("resend #1"));
}

#[test]
fn garbage_before_a_frame_is_skipped() {
    let (mut rig, _) = start_scripted(Script {
        garbage_before_response: true,
        ..Script::default()
    });
    let info = rig.dev.identify().unwrap();
    assert_eq!(info.firmware, "CRT-310 V3.0");
    assert!(rig.log_text().contains("garbage"));
}

#[test]
fn a_frame_split_across_many_reads() {
    let (mut rig, _) = start_scripted(Script {
        trickle: true,
        ..Script::default()
    });
    let r = rig.dev.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(r.track(2).unwrap().status, TrackStatus::Ok);
}

#[test]
fn slow_device_within_and_beyond_the_deadline() {
    let mut sc = default_scenario();
    sc.device.think_time_ms = 400;
    let mut rig = start_sim(sc, 115_200);
    let t = Instant::now();
    rig.dev.status().unwrap();
    assert!(t.elapsed() >= Duration::from_millis(400));
    rig.dev.cfg.response_timeout = Duration::from_millis(100);
    let e = rig.dev.status().unwrap_err();
    assert!(matches!(e, DeviceError::Timeout { .. }), "{e}");
}

#[test]
fn unplug_gives_device_lost_within_a_second() {
    let mut sc = default_scenario();
    sc.device.faults.unplug_after = 2;
    let mut rig = start_sim(sc, 115_200);
    rig.dev.identify().unwrap();
    let t = Instant::now();
    let e = rig.dev.status().unwrap_err();
    assert!(e.is_lost(), "{e}");
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    let exit = rig.sim.take().unwrap().join().unwrap().unwrap();
    assert_eq!(exit, SimExit::Unplugged { replug_after: None });
}

#[test]
fn freeze_stops_answering() {
    let mut sc = default_scenario();
    sc.device.faults.freeze_after = 1;
    let mut rig = start_sim(sc, 115_200);
    rig.dev.status().unwrap();
    let e = rig.dev.status().unwrap_err();
    assert!(matches!(e, DeviceError::Timeout { .. }), "{e}");
}

#[test]
fn worn_head_and_dead_track() {
    let mut sc = default_scenario();
    sc.device.faults.worn_head = Some(WornHead {
        track: 2,
        probability: 1.0,
        error: HeadError::Parity,
    });
    sc.device.faults.dead_track = Some(1);
    let mut rig = start_sim(sc.clone(), 115_200);
    let r = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert_eq!(r.track(1).unwrap().status, TrackStatus::Blank);
    assert_eq!(r.track(2).unwrap().status, TrackStatus::Parity(None));
    drop(rig);
    sc.device.faults.worn_head.as_mut().unwrap().error = HeadError::Lrc;
    let mut rig = start_sim(sc, 115_200);
    let r = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert_eq!(r.track(2).unwrap().status, TrackStatus::Lrc);
}

#[test]
fn card_stripe_defects() {
    use cardbench::sim::scenario::Defect;
    let mut sc = default_scenario();
    sc.cards[0].defects = vec![Defect::Demagnetised(2)];
    sc.cards[1].defects = vec![Defect::Blank];
    let mut rig = start_sim(sc, 115_200);
    let r = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert_eq!(r.track(2).unwrap().status, TrackStatus::NoStartSentinel);
    assert_eq!(r.track(1).unwrap().status, TrackStatus::Ok);
    rig.dev.card_done(false).unwrap();
    let r = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert!(r.tracks.iter().all(|t| t.status == TrackStatus::Blank));
}

#[test]
fn line_noise_is_recovered_by_nak_and_enq() {
    let mut sc = default_scenario();
    sc.device.faults.line_noise = 0.03;
    sc.scenario.seed = 11;
    let mut rig = start_sim(sc, 115_200);
    let mut ok = 0;
    for _ in 0..30 {
        if rig.dev.status().is_ok() {
            ok += 1;
        }
    }
    assert!(ok >= 25, "only {ok}/30 exchanges recovered");
    let text = rig.log_text();
    assert!(
        text.contains("bad BCC") || text.contains("no ACK") || text.contains("skipped"),
        "noise left no trace"
    );
}

#[test]
fn eot_cancels() {
    let mut rig = start_sim(default_scenario(), 115_200);
    rig.dev.cancel().unwrap();
    assert!(rig.log_text().contains("EOT"));
    rig.dev.status().unwrap();
}

#[test]
fn replug_continues_the_deck_on_a_new_pty() {
    let mut sc = default_scenario();
    sc.device.faults.unplug_after = 3;
    sc.device.faults.replug_after_ms = 50;
    let opts = SimOptions {
        baud: 115_200,
        ..SimOptions::default()
    };
    let mut sim = Crt310Sim::new(sc, opts.clone());
    let (m1, s1) = pty_pair().unwrap();
    let (m2, s2) = pty_pair().unwrap();
    let h = std::thread::spawn(move || {
        let first = sim.serve_port(m1).unwrap();
        let SimExit::Unplugged { replug_after } = first else {
            panic!("{first:?}")
        };
        assert_eq!(replug_after, Some(Duration::from_millis(50)));
        sim.serve_port(m2).unwrap()
    });
    let mut rig = driver_on(s1, 115_200, None);
    let r = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert!(r.fields().is_some());
    rig.dev.card_done(true).unwrap();
    rig.dev.status().unwrap();
    assert!(rig.dev.status().unwrap_err().is_lost());
    let mut rig2 = driver_on(s2, 115_200, None);
    let r = rig2.dev.read_swipe(Duration::from_secs(1)).unwrap();
    // The second card of the deck: the position survived the replug.
    assert_eq!(
        r.fields().unwrap().pan.expose_clear(),
        default_scenario().cards[1].pan
    );
    opts.stop.store(true, Ordering::Relaxed);
    assert_eq!(h.join().unwrap(), SimExit::Stopped);
}
