//! Borrowed BER-TLV readers: [`Iter`] over one level of objects, [`Walk`] over every object of
//! a tree, depth first. Values are slices of the input; nothing is allocated per object, and a
//! walk allocates nothing at all: a tree's objects lie in pre-order in the bytes, so the walk is
//! one cursor plus the end offsets of the open constructed objects (at most [`MAX_DEPTH`]).

use super::ber::{object, padding};
use super::{DecodeError, Tag, LAYER, MAX_DEPTH};
use crate::codec::nomkit::{offset_in, to_decode_error};
use crate::codec::DecodeErrorKind;
use std::fmt;

/// One data object seen in place. `value` borrows from the input; for a constructed object it
/// is the encoded children (read them with [`Obj::children`]).
///
/// `Debug` shows the tag, the length and the offsets, never the value (it may be card data).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Obj<'a> {
    pub tag: Tag,
    pub value: &'a [u8],
    /// Offset of the first tag byte in the input given to [`iter`] or [`walk`].
    pub offset: usize,
    /// Offset of the first value byte in that input.
    pub value_offset: usize,
    /// Nesting level: 0 for the objects of the input's top level.
    pub depth: usize,
}

impl<'a> Obj<'a> {
    super::value_accessors!();

    /// The objects directly inside a constructed object (nothing for a primitive one). A
    /// constructed object at depth [`MAX_DEPTH`] yields one `TooDeep` error instead.
    pub fn children(&self) -> Iter<'a> {
        let (bytes, too_deep) = self.inside();
        Iter {
            rest: bytes,
            pos: self.value_offset,
            depth: self.depth.saturating_add(1),
            too_deep,
            done: false,
        }
    }

    /// Every object inside this one, depth first (not this object itself).
    pub fn descendants(&self) -> Walk<'a> {
        let (bytes, too_deep) = self.inside();
        let mut w = Walk::over(bytes, self.value_offset, self.depth.saturating_add(1));
        w.too_deep = too_deep;
        w
    }

    /// The first object with `tag` anywhere inside this one.
    pub fn find(&self, tag: u32) -> Option<Obj<'a>> {
        self.descendants().find_tag(tag)
    }

    /// The bytes holding this object's children (none for a primitive object), and the offset
    /// of a `TooDeep` error when the children would nest beyond [`MAX_DEPTH`].
    fn inside(&self) -> (&'a [u8], Option<usize>) {
        if !self.is_constructed() {
            (&[], None)
        } else if self.depth >= MAX_DEPTH {
            (self.value, Some(self.offset))
        } else {
            (self.value, None)
        }
    }
}

/// The error a constructed object at [`MAX_DEPTH`] gives instead of its children.
fn too_deep(offset: usize) -> DecodeError {
    DecodeError::new(
        LAYER,
        DecodeErrorKind::TooDeep,
        offset,
        format!("nesting of at most {MAX_DEPTH} constructed objects"),
    )
}

impl fmt::Debug for Obj<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Obj")
            .field("tag", &format_args!("{}", self.tag))
            .field("len", &self.value.len())
            .field("offset", &self.offset)
            .field("depth", &self.depth)
            .finish()
    }
}

/// What [`read`] found at the start of a level's remaining bytes.
enum Read<'a> {
    /// Only padding up to the end.
    End,
    /// An object, and the bytes after it.
    Obj(Obj<'a>, &'a [u8]),
}

/// Skips `00`/`FF` padding, then reads one object from `rest`, whose first byte is at absolute
/// offset `pos`; the object is given `depth`. Errors carry absolute offsets.
#[inline(always)]
fn read(rest: &[u8], pos: usize, depth: usize) -> Result<Read<'_>, DecodeError> {
    let at = match rest.first() {
        // Padding is rare: look before running the padding parser.
        Some(&b) if b != 0x00 && b != 0xFF => rest,
        None => return Ok(Read::End),
        Some(_) => match padding(rest) {
            Ok(([], _)) => return Ok(Read::End),
            Ok((r, _)) => r,
            Err(e) => return Err(to_decode_error(LAYER, rest, pos, e)),
        },
    };
    match object(at) {
        Ok((after, (tag, value))) => Ok(Read::Obj(
            Obj {
                tag,
                value,
                offset: pos.saturating_add(offset_in(rest, at)),
                value_offset: pos.saturating_add(offset_in(rest, value)),
                depth,
            },
            after,
        )),
        Err(e) => Err(to_decode_error(LAYER, rest, pos, e)),
    }
}

/// The objects of one level of a TLV byte string, in order; `00`/`FF` padding between them is
/// skipped. Yields `Err` once at the first malformed object, then ends.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    /// What is left of the level to read.
    rest: &'a [u8],
    /// Absolute offset of `rest[0]`.
    pos: usize,
    depth: usize,
    /// The offset of a `TooDeep` error to yield before anything else (depth cap reached by the
    /// parent).
    too_deep: Option<usize>,
    done: bool,
}

/// The top-level objects of `bytes` (offsets count from `bytes[0]`).
pub fn iter(bytes: &[u8]) -> Iter<'_> {
    Iter {
        rest: bytes,
        pos: 0,
        depth: 0,
        too_deep: None,
        done: false,
    }
}

/// Every object of `bytes`, constructed ones before their children (pre-order), each with its
/// depth. Yields `Err` once at the first malformed object, then ends.
pub fn walk(bytes: &[u8]) -> Walk<'_> {
    Walk::over(bytes, 0, 0)
}

impl<'a> Iter<'a> {
    /// The first object of this level with `tag`; `None` when there is none before the end or
    /// the first malformed object.
    pub fn find_tag(self, tag: u32) -> Option<Obj<'a>> {
        self.map_while(Result::ok).find(|o| o.tag == tag)
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = Result<Obj<'a>, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Some(at) = self.too_deep.take() {
            self.done = true;
            return Some(Err(too_deep(at)));
        }
        match read(self.rest, self.pos, self.depth) {
            Ok(Read::End) => {
                self.done = true;
                None
            }
            Ok(Read::Obj(obj, after)) => {
                self.pos = self.pos.saturating_add(offset_in(self.rest, after));
                self.rest = after;
                Some(Ok(obj))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Depth-first walk over a TLV tree (see [`walk`]): one cursor over the bytes and the end of
/// each open constructed object, innermost last, so it holds no more than [`MAX_DEPTH`] ends
/// and allocates nothing.
#[derive(Clone, Debug)]
pub struct Walk<'a> {
    /// The bytes walked (the input, or a constructed object's value).
    bytes: &'a [u8],
    /// Absolute offset of `bytes[0]`.
    base: usize,
    /// Position in `bytes` of the next byte to read.
    pos: usize,
    /// Ends (positions in `bytes`) of the open constructed objects; `open` of them are in use.
    ends: [usize; MAX_DEPTH],
    open: usize,
    /// Depth of the objects at `bytes`' own level.
    depth: usize,
    /// The offset of a `TooDeep` error to yield next.
    too_deep: Option<usize>,
    done: bool,
}

impl<'a> Walk<'a> {
    fn over(bytes: &'a [u8], base: usize, depth: usize) -> Walk<'a> {
        Walk {
            bytes,
            base,
            pos: 0,
            ends: [0; MAX_DEPTH],
            open: 0,
            depth,
            too_deep: None,
            done: false,
        }
    }

    /// The first object with `tag` at any depth; `None` when there is none before the end or
    /// the first malformed object.
    pub fn find_tag(self, tag: u32) -> Option<Obj<'a>> {
        self.map_while(Result::ok).find(|o| o.tag == tag)
    }

    /// Where the innermost open level ends (the end of the bytes at the top level).
    fn level_end(&self) -> usize {
        match self.open.checked_sub(1).and_then(|k| self.ends.get(k)) {
            Some(&end) => end,
            None => self.bytes.len(),
        }
    }

    /// Enters the constructed object just read, whose value starts at `value_at` and ends at
    /// `self.pos`; `false` when its children would be too deep.
    fn enter(&mut self, obj: &Obj<'a>, value_at: usize) -> bool {
        let end = self.pos;
        match self.ends.get_mut(self.open) {
            Some(slot) if obj.depth < MAX_DEPTH => {
                *slot = end;
                self.open += 1;
                self.pos = value_at;
                true
            }
            _ => false,
        }
    }
}

impl<'a> Walk<'a> {
    /// The walk's step ([`Iterator::next`]), inlined into the tree builder.
    #[inline(always)]
    pub(super) fn advance(&mut self) -> Option<Result<Obj<'a>, DecodeError>> {
        if self.done {
            return None;
        }
        if let Some(at) = self.too_deep.take() {
            self.done = true;
            return Some(Err(too_deep(at)));
        }
        loop {
            let end = self.level_end();
            let rest = self.bytes.get(self.pos..end).unwrap_or_default();
            let at = self.base.saturating_add(self.pos);
            match read(rest, at, self.depth.saturating_add(self.open)) {
                Ok(Read::End) if self.open == 0 => {
                    self.done = true;
                    return None;
                }
                Ok(Read::End) => {
                    self.pos = end;
                    self.open -= 1;
                }
                Ok(Read::Obj(obj, after)) => {
                    let value_at = self.pos.saturating_add(offset_in(rest, obj.value));
                    self.pos = self.pos.saturating_add(offset_in(rest, after));
                    if obj.is_constructed() && !self.enter(&obj, value_at) {
                        self.too_deep = Some(obj.offset);
                    }
                    return Some(Ok(obj));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Result<Obj<'a>, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.advance()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    #[test]
    fn iter_is_one_level_walk_is_every_level() {
        let b = parse_hex("00 6F 0B 84 01 AA A5 06 88 01 01 50 01 41 FF 9F 36 02 00 01").unwrap();
        let top: Vec<u32> = iter(&b).map(|o| o.unwrap().tag.0).collect();
        assert_eq!(top, [0x6F, 0x9F36]);
        let all: Vec<(u32, usize)> = walk(&b)
            .map(|o| o.unwrap())
            .map(|o| (o.tag.0, o.depth))
            .collect();
        assert_eq!(
            all,
            [
                (0x6F, 0),
                (0x84, 1),
                (0xA5, 1),
                (0x88, 2),
                (0x50, 2),
                (0x9F36, 0)
            ]
        );
        let sfi = walk(&b).find_tag(0x88).unwrap();
        assert_eq!(
            (sfi.value, sfi.offset, sfi.value_offset),
            (&[1u8][..], 8, 10)
        );
        assert!(iter(&b).find_tag(0x88).is_none());
        let fci = iter(&b).find_tag(0x6F).unwrap();
        assert_eq!(fci.find(0x50).unwrap().value, b"A");
        assert_eq!(fci.children().count(), 2);
    }

    #[test]
    fn errors_end_the_walk_after_what_came_before() {
        let b = parse_hex("5A 01 12 70 05 88 01").unwrap();
        let items: Vec<_> = walk(&b).collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        let e = items[1].as_ref().unwrap_err();
        assert_eq!((e.kind, e.offset), (DecodeErrorKind::Truncated, 4));
        assert_eq!(walk(&b).find_tag(0x5A).unwrap().value, [0x12]);
        assert!(walk(&b).find_tag(0x88).is_none());
    }

    #[test]
    fn debug_never_shows_the_value() {
        let b = parse_hex("5A 08 62 12 34 56 78 90 12 32").unwrap();
        let o = iter(&b).next().unwrap().unwrap();
        let d = format!("{o:?}");
        assert!(!d.contains("6212") && !d.contains("98"), "{d}");
    }

    /// The walk as one [`Iter`] per level (each constructed object's children read by its own
    /// reader), what the single cursor must reproduce.
    fn by_levels(data: &[u8]) -> Vec<Result<Obj<'_>, DecodeError>> {
        let mut out = Vec::new();
        let mut stack = vec![iter(data)];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                None => {
                    stack.pop();
                }
                Some(Err(e)) => {
                    out.push(Err(e));
                    break;
                }
                Some(Ok(o)) => {
                    out.push(Ok(o));
                    if o.is_constructed() {
                        stack.push(o.children());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn nested_faults_padding_and_depth_match_a_reader_per_level() {
        let mut deep = Vec::new();
        for k in (0..20u8).rev() {
            let mut v = vec![0x70 | (k % 2) << 3, 0x81];
            v.push(u8::try_from(deep.len()).unwrap_or(0));
            v.extend_from_slice(&deep);
            deep = v;
        }
        for hex in [
            "6F 0C 84 01 AA 00 A5 05 9F 38 02 9F 1A FF 00 9F 36 02 00 01",
            "77 08 9F 27 01 80 9F 36 05 00 01",
            "70 06 61 04 4F 03 A0 00 00",
            "70 03 9F 1F 81",
            "70 04 9F FF 81 01",
            "E1 07 E2 05 E3 03 5A 01 12 00 FF",
        ] {
            let b = parse_hex(hex).unwrap();
            assert_eq!(walk(&b).collect::<Vec<_>>(), by_levels(&b), "{hex}");
        }
        let items: Vec<_> = walk(&deep).collect();
        assert_eq!(items, by_levels(&deep));
        let e = items.last().unwrap().as_ref().unwrap_err();
        assert_eq!(e.kind, DecodeErrorKind::TooDeep);
        assert_eq!(items.len(), MAX_DEPTH + 2);
    }

    proptest::proptest! {
        /// Any bytes built from TLV-ish pieces (tags, lengths, padding) read the same.
        #[test]
        fn walk_matches_a_reader_per_level(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        0x00u8, 0xFF, 0x5A, 0x70, 0x77, 0x9F, 0x1F, 0xBF, 0x0C, 0x81, 0x82, 0x80, 0x85,
                    ]),
                    0u8..12,
                    proptest::num::u8::ANY,
                ],
                0..60,
            )
        ) {
            proptest::prop_assert_eq!(walk(&parts).collect::<Vec<_>>(), by_levels(&parts));
        }
    }
}
