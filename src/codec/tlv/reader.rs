//! Borrowed BER-TLV readers: [`Iter`] over one level of objects, [`Walk`] over every object of
//! a tree, depth first. Values are slices of the input; nothing is allocated per object.

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
        if !self.is_constructed() {
            return Iter::over(&[], self.value_offset, self.depth + 1);
        }
        let mut it = Iter::over(self.value, self.value_offset, self.depth + 1);
        if self.depth >= MAX_DEPTH {
            it.failed = Some(DecodeError::new(
                LAYER,
                DecodeErrorKind::TooDeep,
                self.offset,
                format!("nesting of at most {MAX_DEPTH} constructed objects"),
            ));
        }
        it
    }

    /// Every object inside this one, depth first (not this object itself).
    pub fn descendants(&self) -> Walk<'a> {
        Walk {
            stack: vec![self.children()],
        }
    }

    /// The first object with `tag` anywhere inside this one.
    pub fn find(&self, tag: u32) -> Option<Obj<'a>> {
        self.descendants().find_tag(tag)
    }
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

/// The objects of one level of a TLV byte string, in order; `00`/`FF` padding between them is
/// skipped. Yields `Err` once at the first malformed object, then ends.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    bytes: &'a [u8],
    /// What is left of `bytes` to read.
    rest: &'a [u8],
    /// Absolute offset of `bytes[0]`.
    base: usize,
    depth: usize,
    /// An error to yield before anything else (depth cap reached by the parent).
    failed: Option<DecodeError>,
    done: bool,
}

/// The top-level objects of `bytes` (offsets count from `bytes[0]`).
pub fn iter(bytes: &[u8]) -> Iter<'_> {
    Iter::over(bytes, 0, 0)
}

/// Every object of `bytes`, constructed ones before their children (pre-order), each with its
/// depth. Yields `Err` once at the first malformed object, then ends.
pub fn walk(bytes: &[u8]) -> Walk<'_> {
    // EMV templates nest 3-4 deep: one allocation for the usual depth.
    let mut stack = Vec::with_capacity(4);
    stack.push(iter(bytes));
    Walk { stack }
}

impl<'a> Iter<'a> {
    fn over(bytes: &'a [u8], base: usize, depth: usize) -> Iter<'a> {
        Iter {
            bytes,
            rest: bytes,
            base,
            depth,
            failed: None,
            done: false,
        }
    }

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
        if let Some(e) = self.failed.take() {
            self.done = true;
            return Some(Err(e));
        }
        let read = padding(self.rest).and_then(|(rest, _)| {
            if rest.is_empty() {
                return Ok(None);
            }
            object(rest).map(|(after, (tag, value))| Some((rest, after, tag, value)))
        });
        match read {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some((at, after, tag, value))) => {
                self.rest = after;
                Some(Ok(Obj {
                    tag,
                    value,
                    offset: self.base.saturating_add(offset_in(self.bytes, at)),
                    value_offset: self.base.saturating_add(offset_in(self.bytes, value)),
                    depth: self.depth,
                }))
            }
            Err(e) => {
                self.done = true;
                Some(Err(to_decode_error(LAYER, self.bytes, self.base, e)))
            }
        }
    }
}

/// Depth-first walk over a TLV tree (see [`walk`]). Its stack holds one [`Iter`] per open
/// constructed object, so it is bounded by [`MAX_DEPTH`].
#[derive(Clone, Debug)]
pub struct Walk<'a> {
    stack: Vec<Iter<'a>>,
}

impl<'a> Walk<'a> {
    /// The first object with `tag` at any depth; `None` when there is none before the end or
    /// the first malformed object.
    pub fn find_tag(self, tag: u32) -> Option<Obj<'a>> {
        self.map_while(Result::ok).find(|o| o.tag == tag)
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Result<Obj<'a>, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next() {
                None => {
                    self.stack.pop();
                }
                Some(Err(e)) => {
                    self.stack.clear();
                    return Some(Err(e));
                }
                Some(Ok(obj)) => {
                    if obj.is_constructed() {
                        self.stack.push(obj.children());
                    }
                    return Some(Ok(obj));
                }
            }
        }
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
}
