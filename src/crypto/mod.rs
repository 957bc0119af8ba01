//! Symmetric payment cryptography for the POS link: keys (DES, double- and triple-length 3DES,
//! SM4) that never print their value, key check values, ECB encryption of working keys under a
//! master key (`key`), the UnionPay POS-ECB and ANSI X9.19 MACs (`mac`) and ISO 9564 format-0
//! PIN blocks (`pin`); for the chip, EMV's RSA recovery and SHA-1 (`rsa`), certificates and
//! signed data (`emv_cert`), CDA signatures (`cda`) and application cryptograms and ARPCs (`ac`). The block ciphers are RustCrypto's (`des`, `sm4`); only the modes the
//! payment standards define on top of them live here.

pub mod ac;
pub mod capk;
pub mod cda;
pub mod emv_cert;
pub mod key;
pub mod mac;
pub mod pin;
pub mod rsa;

pub use key::{CheckValue, Key, KeyKind};
pub use mac::MacAlgorithm;
pub use pin::Pin;

use thiserror::Error;

/// Why a cryptographic operation could not be done. Never carries key or PIN material.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CryptoError {
    /// A key of a length the algorithm does not take.
    #[error("{alg} key must be {expected} bytes, not {got}")]
    KeyLength {
        alg: &'static str,
        expected: &'static str,
        got: usize,
    },
    /// ECB data that is not a whole number of blocks.
    #[error("{len} bytes is not a multiple of the {block}-byte block")]
    NotBlocks { len: usize, block: usize },
    /// An algorithm this key cannot be used with (X9.19 with an SM4 key).
    #[error("{0}")]
    Unsupported(&'static str),
    /// A PIN or PAN that a PIN block cannot carry.
    #[error("PIN block: {0}")]
    PinBlock(&'static str),
    /// The operating system's random source failed.
    #[error("no random source: {0}")]
    Random(String),
    /// Hex text that is not hex.
    #[error("not hex: {0}")]
    Hex(String),
    /// An RSA operation on data it cannot take.
    #[error("RSA: {0}")]
    Rsa(&'static str),
}
