//! BER-TLV as EMV uses it (EMV Book 3 Annex B): tags of up to 4 bytes, short and long
//! lengths, `00`/`FF` padding between objects, duplicate and unknown tags kept in order. The
//! crate's only BER-TLV parser and encoder, sans-IO:
//!
//! * [`iter`] / [`walk`]: borrowed readers over a byte slice ([`Obj`] values point into the
//!   input, nothing is allocated per object); `find_tag` on either searches one level or the
//!   whole tree.
//! * [`parse`] / [`Tlv`]: an owned tree (built on the same reader) for code that keeps,
//!   changes or re-encodes objects.
//! * [`push`] / [`encode`]: the encoder, lengths in the shortest definite form.
//! * [`parse_partial`]: the owned tree of what is well formed, with the offset and reason of
//!   each malformed object and a warning for the `85`–`FF` single-length-byte quirk.
//!
//! Constructed objects nest at most [`MAX_DEPTH`] deep. The reader is hand-written rather than
//! nom-based: it needs absolute byte offsets in its errors and an explicit depth counter, and a
//! 100 000-deep input must end in an error, never in a stack overflow (which aborts the whole
//! process).
//!
//! `Tlv`'s `Display` and `Debug` (card data masked) are implemented in `codec::emv`, which owns
//! the tag dictionary they need.

mod partial;
mod reader;
mod tree;

pub use partial::{parse_partial, Partial};
pub use reader::{iter, walk, Iter, Obj, Walk};
pub use tree::{cons, encode, find, find_all, parse, parse_one, prim, Tlv};

use super::{DecodeError, DecodeErrorKind};
use std::fmt;

const LAYER: &str = "tlv";

/// Deepest nesting of constructed objects accepted. EMV templates nest 3–4 deep at most
/// (`77` > `70` > `61`, `6F` > `A5` > `BF0C` > `61`).
pub const MAX_DEPTH: usize = 16;

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
pub fn read_tag(bytes: &[u8], base: usize) -> Result<(Tag, usize), DecodeError> {
    let first = *bytes
        .first()
        .ok_or_else(|| DecodeError::truncated(LAYER, base, "a tag byte"))?;
    let mut tag = u32::from(first);
    let mut i = 1;
    if first & 0x1F == 0x1F {
        loop {
            let b = *bytes.get(i).ok_or_else(|| {
                DecodeError::truncated(LAYER, base.saturating_add(i), "a subsequent tag byte")
            })?;
            if i >= 4 {
                return Err(DecodeError::new(
                    LAYER,
                    DecodeErrorKind::TooLong,
                    base.saturating_add(i),
                    "a tag of at most 4 bytes",
                ));
            }
            tag = (tag << 8) | u32::from(b);
            i += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    Ok((Tag(tag), i))
}

/// Tag and length of one object.
struct Header {
    tag: Tag,
    /// Value length in bytes.
    len: usize,
    /// Absolute offset of the first length byte.
    len_offset: usize,
}

fn too_long(offset: usize) -> DecodeError {
    DecodeError::new(
        LAYER,
        DecodeErrorKind::TooLong,
        offset,
        "a length that fits",
    )
}

/// Reads tag and length at `bytes[0..]`; `base` is the absolute offset of `bytes[0]`.
/// Returns the header and the header's length; guarantees that the value fits in `bytes`.
fn read_header(bytes: &[u8], base: usize) -> Result<(Header, usize), DecodeError> {
    // Fast path, most EMV objects: a one-byte tag and a short length that fits.
    if let [t, l, rest @ ..] = bytes {
        if t & 0x1F != 0x1F && l & 0x80 == 0 && usize::from(*l) <= rest.len() {
            let header = Header {
                tag: Tag(u32::from(*t)),
                len: usize::from(*l),
                len_offset: base.saturating_add(1),
            };
            return Ok((header, 2));
        }
    }
    let abs = |i: usize| base.saturating_add(i);
    let (tag, mut i) = read_tag(bytes, base)?;
    let len_offset = i;
    let l0 = *bytes
        .get(i)
        .ok_or_else(|| DecodeError::truncated(LAYER, abs(i), "a length byte"))?;
    i += 1;
    let len = if l0 & 0x80 == 0 {
        usize::from(l0)
    } else {
        let n = usize::from(l0 & 0x7F);
        if n == 0 {
            return Err(DecodeError::invalid(
                LAYER,
                abs(len_offset),
                "a definite length (indefinite length 80 is not used in EMV)",
            ));
        }
        if n > 4 {
            return Err(DecodeError::new(
                LAYER,
                DecodeErrorKind::TooLong,
                abs(len_offset),
                "a length of at most 4 length bytes (81..84)",
            ));
        }
        let mut len: usize = 0;
        for _ in 0..n {
            let b = *bytes.get(i).ok_or_else(|| {
                DecodeError::truncated(LAYER, abs(i), format!("{n} length bytes after {l0:02X}"))
            })?;
            len = len
                .checked_mul(256)
                .and_then(|l| l.checked_add(usize::from(b)))
                .ok_or_else(|| too_long(abs(len_offset)))?;
            i += 1;
        }
        len
    };
    let have = bytes.len() - i;
    if len > have {
        return Err(DecodeError::truncated(
            LAYER,
            abs(len_offset),
            format!("{len} value bytes for tag {tag} ({have} left in input)"),
        ));
    }
    Ok((
        Header {
            tag,
            len,
            len_offset: abs(len_offset),
        },
        i,
    ))
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
