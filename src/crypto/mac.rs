//! Message authentication codes for ISO 8583 field 64: the UnionPay POS-ECB MAC (the CUPS POS
//! default) and ANSI X9.19 (ISO/IEC 9797-1 MAC algorithm 3, the "retail MAC").
//!
//! The MAC block (MAB) is the message from the MTI up to the end of the last field before
//! DE64: TPDU and header excluded, the bitmap (with bit 64 set) included, DE64 excluded
//! (notes §2.1, checked on a published frame).

use super::{CryptoError, Key, KeyKind};
use des::Des;
use retail_mac::{Mac, RetailMac};
use std::fmt;

/// Which MAC a terminal computes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum MacAlgorithm {
    /// UnionPay "POS ECB" (银联 ECB): XOR of the zero-padded 8-byte blocks, hex-expanded, two
    /// DES passes; DE64 is the first 8 ASCII hex characters of the result. With an SM4 key the
    /// same steps run on 16-byte blocks. The default.
    #[default]
    PosEcb,
    /// ANSI X9.19: CBC-DES under K1 over the zero-padded blocks, then D(K2), E(K1) on the last
    /// block; DE64 is the 8 binary bytes. A single-length key works as K‖K (= X9.9).
    X919,
}

impl MacAlgorithm {
    /// The spelling in keys files and reports: `pos-ecb`, `x9.19`.
    pub fn as_str(self) -> &'static str {
        match self {
            MacAlgorithm::PosEcb => "pos-ecb",
            MacAlgorithm::X919 => "x9.19",
        }
    }

    /// Parses `pos-ecb` (also `ecb`, `unionpay-ecb`, `cups-ecb`) or `x9.19` (`x919`, `retail`).
    pub fn parse(s: &str) -> Option<MacAlgorithm> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pos-ecb" | "ecb" | "unionpay-ecb" | "cups-ecb" => Some(MacAlgorithm::PosEcb),
            "x9.19" | "x919" | "ansi-x9.19" | "retail" => Some(MacAlgorithm::X919),
            _ => None,
        }
    }

    /// The other algorithm (a terminal configured with the wrong one computes this).
    pub fn other(self) -> MacAlgorithm {
        match self {
            MacAlgorithm::PosEcb => MacAlgorithm::X919,
            MacAlgorithm::X919 => MacAlgorithm::PosEcb,
        }
    }
}

impl fmt::Display for MacAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The DE64 value of `mab` under `key` with `alg`.
///
/// Errors: X9.19 with an SM4 or triple-length key ([`CryptoError::Unsupported`]).
pub fn mac(alg: MacAlgorithm, key: &Key, mab: &[u8]) -> Result<[u8; 8], CryptoError> {
    match alg {
        MacAlgorithm::PosEcb => pos_ecb(key, mab),
        MacAlgorithm::X919 => x919(key, mab),
    }
}

/// Whether `de64` is the MAC of `mab` (compared without an early exit).
pub fn verify(alg: MacAlgorithm, key: &Key, mab: &[u8], de64: &[u8]) -> Result<bool, CryptoError> {
    let m = mac(alg, key, mab)?;
    if de64.len() != m.len() {
        return Ok(false);
    }
    Ok(m.iter().zip(de64).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0)
}

/// UnionPay POS-ECB (SAND `UTIL_CalcGoldenCardSHMAC_Single`, NEWPOS `CalMAC`; notes §2.1–2.2).
fn pos_ecb(key: &Key, mab: &[u8]) -> Result<[u8; 8], CryptoError> {
    let bl = key.kind().block_len();
    let mut r = vec![0u8; bl];
    for chunk in mab.chunks(bl) {
        r.iter_mut().zip(chunk).for_each(|(x, y)| *x ^= y);
    }
    let expanded = crate::hexfmt::hex(&r).into_bytes();
    let (first, last) = expanded.split_at(bl);
    let mut t = key.encrypt(first)?;
    t.iter_mut().zip(last).for_each(|(x, y)| *x ^= y);
    let e2 = key.encrypt(&t)?;
    let text = crate::hexfmt::hex(&e2).into_bytes();
    let mut out = [0u8; 8];
    out.copy_from_slice(&text[..8]);
    Ok(out)
}

fn x919(key: &Key, mab: &[u8]) -> Result<[u8; 8], CryptoError> {
    let k = key.expose_secret();
    let double: Vec<u8> = match key.kind() {
        KeyKind::Des => [k, k].concat(),
        KeyKind::Tdes2 => k.to_vec(),
        KeyKind::Tdes3 => return Err(CryptoError::Unsupported("X9.19 takes a double-length key")),
        KeyKind::Sm4 => return Err(CryptoError::Unsupported("X9.19 is a DES MAC, not SM4")),
    };
    let mut m = <RetailMac<Des> as retail_mac::KeyInit>::new_from_slice(&double)
        .map_err(|_| CryptoError::Unsupported("X9.19 key rejected"))?;
    m.update(mab);
    let tag = m.finalize().into_bytes();
    let mut out = [0u8; 8];
    out.copy_from_slice(&tag);
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::{hex, parse_hex};

    /// V1 (notes §2.1): a published CUPS 0200 frame whose DE64 is `B3A092AE`.
    const V1_FRAME: &str = "007F6000030000603210320072\
        02003020048000C08015000000000000001234000002030099303030303030303139353237313831383232\
        313738373531353600192600000100060000000000435F01123238343431323334353637383930313233\
        345F03063136303033365F04063230303832365C0230314233413039324145";

    #[test]
    fn pos_ecb_published_frame() {
        let frame = parse_hex(V1_FRAME).unwrap();
        // MAB: from the MTI (after length 2, TPDU 5, header 6) to before the 8-byte DE64.
        let mab = &frame[13..frame.len() - 8];
        let key = Key::from_hex(KeyKind::Des, "0723C80DB5F4CD3D").unwrap();
        assert_eq!(&mac(MacAlgorithm::PosEcb, &key, mab).unwrap(), b"B3A092AE");
        assert_eq!(&frame[frame.len() - 8..], b"B3A092AE");
        // The same key given double-length (K‖K) gives the same MAC.
        let kk = Key::from_hex(KeyKind::Tdes2, "0723C80DB5F4CD3D0723C80DB5F4CD3D").unwrap();
        assert_eq!(&mac(MacAlgorithm::PosEcb, &kk, mab).unwrap(), b"B3A092AE");
        assert!(verify(MacAlgorithm::PosEcb, &key, mab, b"B3A092AE").unwrap());
        assert!(!verify(MacAlgorithm::PosEcb, &key, mab, b"B3A092AF").unwrap());
    }

    #[test]
    fn pos_ecb_csdn_vector() {
        // V2 (notes §2.1): intermediate R 4D08F434464FE7BF, E2 8A9E91B88D839AC5.
        let data = parse_hex(
            "0200302004C020C0981100000000000000005100183402100006324392260009942820D13121011200\
             84393136363838303134303030303030303030303030303031313536ACF46E73838A82F926000000000000\
             00000822000001",
        )
        .unwrap();
        let key = Key::from_hex(KeyKind::Des, "C24A8FB57AA20123").unwrap();
        assert_eq!(
            &mac(MacAlgorithm::PosEcb, &key, &data).unwrap(),
            b"8A9E91B8"
        );
    }

    #[test]
    fn x919_iso9797_vectors() {
        // ISO/IEC 9797-1:2011 B.4 (as in RustCrypto retail-mac's README).
        let key = Key::from_hex(KeyKind::Tdes2, "0123456789ABCDEFFEDCBA9876543210").unwrap();
        let m = mac(MacAlgorithm::X919, &key, b"Now is the time for all ").unwrap();
        assert_eq!(hex(&m), "A1C72E74EA3FA9B6");
        let m = mac(MacAlgorithm::X919, &key, b"Now is the time for it").unwrap();
        assert_eq!(hex(&m), "2E2B1428CC78254F");
    }

    #[test]
    fn x919_single_key_is_k_k() {
        let k = Key::from_hex(KeyKind::Des, "0123456789ABCDEF").unwrap();
        let kk = Key::from_hex(KeyKind::Tdes2, "0123456789ABCDEF0123456789ABCDEF").unwrap();
        let data = b"0200 message body";
        assert_eq!(
            mac(MacAlgorithm::X919, &k, data).unwrap(),
            mac(MacAlgorithm::X919, &kk, data).unwrap()
        );
        let sm4 = Key::new(KeyKind::Sm4, &[7; 16]).unwrap();
        assert!(mac(MacAlgorithm::X919, &sm4, data).is_err());
        // SM4 POS-ECB runs on 16-byte blocks and still yields 8 ASCII hex characters.
        let m = mac(MacAlgorithm::PosEcb, &sm4, data).unwrap();
        assert!(m.iter().all(u8::is_ascii_hexdigit));
    }

    #[test]
    fn names_round_trip() {
        for a in [MacAlgorithm::PosEcb, MacAlgorithm::X919] {
            assert_eq!(MacAlgorithm::parse(a.as_str()), Some(a));
            assert_ne!(a.other(), a);
        }
        assert_eq!(MacAlgorithm::default(), MacAlgorithm::PosEcb);
    }
}
