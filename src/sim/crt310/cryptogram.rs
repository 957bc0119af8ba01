//! The simulated card's GENERATE AC and EXTERNAL AUTHENTICATE (EMV 4.3 Book 3 §6.5.4–6.5.5,
//! Book 2 §8.1–8.2): the application cryptogram over the CDOL1 (then CDOL2) data, the AIP, the
//! ATC and the card verification results, under a session key derived from the bench's TEST
//! issuer master key (`host::keys`, the same key the host simulator verifies with) —
//! `crypto::ac`, the UnionPay CVN 01 layout — and the issuer's ARPC checked against the ARQC.

use crate::codec::emv::{parse_dol, split_dol};
use crate::codec::tlv;
use crate::crypto::ac;
use crate::crypto::key::Key;
use crate::host::keys::KeyStore;
use crate::sim::scenario::{AppSpec, CardSpec, Defect};

/// Issuer Application Data (`9F10`) of the simulated cards: length 07, derivation key index
/// 01, cryptogram version 01, card verification results `03 cc 00 00` (cc: b6–b5 the
/// cryptogram type of GENERATE AC 1, PBOC), then 01.
fn iad(cid: u8) -> Vec<u8> {
    let cvr2 = match cid & 0xC0 {
        0x80 => 0xA0,
        0x40 => 0x90,
        _ => 0x80,
    };
    vec![0x07, 0x01, 0x01, 0x03, cvr2, 0x00, 0x00, 0x01]
}

/// The issuer master key the card's keys derive from: the issuer's, or for `arqc_wrong_key`
/// another one (every byte flipped), so the host's check fails.
pub(super) fn imk_of(card: &CardSpec, imk: &Key) -> Option<Key> {
    if !card.has(Defect::ArqcWrongKey) {
        return Key::new(imk.kind(), imk.expose_secret()).ok();
    }
    let flipped: Vec<u8> = imk.expose_secret().iter().map(|b| !b).collect();
    Key::new(imk.kind(), &flipped).ok()
}

/// The card's CDOL1 (`8C`) or CDOL2 (`8D`) from its record templates.
fn dol_of(app: &AppSpec, card: &CardSpec, tag: u32) -> Option<Vec<u8>> {
    app.record_templates(card).iter().find_map(|r| {
        tlv::walk(r)
            .map_while(Result::ok)
            .find(|o| o.tag.0 == tag)
            .map(|o| o.value.to_vec())
    })
}

/// A DOL's values by tag, in DOL order.
type DolValues = Vec<(u32, Vec<u8>)>;

/// The card's side of one transaction between GENERATE AC 1 and the end of its online
/// completion: the ARQC and the data it covered, and what EXTERNAL AUTHENTICATE found. A new
/// power-on or selection starts afresh.
#[derive(Clone, Debug, Default)]
pub(super) struct Transaction {
    arqc: Option<([u8; 8], DolValues)>,
    /// `Some(true)` the issuer's ARPC checked out, `Some(false)` it did not.
    pub issuer_auth: Option<bool>,
    /// GENERATE AC 2 answered.
    done: bool,
    /// The PDOL data of GET PROCESSING OPTIONS and the CDOL1 data of GENERATE AC 1, which a
    /// CDA signature hashes (Book 2 §6.6.1).
    pub pdol_data: Vec<u8>,
    cdol1_data: Vec<u8>,
}

impl Transaction {
    /// Whether the next GENERATE AC is the second one (an ARQC was given, GENERATE AC 2 not
    /// yet answered).
    pub(super) fn awaits_second_ac(&self) -> bool {
        self.arqc.is_some() && !self.done
    }
}

/// The card's AC session key for `atc`: the ICC master key derived from the issuer master key
/// of the card's BIN (another one for `arqc_wrong_key`); `None` without an issuer key.
fn session_key(card: &CardSpec, atc: [u8; 2]) -> Option<Key> {
    KeyStore::builtin()
        .issuer(&card.pan)
        .and_then(|k| imk_of(card, &k.imk_ac))
        .and_then(|imk| ac::derive_icc_mk(&imk, &card.pan, card.pan_sequence).ok())
        .and_then(|mk| ac::session_key(&mk, atc).ok())
}

/// A DOL's values from the command data.
fn dol_values(dol: Option<Vec<u8>>, data: &[u8]) -> Option<DolValues> {
    let dol = parse_dol(&dol?).ok()?;
    split_dol(&dol, data).ok()
}

/// GENERATE AC (Book 3 §6.5.5) for P1's cryptogram type. The first in a transaction fills
/// the CDOL1; after an ARQC the second fills the CDOL2 (`8D`: the ARC `8A`, the TVR…) and
/// answers a TC only when asked for one and the issuer authentication did not fail (checked
/// here from `91` when the CDOL2 carries it and EXTERNAL AUTHENTICATE did not come), else an
/// AAC. `None` when the data does not match the DOL (the card answers `67 00`). Without an
/// issuer key for the card the cryptogram is all zeros (the host's check then fails visibly).
pub(super) fn generate(
    card: &CardSpec,
    app: &AppSpec,
    p1: u8,
    atc: u16,
    data: &[u8],
    tx: &mut Transaction,
) -> Option<Vec<u8>> {
    let atc = atc.to_be_bytes();
    let sk = session_key(card, atc);
    let (cid, mut values) = match tx.arqc.clone().filter(|_| !tx.done) {
        None => {
            let cid = match p1 & 0xC0 {
                0x00 => 0x00,
                0x40 => 0x40,
                _ => 0x80,
            };
            (cid, dol_values(dol_of(app, card, 0x8C), data)?)
        }
        Some((arqc, mut base)) => {
            let second = dol_values(dol_of(app, card, 0x8D), data)?;
            if tx.issuer_auth.is_none() {
                if let Some((_, iad)) = second.iter().find(|(t, _)| *t == 0x91) {
                    tx.issuer_auth = Some(arpc_matches(sk.as_ref(), &arqc, iad));
                }
            }
            base.retain(|(t, _)| !second.iter().any(|(s, _)| s == t));
            base.extend(second);
            tx.done = true;
            let tc = p1 & 0xC0 == 0x40 && tx.issuer_auth != Some(false);
            (if tc { 0x40 } else { 0x00 }, base)
        }
    };
    let iad = iad(cid);
    values.retain(|(t, _)| !matches!(*t, 0x82 | 0x9F36 | 0x9F10));
    let cdol = values.clone();
    values.push((0x82, super::oda::aip(card, app)));
    values.push((0x9F36, atc.to_vec()));
    values.push((0x9F10, iad.clone()));
    let get = |t: u32| {
        values
            .iter()
            .find(|(tag, _)| *tag == t)
            .map(|(_, v)| v.as_slice())
    };
    let cryptogram = sk
        .as_ref()
        .and_then(|sk| ac::application_cryptogram(sk, &ac::arqc_data(get)).ok())
        .unwrap_or([0; 8]);
    let first = !tx.done;
    if cid == 0x80 {
        *tx = Transaction {
            arqc: Some((cryptogram, cdol)),
            pdol_data: std::mem::take(&mut tx.pdol_data),
            cdol1_data: data.to_vec(),
            ..Transaction::default()
        };
    }
    let cda = p1 & 0x10 != 0 && cid != 0x00 && super::oda::does_cda(card, app);
    if !cda {
        let mut inner = Vec::new();
        tlv::push(&mut inner, 0x9F27, &[cid]);
        tlv::push(&mut inner, 0x9F36, &atc);
        tlv::push(&mut inner, 0x9F26, &cryptogram);
        tlv::push(&mut inner, 0x9F10, &iad);
        let mut out = Vec::new();
        tlv::push(&mut out, 0x77, &inner);
        return Some(out);
    }
    let dols: Vec<&[u8]> = if first {
        vec![data]
    } else {
        vec![&tx.cdol1_data, data]
    };
    // Format 2 with the cryptogram inside the signature (Book 2 §6.6.1); the transaction
    // data hash covers every object returned but 9F4B.
    let mut plain = Vec::new();
    tlv::push(&mut plain, 0x9F27, &[cid]);
    tlv::push(&mut plain, 0x9F36, &atc);
    let mut after = Vec::new();
    tlv::push(&mut after, 0x9F10, &iad);
    let hashed = [plain.as_slice(), after.as_slice()].concat();
    let tdhc = crate::crypto::cda::transaction_hash(&tx.pdol_data, &dols, &hashed);
    let un = get(0x9F37).unwrap_or(&[]);
    let sdad = super::oda::cda_signature(card, atc, cid, cryptogram, tdhc, un)?;
    tlv::push(&mut plain, 0x9F4B, &sdad);
    plain.extend_from_slice(&after);
    let mut out = Vec::new();
    tlv::push(&mut out, 0x77, &plain);
    Some(out)
}

/// Whether `iad` (`91`: ARPC ‖ ARC) is the ARPC (method 1) for `arqc` under the card's key.
fn arpc_matches(sk: Option<&Key>, arqc: &[u8; 8], iad: &[u8]) -> bool {
    let (Some(sk), Some(arpc), Some(arc)) = (sk, iad.get(..8), iad.get(8..10)) else {
        return false;
    };
    let arc = [arc[0], arc[1]];
    ac::arpc_method1(sk, arqc, arc).is_ok_and(|want| want[..] == *arpc)
}

/// EXTERNAL AUTHENTICATE (Book 3 §6.5.4) with the issuer authentication data: `90 00` when
/// the ARPC checks out against the transaction's ARQC, `63 00` when it does not, `69 85`
/// without an ARQC to check it against (or when it already came).
pub(super) fn external_authenticate(
    card: &CardSpec,
    atc: u16,
    data: &[u8],
    tx: &mut Transaction,
) -> [u8; 2] {
    let Some((arqc, _)) = tx
        .arqc
        .as_ref()
        .filter(|_| !tx.done && tx.issuer_auth.is_none())
    else {
        return [0x69, 0x85];
    };
    let ok = arpc_matches(session_key(card, atc.to_be_bytes()).as_ref(), arqc, data);
    tx.issuer_auth = Some(ok);
    if ok {
        [0x90, 0x00]
    } else {
        [0x63, 0x00]
    }
}
