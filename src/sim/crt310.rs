//! The CRT-310 V3.0 simulator: speaks the documented frames, handshake and error codes on the
//! master side of a pseudo-terminal, presents the scenario's deck, simulates the cards' chip
//! applications (PSE, SELECT, GPO, READ RECORD, GET RESPONSE, GET DATA, GENERATE AC with T=0
//! `61xx`/`6Cxx`), and reproduces every fault knob of the scenario. Output is paced at the
//! configured baud rate.

use super::scenario::{
    push_tlv, ContactFault, Defect, HeadError, Rng, Scenario, SimExit, DEFAULT_ATR,
};
use super::SimOptions;
use crate::device::crt310::{
    selector_tracks, Frame, FrameEvent, Framer, ACK, ENQ, EOT, NAK, P_FAIL, P_NO_CARD, P_OK, P_T1,
};
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// Default identity when the scenario leaves it empty.
pub const DEFAULT_FIRMWARE: &str = "CRT-310 V3.0";
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
    /// When the bytes received so far have fully "arrived" on a real line.
    line_free_at: Instant,
}

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
            atc: 1,
            line_free_at: Instant::now(),
        }
    }

    /// New line options (baud, stop flag) for the next `serve_port`, e.g. after a replug.
    pub fn set_options(&mut self, opts: SimOptions) {
        self.opts = opts;
    }

    /// Index of the card currently presented.
    pub fn presented(&self) -> Option<usize> {
        self.presented
    }

    /// Serves `port` (the pty master). Returns `Stopped` when `opts.stop` is set, `Unplugged`
    /// when the `unplug_after` fault fires (the port is dropped: the client sees a hang-up).
    /// While no client has the slave open, reads fail with EIO: that is waited out.
    pub fn serve_port<P: serialport::SerialPort>(&mut self, mut port: P) -> io::Result<SimExit> {
        port.set_timeout(Duration::from_millis(20))
            .map_err(io::Error::from)?;
        let mut framer = Framer::new();
        let mut buf = [0u8; 512];
        loop {
            if self.opts.stopped() {
                return Ok(SimExit::Stopped);
            }
            match port.read(&mut buf) {
                Ok(0) => std::thread::sleep(Duration::from_millis(10)),
                Ok(n) => {
                    let now = Instant::now();
                    self.line_free_at = self.line_free_at.max(now) + self.opts.wire_time(n);
                    framer.push(&buf[..n]);
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::TimedOut
                            | io::ErrorKind::WouldBlock
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(e) if is_eio(&e) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(e),
            }
            while let Some(ev) = framer.next_event() {
                if self.frozen {
                    continue;
                }
                match ev {
                    FrameEvent::Frame(f, _) => {
                        self.commands += 1;
                        let fa = &self.sc.device.faults;
                        if fa.freeze_after > 0 && self.commands > fa.freeze_after {
                            self.frozen = true;
                            continue;
                        }
                        self.send(&mut port, &[ACK])?;
                        self.pending = Some(f);
                    }
                    FrameEvent::BadBcc(_) => self.send(&mut port, &[NAK])?,
                    FrameEvent::Control(ENQ) => {
                        if let Some(f) = self.pending.take() {
                            let think = Duration::from_millis(self.sc.device.think_time_ms);
                            let resp = self.execute(&f).encode();
                            self.last_response = Some(resp.clone());
                            self.send_after(&mut port, &resp, think)?;
                            let fa = &self.sc.device.faults;
                            if fa.unplug_after > 0
                                && self.commands >= fa.unplug_after
                                && !self.unplugged
                            {
                                self.unplugged = true;
                                // Let the client drain the last response: closing the master
                                // discards what the slave has not read yet.
                                std::thread::sleep(Duration::from_millis(100));
                                let replug = (fa.replug_after_ms > 0)
                                    .then(|| Duration::from_millis(fa.replug_after_ms));
                                return Ok(SimExit::Unplugged {
                                    replug_after: replug,
                                });
                            }
                        } else if let Some(last) = self.last_response.clone() {
                            // A repeated ENQ asks for the last response again (the host's way
                            // to recover a response that failed its BCC).
                            self.send(&mut port, &last)?;
                        }
                    }
                    FrameEvent::Control(EOT) => {
                        self.pending = None;
                        self.send(&mut port, &[EOT])?;
                    }
                    FrameEvent::Control(_) | FrameEvent::Garbage(_) => {}
                }
            }
        }
    }

    fn send(&mut self, port: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
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
        let noise = self.sc.device.faults.line_noise;
        let mut out = bytes.to_vec();
        if noise > 0.0 {
            for b in out.iter_mut() {
                if self.rng.chance(noise) {
                    *b ^= (1 + self.rng.below(255)) as u8;
                }
            }
        }
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
                if sent + 1 == out.len() {
                    // The last byte ends the exchange for the client: be on time.
                    wait_precisely(next);
                } else {
                    std::thread::sleep(next.saturating_duration_since(now));
                }
            }
        }
        self.line_free_at = anchor + per_byte * out.len() as u32;
        match port.flush() {
            Err(e) if is_eio(&e) => Ok(()),
            r => r,
        }
    }

    fn present_if_needed(&mut self) -> Option<usize> {
        if self.presented.is_none() && self.next_card < self.sc.cards.len() {
            self.presented = Some(self.next_card);
            self.next_card += 1;
            self.powered = false;
            self.reset_done = false;
            self.selected = Selected::None;
        }
        self.presented
    }

    fn eject(&mut self) {
        self.presented = None;
        self.powered = false;
        self.reset_done = false;
        self.selected = Selected::None;
    }

    /// Executes one command and builds the response frame.
    pub fn execute(&mut self, f: &Frame) -> Frame {
        let reply = |data: Vec<u8>| Frame::new(f.cm, f.pm, data);
        let error = |code: u8| Frame::new(b'N', f.cm, vec![code]);
        match (f.cm, f.pm) {
            (0x30, 0x30..=0x32) => {
                if f.pm != 0x30 {
                    self.eject();
                }
                let fw = if self.sc.device.firmware.is_empty() {
                    DEFAULT_FIRMWARE
                } else {
                    &self.sc.device.firmware
                };
                reply(fw.as_bytes().to_vec())
            }
            (0x30, 0x3A) => {
                let sn = if self.sc.device.serial.is_empty() {
                    DEFAULT_SERIAL
                } else {
                    &self.sc.device.serial
                };
                let mut d = vec![P_OK];
                d.extend_from_slice(sn.as_bytes());
                reply(d)
            }
            (0x31, 0x30) => {
                let s1 = match (self.presented, self.powered) {
                    (None, _) => 0x4E,
                    (Some(_), true) => 0x4B,
                    (Some(_), false) => 0x4A,
                };
                reply(vec![s1, 0x30, 0x30])
            }
            (0x31, 0x31) => match self.presented.map(|i| &self.sc.cards[i]) {
                None => reply(vec![b'N', b'0']),
                Some(c) if !c.has_chip() => reply(vec![b'N', b'1']),
                Some(c) => reply(vec![
                    b'1',
                    if atr_is_t1(&c.atr_bytes()) {
                        b'1'
                    } else {
                        b'0'
                    },
                ]),
            },
            (0x31, 0x2E | 0x2F) => reply(vec![0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30]),
            (0x32, 0x2E..=0x34) => match self.presented {
                Some(_) => reply(vec![P_OK]),
                None => reply(vec![P_NO_CARD]),
            },
            (0x34, 0x30..=0x35) => reply(vec![P_OK]),
            (0x33, 0x30) => match self.present_if_needed() {
                None => reply(vec![P_NO_CARD]),
                Some(_) => {
                    self.powered = true;
                    reply(vec![P_OK])
                }
            },
            (0x33, 0x31) => {
                self.powered = false;
                self.reset_done = false;
                reply(vec![if self.presented.is_some() {
                    P_OK
                } else {
                    P_NO_CARD
                }])
            }
            (0x37, 0x30 | 0x2F) => self.cpu_reset(f),
            (0x37, 0x31 | 0x32) => {
                if f.data.len() < 2 {
                    return error(0x04);
                }
                let n = (usize::from(f.data[0]) << 8) | usize::from(f.data[1]);
                if n != f.data.len() - 2 || n < 4 {
                    return error(0x04);
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
                let mut d = vec![P_OK, (r.len() >> 8) as u8, r.len() as u8];
                d.extend_from_slice(&r);
                reply(d)
            }
            (0x45, 0x30 | 0x31) => {
                if f.data.len() != 2
                    || !matches!(f.data[0], 0x30 | 0x31)
                    || !(0x30..=0x37).contains(&f.data[1])
                {
                    return error(0x01);
                }
                self.read_tracks(f)
            }
            (0x30..=0x37 | 0x45, _) => error(0x01),
            _ => error(0x00),
        }
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
        let mut d = vec![
            if self.t1 { P_T1 } else { P_OK },
            (atr.len() >> 8) as u8,
            atr.len() as u8,
        ];
        d.extend_from_slice(&atr);
        reply(d)
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
            d.push(0x1F);
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

    /// One APDU to the presented card; returns R-APDU (data + SW).
    fn chip_apdu(&mut self, card_idx: usize, c: &[u8], t0: bool) -> Vec<u8> {
        // Case detection (ISO 7816-4 short APDUs).
        let (data, le, case) = match c.len() {
            4 => (&[][..], None, 1),
            5 => (&[][..], Some(c[4]), 2),
            n => {
                let lc = usize::from(c[4]);
                if n == 5 + lc {
                    (&c[5..], None, 3)
                } else if n == 6 + lc {
                    (&c[5..5 + lc], Some(c[n - 1]), 4)
                } else {
                    return vec![0x67, 0x00];
                }
            }
        };
        let (body, sw) = self.card_command(card_idx, c, data, le);
        if sw != [0x90, 0x00] || body.is_empty() {
            let mut r = body;
            r.extend_from_slice(&sw);
            return r;
        }
        if t0 {
            match case {
                3 | 4 => {
                    let n = body.len().min(256);
                    self.get_response = body;
                    return vec![0x61, n as u8];
                }
                2 => {
                    let want = match le {
                        Some(0) | None => 256,
                        Some(n) => usize::from(n),
                    };
                    if want != body.len() {
                        if c[1] == 0xC0 {
                            // Keep the pending data for the corrected GET RESPONSE.
                            self.get_response = body.clone();
                        }
                        return vec![0x6C, body.len() as u8];
                    }
                }
                _ => {}
            }
        }
        let mut r = body;
        r.extend_from_slice(&sw);
        r
    }

    fn card_command(
        &mut self,
        card_idx: usize,
        c: &[u8],
        data: &[u8],
        le: Option<u8>,
    ) -> (Vec<u8>, [u8; 2]) {
        let card = self.sc.cards[card_idx].clone();
        let ok = [0x90, 0x00];
        match (c[0], c[1]) {
            (0x00, 0xA4) => {
                if card.has(Defect::CardBlocked) {
                    return (vec![], [0x6A, 0x81]);
                }
                if data == crate::codec::emv::PSE {
                    if !card.pse {
                        return (vec![], [0x6A, 0x82]);
                    }
                    self.selected = Selected::Pse;
                    let mut a5 = Vec::new();
                    push_tlv(&mut a5, &[0x88], &[0x01]);
                    push_tlv(&mut a5, &[0x5F, 0x2D], b"zhen");
                    let mut inner = Vec::new();
                    push_tlv(&mut inner, &[0x84], data);
                    push_tlv(&mut inner, &[0xA5], &a5);
                    let mut fci = Vec::new();
                    push_tlv(&mut fci, &[0x6F], &inner);
                    return (fci, ok);
                }
                let fw = &self.sc.device.firmware_aids;
                if !fw.is_empty()
                    && !fw
                        .iter()
                        .any(|p| crate::hexfmt::parse_hex(p).is_ok_and(|p| data.starts_with(&p)))
                {
                    return (vec![], [0x6A, 0x82]);
                }
                let Some(ai) = card
                    .apps
                    .iter()
                    .position(|a| !data.is_empty() && a.aid_bytes().starts_with(data))
                else {
                    return (vec![], [0x6A, 0x82]);
                };
                if card.has(Defect::AppBlocked) {
                    self.selected = Selected::None;
                    return (vec![], [0x62, 0x83]);
                }
                self.selected = Selected::App(ai);
                let app = &card.apps[ai];
                let mut a5 = Vec::new();
                if !app.label.is_empty() {
                    push_tlv(&mut a5, &[0x50], app.label.as_bytes());
                }
                push_tlv(&mut a5, &[0x87], &[app.priority]);
                if let Some(p) = app.pdol_bytes() {
                    push_tlv(&mut a5, &[0x9F, 0x38], &p);
                }
                push_tlv(&mut a5, &[0x5F, 0x2D], b"zhen");
                let mut inner = Vec::new();
                push_tlv(&mut inner, &[0x84], &app.aid_bytes());
                push_tlv(&mut inner, &[0xA5], &a5);
                let mut fci = Vec::new();
                push_tlv(&mut fci, &[0x6F], &inner);
                (fci, ok)
            }
            (0x00, 0xB2) => {
                let (rec, sfi) = (c[2], c[3] >> 3);
                match self.selected {
                    Selected::Pse if sfi == 1 && rec == 1 => {
                        let mut entries = Vec::new();
                        for a in &card.apps {
                            let mut e = Vec::new();
                            push_tlv(&mut e, &[0x4F], &a.aid_bytes());
                            if !a.label.is_empty() {
                                push_tlv(&mut e, &[0x50], a.label.as_bytes());
                            }
                            push_tlv(&mut e, &[0x87], &[a.priority]);
                            push_tlv(&mut entries, &[0x61], &e);
                        }
                        let mut r = Vec::new();
                        push_tlv(&mut r, &[0x70], &entries);
                        (r, ok)
                    }
                    Selected::App(ai) if sfi == 1 => {
                        let recs = card.apps[ai].record_templates(&card);
                        match recs.get(usize::from(rec).wrapping_sub(1)) {
                            Some(r) => (r.clone(), ok),
                            None => (vec![], [0x6A, 0x83]),
                        }
                    }
                    Selected::None => (vec![], [0x69, 0x85]),
                    _ => (vec![], [0x6A, 0x83]),
                }
            }
            (0x80, 0xA8) => {
                let Selected::App(ai) = self.selected else {
                    return (vec![], [0x69, 0x85]);
                };
                if card.has(Defect::GpoRefused) {
                    return (vec![], [0x69, 0x85]);
                }
                let app = &card.apps[ai];
                let want: usize = app
                    .pdol_bytes()
                    .and_then(|p| super::scenario::parse_dol(&p))
                    .map(|d| d.iter().map(|x| x.1).sum())
                    .unwrap_or(0);
                if data.len() < 2 || data[0] != 0x83 || usize::from(data[1]) != want {
                    return (vec![], [0x67, 0x00]);
                }
                self.atc = self.atc.wrapping_add(1);
                let mut inner = Vec::new();
                push_tlv(&mut inner, &[0x82], &app.aip_bytes());
                push_tlv(&mut inner, &[0x94], &app.afl(&card));
                let mut r = Vec::new();
                push_tlv(&mut r, &[0x77], &inner);
                (r, ok)
            }
            (0x00, 0xC0) => {
                if self.get_response.is_empty() {
                    return (vec![], [0x6F, 0x00]);
                }
                let all = std::mem::take(&mut self.get_response);
                let n = match le {
                    Some(0) | None => 256,
                    Some(n) => usize::from(n),
                };
                if n != all.len() {
                    // Wrong Le: handled as 6Cxx by the T=0 layer (data kept).
                    return (all, ok);
                }
                (all, ok)
            }
            (0x80, 0xCA) => {
                let mut r = Vec::new();
                match (c[2], c[3]) {
                    (0x9F, 0x36) => push_tlv(&mut r, &[0x9F, 0x36], &self.atc.to_be_bytes()),
                    (0x9F, 0x17) => push_tlv(&mut r, &[0x9F, 0x17], &[0x03]),
                    _ => return (vec![], [0x6A, 0x88]),
                }
                (r, ok)
            }
            (0x00, 0x20) => (vec![], ok),
            (0x80, 0xAE) => {
                let Selected::App(_) = self.selected else {
                    return (vec![], [0x69, 0x85]);
                };
                let cid = match c[2] & 0xC0 {
                    0x00 => 0x00,
                    0x40 => 0x40,
                    _ => 0x80,
                };
                let mut ac = [0u8; 8];
                for b in ac.iter_mut() {
                    *b = self.rng.below(256) as u8;
                }
                let mut inner = Vec::new();
                push_tlv(&mut inner, &[0x9F, 0x27], &[cid]);
                push_tlv(&mut inner, &[0x9F, 0x36], &self.atc.to_be_bytes());
                push_tlv(&mut inner, &[0x9F, 0x26], &ac);
                push_tlv(
                    &mut inner,
                    &[0x9F, 0x10],
                    &[0x07, 0x01, 0x01, 0x03, 0xA0, 0x00, 0x00, 0x01],
                );
                let mut r = Vec::new();
                push_tlv(&mut r, &[0x77], &inner);
                (r, ok)
            }
            _ => (vec![], [0x6D, 0x00]),
        }
    }
}

/// Sleeps until `t`, spinning for the last stretch: a plain sleep overshoots by the timer
/// slack (50 µs and more), which at 115200 baud is most of a byte time. Spins at most ~150 µs.
fn wait_precisely(t: Instant) {
    let now = Instant::now();
    if t <= now {
        return;
    }
    let left = t - now;
    if left > Duration::from_micros(200) {
        std::thread::sleep(left - Duration::from_micros(150));
    }
    while Instant::now() < t {
        std::hint::spin_loop();
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

    #[test]
    fn t1_detection() {
        assert!(!atr_is_t1(&DEFAULT_ATR));
        assert!(atr_is_t1(&[
            0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0x7C, 0x41, 0x92
        ]));
    }

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

    /// Random frames (valid BCC, arbitrary CM/PM/data) never panic the simulator or the
    /// frame-log masker.
    #[test]
    fn random_frames_never_panic() {
        let sc = Scenario::builtin("crt310-default").unwrap();
        let mut sim = Crt310Sim::new(sc, SimOptions::default());
        let mut rng = Rng::new(3);
        for i in 0..5000 {
            let cm = [0x30, 0x31, 0x33, 0x37, 0x45, rng.below(256) as u8][i % 6];
            let pm = if rng.chance(0.5) {
                0x30 + rng.below(4) as u8
            } else {
                rng.below(256) as u8
            };
            let n = rng.below(40) as usize;
            let mut data: Vec<u8> = (0..n).map(|_| rng.below(256) as u8).collect();
            if cm == 0x37 && data.len() >= 2 && rng.chance(0.7) {
                let l = data.len() - 2;
                data[0] = (l >> 8) as u8;
                data[1] = l as u8;
                if l >= 2 {
                    data[2] = [0x00, 0x80][i % 2];
                    data[3] = [0xA4, 0xB2, 0xA8, 0xC0, 0xCA, 0xAE][i % 6];
                }
            }
            let req = Frame::new(cm, pm, data);
            let resp = sim.execute(&req).encode();
            let _ = crate::device::crt310::describe_frame(
                &req.encode(),
                crate::trace::Direction::Tx,
                None,
            );
            let _ = crate::device::crt310::describe_frame(
                &resp,
                crate::trace::Direction::Rx,
                Some((cm, pm)),
            );
            if i % 50 == 0 {
                sim.execute(&Frame::new(0x30, 0x31, vec![]));
            }
        }
    }
}
