//! Known-answer test from a public transcript: the emvpt test card (mrautio/emvpt, zlib
//! licence; fixtures/emv/emvpt-transcript.txt) replayed through the bench's EMV flow. Its DDA
//! verifies with emvpt's published test CA key (in the built-in CA key store), and GENERATE AC 1
//! carries the transcript's TVR except "expired application", which emvpt never checks; the
//! online completion — EXTERNAL AUTHENTICATE with its issuer authentication data and GENERATE
//! AC 2 with its ARC `Y3` — sends the transcript's bytes.

use cardbench::device::emv::oda::{OdaMethod, OdaOutcome};
use cardbench::device::emv::{EmvFlow, EmvOutcome, TerminalData};
use cardbench::hexfmt::{hex, parse_hex};

const TRANSCRIPT: &str = include_str!("../../fixtures/emv/emvpt-transcript.txt");

/// The card's side: answers a command with the next transcript entry that matches it (the
/// same command may come twice, e.g. READ RECORD 2 SFI 1 of the PSE and of the application).
/// A command sent with Le where the transcript has none (T=0 case 4 sent as case 3) matches;
/// GENERATE AC matches whatever TVR it carries (the test checks the TVR itself).
struct Replay {
    pairs: Vec<(Vec<u8>, Vec<u8>)>,
    next: usize,
    genac: Option<Vec<u8>>,
}

impl Replay {
    fn new() -> Replay {
        let mut pairs = Vec::new();
        let mut req = None;
        for l in TRANSCRIPT.lines() {
            if let Some(r) = l.strip_prefix("> ") {
                req = Some(parse_hex(r).unwrap());
            } else if let Some(r) = l.strip_prefix("< ") {
                pairs.push((req.take().unwrap(), parse_hex(r).unwrap()));
            }
        }
        Replay {
            pairs,
            next: 0,
            genac: None,
        }
    }

    fn answer(&mut self, c: &[u8]) -> Vec<u8> {
        // The TVR follows the amounts (CDOL1) or the ARC and the amounts (CDOL2, GENERATE AC
        // 2 asking for a TC).
        let tvr_masked = |a: &[u8]| {
            let mut a = a.to_vec();
            let at = if a.get(2) == Some(&0x40) { 21 } else { 19 };
            if a.len() > at + 5 && a[..2] == [0x80, 0xAE] {
                a[at..at + 5].fill(0);
            }
            a
        };
        let same = |t: &[u8]| {
            tvr_masked(t) == tvr_masked(c) || (c.len() == t.len() + 1 && c.starts_with(t))
        };
        match (self.next..self.pairs.len()).find(|&i| same(&self.pairs[i].0)) {
            Some(i) => {
                self.next = i + 1;
                if c[..2] == [0x80, 0xAE] {
                    self.genac = Some(c.to_vec());
                }
                self.pairs[i].1.clone()
            }
            None => vec![0x6A, 0x82],
        }
    }
}

/// emvpt's terminal: amount 0.01, country 0246, currency 0978, date 2020-07-24, type 21, UN
/// 01234567, application version 0096; SDA and DDA; signature and no CVM (the bench sends no
/// PIN to a card it does not know the PIN of).
fn emvpt_terminal() -> TerminalData {
    TerminalData::empty()
        .with(0x9F02, parse_hex("000000000001").unwrap())
        .with(0x9F03, vec![0; 6])
        .with(0x9F1A, vec![0x02, 0x46])
        .with(0x5F2A, vec![0x09, 0x78])
        .with(0x9A, vec![0x20, 0x07, 0x24])
        .with(0x9C, vec![0x21])
        .with(0x9F37, vec![0x01, 0x23, 0x45, 0x67])
        .with(0x9F09, vec![0x00, 0x96])
        .with(0x9F33, vec![0xE0, 0x28, 0xC0])
}

#[test]
fn emvpt_transcript_verifies_dda_and_gives_its_tvr() {
    let mut card = Replay::new();
    let mut flow = EmvFlow::new(emvpt_terminal(), EmvFlow::default_aids());
    let mut sent = Vec::new();
    while let Some(c) = flow.next_command() {
        sent.push(cardbench::device::emv::describe_capdu(&c));
        let r = card.answer(&c);
        flow.on_response(&r);
    }
    let r = flow.result(None);
    assert_eq!(r.outcome, EmvOutcome::Ok, "{:?}", r.steps);
    assert_eq!(r.aid.as_deref(), Some("AFFFFFFFFF1234"));
    assert_eq!(r.oda, OdaOutcome::Passed(OdaMethod::Dda), "{sent:?}");
    assert!(sent.contains(&"INTERNAL AUTHENTICATE".to_string()));
    // emvpt's TVR is 00 00 00 00 00; the bench also flags 5F24 181130 < 9A 200724.
    let genac = card
        .genac
        .expect("GENERATE AC 1 was sent and matched the transcript");
    assert_eq!(hex(&genac[19..24]), "0040000000");
    assert_eq!(r.tvr.as_deref(), Some("0040000000"));
    assert_eq!(r.cid.as_deref(), Some("80"));
    assert_eq!(r.atc.as_deref(), Some("00F3"));
    // ODA, CVM, card and terminal risk management performed.
    assert_eq!(r.tsi.as_deref(), Some("E800"));
    assert_eq!(r.cvm_results.as_deref(), Some("1E0300"));
}

#[test]
fn without_the_emvpt_ca_key_dda_fails_on_the_key_store() {
    let mut card = Replay::new();
    let store =
        cardbench::crypto::capk::CaKeyStore::builtin().without_rid(&[0xAF, 0xFF, 0xFF, 0xFF, 0xFF]);
    let mut flow = EmvFlow::new(emvpt_terminal(), EmvFlow::default_aids()).with_ca_keys(store);
    while let Some(c) = flow.next_command() {
        let r = card.answer(&c);
        flow.on_response(&r);
    }
    let r = flow.result(None);
    assert_eq!(
        r.oda.to_string(),
        "DDA failed: no CA public key AFFFFFFFFF/92 in the terminal"
    );
    assert_eq!(r.tvr.as_deref(), Some("0840000000"), "DDA failed + expired");
}

/// The online completion of the transcript: emvpt's host answer (ARC `Y3`, tag 91 =
/// `1234567812345678`) gives EXTERNAL AUTHENTICATE and GENERATE AC 2 byte for byte (TVR aside,
/// as above), and the card's TC.
#[test]
fn emvpt_transcript_external_authenticate_and_second_generate_ac() {
    let mut card = Replay::new();
    let mut flow = EmvFlow::new(emvpt_terminal(), EmvFlow::default_aids());
    while let Some(c) = flow.next_command() {
        let r = card.answer(&c);
        flow.on_response(&r);
    }
    assert!(flow.awaits_online());
    let answer = cardbench::device::emv::HostAnswer {
        rc: Some("Y3".into()),
        de55: parse_hex("91 08 1234567812345678").unwrap(),
    };
    flow.complete_online(&answer, false);
    let mut sent = Vec::new();
    while let Some(c) = flow.next_command() {
        sent.push(hex(&c));
        let r = card.answer(&c);
        assert_ne!(r, [0x6A, 0x82], "not in the transcript: {}", hex(&c));
        flow.on_response(&r);
    }
    assert_eq!(sent[0], "00820000081234567812345678");
    let genac2 = card.genac.expect("GENERATE AC 2 matched the transcript");
    assert_eq!(hex(&genac2[..7]), "80AE40001F5933");
    let r = flow.result(None);
    let o = r.online.expect("online completion");
    assert_eq!(o.issuer_auth, Some(true));
    assert_eq!(o.cid2.as_deref(), Some("40"), "TC");
    assert_eq!(o.arc, "Y3");
    // Issuer authentication performed on top of GENERATE AC 1's TSI.
    assert_eq!(o.tsi, "F800");
}
