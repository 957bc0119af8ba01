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
use crate::codec::iso8583::signon::{key_slots, push_slot, KeySlot, CHECK_VALUE_LEN};
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
    push_slot(out, &key.wrap(tmk)?, width, &key.check_value().0);
    Ok(())
}

/// Field 62 of the 0810: each key encrypted under `tmk`, each followed by its check value
/// (the slots of `codec::iso8583::signon`).
pub fn pack(layout: SignOnLayout, keys: &WorkingKeys, tmk: &Key) -> Result<Vec<u8>, CryptoError> {
    let width = layout.key_width();
    let mut out = Vec::with_capacity(packed_len(layout));
    push_key(&mut out, &keys.pik, tmk, width)?;
    push_key(&mut out, &keys.mak, tmk, width)?;
    if let (Some(t), 3) = (&keys.tdk, layout.key_count()) {
        push_key(&mut out, t, tmk, width)?;
    }
    Ok(out)
}

/// The length field 62 has for `layout`: its slots, each key then its check value.
pub fn packed_len(layout: SignOnLayout) -> usize {
    layout.key_count() * (layout.key_width() + CHECK_VALUE_LEN)
}

/// Opens one key slot: decrypts it under `tmk` as a `kind` key and checks its check value.
fn open_key(
    slot: &KeySlot<'_>,
    kind: KeyKind,
    tmk: &Key,
    name: &'static str,
) -> Result<Key, SignOnError> {
    let cipher = slot.cipher.get(..kind.key_len()).unwrap_or(slot.cipher);
    let key = Key::unwrap(tmk, kind, cipher)?;
    if key.check_value().0 != slot.check_value {
        return Err(SignOnError::CheckValue { key: name });
    }
    Ok(key)
}

/// The terminal's side: decrypts field 62 of an 0810 under its master key and checks every
/// check value.
pub fn unpack(layout: SignOnLayout, de62: &[u8], tmk: &Key) -> Result<WorkingKeys, SignOnError> {
    let length = || SignOnError::Length {
        code: layout.code(),
        got: de62.len(),
        want: packed_len(layout),
    };
    let slots = key_slots(de62, layout.key_width(), layout.key_count()).ok_or_else(length)?;
    let [pik, mak, tdk @ ..] = slots.as_slice() else {
        return Err(length());
    };
    let (kind, mak_kind) = match layout {
        SignOnLayout::Single => (KeyKind::Des, KeyKind::Des),
        SignOnLayout::Double | SignOnLayout::DoubleTrack if mak.zero_padded() => {
            (KeyKind::Tdes2, KeyKind::Des)
        }
        SignOnLayout::Double | SignOnLayout::DoubleTrack => (KeyKind::Tdes2, KeyKind::Tdes2),
        SignOnLayout::Sm4 => (KeyKind::Sm4, KeyKind::Sm4),
    };
    Ok(WorkingKeys {
        pik: open_key(pik, kind, tmk, "PIK")?,
        mak: open_key(mak, mak_kind, tmk, "MAK")?,
        tdk: tdk
            .first()
            .map(|t| open_key(t, kind, tmk, "TDK"))
            .transpose()?,
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
