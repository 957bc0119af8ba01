//! ISO 9564-1 format 0 PIN blocks (ANSI X9.8, DE53 digit 1 = `2`): the PIN field
//! `0 L P…P F…F` XORed with the PAN field `0000` + the 12 rightmost PAN digits without the
//! check digit, then encrypted under the PIN key. The clear PIN lives only in [`Pin`], which
//! never prints.

use super::{CryptoError, Key};
use std::fmt;

/// A clear PIN (4–12 digits). No `Display`; `Debug` shows only its length. Compare it with
/// [`Pin::matches`]; it is overwritten when dropped.
#[derive(Clone)]
pub struct Pin(Vec<u8>);

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pin(<{} digits>)", self.0.len())
    }
}

impl Drop for Pin {
    fn drop(&mut self) {
        self.0.iter_mut().for_each(|b| *b = 0);
    }
}

impl Pin {
    /// A PIN from its digits (4 to 12 of them).
    pub fn new(digits: &str) -> Result<Pin, CryptoError> {
        let d = digits.as_bytes();
        if !(4..=12).contains(&d.len()) || !d.iter().all(u8::is_ascii_digit) {
            return Err(CryptoError::PinBlock("a PIN is 4 to 12 digits"));
        }
        Ok(Pin(d.iter().map(|c| c - b'0').collect()))
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a PIN has at least four digits.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether this PIN equals `digits` (no early exit on the first differing digit).
    pub fn matches(&self, digits: &str) -> bool {
        let d = digits.as_bytes();
        d.len() == self.0.len()
            && self
                .0
                .iter()
                .zip(d)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b.wrapping_sub(b'0')))
                == 0
    }
}

/// The PAN field of a format-0 block: `0000` + the 12 rightmost digits before the check digit.
fn pan_field(pan: &str) -> Result<[u8; 8], CryptoError> {
    let p = pan.as_bytes();
    if p.len() < 13 || !p.iter().all(u8::is_ascii_digit) {
        return Err(CryptoError::PinBlock("the PAN must have 13 to 19 digits"));
    }
    let twelve = &p[p.len() - 13..p.len() - 1];
    let mut f = [0u8; 8];
    for (i, pair) in twelve.chunks(2).enumerate() {
        f[2 + i] = ((pair[0] - b'0') << 4) | (pair[1] - b'0');
    }
    Ok(f)
}

/// The clear format-0 block of `pin` for `pan`.
pub fn encode_iso0(pin: &Pin, pan: &str) -> Result<[u8; 8], CryptoError> {
    let mut nibbles = vec![0u8, pin.len() as u8];
    nibbles.extend_from_slice(&pin.0);
    nibbles.resize(16, 0xF);
    let pf = pan_field(pan)?;
    let mut out = [0u8; 8];
    for i in 0..8 {
        out[i] = ((nibbles[2 * i] << 4) | nibbles[2 * i + 1]) ^ pf[i];
    }
    Ok(out)
}

/// The PIN in a clear format-0 block for `pan`. Errors: not format 0, a length outside 4–12,
/// a non-digit PIN nibble or a filler that is not `F`.
pub fn decode_iso0(block: &[u8], pan: &str) -> Result<Pin, CryptoError> {
    if block.len() != 8 {
        return Err(CryptoError::PinBlock("a PIN block is 8 bytes"));
    }
    let pf = pan_field(pan)?;
    let mut nibbles = Vec::with_capacity(16);
    for (b, p) in block.iter().zip(pf) {
        let x = b ^ p;
        nibbles.extend_from_slice(&[x >> 4, x & 0xF]);
    }
    if nibbles[0] != 0 {
        return Err(CryptoError::PinBlock(
            "not format 0 (first nibble is not 0)",
        ));
    }
    let n = usize::from(nibbles[1]);
    if !(4..=12).contains(&n) {
        return Err(CryptoError::PinBlock("PIN length outside 4-12"));
    }
    let digits = &nibbles[2..2 + n];
    if digits.iter().any(|d| *d > 9) || nibbles[2 + n..].iter().any(|f| *f != 0xF) {
        return Err(CryptoError::PinBlock("PIN digits or filler are malformed"));
    }
    Ok(Pin(digits.to_vec()))
}

/// The plaintext offline PIN block VERIFY carries (EMV Book 3 §6.5.12, P2 `80`): control
/// `2`, length L, the L digits, `F` filler, 8 bytes. Card data: never logged or shown.
pub fn encode_offline_plaintext(pin: &Pin) -> [u8; 8] {
    let mut nibbles = vec![0x2, pin.len() as u8];
    nibbles.extend_from_slice(&pin.0);
    nibbles.resize(16, 0xF);
    let mut out = [0u8; 8];
    for (o, pair) in out.iter_mut().zip(nibbles.chunks_exact(2)) {
        *o = (pair[0] << 4) | pair[1];
    }
    out
}

/// The PIN of a plaintext offline PIN block ([`encode_offline_plaintext`]'s layout). Errors:
/// not 8 bytes, control nibble not `2`, a length outside 4–12, a non-digit or bad filler.
pub fn decode_offline_plaintext(block: &[u8]) -> Result<Pin, CryptoError> {
    if block.len() != 8 {
        return Err(CryptoError::PinBlock("a PIN block is 8 bytes"));
    }
    let nibbles: Vec<u8> = block.iter().flat_map(|b| [b >> 4, b & 0xF]).collect();
    let n = usize::from(nibbles[1]);
    if nibbles[0] != 0x2 || !(4..=12).contains(&n) {
        return Err(CryptoError::PinBlock("not a plaintext offline PIN block"));
    }
    let digits = &nibbles[2..2 + n];
    if digits.iter().any(|d| *d > 9) || nibbles[2 + n..].iter().any(|f| *f != 0xF) {
        return Err(CryptoError::PinBlock("PIN digits or filler are malformed"));
    }
    Ok(Pin(digits.to_vec()))
}

/// DE52: the format-0 block of `pin` for `pan`, encrypted under the PIN key.
pub fn encrypt_iso0(pik: &Key, pin: &Pin, pan: &str) -> Result<Vec<u8>, CryptoError> {
    pik.encrypt(&encode_iso0(pin, pan)?)
}

/// The PIN carried in DE52 `block` for `pan`, decrypted under the PIN key.
pub fn decrypt_iso0(pik: &Key, block: &[u8], pan: &str) -> Result<Pin, CryptoError> {
    decode_iso0(&pik.decrypt(block)?, pan)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::crypto::KeyKind;
    use crate::hexfmt::hex;

    /// The emvpt transcript's VERIFY: `00 20 00 80 08 24 12 34 FF FF FF FF FF` (PIN 1234).
    #[test]
    fn offline_plaintext_block_round_trips() {
        let pin = Pin::new("1234").unwrap();
        let b = encode_offline_plaintext(&pin);
        assert_eq!(hex(&b), "241234FFFFFFFFFF");
        assert!(decode_offline_plaintext(&b).unwrap().matches("1234"));
        let twelve = encode_offline_plaintext(&Pin::new("123456789012").unwrap());
        assert_eq!(hex(&twelve), "2C123456789012FF");
        for bad in [
            "241234FFFFFFFF",
            "041234FFFFFFFFFF",
            "2412A4FFFFFFFFFF",
            "2D12345678901234",
        ] {
            let b = crate::hexfmt::parse_hex(bad).unwrap();
            assert!(decode_offline_plaintext(&b).is_err(), "{bad}");
        }
    }

    #[test]
    fn psec_docstring_vector() {
        // psec.pinblock.encode_pinblock_iso_0("1234", "5544332211009966") = 041277CDDEEFF669
        let pin = Pin::new("1234").unwrap();
        let b = encode_iso0(&pin, "5544332211009966").unwrap();
        assert_eq!(hex(&b), "041277CDDEEFF669");
        assert!(decode_iso0(&b, "5544332211009966").unwrap().matches("1234"));
    }

    #[test]
    fn encrypted_round_trip_and_mismatch() {
        let pik = Key::from_hex(KeyKind::Tdes2, "0123456789ABCDEFFEDCBA9876543210").unwrap();
        let pan = "6222020000000007";
        let enc = encrypt_iso0(&pik, &Pin::new("123456").unwrap(), pan).unwrap();
        let got = decrypt_iso0(&pik, &enc, pan).unwrap();
        assert!(got.matches("123456"));
        assert!(!got.matches("123457"));
        assert!(!got.matches("12345"));
        assert_eq!(format!("{got:?}"), "Pin(<6 digits>)");
        // The wrong PAN or key gives garbage that does not decode, or another PIN.
        let other = decrypt_iso0(&pik, &enc, "6222020000000015");
        assert!(other.map(|p| !p.matches("123456")).unwrap_or(true));
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(Pin::new("123").is_err());
        assert!(Pin::new("12a4").is_err());
        assert!(encode_iso0(&Pin::new("1234").unwrap(), "123").is_err());
        assert!(decode_iso0(&[0xFF; 8], "5544332211009966").is_err());
    }
}
