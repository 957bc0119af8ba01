//! Field 62 of a CUPS sign-on reply (0810) as bytes: working-key slots, each an encrypted key
//! padded to its slot width then its 4-byte check value (protocols.md §6.3, notes §1.4). The
//! one reader (strict and lenient) and writer of that layout; which layout has which widths
//! is `host::acquirer::SignOnLayout`'s, and the keys themselves are `crypto`'s.

use nom::bytes::complete::take;
use nom::combinator::{all_consuming, rest};
use nom::multi::{count, many0};
use nom::Parser;
use std::fmt;

/// Bytes of a key check value after each key (the first 4 bytes of the key's encryption of
/// zeros).
pub const CHECK_VALUE_LEN: usize = 4;

/// Slot width of a single-length (DES) key.
const SINGLE: usize = 8;

/// One key slot of field 62, borrowed: the encrypted key (`width` bytes, zero-padded) and its
/// check value. Its `Debug` shows the check value and the key's length only: a cryptogram of
/// a live key is key material.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct KeySlot<'a> {
    /// The key encrypted under the terminal master key, padded with zeros to the slot width.
    pub cipher: &'a [u8],
    /// The key's check value, [`CHECK_VALUE_LEN`] bytes.
    pub check_value: &'a [u8],
}

impl KeySlot<'_> {
    /// Whether a 16-byte slot holds a single-length key: a single MAK in layouts 003/004 leaves
    /// the slot's second half zero, which is how a terminal tells it from a double one.
    pub fn zero_padded(&self) -> bool {
        self.cipher.len() == 2 * SINGLE && self.cipher[SINGLE..].iter().all(|&b| b == 0)
    }
}

impl fmt::Debug for KeySlot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cv: String = self
            .check_value
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        write!(
            f,
            "KeySlot {{ {} key bytes, check value {cv} }}",
            self.cipher.len()
        )
    }
}

/// The parsers of this module fail with nothing: each entry point says what that means.
type Res1<'a, T> = nom::IResult<&'a [u8], T, ()>;

/// One slot of `width` key bytes and its check value.
fn slot<'a>(width: usize) -> impl Parser<&'a [u8], Output = KeySlot<'a>, Error = ()> {
    (take(width), take(CHECK_VALUE_LEN)).map(|(cipher, check_value)| KeySlot {
        cipher,
        check_value,
    })
}

/// Exactly `slots` key slots of `width` bytes each, nothing after: what a terminal accepts.
/// `None` when field 62 is any other length.
pub fn key_slots(de62: &[u8], width: usize, slots: usize) -> Option<Vec<KeySlot<'_>>> {
    let parsed: Res1<'_, _> = all_consuming(count(slot(width), slots)).parse(de62);
    parsed.ok().map(|(_, s)| s)
}

/// Every complete slot of `width` bytes, then the length of a last slot cut short (`None`
/// when the field ends on a slot boundary): what `decode` shows of a field 62 whatever its
/// length.
pub fn key_slots_lenient(de62: &[u8], width: usize) -> (Vec<KeySlot<'_>>, Option<usize>) {
    let parsed: Res1<'_, _> = (many0(slot(width)), rest).parse(de62);
    match parsed {
        Ok((_, (slots, left))) => (slots, (!left.is_empty()).then_some(left.len())),
        // Unreachable (`many0` and `rest` do not fail on bytes); said as "all cut short".
        Err(_) => (Vec::new(), (!de62.is_empty()).then_some(de62.len())),
    }
}

/// Appends one slot: `cipher` zero-padded (or cut) to `width`, then `check_value`.
pub fn push_slot(out: &mut Vec<u8>, cipher: &[u8], width: usize, check_value: &[u8]) {
    let start = out.len();
    out.extend(cipher.iter().take(width));
    out.resize(start + width, 0);
    out.extend_from_slice(check_value);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn field(width: usize, keys: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            push_slot(&mut out, k, width, &[i as u8 + 1; 4]);
        }
        out
    }

    #[test]
    fn strict_reads_exactly_the_slots_written() {
        let de62 = field(16, &[&[0x11; 16], &[0x22; 8], &[0x33; 16]]);
        assert_eq!(de62.len(), 60);
        let s = key_slots(&de62, 16, 3).unwrap();
        assert_eq!(s[1].cipher, &[[0x22; 8], [0; 8]].concat()[..]);
        assert_eq!(s[1].check_value, &[2; 4]);
        assert!(s[1].zero_padded() && !s[0].zero_padded());
        assert_eq!(key_slots(&de62, 16, 2), None);
        assert_eq!(key_slots(&de62[..59], 16, 3), None);
        let single = field(8, &[&[0x11; 8], &[0x22; 8]]);
        assert_eq!(key_slots(&single, 8, 2).unwrap().len(), 2);
        assert!(!key_slots(&single, 8, 2).unwrap()[0].zero_padded());
    }

    #[test]
    fn lenient_keeps_what_is_cut_short() {
        let de62 = field(8, &[&[0x11; 8], &[0x22; 8]]);
        assert_eq!(key_slots_lenient(&de62, 8).0.len(), 2);
        assert_eq!(key_slots_lenient(&de62, 8).1, None);
        let (s, short) = key_slots_lenient(&de62[..20], 8);
        assert_eq!((s.len(), short), (1, Some(8)));
        assert_eq!(key_slots_lenient(&[], 16), (Vec::new(), None));
        assert_eq!(key_slots_lenient(&[1, 2], 16), (Vec::new(), Some(2)));
    }

    #[test]
    fn debug_shows_no_key_bytes() {
        let de62 = field(16, &[&[0xAB; 16]]);
        let d = format!("{:?}", key_slots(&de62, 16, 1).unwrap());
        assert!(!d.contains("AB") && !d.contains("171"), "{d}");
        assert!(d.contains("16 key bytes, check value 01010101"), "{d}");
    }
}
