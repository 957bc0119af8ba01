//! What the simulated CRT-310 answers to each command (protocols.md §3.1): identity, sensor
//! status, card movement, IC power, CPU reset with the card's ATR, APDUs to the card, and
//! track reads with the scenario's head and stripe faults. Sans-IO: frame in, frame out.

use super::{atr_is_t1, Crt310Sim, Selected, DEFAULT_FIRMWARE, DEFAULT_SERIAL};
use crate::codec::crt310::{
    p_len_data, selector_tracks, Frame, P_FAIL, P_NO_CARD, P_OK, P_T1, TRACK_SEP,
};
use crate::sim::scenario::{ContactFault, Defect, HeadError, DEFAULT_ATR};

/// Abnormal-response codes E the simulator uses.
const E_UNDEFINED_CM: u8 = 0x00;
const E_BAD_PM: u8 = 0x01;
const E_BAD_DATA: u8 = 0x04;

impl Crt310Sim {
    /// Executes one command and builds the response frame.
    pub fn execute(&mut self, f: &Frame) -> Frame {
        let reply = |data: Vec<u8>| Frame::new(f.cm, f.pm, data);
        match (f.cm, f.pm) {
            (0x30, 0x30..=0x32 | 0x3A) => self.identity(f),
            (0x31, 0x2E..=0x31) => self.sensors(f),
            (0x32, 0x2E..=0x34) => reply(vec![if self.presented.is_some() {
                P_OK
            } else {
                P_NO_CARD
            }]),
            (0x34, 0x30..=0x35) => reply(vec![P_OK]),
            (0x33, 0x30 | 0x31) => self.ic_power(f),
            (0x37, 0x30 | 0x2F) => self.cpu_reset(f),
            (0x37, 0x31 | 0x32) => self.apdu(f),
            (0x45, 0x30 | 0x31) => {
                if f.data.len() != 2
                    || !matches!(f.data[0], 0x30 | 0x31)
                    || !(0x30..=0x37).contains(&f.data[1])
                {
                    return error(f, E_BAD_PM);
                }
                self.read_tracks(f)
            }
            (0x30..=0x37 | 0x45, _) => error(f, E_BAD_PM),
            _ => error(f, E_UNDEFINED_CM),
        }
    }

    /// Resets (`30 30..32`, with eject for 31/32) answer the firmware version; `30 3A` the
    /// serial number.
    fn identity(&mut self, f: &Frame) -> Frame {
        let dev = &self.sc.device;
        let data = if f.pm == 0x3A {
            let sn = if dev.serial.is_empty() {
                DEFAULT_SERIAL
            } else {
                &dev.serial
            };
            [&[P_OK][..], sn.as_bytes()].concat()
        } else {
            let fw = if dev.firmware.is_empty() {
                DEFAULT_FIRMWARE
            } else {
                &dev.firmware
            };
            fw.as_bytes().to_vec()
        };
        if matches!(f.pm, 0x31 | 0x32) {
            self.eject();
        }
        Frame::new(f.cm, f.pm, data)
    }

    /// Reader status (`31 30`), IC type (`31 31`) and sensor levels (`31 2E/2F`).
    fn sensors(&self, f: &Frame) -> Frame {
        let data = match f.pm {
            0x30 => {
                let s1 = match (self.presented, self.powered) {
                    (None, _) => 0x4E,
                    (Some(_), true) => 0x4B,
                    (Some(_), false) => 0x4A,
                };
                vec![s1, 0x30, 0x30]
            }
            0x31 => match self.presented.map(|i| &self.sc.cards[i]) {
                None => vec![b'N', b'0'],
                Some(c) if !c.has_chip() => vec![b'N', b'1'],
                Some(c) => vec![
                    b'1',
                    if atr_is_t1(&c.atr_bytes()) {
                        b'1'
                    } else {
                        b'0'
                    },
                ],
            },
            _ => vec![0x30; 7],
        };
        Frame::new(f.cm, f.pm, data)
    }

    /// IC power on (`33 30`, presents the next card if none is in) and off (`33 31`).
    fn ic_power(&mut self, f: &Frame) -> Frame {
        let p = if f.pm == 0x30 {
            match self.present_if_needed() {
                None => P_NO_CARD,
                Some(_) => {
                    self.powered = true;
                    P_OK
                }
            }
        } else {
            self.powered = false;
            self.reset_done = false;
            if self.presented.is_some() {
                P_OK
            } else {
                P_NO_CARD
            }
        };
        Frame::new(f.cm, f.pm, vec![p])
    }

    fn cpu_reset(&mut self, f: &Frame) -> Frame {
        let reply = |data: Vec<u8>| Frame::new(f.cm, f.pm, data);
        let Some(i) = self.present_if_needed() else {
            return reply(vec![P_NO_CARD]);
        };
        self.powered = true;
        let card = &self.sc.cards[i];
        if !card.has_chip() || card.has(Defect::Mute) {
            self.reset_done = false;
            return reply(vec![P_FAIL]);
        }
        // Dirty contacts decide per cold reset; the warm reset that follows shares the fate.
        if let Some(dc) = &self.sc.device.faults.dirty_contacts {
            if dc.mode == ContactFault::NoAtr {
                if f.pm == 0x30 {
                    self.contact_fail = self.rng.chance(dc.probability);
                }
                if self.contact_fail {
                    self.reset_done = false;
                    return reply(vec![P_FAIL]);
                }
            }
        }
        let atr = card.atr_bytes();
        let atr = if atr.is_empty() {
            DEFAULT_ATR.to_vec()
        } else {
            atr
        };
        self.t1 = atr_is_t1(&atr);
        self.reset_done = true;
        self.selected = Selected::None;
        self.get_response.clear();
        reply(p_len_data(if self.t1 { P_T1 } else { P_OK }, &atr))
    }

    /// `37 31` (T=0) / `37 32` (T=1): `LENH LENL C-APDU` to the presented, reset card.
    fn apdu(&mut self, f: &Frame) -> Frame {
        let reply = |data: Vec<u8>| Frame::new(f.cm, f.pm, data);
        if f.data.len() < 2 {
            return error(f, E_BAD_DATA);
        }
        let n = (usize::from(f.data[0]) << 8) | usize::from(f.data[1]);
        if n != f.data.len() - 2 || n < 4 {
            return error(f, E_BAD_DATA);
        }
        let Some(i) = self.presented else {
            return reply(vec![P_NO_CARD]);
        };
        if !self.reset_done {
            return reply(vec![P_FAIL]);
        }
        if let Some(dc) = &self.sc.device.faults.dirty_contacts {
            if dc.mode == ContactFault::T0Timeout && self.rng.chance(dc.probability) {
                return reply(vec![P_FAIL]);
            }
        }
        let t0 = f.pm == 0x31 && !self.t1;
        let r = self.chip_apdu(i, &f.data[2..], t0);
        reply(p_len_data(P_OK, &r))
    }

    fn read_tracks(&mut self, f: &Frame) -> Frame {
        let (mode, sel) = (f.data[0], f.data[1]);
        let Some(i) = self.present_if_needed() else {
            return Frame::new(f.cm, f.pm, vec![mode, sel, P_NO_CARD]);
        };
        let card = self.sc.cards[i].clone();
        let faults = self.sc.device.faults.clone();
        let mut d = vec![mode, sel];
        for &t in selector_tracks(sel) {
            d.push(TRACK_SEP);
            let text = card.track_text(t);
            if faults.dead_track == Some(t) || !card.track_present(t) || text.is_none() {
                d.extend_from_slice(&[0x4F, 0xE5]);
                continue;
            }
            if card.demagnetised(t) {
                d.extend_from_slice(&[0x4F, 0xE1]);
                continue;
            }
            if let Some(w) = faults.worn_head.as_ref().filter(|w| w.track == t) {
                if self.rng.chance(w.probability) {
                    let parity = match w.error {
                        HeadError::Parity => true,
                        HeadError::Lrc => false,
                        HeadError::Mixed => self.rng.below(2) == 0,
                    };
                    d.extend_from_slice(&[0x4F, if parity { 0xE3 } else { 0xE4 }]);
                    continue;
                }
            }
            d.push(P_OK);
            let text = text.unwrap_or_default();
            if mode == 0x31 {
                for b in text.bytes() {
                    d.extend_from_slice(format!("{b:02X}").as_bytes());
                }
            } else {
                d.extend_from_slice(text.as_bytes());
            }
        }
        Frame::new(f.cm, f.pm, d)
    }
}

/// The abnormal response `N <CM> <E>`.
fn error(f: &Frame, code: u8) -> Frame {
    Frame::new(b'N', f.cm, vec![code])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::sim::scenario::Scenario;
    use crate::sim::SimOptions;

    #[test]
    fn presents_cards_in_order_and_ejects() {
        let sc = Scenario::builtin("crt310-default").unwrap();
        let mut sim = Crt310Sim::new(sc, SimOptions::default());
        let st = sim.execute(&Frame::new(0x31, 0x30, vec![]));
        assert_eq!(st.data[0], 0x4E);
        let r = sim.execute(&Frame::new(0x45, 0x30, vec![0x30, 0x37]));
        assert_eq!(sim.presented(), Some(0));
        assert_eq!(r.data[2], 0x1F);
        sim.execute(&Frame::new(0x30, 0x31, vec![]));
        assert_eq!(sim.presented(), None);
        sim.execute(&Frame::new(0x33, 0x30, vec![]));
        assert_eq!(sim.presented(), Some(1));
        let bad = sim.execute(&Frame::new(0x99, 0x30, vec![]));
        assert_eq!(
            bad.encode(),
            vec![0x02, 0x00, 0x03, 0x4E, 0x99, 0x00, 0x03, 0xD5]
        );
    }
}
