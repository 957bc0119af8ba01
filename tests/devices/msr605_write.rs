//! MSR605 issue-13 items, byte-exact against the MSR606/605 Programmer's Manual (Rev B) and the
//! public drivers: the Hi-Co/Lo-Co replies (§6 #21–#23, lower case as libmsr, libMSRx05,
//! MSR605X and msr605-tool expect), writes and erase that answer only after a swipe (§8) under
//! a host-side timeout, and card presence through the sensor test (§6 #10).

use crate::msr605::{assert_no_pan, default_scenario, fake, one_card, start};
use cardbench::codec::msr605::{cmd, Coercivity, Command, ESC};
use cardbench::device::msr605::ReadMode;
use cardbench::device::{Device, DeviceError, Silent};
use cardbench::i18n::Lang;
use cardbench::model::TrackStatus;
use cardbench::sim::msr605::Msr605Sim;
use cardbench::trace::Direction;
use std::io::Write;
use std::time::{Duration, Instant};

fn command(code: u8) -> Command {
    Command {
        code,
        params: vec![],
    }
}

#[test]
fn sim_hi_lo_co_bytes_m606_6_21_to_23() {
    let mut sim = Msr605Sim::from_scenario(&default_scenario());
    // §6 #23 prints 1B 48 / 1B 4C; real units and every public driver use lower case.
    assert_eq!(
        sim.handle(&command(cmd::GET_COERCIVITY)),
        Some(vec![ESC, 0x68])
    );
    // §6 #22 set Lo-Co: 1B 79 → 1B 30.
    assert_eq!(sim.handle(&command(cmd::SET_LOCO)), Some(vec![ESC, 0x30]));
    assert_eq!(
        sim.handle(&command(cmd::GET_COERCIVITY)),
        Some(vec![ESC, 0x6C])
    );
    // A reset does not change the coercivity (libMSRx05).
    assert_eq!(sim.handle(&command(cmd::RESET)), None);
    assert_eq!(
        sim.handle(&command(cmd::GET_COERCIVITY)),
        Some(vec![ESC, 0x6C])
    );
    // §6 #21 set Hi-Co: 1B 78 → 1B 30.
    assert_eq!(sim.handle(&command(cmd::SET_HICO)), Some(vec![ESC, 0x30]));
    assert_eq!(
        sim.handle(&command(cmd::GET_COERCIVITY)),
        Some(vec![ESC, 0x68])
    );
}

#[test]
fn driver_reads_and_sets_hi_lo_co() {
    let (_sim, mut d, log) = start(&default_scenario(), 115_200);
    assert_eq!(d.coercivity().unwrap(), Coercivity::High);
    d.set_coercivity(Coercivity::Low).unwrap();
    assert_eq!(d.coercivity().unwrap(), Coercivity::Low);
    let l = log.lock().unwrap();
    let tx: Vec<&str> = l
        .iter()
        .filter(|r| r.dir == Direction::Tx)
        .map(|r| r.hex.as_str())
        .collect();
    assert_eq!(tx, ["1B 64", "1B 79", "1B 64"]);
    assert!(l.iter().any(|r| r.dir == Direction::Rx && r.hex == "1B 6C"));
}

#[test]
fn driver_accepts_the_manuals_upper_case_hi_lo_co() {
    let (run, mut d, log) = fake(|mut m| {
        for reply in [[ESC, b'H'], [ESC, b'L']] {
            assert_eq!(
                crate::msr605::expect_bytes(&mut m, 2),
                [ESC, cmd::GET_COERCIVITY]
            );
            m.write_all(&reply).unwrap();
        }
        // Keep the line up until the driver has read the last answer.
        std::thread::sleep(Duration::from_millis(300));
    });
    assert_eq!(d.coercivity().unwrap(), Coercivity::High);
    assert_eq!(d.coercivity().unwrap(), Coercivity::Low);
    run.join().unwrap();
    // The frame log speaks the run's language (issue 13 point 5): commands, replies and notes.
    let l = log.lock().unwrap();
    let zh: Vec<String> = l
        .iter()
        .map(|r| r.layers_in(Lang::ZhCn).join(" "))
        .collect();
    let en: Vec<String> = l.iter().map(|r| r.layers_in(Lang::En).join(" ")).collect();
    assert!(zh.iter().any(|s| s.contains("查询高/低抗磁")), "{zh:?}");
    assert!(zh.iter().any(|s| s.contains("低抗磁")), "{zh:?}");
    assert!(
        en.iter().any(|s| s == "MSR605 get Hi/Lo-Co (ESC 64)"),
        "{en:?}"
    );
    assert!(en.iter().any(|s| s == "MSR605 Lo-Co"), "{en:?}");
}

#[test]
fn writes_and_erase_answer_after_a_swipe_and_time_out_without_one_m606_8() {
    let (_sim, mut d, log) = start(&one_card(), 115_200);
    let t2 = b";4000001234567899=30121011234500000?".as_slice();
    let st = d
        .write_tracks(
            ReadMode::Iso,
            [None, Some(t2), None],
            Duration::from_secs(2),
        )
        .unwrap();
    assert_eq!(st, 0x30);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.fields().unwrap().pan.masked(), "400000******7899");
    // Track 1 was left as it was (an absent track in the block is not written).
    assert!(s.track(1).unwrap().status.is_ok());
    // §6 #14 erase track 3 (bit mask 04).
    assert_eq!(
        d.erase([false, false, true], Duration::from_secs(2))
            .unwrap(),
        0x30
    );
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.track(3).unwrap().status, TrackStatus::NoData);
    {
        let l = log.lock().unwrap();
        let w = l
            .iter()
            .find(|r| r.dir == Direction::Tx && r.hex.starts_with("1B 77"))
            .unwrap();
        assert!(w.hex.contains("[track 2, 36 chars]"), "{}", w.hex);
        assert!(l
            .iter()
            .any(|r| r.dir == Direction::Tx && r.hex == "1B 63 04"));
    }
    assert_no_pan(&log);
    // No card left: the reader would wait for ever; the host's wait ends it.
    d.card_done(true).unwrap();
    let t0 = Instant::now();
    let e = d
        .write_tracks(
            ReadMode::Iso,
            [None, Some(t2), None],
            Duration::from_millis(300),
        )
        .unwrap_err();
    assert!(
        matches!(
            e,
            DeviceError::Timeout {
                silent: Silent::Operator,
                ..
            }
        ),
        "{e}"
    );
    assert!(t0.elapsed() < Duration::from_secs(1));
    let e = d
        .erase([true, true, true], Duration::from_millis(300))
        .unwrap_err();
    assert!(matches!(e, DeviceError::Timeout { .. }), "{e}");
    // The armed write was cancelled with a reset: the reader answers again.
    d.identify().unwrap();
}

#[test]
fn raw_write_reads_back_m606_6_17() {
    let (_sim, mut d, _log) = start(&one_card(), 115_200);
    // The raw read's bytes (MSB-first) written back LSB-first, as msrx writes.
    let raw = cardbench::codec::track::encode_track_raw(
        2,
        "4000001234567899=30121011234500000",
        &Default::default(),
    );
    let lsb: Vec<u8> = raw.iter().map(|b| b.reverse_bits()).collect();
    let st = d
        .write_tracks(
            ReadMode::Raw,
            [None, Some(&lsb), None],
            Duration::from_secs(2),
        )
        .unwrap();
    assert_eq!(st, 0x30);
    let s = d.read_swipe(Duration::from_secs(2)).unwrap();
    assert_eq!(s.fields().unwrap().pan.masked(), "400000******7899");
}

#[test]
fn sensor_test_reports_card_presence_m606_6_10() {
    let (_sim, mut d, log) = start(&one_card(), 115_200);
    assert_eq!(d.card_presence(Duration::from_secs(1)).unwrap(), Some(true));
    d.card_done(true).unwrap();
    let t0 = Instant::now();
    assert_eq!(
        d.card_presence(Duration::from_millis(300)).unwrap(),
        Some(false)
    );
    assert!(t0.elapsed() < Duration::from_secs(1));
    // The sensor test was cancelled with a reset (§6 #10: "or receive a RESET command").
    d.identify().unwrap();
    let l = log.lock().unwrap();
    assert!(l.iter().any(|r| r.dir == Direction::Tx && r.hex == "1B 86"));
    assert!(l.iter().any(|r| r.dir == Direction::Rx && r.hex == "1B 30"));
}

#[test]
fn link_trouble_notes_in_chinese() {
    let (t, mut d, log) = fake(|mut m| {
        assert_eq!(crate::msr605::expect_bytes(&mut m, 2), [ESC, cmd::READ_ISO]);
        m.write_all(&[0x00, 0xFF, 0x42, 0x13]).unwrap();
        m.write_all(&cardbench::codec::msr605::encode_iso_block(
            [None, Some(b";1234?"), None],
            0x30,
        ))
        .unwrap();
        std::thread::sleep(Duration::from_millis(300));
    });
    d.set_read_mode(ReadMode::Iso);
    d.read_swipe(Duration::from_secs(2)).unwrap();
    t.join().unwrap();
    let l = log.lock().unwrap();
    let note = l.iter().find(|r| r.dir == Direction::Note).unwrap();
    assert_eq!(
        note.layers_in(Lang::En),
        ["skipped 4 bytes of line garbage before a frame"]
    );
    assert_eq!(note.layers_in(Lang::ZhCn), ["帧前跳过 4 字节线路杂波"]);
    let block = l.iter().find(|r| r.dir == Direction::Rx).unwrap();
    assert_eq!(
        block.layers_in(Lang::ZhCn)[0],
        "MSR605 ISO 数据块，状态 1B 30（成功）"
    );
}
