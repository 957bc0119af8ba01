//! Application cryptograms (EMV 4.3 Book 2 §8, Annex A1): the ICC master key derived from the
//! issuer master key (Option A, A1.4.1), the session key (the UnionPay/PBOC derivation from
//! the ATC, notes §3.3), the AC itself (ISO/IEC 9797-1 MAC algorithm 3 with padding method 2)
//! and the ARPC (method 1, §8.2.1). The card simulator and the host simulator both use these,
//! so a cryptogram made by one is checked by the other with the same code; pyemv is the
//! outside oracle (tests/net).

use super::{CryptoError, Key, KeyKind};
use des::Des;
use retail_mac::{Mac, RetailMac};

/// Odd parity in every byte (DES key convention; pyemv's `adjust_key_parity`).
fn odd_parity(bytes: &mut [u8]) {
    for b in bytes {
        *b = (*b & 0xFE) | u8::from((*b >> 1).count_ones() % 2 == 0);
    }
}

/// The ICC master key for AC of one card, Option A (Book 2 A1.4.1): Y = the rightmost 16
/// digits of PAN ‖ PSN (left-padded with zeros), MK = 3DES(IMK)[Y] ‖ 3DES(IMK)[Y ⊕ FF…],
/// odd parity. `psn` is the PAN sequence number (`5F34`, 0 when the card has none).
pub fn derive_icc_mk(imk: &Key, pan: &str, psn: u8) -> Result<Key, CryptoError> {
    let digits = format!("{pan}{psn:02}");
    let tail = &digits[digits.len().saturating_sub(16)..];
    let y_text = format!("{tail:0>16}");
    let y = crate::hexfmt::parse_hex(&y_text).map_err(|e| CryptoError::Hex(e.to_string()))?;
    let left = imk.encrypt(&y)?;
    let inv: Vec<u8> = y.iter().map(|b| b ^ 0xFF).collect();
    let right = imk.encrypt(&inv)?;
    let mut mk = [left, right].concat();
    odd_parity(&mut mk);
    Key::new(KeyKind::Tdes2, &mk)
}

/// The AC session key from the ATC, UnionPay (PBOC 2.0) style: SK = 3DES(MK)[00…00 ‖ ATC] ‖
/// 3DES(MK)[00…00 ‖ ATC ⊕ FFFF] (notes §3.3, reproduced from a published vector).
pub fn session_key(mk: &Key, atc: [u8; 2]) -> Result<Key, CryptoError> {
    let mut l = [0u8; 8];
    l[6..].copy_from_slice(&atc);
    let mut r = [0u8; 8];
    r[6] = atc[0] ^ 0xFF;
    r[7] = atc[1] ^ 0xFF;
    let sk = [mk.encrypt(&l)?, mk.encrypt(&r)?].concat();
    Key::new(KeyKind::Tdes2, &sk)
}

/// The application cryptogram over `data` under the session key: ISO/IEC 9797-1 MAC
/// algorithm 3 (single-DES CBC with K_L, last block D(K_R) then E(K_L)) after padding method
/// 2 (`80` then zeros to a multiple of 8) (Book 2 A1.2).
pub fn application_cryptogram(sk: &Key, data: &[u8]) -> Result<[u8; 8], CryptoError> {
    if sk.kind() != KeyKind::Tdes2 {
        return Err(CryptoError::Unsupported(
            "an AC session key is double-length 3DES",
        ));
    }
    let mut padded = data.to_vec();
    padded.push(0x80);
    while padded.len() % 8 != 0 {
        padded.push(0);
    }
    let mut m = <RetailMac<Des> as retail_mac::KeyInit>::new_from_slice(sk.expose_secret())
        .map_err(|_| CryptoError::Unsupported("AC key rejected"))?;
    m.update(&padded);
    let mut out = [0u8; 8];
    out.copy_from_slice(&m.finalize().into_bytes());
    Ok(out)
}

/// ARPC method 1 (Book 2 §8.2.1): 3DES(SK)[ARQC ⊕ (ARC ‖ 00…00)]; the issuer authentication
/// data (`91`) is ARPC ‖ ARC.
pub fn arpc_method1(sk: &Key, arqc: &[u8; 8], arc: [u8; 2]) -> Result<[u8; 8], CryptoError> {
    let mut x = *arqc;
    x[0] ^= arc[0];
    x[1] ^= arc[1];
    let e = sk.encrypt(&x)?;
    let mut out = [0u8; 8];
    out.copy_from_slice(&e);
    Ok(out)
}

/// The bytes an ARQC is computed over in the bench's cryptogram version (CVN `01`, the
/// UnionPay layout of notes §3.3): 9F02 9F03 9F1A 95 5F2A 9A 9C 9F37 82 9F36 and the card
/// verification results (bytes 4–7 of 9F10). `get` gives a tag's value.
pub fn arqc_data<'a>(get: impl Fn(u32) -> Option<&'a [u8]>) -> Vec<u8> {
    let mut out = Vec::with_capacity(43);
    for tag in [
        0x9F02, 0x9F03, 0x9F1A, 0x95, 0x5F2A, 0x9A, 0x9C, 0x9F37, 0x82, 0x9F36,
    ] {
        out.extend_from_slice(get(tag).unwrap_or(&[]));
    }
    let iad = get(0x9F10).unwrap_or(&[]);
    out.extend_from_slice(iad.get(3..7).unwrap_or(&[]));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::{hex, parse_hex};

    /// The published UnionPay vector (notes §3.3), checked there with pyemv.
    #[test]
    fn pboc_vector() {
        let imk = Key::from_hex(KeyKind::Tdes2, "F0C34A8124CEE0A91A0B034AA97D6EAC").unwrap();
        let mk = derive_icc_mk(&imk, "6228000100001", 1).unwrap();
        assert_eq!(hex(mk.expose_secret()), "014C986ECD8F49157CC8B59E3BCDFD98");
        let sk = session_key(&mk, [0x02, 0x40]).unwrap();
        assert_eq!(hex(sk.expose_secret()), "D4102725E6E5AD329E55AAB50BF23DA9");
        let data = parse_hex(
            "000000000001 000000000000 0156 0080046000 0156 140701 00 1E78EEBC 7D00 0240 03A04002",
        )
        .unwrap();
        let ac = application_cryptogram(&sk, &data).unwrap();
        assert_eq!(hex(&ac), "5D016C91005E7CC2");
        assert_eq!(
            hex(&arpc_method1(&sk, &ac, *b"01").unwrap()),
            "21415243527CE78F"
        );
    }

    #[test]
    fn pyemv_docstring_vector_for_option_a() {
        let imk = Key::from_hex(KeyKind::Tdes2, "0123456789ABCDEFFEDCBA9876543210").unwrap();
        let mk = derive_icc_mk(&imk, "12345678901234567", 1).unwrap();
        assert_eq!(hex(mk.expose_secret()), "73AD54688CEF2934B0979857E3C719F1");
    }
}
