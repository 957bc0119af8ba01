//! Combined DDA / application cryptogram generation, CDA (EMV 4.3 Book 2 §6.6): the ICC
//! dynamic data a CDA signature carries (Table 19: ICC dynamic number, CID, cryptogram,
//! transaction data hash code), the transaction data it hashes (§6.6.1: PDOL data ‖ CDOL1
//! data [‖ CDOL2 data] ‖ the GENERATE AC response's data objects except `9F4B`), and the
//! signature both ways — the simulated cards sign, the terminal recovers and checks
//! (§6.6.2). The RSA block is `emv_cert`'s Signed Dynamic Application Data (format `05`).

use super::emv_cert::{self, CertFault};
use super::rsa::{sha1, RsaKeyPair, RsaPublicKey};
use crate::codec::tlv;
use std::fmt;

/// The ICC dynamic data of a CDA signature (Book 2 Table 19).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IccDynamicData {
    /// ICC dynamic number (`9F4C`), 2–8 bytes.
    pub number: Vec<u8>,
    /// Cryptogram Information Data (`9F27`).
    pub cid: u8,
    /// The application cryptogram (`9F26`).
    pub ac: [u8; 8],
    /// Transaction data hash code: SHA-1 of [`transaction_data`].
    pub tdhc: [u8; 20],
}

/// Why a CDA signature did not check out (Book 2 §6.6.2 steps 1–12): a fact for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CdaFault {
    /// The SDAD block itself (length, RSA, framing, format `05`, hash algorithm, hash over the
    /// unpredictable number).
    Sdad(CertFault),
    /// The ICC dynamic data is not laid out as Table 19 says.
    Layout,
    /// The CID inside the signature is not the CID the card returned (`9F27`).
    Cid { signed: u8, returned: u8 },
    /// The transaction data hash code is not the hash of the transaction data.
    TransactionHash,
}

impl fmt::Display for CdaFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CdaFault::Sdad(c) => write!(f, "signed dynamic data: {c}"),
            CdaFault::Layout => f.write_str("ICC dynamic data is not laid out for CDA"),
            CdaFault::Cid { signed, returned } => {
                write!(f, "signed CID {signed:02X}, returned {returned:02X}")
            }
            CdaFault::TransactionHash => f.write_str("transaction data hash does not match"),
        }
    }
}

impl IccDynamicData {
    /// `len(number) | number | CID | AC | hash code`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(30 + self.number.len());
        out.push(self.number.len() as u8);
        out.extend_from_slice(&self.number);
        out.push(self.cid);
        out.extend_from_slice(&self.ac);
        out.extend_from_slice(&self.tdhc);
        out
    }

    /// Reads Table 19's layout; `Err(Layout)` unless the number is 2–8 bytes and exactly CID,
    /// AC and hash code follow it.
    pub fn parse(b: &[u8]) -> Result<IccDynamicData, CdaFault> {
        let n = usize::from(*b.first().ok_or(CdaFault::Layout)?);
        if !(2..=8).contains(&n) || b.len() != 1 + n + 1 + 8 + 20 {
            return Err(CdaFault::Layout);
        }
        let mut ac = [0u8; 8];
        ac.copy_from_slice(&b[n + 2..n + 10]);
        let mut tdhc = [0u8; 20];
        tdhc.copy_from_slice(&b[n + 10..]);
        Ok(IccDynamicData {
            number: b[1..=n].to_vec(),
            cid: b[n + 1],
            ac,
            tdhc,
        })
    }
}

/// The transaction data a CDA signature hashes (Book 2 §6.6.1): the PDOL data sent in GET
/// PROCESSING OPTIONS (the value of `83`), the CDOL1 data sent in GENERATE AC 1 (and, for
/// GENERATE AC 2, the CDOL2 data after it: `dol_data` in order), then every data object of
/// the GENERATE AC response template `77` (`response`: its value), tag, length and value, in
/// the order returned, except the Signed Dynamic Application Data `9F4B`. A malformed object
/// ends the list (what is before it still counts).
pub fn transaction_data(pdol_data: &[u8], dol_data: &[&[u8]], response: &[u8]) -> Vec<u8> {
    let mut out = pdol_data.to_vec();
    for d in dol_data {
        out.extend_from_slice(d);
    }
    for o in tlv::iter(response).map_while(Result::ok) {
        if o.tag.0 == 0x9F4B {
            continue;
        }
        if let Some(raw) = response.get(o.offset..o.value_offset.saturating_add(o.len())) {
            out.extend_from_slice(raw);
        }
    }
    out
}

/// The transaction data hash code: SHA-1 of [`transaction_data`].
pub fn transaction_hash(pdol_data: &[u8], dol_data: &[&[u8]], response: &[u8]) -> [u8; 20] {
    sha1(&[&transaction_data(pdol_data, dol_data, response)])
}

/// Signs a CDA response (Book 2 §6.6.1): the SDAD (`9F4B`) over the ICC dynamic data and the
/// terminal's unpredictable number (`9F37`).
pub fn sign(icc: &RsaKeyPair, data: &IccDynamicData, unpredictable: &[u8]) -> Vec<u8> {
    emv_cert::make_sdad(icc, &data.to_bytes(), unpredictable)
}

/// Recovers a CDA signature (Book 2 §6.6.2 steps 1–9): the SDAD with the ICC key and the
/// unpredictable number sent in the CDOL data, then the ICC dynamic data's layout. The
/// cryptogram inside is the one the card made, whether or not [`check`] then passes.
pub fn recover(
    icc: &RsaPublicKey,
    sdad: &[u8],
    unpredictable: &[u8],
) -> Result<IccDynamicData, CdaFault> {
    let dynamic = emv_cert::recover_sdad(icc, sdad, unpredictable).map_err(CdaFault::Sdad)?;
    IccDynamicData::parse(&dynamic)
}

/// Checks recovered ICC dynamic data (Book 2 §6.6.2 steps 6 and 10–12): its CID against the
/// one returned (`9F27`), its hash code against the transaction data hash
/// ([`transaction_hash`]).
pub fn check(
    d: &IccDynamicData,
    returned_cid: u8,
    transaction_hash: &[u8; 20],
) -> Result<(), CdaFault> {
    if d.cid != returned_cid {
        return Err(CdaFault::Cid {
            signed: d.cid,
            returned: returned_cid,
        });
    }
    if d.tdhc != *transaction_hash {
        return Err(CdaFault::TransactionHash);
    }
    Ok(())
}

/// [`recover`] then [`check`]: the ICC dynamic data when the whole signature checks out.
pub fn verify(
    icc: &RsaPublicKey,
    sdad: &[u8],
    unpredictable: &[u8],
    returned_cid: u8,
    transaction_hash: &[u8; 20],
) -> Result<IccDynamicData, CdaFault> {
    let d = recover(icc, sdad, unpredictable)?;
    check(&d, returned_cid, transaction_hash)?;
    Ok(d)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::crypto::capk::test_keys;
    use crate::hexfmt::{hex, parse_hex};

    /// A GENERATE AC response of a CDA card, built by hand with the test ICC key: PDOL data of
    /// the default deck's PDOL, CDOL1 data with the unpredictable number `01234567` last.
    fn vector() -> (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>) {
        let pdol = parse_hex("0156 000000000100 0156 261201 00 01234567").unwrap();
        let cdol1 =
            parse_hex("000000000100 000000000000 0156 0000000000 0156 261201 00 01234567").unwrap();
        let un = parse_hex("01234567").unwrap();
        // 9F27 80, 9F36 0002, 9F10 07010103A00000 01: hashed in the order returned.
        let plain = parse_hex("9F2701 80 9F3602 0002 9F1008 07010103A0000001").unwrap();
        (pdol, cdol1, un, plain)
    }

    #[test]
    fn transaction_data_leaves_out_the_signature_only() {
        let (pdol, cdol1, _, plain) = vector();
        let mut with_sdad = plain[..9].to_vec();
        with_sdad.extend_from_slice(&parse_hex("9F4B03 AABBCC").unwrap());
        with_sdad.extend_from_slice(&plain[9..]);
        let t = transaction_data(&pdol, &[&cdol1], &with_sdad);
        assert_eq!(t, [pdol.clone(), cdol1.clone(), plain.clone()].concat());
        assert_eq!(
            transaction_hash(&pdol, &[&cdol1], &with_sdad),
            sha1(&[&pdol, &cdol1, &plain])
        );
        // Garbage after the objects does not panic; what parsed still counts.
        let mut bad = plain.clone();
        bad.extend_from_slice(&[0x9F, 0x4C, 0x40]);
        assert!(transaction_data(&[], &[], &bad).starts_with(&plain));
    }

    /// Known answer: the card signs, the terminal recovers the cryptogram; a changed byte of
    /// the transaction data, another CID or another unpredictable number fails the right step.
    #[test]
    fn sign_then_verify_with_the_test_icc_key() {
        let keys = test_keys().unwrap();
        let (pdol, cdol1, un, plain) = vector();
        let tdhc = transaction_hash(&pdol, &[&cdol1], &plain);
        let d = IccDynamicData {
            number: vec![0x00, 0x02],
            cid: 0x80,
            ac: [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88],
            tdhc,
        };
        assert_eq!(d.to_bytes().len(), 32);
        assert_eq!(IccDynamicData::parse(&d.to_bytes()).unwrap(), d);
        let sdad = sign(&keys.icc, &d, &un);
        assert_eq!(sdad.len(), keys.icc.public.len());
        // Known answers, computed apart with Python (hashlib.sha1, pow(block, d, n)) from the
        // layout of Book 2 Tables 19 and 22 and fixtures/emv/test-keys.toml.
        assert_eq!(hex(&tdhc), "04897BAE1C70BCBE006549F394EDA47D2798F9AC");
        assert_eq!(
            hex(&sha1(&[&sdad])),
            "6B82A36935E5E64CD49DD208C169FEDE40E39796"
        );
        assert_eq!(hex(&sdad[..8]), "8D7FE7A127931B5D");
        let got = verify(&keys.icc.public, &sdad, &un, 0x80, &tdhc).unwrap();
        assert_eq!(hex(&got.ac), "1122334455667788");
        assert_eq!(got.number, [0x00, 0x02]);

        let mut other = plain.clone();
        *other.last_mut().unwrap() ^= 1;
        let wrong = transaction_hash(&pdol, &[&cdol1], &other);
        let v = verify(&keys.icc.public, &sdad, &un, 0x80, &wrong);
        assert_eq!(v, Err(CdaFault::TransactionHash));
        let v = verify(&keys.icc.public, &sdad, &un, 0x40, &tdhc);
        assert_eq!(
            v,
            Err(CdaFault::Cid {
                signed: 0x80,
                returned: 0x40
            })
        );
        let v = verify(&keys.icc.public, &sdad, &[0, 0, 0, 0], 0x80, &tdhc);
        assert_eq!(v, Err(CdaFault::Sdad(CertFault::Hash)));
        let v = verify(&keys.icc.public, &sdad[1..], &un, 0x80, &tdhc);
        assert!(matches!(v, Err(CdaFault::Sdad(CertFault::Length { .. }))));
    }

    #[test]
    fn layout_checks() {
        assert_eq!(IccDynamicData::parse(&[]), Err(CdaFault::Layout));
        assert_eq!(IccDynamicData::parse(&[0x02, 0, 2]), Err(CdaFault::Layout));
        // A DDA-style dynamic data (number only) is not CDA's.
        let mut b = vec![0x09];
        b.resize(39, 0);
        assert_eq!(IccDynamicData::parse(&b), Err(CdaFault::Layout));
    }
}
