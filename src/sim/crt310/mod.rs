//! The CRT-310 V3.0 simulator: speaks the documented frames, handshake and error codes on the
//! master side of a pseudo-terminal, presents the scenario's deck, simulates the cards' chip
//! applications (PSE, SELECT, GPO, READ RECORD, GET RESPONSE, GET DATA, GENERATE AC with T=0
//! `61xx`/`6Cxx`), and reproduces every fault knob of the scenario. Output is paced at the
//! configured baud rate. `commands` answers each command, `chip` plays the card's chip.

mod chip;
mod commands;
mod cryptogram;
mod mechanism;
mod oda;

use super::scenario::{LineNoise, Rng, Scenario, SimExit};
use super::{fine_timer_slack, wait_precisely, SessionEnd, SimOptions, SimSpec, Simulator, SPIN};
use crate::codec::crt310::{Frame, FrameEvent, Framer, ACK, ENQ, EOT, NAK};
use crate::link::{read_available, Available};
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// The CRT-310 simulator's name, default scenario and builder (see [`SimKind`](super::SimKind)).
pub const SPEC: SimSpec = SimSpec {
    name: "crt310",
    default_scenario: "crt310-default",
    build: |sc| Box::new(Crt310Sim::new(sc.clone(), SimOptions::default())),
};

/// Default identity when the scenario leaves it empty: the reset reply's SV as the manual
/// prints it (§8.1.1 p.7, LEN `0F` = 13 SV bytes, with the trailing space of §8.1.2).
pub const DEFAULT_FIRMWARE: &str = "CRT 310 V3.0 ";
pub const DEFAULT_SERIAL: &str = "SIM310-0001";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Selected {
    None,
    Pse,
    App(usize),
}

/// Simulator state that survives an unplug/replug (deck position, counters, PRNG).
pub struct Crt310Sim {
    sc: Scenario,
    opts: SimOptions,
    rng: Rng,
    /// The line's noise state (`line_noise`: which byte of the current window is hit).
    noise: LineNoise,
    next_card: usize,
    presented: Option<usize>,
    commands: u32,
    unplugged: bool,
    frozen: bool,
    powered: bool,
    reset_done: bool,
    t1: bool,
    contact_fail: bool,
    pending: Option<Frame>,
    last_response: Option<Vec<u8>>,
    selected: Selected,
    get_response: Vec<u8>,
    atc: u16,
    /// Per deck card, the ATC of its last transaction the issuer authenticated online (`9F13`);
    /// a card not yet seen went online on its previous transaction (`chip::last_online`).
    last_online_atc: std::collections::HashMap<usize, u16>,
    /// Per deck card, the PIN tries left (`9F17`); 3 until a wrong VERIFY (0 if `pin_blocked`).
    pin_tries: std::collections::HashMap<usize, u8>,
    /// The deck card being served (its chip's counters are its own).
    serving: usize,
    /// The transaction between GENERATE AC 1 and the online completion.
    tx: cryptogram::Transaction,
    /// Each presented application's records, ODA records included (signing is slow).
    oda_cache: std::collections::HashMap<(usize, usize), Vec<Vec<u8>>>,
    /// When the bytes received so far have fully "arrived" on a real line.
    line_free_at: Instant,
    /// Where the card is: the status S1 value (manual §8.3.1); `4E` when none.
    pos: u8,
    /// What the head read as the card went in (manual §9.10, CRE-N §6.2): one entry per
    /// track 1..3. `45 30` uploads this copy; a new read needs a new insertion.
    capture: Vec<mechanism::Capture>,
    /// The card was ejected to the front (`32 30`) for the operator to insert it again.
    reinsert: bool,
    /// Stop position set by `2E Pm` (default: inside, contacts up).
    stop_pos: u8,
    /// S2 (front entry mode) and S3 (rear entry) as set by `2F Pm1 Pm2`.
    entry_front: u8,
    entry_rear: u8,
    /// Line speed set by `34 Pm` (kept like the reader's EEPROM across unplug); from then on
    /// the host's termios speed must match it or the bytes are garbled.
    set_baud: Option<u32>,
    /// A baud change to apply once its reply is on the line (manual §8.8: reply at the old rate).
    baud_after_reply: Option<u32>,
    /// Whether the host's line speed matches the reader's (see `set_baud`).
    line_ok: bool,
}

/// A model's line protocol over the shared serve loop (see [`Crt310Sim::serve_with`]).
pub type OnBytes<'a> =
    dyn FnMut(&mut Crt310Sim, &mut dyn Write, &[u8]) -> io::Result<Option<SimExit>> + 'a;

/// Serves one pty until stopped, unplugged, or an I/O error (see [`Crt310Sim::serve_port`]).
pub fn serve(
    port: serialport::TTYPort,
    scenario: &Scenario,
    opts: &SimOptions,
) -> io::Result<SimExit> {
    Crt310Sim::new(scenario.clone(), opts.clone()).serve_port(port)
}

fn is_eio(e: &io::Error) -> bool {
    e.raw_os_error() == Some(5) || e.kind() == io::ErrorKind::BrokenPipe
}

impl Crt310Sim {
    pub fn new(sc: Scenario, opts: SimOptions) -> Crt310Sim {
        let rng = sc.rng();
        Crt310Sim {
            noise: LineNoise::new(sc.device.faults.line_noise),
            sc,
            opts,
            rng,
            next_card: 0,
            presented: None,
            commands: 0,
            unplugged: false,
            frozen: false,
            powered: false,
            reset_done: false,
            t1: false,
            contact_fail: false,
            pending: None,
            last_response: None,
            selected: Selected::None,
            get_response: Vec::new(),
            oda_cache: std::collections::HashMap::new(),
            // Cards that have been used before: their counters are not fresh (velocity checking
            // tells a new card by a last online ATC of 0).
            atc: 0x0030,
            last_online_atc: Default::default(),
            pin_tries: Default::default(),
            serving: 0,
            tx: Default::default(),
            line_free_at: Instant::now(),
            pos: crate::codec::crt310::S1_NO_CARD,
            capture: Vec::new(),
            reinsert: false,
            stop_pos: mechanism::DEFAULT_STOP,
            entry_front: mechanism::DEFAULT_ENTRY,
            entry_rear: mechanism::DEFAULT_ENTRY,
            set_baud: None,
            baud_after_reply: None,
            line_ok: true,
        }
    }

    /// New line options (baud, stop flag) for the next `serve_port`, e.g. after a replug.
    pub fn set_options(&mut self, opts: SimOptions) {
        self.opts = opts;
        if let Some(b) = self.set_baud {
            self.opts.baud = b;
        }
    }

    /// Index of the card currently presented.
    pub fn presented(&self) -> Option<usize> {
        self.presented
    }

    /// Deck card `card`'s chip after a reset, for a simulator that holds the card itself
    /// (the POS simulator's own contacts): nothing selected, no pending GET RESPONSE data.
    pub fn card_reset(&mut self) {
        self.selected = Selected::None;
        self.tx = Default::default();
        self.get_response.clear();
    }

    /// One C-APDU to deck card `card`'s chip, answered as over T=1 (data and SW1 SW2, no
    /// procedure bytes); `67 00` for a command shorter than its header or a card not in the
    /// deck. The card keeps its ATC across calls, like the reader's cards.
    pub fn card_apdu(&mut self, card: usize, apdu: &[u8]) -> Vec<u8> {
        if apdu.len() < 4 || card >= self.sc.cards.len() {
            return vec![0x67, 0x00];
        }
        self.chip_apdu(card, apdu, false)
    }

    /// Serves `port` (the pty master). Returns `Stopped` when `opts.stop` is set, `Unplugged`
    /// when the `unplug_after` fault fires (the port is dropped: the client sees a hang-up).
    /// While no client has the slave open, reads fail with EIO: that is waited out.
    pub fn serve_port<P: serialport::SerialPort>(&mut self, port: P) -> io::Result<SimExit> {
        let mut framer = Framer::new();
        self.serve_with(port, &mut |sim, w, bytes| {
            framer.push(bytes);
            while let Some(ev) = framer.next_event() {
                if let Some(exit) = sim.on_event(w, ev)? {
                    return Ok(Some(exit));
                }
            }
            Ok(None)
        })
    }

    /// The serve loop of a Creator reader simulator: reads what arrives (accounting its wire
    /// time, garbled when the host's line speed is not the reader's) and hands it to
    /// `on_bytes`, the model's line protocol (the CRT-310's ENQ handshake, the CRT-591's).
    pub fn serve_with<P: serialport::SerialPort>(
        &mut self,
        mut port: P,
        on_bytes: &mut OnBytes<'_>,
    ) -> io::Result<SimExit> {
        port.set_timeout(Duration::from_millis(20))
            .map_err(io::Error::from)?;
        fine_timer_slack();
        let mut buf = [0u8; 512];
        loop {
            if self.opts.stopped() {
                return Ok(SimExit::Stopped);
            }
            match read_available(&mut port, &mut buf) {
                Ok(Available::Bytes(n)) => {
                    let now = Instant::now();
                    self.line_free_at = self.line_free_at.max(now) + self.opts.wire_time(n);
                    self.line_ok = self
                        .set_baud
                        .is_none_or(|b| port.baud_rate().ok() == Some(b));
                    if !self.line_ok {
                        mechanism::garble(&mut buf[..n]);
                    }
                    if let Some(exit) = on_bytes(self, &mut port, &buf[..n])? {
                        return Ok(exit);
                    }
                }
                Ok(Available::Nothing) => {}
                Ok(Available::Closed) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) if is_eio(&e) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(e),
            }
        }
    }

    /// Counts a complete command frame; `false` once the `freeze_after` fault has fired (the
    /// reader answers nothing any more, not even an ACK).
    pub fn accept_command(&mut self) -> bool {
        if self.frozen {
            return false;
        }
        self.commands += 1;
        let fa = &self.sc.device.faults;
        if fa.freeze_after > 0 && self.commands > fa.freeze_after {
            self.frozen = true;
        }
        !self.frozen
    }

    /// Whether the `freeze_after` fault has fired.
    pub fn is_frozen(&self) -> bool {
        self.frozen
    }

    /// The reader's side of the handshake: ACK a good frame (NAK a bad BCC), answer ENQ with
    /// the response (again with the last one when nothing is pending), EOT with EOT. Returns
    /// how the session ends when the scenario unplugs the reader.
    fn on_event(&mut self, port: &mut dyn Write, ev: FrameEvent) -> io::Result<Option<SimExit>> {
        if self.frozen {
            return Ok(None);
        }
        match ev {
            FrameEvent::Frame(f, _) => {
                if !self.accept_command() {
                    return Ok(None);
                }
                self.send(port, &[ACK])?;
                self.pending = Some(f);
            }
            FrameEvent::BadBcc(_) => self.send(port, &[NAK])?,
            FrameEvent::Control(ENQ) => return self.on_enq(port),
            FrameEvent::Control(EOT) => {
                self.pending = None;
                self.send(port, &[EOT])?;
            }
            FrameEvent::Control(_) | FrameEvent::Garbage(_) => {}
        }
        Ok(None)
    }

    fn on_enq(&mut self, port: &mut dyn Write) -> io::Result<Option<SimExit>> {
        let Some(f) = self.pending.take() else {
            if let Some(last) = self.last_response.clone() {
                // A repeated ENQ asks for the last response again (the host's way to recover
                // a response that failed its BCC).
                self.send(port, &last)?;
            }
            return Ok(None);
        };
        let resp = self.execute(&f).encode()?;
        self.last_response = Some(resp.clone());
        self.send_reply(port, &resp)?;
        if let Some(b) = self.baud_after_reply.take() {
            // Manual §8.8: the reply goes at the old rate, then the reader switches.
            self.opts.baud = b;
            self.set_baud = Some(b);
        }
        Ok(self.unplug_due())
    }

    /// Sends a reply after the scenario's think time.
    pub fn send_reply(&mut self, port: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        let think = Duration::from_millis(self.sc.device.think_time_ms);
        self.send_after(port, bytes, think)
    }

    /// After a reply: whether the `unplug_after` fault fires now (once).
    pub fn unplug_due(&mut self) -> Option<SimExit> {
        let fa = &self.sc.device.faults;
        if fa.unplug_after > 0 && self.commands >= fa.unplug_after && !self.unplugged {
            self.unplugged = true;
            // Let the client drain the last response: closing the master discards what the
            // slave has not read yet.
            std::thread::sleep(Duration::from_millis(100));
            let replug =
                (fa.replug_after_ms > 0).then(|| Duration::from_millis(fa.replug_after_ms));
            return Some(SimExit::Unplugged {
                replug_after: replug,
            });
        }
        None
    }

    /// Sends at once (after the command's own wire time): ACK, NAK, EOT.
    pub fn send(&mut self, port: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        self.send_after(port, bytes, Duration::ZERO)
    }

    /// Sends `bytes` as a real half-duplex line would deliver them: starting `delay` after the
    /// line is free (the command has fully arrived), each byte handed over when its last bit
    /// would have arrived (10 bit-times per byte at 8N1). The schedule is absolute: when the
    /// thread wakes late, overdue bytes go at once (never earlier than on the real line), so
    /// scheduling jitter does not add up.
    fn send_after(
        &mut self,
        port: &mut dyn Write,
        bytes: &[u8],
        delay: Duration,
    ) -> io::Result<()> {
        let mut out = bytes.to_vec();
        if !self.line_ok {
            mechanism::garble(&mut out);
        }
        self.noise.apply(&mut out, &mut self.rng);
        let anchor = self
            .line_free_at
            .max(Instant::now() - Duration::from_millis(50))
            + delay;
        let per_byte = self.opts.wire_time(1).max(Duration::from_nanos(1));
        // The think time, in slices that see the stop flag; the pacing below then waits at
        // most a byte's wire time at once.
        let first_due = anchor + per_byte;
        let before = first_due.saturating_duration_since(Instant::now());
        if before > Duration::from_millis(20)
            && !self.opts.sleep(before - Duration::from_millis(20))
        {
            return Ok(());
        }
        let last_due = anchor + per_byte * out.len() as u32;
        let mut sent = 0usize;
        while sent < out.len() {
            let now = Instant::now();
            let due = if now < anchor {
                0
            } else {
                (((now - anchor).as_nanos() / per_byte.as_nanos()) as usize).min(out.len())
            };
            if due > sent {
                match port.write_all(&out[sent..due]) {
                    Err(e) if is_eio(&e) => return Ok(()),
                    r => r?,
                }
                sent = due;
            } else {
                let next = anchor + per_byte * (sent as u32 + 1);
                if next + SPIN >= last_due {
                    // The last byte ends the exchange for the client: be on time, and do
                    // not let a sleep for one of the bytes just before it overshoot it
                    // (those go with it, at most SPIN late).
                    wait_precisely(last_due);
                } else {
                    std::thread::sleep(next.saturating_duration_since(now));
                }
            }
        }
        self.line_free_at = last_due;
        match port.flush() {
            Err(e) if is_eio(&e) => Ok(()),
            r => r,
        }
    }

    /// The operator inserts a card when the bench waits for one: the next deck card, or the
    /// same card again after an eject for re-insertion. Nothing enters while the front entry
    /// is prohibited (`2F 31`). The head reads the stripe as the motor pulls the card in.
    fn present_if_needed(&mut self) -> Option<usize> {
        let fresh = self.presented.is_none() && self.next_card < self.sc.cards.len();
        if (fresh || self.reinsert) && self.entry_front != crate::codec::crt310::S1_NO_CARD {
            if fresh {
                self.presented = Some(self.next_card);
                self.next_card += 1;
            }
            self.reinsert = false;
            self.powered = false;
            self.reset_done = false;
            self.selected = Selected::None;
            self.insert();
        }
        self.presented.filter(|_| !self.reinsert)
    }

    /// The card leaves the reader (taken by the operator, or captured): the next insertion
    /// is the next card of the deck.
    fn eject(&mut self) {
        self.presented = None;
        self.pos = crate::codec::crt310::S1_NO_CARD;
        self.reinsert = false;
        self.capture.clear();
        self.powered = false;
        self.reset_done = false;
        self.selected = Selected::None;
    }
}

impl Simulator for Crt310Sim {
    fn serve(&mut self, master: serialport::TTYPort, opts: &SimOptions) -> io::Result<SessionEnd> {
        self.set_options(opts.clone());
        Ok(match self.serve_port(master)? {
            SimExit::Unplugged { .. } => SessionEnd::Unplugged,
            SimExit::Stopped | SimExit::HungUp => SessionEnd::Stopped,
        })
    }
}

/// Whether an ATR announces T=1 in TD1 (first offered protocol).
pub fn atr_is_t1(atr: &[u8]) -> bool {
    let Some(&t0) = atr.get(1) else {
        return false;
    };
    if t0 & 0x80 == 0 {
        return false;
    }
    let skip = [0x10u8, 0x20, 0x40].iter().filter(|m| t0 & *m != 0).count();
    atr.get(2 + skip).is_some_and(|td1| td1 & 0x0F == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario::DEFAULT_ATR;

    #[test]
    fn t1_detection() {
        assert!(!atr_is_t1(&DEFAULT_ATR));
        assert!(atr_is_t1(&[
            0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0x7C, 0x41, 0x92
        ]));
    }
}
