//! Sign-on working keys in field 62 (notes §1.4): the host draws fresh PIN, MAC and track keys,
//! encrypts each under the terminal master key and appends its check value; a terminal
//! decrypts them and refuses the set when a check value does not match ("KEY VERIFY ERR").
//!
//! | 60.3 | bytes | layout |
//! |---|---|---|
//! | `001` | 24 | PIK(8) CV(4) MAK(8) CV(4) |
//! | `003` | 40 | PIK(16) CV(4) MAK(8) 00×8 CV(4) |
//! | `004` | 60 | as 003, then TDK(16) CV(4) |
//! | `006` | 60 | SM4: PIK(16) CV(4) MAK(16) CV(4) TDK(16) CV(4) |
//!
//! An X9.19 terminal needs a double-length MAC key: in 003/004 it fills the 16-byte MAC slot
//! (a single key leaves the last 8 bytes zero, which is how a terminal tells them apart).

use super::kind::SignOnLayout;
use crate::crypto::{CryptoError, Key, KeyKind, MacAlgorithm};
use thiserror::Error;

/// A terminal's working keys after sign-on.
#[derive(Clone, Debug)]
pub struct WorkingKeys {
    pub pik: Key,
    pub mak: Key,
    pub tdk: Option<Key>,
}

/// Why a terminal refuses the keys of an 0810.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SignOnError {
    #[error("field 62 is {got} bytes; sign-on {code} carries {want}")]
    Length {
        code: &'static str,
        got: usize,
        want: usize,
    },
    #[error("{key} check value does not match (key verify error)")]
    CheckValue { key: &'static str },
    #[error("{0}")]
    Crypto(#[from] CryptoError),
}

/// Draws working keys for `layout` (a double-length MAC key when the terminal uses X9.19 and
/// the layout has room for one).
pub fn draw(layout: SignOnLayout, mac: MacAlgorithm) -> Result<WorkingKeys, CryptoError> {
    Ok(match layout {
        SignOnLayout::Single => WorkingKeys {
            pik: Key::random(KeyKind::Des)?,
            mak: Key::random(KeyKind::Des)?,
            tdk: None,
        },
        SignOnLayout::Double | SignOnLayout::DoubleTrack => WorkingKeys {
            pik: Key::random(KeyKind::Tdes2)?,
            mak: Key::random(match mac {
                MacAlgorithm::X919 => KeyKind::Tdes2,
                MacAlgorithm::PosEcb => KeyKind::Des,
            })?,
            tdk: (layout == SignOnLayout::DoubleTrack)
                .then(|| Key::random(KeyKind::Tdes2))
                .transpose()?,
        },
        SignOnLayout::Sm4 => WorkingKeys {
            pik: Key::random(KeyKind::Sm4)?,
            mak: Key::random(KeyKind::Sm4)?,
            tdk: Some(Key::random(KeyKind::Sm4)?),
        },
    })
}

fn push_key(out: &mut Vec<u8>, key: &Key, tmk: &Key, width: usize) -> Result<(), CryptoError> {
    let mut w = key.wrap(tmk)?;
    w.resize(width, 0);
    out.extend_from_slice(&w);
    out.extend_from_slice(&key.check_value().0);
    Ok(())
}

/// Field 62 of the 0810: each key encrypted under `tmk`, each followed by its check value.
pub fn pack(layout: SignOnLayout, keys: &WorkingKeys, tmk: &Key) -> Result<Vec<u8>, CryptoError> {
    let mut out = Vec::with_capacity(60);
    match layout {
        SignOnLayout::Single => {
            push_key(&mut out, &keys.pik, tmk, 8)?;
            push_key(&mut out, &keys.mak, tmk, 8)?;
        }
        SignOnLayout::Double | SignOnLayout::DoubleTrack | SignOnLayout::Sm4 => {
            push_key(&mut out, &keys.pik, tmk, 16)?;
            push_key(&mut out, &keys.mak, tmk, 16)?;
            if let Some(t) = &keys.tdk {
                push_key(&mut out, t, tmk, 16)?;
            }
        }
    }
    Ok(out)
}

/// The length field 62 has for `layout`.
pub fn packed_len(layout: SignOnLayout) -> usize {
    match layout {
        SignOnLayout::Single => 24,
        SignOnLayout::Double => 40,
        SignOnLayout::DoubleTrack | SignOnLayout::Sm4 => 60,
    }
}

/// Reads one key slot: decrypts under `tmk` and checks the value that follows.
fn take_key(
    de62: &[u8],
    at: &mut usize,
    width: usize,
    kind_of: impl Fn(&[u8]) -> KeyKind,
    tmk: &Key,
    name: &'static str,
) -> Result<Key, SignOnError> {
    let cipher = &de62[*at..*at + width];
    let cv = &de62[*at + width..*at + width + 4];
    *at += width + 4;
    let kind = kind_of(cipher);
    let key = Key::unwrap(tmk, kind, &cipher[..kind.key_len()])?;
    if key.check_value().0 != cv {
        return Err(SignOnError::CheckValue { key: name });
    }
    Ok(key)
}

/// The terminal's side: decrypts field 62 of an 0810 under its master key and checks every
/// check value.
pub fn unpack(layout: SignOnLayout, de62: &[u8], tmk: &Key) -> Result<WorkingKeys, SignOnError> {
    let want = packed_len(layout);
    if de62.len() != want {
        return Err(SignOnError::Length {
            code: layout.code(),
            got: de62.len(),
            want,
        });
    }
    let mut at = 0;
    let des_or_tdes = |c: &[u8]| {
        if c.len() == 8 || c[8..].iter().all(|b| *b == 0) {
            KeyKind::Des
        } else {
            KeyKind::Tdes2
        }
    };
    Ok(match layout {
        SignOnLayout::Single => WorkingKeys {
            pik: take_key(de62, &mut at, 8, |_| KeyKind::Des, tmk, "PIK")?,
            mak: take_key(de62, &mut at, 8, |_| KeyKind::Des, tmk, "MAK")?,
            tdk: None,
        },
        SignOnLayout::Double | SignOnLayout::DoubleTrack => WorkingKeys {
            pik: take_key(de62, &mut at, 16, |_| KeyKind::Tdes2, tmk, "PIK")?,
            mak: take_key(de62, &mut at, 16, des_or_tdes, tmk, "MAK")?,
            tdk: (layout == SignOnLayout::DoubleTrack)
                .then(|| take_key(de62, &mut at, 16, |_| KeyKind::Tdes2, tmk, "TDK"))
                .transpose()?,
        },
        SignOnLayout::Sm4 => WorkingKeys {
            pik: take_key(de62, &mut at, 16, |_| KeyKind::Sm4, tmk, "PIK")?,
            mak: take_key(de62, &mut at, 16, |_| KeyKind::Sm4, tmk, "MAK")?,
            tdk: Some(take_key(de62, &mut at, 16, |_| KeyKind::Sm4, tmk, "TDK")?),
        },
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn tmk() -> Key {
        Key::from_hex(KeyKind::Tdes2, crate::host::keys::TEST_MASTER_KEY).unwrap()
    }

    #[test]
    fn every_layout_round_trips_with_its_check_values() {
        for (layout, mac) in [
            (SignOnLayout::Single, MacAlgorithm::PosEcb),
            (SignOnLayout::Double, MacAlgorithm::PosEcb),
            (SignOnLayout::DoubleTrack, MacAlgorithm::PosEcb),
            (SignOnLayout::DoubleTrack, MacAlgorithm::X919),
        ] {
            let keys = draw(layout, mac).unwrap();
            let de62 = pack(layout, &keys, &tmk()).unwrap();
            assert_eq!(de62.len(), packed_len(layout), "{layout:?}");
            let got = unpack(layout, &de62, &tmk()).unwrap();
            assert_eq!(got.pik, keys.pik);
            assert_eq!(got.mak, keys.mak, "{layout:?} {mac:?}");
            assert_eq!(got.tdk, keys.tdk);
        }
        let sm4 = Key::random(KeyKind::Sm4).unwrap();
        let keys = draw(SignOnLayout::Sm4, MacAlgorithm::PosEcb).unwrap();
        let de62 = pack(SignOnLayout::Sm4, &keys, &sm4).unwrap();
        assert_eq!(de62.len(), 60);
        assert_eq!(
            unpack(SignOnLayout::Sm4, &de62, &sm4).unwrap().mak,
            keys.mak
        );
    }

    #[test]
    fn layout_003_puts_eight_zero_bytes_after_a_single_mak() {
        let keys = draw(SignOnLayout::Double, MacAlgorithm::PosEcb).unwrap();
        let de62 = pack(SignOnLayout::Double, &keys, &tmk()).unwrap();
        assert_eq!(&de62[28..36], &[0; 8]);
        assert_eq!(&de62[36..40], &keys.mak.check_value().0);
    }

    #[test]
    fn an_erased_master_key_fails_the_check_values() {
        let keys = draw(SignOnLayout::DoubleTrack, MacAlgorithm::PosEcb).unwrap();
        let de62 = pack(SignOnLayout::DoubleTrack, &keys, &tmk()).unwrap();
        let erased = Key::new(KeyKind::Tdes2, &[0; 16]).unwrap();
        assert_eq!(
            unpack(SignOnLayout::DoubleTrack, &de62, &erased).unwrap_err(),
            SignOnError::CheckValue { key: "PIK" }
        );
        assert!(matches!(
            unpack(SignOnLayout::Double, &de62, &tmk()),
            Err(SignOnError::Length { got: 60, .. })
        ));
    }
}
