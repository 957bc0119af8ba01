//! BER-TLV as EMV uses it (EMV Book 3 Annex B): tags of up to 4 bytes, short and long
//! lengths, constructed objects parsed into children under a nesting cap, `00`/`FF` padding
//! between objects, duplicate and unknown tags kept in order. Parse and encode, sans-IO.
//!
//! The walker is hand-written rather than nom-based: it needs absolute byte offsets in its
//! errors and an explicit depth counter, and a 100 000-deep input must end in an error, never
//! in a stack overflow (which aborts the whole process).

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
    /// The tag's bytes, most significant first, without leading zero bytes.
    pub fn bytes(self) -> Vec<u8> {
        let b = self.0.to_be_bytes();
        let skip = b.iter().take(3).take_while(|&&x| x == 0).count();
        b[skip..].to_vec()
    }

    /// Upper-case hex, `9F27`.
    pub fn to_hex(self) -> String {
        crate::hexfmt::hex(&self.bytes())
    }

    /// The first tag byte.
    pub fn first_byte(self) -> u8 {
        self.bytes().first().copied().unwrap_or(0)
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

/// One data object. For constructed tags `value` holds the raw content bytes and `children`
/// the objects parsed from them; for primitive tags `children` is empty.
///
/// `Debug` and `Display` show values the way `cardbench decode tlv` does: card-data tags
/// (`5A`, `57`, …) masked, so a `{:?}` in a log line never carries a clear PAN.
#[derive(Clone, PartialEq, Eq)]
pub struct Tlv {
    pub tag: Tag,
    pub value: Vec<u8>,
    pub children: Vec<Tlv>,
    /// Offset of the first tag byte in the input given to [`parse`] (0 for built objects).
    pub offset: usize,
}

impl Tlv {
    pub fn is_constructed(&self) -> bool {
        self.tag.is_constructed()
    }

    /// Value length in bytes as parsed (padding inside a template included) or as built by
    /// [`cons`]. After changing `children` by hand, call [`Tlv::rebuild`].
    pub fn len(&self) -> usize {
        self.value.len()
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

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

impl fmt::Debug for Tlv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Tlv");
        d.field("tag", &format_args!("{}", self.tag));
        d.field("len", &self.len());
        if self.is_constructed() {
            d.field("children", &self.children);
        } else {
            d.field(
                "value",
                &format_args!("{}", super::emv::display_value(self.tag.0, &self.value)),
            );
        }
        d.field("offset", &self.offset).finish()
    }
}

/// One line: `9F27 [1] 80 (ARQC)`, or `70 [29] { 5A [8] 621234******1232 57 [17] … }`.
impl fmt::Display for Tlv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.tag, self.len())?;
        if self.is_constructed() {
            f.write_str(" {")?;
            for c in &self.children {
                write!(f, " {c}")?;
            }
            f.write_str(" }")
        } else {
            write!(f, " {}", super::emv::display_value(self.tag.0, &self.value))
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
pub fn parse(bytes: &[u8]) -> Result<Vec<Tlv>, DecodeError> {
    parse_at(bytes, 0, 0)
}

/// Parses exactly one data object at the start of `bytes` and returns it with the number
/// of bytes it used (trailing bytes are left to the caller).
pub fn parse_one(bytes: &[u8]) -> Result<(Tlv, usize), DecodeError> {
    let (head, hlen) = read_header(bytes, 0)?;
    let end = hlen
        .checked_add(head.len)
        .ok_or_else(|| too_long(head.len_offset))?;
    let value = &bytes[hlen..end];
    let children = if head.tag.is_constructed() {
        parse_at(value, hlen, 1)?
    } else {
        Vec::new()
    };
    Ok((
        Tlv {
            tag: head.tag,
            value: value.to_vec(),
            children,
            offset: 0,
        },
        end,
    ))
}

struct Header {
    tag: Tag,
    len: usize,
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

/// Parses the objects in `bytes`, whose first byte is at absolute offset `base`, at nesting
/// level `depth`. Recursion is bounded by [`MAX_DEPTH`].
fn parse_at(bytes: &[u8], base: usize, depth: usize) -> Result<Vec<Tlv>, DecodeError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        if b == 0x00 || b == 0xFF {
            pos += 1;
            continue;
        }
        let here = base.saturating_add(pos);
        let (head, hlen) = read_header(&bytes[pos..], here)?;
        let start = pos + hlen;
        // read_header guaranteed start + len <= bytes.len().
        let end = start + head.len;
        let value = &bytes[start..end];
        let children = if head.tag.is_constructed() {
            if depth >= MAX_DEPTH {
                return Err(DecodeError::new(
                    LAYER,
                    DecodeErrorKind::TooDeep,
                    here,
                    format!("nesting of at most {MAX_DEPTH} constructed objects"),
                ));
            }
            parse_at(value, base.saturating_add(start), depth + 1)?
        } else {
            Vec::new()
        };
        out.push(Tlv {
            tag: head.tag,
            value: value.to_vec(),
            children,
            offset: here,
        });
        pos = end;
    }
    Ok(out)
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
    out.extend_from_slice(&t.tag.bytes());
    let content = t.content();
    encode_len(content.len(), out);
    out.extend_from_slice(&content);
}

/// Appends a BER length.
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

/// Reads one tag (no length) at the start of `bytes`; used by DOL parsing. Returns the tag and
/// its length in bytes.
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
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
    fn debug_and_display_mask_card_data() {
        let t = cons(
            0x70,
            vec![
                prim(0x5A, parse_hex("6212345678901232").unwrap()),
                prim(0x9F27, [0x80]),
            ],
        );
        let d = format!("{t:?} {t}");
        assert!(crate::sensitive::find_clear_pan(&d).is_none(), "{d}");
        assert!(d.contains("621234******1232"), "{d}");
        assert_eq!(
            t.to_string(),
            "70 [14] { 5A [8] 621234******1232 9F27 [1] 80 (ARQC) }"
        );
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
