//! A bounded ring buffer for the link timeline: the newest `cap` entries, with stable
//! absolute sequence numbers so a selection survives old lines falling off the front.

use std::collections::VecDeque;

/// Keeps the newest `cap` items. Index `i` is an absolute sequence number: the n-th item ever
/// pushed has number n, whether or not it is still held.
#[derive(Clone, Debug)]
pub struct Ring<T> {
    items: VecDeque<T>,
    cap: usize,
    /// Sequence number of `items[0]`.
    first: u64,
}

impl<T> Ring<T> {
    pub fn new(cap: usize) -> Self {
        Ring {
            items: VecDeque::with_capacity(cap.min(4096)),
            cap: cap.max(1),
            first: 0,
        }
    }

    /// Appends, dropping the oldest item when full.
    pub fn push(&mut self, item: T) {
        if self.items.len() == self.cap {
            self.items.pop_front();
            self.first += 1;
        }
        self.items.push_back(item);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn capacity(&self) -> usize {
        self.cap
    }

    /// Sequence number of the oldest item still held.
    pub fn first_seq(&self) -> u64 {
        self.first
    }

    /// One past the newest sequence number (= number of items ever pushed).
    pub fn end_seq(&self) -> u64 {
        self.first + self.items.len() as u64
    }

    /// The item with sequence number `seq`, if still held.
    pub fn get(&self, seq: u64) -> Option<&T> {
        let i = seq.checked_sub(self.first)?;
        self.items.get(usize::try_from(i).ok()?)
    }

    /// Clamps a sequence number into the held range (`None` when empty).
    pub fn clamp(&self, seq: u64) -> Option<u64> {
        if self.items.is_empty() {
            None
        } else {
            Some(seq.clamp(self.first, self.end_seq() - 1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_oldest_and_keeps_sequence_numbers() {
        let mut r = Ring::new(3);
        for i in 0..5 {
            r.push(i);
        }
        assert_eq!(r.len(), 3);
        assert_eq!(r.first_seq(), 2);
        assert_eq!(r.end_seq(), 5);
        assert_eq!(r.get(1), None);
        assert_eq!(r.get(2), Some(&2));
        assert_eq!(r.get(4), Some(&4));
        assert_eq!(r.get(5), None);
        assert_eq!(r.clamp(0), Some(2));
        assert_eq!(r.clamp(99), Some(4));
    }
}
