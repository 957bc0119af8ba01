//! MSR605 simulator: answers the ESC command set (protocols.md §2) byte for byte on the master
//! side of a pseudo-terminal, presents the scenario's deck card by card, and applies the
//! device fault knobs (worn head, dead track, line noise, think time, unplug, freeze).

use crate::codec::msr605::{
    cmd, encode_iso_block, encode_raw_block, erase_selection, parse_command, status, write_block,
    Coercivity, Command, CommandParse, ESC,
};
use crate::codec::track::{encode_track_raw, RawFaults};
use crate::link::{read_available, Available};
use crate::sim::scenario::{Defect, HeadError, LineNoise, Rng, Scenario};
use crate::sim::{paced_write, SessionEnd, SimOptions, SimSpec, Simulator};
use std::io::{self, Read, Write};
use std::time::Duration;

/// The MSR605 simulator's name, default scenario and builder (see [`SimKind`](super::SimKind)).
pub const SPEC: SimSpec = SimSpec {
    name: "msr605",
    default_scenario: "msr605-default",
    build: |sc| Box::new(Msr605Sim::from_scenario(sc)),
};

/// One card of the simulated deck, as the stripe carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimCard {
    pub label: String,
    /// Track data between the sentinels (no `%`/`;`, `?`, LRC); `None` = track not encoded.
    pub tracks: [Option<String>; 3],
    /// Per track: what the head sees instead of data.
    pub damage: [TrackDamage; 3],
    /// Per track: the bits a raw write (`ESC n`) left, in the read orientation (see
    /// `Msr605Sim::write`); a raw read returns them verbatim.
    pub raw_written: [Option<Vec<u8>>; 3],
}

/// A card-side track defect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TrackDamage {
    #[default]
    None,
    /// Flux noise without a start sentinel.
    Demagnetised,
    /// No flux transitions at all.
    Blank,
}

/// Device fault knobs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimFaults {
    /// (track, probability, error kind) of a parity or LRC error on that track per read.
    pub worn_head: Option<(u8, f64, HeadError)>,
    /// Tracks whose read head is dead: always empty.
    pub dead_tracks: Vec<u8>,
    /// Fraction of the bytes sent by the simulator that are corrupted (XOR with a random
    /// non-zero byte), one in each window of 1/p bytes ([`LineNoise`]).
    pub line_noise: f64,
    /// Delay before every answer.
    pub think_time: Duration,
    /// Close the line after this many commands.
    pub unplug_after: Option<u32>,
    /// After an unplug, come back on a new pseudo-terminal after this delay (CLI simulator).
    pub replug_after: Option<Duration>,
    /// Stop answering after this many commands.
    pub freeze_after: Option<u32>,
}

/// Why `serve` returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServeEnd {
    /// The stop flag was set.
    Stopped,
    /// The `unplug_after` knob fired: the caller closes the line.
    Unplugged,
}

/// The simulated reader's state. It survives an unplug/replug (the deck position is kept).
pub struct Msr605Sim {
    pub cards: Vec<SimCard>,
    pub faults: SimFaults,
    /// Model byte (`3` = tracks 1+2+3).
    pub model: u8,
    /// Firmware string, 8 bytes (`REV?X.XX`).
    pub firmware: [u8; 8],
    /// Index of the presented card; past the end = no card.
    pub current: usize,
    /// Hi-Co or Lo-Co writing (`ESC x` / `ESC y`); a reset does not change it (libMSRx05).
    pub coercivity: Coercivity,
    rng: Rng,
    /// The line's noise state (which byte of the current window is hit).
    noise: LineNoise,
    commands: u32,
    /// Commands in the current session (since the last plug-in).
    session: u32,
    /// The command (read, write, erase, sensor test) waiting for a swipe: no card is left, so
    /// the reader answers after a swipe, or never when reset first.
    pending: Option<u8>,
    inbuf: Vec<u8>,
}

impl Msr605Sim {
    pub fn new(cards: Vec<SimCard>, faults: SimFaults, seed: u64) -> Self {
        Msr605Sim {
            noise: LineNoise::new(faults.line_noise),
            cards,
            faults,
            model: b'3',
            firmware: *b"REVH2.31",
            current: 0,
            coercivity: Coercivity::High,
            rng: Rng::new(seed),
            commands: 0,
            session: 0,
            pending: None,
            inbuf: Vec::new(),
        }
    }

    /// The simulator a scenario describes (deck, identity, fault knobs, seed).
    pub fn from_scenario(sc: &Scenario) -> Self {
        let cards = sc
            .cards
            .iter()
            .map(|c| {
                let mut card = SimCard {
                    label: c.label.clone(),
                    ..SimCard::default()
                };
                for n in 1..=3u8 {
                    let i = usize::from(n - 1);
                    card.tracks[i] = c.track_data(n);
                    card.damage[i] = if c.has(Defect::Blank) {
                        TrackDamage::Blank
                    } else if c.demagnetised(n) {
                        TrackDamage::Demagnetised
                    } else {
                        TrackDamage::None
                    };
                }
                card
            })
            .collect();
        let f = &sc.device.faults;
        let faults = SimFaults {
            worn_head: f
                .worn_head
                .as_ref()
                .map(|w| (w.track, w.probability, w.error)),
            dead_tracks: f.dead_track.into_iter().collect(),
            line_noise: f.line_noise,
            think_time: Duration::from_millis(sc.device.think_time_ms),
            unplug_after: (f.unplug_after > 0).then_some(f.unplug_after),
            replug_after: (f.replug_after_ms > 0).then(|| Duration::from_millis(f.replug_after_ms)),
            freeze_after: (f.freeze_after > 0).then_some(f.freeze_after),
        };
        let mut sim = Msr605Sim::new(cards, faults, sc.scenario.seed);
        let fw = sc.device.firmware.as_bytes();
        if fw.len() == 8 && fw.starts_with(b"REV") {
            sim.firmware.copy_from_slice(fw);
        }
        sim
    }

    /// Whether a read, write, erase or sensor test is waiting for a swipe (no card left).
    pub fn waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// Number of commands handled so far.
    pub fn commands(&self) -> u32 {
        self.commands
    }

    fn frozen(&self) -> bool {
        matches!(self.faults.freeze_after, Some(n) if self.commands >= n)
    }

    /// Serves the line until stopped or unplugged. `port` is the master side of a pty (reads
    /// time out after ~100 ms so the stop flag is seen).
    pub fn serve<P: Read + Write>(
        &mut self,
        port: &mut P,
        opts: &SimOptions,
    ) -> io::Result<ServeEnd> {
        let mut chunk = [0u8; 256];
        self.session = 0;
        self.inbuf.clear();
        crate::sim::fine_timer_slack();
        loop {
            if opts.stopped() {
                return Ok(ServeEnd::Stopped);
            }
            match read_available(port, &mut chunk) {
                Ok(Available::Bytes(n)) => self.inbuf.extend_from_slice(&chunk[..n]),
                Ok(Available::Nothing) => {}
                // No client has the slave open (EOF or EIO on the master): wait for one.
                Ok(Available::Closed) | Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
            loop {
                match parse_command(&self.inbuf) {
                    CommandParse::Incomplete { skipped } => {
                        self.inbuf.drain(..skipped);
                        break;
                    }
                    CommandParse::Bad { skipped, .. } => {
                        self.inbuf.drain(..skipped + 1);
                    }
                    CommandParse::Command {
                        command,
                        skipped,
                        len,
                    } => {
                        self.inbuf.drain(..skipped + len);
                        self.commands += 1;
                        self.session += 1;
                        if self.frozen() {
                            continue;
                        }
                        if let Some(reply) = self.handle(&command) {
                            self.send(port, &reply, opts)?;
                        }
                        // A flaky cable: every session ends after N commands.
                        if matches!(self.faults.unplug_after, Some(n) if self.session >= n) {
                            // A short grace so the client can read the last answer (as the
                            // CRT-310 simulator does), then the line goes dead.
                            std::thread::sleep(Duration::from_millis(100));
                            return Ok(ServeEnd::Unplugged);
                        }
                    }
                }
            }
        }
    }

    fn send<P: Write>(&mut self, port: &mut P, reply: &[u8], opts: &SimOptions) -> io::Result<()> {
        if !self.faults.think_time.is_zero() && !opts.sleep(self.faults.think_time) {
            return Ok(());
        }
        let mut bytes = reply.to_vec();
        self.noise.apply(&mut bytes, &mut self.rng);
        // Nobody listening on the slave: the bytes are lost, as on a cable with no host.
        let _ = paced_write(port, &bytes, opts);
        Ok(())
    }

    /// Answers one command (sans-IO: bytes to send, if any). Public for tests and benches.
    pub fn handle(&mut self, c: &Command) -> Option<Vec<u8>> {
        let st = |s: u8| Some(vec![ESC, s]);
        let presented = self.current < self.cards.len();
        match c.code {
            cmd::RESET => {
                self.pending = None;
                None
            }
            cmd::COMM_TEST => Some(vec![ESC, cmd::COMM_OK]),
            cmd::READ_ISO | cmd::READ_RAW => {
                let raw = c.code == cmd::READ_RAW;
                if presented {
                    Some(self.swipe(raw))
                } else {
                    // No card left: the reader waits for a swipe until reset.
                    self.pending = Some(c.code);
                    None
                }
            }
            cmd::MODEL => Some(vec![ESC, self.model, b'S']),
            cmd::FIRMWARE => {
                let mut v = vec![ESC];
                v.extend_from_slice(&self.firmware);
                Some(v)
            }
            cmd::LED_GREEN | cmd::LED_RED | cmd::LEDS_OFF => {
                // The bench is done with this card: the next read sees the next one.
                if presented {
                    self.current += 1;
                }
                None
            }
            cmd::LEDS_ON | cmd::LED_YELLOW => None,
            // Manual §6 #10: answers only once a card passes the sensor, or never (reset).
            cmd::SENSOR_TEST if presented => st(status::OK),
            cmd::SENSOR_TEST => {
                self.pending = Some(c.code);
                None
            }
            cmd::RAM_TEST | cmd::SET_LEADING_ZEROS | cmd::SELECT_BPI => st(status::OK),
            cmd::SET_HICO | cmd::SET_LOCO => {
                self.coercivity = if c.code == cmd::SET_HICO {
                    Coercivity::High
                } else {
                    Coercivity::Low
                };
                st(status::OK)
            }
            cmd::SET_BPC => {
                let mut v = vec![ESC, status::OK];
                v.extend_from_slice(&c.params);
                Some(v)
            }
            cmd::CHECK_LEADING_ZEROS => Some(vec![ESC, 0x3D, 0x16]),
            cmd::GET_COERCIVITY => Some(vec![ESC, self.coercivity.reply_byte()]),
            // Manual §8: a write or erase answers after the card has been swiped through.
            cmd::WRITE_ISO | cmd::WRITE_RAW | cmd::ERASE if presented => st(self.write(c)),
            cmd::WRITE_ISO | cmd::WRITE_RAW | cmd::ERASE => {
                self.pending = Some(c.code);
                None
            }
            _ => st(status::INVALID_COMMAND),
        }
    }

    /// Writes or erases the presented card; returns the status byte. An ISO write keeps the
    /// characters between the sentinels. A raw write keeps the bytes bit-reversed: msrx (the
    /// oracle) packs what it writes LSB-first and bit-reverses what it reads, so a card
    /// written by msrx reads back in msrx, and in the bench's MSB-first decoder, unchanged.
    /// An empty track in the block leaves the track as it was.
    fn write(&mut self, c: &Command) -> u8 {
        let card = &mut self.cards[self.current];
        if c.code == cmd::ERASE {
            let Some(&sel) = c.params.first() else {
                return status::FORMAT_ERROR;
            };
            for (i, erase) in erase_selection(sel).into_iter().enumerate() {
                if erase {
                    card.tracks[i] = None;
                    card.damage[i] = TrackDamage::None;
                    card.raw_written[i] = None;
                }
            }
            return status::OK;
        }
        let Some(block) = write_block(c) else {
            return status::FORMAT_ERROR;
        };
        for (i, t) in block.tracks.iter().enumerate() {
            let Some(t) = t.as_deref().filter(|t| !t.is_empty()) else {
                continue;
            };
            card.damage[i] = TrackDamage::None;
            if block.raw {
                card.tracks[i] = None;
                card.raw_written[i] = Some(t.iter().map(|b| b.reverse_bits()).collect());
            } else {
                let text = String::from_utf8_lossy(t);
                let text = text.trim_start_matches(['%', ';']).trim_end_matches('?');
                card.tracks[i] = Some(text.to_string());
                card.raw_written[i] = None;
            }
        }
        status::OK
    }

    /// The reply to a read of the presented card, with head faults applied.
    pub fn swipe(&mut self, raw: bool) -> Vec<u8> {
        let card = self.cards[self.current].clone();
        let mut bad_read = false;
        let mut raw_tracks: [Vec<u8>; 3] = Default::default();
        let mut iso_tracks: [Vec<u8>; 3] = Default::default();
        for i in 0..3 {
            let n = i as u8 + 1;
            if self.faults.dead_tracks.contains(&n) {
                // A dead head channel sees nothing, whatever the card holds.
                if card.tracks[i].is_some() {
                    bad_read = true;
                }
                continue;
            }
            if let Some(bits) = &card.raw_written[i] {
                // Bits a raw write left: the raw read returns them; the reader's own ISO
                // decoding is not simulated for them (an ISO read reports the track bad).
                raw_tracks[i] = bits.clone();
                bad_read = true;
                continue;
            }
            match card.damage[i] {
                TrackDamage::Blank => {
                    raw_tracks[i] = vec![0u8; 16];
                    bad_read = true;
                    continue;
                }
                TrackDamage::Demagnetised if card.tracks[i].is_some() => {
                    raw_tracks[i] = self.flux_noise();
                    bad_read = true;
                    continue;
                }
                _ => {}
            }
            let Some(data) = &card.tracks[i] else {
                continue;
            };
            let mut rf = RawFaults::default();
            if let Some((t, p, kind)) = self.faults.worn_head {
                if t == n && self.rng.chance(p) {
                    let parity = match kind {
                        HeadError::Parity => true,
                        HeadError::Lrc => false,
                        HeadError::Mixed => self.rng.next_u64() % 2 == 0,
                    };
                    if parity {
                        let chars = data.chars().count() + 2;
                        rf.parity_error_at = Some(1 + (self.rng.next_u64() as usize) % chars);
                    } else {
                        rf.bad_lrc = true;
                    }
                }
            }
            if rf != RawFaults::default() {
                bad_read = true;
            } else {
                let ss = if n == 1 { '%' } else { ';' };
                iso_tracks[i] = format!("{ss}{data}?").into_bytes();
            }
            raw_tracks[i] = encode_track_raw(n, data, &rf);
        }
        if raw {
            // The raw read reports what the head saw; the bench judges parity and LRC.
            let any = raw_tracks.iter().any(|t| !t.is_empty());
            let st = if any { status::OK } else { status::RW_ERROR };
            encode_raw_block(
                [
                    Some(raw_tracks[0].as_slice()),
                    Some(raw_tracks[1].as_slice()),
                    Some(raw_tracks[2].as_slice()),
                ],
                st,
            )
        } else {
            let st = if bad_read {
                status::RW_ERROR
            } else {
                status::OK
            };
            encode_iso_block(
                [
                    Some(iso_tracks[0].as_slice()),
                    Some(iso_tracks[1].as_slice()),
                    Some(iso_tracks[2].as_slice()),
                ],
                st,
            )
        }
    }

    /// Bits from a demagnetised stripe: transitions without a start sentinel.
    fn flux_noise(&mut self) -> Vec<u8> {
        (0..16)
            .map(|i| {
                // A lone leading 1 then random bits: never a start sentinel at the first 1.
                if i == 0 {
                    0x40
                } else {
                    (self.rng.next_u64() & 0xFF) as u8
                }
            })
            .collect()
    }
}

impl Simulator for Msr605Sim {
    fn serve(
        &mut self,
        mut master: serialport::TTYPort,
        opts: &SimOptions,
    ) -> io::Result<SessionEnd> {
        Ok(match Msr605Sim::serve(self, &mut master, opts)? {
            ServeEnd::Stopped => SessionEnd::Stopped,
            ServeEnd::Unplugged => SessionEnd::Unplugged,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn reads_advance_only_after_led() {
        let card = SimCard {
            label: "a".into(),
            tracks: [None, Some("1234567890123=2812".into()), None],
            ..SimCard::default()
        };
        let mut sim = Msr605Sim::new(vec![card], SimFaults::default(), 1);
        let read = Command {
            code: cmd::READ_ISO,
            params: vec![],
        };
        let a = sim.handle(&read).unwrap();
        let b = sim.handle(&read).unwrap();
        assert_eq!(a, b);
        sim.handle(&Command {
            code: cmd::LED_GREEN,
            params: vec![],
        });
        assert!(sim.handle(&read).is_none(), "no card left: the read waits");
        assert!(sim.waiting());
    }
}
