//! MSR605 driver against its simulator and against scripted fake devices, over real ptys.

use cardbench::codec::msr605::encode_iso_block;
use cardbench::device::msr605::{Msr605, ReadMode};
use cardbench::device::{Device, DeviceError};
use cardbench::link::{read_available, Available, PtySession, SerialTransport};
use cardbench::model::TrackStatus;
use cardbench::sim::msr605::{Msr605Sim, ServeEnd};
use cardbench::sim::scenario::Scenario;
use cardbench::sim::SimOptions;
use cardbench::trace::{Direction, FrameRecord, FrameSink};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A simulator serving a pty master in a thread (stopped and joined on drop); the driver
/// owns the slave, or a client opens it by its path.
pub type SimRun<T = ServeEnd> = PtySession<T>;

/// Starts the simulator for `scenario` on a fresh pty at `baud`; the slave stays in the
/// session.
pub fn serve_scenario(scenario: &Scenario, baud: u32) -> SimRun {
    let mut sim = Msr605Sim::from_scenario(scenario);
    PtySession::spawn("sim-msr605", move |mut master, stop| {
        sim.serve(&mut master, &SimOptions { baud, stop }).unwrap()
    })
    .unwrap()
}

pub fn default_scenario() -> Scenario {
    Scenario::parse(
        cardbench::sim::scenario::MSR605_DEFAULT,
        "builtin:msr605-default",
    )
    .unwrap()
}

/// The default deck cut to its first card.
pub fn one_card() -> Scenario {
    let text = cardbench::sim::scenario::MSR605_DEFAULT;
    let one = text
        .split("\n[[card]]")
        .take(2)
        .collect::<Vec<_>>()
        .join("\n[[card]]");
    Scenario::parse(&one, "one").unwrap()
}

/// The default scenario with a `[device.faults]` body replaced.
pub fn scenario_with_faults(faults: &str) -> Scenario {
    let text = cardbench::sim::scenario::MSR605_DEFAULT
        .replace("[device.faults]\n", &format!("[device.faults]\n{faults}\n"));
    Scenario::parse(&text, "test").unwrap()
}

/// Starts the simulator for `scenario`; returns the driver on the other end and the frame log.
pub fn start(scenario: &Scenario, baud: u32) -> (SimRun, Msr605, Arc<Mutex<Vec<FrameRecord>>>) {
    let mut run = serve_scenario(scenario, baud);
    let pty = run.path().to_string();
    let slave = run.take_slave().unwrap();
    let t = SerialTransport::from_port(Box::new(slave), pty);
    let mut d = Msr605::new(Box::new(t), "msr605:test", baud);
    let log = Arc::new(Mutex::new(Vec::new()));
    let l2 = log.clone();
    let sink: FrameSink = Arc::new(move |r| l2.lock().unwrap().push(r));
    d.set_frame_sink(sink);
    (run, d, log)
}

/// A scripted device: `script` gets the pty master and plays the reader; `join` the session
/// to see the script's own asserts.
pub fn fake<F>(script: F) -> (SimRun<()>, Msr605, Arc<Mutex<Vec<FrameRecord>>>)
where
    F: FnOnce(serialport::TTYPort) + Send + 'static,
{
    let mut run = PtySession::spawn("fake-msr605", move |master, _stop| script(master)).unwrap();
    let slave = run.take_slave().unwrap();
    let t = SerialTransport::from_port(Box::new(slave), "fake");
    let mut d = Msr605::new(Box::new(t), "msr605:fake", 9600);
    let log = Arc::new(Mutex::new(Vec::new()));
    let l2 = log.clone();
    d.set_frame_sink(Arc::new(move |r| l2.lock().unwrap().push(r)));
    (run, d, log)
}

/// Reads from the master until `n` bytes came (or 2 s passed).
pub fn expect_bytes(m: &mut serialport::TTYPort, n: usize) -> Vec<u8> {
    let mut got = Vec::new();
    let t0 = Instant::now();
    let mut b = [0u8; 64];
    while got.len() < n && t0.elapsed() < Duration::from_secs(2) {
        if let Ok(Available::Bytes(k)) = read_available(m, &mut b) {
            got.extend_from_slice(&b[..k]);
        }
    }
    got
}

pub fn assert_no_pan(log: &Arc<Mutex<Vec<FrameRecord>>>) {
    let text = serde_json::to_string(&*log.lock().unwrap()).unwrap();
    assert!(
        cardbench::sensitive::find_clear_pan(&text).is_none(),
        "clear PAN in the frame log"
    );
}

#[test]
fn identify_and_read_the_deck_in_order() {
    let (_sim, mut d, log) = start(&default_scenario(), 115_200);
    let info = d.identify().unwrap();
    assert_eq!(info.profile, "msr605");
    assert!(info.model.contains("1+2+3"), "{}", info.model);
    assert_eq!(info.firmware, "REVH2.31");
    assert_eq!(info.serial, "");
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.reader_status, "1B 30");
    assert!(s.track(1).unwrap().status.is_ok(), "{:?}", s.track(1));
    assert!(s.track(2).unwrap().status.is_ok(), "{:?}", s.track(2));
    assert!(s.track(3).unwrap().status.is_ok(), "{:?}", s.track(3));
    let f = s.fields().unwrap();
    assert_eq!(f.pan.masked(), "622202*********0018");
    assert_eq!(f.expiry.as_deref(), Some("2812"));
    assert!(s.track2.is_some());
    // Same card until the bench lights an LED.
    let again = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(again.fields().unwrap().pan.masked(), "622202*********0018");
    d.card_done(true).unwrap();
    let next = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(next.fields().unwrap().pan.masked(), "621226*********0026");
    assert_eq!(next.track(3).unwrap().status, TrackStatus::Ok);
    d.card_done(false).unwrap();
    // ISO mode: the reader decodes.
    d.set_read_mode(ReadMode::Iso);
    let iso = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(iso.fields().unwrap().pan.masked(), "621700*********0038");
    assert_eq!(iso.track(3).unwrap().status, TrackStatus::NoData);
    assert!(d.chip_power_on().is_err());
    assert!(matches!(d.transmit(&[0]), Err(DeviceError::Unsupported(_))));
    let l = log.lock().unwrap();
    assert!(l.iter().any(|r| r.dir == Direction::Tx && r.hex == "1B 6D"));
    assert!(l
        .iter()
        .any(|r| r.dir == Direction::Rx && r.hex.contains("[raw track 2,")));
    drop(l);
    assert_no_pan(&log);
}

#[test]
fn after_the_last_card_reads_time_out_and_are_cancelled() {
    let sc = one_card();
    assert_eq!(sc.cards.len(), 1);
    let (_sim, mut d, _log) = start(&sc, 115_200);
    d.read_swipe(Duration::from_secs(2)).unwrap();
    d.card_done(true).unwrap();
    let t0 = Instant::now();
    let e = d.read_swipe(Duration::from_millis(300)).unwrap_err();
    assert!(matches!(e, DeviceError::Timeout { .. }), "{e}");
    assert!(t0.elapsed() < Duration::from_secs(1));
    // The pending read was cancelled with a reset: the reader answers again.
    d.identify().unwrap();
}

fn iso_reply() -> Vec<u8> {
    encode_iso_block(
        [
            Some(b"%B6212345678901232^ZHANG/SAN^2812201000000123456?"),
            Some(b";6212345678901232=28122011234567890?"),
            None,
        ],
        0x30,
    )
}

#[test]
fn garbage_before_a_frame_is_skipped() {
    let (t, mut d, log) = fake(|mut m| {
        let cmd = expect_bytes(&mut m, 2);
        assert_eq!(cmd, vec![0x1B, 0x72]);
        m.write_all(&[0x00, 0xFF, 0x42, 0x13]).unwrap();
        m.write_all(&iso_reply()).unwrap();
        std::thread::sleep(Duration::from_millis(300));
    });
    d.set_read_mode(ReadMode::Iso);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.fields().unwrap().pan.masked(), "621234******1232");
    assert!(log
        .lock()
        .unwrap()
        .iter()
        .any(|r| r.dir == Direction::Note && r.layers.iter().any(|l| l.contains("garbage"))));
    assert_no_pan(&log);
    t.join().unwrap();
}

#[test]
fn a_frame_split_across_many_reads() {
    let (t, mut d, _log) = fake(|mut m| {
        expect_bytes(&mut m, 2);
        for b in iso_reply() {
            m.write_all(&[b]).unwrap();
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(300));
    });
    d.set_read_mode(ReadMode::Iso);
    let s = d.read_swipe(Duration::from_secs(3)).unwrap();
    assert!(s.track(2).unwrap().status.is_ok());
    t.join().unwrap();
}

#[test]
fn slow_device_within_its_wait_is_fine() {
    let (t, mut d, _log) = fake(|mut m| {
        expect_bytes(&mut m, 2);
        std::thread::sleep(Duration::from_millis(600));
        m.write_all(&iso_reply()).unwrap();
        std::thread::sleep(Duration::from_millis(300));
    });
    d.set_read_mode(ReadMode::Iso);
    let s = d.read_swipe(Duration::from_secs(3)).unwrap();
    assert!(s.track(1).unwrap().status.is_ok());
    t.join().unwrap();
}

#[test]
fn the_deadline_is_per_frame_not_per_read() {
    // A device that trickles one byte every 150 ms never completes a 90-byte frame in time:
    // per-read timeouts would wait ~13 s; the frame deadline (~1.6 s at 9600) stops it.
    let (t, mut d, _log) = fake(|mut m| {
        expect_bytes(&mut m, 2);
        for b in iso_reply() {
            if m.write_all(&[b]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    });
    d.set_read_mode(ReadMode::Iso);
    let t0 = Instant::now();
    let e = d.read_swipe(Duration::from_secs(3)).unwrap_err();
    assert!(matches!(e, DeviceError::Protocol(_)), "{e}");
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
    drop(d);
    t.join().unwrap();
}

#[test]
fn unplug_gives_device_lost_before_the_swipe_timeout() {
    let (t, mut d, _log) = fake(|mut m| {
        expect_bytes(&mut m, 2);
        std::thread::sleep(Duration::from_millis(100));
        drop(m);
    });
    let t0 = Instant::now();
    let e = d.read_swipe(Duration::from_secs(5)).unwrap_err();
    assert!(e.is_lost(), "{e}");
    // Lost is seen from the hang-up, not from the 5 s swipe wait running out (the bound is
    // loose on purpose: a loaded CI machine must not turn this into a timing test).
    assert!(t0.elapsed() < Duration::from_secs(4), "{:?}", t0.elapsed());
    // The handle is closed: the next call fails at once.
    assert!(d.identify().unwrap_err().is_lost());
    t.join().unwrap();
}

#[test]
fn scenario_unplug_after_n_commands() {
    let sc = scenario_with_faults("unplug_after = 3");
    let mut run = serve_scenario(&sc, 9600);
    let slave = run.take_slave().unwrap();
    let mut d = Msr605::new(
        Box::new(SerialTransport::from_port(Box::new(slave), "p")),
        "x",
        9600,
    );
    let t0 = Instant::now();
    let e = d.identify().unwrap_err();
    assert!(e.is_lost(), "{e}");
    assert!(t0.elapsed() < Duration::from_secs(2));
    assert_eq!(run.join(), Some(ServeEnd::Unplugged));
}

#[test]
fn worn_head_gives_parity_or_lrc_errors_on_its_track() {
    let sc =
        scenario_with_faults("worn_head = { track = 2, probability = 1.0, error = \"parity\" }");
    let (_sim, mut d, log) = start(&sc, 115_200);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert!(s.track(1).unwrap().status.is_ok());
    assert!(
        matches!(s.track(2).unwrap().status, TrackStatus::Parity(_)),
        "{:?}",
        s.track(2)
    );
    assert_no_pan(&log);
    drop(_sim);
    let sc = scenario_with_faults("worn_head = { track = 1, probability = 1.0, error = \"lrc\" }");
    let (_sim, mut d, _log) = start(&sc, 115_200);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.track(1).unwrap().status, TrackStatus::Lrc);
    assert!(s.track(2).unwrap().status.is_ok());
    // ISO mode: the reader drops the bad track and answers status 1B 31.
    d.set_read_mode(ReadMode::Iso);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.reader_status, "1B 31");
    assert_eq!(
        s.track(1).unwrap().status,
        TrackStatus::ReaderError("1B 31".into())
    );
}

#[test]
fn dead_track_and_card_defects() {
    let sc = scenario_with_faults("dead_track = 1");
    let (_sim, mut d, _log) = start(&sc, 115_200);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.track(1).unwrap().status, TrackStatus::NoData);
    assert!(s.track(2).unwrap().status.is_ok());
    drop(_sim);
    let text = cardbench::sim::scenario::MSR605_DEFAULT.replacen(
        "tracks = [1, 2, 3]\n",
        "tracks = [1, 2, 3]\ndefects = [\"demagnetised:2\"]\n",
        1,
    );
    let text = text.replacen(
        "tracks = [1, 2]\n",
        "tracks = [1, 2]\ndefects = [\"blank\"]\n",
        1,
    );
    let sc = Scenario::parse(&text, "defects").unwrap();
    let (_sim, mut d, _log) = start(&sc, 115_200);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.track(2).unwrap().status, TrackStatus::NoStartSentinel);
    assert!(s.track(1).unwrap().status.is_ok());
    d.card_done(false).unwrap();
    d.card_done(false).unwrap();
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert!(
        s.tracks.iter().all(|t| t.status == TrackStatus::Blank),
        "{s:?}"
    );
}

#[test]
fn line_noise_shows_as_bad_frames_or_bad_tracks() {
    let sc = scenario_with_faults("line_noise = 0.2");
    let (_sim, mut d, log) = start(&sc, 115_200);
    let mut signals = 0;
    for _ in 0..5 {
        match d.read_swipe(Duration::from_millis(500)) {
            Ok(s) if s.tracks.iter().all(|t| t.status.is_ok()) => {}
            Ok(_) | Err(DeviceError::Protocol(_)) | Err(DeviceError::Timeout { .. }) => {
                signals += 1
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert!(signals >= 3, "only {signals} of 5 reads showed the noise");
    assert_no_pan(&log);
}

#[test]
fn freeze_and_think_time() {
    let sc = scenario_with_faults("freeze_after = 1");
    let (_sim, mut d, _log) = start(&sc, 115_200);
    d.set_reply_timeout(Duration::from_millis(300));
    assert!(matches!(
        d.identify().unwrap_err(),
        DeviceError::Timeout { .. }
    ));
    drop(_sim);
    let text = cardbench::sim::scenario::MSR605_DEFAULT
        .replace("think_time_ms = 0", "think_time_ms = 150");
    let sc = Scenario::parse(&text, "think").unwrap();
    let (_sim, mut d, _log) = start(&sc, 115_200);
    let t0 = Instant::now();
    d.read_swipe(Duration::from_secs(2)).unwrap();
    assert!(t0.elapsed() >= Duration::from_millis(150));
}

/// Line noise on a read reply (issue 14): a damaged `ESC s` (the rest skipped as garbage up to
/// the final `ESC 30`) and a status byte garbled into no status at all are a damaged frame, a
/// protocol error, never "reader error 1B 30" on every track.
#[test]
fn a_read_reply_damaged_on_the_line_is_a_bad_frame_not_a_reader_error() {
    for (at, x) in [(1, 0x08), (usize::MAX, 0xC5)] {
        let (t, mut d, log) = fake(move |mut m| {
            expect_bytes(&mut m, 2);
            let mut b = iso_reply();
            let n = b.len();
            b[at.min(n - 1)] ^= x;
            m.write_all(&b).unwrap();
            // Past the frame deadline (about 1.6 s at 9600), and the reset after it.
            std::thread::sleep(Duration::from_millis(2500));
        });
        d.set_read_mode(ReadMode::Iso);
        match d.read_swipe(Duration::from_secs(2)) {
            Err(DeviceError::Protocol(_)) => {}
            other => panic!("byte {at} ^ {x:02X}: {other:?}"),
        }
        assert_no_pan(&log);
        drop(d);
        t.join().unwrap();
    }
}

#[test]
fn dropped_esc_in_comm_test_and_unknown_status_kept_verbatim() {
    let (t, mut d, _log) = fake(|mut m| {
        // reset, comm test (answered without its ESC), reset, model, firmware.
        assert_eq!(expect_bytes(&mut m, 4), vec![0x1B, 0x61, 0x1B, 0x65]);
        m.write_all(b"y").unwrap();
        assert_eq!(expect_bytes(&mut m, 4), vec![0x1B, 0x61, 0x1B, 0x74]);
        m.write_all(b"\x1b5S").unwrap();
        assert_eq!(expect_bytes(&mut m, 2), vec![0x1B, 0x76]);
        m.write_all(b"\x1bREV01.08").unwrap();
        // An ISO read answered with an undocumented status.
        assert_eq!(expect_bytes(&mut m, 2), vec![0x1B, 0x72]);
        let mut b = iso_reply();
        let n = b.len();
        b[n - 1] = 0x3C;
        m.write_all(&b).unwrap();
        std::thread::sleep(Duration::from_millis(300));
    });
    let info = d.identify().unwrap();
    assert!(info.model.contains("1+2"), "{}", info.model);
    assert_eq!(info.firmware, "REV01.08");
    d.set_read_mode(ReadMode::Iso);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.reader_status, "1B 3C");
    t.join().unwrap();
}
