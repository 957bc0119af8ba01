//! The chip part of a simulated sale: the terminal's contacts with the scenario's cards on
//! them (each card's chip is the simulated card of `sim::crt310`, with the bench's TEST keys:
//! certificates under the test CA, cryptograms under the test issuer master key), and the seam
//! to the terminal's EMV kernel. The kernel is the bench's own EMV contact flow
//! (`device::emv::pos_kernel`, issue 12): it sits a layer above the simulators, so whoever
//! starts a [`PosSim`](super::PosSim) hands it in as a [`Kernel`]. DE55, the TVR and the TSI are
//! what that flow computed, with the CUPS transaction sequence counter (`9F41`) added.

use super::scenario::PosCard;
use crate::codec::tlv::{encode as encode_tlv, parse as parse_tlv, prim};
use crate::crypto::capk::{CaKeyStore, TEST_CA_INDEX};
use crate::sim::crt310::Crt310Sim;
use crate::sim::scenario::{AppSpec, CardSpec, Defect, Scenario, ScenarioMeta};
use crate::sim::SimOptions;

/// `RID/index` → (RID bytes, index).
pub fn parse_ca_key(s: &str) -> Option<(Vec<u8>, u8)> {
    let (rid, idx) = s.split_once('/')?;
    let rid = crate::hexfmt::parse_hex(rid).ok()?;
    let idx = u8::from_str_radix(idx.trim(), 16).ok()?;
    (rid.len() == 5).then_some((rid, idx))
}

/// What the terminal gives its EMV kernel for one chip sale.
#[derive(Clone, Debug)]
pub struct KernelInput<'a> {
    /// The CA public keys the terminal holds (downloaded or kept from earlier downloads).
    pub ca_keys: &'a CaKeyStore,
    /// The terminal's AID list (downloaded IC parameters).
    pub aids: &'a [Vec<u8>],
    /// The application version the kernel sends as `9F09` (2 bytes).
    pub kernel_version: Vec<u8>,
    /// Amount authorised (`9F02`), minor units.
    pub amount_minor: u64,
}

/// What the kernel found on the card: DE55 of the authorisation (empty when the flow did
/// not reach GENERATE AC), and for the terminal's log the TVR, TSI (hex) and the ODA result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChipRead {
    pub de55: Vec<u8>,
    pub tvr: Option<String>,
    pub tsi: Option<String>,
    /// PAN sequence number (`5F34`), for DE23.
    pub pan_seq: Option<u8>,
    /// How offline data authentication ended, in words of both languages (`DDA ok` / `DDA
    /// 通过`), said by the EMV kernel that ran the flow (`device::emv::oda_text`): the simulator
    /// sits below the device layer and only shows it.
    pub oda: crate::i18n::Text,
    /// How the flow ended (`ok`, `no_application`, …).
    pub outcome: String,
    /// After an ARQC: the flow waiting for the host's answer ([`Contacts::complete`]).
    pub pending: PendingOnline,
    /// What the card made of the host's answer, once completed.
    pub online: Option<ChipOnline>,
}

/// What the card made of the host's answer (the kernel's online completion, EMV Book 3
/// §10.9): whether it accepted the issuer's ARPC, and its final cryptogram.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChipOnline {
    /// `Some(true)` the card accepted the ARPC, `Some(false)` it did not, `None` not performed.
    pub issuer_auth: Option<bool>,
    /// CID of GENERATE AC 2 (`40` TC, `00` AAC); `None` when not sent or no cryptogram.
    pub cid2: Option<String>,
    /// TVR and TSI at the end (hex).
    pub tvr: String,
    pub tsi: String,
}

/// The kernel's flow waiting for the host with the card still inserted: called once with the
/// reply's DE39 (`None`: no usable reply), its DE55 and the card.
pub type Resume =
    Box<dyn FnOnce(Option<&str>, &[u8], &mut dyn FnMut(&[u8]) -> Vec<u8>) -> ChipOnline + Send>;

/// A pending online completion ([`Resume`]), taken once by [`Contacts::complete`]. It is not
/// part of what the kernel read: clones share it and every two compare equal.
#[derive(Clone, Default)]
pub struct PendingOnline(Option<std::sync::Arc<std::sync::Mutex<Option<Resume>>>>);

impl PendingOnline {
    pub fn new(resume: Resume) -> PendingOnline {
        PendingOnline(Some(std::sync::Arc::new(std::sync::Mutex::new(Some(
            resume,
        )))))
    }

    fn take(&self) -> Option<Resume> {
        self.0.as_ref()?.lock().ok()?.take()
    }
}

impl std::fmt::Debug for PendingOnline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "PendingOnline(waiting)"
        } else {
            "PendingOnline(none)"
        })
    }
}

impl PartialEq for PendingOnline {
    fn eq(&self, _: &PendingOnline) -> bool {
        true
    }
}

impl Eq for PendingOnline {}

/// The terminal's EMV kernel: runs the contact flow for `input` over `card` (one C-APDU in,
/// the R-APDU with SW1 SW2 out) and returns what it found.
pub type Kernel = fn(&KernelInput<'_>, &mut dyn FnMut(&[u8]) -> Vec<u8>) -> ChipRead;

/// The simulated chip of a POS card: one UnionPay application (the card's `aid` and `aip`, by
/// default `7C00`: SDA, DDA, cardholder verification, terminal risk management; `7D00` adds
/// CDA), certified under the test CA
/// key; a card whose `ca_key` names another index than the test key's names index F2, which
/// no terminal holds. PAN sequence number 01.
pub fn card_spec(card: &PosCard) -> CardSpec {
    let index = parse_ca_key(&card.ca_key).map(|(_, i)| i);
    let mut defects = Vec::new();
    if index.is_some_and(|i| i != TEST_CA_INDEX) {
        defects.push(Defect::UnknownCaIndex);
    }
    CardSpec {
        label: card.label.clone(),
        label_zh: None,
        pan: card.pan.clone(),
        name: "TEST/CARD".into(),
        expiry: card.expiry.clone(),
        service_code: card.service_code.clone(),
        discretionary: "0000123456".into(),
        tracks: vec![1, 2],
        defects,
        pse: true,
        atr: None,
        pan_sequence: 1,
        apps: vec![AppSpec {
            aid: card.aid.clone(),
            label: "UnionPay".into(),
            priority: 1,
            aip: card.aip.clone(),
            pdol: None,
            records: Vec::new(),
        }],
        // The POS operator types the card's PIN as an online PIN; the chip asks for none.
        pin: None,
    }
}

/// The terminal's contacts with the scenario's cards: each card keeps its ATC from sale to
/// sale.
pub struct Contacts {
    cards: Crt310Sim,
    /// The card last inserted (its chip keeps the transaction until the next insertion).
    inserted: usize,
}

impl Contacts {
    pub fn new(cards: &[PosCard]) -> Contacts {
        let sc = Scenario {
            scenario: ScenarioMeta {
                name: "pos-cards".into(),
                description: String::new(),
                seed: 0,

                host_rules: None,
            },
            device: Default::default(),
            cards: cards.iter().map(card_spec).collect(),
        };
        Contacts {
            cards: Crt310Sim::new(sc, SimOptions::default()),
            inserted: 0,
        }
    }

    /// Runs `kernel` with card `i` inserted.
    pub fn read(&mut self, i: usize, kernel: Kernel, input: &KernelInput<'_>) -> ChipRead {
        self.cards.card_reset();
        self.inserted = i;
        let cards = &mut self.cards;
        kernel(input, &mut |c: &[u8]| cards.card_apdu(i, c))
    }

    /// Hands the host's answer (DE39, DE55) to the card still inserted since `read`, when the
    /// kernel's flow waits for it; `chip.online` gets what the card made of it.
    pub fn complete(&mut self, chip: &mut ChipRead, rc: Option<&str>, de55: &[u8]) {
        let Some(resume) = chip.pending.take() else {
            return;
        };
        let (cards, i) = (&mut self.cards, self.inserted);
        chip.online = Some(resume(rc, de55, &mut |c: &[u8]| cards.card_apdu(i, c)));
    }
}

impl super::PosSim<'_> {
    /// The host's reply to a chip sale goes to the card (ARPC, scripts, GENERATE AC 2). The
    /// reversal reason when the card declines (AAC) a sale the host approved: `06`, as a CUPS
    /// terminal does (notes §1.7).
    pub(super) fn complete_chip(
        &mut self,
        res: &mut super::PosCardResult,
        reply: &crate::codec::iso8583::Message,
        approved: bool,
    ) -> Option<&'static str> {
        let chip = res.chip.as_mut()?;
        let de55 = reply.get(55).map(|v| v.as_bytes().to_vec());
        self.contacts
            .complete(chip, reply.text(39), &de55.unwrap_or_default());
        let cid2 = chip.online.as_ref()?.cid2.as_deref();
        crate::codec::iso8583::chip_reversal_reason(approved, cid2)
    }
}

/// DE55 as the terminal sends it: the kernel's, with the transaction sequence counter `9F41`
/// (the STAN) added and a scenario card's configured TVR or TSI put in place of the computed
/// one (a scenario may make them longer than 127 bytes: `codec::tlv` keeps their length).
pub fn de55(kernel_de55: &[u8], card: &PosCard, stan: u32) -> Vec<u8> {
    let mut items = parse_tlv(kernel_de55).unwrap_or_default();
    let hexb = |s: &str| crate::hexfmt::parse_hex(s).unwrap_or_default();
    for (tag, over) in [(0x95, &card.tvr), (0x9B, &card.tsi)] {
        let Some(v) = over else { continue };
        match items.iter_mut().find(|t| t.tag == tag) {
            Some(t) => *t = prim(tag, hexb(v)),
            None => items.push(prim(tag, hexb(v))),
        }
    }
    items.retain(|t| t.tag != 0x9F41);
    items.push(prim(
        0x9F41,
        crate::hexfmt::parse_hex(&format!("{stan:08}")).unwrap_or_default(),
    ));
    encode_tlv(&items)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    pub(crate) fn card(tvr: Option<String>) -> PosCard {
        PosCard {
            label: "long TVR".into(),
            pan: "6212260000000000026".into(),
            expiry: "2812".into(),
            service_code: "201".into(),
            entry: "chip".into(),
            amount_minor: None,
            tvr,
            tsi: None,
            pin: None,
            aid: "A000000333010101".into(),
            ca_key: "A000000333/F1".into(),
            aip: "7C00".into(),
        }
    }

    #[test]
    fn de55_values_past_127_bytes_keep_their_length() {
        let kernel = encode_tlv(&[prim(0x9F26, [1u8; 8]), prim(0x95, [0u8; 5])]);
        let de55 = de55(&kernel, &card(Some("AB".repeat(200))), 7);
        let items = crate::codec::tlv::parse(&de55).unwrap();
        let tvr = crate::codec::tlv::find(&items, 0x95).unwrap();
        assert_eq!(tvr.value, vec![0xAB; 200]);
        assert_eq!(
            crate::codec::tlv::find(&items, 0x9F41).unwrap().value,
            [0, 0, 0, 7]
        );
        assert_eq!(encode_tlv(&items), de55);
    }

    #[test]
    fn a_card_under_another_ca_key_names_an_unknown_index() {
        let mut c = card(None);
        assert!(card_spec(&c).defects.is_empty());
        c.ca_key = "A000000333/F3".into();
        assert_eq!(card_spec(&c).defects, vec![Defect::UnknownCaIndex]);
    }

    #[test]
    fn the_contacts_answer_a_select_of_the_card_application() {
        let mut contacts = Contacts::new(&[card(None)]);
        contacts.cards.card_reset();
        let select = crate::codec::emv::commands::select(&[0xA0, 0, 0, 0x03, 0x33, 1, 1, 1]);
        let r = contacts.cards.card_apdu(0, &select);
        assert_eq!(&r[r.len() - 2..], &[0x90, 0x00]);
        assert_eq!(contacts.cards.card_apdu(1, &select), vec![0x67, 0x00]);
        assert_eq!(contacts.cards.card_apdu(0, &[0x00]), vec![0x67, 0x00]);
    }
}
