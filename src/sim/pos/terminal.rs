//! The simulated terminal's state and the messages it builds, without I/O: its master key and
//! the working keys of its last sign-on, STAN and batch, what it stored from the downloads,
//! its journal for settlement, and every request as a CUPS POS application builds it.

use super::scenario::{parse_version, PosCard, PosSpec};
use crate::codec::iso8583::framing::{CupsHeader, Framing};
use crate::codec::iso8583::{decode, encode, EncodeError, Message, Packing};
use crate::crypto::capk::CaKeyStore;
use crate::crypto::pin::encrypt_iso0;
use crate::crypto::{Key, KeyKind, MacAlgorithm, Pin};
use crate::host::acquirer::seal::{check_with, encode_with_mac};
use crate::host::acquirer::signon::{unpack, SignOnError, WorkingKeys};
use crate::host::acquirer::SignOnLayout;
use crate::host::keys::{KeyStore, TEST_MASTER_KEY};

/// One sale the terminal journaled.
#[derive(Clone, Debug)]
pub struct Sale {
    pub stan: String,
    pub amount_minor: u64,
    /// Clear PAN, for the batch-upload records (never printed).
    pub pan: String,
    pub approved: bool,
    pub reversed: bool,
}

/// How the card was read for one sale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    Swipe,
    Chip,
    /// The chip failed: the stripe was read instead (DE22 80x, 60.5 = 2).
    Fallback,
}

/// A CUPS POS terminal's state.
#[derive(Debug)]
pub struct PosTerminal {
    pub spec: PosSpec,
    pub framing: Framing,
    pub header: CupsHeader,
    tmk: Key,
    sm4_tmk: Option<Key>,
    pub keys: Option<WorkingKeys>,
    pub mac: MacAlgorithm,
    stan: u32,
    first: bool,
    pub batch: String,
    /// CA public keys stored from the downloads (the EMV kernel's store).
    pub ca_keys: CaKeyStore,
    /// AIDs stored from the downloads.
    pub aids: Vec<Vec<u8>>,
    pub journal: Vec<Sale>,
}

impl PosTerminal {
    pub fn new(spec: &PosSpec) -> PosTerminal {
        let v = parse_version(&spec.software_version).unwrap_or([0x31, 0x31, 0x10, 0x03]);
        let app = u8::from_str_radix(&spec.app_type, 16).unwrap_or(0x61);
        let hex = if spec.master_key.is_empty() {
            TEST_MASTER_KEY
        } else {
            spec.master_key.as_str()
        };
        let mut tmk = Key::from_hex(KeyKind::Tdes2, hex).unwrap_or_else(|_| {
            Key::new(KeyKind::Tdes2, &[0; 16]).unwrap_or_else(|_| unreachable!())
        });
        let mut sm4_tmk = KeyStore::builtin()
            .terminal(&spec.terminal_id)
            .sm4_tmk
            .clone();
        if spec.master_key_erased {
            // A tamper erase zeroes the key store.
            tmk = Key::new(KeyKind::Tdes2, &[0; 16]).unwrap_or(tmk);
            sm4_tmk = Key::new(KeyKind::Sm4, &[0; 16]).ok();
        }
        PosTerminal {
            spec: spec.clone(),
            framing: Framing::parse(&spec.framing).unwrap_or(Framing::Cups),
            header: CupsHeader {
                tpdu: [0x60, 0x00, 0x06, 0x00, 0x00],
                header: [app, v[0], 0x00, v[1], v[2], v[3]],
            },
            tmk,
            sm4_tmk,
            keys: None,
            mac: spec.mac_algorithm(),
            stan: spec.stan_start.max(1),
            first: true,
            batch: spec.batch.clone(),
            ca_keys: CaKeyStore {
                origin: "downloads".into(),
                keys: Vec::new(),
            },
            aids: Vec::new(),
            journal: Vec::new(),
        }
    }

    /// The next STAN (the same one every time with the STAN-reuse defect).
    pub fn next_stan(&mut self) -> String {
        if self.first || !self.spec.stan_reuse {
            if !self.first {
                self.stan = self.stan % 999_999 + 1;
            }
            self.first = false;
        }
        format!("{:06}", self.stan)
    }

    fn base(&mut self, mti: &str, f60: String) -> Message {
        let stan = self.next_stan();
        Message::new(mti)
            .with(11, stan)
            .with(41, self.spec.terminal_id.clone())
            .with(42, self.spec.merchant_id.clone())
            .with(60, f60)
    }

    /// 0800 sign-on with the scenario's layout.
    pub fn sign_on(&mut self) -> Message {
        let f60 = format!("00{}{}", self.batch, self.spec.layout().code());
        self.base("0800", f60).with(63, "001")
    }

    /// Takes the keys of an 0810 (decrypting them under the master key and checking their
    /// check values) and the batch number of its 60.2.
    pub fn accept_sign_on(&mut self, reply: &Message) -> Result<(), SignOnError> {
        let layout = self.spec.layout();
        let tmk = match layout {
            SignOnLayout::Sm4 => self.sm4_tmk.as_ref().unwrap_or(&self.tmk),
            _ => &self.tmk,
        };
        let de62 = reply
            .get(62)
            .map(|v| v.as_bytes().to_vec())
            .unwrap_or_default();
        let keys = unpack(layout, &de62, tmk)?;
        self.keys = Some(keys);
        if let Some(b) = crate::host::acquirer::kind::batch_of(reply) {
            if b.len() == 6 {
                self.batch = b;
            }
        }
        Ok(())
    }

    /// The body of `m`: MACed with the working MAC key when `mac` is asked and the terminal has
    /// signed on.
    pub fn body(&self, m: &Message, mac: bool) -> Result<Vec<u8>, EncodeError> {
        if mac {
            encode_with_mac(
                m,
                Packing::Cups,
                self.mac,
                self.keys.as_ref().map(|k| &k.mak),
            )
        } else {
            encode(m, Packing::Cups)
        }
    }

    /// Whether a reply's DE64 is right under the working MAC key (true when it has none).
    pub fn reply_mac_ok(&self, body: &[u8]) -> bool {
        let Ok(d) = decode(body, Packing::Cups) else {
            return false;
        };
        match (&self.keys, d.message.get(64)) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(k), Some(_)) => check_with(self.mac, &k.mak, body, &d),
        }
    }

    /// The PIN block of what the cardholder types (other digits with a dead keypad).
    fn pin_block(&self, pin: &str, pan: &str) -> Option<Vec<u8>> {
        let keys = self.keys.as_ref()?;
        if keys.pik.kind() == KeyKind::Sm4 {
            // The SM4 PIN-block layout is not confirmed (docs/pos.md): no PIN under 006.
            return None;
        }
        let typed: String = if self.spec.dead_keypad {
            pin.chars()
                .map(|c| {
                    // Each key reads as the next digit; the loader allows digits only, and a
                    // char that is not one is kept (no arithmetic on an unchecked value).
                    c.to_digit(10)
                        .and_then(|d| char::from_digit((d + 1) % 10, 10))
                        .unwrap_or(c)
                })
                .collect()
        } else {
            pin.to_string()
        };
        let p = Pin::new(&typed).ok()?;
        encrypt_iso0(&keys.pik, &p, pan).ok()
    }

    /// The 0200 purchase for `card` read as `read`, with the PIN typed and the chip's DE55.
    pub fn purchase(
        &mut self,
        card: &PosCard,
        read: Read,
        amount: u64,
        de55: Option<Vec<u8>>,
    ) -> Message {
        let (de22, ic5) = match read {
            Read::Chip => ("051", '0'),
            Read::Fallback => ("801", '2'),
            Read::Swipe => ("021", '0'),
        };
        let f60 = format!("22{}0006{ic5}", self.batch);
        let mut m = self.base("0200", f60);
        m.set(2, card.pan.clone());
        m.set(3, "000000");
        m.set(4, format!("{amount:012}"));
        m.set(14, card.expiry.clone());
        m.set(22, de22);
        if read == Read::Chip {
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
        m.set(49, "156");
        if let Some(pin) = &card.pin {
            if let Some(block) = self.pin_block(pin.expose_clear(), &card.pan) {
                m.set_bytes(52, block);
                let single = self
                    .keys
                    .as_ref()
                    .is_some_and(|k| k.pik.kind() == KeyKind::Des);
                m.set(
                    53,
                    if single {
                        "2000000000000000"
                    } else {
                        "2600000000000000"
                    },
                );
            }
        }
        if let Some(d) = de55 {
            m.set_bytes(55, d);
        }
        m
    }

    /// The 0400 reversal of `original` with `reason` in DE39 (98 no reply, 96 could not
    /// complete, A0 reply MAC failed).
    pub fn reversal(&self, original: &Message, reason: &str) -> Message {
        original.reversal_of(reason)
    }

    /// 0820 query (372 keys / 382 AIDs) with the count of entries already received.
    pub fn download_query(&mut self, keys: bool, have: usize) -> Message {
        let code = if keys { "372" } else { "382" };
        let mut m = Message::new("0820")
            .with(41, self.spec.terminal_id.clone())
            .with(42, self.spec.merchant_id.clone())
            .with(60, format!("00{}{code}", self.batch));
        m.set_bytes(62, format!("1{:02}", have.min(99)).into_bytes());
        m
    }

    /// 0800 download of one entry (370 with its 9F06 + 9F22, 380 with its 9F06).
    pub fn download_entry(&mut self, keys: bool, entry: &[u8]) -> Message {
        let code = if keys { "370" } else { "380" };
        let mut m = Message::new("0800")
            .with(41, self.spec.terminal_id.clone())
            .with(42, self.spec.merchant_id.clone())
            .with(60, format!("00{}{code}", self.batch));
        m.set_bytes(62, entry.to_vec());
        m
    }

    /// 0800 end of a download (371 / 381).
    pub fn download_end(&mut self, keys: bool) -> Message {
        let code = if keys { "371" } else { "381" };
        Message::new("0800")
            .with(41, self.spec.terminal_id.clone())
            .with(42, self.spec.merchant_id.clone())
            .with(60, format!("00{}{code}", self.batch))
    }

    /// This batch's approved, unreversed sales (the last one left out with the wrong-totals
    /// defect).
    fn settled(&self) -> Vec<&Sale> {
        let mut s: Vec<&Sale> = self
            .journal
            .iter()
            .filter(|s| s.approved && !s.reversed)
            .collect();
        if self.spec.wrong_totals {
            s.pop();
        }
        s
    }

    /// 0500 settlement with the batch's totals in DE48.
    pub fn settlement(&mut self) -> Message {
        let sales = self.settled();
        let totals = crate::host::acquirer::terminal::Totals {
            debit_amount: sales.iter().map(|s| s.amount_minor).sum(),
            debit_count: sales.len() as u32,
            credit_amount: 0,
            credit_count: 0,
        };
        let de48 = crate::host::acquirer::settle::totals_de48(&totals, '0');
        let f60 = format!("00{}201", self.batch);
        self.base("0500", f60)
            .with(48, de48)
            .with(49, "156")
            .with(63, "001")
    }

    /// 0320 batch-upload detail messages (up to 8 magstripe records each), then the end.
    pub fn batch_upload(&mut self) -> Vec<Message> {
        let records: Vec<String> = self
            .settled()
            .iter()
            .map(|s| format!("00{}{:0>20}{:012}", s.stan, s.pan, s.amount_minor))
            .collect();
        let mut out = Vec::new();
        for chunk in records.chunks(8) {
            let f60 = format!("00{}201", self.batch);
            let de48 = format!("{:02}{}", chunk.len(), chunk.concat());
            out.push(self.base("0320", f60).with(48, de48));
        }
        let f60 = format!("00{}202", self.batch);
        let end = self
            .base("0320", f60)
            .with(48, format!("{:04}", records.len()));
        out.push(end);
        out
    }

    /// After settlement: a new batch.
    pub fn close_batch(&mut self) {
        self.journal.clear();
        let n: u32 = self.batch.parse().unwrap_or(0);
        self.batch = format!("{:06}", n % 999_999 + 1);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn stan_reuse_repeats_and_batch_upload_has_records() {
        let spec = PosSpec {
            stan_reuse: true,
            ..PosSpec::default()
        };
        let mut t = PosTerminal::new(&spec);
        assert_eq!(t.next_stan(), t.next_stan());
        t.journal.push(Sale {
            stan: "000002".into(),
            amount_minor: 1,
            pan: "6222020000000007".into(),
            approved: true,
            reversed: false,
        });
        let up = t.batch_upload();
        assert_eq!(up.len(), 2);
        let rec = up[0].text(48).unwrap();
        assert_eq!(rec.len(), 2 + 40);
        assert!(rec.starts_with("0100000002"));
        assert_eq!(up[1].text(48), Some("0001"));
    }
}
