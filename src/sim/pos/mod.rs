//! `cardbench sim pos` and `pos8583:sim`: a simulated UnionPay POS terminal. It holds a master
//! key, signs on and checks the working keys' check values, obeys the host's processing
//! requirement (public-key and IC-parameter downloads) and keeps what it downloads, MACs every
//! financial message and checks the MAC of every reply (reversing with `A0` when it is wrong),
//! encrypts the PIN typed on its keypad, runs the bench's EMV flow on the chip of an inserted
//! card and sends the DE55 it computed (`icc`), reverses on timeout (`98`)
//! and after a receipt it could not print (`96`), and settles with a batch upload. Its fault
//! knobs are in the scenario (`scenario`, docs/scenarios.md). It plays on its own (`play`) or
//! as the bench's operator asks (`serve`, for a checklist run).
//!
//! Submodules: `scenario` (the file), `terminal` (state and messages, no I/O), `icc` (the
//! cards' chips and the EMV kernel seam).

pub mod icc;
mod lines;
pub mod scenario;
pub mod terminal;

pub use icc::{ChipOnline, ChipRead, Kernel, KernelInput, PendingOnline, Resume};
pub use scenario::{PosCard, PosScenario, PosSpec, POS_DEFAULT};
pub use terminal::{PosTerminal, Read};

use crate::codec::iso8583::framing::{self, CupsHeader};
use crate::codec::iso8583::{decode, Message, Packing};
use crate::host::wire::{FrameReader, Incoming};
use crate::i18n::Lang;
use crate::sensitive::Pan;
use std::io::{Read as IoRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};
use terminal::Sale;

/// What the terminal's screen showed after an operator action — what a technician would tell
/// the bench when nothing arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Signed on (keys accepted).
    SignedOn,
    /// The host's answer: `00` approved, or a decline code.
    Answer(String),
    /// No answer in time (reversed unless the terminal has the no-reversal fault).
    NoAnswer,
    /// The card could not be read (worn head): nothing was sent.
    ReadError,
    /// Key error: the working keys failed their check values, or there are none: nothing sent.
    KeyError,
    /// The reply's MAC was wrong: the terminal reversed it.
    MacError,
    /// Approved, but the receipt could not be printed: the terminal reversed it.
    PrinterError,
    /// Settlement: balanced or not.
    Settled { balanced: bool },
}

/// What the bench's operator asks the simulated terminal to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PosAction {
    SignOn,
    /// A sale of 0.01 (or the card's amount) with card `card` of the scenario, swiped or
    /// inserted.
    Sale {
        card: usize,
        insert: bool,
    },
    Settle,
}

/// What happened to one card.
#[derive(Clone, Debug)]
pub struct PosCardResult {
    pub label: String,
    pub pan: Pan,
    pub stan: String,
    pub rc: Option<String>,
    pub timed_out: bool,
    pub reversal_sent: bool,
    pub reversal_answered: bool,
    /// DE39 of the reversal sent.
    pub reversal_reason: Option<String>,
    pub shown: Option<Shown>,
    /// What the EMV kernel found on the chip (inserted cards only).
    pub chip: Option<ChipRead>,
}

/// A reply as the terminal received it.
struct Reply {
    message: Message,
    header: Option<CupsHeader>,
    body: Vec<u8>,
}

/// Plays the POS over a connected byte stream (a pty master or a TCP socket whose read
/// timeout is short). `log` receives one masked line per event.
pub struct PosSim<'a> {
    pub sc: &'a PosScenario,
    pub term: PosTerminal,
    reader: FrameReader,
    contacts: icc::Contacts,
    kernel: Kernel,
}

impl<'a> PosSim<'a> {
    /// The terminal of `sc`, its chip reader running `kernel` (the bench's EMV flow,
    /// `device::emv::pos_kernel`).
    pub fn new(sc: &'a PosScenario, kernel: Kernel) -> PosSim<'a> {
        let term = PosTerminal::new(&sc.pos);
        let reader = FrameReader::new(term.framing);
        let contacts = icc::Contacts::new(&sc.cards);
        let mut sim = PosSim {
            sc,
            term,
            reader,
            contacts,
            kernel,
        };
        sim.preload();
        sim
    }

    /// What the terminal kept from earlier downloads: the built-in parameters' CA keys and
    /// AIDs, less the one the missing-public-key fault drops.
    fn preload(&mut self) {
        let p = crate::host::params::Params::builtin();
        for k in &p.ca_keys {
            self.keep_ca_key(k);
        }
        self.term.aids = p.aids.iter().map(|a| a.aid.clone()).collect();
    }

    /// Stores a CA key (not the one the missing-key fault drops, nor one already held).
    fn keep_ca_key(&mut self, k: &crate::host::params::CaKey) {
        let dropped = icc::parse_ca_key(&self.sc.pos.drop_ca_key);
        let held = self.term.ca_keys.get(&k.rid, k.index).is_some();
        if !held && dropped != Some((k.rid.to_vec(), k.index)) {
            self.term.ca_keys.keys.push(k.to_store_key());
        }
    }

    fn send<S: Write>(&self, s: &mut S, m: &Message, mac: bool) -> std::io::Result<()> {
        let body = self
            .term
            .body(m, mac)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        s.write_all(&framing::wrap(
            self.term.framing,
            Some(&self.term.header),
            &body,
        ))?;
        s.flush()
    }

    fn wait<S: IoRead>(
        &mut self,
        s: &mut S,
        mti: &str,
        stop: &AtomicBool,
    ) -> std::io::Result<Option<Reply>> {
        let deadline = Instant::now() + Duration::from_millis(self.sc.pos.timeout_ms);
        loop {
            match self
                .reader
                .next(s, deadline, &|| stop.load(Ordering::Relaxed))?
            {
                Incoming::Frame { frame, .. } => {
                    if let Ok(d) = decode(&frame.body, Packing::Cups) {
                        if d.message.mti == mti {
                            return Ok(Some(Reply {
                                message: d.message,
                                header: frame.header,
                                body: frame.body,
                            }));
                        }
                    }
                }
                Incoming::BadPrefix { .. } => {}
                Incoming::Timeout { .. } | Incoming::Closed { .. } => return Ok(None),
            }
        }
    }

    /// Sends `m` and waits for its response.
    fn exchange<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        m: &Message,
        mac: bool,
        stop: &AtomicBool,
    ) -> std::io::Result<Option<Reply>> {
        self.send(s, m, mac)?;
        let want = Message::response_mti(&m.mti).unwrap_or_default();
        self.wait(s, &want, stop)
    }

    /// Signs on then runs every card once (as the card's `entry` says), settling at the end
    /// when the scenario asks; `log` gets the lines in English ([`PosSim::play_in`]).
    pub fn play<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        stop: &AtomicBool,
        log: &mut dyn FnMut(String),
    ) -> std::io::Result<Vec<PosCardResult>> {
        self.play_in(Lang::En, s, stop, log)
    }

    /// [`PosSim::play`] with the lines in `lang`.
    pub fn play_in<S: IoRead + Write>(
        &mut self,
        lang: Lang,
        s: &mut S,
        stop: &AtomicBool,
        log: &mut dyn FnMut(String),
    ) -> std::io::Result<Vec<PosCardResult>> {
        if self.sc.pos.start_delay_ms > 0 {
            std::thread::sleep(Duration::from_millis(self.sc.pos.start_delay_ms));
        }
        let shown = self.sign_on(s, stop)?;
        log(lines::sign_on(&shown, lang));
        let mut out = Vec::new();
        for i in 0..self.sc.cards.len() {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let read = match self.sc.cards[i].entry.as_str() {
                "chip" => Read::Chip,
                "fallback" => Read::Fallback,
                _ => Read::Swipe,
            };
            let res = self.sale(s, i, read, stop)?;
            log(lines::card(&res, &self.sc.cards[i], lang));
            out.push(res);
        }
        if self.sc.pos.settle && !stop.load(Ordering::Relaxed) {
            let shown = self.settle(s, stop)?;
            log(lines::settlement(&shown, lang));
        }
        Ok(out)
    }

    /// Plays what the bench's operator asks, one action at a time, telling what the screen
    /// showed, until the actions end or `stop` is set.
    pub fn serve<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        actions: &Receiver<PosAction>,
        shown: &Sender<Shown>,
        stop: &AtomicBool,
    ) -> std::io::Result<()> {
        while !stop.load(Ordering::Relaxed) {
            let a = match actions.recv_timeout(Duration::from_millis(50)) {
                Ok(a) => a,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
                Err(_) => return Ok(()),
            };
            let what = match a {
                PosAction::SignOn => self.sign_on(s, stop)?,
                PosAction::Sale { card, insert } => {
                    let read = if insert { Read::Chip } else { Read::Swipe };
                    let r = self.sale(s, card, read, stop)?;
                    r.shown.unwrap_or(Shown::NoAnswer)
                }
                PosAction::Settle => self.settle(s, stop)?,
            };
            if shown.send(what).is_err() {
                return Ok(());
            }
        }
        Ok(())
    }

    /// 0800 sign-on; the keys are checked against their check values (a key error is retried
    /// once, as terminals do), then the downloads the reply asks for.
    pub fn sign_on<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        stop: &AtomicBool,
    ) -> std::io::Result<Shown> {
        for _ in 0..2 {
            let m = self.term.sign_on();
            let Some(r) = self.exchange(s, &m, false, stop)? else {
                return Ok(Shown::NoAnswer);
            };
            let rc = r.message.text(39).unwrap_or("").to_string();
            if rc != "00" {
                return Ok(Shown::Answer(rc));
            }
            if self.term.accept_sign_on(&r.message).is_ok() {
                self.obey(s, r.header.as_ref(), stop)?;
                return Ok(Shown::SignedOn);
            }
            self.term.keys = None;
        }
        Ok(Shown::KeyError)
    }

    /// Runs the downloads a reply's processing requirement asks for (4 keys, 5 parameters),
    /// and the ones the end of each download asks for next.
    fn obey<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        header: Option<&CupsHeader>,
        stop: &AtomicBool,
    ) -> std::io::Result<()> {
        let mut req = header.map(|h| h.processing_requirement()).unwrap_or(0);
        let mut rounds = 0;
        while matches!(req, 4 | 5) && !self.sc.pos.ignore_downloads && rounds < 4 {
            rounds += 1;
            req = self.download(s, req == 4, stop)?;
        }
        Ok(())
    }

    /// One download (keys or IC parameters): query pages, one message per entry, end.
    /// Returns the processing requirement of the end's reply.
    fn download<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        keys: bool,
        stop: &AtomicBool,
    ) -> std::io::Result<u8> {
        let mut have = 0usize;
        let mut entries: Vec<Vec<u8>> = Vec::new();
        loop {
            let q = self.term.download_query(keys, have);
            let Some(r) = self.exchange(s, &q, false, stop)? else {
                return Ok(0);
            };
            let de62 = r
                .message
                .get(62)
                .map(|v| v.as_bytes().to_vec())
                .unwrap_or_default();
            let list =
                crate::codec::tlv::parse(de62.get(1..).unwrap_or_default()).unwrap_or_default();
            for t in &list {
                if t.tag == 0x9F06 {
                    entries.push(Vec::new());
                }
                if let (Some(e), true) = (entries.last_mut(), t.tag == 0x9F06 || t.tag == 0x9F22) {
                    e.extend(crate::codec::tlv::encode(std::slice::from_ref(t)));
                }
            }
            have = entries.len();
            if de62.first() != Some(&b'2') {
                break;
            }
        }
        for e in entries {
            let m = self.term.download_entry(keys, &e);
            let Some(r) = self.exchange(s, &m, false, stop)? else {
                return Ok(0);
            };
            self.store(keys, &r.message);
        }
        let end = self.term.download_end(keys);
        Ok(self
            .exchange(s, &end, false, stop)?
            .and_then(|r| r.header.map(|h| h.processing_requirement()))
            .unwrap_or(0))
    }

    /// Keeps a downloaded entry (not the CA key the missing-key fault drops).
    fn store(&mut self, keys: bool, reply: &Message) {
        let de62 = reply
            .get(62)
            .map(|v| v.as_bytes().to_vec())
            .unwrap_or_default();
        if de62.first() != Some(&b'1') {
            return;
        }
        let list = crate::codec::tlv::parse(&de62[1..]).unwrap_or_default();
        if keys {
            if let Some(k) = crate::host::params::CaKey::from_tlv(&list) {
                self.keep_ca_key(&k);
            }
            return;
        }
        let id = crate::codec::tlv::find(&list, 0x9F06).map(|t| t.value.clone());
        let Some(id) = id else { return };
        if !self.term.aids.contains(&id) {
            self.term.aids.push(id);
        }
    }

    /// One sale with card `i` read as `read`: the 0200, and the reversal the outcome calls
    /// for (98 no answer, A0 bad reply MAC, 96 receipt not printed).
    pub fn sale<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        i: usize,
        read: Read,
        stop: &AtomicBool,
    ) -> std::io::Result<PosCardResult> {
        let card = self.sc.cards.get(i).cloned().unwrap_or_else(|| {
            self.sc.cards.first().cloned().unwrap_or_else(|| PosCard {
                label: String::new(),
                pan: String::new(),
                expiry: String::new(),
                service_code: String::new(),
                entry: String::new(),
                amount_minor: None,
                tvr: None,
                tsi: None,
                pin: None,
                aid: String::new(),
                ca_key: String::new(),
                aip: String::new(),
            })
        });
        let mut res = PosCardResult {
            label: card.label.clone(),
            pan: Pan::new(card.pan.clone()),
            stan: String::new(),
            rc: None,
            timed_out: false,
            reversal_sent: false,
            reversal_answered: false,
            reversal_reason: None,
            shown: None,
            chip: None,
        };
        let read = match read {
            Read::Chip if self.sc.pos.dead_chip_reader => Read::Fallback,
            r => r,
        };
        if self.sc.pos.worn_head && read != Read::Chip {
            res.shown = Some(Shown::ReadError);
            return Ok(res);
        }
        if self.term.keys.is_none() && self.sc.pos.master_key_erased {
            res.shown = Some(Shown::KeyError);
            return Ok(res);
        }
        let amount = card.amount_minor.unwrap_or(self.sc.pos.amount_minor);
        let mut m = self.term.purchase(&card, read, amount, None);
        let stan: u32 = m.text(11).and_then(|t| t.parse().ok()).unwrap_or(0);
        if read == Read::Chip {
            let chip = self.read_chip(i, amount);
            if !chip.de55.is_empty() {
                m.set_bytes(55, icc::de55(&chip.de55, &card, stan));
            }
            if let Some(psn) = chip.pan_seq {
                m.set(23, format!("{psn:03}"));
            }
            res.chip = Some(chip);
        }
        res.stan = format!("{stan:06}");
        let reply = self.exchange(s, &m, true, stop)?;
        self.conclude(s, &m, &card, amount, reply, &mut res, stop)?;
        Ok(res)
    }

    /// The EMV kernel's flow on card `i`'s chip with the terminal's CA keys, AID list and
    /// kernel version.
    fn read_chip(&mut self, i: usize, amount: u64) -> ChipRead {
        let version = crate::hexfmt::parse_hex(&self.term.spec.kernel_version).unwrap_or_default();
        let input = KernelInput {
            ca_keys: &self.term.ca_keys,
            aids: &self.term.aids,
            kernel_version: version,
            amount_minor: amount,
        };
        self.contacts.read(i, self.kernel, &input)
    }

    /// What the terminal does with the answer to a sale.
    #[allow(clippy::too_many_arguments)]
    fn conclude<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        m: &Message,
        card: &PosCard,
        amount: u64,
        reply: Option<Reply>,
        res: &mut PosCardResult,
        stop: &AtomicBool,
    ) -> std::io::Result<()> {
        let Some(reply) = reply else {
            res.timed_out = true;
            res.shown = Some(Shown::NoAnswer);
            if self.sc.pos.reverse_on_timeout {
                self.reverse(s, m, "98", res, stop)?;
            }
            return Ok(());
        };
        let rc = reply.message.text(39).unwrap_or("").to_string();
        res.rc = Some(rc.clone());
        if !self.term.reply_mac_ok(&reply.body) {
            res.shown = Some(Shown::MacError);
            return self.reverse(s, m, "A0", res, stop);
        }
        let approved = matches!(rc.as_str(), "00" | "10" | "11");
        self.term.journal.push(Sale {
            stan: res.stan.clone(),
            amount_minor: amount,
            pan: card.pan.clone(),
            approved,
            reversed: false,
        });
        res.shown = Some(Shown::Answer(rc));
        if let Some(reason) = self.complete_chip(res, &reply.message, approved) {
            if let Some(last) = self.term.journal.last_mut() {
                last.reversed = true;
            }
            return self.reverse(s, m, reason, res, stop);
        }
        if approved && self.sc.pos.printer_fault {
            res.shown = Some(Shown::PrinterError);
            if let Some(last) = self.term.journal.last_mut() {
                last.reversed = true;
            }
            return self.reverse(s, m, "96", res, stop);
        }
        self.obey(s, reply.header.as_ref(), stop)
    }

    fn reverse<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        original: &Message,
        reason: &str,
        res: &mut PosCardResult,
        stop: &AtomicBool,
    ) -> std::io::Result<()> {
        let rev = self.term.reversal(original, reason);
        res.reversal_sent = true;
        res.reversal_reason = Some(reason.to_string());
        res.reversal_answered = self.exchange(s, &rev, true, stop)?.is_some();
        Ok(())
    }

    /// 0500 settlement; when the host reports the totals unbalanced (or always, for IC
    /// terminals), the batch upload; then a new batch.
    pub fn settle<S: IoRead + Write>(
        &mut self,
        s: &mut S,
        stop: &AtomicBool,
    ) -> std::io::Result<Shown> {
        let m = self.term.settlement();
        let Some(r) = self.exchange(s, &m, false, stop)? else {
            return Ok(Shown::NoAnswer);
        };
        let de48 = r
            .message
            .get(48)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .unwrap_or_default();
        let balanced = r.message.text(39) == Some("00") && de48.get(30..31) != Some("2");
        for up in self.term.batch_upload() {
            if self.exchange(s, &up, false, stop)?.is_none() {
                break;
            }
        }
        self.term.close_batch();
        Ok(Shown::Settled { balanced })
    }
}
