//! `cardbench sim pos`: a simulated CUPS POS terminal. It reads the cards of its deck and sends
//! the host messages a POS sends (0800 sign-on, 0200 purchase, 0400 reversal) over a
//! pseudo-terminal or TCP, with its own defects: wrong framing, STAN reuse, no reversal after
//! a timeout, an outdated software version in the CUPS header.

use crate::codec::iso8583::framing::{self, CupsHeader, Framing};
use crate::codec::iso8583::{decode, encode, Message, Packing};
use crate::codec::tlv::{encode as encode_tlv, prim};
use crate::host::wire::{FrameReader, Incoming};
use crate::load::LoadError;
use crate::sensitive::Pan;
use serde::Deserialize;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The POS's behaviour (the `[pos]` table).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PosSpec {
    pub name: String,
    pub terminal_id: String,
    pub merchant_id: String,
    /// CUPS header software version `MM/SSSSSS` (main n2 / sub n6).
    pub software_version: String,
    /// CUPS header application type: `60` magstripe POS app, `61` IC POS app.
    pub app_type: String,
    /// `cups` is right; `len2` / `ascii4` is the wrong-framing defect.
    pub framing: String,
    pub stan_start: u32,
    /// Defect: every message carries the same STAN.
    pub stan_reuse: bool,
    /// `false` is the defect: no 0400 after a timeout.
    pub reverse_on_timeout: bool,
    pub timeout_ms: u64,
    pub amount_minor: u64,
    /// Wait before the first message (time for the bench to open the port).
    pub start_delay_ms: u64,
    pub batch: String,
}

impl Default for PosSpec {
    fn default() -> Self {
        PosSpec {
            name: "pos".into(),
            terminal_id: "10000019".into(),
            merchant_id: "850100082410002".into(),
            software_version: "31/311003".into(),
            app_type: "61".into(),
            framing: "cups".into(),
            stan_start: 1,
            stan_reuse: false,
            reverse_on_timeout: true,
            timeout_ms: 3000,
            amount_minor: 100,
            start_delay_ms: 0,
            batch: "000001".into(),
        }
    }
}

/// One deck card as the POS reads it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PosCard {
    #[serde(default)]
    pub label: String,
    pub pan: String,
    #[serde(default = "default_expiry")]
    pub expiry: String,
    #[serde(default = "default_service")]
    pub service_code: String,
    /// `swipe`, `chip` or `fallback`.
    #[serde(default = "default_entry")]
    pub entry: String,
    #[serde(default)]
    pub amount_minor: Option<u64>,
    /// TVR (tag 95, 10 hex digits) and TSI (9B, 4 hex digits) the chip step ended with.
    #[serde(default)]
    pub tvr: Option<String>,
    #[serde(default)]
    pub tsi: Option<String>,
}

fn default_expiry() -> String {
    "2812".into()
}
fn default_service() -> String {
    "201".into()
}
fn default_entry() -> String {
    "swipe".into()
}

/// A POS scenario file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PosScenario {
    #[serde(default)]
    pub pos: PosSpec,
    #[serde(default, rename = "card")]
    pub cards: Vec<PosCard>,
}

/// The built-in scenario.
pub const POS_DEFAULT: &str = include_str!("../../fixtures/iso8583/pos-default.toml");

impl PosScenario {
    pub fn parse(text: &str) -> Result<PosScenario, String> {
        let s: PosScenario = toml::from_str(text).map_err(|e| e.to_string())?;
        s.check()?;
        Ok(s)
    }

    fn check(&self) -> Result<(), String> {
        if Framing::parse(&self.pos.framing).is_none() {
            return Err(format!(
                "pos.framing {:?}: cups, len2 or ascii4",
                self.pos.framing
            ));
        }
        parse_version(&self.pos.software_version).ok_or_else(|| {
            format!(
                "pos.software_version {:?}: expected MM/SSSSSS digits",
                self.pos.software_version
            )
        })?;
        for c in &self.cards {
            if !matches!(c.entry.as_str(), "swipe" | "chip" | "fallback") {
                return Err(format!(
                    "card {:?}: entry must be swipe, chip or fallback",
                    c.label
                ));
            }
            if c.pan.is_empty() || !c.pan.bytes().all(|b| b.is_ascii_digit()) || c.pan.len() > 19 {
                return Err(format!("card {:?}: pan must be up to 19 digits", c.label));
            }
        }
        Ok(())
    }

    /// A POS scenario file, or a device scenario (docs/scenarios.md) whose deck is used with
    /// the default POS behaviour.
    pub fn load(path: &Path) -> Result<PosScenario, LoadError> {
        let text = crate::load::read_text(path)?;
        match PosScenario::parse(&text) {
            Ok(s) => Ok(s),
            Err(pos_err) => {
                match crate::sim::scenario::Scenario::parse(&text, &path.display().to_string()) {
                    Ok(sc) => Ok(PosScenario {
                        pos: PosSpec::default(),
                        cards: sc
                            .cards
                            .iter()
                            .map(|c| PosCard {
                                label: c.label.clone(),
                                pan: c.pan.clone(),
                                expiry: c.expiry.clone(),
                                service_code: c.service_code.clone(),
                                entry: if c.apps.is_empty() { "swipe" } else { "chip" }.into(),
                                amount_minor: None,
                                tvr: None,
                                tsi: None,
                            })
                            .collect(),
                    }),
                    Err(_) => Err(LoadError::new(path.display().to_string(), pos_err)),
                }
            }
        }
    }

    pub fn builtin() -> PosScenario {
        PosScenario::parse(POS_DEFAULT).unwrap_or_default()
    }
}

fn parse_version(v: &str) -> Option<[u8; 4]> {
    let (main, sub) = v.split_once('/')?;
    if main.len() != 2
        || sub.len() != 6
        || !(main.to_string() + sub).bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let b = |s: &str| u8::from_str_radix(s, 16).ok();
    Some([b(main)?, b(&sub[0..2])?, b(&sub[2..4])?, b(&sub[4..6])?])
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
}

fn hexb(s: &str) -> Vec<u8> {
    crate::hexfmt::parse_hex(s).unwrap_or_default()
}

/// DE55 as a UnionPay chip POS sends it (synthetic cryptogram), BER-TLV encoded by
/// `codec::tlv` (a scenario's TVR or TSI may be longer than 127 bytes).
fn icc_data(card: &PosCard, amount: u64, stan: u32) -> Vec<u8> {
    let date = chrono::Local::now().format("%y%m%d").to_string();
    encode_tlv(&[
        prim(0x9F26, [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]),
        prim(0x9F27, [0x80]),
        prim(0x9F10, hexb("07010103A00000010A010000000000ED538FE4")),
        prim(0x9F37, [0x7F, 0x9F, 0x34, 0x9E]),
        prim(0x9F36, [0x00, 0x01]),
        prim(0x95, hexb(card.tvr.as_deref().unwrap_or("0000000000"))),
        prim(0x9B, hexb(card.tsi.as_deref().unwrap_or("E800"))),
        prim(0x9A, hexb(&date)),
        prim(0x9C, [0x00]),
        prim(0x9F02, hexb(&format!("{amount:012}"))),
        prim(0x5F2A, [0x01, 0x56]),
        prim(0x82, [0x7C, 0x00]),
        prim(0x9F1A, [0x01, 0x56]),
        prim(0x9F33, [0xE0, 0xE1, 0xC8]),
        prim(0x84, hexb("A000000333010101")),
        prim(0x9F41, hexb(&format!("{stan:08}"))),
    ])
}

/// Plays the POS over a connected byte stream (a pty master or a TCP socket whose read
/// timeout is short). `log` receives one masked line per event.
pub struct PosSim<'a> {
    pub sc: &'a PosScenario,
    framing: Framing,
    header: CupsHeader,
    stan: u32,
    first: bool,
}

impl<'a> PosSim<'a> {
    pub fn new(sc: &'a PosScenario) -> PosSim<'a> {
        let framing = Framing::parse(&sc.pos.framing).unwrap_or(Framing::Cups);
        let v = parse_version(&sc.pos.software_version).unwrap_or([0x31, 0x31, 0x10, 0x03]);
        let app = u8::from_str_radix(&sc.pos.app_type, 16).unwrap_or(0x61);
        PosSim {
            sc,
            framing,
            header: CupsHeader {
                tpdu: [0x60, 0x00, 0x06, 0x00, 0x00],
                header: [app, v[0], 0x00, v[1], v[2], v[3]],
            },
            stan: sc.pos.stan_start.max(1),
            first: true,
        }
    }

    fn next_stan(&mut self) -> u32 {
        if self.first || !self.sc.pos.stan_reuse {
            if !self.first {
                self.stan = self.stan % 999_999 + 1;
            }
            self.first = false;
        }
        self.stan
    }

    fn send<S: Write>(&self, s: &mut S, m: &Message) -> std::io::Result<()> {
        let body = encode(m, Packing::Cups).map_err(|e| std::io::Error::other(e.to_string()))?;
        s.write_all(&framing::wrap(self.framing, Some(&self.header), &body))?;
        s.flush()
    }

    fn wait<S: Read>(
        &self,
        s: &mut S,
        reader: &mut FrameReader,
        mti: &str,
        stop: &AtomicBool,
    ) -> std::io::Result<Option<Message>> {
        let deadline = Instant::now() + Duration::from_millis(self.sc.pos.timeout_ms);
        loop {
            match reader.next(s, deadline, &|| stop.load(Ordering::Relaxed))? {
                Incoming::Frame { frame, .. } => {
                    if let Ok(d) = decode(&frame.body, Packing::Cups) {
                        if d.message.mti == mti {
                            return Ok(Some(d.message));
                        }
                    }
                }
                Incoming::BadPrefix { .. } => {}
                Incoming::Timeout { .. } | Incoming::Closed { .. } => return Ok(None),
            }
        }
    }

    /// Signs on, then runs every deck card once.
    pub fn play<S: Read + Write>(
        &mut self,
        s: &mut S,
        stop: &AtomicBool,
        log: &mut dyn FnMut(String),
    ) -> std::io::Result<Vec<PosCardResult>> {
        if self.sc.pos.start_delay_ms > 0 {
            std::thread::sleep(Duration::from_millis(self.sc.pos.start_delay_ms));
        }
        let mut reader = FrameReader::new(self.framing);
        self.sign_on(s, &mut reader, stop, log)?;
        let mut out = Vec::new();
        for card in &self.sc.cards {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let res = self.purchase(s, &mut reader, stop, card)?;
            log(card_line(&res, card));
            out.push(res);
        }
        Ok(out)
    }

    /// 0800 sign-on and its 0810.
    fn sign_on<S: Read + Write>(
        &mut self,
        s: &mut S,
        reader: &mut FrameReader,
        stop: &AtomicBool,
        log: &mut dyn FnMut(String),
    ) -> std::io::Result<()> {
        let p = &self.sc.pos;
        let stan = self.next_stan();
        let signon = Message::new("0800")
            .with(11, format!("{stan:06}"))
            .with(41, p.terminal_id.clone())
            .with(42, p.merchant_id.clone())
            .with(60, format!("00{}003", p.batch));
        self.send(s, &signon)?;
        let r = self.wait(s, reader, "0810", stop)?;
        log(format!(
            "sign-on STAN {stan:06}: {}",
            r.as_ref()
                .and_then(|m| m.text(39).map(|rc| format!("RC {rc}")))
                .unwrap_or_else(|| "no answer".into())
        ));
        Ok(())
    }

    /// One 0200 purchase, and the 0400 reversal when it times out (unless the scenario has the
    /// no-reversal defect).
    fn purchase<S: Read + Write>(
        &mut self,
        s: &mut S,
        reader: &mut FrameReader,
        stop: &AtomicBool,
        card: &PosCard,
    ) -> std::io::Result<PosCardResult> {
        let stan = self.next_stan();
        let amount = card.amount_minor.unwrap_or(self.sc.pos.amount_minor);
        let m = purchase_message(&self.sc.pos, card, amount, stan);
        self.send(s, &m)?;
        let reply = self.wait(s, reader, "0210", stop)?;
        let mut res = PosCardResult {
            label: card.label.clone(),
            pan: Pan::new(card.pan.clone()),
            stan: format!("{stan:06}"),
            rc: reply.as_ref().and_then(|r| r.text(39).map(str::to_string)),
            timed_out: reply.is_none(),
            reversal_sent: false,
            reversal_answered: false,
        };
        if res.timed_out && self.sc.pos.reverse_on_timeout {
            let mut rev = Message::new("0400");
            for n in [2u8, 3, 4, 11, 14, 22, 23, 25, 35, 41, 42, 49, 55, 60] {
                if let Some(v) = m.get(n) {
                    rev.fields.insert(n, v.clone());
                }
            }
            rev.set(39, "98");
            self.send(s, &rev)?;
            res.reversal_sent = true;
            res.reversal_answered = self.wait(s, reader, "0410", stop)?.is_some();
        }
        Ok(res)
    }
}

/// The 0200 purchase request for one card (CUPS field layout, protocols.md §6).
fn purchase_message(p: &PosSpec, card: &PosCard, amount: u64, stan: u32) -> Message {
    let mut m = Message::new("0200");
    m.set(2, card.pan.clone());
    m.set(3, "000000");
    m.set(4, format!("{amount:012}"));
    m.set(11, format!("{stan:06}"));
    m.set(14, card.expiry.clone());
    let (de22, ic5) = match card.entry.as_str() {
        "chip" => ("051", "0"),
        "fallback" => ("801", "2"),
        _ => ("021", "0"),
    };
    m.set(22, de22);
    if card.entry == "chip" {
        m.set(23, "001");
    }
    m.set(25, "00");
    m.set(26, "12");
    let t2 = format!(
        "{}D{}{}1234567890",
        card.pan, card.expiry, card.service_code
    );
    if t2.len() <= 37 {
        m.set(35, t2);
    }
    m.set(41, p.terminal_id.clone());
    m.set(42, p.merchant_id.clone());
    m.set(49, "156");
    if card.entry == "chip" {
        m.set_bytes(55, icc_data(card, amount, stan));
    }
    m.set(60, format!("22{}0006{ic5}", p.batch));
    m.set_bytes(64, vec![0; 8]);
    m
}

/// The log line for one card (PAN masked).
fn card_line(res: &PosCardResult, card: &PosCard) -> String {
    let reversal = if res.reversal_sent {
        format!(
            ", reversal sent{}",
            if res.reversal_answered {
                " and answered"
            } else {
                ", not answered"
            }
        )
    } else if res.timed_out {
        ", no reversal".to_string()
    } else {
        String::new()
    };
    format!(
        "card {:?} {} {} STAN {}: {}{reversal}",
        res.label,
        res.pan,
        card.entry,
        res.stan,
        res.rc
            .as_deref()
            .map(|rc| format!("RC {rc}"))
            .unwrap_or_else(|| "timeout".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de55_values_past_127_bytes_keep_their_length() {
        let card = PosCard {
            label: "long TVR".into(),
            pan: "6212260000000000026".into(),
            expiry: "2812".into(),
            service_code: "201".into(),
            entry: "chip".into(),
            amount_minor: None,
            tvr: Some("AB".repeat(200)),
            tsi: None,
        };
        let de55 = icc_data(&card, 100, 7);
        let items = crate::codec::tlv::parse(&de55).unwrap();
        let tvr = crate::codec::tlv::find(&items, 0x95).unwrap();
        assert_eq!(tvr.value, vec![0xAB; 200]);
        assert_eq!(
            crate::codec::tlv::find(&items, 0x9F41).unwrap().value,
            [0, 0, 0, 7]
        );
        assert_eq!(encode_tlv(&items), de55);
    }
}
