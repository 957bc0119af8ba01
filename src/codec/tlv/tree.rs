//! The owned BER-TLV tree: [`Tlv`] objects with their children, copied from the tree read in
//! place, built with [`prim`] / [`cons`] and encoded back.

use super::ber::object;
use super::borrowed::Children;
use super::{encode_len, DecodeError, Tag, LAYER};
use crate::codec::nomkit::to_decode_error;

/// One data object. For constructed tags `value` holds the raw content bytes and `children`
/// the objects parsed from them; for primitive tags `children` is empty.
///
/// `Debug` and `Display` (in `codec::emv`) show values the way `cardbench decode tlv` does:
/// card-data tags (`5A`, `57`, …) masked, so a `{:?}` in a log line never carries a clear PAN.
#[derive(Clone, PartialEq, Eq)]
pub struct Tlv {
    pub tag: Tag,
    pub value: Vec<u8>,
    pub children: Vec<Tlv>,
    /// Offset of the first tag byte in the input given to [`parse`] (0 for built objects).
    pub offset: usize,
}

impl Tlv {
    // `len` is the value length as parsed or as built by [`cons`]; after changing `children`
    // by hand, call [`Tlv::rebuild`].
    super::value_accessors!();

    /// Recomputes `value` of constructed objects from their children, bottom-up.
    pub fn rebuild(&mut self) {
        for c in &mut self.children {
            c.rebuild();
        }
        if self.is_constructed() && !self.children.is_empty() {
            self.value = encode(&self.children);
        }
    }

    /// The content bytes as they would be encoded: children for constructed objects that have
    /// any, the raw value otherwise.
    pub fn content(&self) -> std::borrow::Cow<'_, [u8]> {
        if self.is_constructed() && !self.children.is_empty() {
            std::borrow::Cow::Owned(encode(&self.children))
        } else {
            std::borrow::Cow::Borrowed(&self.value)
        }
    }

    /// The same tree with every `offset` set to 0 (to compare parsed and built trees).
    pub fn without_offsets(&self) -> Tlv {
        Tlv {
            tag: self.tag,
            value: self.value.clone(),
            children: self.children.iter().map(Tlv::without_offsets).collect(),
            offset: 0,
        }
    }
}

/// A primitive object.
pub fn prim(tag: u32, value: impl Into<Vec<u8>>) -> Tlv {
    Tlv {
        tag: Tag(tag),
        value: value.into(),
        children: Vec::new(),
        offset: 0,
    }
}

/// A constructed object; `value` is filled with the encoded children.
pub fn cons(tag: u32, children: Vec<Tlv>) -> Tlv {
    Tlv {
        tag: Tag(tag),
        value: encode(&children),
        children,
        offset: 0,
    }
}

/// Parses a sequence of data objects. Padding bytes `00`/`FF` between objects are skipped.
/// Errors name the absolute byte offset (EMV Book 3 Annex B).
pub fn parse(bytes: &[u8]) -> Result<Vec<Tlv>, DecodeError> {
    Ok(owned(super::tree(bytes)?.roots()))
}

/// Owned objects of one level of a tree read in place: each level allocated once, at its
/// size. Recursion is bounded by the reader's depth cap.
fn owned(level: Children<'_, '_>) -> Vec<Tlv> {
    let mut out = Vec::with_capacity(level.clone().count());
    for n in level {
        out.push(Tlv {
            tag: n.tag,
            value: n.value.to_vec(),
            children: owned(n.children()),
            offset: n.offset,
        });
    }
    out
}

/// Parses exactly one data object at the start of `bytes` and returns it with the number
/// of bytes it used (trailing bytes are left to the caller).
pub fn parse_one(bytes: &[u8]) -> Result<(Tlv, usize), DecodeError> {
    let (rest, _) = object(bytes).map_err(|e| to_decode_error(LAYER, bytes, 0, e))?;
    let used = bytes.len() - rest.len();
    let one = owned(super::tree(bytes.get(..used).unwrap_or_default())?.roots());
    match one.into_iter().next() {
        Some(t) => Ok((t, used)),
        // `object` read one, so the tree of its bytes has it.
        None => Err(DecodeError::truncated(LAYER, 0, "a data object")),
    }
}

/// Encodes objects; constructed objects with children are built from their children,
/// others from `value`. Lengths use the shortest form (`81`/`82`/`83`/`84` when needed).
pub fn encode(items: &[Tlv]) -> Vec<u8> {
    let mut out = Vec::new();
    for t in items {
        encode_into(t, &mut out);
    }
    out
}

fn encode_into(t: &Tlv, out: &mut Vec<u8>) {
    t.tag.write(out);
    let content = t.content();
    encode_len(content.len(), out);
    out.extend_from_slice(&content);
}

/// Depth-first, pre-order search for the first object with `tag`.
pub fn find(items: &[Tlv], tag: u32) -> Option<&Tlv> {
    // Explicit stack: built trees (not only parsed ones) may be deep.
    let mut stack: Vec<&Tlv> = items.iter().rev().collect();
    while let Some(t) = stack.pop() {
        if t.tag.0 == tag {
            return Some(t);
        }
        stack.extend(t.children.iter().rev());
    }
    None
}

/// Every object with `tag`, depth-first, in order.
pub fn find_all(items: &[Tlv], tag: u32) -> Vec<&Tlv> {
    let mut out = Vec::new();
    let mut stack: Vec<&Tlv> = items.iter().rev().collect();
    while let Some(t) = stack.pop() {
        if t.tag.0 == tag {
            out.push(t);
        }
        stack.extend(t.children.iter().rev());
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::codec::DecodeErrorKind;
    use crate::hexfmt::parse_hex;

    #[test]
    fn gpo_format2() {
        let b = parse_hex("770E82027C0094080801010010010200").unwrap();
        let t = parse(&b).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].tag, 0x77);
        assert_eq!(t[0].children.len(), 2);
        assert_eq!(t[0].children[0].value, vec![0x7C, 0x00]);
        assert_eq!(t[0].children[1].offset, 6);
        assert_eq!(encode(&t), b);
        assert_eq!(find(&t, 0x94).unwrap().value.len(), 8);
    }

    #[test]
    fn long_lengths_and_truncation() {
        let mut b = vec![0x9F, 0x10, 0x81, 0x80];
        b.extend(std::iter::repeat_n(0xAB, 0x80));
        let t = parse(&b).unwrap();
        assert_eq!(t[0].value.len(), 128);
        assert_eq!(encode(&t), b);
        let e = parse(&[0x9F, 0x10, 0x83, 0xFF, 0xFF, 0xFF, 0x01, 0x02]).unwrap_err();
        assert_eq!(e.kind, DecodeErrorKind::Truncated);
        assert_eq!(e.offset, 2);
        let e = parse(&[0x5A, 0x05, 0x01]).unwrap_err();
        assert_eq!(e.kind, DecodeErrorKind::Truncated);
    }

    #[test]
    fn padding_and_duplicates() {
        let b = parse_hex("00 61 03 4F 01 AA FF 61 03 4F 01 BB 00 00").unwrap();
        let t = parse(&b).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(find_all(&t, 0x4F).len(), 2);
    }

    #[test]
    fn deep_nesting_refused() {
        let depth = 100_000;
        let mut b = Vec::new();
        // 100 000 nested `70 84 LL LL LL LL` headers around one primitive.
        for i in 0..depth {
            let inner = (depth - i - 1) * 6 + 3;
            b.push(0x70);
            b.push(0x84);
            b.extend_from_slice(&(inner as u32).to_be_bytes());
        }
        b.extend_from_slice(&[0x5A, 0x01, 0x00]);
        let e = parse(&b).unwrap_err();
        assert_eq!(e.kind, DecodeErrorKind::TooDeep);
    }
}
