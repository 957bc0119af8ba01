//! GENERATE AC 1 on the terminal side (EMV 4.3 Book 3 §6.5.5, §9.3): the card's answer in
//! format 1 (`80`: CID, ATC, AC, IAD) or format 2 (`77` template), and DE55 — the chip data of
//! the network step's 0200, in the order a UnionPay chip POS sends it (pos-emv notes §1.7).

use crate::codec::emv::{genac_format1, TerminalData};
use crate::codec::tlv;

/// What GENERATE AC returned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AcResponse {
    /// Cryptogram Information Data (`9F27`).
    pub cid: u8,
    /// Application Transaction Counter (`9F36`).
    pub atc: Vec<u8>,
    /// The application cryptogram (`9F26`).
    pub ac: Vec<u8>,
    /// Issuer Application Data (`9F10`).
    pub iad: Vec<u8>,
}

/// Reads a GENERATE AC response body (without SW). `None` when neither format parses or the
/// cryptogram is missing.
pub fn parse_response(body: &[u8]) -> Option<AcResponse> {
    if body.first() == Some(&0x80) {
        let v = tlv::iter(body).find_tag(0x80)?.value;
        let (cid, atc, ac, iad) = genac_format1(v)?;
        return Some(AcResponse {
            cid,
            atc: atc.to_vec(),
            ac: ac.to_vec(),
            iad: iad.to_vec(),
        });
    }
    let get = |tag| tlv::walk(body).find_tag(tag).map(|o| o.value.to_vec());
    let ac = get(0x9F26).filter(|a| a.len() == 8)?;
    Some(AcResponse {
        cid: get(0x9F27).and_then(|c| c.first().copied()).unwrap_or(0),
        atc: get(0x9F36).unwrap_or_default(),
        ac,
        iad: get(0x9F10).unwrap_or_default(),
    })
}

/// DE55 of the authorisation: the card's cryptogram data, then the terminal's data at the
/// time of GENERATE AC (`term` already holds the TVR `95`, TSI `9B` and CVM Results `9F34`),
/// the AIP (`82`) and the AID (`84`). Tags the terminal lacks are left out.
pub fn de55(r: &AcResponse, term: &TerminalData, aip: &[u8], aid: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(160);
    tlv::push(&mut out, 0x9F26, &r.ac);
    tlv::push(&mut out, 0x9F27, &[r.cid]);
    if !r.iad.is_empty() {
        tlv::push(&mut out, 0x9F10, &r.iad);
    }
    for tag in [
        0x9F37, 0x9F36, 0x95, 0x9A, 0x9C, 0x9F02, 0x5F2A, 0x82, 0x9F1A, 0x9F03, 0x9F33,
    ] {
        let v = match tag {
            0x9F36 => Some(r.atc.as_slice()),
            0x82 => Some(aip),
            t => term.get(t),
        };
        if let Some(v) = v {
            tlv::push(&mut out, tag, v);
        }
    }
    for tag in [0x9F34, 0x9F35, 0x9B, 0x9F09] {
        if let Some(v) = term.get(tag) {
            tlv::push(&mut out, tag, v);
        }
    }
    if !aid.is_empty() {
        tlv::push(&mut out, 0x84, aid);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    #[test]
    fn both_formats() {
        // emvpt transcript, GENERATE AC 1 (format 1).
        let r =
            parse_response(&parse_hex("80 12 80 00F3 B0189101D11416C1 06010A03A4A002").unwrap())
                .unwrap();
        assert_eq!((r.cid, r.atc.as_slice()), (0x80, &[0x00, 0xF3][..]));
        assert_eq!(r.ac, parse_hex("B0189101D11416C1").unwrap());
        assert_eq!(r.iad, parse_hex("06010A03A4A002").unwrap());
        let f2 = parse_hex("77 14 9F2701 40 9F3602 0001 9F2608 1122334455667788").unwrap();
        let r = parse_response(&f2).unwrap();
        assert_eq!((r.cid, r.iad.len()), (0x40, 0));
        assert!(parse_response(&[0x77, 0x00]).is_none());
        // Format 1 at the boundary, as the index-based reading had it: 11 bytes is an empty
        // IAD, 10 is no answer.
        let r = parse_response(&parse_hex("80 0B 80 00F3 B0189101D11416C1").unwrap()).unwrap();
        assert_eq!((r.cid, r.ac.len(), r.iad.len()), (0x80, 8, 0));
        assert!(parse_response(&parse_hex("80 0A 80 00F3 B0189101D11416").unwrap()).is_none());
        assert!(parse_response(&[0x80, 0x00]).is_none());
    }

    #[test]
    fn de55_has_the_cups_tags() {
        let r = AcResponse {
            cid: 0x80,
            atc: vec![0, 1],
            ac: vec![1; 8],
            iad: vec![7, 1, 1, 3, 0xA0, 0, 0, 1],
        };
        let t = TerminalData::fixed().with(0x9F34, vec![0x42, 3, 0]);
        let d = de55(&r, &t, &[0x7C, 0], &[0xA0, 0, 0, 3, 0x33, 1, 1, 1]);
        let list = tlv::parse(&d).unwrap();
        for tag in [
            0x9F26, 0x9F27, 0x9F10, 0x9F37, 0x9F36, 0x95, 0x9A, 0x9C, 0x9F02, 0x5F2A, 0x82, 0x9F1A,
            0x9F33, 0x9F34, 0x84,
        ] {
            assert!(tlv::find(&list, tag).is_some(), "{tag:X}");
        }
    }
}
