//! The simulated card's GENERATE AC (EMV 4.3 Book 3 §6.5.5, Book 2 §8.1): the application
//! cryptogram over the CDOL1 data, the AIP, the ATC and the card verification results, under
//! a session key derived from the bench's TEST issuer master key (`host::keys`, the same key
//! the host simulator verifies with) — `crypto::ac`, the UnionPay CVN 01 layout.

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

/// The card's CDOL1 (`8C`) from its record templates.
fn cdol1(app: &AppSpec, card: &CardSpec) -> Option<Vec<u8>> {
    app.record_templates(card).iter().find_map(|r| {
        tlv::walk(r)
            .map_while(Result::ok)
            .find(|o| o.tag.0 == 0x8C)
            .map(|o| o.value.to_vec())
    })
}

/// The cryptogram for `cid` over the terminal's CDOL1 `data`; `None` when the data does not
/// match the CDOL1 (the card answers `67 00`). Without an issuer key for the card the
/// cryptogram is all zeros (no real card would, so the host's check fails visibly).
pub(super) fn generate(
    card: &CardSpec,
    app: &AppSpec,
    cid: u8,
    atc: u16,
    data: &[u8],
) -> Option<Vec<u8>> {
    let dol = parse_dol(&cdol1(app, card)?).ok()?;
    let mut values = split_dol(&dol, data).ok()?;
    let atc = atc.to_be_bytes();
    let iad = iad(cid);
    values.push((0x82, super::oda::aip(card, app)));
    values.push((0x9F36, atc.to_vec()));
    values.push((0x9F10, iad.clone()));
    let get = |t: u32| {
        values
            .iter()
            .find(|(tag, _)| *tag == t)
            .map(|(_, v)| v.as_slice())
    };
    let keys = KeyStore::builtin();
    let cryptogram = keys
        .issuer(&card.pan)
        .and_then(|k| imk_of(card, &k.imk_ac))
        .and_then(|imk| ac::derive_icc_mk(&imk, &card.pan, card.pan_sequence).ok())
        .and_then(|mk| ac::session_key(&mk, atc).ok())
        .and_then(|sk| ac::application_cryptogram(&sk, &ac::arqc_data(get)).ok())
        .unwrap_or([0; 8]);
    let mut inner = Vec::new();
    tlv::push(&mut inner, 0x9F27, &[cid]);
    tlv::push(&mut inner, 0x9F36, &atc);
    tlv::push(&mut inner, 0x9F26, &cryptogram);
    tlv::push(&mut inner, 0x9F10, &iad);
    let mut out = Vec::new();
    tlv::push(&mut out, 0x77, &inner);
    Some(out)
}
