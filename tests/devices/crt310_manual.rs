//! The CRT-310 simulator and driver against the Creator "CRT-310 (V3.0) Card Reader
//! Communication Protocol" (M310, 2007): byte-exact replies with the manual's section in each
//! test name, the IC contacts landing before power-on, the baud change that really changes the
//! line speed, the mechanism's refusals, and what a motorised reader means by "a swipe".

use super::crt310::{default_scenario, start_sim, SimSession};
use cardbench::codec::crt310::{FrameEvent, Framer, ACK, ENQ};
use cardbench::device::Device;
use cardbench::link::PtySession;
use cardbench::model::{ChipPower, TrackStatus};
use cardbench::sim::crt310::serve;
use cardbench::sim::scenario::{Defect, HeadError, Scenario, Supply, WornHead};
use cardbench::sim::SimOptions;
use serialport::{SerialPort, TTYPort};
use std::io::{Read, Write};
use std::time::Duration;

fn hexb(s: &str) -> Vec<u8> {
    cardbench::hexfmt::parse_hex(s).unwrap()
}

/// The simulator on a pty; the test holds the raw slave end.
fn raw_sim(sc: Scenario, baud: u32) -> (SimSession, TTYPort) {
    let mut sim = PtySession::spawn("sim-crt310", move |master, stop| {
        serve(master, &sc, &SimOptions { baud, stop })
    })
    .unwrap();
    let mut slave = sim.take_slave().unwrap();
    slave.set_timeout(Duration::from_millis(400)).unwrap();
    (sim, slave)
}

/// One exchange as the manual's §6.1 A draws it: command, ACK, ENQ, reply. `None` when the
/// reader does not ACK.
fn try_xchg(slave: &mut TTYPort, cmd: &str) -> Option<Vec<u8>> {
    slave.write_all(&hexb(cmd)).unwrap();
    let mut b = [0u8; 1];
    if slave.read_exact(&mut b).is_err() || b[0] != ACK {
        return None;
    }
    slave.write_all(&[ENQ]).unwrap();
    let mut framer = Framer::new();
    loop {
        slave.read_exact(&mut b).ok()?;
        framer.push(&b);
        if let Some(FrameEvent::Frame(_, raw)) = framer.next_event() {
            return Some(raw);
        }
    }
}

fn xchg(slave: &mut TTYPort, cmd: &str) -> Vec<u8> {
    try_xchg(slave, cmd).unwrap_or_else(|| panic!("no ACK to {cmd}"))
}

fn assert_reply(slave: &mut TTYPort, cmd: &str, want: &str) {
    assert_eq!(xchg(slave, cmd), hexb(want), "reply to {cmd}");
}

const STATUS: &str = "02 00 02 31 30 03 02";
const IC_ON: &str = "02 00 02 33 30 03 00";
const COLD_RESET: &str = "02 00 02 37 30 03 04";
const READ_ALL: &str = "02 00 04 45 30 30 37 03 77";

/// §8.1.1 p.7: reset answers `02 00 0F 30 30 SV 03 BCC`, SV = "CRT 310 V3.0 " (13 bytes).
#[test]
fn reset_reply_carries_the_manuals_version_8_1_1() {
    let (_sim, mut s) = raw_sim(default_scenario(), 115_200);
    assert_reply(
        &mut s,
        "02 00 02 30 30 03 03",
        "02 00 0F 30 30 43 52 54 20 33 31 30 20 56 33 2E 30 20 03 22",
    );
}

/// §8.3.1 p.9–10: S1 S2 S3; S2/S3 are entry modes (`4A` by default), never `30`.
/// §8.3.2/§8.3.3 p.10: `31 2F` gives 7 sensor bytes, `31 2E` 8 (PSS0..PSS5 CTSW KSW).
#[test]
fn status_and_sensor_replies_8_3() {
    let (_sim, mut s) = raw_sim(default_scenario(), 115_200);
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4E 4A 4A 03 4B");
    assert_reply(
        &mut s,
        "02 00 02 31 2E 03 1C",
        "02 00 0A 31 2E 30 30 30 30 30 30 30 30 03 14",
    );
    assert_reply(
        &mut s,
        "02 00 02 31 2F 03 1D",
        "02 00 09 31 2F 30 30 30 30 30 30 30 03 26",
    );
    // A card read on its way in stops inside, contacts up (default stop position, §8.2.2).
    xchg(&mut s, READ_ALL);
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4A 4A 4A 03 4F");
    let sensors = xchg(&mut s, "02 00 02 31 2E 03 1C");
    assert_eq!(sensors.len(), 15);
    assert!(sensors[5..13].iter().all(|b| matches!(b, 0x30 | 0x31)));
}

/// §8.5, §8.6.1, §9.3.1: power reaches the card only with the contacts landed. Without
/// `32 2F`, IC power on answers P=`57` and the cold reset gives no ATR (`57`).
#[test]
fn no_atr_until_the_contacts_land_8_5_8_6_1_9_3_1() {
    let (_sim, mut s) = raw_sim(default_scenario(), 115_200);
    xchg(&mut s, READ_ALL);
    assert_reply(&mut s, IC_ON, "02 00 03 33 30 57 03 56");
    assert_reply(&mut s, COLD_RESET, "02 00 03 37 30 57 03 52");
    assert_reply(&mut s, "02 00 02 32 2F 03 1E", "02 00 03 32 2F 59 03 46");
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4B 4A 4A 03 4E");
    assert_reply(&mut s, IC_ON, "02 00 03 33 30 59 03 58");
    let atr = xchg(&mut s, COLD_RESET);
    assert_eq!(&atr[3..6], &[0x37, 0x30, 0x59], "{atr:02X?}");
    assert_eq!(atr[8], 0x3B, "ATR follows: {atr:02X?}");
    // A card held at the front: "command could not be executed" (E=02, §8.6.1 note).
    assert_reply(&mut s, "02 00 02 32 31 03 00", "02 00 03 32 31 59 03 58");
    assert_reply(&mut s, IC_ON, "02 00 03 4E 33 02 03 7D");
}

/// §8.2.2 p.9: with stop position `2E 33` the next card lands on the contacts as it enters.
#[test]
fn stop_position_ic_lands_the_next_card_8_2_2() {
    let (_sim, mut s) = raw_sim(default_scenario(), 115_200);
    assert_reply(&mut s, "02 00 02 2E 33 03 1E", "02 00 03 2E 33 59 03 46");
    xchg(&mut s, READ_ALL);
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4B 4A 4A 03 4E");
    assert_reply(&mut s, IC_ON, "02 00 03 33 30 59 03 58");
}

/// The driver's IC sequence lands the contacts (`32 2F`) before IC power-on and gets the
/// ATR from the simulator that refuses power-on otherwise.
#[test]
fn driver_lands_the_contacts_before_power_on_8_5() {
    let mut rig = start_sim(default_scenario(), 115_200);
    let p = rig.dev.chip_power_on().unwrap();
    assert!(matches!(p, ChipPower::Atr { .. }), "{p:?}");
    let log = rig.log_text();
    let land = log.find("02 00 02 32 2F 03 1E").expect("32 2F sent");
    let power = log.find("02 00 02 33 30 03 00").expect("33 30 sent");
    assert!(land < power, "{log}");
    assert_eq!(rig.dev.status().unwrap().raw[0], 0x4B);
}

/// §8.2.1 p.8: `2F Pm1 Pm2` sets S2/S3; with the front prohibited no card enters.
#[test]
fn card_entry_control_8_2_1() {
    let (_sim, mut s) = raw_sim(default_scenario(), 115_200);
    assert_reply(
        &mut s,
        "02 00 03 2F 31 31 03 2D",
        "02 00 04 2F 31 31 59 03 73",
    );
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4E 4E 4E 03 4B");
    // §9.10.2 failure shape: mode, tracks, P=45 (no card).
    assert_reply(&mut s, READ_ALL, "02 00 05 45 30 30 37 45 03 33");
    assert_reply(
        &mut s,
        "02 00 03 2F 33 30 03 2E",
        "02 00 04 2F 33 30 59 03 70",
    );
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4E 4A 4A 03 4B");
}

/// §8.7.1/§8.7.2 p.13: shutter LED on/off and twinkle.
#[test]
fn led_commands_8_7() {
    let (_sim, mut s) = raw_sim(default_scenario(), 115_200);
    assert_reply(&mut s, "02 00 02 46 30 03 75", "02 00 03 46 30 59 03 2D");
    assert_reply(
        &mut s,
        "02 00 03 49 02 02 03 4B",
        "02 00 04 49 02 02 59 03 15",
    );
}

/// §7.2.2 p.4–5: anything V3.0 does not define gets E=`00` (the magstripe read is `45`, `36`
/// is not a CRT-310 command).
#[test]
fn undefined_command_7_2_2() {
    let (_sim, mut s) = raw_sim(default_scenario(), 115_200);
    assert_reply(&mut s, "02 00 02 36 30 03 05", "02 00 03 4E 36 00 03 7A");
}

/// §8.8 p.13–14: the reply goes at the old rate, then the reader switches; a host that
/// stays at the old rate gets no ACK, one that follows is answered.
#[test]
fn baud_change_really_changes_the_line_speed_8_8() {
    let (_sim, mut s) = raw_sim(default_scenario(), 9600);
    s.set_baud_rate(9600).unwrap();
    assert_reply(&mut s, "02 00 02 34 34 03 03", "02 00 03 34 34 59 03 5B");
    assert_eq!(try_xchg(&mut s, STATUS), None, "answered at the old rate");
    std::thread::sleep(Duration::from_millis(100));
    s.clear(serialport::ClearBuffer::All).unwrap();
    s.set_baud_rate(19200).unwrap();
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4E 4A 4A 03 4B");
}

/// The driver's `set_baud` follows the reader (and refuses rates outside §8.8).
#[test]
fn driver_follows_the_baud_change_8_8() {
    let mut rig = start_sim(default_scenario(), 9600);
    rig.dev.status().unwrap();
    assert!(rig.dev.set_baud(115_200).is_err());
    rig.dev.set_baud(38_400).unwrap();
    rig.dev.set_baud(19_200).unwrap();
    assert!(!rig.dev.status().unwrap().card_present());
}

/// §8.3.1 S1 `46`/`47` and §7.2.2 E=`06`: a card of the wrong length is refused until reset
/// pushes it out; the driver records it as a failed read, not a device error.
#[test]
fn long_and_short_cards_8_3_1_7_2_2() {
    let mut sc = default_scenario();
    sc.cards[0].defects = vec![Defect::LongCard];
    sc.cards[1].defects = vec![Defect::ShortCard];
    let (sim, mut s) = raw_sim(sc.clone(), 115_200);
    assert_reply(&mut s, READ_ALL, "02 00 03 4E 45 06 03 0F");
    assert_reply(&mut s, STATUS, "02 00 05 31 30 46 4A 4A 03 43");
    xchg(&mut s, "02 00 02 30 30 03 03");
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4E 4A 4A 03 4B");
    assert_reply(&mut s, READ_ALL, "02 00 03 4E 45 06 03 0F");
    assert_reply(&mut s, STATUS, "02 00 05 31 30 47 4A 4A 03 42");
    drop(s);
    drop(sim);
    let mut rig = start_sim(sc, 115_200);
    let r = rig.dev.read_swipe(Duration::from_secs(1)).unwrap();
    assert_eq!(r.reader_status, "E06");
    assert!(r.tracks.iter().all(|t| !t.status.is_ok()));
}

/// §7.2.2 note 5: with the supply out of range the reader answers status and refuses the
/// rest with E=`05` (E=`07` on backup power).
#[test]
fn supply_faults_7_2_2() {
    let mut sc = default_scenario();
    sc.device.faults.supply = Some(Supply::Low);
    let (_sim, mut s) = raw_sim(sc.clone(), 115_200);
    assert_reply(&mut s, STATUS, "02 00 05 31 30 4E 4A 4A 03 4B");
    assert_reply(&mut s, READ_ALL, "02 00 03 4E 45 05 03 0C");
    sc.device.faults.supply = Some(Supply::Backup);
    let (_sim2, mut s2) = raw_sim(sc, 115_200);
    assert_reply(&mut s2, READ_ALL, "02 00 03 4E 45 07 03 0E");
}

/// §9.10.1 and CRE-N §6.2: the head reads while the motor pulls the card in; `45 30` uploads
/// that copy again and again. A new read needs an eject (`32 30`) and a new insertion.
#[test]
fn a_swipe_is_an_insertion_9_10_1() {
    let mut sc = default_scenario();
    sc.device.faults.worn_head = Some(WornHead {
        track: 2,
        probability: 0.5,
        error: HeadError::Lrc,
    });
    let (_sim, mut s) = raw_sim(sc.clone(), 115_200);
    let first = xchg(&mut s, READ_ALL);
    for _ in 0..5 {
        assert_eq!(xchg(&mut s, READ_ALL), first, "same RAM copy");
    }
    assert_reply(&mut s, "02 00 02 32 30 03 01", "02 00 03 32 30 59 03 59");
    assert_reply(&mut s, STATUS, "02 00 05 31 30 48 4A 4A 03 4D");
    // The driver: the second read of one card ejects it first, and says so.
    let mut rig = start_sim(sc, 115_200);
    let mut seen = Vec::new();
    for _ in 0..6 {
        seen.push(rig.dev.read_swipe(Duration::from_secs(1)).unwrap());
    }
    assert_eq!(rig.log_text().matches("02 00 02 32 30 03 01").count(), 5);
    assert!(rig.log_text().contains("insert it again"));
    let pans: Vec<_> = seen
        .iter()
        .filter_map(|r| r.fields().map(|f| f.pan.expose_clear().to_string()))
        .collect();
    assert!(pans.iter().all(|p| *p == default_scenario().cards[0].pan));
    // Worn head at 0.5 over six insertions: each insertion is a new read.
    let lrc = seen
        .iter()
        .filter(|r| r.track(2).unwrap().status == TrackStatus::Lrc)
        .count();
    assert!(lrc > 0 && lrc < 6, "{lrc} of 6");
    assert!(rig.dev.capabilities().motorised);
}

/// §9.10.1 p.40: binary mode uploads raw character codes, two ASCII hex digits each
/// (track 2 `;` = code `0B` → `30 42`).
#[test]
fn binary_read_mode_9_10_1() {
    let (_sim, mut s) = raw_sim(default_scenario(), 115_200);
    let r = xchg(&mut s, "02 00 04 45 30 31 32 03 73");
    assert_eq!(&r[3..9], &hexb("45 30 31 32 1F 59"));
    assert_eq!(&r[9..11], b"0B", "{r:02X?}");
    assert!(r[9..r.len() - 2].iter().all(|b| b.is_ascii_hexdigit()));
}
