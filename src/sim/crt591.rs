//! The CRT-591 simulator (CRT-591-M001 communication protocol, "M591"): its own framing
//! (`F2 ADDR LEN C/P/N …`), status st0 st1 st2, error codes e1 e0 and the host ACK after each
//! reply, over the card model it shares with the CRT-310 simulator (deck, stripe captured on
//! insertion, chip, fault knobs, pacing, unplug and freeze). Each CRT-591 command is carried
//! out as the CRT-310 mechanism command with the same effect, and its answer translated.

use super::crt310::Crt310Sim;
use super::scenario::{Scenario, SimExit};
use super::{SessionEnd, SimOptions, SimSpec, Simulator};
use crate::codec::crt310 as c310;
use crate::codec::crt591::{
    encode_track_buffer, Frame, FrameEvent, Framer, ACK, EOT, E_ACTIVATION, E_NOT_ACTIVATED,
    E_NOT_RESET, E_NO_REPLY, E_PARAMETER, E_SEQUENCE, E_UNDEFINED, NAK, ST0_GATE, ST0_IC, ST0_NONE,
};
use std::io::{self, Write};

/// The CRT-591 simulator's name, default scenario and builder (see [`SimKind`](super::SimKind)).
/// It plays the CRT-310 scenarios' decks and faults; only an identity naming a CRT-591 is used.
pub const SPEC: SimSpec = SimSpec {
    name: "crt591",
    default_scenario: "crt310-default",
    build: |sc| Box::new(Crt591Sim::new(sc.clone(), SimOptions::default())),
};

/// The INIT reply's Rev_type when the scenario names no CRT-591 firmware (M591 §3.1.1).
pub const DEFAULT_FIRMWARE: &str = "CRT-591-M001";
pub const DEFAULT_SERIAL: &str = "SIM591-0001";

/// Simulator state that survives an unplug/replug.
pub struct Crt591Sim {
    card: Crt310Sim,
    line: Line,
}

impl Crt591Sim {
    pub fn new(sc: Scenario, opts: SimOptions) -> Crt591Sim {
        let named = |s: &str| s.starts_with("CRT-591").then(|| s.to_string());
        let firmware = named(&sc.device.firmware).unwrap_or_else(|| DEFAULT_FIRMWARE.into());
        let serial = named(&sc.device.firmware)
            .map(|_| sc.device.serial.clone())
            .unwrap_or_else(|| DEFAULT_SERIAL.into());
        Crt591Sim {
            card: Crt310Sim::new(sc, opts),
            line: Line {
                firmware,
                serial,
                initialised: false,
                entry: false,
                unacked: None,
            },
        }
    }

    /// Serves `port` (the pty master) until stopped or unplugged; the handshake is M591 §1.4:
    /// ACK a good command, send the reply, wait for the host's ACK (NAK: send it again).
    pub fn serve_port<P: serialport::SerialPort>(&mut self, port: P) -> io::Result<SimExit> {
        let mut framer = Framer::new();
        let (card, me) = (&mut self.card, &mut self.line);
        card.serve_with(port, &mut |sim, w, bytes| {
            framer.push(bytes);
            while let Some(ev) = framer.next_event() {
                if let Some(exit) = me.on_event(sim, w, ev)? {
                    return Ok(Some(exit));
                }
            }
            Ok(None)
        })
    }

    /// Executes one command (sans-IO): the reply frame.
    pub fn execute(&mut self, f: &Frame) -> Frame {
        self.line.reply(&mut self.card, f)
    }
}

impl Simulator for Crt591Sim {
    fn serve(&mut self, master: serialport::TTYPort, opts: &SimOptions) -> io::Result<SessionEnd> {
        self.card.set_options(opts.clone());
        Ok(match self.serve_port(master)? {
            SimExit::Unplugged { .. } => SessionEnd::Unplugged,
            SimExit::Stopped | SimExit::HungUp => SessionEnd::Stopped,
        })
    }
}

/// The CRT-591's own state beside the card model.
struct Line {
    firmware: String,
    serial: String,
    /// INIT has run since power-on; before it every other command answers `B0` (§3.1.1).
    initialised: bool,
    /// Card entry through the gate enabled (`33 30`).
    entry: bool,
    /// The last reply, until the host ACKs it (a host NAK gets it again, Case 3).
    unacked: Option<Vec<u8>>,
}

impl Line {
    fn on_event(
        &mut self,
        sim: &mut Crt310Sim,
        w: &mut dyn Write,
        ev: FrameEvent,
    ) -> io::Result<Option<SimExit>> {
        if sim.is_frozen() {
            return Ok(None);
        }
        match ev {
            FrameEvent::Frame(f, _) => {
                if !sim.accept_command() {
                    return Ok(None);
                }
                sim.send(w, &[ACK])?;
                let reply = self.reply(sim, &f).encode()?;
                sim.send_reply(w, &reply)?;
                self.unacked = Some(reply);
                return Ok(sim.unplug_due());
            }
            FrameEvent::BadBcc(_) => sim.send(w, &[NAK])?,
            FrameEvent::Control(NAK) => {
                if let Some(r) = self.unacked.clone() {
                    sim.send(w, &r)?;
                }
            }
            FrameEvent::Control(ACK) => self.unacked = None,
            FrameEvent::Control(EOT) => sim.send(w, &[EOT])?,
            FrameEvent::Control(_) | FrameEvent::Garbage(_) => {}
        }
        Ok(None)
    }

    /// The CRT-310 command with the same effect on the card model, and its reply.
    fn via(sim: &mut Crt310Sim, cm: u8, pm: u8, data: Vec<u8>) -> c310::Frame {
        sim.execute(&c310::Frame::new(cm, pm, data))
    }

    /// st0 st1 st2: where the card is; no stacker cards, error bin not full.
    fn st(sim: &mut Crt310Sim) -> [u8; 3] {
        let s1 = Self::via(sim, 0x31, 0x30, vec![]).data.first().copied();
        let st0 = match s1 {
            Some(c310::S1_NO_CARD) | None => ST0_NONE,
            Some(c310::S1_IC_LANDED | c310::S1_INSIDE) => ST0_IC,
            _ => ST0_GATE,
        };
        [st0, b'0', b'0']
    }

    /// The reply to `f`, always one a framer takes: a reply over the frame limit (from a
    /// scenario's overlong identity text) is the parameter error `01` instead.
    fn reply(&mut self, sim: &mut Crt310Sim, f: &Frame) -> Frame {
        let r = self.execute(sim, f);
        if r.data.len() + 3 > crate::codec::crt591::MAX_LEN {
            return Frame::negative(f.addr, f.cm, f.pm, E_PARAMETER);
        }
        r
    }

    fn execute(&mut self, sim: &mut Crt310Sim, f: &Frame) -> Frame {
        let (a, cm, pm) = (f.addr, f.cm, f.pm);
        let neg = |code: [u8; 2]| Frame::negative(a, cm, pm, code);
        if cm == 0x30 {
            return self.init(sim, f);
        }
        if !self.initialised {
            return neg(E_NOT_RESET);
        }
        // A card inserted at the gate while entry is enabled is carried to the station.
        if self.entry && cm == 0x31 && Self::st(sim)[0] != ST0_IC {
            Self::via(sim, 0x32, c310::MOVE_IC, vec![]);
        }
        let pos = |sim: &mut Crt310Sim, data: &[u8]| {
            let st = Self::st(sim);
            Frame::positive(a, cm, pm, st, data)
        };
        match (cm, pm) {
            (0x31, 0x30) => pos(sim, &[]),
            (0x31, 0x31) => {
                let s = Self::via(sim, 0x31, 0x2E, vec![]).data;
                pos(sim, &s)
            }
            (0x32, 0x30 | 0x31 | 0x32 | 0x33 | 0x39) => {
                let to = match pm {
                    0x30 => c310::MOVE_FRONT,
                    0x31 => c310::MOVE_IC,
                    0x32 => c310::MOVE_INSIDE_RF,
                    0x33 => 0x33,
                    _ => 0x34,
                };
                Self::via(sim, 0x32, to, vec![]);
                pos(sim, &[])
            }
            (0x33, 0x30 | 0x31) => {
                self.entry = pm == 0x30;
                pos(sim, &[])
            }
            (0x36, 0x37) => self.read_tracks(sim, f),
            (0x51, 0x30 | 0x38) => Self::cpu_reset(sim, f),
            (0x51, 0x31) => {
                Self::via(sim, 0x33, 0x31, vec![]);
                pos(sim, &[])
            }
            (0x51, 0x33 | 0x34 | 0x39) => Self::apdu(sim, f),
            (0xA2, 0x30) => pos(sim, self.serial.as_bytes()),
            (0xA4, 0x30) => pos(sim, self.firmware.as_bytes()),
            (0x31..=0x33 | 0x51 | 0xA2 | 0xA4, _) => neg(E_PARAMETER),
            _ => neg(E_UNDEFINED),
        }
    }

    /// INIT (§3.1.1): `30` card to the gate, `31` to the error bin, `33` leave it; entry off;
    /// the reply carries Rev_type.
    fn init(&mut self, sim: &mut Crt310Sim, f: &Frame) -> Frame {
        match f.pm {
            0x30 | 0x34 => {
                Self::via(sim, 0x32, c310::MOVE_FRONT_HELD, vec![]);
            }
            0x31 | 0x35 => {
                Self::via(sim, 0x32, 0x33, vec![]);
            }
            0x33 | 0x37 => {}
            _ => return Frame::negative(f.addr, f.cm, f.pm, E_PARAMETER),
        }
        self.initialised = true;
        self.entry = false;
        let st = Self::st(sim);
        Frame::positive(f.addr, f.cm, f.pm, st, self.firmware.as_bytes())
    }

    /// `36 37` (R02): the stripe as captured on the way in, as a `~`-separated buffer.
    fn read_tracks(&mut self, sim: &mut Crt310Sim, f: &Frame) -> Frame {
        let r = Self::via(sim, 0x45, 0x30, vec![c310::MODE_ASCII, 0x37]);
        let blocks = r.as_error().is_none().then(|| c310::reply_blocks(&r.data));
        let Some(Some(blocks)) = blocks else {
            return Frame::negative(f.addr, f.cm, f.pm, E_SEQUENCE);
        };
        let tracks: Vec<Result<String, u8>> = blocks.into_iter().map(track_result).collect();
        let st = Self::st(sim);
        Frame::positive(f.addr, f.cm, f.pm, st, &encode_track_buffer(&tracks))
    }

    /// `51 30` cold / `51 38` warm reset (§3.2.1, §3.2.6): `Type ATR`; no card at the IC
    /// position answers `02` (sequence), a card that gives no ATR `61` (activation failure).
    fn cpu_reset(sim: &mut Crt310Sim, f: &Frame) -> Frame {
        let neg = |code| Frame::negative(f.addr, f.cm, f.pm, code);
        if Self::st(sim)[0] != ST0_IC {
            return neg(E_SEQUENCE);
        }
        Self::via(sim, 0x32, c310::MOVE_IC, vec![]);
        let pm = if f.pm == 0x38 { 0x2F } else { 0x30 };
        let r = Self::via(sim, 0x37, pm, vec![]);
        let (p, atr) = c310::split_p_len_data(&r.data);
        if !matches!(p, c310::P_OK | c310::P_T1) || atr.is_empty() {
            return neg(E_ACTIVATION);
        }
        let ty = if p == c310::P_T1 { b'1' } else { b'0' };
        let st = Self::st(sim);
        Frame::positive(f.addr, f.cm, f.pm, st, &[&[ty][..], &atr].concat())
    }

    /// `51 33`/`51 34`/`51 39` (§3.2.4–§3.2.7): C-APDU in, R-APDU out; `63` when the card
    /// does not answer, `65` when it is not activated.
    fn apdu(sim: &mut Crt310Sim, f: &Frame) -> Frame {
        let neg = |code| Frame::negative(f.addr, f.cm, f.pm, code);
        let mut data = c310::len16(f.data.len()).to_vec();
        data.extend_from_slice(&f.data);
        let t1 = f.pm == 0x34;
        let r = Self::via(sim, 0x37, if t1 { 0x32 } else { 0x31 }, data);
        if r.as_error().is_some() {
            return neg(E_PARAMETER);
        }
        match c310::split_p_len_data(&r.data) {
            (c310::P_OK, rapdu) => {
                let st = Self::st(sim);
                Frame::positive(f.addr, f.cm, f.pm, st, &rapdu)
            }
            (c310::P_FAIL, _) => neg(E_NO_REPLY),
            _ => neg(E_NOT_ACTIVATED),
        }
    }
}

/// One CRT-310 track block as the CRT-591 track buffer takes it: the characters, the error
/// code of an `O` block, or `E5` (blank) for a block that was not read and holds no code.
fn track_result(block: c310::TrackBlock<'_>) -> Result<String, u8> {
    match block {
        c310::TrackBlock::Data(text) => Ok(String::from_utf8_lossy(text).into_owned()),
        c310::TrackBlock::Error(&[code, ..]) => Err(code),
        _ => Err(0xE5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use c310::TrackBlock::*;

    /// The blocks the CRT-310 simulator sends map as the hand-split reading mapped them: text,
    /// the `O` block's code, and `E5` for a block with no code.
    #[test]
    fn track_blocks_become_buffer_slots() {
        assert_eq!(track_result(Data(b";1=2?")), Ok(";1=2?".to_string()));
        assert_eq!(track_result(Data(b"")), Ok(String::new()));
        assert_eq!(track_result(Error(&[0xE2])), Err(0xE2));
        assert_eq!(track_result(Error(&[0xE1, 0x00])), Err(0xE1));
        assert_eq!(track_result(Error(&[])), Err(0xE5));
        assert_eq!(track_result(Empty), Err(0xE5));
    }
}
