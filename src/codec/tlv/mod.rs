//! BER-TLV as EMV uses it (EMV Book 3 Annex B): tags of up to 4 bytes, short and long
//! lengths, `00`/`FF` padding between objects, duplicate and unknown tags kept in order. The
//! crate's only BER-TLV parser and encoder, sans-IO:
//!
//! * [`iter`] / [`walk`]: borrowed readers over a byte slice ([`Obj`] values point into the
//!   input, nothing is allocated per object); `find_tag` on either searches one level or the
//!   whole tree.
//! * [`tree`] / [`Tree`]: the whole tree read in place, every object in one vector (values as
//!   slices of the input, children by index); the decode to use when nothing is kept.
//! * [`tree_buf`] / [`TreeBuf`]: the same tree owned in one buffer (the bytes copied once,
//!   objects by offset): the cheap owned form, to keep or send on what was read.
//! * [`parse`] / [`Tlv`]: an owned tree (built on the same reader) for code that keeps,
//!   changes or re-encodes objects.
//! * [`push`] / [`encode`]: the encoder, lengths in the shortest definite form.
//! * [`parse_partial`]: the owned tree of what is well formed, with the offset and reason of
//!   each malformed object and a warning for the `85`–`FF` single-length-byte quirk.
//!
//! All of them read through one grammar of small nom parsers (`ber`: tag, length, header,
//! object); nom's errors become a [`DecodeError`] with the absolute byte offset at each entry
//! point. Constructed objects nest at most [`MAX_DEPTH`] deep, counted explicitly, so a
//! 100 000-deep input ends in an error, never in a stack overflow (which aborts the whole
//! process).
//!
//! `Tlv`'s `Display` and `Debug` (card data masked) are implemented in `codec::emv`, which owns
//! the tag dictionary they need.

/// The accessors every form of a data object has ([`Obj`] and [`Tlv`], both with `tag` and
/// `value` fields): one definition for both.
macro_rules! value_accessors {
    () => {
        /// b6 of the tag's first byte: the value is a sequence of data objects.
        pub fn is_constructed(&self) -> bool {
            self.tag.is_constructed()
        }

        /// Value length in bytes (for a parsed template, padding inside it included).
        pub fn len(&self) -> usize {
            self.value.len()
        }

        /// The value has no bytes.
        pub fn is_empty(&self) -> bool {
            self.value.is_empty()
        }
    };
}
use value_accessors;

mod ber;
mod borrowed;
mod owned;
mod partial;
mod reader;
mod tree;

pub use borrowed::{tree, Children, Node, Tree};
pub use owned::{tree_buf, Level, TreeBuf};
pub use partial::{parse_partial, Partial};
pub use reader::{iter, walk, Iter, Obj, Walk};
pub use tree::{cons, encode, find, find_all, parse, parse_one, prim, Tlv};

use super::nomkit::to_decode_error;
use super::DecodeError;
use std::fmt;

const LAYER: &str = "tlv";

/// Deepest nesting of constructed objects accepted. EMV templates nest 3–4 deep at most
/// (`77` > `70` > `61`, `6F` > `A5` > `BF0C` > `61`).
pub const MAX_DEPTH: usize = 16;

/// Longest tag accepted, in bytes (EMV Book 3 Annex B1: tags of up to 4 bytes in practice).
pub const MAX_TAG_BYTES: usize = 4;

/// A tag of 1 to 4 bytes, held big-endian in a `u32` (`9F27` is `0x9F27`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Tag(pub u32);

impl Tag {
    /// The tag from its bytes as they stand on the wire (at most the last 4 are kept).
    pub fn from_bytes(bytes: &[u8]) -> Tag {
        Tag(bytes.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b)))
    }

    /// The tag's bytes, most significant first, without leading zero bytes.
    pub fn bytes(self) -> Vec<u8> {
        let mut v = Vec::with_capacity(4);
        self.write(&mut v);
        v
    }

    /// Appends the tag's bytes (no leading zero bytes) to `out`.
    pub fn write(self, out: &mut Vec<u8>) {
        let b = self.0.to_be_bytes();
        let skip = b.iter().take(3).take_while(|&&x| x == 0).count();
        out.extend_from_slice(&b[skip..]);
    }

    /// Upper-case hex, `9F27`.
    pub fn to_hex(self) -> String {
        crate::hexfmt::hex(&self.bytes())
    }

    /// The first tag byte.
    pub fn first_byte(self) -> u8 {
        let b = self.0.to_be_bytes();
        b.iter().take(3).copied().find(|&x| x != 0).unwrap_or(b[3])
    }

    /// b6 of the first byte: the value is a sequence of data objects.
    pub fn is_constructed(self) -> bool {
        self.first_byte() & 0x20 != 0
    }

    /// Class from b8–b7 of the first byte.
    pub fn class(self) -> TagClass {
        match self.first_byte() >> 6 {
            0 => TagClass::Universal,
            1 => TagClass::Application,
            2 => TagClass::Context,
            _ => TagClass::Private,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl From<u32> for Tag {
    fn from(v: u32) -> Self {
        Tag(v)
    }
}

impl PartialEq<u32> for Tag {
    fn eq(&self, other: &u32) -> bool {
        self.0 == *other
    }
}

/// BER tag class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagClass {
    Universal,
    Application,
    Context,
    Private,
}

/// Appends one data object: the tag's bytes, the BER length of `value` ([`encode_len`]), the
/// value. For a constructed tag `value` is the already-encoded children.
pub fn push(out: &mut Vec<u8>, tag: u32, value: &[u8]) {
    Tag(tag).write(out);
    encode_len(value.len(), out);
    out.extend_from_slice(value);
}

/// Appends a BER definite length in its shortest form: one byte up to 127, then `81 xx` up to
/// 255, `82 xx xx` up to 65 535, and `83`/`84` beyond (EMV Book 3 Annex B2).
pub fn encode_len(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
        return;
    }
    let b = (len as u64).to_be_bytes();
    let skip = b.iter().take_while(|&&x| x == 0).count();
    let n = b.len() - skip;
    out.push(0x80 | n as u8);
    out.extend_from_slice(&b[skip..]);
}

/// Reads one tag (no length) at the start of `bytes`; used by DOL parsing. `base` is the
/// absolute offset of `bytes[0]`, for errors. Returns the tag and its length in bytes.
///
/// # Errors
/// `Truncated` when the input ends inside the tag, `TooLong` for a tag of more than
/// [`MAX_TAG_BYTES`] bytes (EMV Book 3 Annex B1).
pub fn read_tag(bytes: &[u8], base: usize) -> Result<(Tag, usize), DecodeError> {
    ber::tag(bytes)
        .map(|(rest, tag)| (tag, bytes.len() - rest.len()))
        .map_err(|e| to_decode_error(LAYER, bytes, base, e))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn lengths_take_one_two_or_three_bytes() {
        for (len, head) in [
            (0usize, vec![0x00]),
            (127, vec![0x7F]),
            (128, vec![0x81, 0x80]),
            (255, vec![0x81, 0xFF]),
            (256, vec![0x82, 0x01, 0x00]),
            (65_535, vec![0x82, 0xFF, 0xFF]),
            (65_536, vec![0x83, 0x01, 0x00, 0x00]),
        ] {
            let mut out = Vec::new();
            encode_len(len, &mut out);
            assert_eq!(out, head, "{len}");
        }
    }

    #[test]
    fn push_writes_tag_length_value() {
        let mut out = Vec::new();
        push(&mut out, 0x9F38, &[0x9F, 0x1A, 0x02]);
        push(&mut out, 0x88, &[0x01]);
        assert_eq!(out, [0x9F, 0x38, 0x03, 0x9F, 0x1A, 0x02, 0x88, 0x01, 0x01]);
        assert_eq!(Tag::from_bytes(&[0x9F, 0x38]), Tag(0x9F38));
        assert_eq!(Tag(0xDF8101).bytes(), [0xDF, 0x81, 0x01]);
        assert_eq!(Tag(0x00).bytes(), [0x00]);
        assert_eq!(Tag(0x9F27).first_byte(), 0x9F);
        assert_eq!(Tag(0x5A).first_byte(), 0x5A);
    }
}
