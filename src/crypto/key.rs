//! A symmetric key whose value is never shown: its kind, its check value (KCV, the first four
//! bytes of the key encrypting a zero block) and ECB encryption with it.

use super::CryptoError;
use des::cipher::{Array, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use des::{Des, TdesEde2, TdesEde3};
use sm4::Sm4;
use std::fmt;

/// What a key is: its algorithm and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// Single-length DES (8 bytes): the POS-ECB MAC key of sign-ons 001/003/004.
    Des,
    /// Double-length 3DES, K1‖K2 (16 bytes): master keys, PIN and track keys.
    Tdes2,
    /// Triple-length 3DES, K1‖K2‖K3 (24 bytes).
    Tdes3,
    /// SM4 (16 bytes, GB/T 32907): the national-algorithm keys of sign-on 006.
    Sm4,
}

impl KeyKind {
    /// Key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            KeyKind::Des => 8,
            KeyKind::Tdes2 | KeyKind::Sm4 => 16,
            KeyKind::Tdes3 => 24,
        }
    }

    /// Cipher block length in bytes (8 for DES and 3DES, 16 for SM4).
    pub fn block_len(self) -> usize {
        match self {
            KeyKind::Sm4 => 16,
            _ => 8,
        }
    }

    /// A short name for messages (`DES`, `3DES-2`, `3DES-3`, `SM4`).
    pub fn name(self) -> &'static str {
        match self {
            KeyKind::Des => "DES",
            KeyKind::Tdes2 => "3DES-2",
            KeyKind::Tdes3 => "3DES-3",
            KeyKind::Sm4 => "SM4",
        }
    }

    /// The DES-family kind of a key of `len` bytes (8, 16 or 24).
    pub fn des_of_len(len: usize) -> Result<KeyKind, CryptoError> {
        match len {
            8 => Ok(KeyKind::Des),
            16 => Ok(KeyKind::Tdes2),
            24 => Ok(KeyKind::Tdes3),
            got => Err(CryptoError::KeyLength {
                alg: "DES/3DES",
                expected: "8, 16 or 24",
                got,
            }),
        }
    }
}

/// A key check value: the first four bytes of E(K, zero block). Printing it is safe and is how
/// keys are named in logs, reports and `docs/pos.md`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CheckValue(pub [u8; 4]);

impl fmt::Display for CheckValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::hexfmt::hex(&self.0))
    }
}

impl fmt::Debug for CheckValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KCV {self}")
    }
}

/// A symmetric key. `Debug` shows its kind and check value, never its bytes; there is no
/// `Display` and no `Serialize`. The bytes are overwritten when the key is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Key {
    kind: KeyKind,
    bytes: Vec<u8>,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({}, {:?})", self.kind.name(), self.check_value())
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.bytes.iter_mut().for_each(|b| *b = 0);
    }
}

/// The cipher of a key, built once per operation.
enum Cipher {
    Des(Box<Des>),
    Tdes2(Box<TdesEde2>),
    Tdes3(Box<TdesEde3>),
    Sm4(Box<Sm4>),
}

/// Encrypts or decrypts whole blocks in place (the length was checked by the caller).
fn ecb<C: BlockCipherEncrypt + BlockCipherDecrypt>(c: &C, data: &mut [u8], encrypt: bool) {
    let (blocks, _) = Array::slice_as_chunks_mut(data);
    if encrypt {
        c.encrypt_blocks(blocks);
    } else {
        c.decrypt_blocks(blocks);
    }
}

impl Cipher {
    fn apply(&self, data: &mut [u8], encrypt: bool) {
        match self {
            Cipher::Des(c) => ecb(c.as_ref(), data, encrypt),
            Cipher::Tdes2(c) => ecb(c.as_ref(), data, encrypt),
            Cipher::Tdes3(c) => ecb(c.as_ref(), data, encrypt),
            Cipher::Sm4(c) => ecb(c.as_ref(), data, encrypt),
        }
    }
}

impl Key {
    /// A key of `kind` from its bytes (the length must match the kind).
    pub fn new(kind: KeyKind, bytes: &[u8]) -> Result<Key, CryptoError> {
        if bytes.len() != kind.key_len() {
            return Err(CryptoError::KeyLength {
                alg: kind.name(),
                expected: match kind {
                    KeyKind::Des => "8",
                    KeyKind::Tdes2 | KeyKind::Sm4 => "16",
                    KeyKind::Tdes3 => "24",
                },
                got: bytes.len(),
            });
        }
        Ok(Key {
            kind,
            bytes: bytes.to_vec(),
        })
    }

    /// A DES-family key whose kind follows from its length (8, 16 or 24 bytes).
    pub fn des(bytes: &[u8]) -> Result<Key, CryptoError> {
        Key::new(KeyKind::des_of_len(bytes.len())?, bytes)
    }

    /// A key from hex text (spaces allowed) of the given kind.
    pub fn from_hex(kind: KeyKind, text: &str) -> Result<Key, CryptoError> {
        let b = crate::hexfmt::parse_hex(text).map_err(|e| CryptoError::Hex(e.to_string()))?;
        Key::new(kind, &b)
    }

    /// A fresh random key of `kind` from the operating system; DES-family keys get odd parity
    /// in every byte, as key-management systems issue them.
    pub fn random(kind: KeyKind) -> Result<Key, CryptoError> {
        let mut bytes = vec![0u8; kind.key_len()];
        getrandom::fill(&mut bytes).map_err(|e| CryptoError::Random(e.to_string()))?;
        if kind != KeyKind::Sm4 {
            for b in &mut bytes {
                *b = (*b & 0xFE) | u8::from((*b >> 1).count_ones() % 2 == 0);
            }
        }
        Ok(Key { kind, bytes })
    }

    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// The clear key bytes, for wrapping under another key or handing to a MAC. Never log them.
    pub fn expose_secret(&self) -> &[u8] {
        &self.bytes
    }

    fn cipher(&self) -> Result<Cipher, CryptoError> {
        let bad = |_| CryptoError::Unsupported("key rejected by the cipher");
        Ok(match self.kind {
            KeyKind::Des => Cipher::Des(Box::new(Des::new_from_slice(&self.bytes).map_err(bad)?)),
            KeyKind::Tdes2 => Cipher::Tdes2(Box::new(
                TdesEde2::new_from_slice(&self.bytes).map_err(bad)?,
            )),
            KeyKind::Tdes3 => Cipher::Tdes3(Box::new(
                TdesEde3::new_from_slice(&self.bytes).map_err(bad)?,
            )),
            KeyKind::Sm4 => Cipher::Sm4(Box::new(Sm4::new_from_slice(&self.bytes).map_err(bad)?)),
        })
    }

    fn check_blocks(&self, data: &[u8]) -> Result<(), CryptoError> {
        let block = self.kind.block_len();
        if data.len() % block != 0 {
            return Err(CryptoError::NotBlocks {
                len: data.len(),
                block,
            });
        }
        Ok(())
    }

    /// ECB encryption of whole blocks (8 bytes for DES/3DES, 16 for SM4).
    pub fn encrypt(&self, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.check_blocks(data)?;
        let mut out = data.to_vec();
        self.cipher()?.apply(&mut out, true);
        Ok(out)
    }

    /// ECB decryption of whole blocks.
    pub fn decrypt(&self, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.check_blocks(data)?;
        let mut out = data.to_vec();
        self.cipher()?.apply(&mut out, false);
        Ok(out)
    }

    /// The key check value: the first four bytes of E(K, one zero block). For SM4 the block
    /// is 16 zero bytes (the national-algorithm convention; UNCONFIRMED against a CUPS source,
    /// docs/pos.md).
    pub fn check_value(&self) -> CheckValue {
        let zero = vec![0u8; self.kind.block_len()];
        let e = self.encrypt(&zero).unwrap_or_default();
        let mut cv = [0u8; 4];
        if let Some(b) = e.get(..4) {
            cv.copy_from_slice(b);
        }
        CheckValue(cv)
    }

    /// This key encrypted (ECB) under `kek`, as field 62 of a sign-on reply carries it.
    pub fn wrap(&self, kek: &Key) -> Result<Vec<u8>, CryptoError> {
        kek.encrypt(&self.bytes)
    }

    /// The key of `kind` that `cipher` holds encrypted (ECB) under `kek`.
    pub fn unwrap(kek: &Key, kind: KeyKind, cipher: &[u8]) -> Result<Key, CryptoError> {
        let clear = kek.decrypt(cipher)?;
        Key::new(kind, &clear)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::{hex, parse_hex};

    #[test]
    fn check_values_of_published_keys() {
        // psec.des.generate_kcv docstring key (4-byte KCV recomputed with psec).
        let k = Key::from_hex(KeyKind::Tdes2, "0123456789ABCDEFFEDCBA9876543210").unwrap();
        assert_eq!(k.check_value().to_string(), "08D7B4FB");
        // notes §1.4: the CSDN TMK and the TAK it wraps.
        let tmk = Key::from_hex(KeyKind::Tdes2, "70F2A84CCBC2AE8625CBB0F2C22AB923").unwrap();
        assert_eq!(tmk.check_value().to_string(), "47F81683");
        let tak = Key::unwrap(&tmk, KeyKind::Des, &parse_hex("96D605EA176B7E9E").unwrap()).unwrap();
        assert_eq!(hex(tak.expose_secret()), "C24A8FB57AA20123");
        assert_eq!(tak.check_value().to_string(), "0547DB3E");
        assert_eq!(hex(&tak.wrap(&tmk).unwrap()), "96D605EA176B7E9E");
    }

    #[test]
    fn sm4_standard_vector() {
        // GB/T 32907-2016 Appendix A, example 1.
        let k = Key::from_hex(KeyKind::Sm4, "0123456789ABCDEFFEDCBA9876543210").unwrap();
        let c = k
            .encrypt(&parse_hex("0123456789ABCDEFFEDCBA9876543210").unwrap())
            .unwrap();
        assert_eq!(hex(&c), "681EDF34D206965E86B3E94F536E4246");
        assert_eq!(
            hex(&k.decrypt(&c).unwrap()),
            "0123456789ABCDEFFEDCBA9876543210"
        );
    }

    #[test]
    fn debug_shows_no_key_bytes() {
        let k = Key::from_hex(KeyKind::Tdes2, "0123456789ABCDEFFEDCBA9876543210").unwrap();
        let d = format!("{k:?}");
        assert_eq!(d, "Key(3DES-2, KCV 08D7B4FB)");
        assert!(!d.contains("0123456789"));
    }

    #[test]
    fn random_keys_have_odd_parity_and_differ() {
        let a = Key::random(KeyKind::Tdes2).unwrap();
        let b = Key::random(KeyKind::Tdes2).unwrap();
        assert_ne!(a, b);
        assert!(a.expose_secret().iter().all(|x| x.count_ones() % 2 == 1));
        assert_eq!(Key::random(KeyKind::Sm4).unwrap().expose_secret().len(), 16);
    }

    #[test]
    fn bad_lengths_are_errors() {
        assert!(Key::des(&[0; 7]).is_err());
        assert!(Key::new(KeyKind::Sm4, &[0; 8]).is_err());
        let k = Key::des(&[1; 8]).unwrap();
        assert!(matches!(
            k.encrypt(&[0; 5]),
            Err(CryptoError::NotBlocks { len: 5, block: 8 })
        ));
    }
}
