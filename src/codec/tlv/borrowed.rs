//! The BER-TLV tree read in place: [`tree`] reads every object once into one vector in
//! pre-order, values are slices of the input and children are found by index. Nothing is
//! allocated per object; the owned [`super::Tlv`] form is built only by [`super::parse`].

use super::reader::{walk, Obj};
use super::{DecodeError, MAX_DEPTH};
use std::ops::Deref;

/// One object of a [`Tree`] and where its descendants end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot<'a> {
    obj: Obj<'a>,
    /// Index just past this object's last descendant.
    end: usize,
}

/// A BER-TLV tree read in place (EMV Book 3 Annex B): every object of the input, constructed
/// ones before their children, as [`Obj`]s borrowing from the input. `Debug` shows tags,
/// lengths and offsets, never values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree<'a> {
    slots: Vec<Slot<'a>>,
}

/// Reads the whole tree of `bytes` (offsets count from `bytes[0]`).
///
/// # Errors
/// The first malformed object, as [`super::walk`] reports it (`Truncated`, `Invalid`,
/// `TooLong`, `TooDeep` beyond [`super::MAX_DEPTH`]).
pub fn tree(bytes: &[u8]) -> Result<Tree<'_>, DecodeError> {
    // An object takes at least 2 bytes: one reservation for the usual DE55 or record.
    let mut slots: Vec<Slot<'_>> = Vec::with_capacity(bytes.len() / 4);
    // Indices of the open constructed objects, innermost last: at most one per depth.
    let mut open = [0usize; MAX_DEPTH + 1];
    let mut n_open: usize = 0;
    let mut objects = walk(bytes);
    while let Some(o) = objects.advance() {
        let obj = o?;
        let here = slots.len();
        while let Some(&k) = n_open.checked_sub(1).and_then(|j| open.get(j)) {
            match slots.get_mut(k) {
                Some(s) if s.obj.depth >= obj.depth => s.end = here,
                _ => break,
            }
            n_open -= 1;
        }
        if obj.is_constructed() {
            if let Some(slot) = open.get_mut(n_open) {
                *slot = here;
                n_open += 1;
            }
        }
        slots.push(Slot { obj, end: here + 1 });
    }
    let n = slots.len();
    for &k in open.iter().take(n_open) {
        if let Some(s) = slots.get_mut(k) {
            s.end = n;
        }
    }
    Ok(Tree { slots })
}

impl<'a> Tree<'a> {
    /// Number of objects at every depth.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The object at `index` (pre-order position), if there is one.
    pub fn get(&self, index: usize) -> Option<Node<'_, 'a>> {
        (index < self.slots.len()).then_some(Node { tree: self, index })
    }

    /// The top-level objects, in order.
    pub fn roots(&self) -> Children<'_, 'a> {
        Children {
            tree: self,
            next: 0,
            end: self.slots.len(),
        }
    }

    /// Every object, constructed ones before their children (pre-order).
    pub fn iter(&self) -> impl Iterator<Item = &Obj<'a>> + '_ {
        self.slots.iter().map(|s| &s.obj)
    }

    /// The first object with `tag` at any depth, in pre-order.
    pub fn find(&self, tag: u32) -> Option<Obj<'a>> {
        self.iter().find(|o| o.tag == tag).copied()
    }

    /// Every object in pre-order with the index just past its last descendant (for
    /// [`super::TreeBuf`], which keeps the same table by offsets).
    pub(super) fn slots(&self) -> impl Iterator<Item = (Obj<'a>, usize)> + '_ {
        self.slots.iter().map(|s| (s.obj, s.end))
    }
}

/// One object of a [`Tree`], with access to its children; derefs to its [`Obj`].
#[derive(Clone, Copy, Debug)]
pub struct Node<'t, 'a> {
    tree: &'t Tree<'a>,
    index: usize,
}

impl<'t, 'a> Node<'t, 'a> {
    /// Pre-order position in the tree.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The objects directly inside this one (none for a primitive object).
    pub fn children(&self) -> Children<'t, 'a> {
        Children {
            tree: self.tree,
            next: self.index + 1,
            end: self.tree.slots[self.index].end,
        }
    }
}

impl<'a> Deref for Node<'_, 'a> {
    type Target = Obj<'a>;

    fn deref(&self) -> &Obj<'a> {
        &self.tree.slots[self.index].obj
    }
}

/// The objects of one level of a [`Tree`], in order.
#[derive(Clone, Debug)]
pub struct Children<'t, 'a> {
    tree: &'t Tree<'a>,
    next: usize,
    end: usize,
}

impl<'t, 'a> Iterator for Children<'t, 'a> {
    type Item = Node<'t, 'a>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        let index = self.next;
        self.next = self.tree.slots.get(index)?.end;
        Some(Node {
            tree: self.tree,
            index,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    #[test]
    fn children_by_index_match_the_walk() {
        let b = parse_hex("00 6F 0B 84 01 AA A5 06 88 01 01 50 01 41 FF 9F 36 02 00 01").unwrap();
        let t = tree(&b).unwrap();
        assert_eq!(t.len(), 6);
        let roots: Vec<u32> = t.roots().map(|n| n.tag.0).collect();
        assert_eq!(roots, [0x6F, 0x9F36]);
        let fci = t.roots().next().unwrap();
        let inner: Vec<u32> = fci.children().map(|n| n.tag.0).collect();
        assert_eq!(inner, [0x84, 0xA5]);
        let a5 = fci.children().nth(1).unwrap();
        let leaves: Vec<(u32, &[u8])> = a5.children().map(|n| (n.tag.0, n.value)).collect();
        assert_eq!(leaves, [(0x88, &[0x01][..]), (0x50, &[0x41][..])]);
        assert_eq!(t.find(0x9F36).unwrap().offset, 15);
        assert_eq!(t.get(5).unwrap().children().count(), 0);
        assert!(t.get(6).is_none());
        let walked: Vec<Obj<'_>> = walk(&b).map(Result::unwrap).collect();
        assert_eq!(t.iter().copied().collect::<Vec<_>>(), walked);
    }

    #[test]
    fn a_malformed_object_is_the_error() {
        let b = parse_hex("77 05 82 02 7C 00 94").unwrap();
        assert!(tree(&b).is_err());
        assert!(tree(&[]).unwrap().is_empty());
    }
}
