//! The raw RSA operation of EMV offline data authentication (EMV 4.3 Book 2 §5–6, Annex B2):
//! unpadded `x^e mod n` to recover certificates and signed data with a public key, and
//! `x^d mod n` for the simulated cards and the test CA that sign. SHA-1 (Book 2 Annex B3) is
//! RustCrypto's.

use super::CryptoError;
use num_bigint::BigUint;
use sha1::{Digest, Sha1};

/// An RSA public key as EMV carries it: modulus and exponent, big-endian bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RsaPublicKey {
    pub modulus: Vec<u8>,
    /// `03` or `01 00 01`.
    pub exponent: Vec<u8>,
}

/// An RSA key pair of the bench's TEST keys (simulated cards, the test CA). The private
/// exponent never leaves this type except through [`RsaKeyPair::sign`].
#[derive(Clone)]
pub struct RsaKeyPair {
    pub public: RsaPublicKey,
    d: Vec<u8>,
}

impl std::fmt::Debug for RsaKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "RsaKeyPair({} bits, private half hidden)",
            self.public.bits()
        )
    }
}

impl RsaPublicKey {
    /// Modulus length in bytes (N_CA, N_I, N_IC of Book 2).
    pub fn len(&self) -> usize {
        self.modulus.len()
    }

    /// Whether the modulus is empty (no key).
    pub fn is_empty(&self) -> bool {
        self.modulus.is_empty()
    }

    /// Modulus length in bits.
    pub fn bits(&self) -> usize {
        self.modulus.len() * 8
    }

    /// Recovers signed data: `data^e mod n`, left-padded to the modulus length (Book 2 §5.3
    /// step 2). Errors: data not exactly as long as the modulus, or not below it.
    pub fn recover(&self, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
        raw(&self.modulus, &self.exponent, data)
    }
}

impl RsaKeyPair {
    /// A key pair from its modulus, public and private exponents (big-endian bytes).
    pub fn new(modulus: Vec<u8>, exponent: Vec<u8>, private_exponent: Vec<u8>) -> RsaKeyPair {
        RsaKeyPair {
            public: RsaPublicKey { modulus, exponent },
            d: private_exponent,
        }
    }

    /// Signs (Book 2 §5.1): `data^d mod n`; `data` is the formatted block, as long as the
    /// modulus, starting `6A` so it is below it.
    pub fn sign(&self, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
        raw(&self.public.modulus, &self.d, data)
    }
}

fn raw(modulus: &[u8], exponent: &[u8], data: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if modulus.is_empty() || data.len() != modulus.len() {
        return Err(CryptoError::Rsa("data is not as long as the modulus"));
    }
    let n = BigUint::from_bytes_be(modulus);
    let x = BigUint::from_bytes_be(data);
    if x >= n {
        return Err(CryptoError::Rsa("data is not below the modulus"));
    }
    let y = x
        .modpow(&BigUint::from_bytes_be(exponent), &n)
        .to_bytes_be();
    let mut out = vec![0u8; modulus.len() - y.len().min(modulus.len())];
    out.extend_from_slice(&y);
    Ok(out)
}

/// SHA-1 over the concatenation of `parts` (Book 2 Annex B3.1).
pub fn sha1(parts: &[&[u8]]) -> [u8; 20] {
    let mut h = Sha1::new();
    for p in parts {
        h.update(p);
    }
    let mut out = [0u8; 20];
    out.copy_from_slice(&h.finalize());
    out
}

/// The checksum of a CA public key (Book 2 §11.2.2): SHA-1 over RID, index, modulus and
/// exponent.
pub fn ca_key_checksum(rid: &[u8], index: u8, key: &RsaPublicKey) -> [u8; 20] {
    sha1(&[rid, &[index], &key.modulus, &key.exponent])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn sign_then_recover_with_a_small_key() {
        // n = 61 * 53 = 3233 (0x0CA1), e = 17, d = 2753 (0x0AC1): the textbook key.
        let k = RsaKeyPair::new(vec![0x0C, 0xA1], vec![17], vec![0x0A, 0xC1]);
        let m = [0x00, 0x41];
        let s = k.sign(&m).unwrap();
        assert_eq!(k.public.recover(&s).unwrap(), m);
        assert!(k.public.recover(&[0x0C]).is_err());
        assert!(k.public.recover(&[0xFF, 0xFF]).is_err());
    }

    #[test]
    fn sha1_of_abc() {
        assert_eq!(
            crate::hexfmt::hex(&sha1(&[b"a", b"bc"])),
            "A9993E364706816ABA3E25717850C26C9CD0D89D"
        );
    }
}
