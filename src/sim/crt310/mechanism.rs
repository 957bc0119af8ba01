//! The simulated CRT-310's mechanism (manual §8): where the card is (status S1), card entry
//! control `2F`, stop position `2E`, card moves `32`, status `31 30`, sensor status `31 2E` /
//! `31 2F`, the stripe captured as the motor pulls the card in, baud change `34`, and the
//! reader's refusals (abnormal card E=`06`, supply E=`05`/`07`).

use super::Crt310Sim;
use crate::codec::crt310::{
    code_baud, Frame, E_ABNORMAL_CARD, E_BAD_PM, E_MAIN_POWER, E_VOLTAGE, MOVE_FRONT,
    MOVE_FRONT_HELD, MOVE_IC, MOVE_INSIDE_RF, P_NO_CARD, P_OK, S1_FRONT, S1_FRONT_HELD,
    S1_IC_LANDED, S1_INSIDE, S1_LONG_CARD, S1_NO_CARD, S1_REAR, S1_REAR_HELD, S1_SHORT_CARD,
};
use crate::sim::scenario::{Defect, HeadError, Supply};

/// Stop position after power-on or reset: inside the reader, contacts up (§8.2.2 p.9).
pub(super) const DEFAULT_STOP: u8 = 0x32;
/// S2/S3 after power-on or reset: switch mode in front, rear entry allowed (§8.2.1 p.8).
pub(super) const DEFAULT_ENTRY: u8 = 0x4A;

/// What the head read on one track as the card went in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Capture {
    /// The track's characters (start sentinel through end sentinel).
    Text(String),
    /// The read failed with this code (`E1`..`E5`, manual §9.10.1).
    Error(u8),
}

/// What a UART set to another speed makes of the bytes: framing errors and wrong values.
pub(super) fn garble(bytes: &mut [u8]) {
    for b in bytes {
        *b = !b.rotate_left(3);
    }
}

impl Crt310Sim {
    /// A card has just gone in: where it stops (the stop position, or S1 `46`/`47` for a
    /// card of the wrong length), and what the head read on the way in.
    pub(super) fn insert(&mut self) {
        let Some(i) = self.presented else {
            return;
        };
        let card = &self.sc.cards[i];
        self.pos = if card.has(Defect::LongCard) {
            S1_LONG_CARD
        } else if card.has(Defect::ShortCard) {
            S1_SHORT_CARD
        } else {
            match self.stop_pos {
                0x30 => S1_FRONT,
                0x31 => S1_FRONT_HELD,
                0x33 => S1_IC_LANDED,
                0x34 => S1_REAR_HELD,
                0x35 => S1_REAR,
                _ => S1_INSIDE,
            }
        };
        self.capture = (1..=3).map(|t| self.capture_track(i, t)).collect();
    }

    /// One track as the head reads it: the scenario's dead track, the card's defects, and a
    /// worn head (one roll per insertion).
    fn capture_track(&mut self, i: usize, t: u8) -> Capture {
        let card = &self.sc.cards[i];
        let faults = &self.sc.device.faults;
        let text = card.track_text(t);
        if faults.dead_track == Some(t) || !card.track_present(t) || text.is_none() {
            return Capture::Error(0xE5);
        }
        if card.demagnetised(t) {
            return Capture::Error(0xE1);
        }
        if let Some(w) = faults.worn_head.clone().filter(|w| w.track == t) {
            if self.rng.chance(w.probability) {
                let parity = match w.error {
                    HeadError::Parity => true,
                    HeadError::Lrc => false,
                    HeadError::Mixed => self.rng.below(2) == 0,
                };
                return Capture::Error(if parity { 0xE3 } else { 0xE4 });
            }
        }
        Capture::Text(text.unwrap_or_default())
    }

    /// Whether the card is one the reader refuses to work on (S1 `46`/`47`).
    pub(super) fn abnormal_card(&self) -> bool {
        self.presented.is_some() && matches!(self.pos, S1_LONG_CARD | S1_SHORT_CARD)
    }

    /// The reader's refusal of a command before it runs: supply trouble lets only status and
    /// reset through (§7.2.2 note 5), an abnormal card blocks reads, moves other than the
    /// abnormal-card eject, IC power and CPU commands until it is cleared (§7.2.2 note 6).
    /// A command that waits for a card takes the one the operator inserts first.
    pub(super) fn refusal(&mut self, f: &Frame) -> Option<u8> {
        let talk = matches!(f.cm, 0x30 | 0x31);
        match self.sc.device.faults.supply {
            Some(Supply::Low) if !talk => return Some(E_VOLTAGE),
            Some(Supply::Backup) if !talk => return Some(E_MAIN_POWER),
            _ => {}
        }
        let inserts = matches!((f.cm, f.pm), (0x45, _) | (0x37, 0x30 | 0x2F) | (0x33, 0x30))
            || (f.cm == 0x32 && matches!(f.pm, MOVE_INSIDE_RF | MOVE_IC));
        if inserts {
            self.present_if_needed();
        }
        let works_on_card = matches!(f.cm, 0x45 | 0x33 | 0x37) || (f.cm == 0x32 && f.pm != 0x34);
        (works_on_card && self.abnormal_card()).then_some(E_ABNORMAL_CARD)
    }

    /// `31 30`: S1 S2 S3 (§8.3.1 p.9). S2 and S3 are the entry modes, never `30`.
    pub(super) fn status_bytes(&self) -> [u8; 3] {
        let s1 = if self.presented.is_some() {
            self.pos
        } else {
            S1_NO_CARD
        };
        [s1, self.entry_front, self.entry_rear]
    }

    /// `31 2E` (§8.3.3): PSS0..PSS5 CTSW KSW, or `31 2F` (§8.3.2): PSS1..PSS5 CTSW KSW.
    /// The manual does not say which sensor sits where; the simulator numbers them from the
    /// front (PSS0 at the mouth) to the rear (PSS5).
    pub(super) fn sensor_bytes(&self, v3: bool) -> Vec<u8> {
        let on: &[usize] = match (self.presented, self.pos) {
            (None, _) => &[],
            (_, S1_FRONT) => &[0],
            (_, S1_FRONT_HELD) => &[0, 1],
            (_, S1_LONG_CARD) => &[1, 2, 3, 4],
            (_, S1_REAR_HELD) => &[4, 5],
            (_, S1_REAR) => &[5],
            _ => &[2, 3],
        };
        let mut out: Vec<u8> = (0..6)
            .map(|s| if on.contains(&s) { 0x31 } else { 0x30 })
            .collect();
        let shutter_open = matches!(self.pos, S1_FRONT | S1_FRONT_HELD);
        out.push(if shutter_open { 0x31 } else { 0x30 });
        out.push(if self.presented.is_some() { 0x31 } else { 0x30 });
        if !v3 {
            out.remove(0);
        }
        out
    }

    /// `2F Pm1 Pm2` card entry control (§8.2.1 p.8): front mode `31` prohibit, `32` magnetic,
    /// `33` switch, `34` magnetic signal; rear `30` allow, `31` prohibit. Reply
    /// `2F Pm1 Pm2 S`; the manual prints `N` for success, read as a typo for the `Y` of
    /// every other command (docs/devices.md).
    pub(super) fn entry_control(&mut self, f: &Frame) -> Frame {
        let Some(&rear) = f.data.first().filter(|r| matches!(r, 0x30 | 0x31)) else {
            return Frame::new(b'N', f.cm, vec![E_BAD_PM]);
        };
        self.entry_front = match f.pm {
            0x31 => S1_NO_CARD,
            0x32 => 0x49,
            0x34 => 0x4B,
            _ => 0x4A,
        };
        self.entry_rear = if rear == 0x30 { 0x4A } else { 0x4E };
        Frame::new(f.cm, f.pm, vec![rear, P_OK])
    }

    /// `2E Pm` stop position (§8.2.2 p.8–9): where the next card stops after entry.
    pub(super) fn stop_position(&mut self, f: &Frame) -> Frame {
        self.stop_pos = f.pm;
        Frame::new(f.cm, f.pm, vec![P_OK])
    }

    /// `32 Pm` move card (§8.5 p.11). Moving inside (`2E`, `2F`) takes a card the operator
    /// inserts; `2F` lands the IC contacts. `30` ejects to the front for the operator to
    /// insert the card again; `33` captures and `34` ejects an abnormal card to the rear.
    pub(super) fn move_card(&mut self, f: &Frame) -> Frame {
        let reply = |p: u8| Frame::new(f.cm, f.pm, vec![p]);
        if f.pm == 0x34 {
            if self.presented.is_none() {
                return reply(P_NO_CARD);
            }
            self.eject();
            return reply(P_OK);
        }
        let present = if matches!(f.pm, MOVE_INSIDE_RF | MOVE_IC) {
            self.present_if_needed()
        } else {
            self.presented.filter(|_| !self.reinsert)
        };
        if present.is_none() {
            return reply(P_NO_CARD);
        }
        self.powered = false;
        self.reset_done = false;
        match f.pm {
            MOVE_INSIDE_RF => self.pos = S1_INSIDE,
            MOVE_IC => self.pos = S1_IC_LANDED,
            MOVE_FRONT => {
                self.pos = S1_FRONT;
                self.reinsert = true;
            }
            MOVE_FRONT_HELD => self.pos = S1_FRONT_HELD,
            0x32 => self.pos = S1_REAR_HELD,
            _ => self.eject(),
        }
        reply(P_OK)
    }

    /// `30 3x` reset: entry control and stop position back to their defaults (§8.2); an
    /// abnormal card is pushed out (CRE-N §6.5); `31`/`32` eject the card (it is taken).
    pub(super) fn reset_mechanism(&mut self, pm: u8) {
        self.entry_front = DEFAULT_ENTRY;
        self.entry_rear = DEFAULT_ENTRY;
        self.stop_pos = DEFAULT_STOP;
        if matches!(pm, 0x31 | 0x32) || self.abnormal_card() {
            self.eject();
        } else if self.pos == S1_IC_LANDED {
            self.pos = S1_INSIDE;
        }
        self.powered = false;
        self.reset_done = false;
    }

    /// `34 Pm` baud change (§8.8 p.13–14): the reply goes at the old rate, then the reader
    /// switches (see `on_enq`). The reply echoes CM `34`; the manual prints `33`, a typo
    /// against the echo rule of §7.2.1.
    pub(super) fn change_baud(&mut self, f: &Frame) -> Frame {
        self.baud_after_reply = code_baud(f.pm);
        Frame::new(f.cm, f.pm, vec![P_OK])
    }
}
