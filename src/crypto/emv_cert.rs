//! EMV certificates and signed data (EMV 4.3 Book 2 §5.3, §5.4, §6.3, §6.5): the issuer
//! public-key certificate (`90`), the ICC public-key certificate (`9F46`), Signed Static
//! Application Data (`93`) and Signed Dynamic Application Data (`9F4B`). One layout per item,
//! used both ways: the simulated cards and the test CA *make* them, the terminal *recovers*
//! them. Every block is `6A | format | fields, BB-padded | SHA-1 | BC` as long as the signing
//! key's modulus; the hash covers `format … padding` followed by data outside the block.

use super::rsa::{sha1, RsaKeyPair, RsaPublicKey};
use std::fmt;

/// Why a certificate or signature did not check out (a fact for the report, not an error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertFault {
    /// The signed item is not as long as the recovering key's modulus.
    Length { want: usize, got: usize },
    /// The RSA operation refused the data (not below the modulus).
    Rsa,
    /// Recovered data does not start `6A` or end `BC`.
    Framing,
    /// Another format byte than the one expected (`02`, `04`, `03`, `05`).
    Format { want: u8, got: u8 },
    /// A hash or public-key algorithm other than SHA-1 / RSA (`01`).
    Algorithm(u8),
    /// The hash in the block is not the hash of the data.
    Hash,
    /// The recovered key's lengths do not fit the certificate and its remainder.
    KeyLayout,
}

impl fmt::Display for CertFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertFault::Length { want, got } => write!(f, "{got} bytes, the key needs {want}"),
            CertFault::Rsa => f.write_str("not recoverable with this key"),
            CertFault::Framing => f.write_str("recovered data is not framed 6A…BC"),
            CertFault::Format { want, got } => write!(f, "format {got:02X}, expected {want:02X}"),
            CertFault::Algorithm(a) => write!(f, "algorithm indicator {a:02X}, expected 01"),
            CertFault::Hash => f.write_str("hash does not match"),
            CertFault::KeyLayout => f.write_str("key lengths do not fit the certificate"),
        }
    }
}

/// What an issuer public-key certificate certifies (Book 2 Table 13).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuerCert {
    /// Leftmost 3–8 PAN digits, `F`-padded (4 bytes).
    pub issuer_id: [u8; 4],
    /// Expiry `MMYY` (BCD).
    pub expiry: [u8; 2],
    pub serial: [u8; 3],
    pub key: RsaPublicKey,
}

/// What an ICC public-key certificate certifies (Book 2 Table 14).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IccCert {
    /// The PAN, `F`-padded (10 bytes).
    pub pan: [u8; 10],
    pub expiry: [u8; 2],
    pub serial: [u8; 3],
    pub key: RsaPublicKey,
}

const SHA1: u8 = 0x01;
const RSA: u8 = 0x01;

/// `6A | payload, BB-padded to n−22 | SHA-1(payload ‖ extra) | BC`, signed with `key`.
fn sign_block(key: &RsaKeyPair, payload: &[u8], extra: &[&[u8]]) -> Vec<u8> {
    let n = key.public.len();
    let mut body = payload.to_vec();
    body.resize(n.saturating_sub(22), 0xBB);
    let mut parts: Vec<&[u8]> = vec![&body];
    parts.extend_from_slice(extra);
    let hash = sha1(&parts);
    let mut block = Vec::with_capacity(n);
    block.push(0x6A);
    block.extend_from_slice(&body);
    block.extend_from_slice(&hash);
    block.push(0xBC);
    key.sign(&block).unwrap_or_default()
}

/// Recovers a block with `key`, checks framing, format and hash; returns the payload
/// (`format …` up to the hash).
fn open_block(
    key: &RsaPublicKey,
    signed: &[u8],
    format: u8,
    extra: &[&[u8]],
) -> Result<Vec<u8>, CertFault> {
    let n = key.len();
    if signed.len() != n || n < 23 {
        return Err(CertFault::Length {
            want: n,
            got: signed.len(),
        });
    }
    let block = key.recover(signed).map_err(|_| CertFault::Rsa)?;
    if block[0] != 0x6A || block[n - 1] != 0xBC {
        return Err(CertFault::Framing);
    }
    if block[1] != format {
        return Err(CertFault::Format {
            want: format,
            got: block[1],
        });
    }
    let body = &block[1..n - 21];
    let mut parts: Vec<&[u8]> = vec![body];
    parts.extend_from_slice(extra);
    if sha1(&parts)[..] != block[n - 21..n - 1] {
        return Err(CertFault::Hash);
    }
    Ok(body.to_vec())
}

/// Splits a modulus into the part a certificate of `room` bytes holds (BB-padded) and the
/// remainder (tag `92` / `9F48`).
fn split_modulus(modulus: &[u8], room: usize) -> (Vec<u8>, Vec<u8>) {
    let cut = modulus.len().min(room);
    let mut inside = modulus[..cut].to_vec();
    inside.resize(room, 0xBB);
    (inside, modulus[cut..].to_vec())
}

/// The certified key from the modulus part of a certificate, its remainder and exponent.
fn join_modulus(
    part: &[u8],
    n_key: usize,
    remainder: &[u8],
    exponent: &[u8],
) -> Result<RsaPublicKey, CertFault> {
    let modulus = if n_key <= part.len() {
        if !remainder.is_empty() {
            return Err(CertFault::KeyLayout);
        }
        part[..n_key].to_vec()
    } else {
        if part.len() + remainder.len() != n_key {
            return Err(CertFault::KeyLayout);
        }
        [part, remainder].concat()
    };
    Ok(RsaPublicKey {
        modulus,
        exponent: exponent.to_vec(),
    })
}

fn check_algorithms(hash: u8, pk: u8) -> Result<(), CertFault> {
    if hash != SHA1 {
        return Err(CertFault::Algorithm(hash));
    }
    if pk != RSA {
        return Err(CertFault::Algorithm(pk));
    }
    Ok(())
}

/// Makes an issuer public-key certificate with the CA key: `(90, 92 remainder)`.
pub fn make_issuer_cert(ca: &RsaKeyPair, c: &IssuerCert) -> (Vec<u8>, Vec<u8>) {
    let room = ca.public.len().saturating_sub(36);
    let (inside, rest) = split_modulus(&c.key.modulus, room);
    let mut p = vec![0x02];
    p.extend_from_slice(&c.issuer_id);
    p.extend_from_slice(&c.expiry);
    p.extend_from_slice(&c.serial);
    p.extend_from_slice(&[SHA1, RSA, c.key.len() as u8, c.key.exponent.len() as u8]);
    p.extend_from_slice(&inside);
    (sign_block(ca, &p, &[&rest, &c.key.exponent]), rest)
}

/// Recovers an issuer public-key certificate (`90`) with the CA key, with its remainder
/// (`92`) and exponent (`9F32`); Book 2 §5.3 steps 1–9 (the caller checks the issuer
/// identifier against the PAN and the expiry against today).
pub fn recover_issuer_cert(
    ca: &RsaPublicKey,
    cert: &[u8],
    remainder: &[u8],
    exponent: &[u8],
) -> Result<IssuerCert, CertFault> {
    let p = open_block(ca, cert, 0x02, &[remainder, exponent])?;
    check_algorithms(p[10], p[11])?;
    let key = join_modulus(&p[14..], usize::from(p[12]), remainder, exponent)?;
    Ok(IssuerCert {
        issuer_id: [p[1], p[2], p[3], p[4]],
        expiry: [p[5], p[6]],
        serial: [p[7], p[8], p[9]],
        key,
    })
}

/// Makes an ICC public-key certificate with the issuer key over the static data to be
/// authenticated: `(9F46, 9F48 remainder)`.
pub fn make_icc_cert(issuer: &RsaKeyPair, c: &IccCert, static_data: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let room = issuer.public.len().saturating_sub(42);
    let (inside, rest) = split_modulus(&c.key.modulus, room);
    let mut p = vec![0x04];
    p.extend_from_slice(&c.pan);
    p.extend_from_slice(&c.expiry);
    p.extend_from_slice(&c.serial);
    p.extend_from_slice(&[SHA1, RSA, c.key.len() as u8, c.key.exponent.len() as u8]);
    p.extend_from_slice(&inside);
    let cert = sign_block(issuer, &p, &[&rest, &c.key.exponent, static_data]);
    (cert, rest)
}

/// Recovers an ICC public-key certificate (`9F46`) with the issuer key; the hash covers the
/// remainder (`9F48`), exponent (`9F47`) and the static data to be authenticated (Book 2 §6.4).
pub fn recover_icc_cert(
    issuer: &RsaPublicKey,
    cert: &[u8],
    remainder: &[u8],
    exponent: &[u8],
    static_data: &[u8],
) -> Result<IccCert, CertFault> {
    let p = open_block(issuer, cert, 0x04, &[remainder, exponent, static_data])?;
    check_algorithms(p[16], p[17])?;
    let key = join_modulus(&p[20..], usize::from(p[18]), remainder, exponent)?;
    let mut pan = [0u8; 10];
    pan.copy_from_slice(&p[1..11]);
    Ok(IccCert {
        pan,
        expiry: [p[11], p[12]],
        serial: [p[13], p[14], p[15]],
        key,
    })
}

/// Makes Signed Static Application Data (`93`) with the issuer key (Book 2 §5.1.2).
pub fn make_ssad(issuer: &RsaKeyPair, dac: [u8; 2], static_data: &[u8]) -> Vec<u8> {
    sign_block(issuer, &[0x03, SHA1, dac[0], dac[1]], &[static_data])
}

/// Recovers Signed Static Application Data with the issuer key; the Data Authentication
/// Code (`9F45`) on success (Book 2 §5.4).
pub fn recover_ssad(
    issuer: &RsaPublicKey,
    ssad: &[u8],
    static_data: &[u8],
) -> Result<[u8; 2], CertFault> {
    let p = open_block(issuer, ssad, 0x03, &[static_data])?;
    check_algorithms(p[1], RSA)?;
    Ok([p[2], p[3]])
}

/// Makes Signed Dynamic Application Data (`9F4B`, format `05`) with the ICC key over the ICC
/// dynamic data and the terminal's data (`hashed`: DDOL data for DDA; for CDA the
/// unpredictable number) (Book 2 §6.5.1, §6.6.1).
pub fn make_sdad(icc: &RsaKeyPair, dynamic: &[u8], hashed: &[u8]) -> Vec<u8> {
    let mut p = vec![0x05, SHA1, dynamic.len() as u8];
    p.extend_from_slice(dynamic);
    sign_block(icc, &p, &[hashed])
}

/// Recovers Signed Dynamic Application Data with the ICC key; the ICC dynamic data on
/// success (its first byte is the length of the ICC dynamic number, `9F4C`).
pub fn recover_sdad(icc: &RsaPublicKey, sdad: &[u8], hashed: &[u8]) -> Result<Vec<u8>, CertFault> {
    let p = open_block(icc, sdad, 0x05, &[hashed])?;
    check_algorithms(p[1], RSA)?;
    let l = usize::from(p[2]);
    p.get(3..3 + l)
        .map(<[u8]>::to_vec)
        .ok_or(CertFault::KeyLayout)
}
