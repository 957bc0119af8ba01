//! The EMV kernel of the simulated POS terminal (`sim::pos`, issue 11 deliverable 4): the
//! bench's own contact flow ([`EmvFlow`]) run over a card the simulator holds in process,
//! with the terminal's CA keys, AID list and kernel version, so the 0200's DE55 carries the
//! TVR, TSI and ARQC the flow computed — the ARQC the host then verifies — and after the host's
//! reply the flow's online completion checks the ARPC on the card (`ChipRead::pending`).

use super::flow::EmvFlow;
use super::online::HostAnswer;
use super::result::EmvResult;
use crate::codec::emv::TerminalData;
use crate::sim::pos::{ChipOnline, ChipRead, KernelInput, PendingOnline, Resume};

/// Runs `flow` to its end over `card` (C-APDU in, R-APDU with SW1 SW2 out): the
/// [`run_emv_flow`](super::run_emv_flow) loop for a card on the caller's own contacts, with no
/// reader and no power-on. A card that answers nothing (fewer than 2 bytes) ends the flow as
/// mute.
pub fn run_emv_on_card(mut flow: EmvFlow, card: &mut dyn FnMut(&[u8]) -> Vec<u8>) -> EmvResult {
    drive(&mut flow, card);
    flow.result(None)
}

/// Sends the flow's commands to `card` until it has none left.
fn drive(flow: &mut EmvFlow, card: &mut dyn FnMut(&[u8]) -> Vec<u8>) {
    while let Some(c) = flow.next_command() {
        let r = card(&c);
        if r.len() < 2 {
            flow.on_no_answer("no answer from the card");
        } else {
            flow.on_response(&r);
        }
    }
}

/// The rest of the flow once the host answered: its online completion over the card, with
/// issuer scripts (the POS simulator's cards are synthetic test cards).
fn resume(mut flow: EmvFlow) -> Resume {
    Box::new(move |rc, de55, card| {
        let answer = HostAnswer {
            rc: rc.map(str::to_string),
            de55: de55.to_vec(),
        };
        flow.complete_online(&answer, true);
        drive(&mut flow, card);
        let o = flow.result(None).online.unwrap_or_default();
        ChipOnline {
            issuer_auth: o.issuer_auth,
            cid2: o.cid2.filter(|c| !c.is_empty()),
            tvr: o.tvr,
            tsi: o.tsi,
        }
    })
}

/// The terminal data of a POS sale: today's date, a fresh unpredictable number, the amount,
/// and the kernel's application version as `9F09`.
fn terminal_data(input: &KernelInput<'_>) -> TerminalData {
    let mut t = TerminalData::now();
    t.set_amount(input.amount_minor);
    if input.kernel_version.len() == 2 {
        t.set(0x9F09, input.kernel_version.clone());
    }
    t
}

/// The POS simulator's [`Kernel`](crate::sim::pos::Kernel): the EMV contact flow with the
/// terminal's CA keys and AIDs over the inserted card.
pub fn pos_kernel(input: &KernelInput<'_>, card: &mut dyn FnMut(&[u8]) -> Vec<u8>) -> ChipRead {
    let aids = if input.aids.is_empty() {
        EmvFlow::default_aids()
    } else {
        input.aids.to_vec()
    };
    let mut flow = EmvFlow::new(terminal_data(input), aids).with_ca_keys(input.ca_keys.clone());
    drive(&mut flow, card);
    let r = flow.result(None);
    let pending = if flow.awaits_online() {
        PendingOnline::new(resume(flow))
    } else {
        PendingOnline::default()
    };
    ChipRead {
        pending,
        online: None,
        de55: r.de55,
        tvr: r.tvr,
        tsi: r.tsi,
        pan_seq: r.pan_seq,
        oda: super::oda_text::oda_text(&r.oda),
        outcome: r.outcome.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::tlv;
    use crate::crypto::capk::CaKeyStore;
    use crate::host::chip::{answer, ArqcCheck};
    use crate::host::keys::KeyStore;
    use crate::sim::pos::icc::{parse_ca_key, Contacts};
    use crate::sim::pos::{PosCard, PosScenario};

    fn card() -> PosCard {
        PosScenario::resolve("pos-bench").unwrap().cards[0].clone()
    }

    /// The terminal's store as the POS keeps it after the downloads (the built-in parameters).
    fn store() -> CaKeyStore {
        let p = crate::host::params::Params::builtin();
        CaKeyStore {
            origin: "downloads".into(),
            keys: p.ca_keys.iter().map(|k| k.to_store_key()).collect(),
        }
    }

    /// A sale of 0.01 on a kernel of version 0030 with the registry's AIDs.
    fn sale(store: &CaKeyStore) -> KernelInput<'_> {
        KernelInput {
            ca_keys: store,
            aids: &[],
            kernel_version: vec![0x00, 0x30],
            amount_minor: 1,
        }
    }

    fn read(store: &CaKeyStore, version: &str) -> ChipRead {
        let aids = vec![crate::hexfmt::parse_hex("A000000333010101").unwrap()];
        let input = KernelInput {
            ca_keys: store,
            aids: &aids,
            kernel_version: crate::hexfmt::parse_hex(version).unwrap(),
            amount_minor: 1,
        };
        Contacts::new(&[card()]).read(0, pos_kernel, &input)
    }

    /// TVR and TSI follow the terminal: DDA fails without the CA key, and a kernel version
    /// other than the card's application version (0030) sets "different versions".
    #[test]
    fn tvr_follows_the_terminal() {
        let empty = CaKeyStore {
            origin: "none".into(),
            keys: Vec::new(),
        };
        assert_eq!(
            read(&empty, "0030").tvr.as_deref(),
            Some("0800000000"),
            "no CA key stored yet"
        );
        let ok = read(&store(), "0030");
        assert_eq!(
            (ok.tvr.as_deref(), ok.tsi.as_deref()),
            (Some("0000000000"), Some("E800"))
        );
        assert_eq!(ok.oda.get(crate::i18n::Lang::En), "DDA ok");
        assert_eq!(read(&store(), "0020").tvr.as_deref(), Some("0080000000"));
        assert!(parse_ca_key("A000000333/F1").is_some());
    }

    /// The DE55 the kernel computes carries an ARQC the host verifies with the test issuer
    /// key, and the host answers an ARPC in tag 91.
    #[test]
    fn the_arqc_verifies_at_the_host() {
        let r = read(&store(), "0030");
        assert_eq!(r.outcome, "ok");
        let list = tlv::parse(&r.de55).unwrap();
        assert_eq!(tlv::find(&list, 0x9F27).unwrap().value, [0x80]);
        assert_eq!(tlv::find(&list, 0x9F09).unwrap().value, [0x00, 0x30]);
        let psn = r.pan_seq.unwrap();
        let a = answer(&KeyStore::builtin(), &card().pan, psn, &r.de55, "00");
        assert_eq!(a.check, ArqcCheck::Valid);
        let reply = tlv::parse(&a.reply_de55.unwrap()).unwrap();
        assert_eq!(tlv::find(&reply, 0x91).unwrap().value.len(), 10);
        // Another ATC next time: the card counts its transactions.
        let mut contacts = Contacts::new(&[card()]);
        let aids = Vec::new();
        let s = store();
        let input = KernelInput {
            ca_keys: &s,
            aids: &aids,
            kernel_version: vec![0x00, 0x30],
            amount_minor: 1,
        };
        let a1 = contacts.read(0, pos_kernel, &input);
        let a2 = contacts.read(0, pos_kernel, &input);
        let atc = |d: &[u8]| {
            tlv::find(&tlv::parse(d).unwrap(), 0x9F36)
                .unwrap()
                .value
                .clone()
        };
        assert_ne!(atc(&a1.de55), atc(&a2.de55));
    }

    /// The kernel hands the host's reply to the card: its ARPC passes EXTERNAL AUTHENTICATE
    /// and GENERATE AC 2 gives a TC; a tampered ARPC fails it and the card declines (AAC).
    #[test]
    fn the_card_checks_the_hosts_arpc() {
        let mut contacts = Contacts::new(&[card()]);
        let s = store();
        let input = sale(&s);
        for tamper in [false, true] {
            let mut r = contacts.read(0, pos_kernel, &input);
            let a = answer(&KeyStore::builtin(), &card().pan, 1, &r.de55, "00");
            let mut reply = a.reply_de55.unwrap();
            if tamper {
                reply[2] ^= 1;
            }
            contacts.complete(&mut r, Some("00"), &reply);
            let o = r.online.clone().unwrap();
            let want = if tamper {
                (Some(false), Some("00"))
            } else {
                (Some(true), Some("40"))
            };
            assert_eq!((o.issuer_auth, o.cid2.as_deref()), want, "{o:?}");
        }
    }

    /// A CDA card (AIP `7D00`) on the POS kernel: no INTERNAL AUTHENTICATE, GENERATE AC 1 asks
    /// for a CDA signature (P1 `90`), the recovered ARQC verifies at the host, and GENERATE
    /// AC 2 signs the TC (P1 `50`) — the simulated POS works with CDA cards.
    #[test]
    fn a_cda_card_signs_both_cryptograms() {
        use crate::sim::crt310::Crt310Sim;
        use crate::sim::scenario::{Scenario, ScenarioMeta};
        let mut spec = crate::sim::pos::icc::card_spec(&card());
        spec.apps[0].aip = "7D00".into();
        let sc = Scenario {
            scenario: ScenarioMeta {
                name: "cda".into(),
                description: String::new(),
                seed: 0,

                host_rules: None,
            },
            device: Default::default(),
            cards: vec![spec],
        };
        let mut sim = Crt310Sim::new(sc, Default::default());
        let s = store();
        let input = sale(&s);
        let mut sent = Vec::new();
        let mut flow = EmvFlow::new(terminal_data(&input), EmvFlow::default_aids())
            .with_ca_keys(input.ca_keys.clone());
        drive(&mut flow, &mut |c: &[u8]| {
            sent.push(c.to_vec());
            sim.card_apdu(0, c)
        });
        let r = flow.result(None);
        assert_eq!(r.outcome, crate::device::emv::EmvOutcome::Ok);
        assert_eq!(r.oda.to_string(), "CDA ok");
        assert_eq!(r.tvr.as_deref(), Some("0000000000"));
        assert!(
            sent.iter().all(|c| c[..2] != [0x00, 0x88]),
            "no INTERNAL AUTHENTICATE"
        );
        assert!(sent.iter().any(|c| c[..3] == [0x80, 0xAE, 0x90]));
        let a = answer(&KeyStore::builtin(), &card().pan, 1, &r.de55, "00");
        assert_eq!(a.check, ArqcCheck::Valid);
        assert!(flow.awaits_online());
        let o = resume(flow)(Some("00"), &a.reply_de55.unwrap(), &mut |c: &[u8]| {
            sent.push(c.to_vec());
            sim.card_apdu(0, c)
        });
        assert_eq!(
            (o.issuer_auth, o.cid2.as_deref()),
            (Some(true), Some("40")),
            "{o:?}"
        );
        assert!(sent.iter().any(|c| c[..3] == [0x80, 0xAE, 0x50]));
        // The TC's signature checked out too: TVR byte 1 has no "CDA failed" (04).
        assert!(o.tvr.starts_with("00"), "{o:?}");
    }
}
