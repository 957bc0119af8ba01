//! What the simulated CRT-310 answers to each command (protocols.md §3.1): identity, sensor
//! status, card movement, IC power, CPU reset with the card's ATR, APDUs to the card, and
//! track reads with the scenario's head and stripe faults. Sans-IO: frame in, frame out.

use super::mechanism::Capture;
use super::{atr_is_t1, Crt310Sim, Selected, DEFAULT_FIRMWARE, DEFAULT_SERIAL};
use crate::codec::crt310::{apdu_command, read_command, twinkle_off_time};
use crate::codec::crt310::{
    encode_binary_track, p_len_data, selector_tracks, Frame, E_BAD_DATA, E_BAD_PM,
    E_CANNOT_EXECUTE, E_UNDEFINED_CM, MODE_BINARY, P_FAIL, P_NO_CARD, P_OK, P_T1, P_WRONG_POS,
    S1_FRONT, S1_FRONT_HELD, S1_IC_LANDED, S1_REAR, S1_REAR_HELD, TRACK_SEP,
};
use crate::sim::scenario::{ContactFault, Defect, DEFAULT_ATR};

impl Crt310Sim {
    /// Executes one command and builds the response frame (manual §8–§9; anything V3.0
    /// does not define gets E=`00`, a known command with a bad parameter E=`01`). The reply
    /// always fits a frame (manual §4, [`crate::codec::crt310::MAX_LEN`]): one that would not — a
    /// binary read of three long tracks (each raw code is two ASCII digits, §9.10.1), a
    /// scenario's overlong identity text — is E=`01`, the manual's answer to a parameter or
    /// length out of range (§7.2.2); the host then reads the tracks one at a time.
    pub fn execute(&mut self, f: &Frame) -> Frame {
        let r = self.answer(f);
        if r.fits() {
            r
        } else {
            error(f, E_BAD_PM)
        }
    }

    fn answer(&mut self, f: &Frame) -> Frame {
        if let Some(code) = self.refusal(f) {
            return error(f, code);
        }
        let reply = |data: Vec<u8>| Frame::new(f.cm, f.pm, data);
        match (f.cm, f.pm) {
            (0x30, 0x30..=0x32 | 0x3A) => self.identity(f),
            (0x31, 0x2E..=0x31) => self.sensors(f),
            (0x2F, 0x31..=0x34) => self.entry_control(f),
            (0x2E, 0x30..=0x35) => self.stop_position(f),
            (0x32, 0x2E..=0x34) => self.move_card(f),
            (0x46, 0x30 | 0x31) => reply(vec![P_OK]),
            (0x49, _) => match twinkle_off_time(&f.data) {
                Some(off) => reply(vec![off, P_OK]),
                None => error(f, E_BAD_PM),
            },
            (0x34, 0x30..=0x35) => self.change_baud(f),
            (0x33, 0x30 | 0x31) => self.ic_power(f),
            (0x37, 0x30 | 0x2F) => self.cpu_reset(f),
            (0x37, 0x31 | 0x32) => self.apdu(f),
            (0x45, 0x30 | 0x31) => match read_command(&f.data) {
                Some((mode, sel)) => self.read_tracks(f, mode, sel),
                None => error(f, E_BAD_PM),
            },
            (0x2E..=0x34 | 0x37 | 0x45 | 0x46, _) => error(f, E_BAD_PM),
            _ => error(f, E_UNDEFINED_CM),
        }
    }

    /// Resets (`30 30..32`, with eject for 31/32) answer the version SV (§8.1.1); `30 3A`
    /// the serial number `Y <S/N>` (§8.1.2).
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
        if f.pm != 0x3A {
            self.reset_mechanism(f.pm);
        }
        Frame::new(f.cm, f.pm, data)
    }

    /// Reader status (`31 30`), IC type (`31 31`) and sensor levels (`31 2E/2F`).
    fn sensors(&self, f: &Frame) -> Frame {
        let data = match f.pm {
            0x30 => self.status_bytes().to_vec(),
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
            pm => self.sensor_bytes(pm == 0x2E),
        };
        Frame::new(f.cm, f.pm, data)
    }

    /// IC power on (`33 30`) and off (`33 31`), §8.6.1 p.12: power reaches the card only
    /// with the contacts landed (S1 `4B`). Inside but not landed: P=`57`; at a holding
    /// position: "command could not be executed" (E=`02`); no card: P=`45`.
    fn ic_power(&mut self, f: &Frame) -> Frame {
        let reply = |p: u8| Frame::new(f.cm, f.pm, vec![p]);
        if f.pm == 0x31 {
            self.powered = false;
            self.reset_done = false;
            return reply(if self.presented.is_some() {
                P_OK
            } else {
                P_NO_CARD
            });
        }
        if self.present_if_needed().is_none() {
            return reply(P_NO_CARD);
        }
        match self.pos {
            S1_IC_LANDED => {
                self.powered = true;
                reply(P_OK)
            }
            S1_FRONT | S1_FRONT_HELD | S1_REAR | S1_REAR_HELD => error(f, E_CANNOT_EXECUTE),
            _ => reply(P_WRONG_POS),
        }
    }

    fn cpu_reset(&mut self, f: &Frame) -> Frame {
        let reply = |data: Vec<u8>| Frame::new(f.cm, f.pm, data);
        let Some(i) = self.present_if_needed() else {
            return reply(vec![P_NO_CARD]);
        };
        if self.pos != S1_IC_LANDED {
            // §9.3.1: "card not at a position where it can be operated", and no ATR.
            return reply(vec![P_WRONG_POS]);
        }
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
        self.tx = Default::default();
        self.get_response.clear();
        reply(p_len_data(if self.t1 { P_T1 } else { P_OK }, &atr))
    }

    /// `37 31` (T=0) / `37 32` (T=1): `LENH LENL C-APDU` to the presented, reset card.
    fn apdu(&mut self, f: &Frame) -> Frame {
        let reply = |data: Vec<u8>| Frame::new(f.cm, f.pm, data);
        let Some(capdu) = apdu_command(&f.data) else {
            return error(f, E_BAD_DATA);
        };
        let Some(i) = self.presented else {
            return reply(vec![P_NO_CARD]);
        };
        if self.pos != S1_IC_LANDED {
            return reply(vec![P_WRONG_POS]);
        }
        if !self.reset_done {
            return reply(vec![P_FAIL]);
        }
        if let Some(dc) = &self.sc.device.faults.dirty_contacts {
            if dc.mode == ContactFault::T0Timeout && self.rng.chance(dc.probability) {
                return reply(vec![P_FAIL]);
            }
        }
        let t0 = f.pm == 0x31 && !self.t1;
        let r = self.chip_apdu(i, capdu, t0);
        if r.is_empty() {
            // The card never answered: the reader reports the exchange failed (§9.3).
            return reply(vec![P_FAIL]);
        }
        reply(p_len_data(P_OK, &r))
    }

    /// `45 30` uploads what the head captured as the card went in (§9.10.1; no new read
    /// without a new insertion); `45 31` moves the card past the rear head again (§9.10.2).
    /// Binary mode uploads raw character codes as two ASCII hex digits each.
    fn read_tracks(&mut self, f: &Frame, mode: u8, sel: u8) -> Frame {
        if self.present_if_needed().is_none() {
            return Frame::new(f.cm, f.pm, vec![mode, sel, P_NO_CARD]);
        }
        if f.pm == 0x31 {
            self.insert();
        }
        let mut d = vec![mode, sel];
        for &t in selector_tracks(sel) {
            d.push(TRACK_SEP);
            match self.capture.get(usize::from(t) - 1) {
                Some(Capture::Text(text)) if mode == MODE_BINARY => {
                    d.push(P_OK);
                    d.extend_from_slice(&encode_binary_track(t, text));
                }
                Some(Capture::Text(text)) => {
                    d.push(P_OK);
                    d.extend_from_slice(text.as_bytes());
                }
                Some(Capture::Error(code)) => d.extend_from_slice(&[0x4F, *code]),
                None => d.extend_from_slice(&[0x4F, 0xE5]),
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
            bad.encode().unwrap(),
            vec![0x02, 0x00, 0x03, 0x4E, 0x99, 0x00, 0x03, 0xD5]
        );
    }

    /// A binary read of all three tracks of a card with track 3 encoded is LEN 314 (each raw
    /// code as two ASCII digits, §9.10.1), over the frame limit of 270: the reader
    /// answers E=`01` (parameter or length out of range, §7.2.2) with a frame that frames,
    /// and each track read alone in binary mode gives the same characters as in ASCII.
    #[test]
    fn binary_read_over_the_frame_limit_is_refused_and_tracks_read_one_by_one() {
        use crate::codec::crt310::{decode_binary_track, MODE_ASCII};
        let mut sc = Scenario::builtin("crt310-default").unwrap();
        sc.cards[0].tracks = vec![1, 2, 3];
        let mut sim = Crt310Sim::new(sc, SimOptions::default());
        let ascii = sim.execute(&Frame::new(0x45, 0x30, vec![MODE_ASCII, 0x37]));
        assert!(ascii.fits());
        // Binary doubles the characters, not the mode, selector and block heads (2 + 3 × 2).
        assert_eq!(2 + 2 * ascii.data.len() - 8, 314);
        let all = sim.execute(&Frame::new(0x45, 0x30, vec![MODE_BINARY, 0x37]));
        assert_eq!(all, Frame::new(b'N', 0x45, vec![E_BAD_PM]));
        assert_eq!(
            all.encode().unwrap(),
            vec![0x02, 0x00, 0x03, 0x4E, 0x45, 0x01, 0x03, 0x08]
        );
        for (t, sel) in [(1u8, 0x31u8), (2, 0x32), (3, 0x33)] {
            let r = sim.execute(&Frame::new(0x45, 0x30, vec![MODE_BINARY, sel]));
            assert!(r.fits());
            assert_eq!(&r.data[..4], &[MODE_BINARY, sel, TRACK_SEP, P_OK]);
            let text = decode_binary_track(t, &r.data[4..]).unwrap();
            let ascii = sim.execute(&Frame::new(0x45, 0x30, vec![MODE_ASCII, sel]));
            assert_eq!(text.as_bytes(), &ascii.data[4..], "track {t}");
        }
    }
}
