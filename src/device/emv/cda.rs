//! CDA on the terminal side (EMV 4.3 Book 2 §6.6, Book 3 §9.3 and §10.3): what the flow keeps
//! from offline data authentication to GENERATE AC (the ICC key, the PDOL data, the CDOL1
//! data), P1's "CDA signature requested" bit, and the check of a signed GENERATE AC response
//! (format 2, `77` with `9F4B`) whose recovered cryptogram goes into DE55. The signature's
//! layout and hash are `crypto::cda`'s.

use super::genac::{self, AcResponse};
use super::oda::OdaFault;
use crate::codec::tlv;
use crate::crypto::cda;
use crate::crypto::rsa::RsaPublicKey;

/// GENERATE AC P1 bit `10`: CDA signature requested (Book 3 §6.5.5.2 Table 13).
pub const P1_CDA: u8 = 0x10;

/// CDA in progress: the ICC public key recovered at ODA, the PDOL data sent in GET
/// PROCESSING OPTIONS and the CDOL1 data sent in GENERATE AC 1 (set when it goes out).
#[derive(Clone, Debug)]
pub(super) struct CdaState {
    pub icc: RsaPublicKey,
    pub pdol_data: Vec<u8>,
    pub cdol1_data: Vec<u8>,
}

/// P1 with the CDA bit when it asks for a TC or an ARQC; an AAC is never signed (Book 2
/// §6.6.1).
pub fn request(p1: u8) -> u8 {
    if matches!(p1 & 0xC0, 0x40 | 0x80) {
        p1 | P1_CDA
    } else {
        p1
    }
}

/// What a GENERATE AC response to a CDA request gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CdaAnswer {
    /// The signature checked out; the response carries the recovered cryptogram.
    Verified(AcResponse),
    /// An AAC: the card does not sign a decline, its cryptogram is in the clear.
    Declined(AcResponse),
    /// CDA failed; the response when a cryptogram could still be read (the signature recovered
    /// but its hash code or CID did not match).
    Failed(Option<AcResponse>, OdaFault),
}

/// Checks a GENERATE AC response body (no SW) to a CDA request (Book 2 §6.6.2): `un` the
/// unpredictable number (`9F37`) sent in the CDOL data, `dol_data` the CDOL1 (then CDOL2)
/// data in order.
pub fn check(
    icc: &RsaPublicKey,
    body: &[u8],
    un: &[u8],
    pdol_data: &[u8],
    dol_data: &[&[u8]],
) -> CdaAnswer {
    let template = tlv::iter(body).find_tag(0x77).map(|o| o.value);
    let get = |tag| {
        template
            .and_then(|t| tlv::iter(t).find_tag(tag))
            .map(|o| o.value)
    };
    let cid = get(0x9F27).and_then(|c| c.first().copied());
    let plain = genac::parse_response(body);
    let (Some(value), Some(cid)) = (template, cid) else {
        // Format 1 (`80`) cannot carry a signature.
        return match plain {
            Some(r) if r.cid & 0xC0 == 0x00 => CdaAnswer::Declined(r),
            r => CdaAnswer::Failed(r, OdaFault::Sdad(None)),
        };
    };
    if cid & 0xC0 == 0x00 {
        return match plain {
            Some(r) => CdaAnswer::Declined(r),
            None => CdaAnswer::Failed(None, OdaFault::Missing(0x9F26)),
        };
    }
    let Some(sdad) = get(0x9F4B) else {
        return CdaAnswer::Failed(plain, OdaFault::Sdad(None));
    };
    let d = match cda::recover(icc, sdad, un) {
        Ok(d) => d,
        Err(f) => return CdaAnswer::Failed(None, OdaFault::Cda(f)),
    };
    let r = AcResponse {
        cid,
        atc: get(0x9F36).map(<[u8]>::to_vec).unwrap_or_default(),
        ac: d.ac.to_vec(),
        iad: get(0x9F10).map(<[u8]>::to_vec).unwrap_or_default(),
    };
    let hash = cda::transaction_hash(pdol_data, dol_data, value);
    match cda::check(&d, cid, &hash) {
        Ok(()) => CdaAnswer::Verified(r),
        Err(f) => CdaAnswer::Failed(Some(r), OdaFault::Cda(f)),
    }
}

/// Fuzz and regression entry: `data` as a GENERATE AC answer to a CDA request, checked with
/// the test ICC key (both as it is and inside a `77` template), and as ICC dynamic data. Must
/// never panic.
#[doc(hidden)]
pub fn fuzz_input(data: &[u8]) {
    static ICC: std::sync::OnceLock<Option<RsaPublicKey>> = std::sync::OnceLock::new();
    let _ = cda::IccDynamicData::parse(data);
    let icc = ICC.get_or_init(|| crate::crypto::capk::test_keys().map(|k| k.icc.public));
    let Some(icc) = icc else {
        return;
    };
    let _ = check(icc, data, data, data, &[data]);
    let mut wrapped = Vec::new();
    tlv::push(&mut wrapped, 0x77, data);
    let _ = check(icc, &wrapped, &[], &[], &[]);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::crypto::capk::test_keys;
    use crate::crypto::cda::{CdaFault, IccDynamicData};
    use crate::hexfmt::parse_hex;

    fn signed_response(cid: u8, tamper: bool) -> Vec<u8> {
        let keys = test_keys().unwrap();
        let mut plain = Vec::new();
        tlv::push(&mut plain, 0x9F27, &[cid]);
        tlv::push(&mut plain, 0x9F36, &[0x00, 0x07]);
        // A tampering card hashes other PDOL data than the terminal sent.
        let pdol: &[u8] = if tamper { b"Q" } else { b"P" };
        let d = IccDynamicData {
            number: vec![0x00, 0x07],
            cid,
            ac: [0xAC; 8],
            tdhc: cda::transaction_hash(pdol, &[b"C1"], &plain),
        };
        tlv::push(&mut plain, 0x9F4B, &cda::sign(&keys.icc, &d, &[1, 2, 3, 4]));
        let mut out = Vec::new();
        tlv::push(&mut out, 0x77, &plain);
        out
    }

    #[test]
    fn p1_asks_for_a_signature_only_with_tc_or_arqc() {
        assert_eq!(request(0x80), 0x90);
        assert_eq!(request(0x40), 0x50);
        assert_eq!(request(0x00), 0x00);
    }

    #[test]
    fn a_signed_arqc_gives_its_cryptogram() {
        let icc = test_keys().unwrap().icc.public;
        let good = signed_response(0x80, false);
        match check(&icc, &good, &[1, 2, 3, 4], b"P", &[b"C1"]) {
            CdaAnswer::Verified(r) => {
                assert_eq!(
                    (r.cid, r.ac.as_slice(), r.atc.as_slice()),
                    (0x80, &[0xAC; 8][..], &[0, 7][..])
                )
            }
            other => panic!("{other:?}"),
        }
        let bad = signed_response(0x80, true);
        match check(&icc, &bad, &[1, 2, 3, 4], b"P", &[b"C1"]) {
            CdaAnswer::Failed(Some(r), OdaFault::Cda(CdaFault::TransactionHash)) => {
                assert_eq!(r.ac, [0xAC; 8])
            }
            other => panic!("{other:?}"),
        }
        // Another unpredictable number: the signature's own hash fails, no cryptogram.
        assert!(matches!(
            check(&icc, &good, &[9, 9, 9, 9], b"P", &[b"C1"]),
            CdaAnswer::Failed(None, OdaFault::Cda(CdaFault::Sdad(_)))
        ));
    }

    #[test]
    fn unsigned_answers() {
        let icc = test_keys().unwrap().icc.public;
        let aac = parse_hex("77 14 9F2701 00 9F3602 0001 9F2608 1122334455667788").unwrap();
        assert!(matches!(
            check(&icc, &aac, &[], &[], &[]),
            CdaAnswer::Declined(_)
        ));
        let arqc = parse_hex("77 14 9F2701 80 9F3602 0001 9F2608 1122334455667788").unwrap();
        assert!(matches!(
            check(&icc, &arqc, &[], &[], &[]),
            CdaAnswer::Failed(Some(_), OdaFault::Sdad(None))
        ));
        for junk in [
            &[][..],
            &[0x77],
            &[0x77, 0x05, 0x9F, 0x27, 0x01],
            &[0x80, 0x01, 0x80],
        ] {
            let _ = check(&icc, junk, &[], &[], &[]);
        }
    }
}
