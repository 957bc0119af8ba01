//! A BER-TLV tree owned in one buffer ([`TreeBuf`]): the bytes kept once and every object
//! found by its place in them; objects are read as the in-place [`Obj`] of [`super::tree`],
//! borrowing from the buffer. The cheap owned form, to keep or send on a decoded tree;
//! [`super::Tlv`] is the form whose objects are changed or built.

use super::borrowed::tree;
use super::reader::Obj;
use super::{DecodeError, Tag};
use std::fmt;

/// Where one object lies in a [`TreeBuf`]'s bytes, and where its descendants end.
#[derive(Clone, Copy)]
struct At {
    tag: Tag,
    offset: usize,
    value_offset: usize,
    len: usize,
    depth: usize,
    /// Index just past this object's last descendant.
    end: usize,
}

/// A whole BER-TLV tree owned in one buffer (EMV Book 3 Annex B): three allocations (the bytes,
/// the object table, and the reader's table while reading), whatever the number of objects.
/// Objects are in pre-order, constructed ones before their children; children are found by
/// index. `Debug` shows tags, lengths and offsets, never values.
#[derive(Clone, Default)]
pub struct TreeBuf {
    bytes: Vec<u8>,
    objects: Vec<At>,
}

/// Reads the whole tree of `bytes` into a [`TreeBuf`], copying the bytes once.
///
/// # Errors
/// As [`super::tree`]: the first malformed object.
pub fn tree_buf(bytes: &[u8]) -> Result<TreeBuf, DecodeError> {
    TreeBuf::new(bytes.to_vec())
}

impl TreeBuf {
    /// Reads the tree of bytes the caller hands over (no copy).
    ///
    /// # Errors
    /// As [`super::tree`].
    pub fn new(bytes: Vec<u8>) -> Result<TreeBuf, DecodeError> {
        let objects = tree(&bytes)?
            .slots()
            .map(|(o, end)| At {
                tag: o.tag,
                offset: o.offset,
                value_offset: o.value_offset,
                len: o.value.len(),
                depth: o.depth,
                end,
            })
            .collect();
        Ok(TreeBuf { bytes, objects })
    }

    /// The bytes the tree was read from.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Number of objects at every depth.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// The object at `index` (pre-order position), if there is one.
    pub fn get(&self, index: usize) -> Option<Obj<'_>> {
        self.objects.get(index).map(|a| self.obj(a))
    }

    /// Every object, constructed ones before their children (pre-order).
    pub fn iter(&self) -> impl Iterator<Item = Obj<'_>> + '_ {
        self.objects.iter().map(|a| self.obj(a))
    }

    /// The first object with `tag` at any depth, in pre-order.
    pub fn find(&self, tag: u32) -> Option<Obj<'_>> {
        self.iter().find(|o| o.tag == tag)
    }

    /// The pre-order indices of the top-level objects.
    pub fn roots(&self) -> Level<'_> {
        Level {
            objects: &self.objects,
            next: 0,
            end: self.objects.len(),
        }
    }

    /// The pre-order indices of the objects directly inside the object at `index` (none for a
    /// primitive object or an index past the end).
    pub fn children(&self, index: usize) -> Level<'_> {
        Level {
            objects: &self.objects,
            next: index.saturating_add(1),
            end: self.objects.get(index).map_or(0, |a| a.end),
        }
    }

    fn obj(&self, a: &At) -> Obj<'_> {
        Obj {
            tag: a.tag,
            value: self
                .bytes
                .get(a.value_offset..a.value_offset.saturating_add(a.len))
                .unwrap_or_default(),
            offset: a.offset,
            value_offset: a.value_offset,
            depth: a.depth,
        }
    }
}

/// The pre-order indices of one level of a [`TreeBuf`], in order.
#[derive(Clone, Debug)]
pub struct Level<'t> {
    objects: &'t [At],
    next: usize,
    end: usize,
}

impl Iterator for Level<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let index = self.next;
        self.next = self.objects.get(index)?.end;
        Some(index)
    }
}

impl fmt::Debug for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}+{}", self.tag, self.offset, self.len)
    }
}

impl fmt::Debug for TreeBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    /// The owned buffer holds the objects the borrowed tree reads, children by the same index.
    #[test]
    fn same_objects_as_the_tree() {
        let b = parse_hex("00 6F 0B 84 01 AA A5 06 88 01 01 50 01 41 FF 9F 36 02 00 01").unwrap();
        let buf = tree_buf(&b).unwrap();
        let t = tree(&b).unwrap();
        assert_eq!(
            buf.iter().collect::<Vec<_>>(),
            t.iter().copied().collect::<Vec<_>>()
        );
        let roots: Vec<u32> = buf.roots().map(|k| buf.get(k).unwrap().tag.0).collect();
        assert_eq!(roots, [0x6F, 0x9F36]);
        let inner: Vec<u32> = buf.children(0).map(|k| buf.get(k).unwrap().tag.0).collect();
        assert_eq!(inner, [0x84, 0xA5]);
        assert_eq!(buf.children(2).count(), 2);
        assert_eq!(buf.children(5).count(), 0);
        assert_eq!(buf.children(99).count(), 0);
        assert_eq!(buf.find(0x50).unwrap().value, [0x41]);
        assert!(!format!("{buf:?}").contains("AA"));
        assert!(tree_buf(&[0x5A, 0x05, 0x01]).is_err());
    }
}
