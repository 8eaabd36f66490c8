//! `Keys`: a run of (score, member) keys in three flat arrays, the storage of one tree node.
//!
//! Why flat arrays and not a `Vec<(f64, Box<[u8]>)>`: one allocation per member would cost a
//! pointer, a length and an allocator header each (about 40 bytes at 10-byte members), and a
//! binary search would chase a pointer per probe. Here a key costs its score, a 4-byte end
//! offset and its bytes, and the scores a search compares first sit side by side.
//!
//! Capacity grows by a quarter at a time rather than doubling, so a node's spare room stays
//! small: the tree's memory per member is what the issue compares against Redis.

use crate::zset::cut::Cut;

/// Keys in ascending (score, member) order; the tree keeps that order, `Keys` only stores.
#[derive(Debug, Clone, Default)]
pub(super) struct Keys {
    /// The score of each key.
    scores: Vec<f64>,
    /// Where each key's member ends in `bytes`; it starts where the previous one ends.
    ends: Vec<u32>,
    /// Every member back to back.
    bytes: Vec<u8>,
}

/// Grows `vec` so that `extra` more items fit, by at least a quarter of its capacity.
fn make_room<T>(vec: &mut Vec<T>, extra: usize) {
    if vec.len() + extra > vec.capacity() {
        vec.reserve_exact(extra.max(vec.capacity() / 4).max(4));
    }
}

/// Gives back spare room once a run has shrunk to under half its capacity.
fn trim<T>(vec: &mut Vec<T>) {
    if vec.capacity() > 8 && vec.len() < vec.capacity() / 2 {
        vec.shrink_to(vec.len() + vec.len() / 4);
    }
}

impl Keys {
    /// Number of keys.
    #[inline]
    pub(super) fn len(&self) -> usize {
        self.scores.len()
    }

    /// Bytes of member data held.
    #[inline]
    pub(super) fn byte_len(&self) -> usize {
        self.bytes.len()
    }

    /// The byte range of member `i` in `bytes`.
    #[inline]
    fn span(&self, i: usize) -> (usize, usize) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        (start, self.ends[i] as usize)
    }

    /// Key `i`'s score.
    #[inline]
    pub(super) fn score(&self, i: usize) -> f64 {
        self.scores[i]
    }

    /// Key `i`'s member.
    #[inline]
    pub(super) fn member(&self, i: usize) -> &[u8] {
        let (start, end) = self.span(i);
        &self.bytes[start..end]
    }

    /// Key `i` as (member, score).
    #[inline]
    pub(super) fn get(&self, i: usize) -> (&[u8], f64) {
        (self.member(i), self.scores[i])
    }

    /// The number of keys before `cut`, counting from position `from`, by binary search.
    #[inline]
    pub(super) fn partition(&self, from: usize, cut: &Cut<'_>) -> usize {
        let (mut lo, mut hi) = (from, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if cut.holds(self.scores[mid], || self.member(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Inserts a key at position `i`.
    pub(super) fn insert(&mut self, i: usize, score: f64, member: &[u8]) {
        // Runs never reach 4 GiB: nodes split well before (see `LEAF_BYTES`), and one member
        // is at most 512 MiB in Redis's protocol.
        let added = member.len() as u32;
        let (start, _) = if i < self.len() {
            self.span(i)
        } else {
            (self.bytes.len(), 0)
        };
        make_room(&mut self.scores, 1);
        make_room(&mut self.ends, 1);
        make_room(&mut self.bytes, member.len());
        self.scores.insert(i, score);
        self.bytes.splice(start..start, member.iter().copied());
        self.ends.insert(i, start as u32 + added);
        for end in &mut self.ends[i + 1..] {
            *end += added;
        }
    }

    /// Removes keys `from..to`.
    pub(super) fn remove_range(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let start = self.span(from).0;
        let end = self.ends[to - 1] as usize;
        let removed = (end - start) as u32;
        self.scores.drain(from..to);
        self.ends.drain(from..to);
        self.bytes.drain(start..end);
        for e in &mut self.ends[from..] {
            *e -= removed;
        }
        trim(&mut self.scores);
        trim(&mut self.ends);
        trim(&mut self.bytes);
    }

    /// Moves keys `at..` into a new run.
    pub(super) fn split_off(&mut self, at: usize) -> Keys {
        let start = if at < self.len() {
            self.span(at).0
        } else {
            self.bytes.len()
        };
        let bytes = self.bytes.split_off(start);
        let scores = self.scores.split_off(at);
        let ends = self
            .ends
            .split_off(at)
            .iter()
            .map(|e| e - start as u32)
            .collect();
        self.scores.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.bytes.shrink_to_fit();
        Keys {
            scores,
            ends,
            bytes,
        }
    }

    /// Appends the keys of `other` from position `from` on (they sort after every key here).
    pub(super) fn append(&mut self, other: &Keys, from: usize) {
        if from >= other.len() {
            return;
        }
        let start = other.span(from).0;
        let base = self.bytes.len() as u32;
        self.scores.extend_from_slice(&other.scores[from..]);
        self.ends
            .extend(other.ends[from..].iter().map(|e| e - start as u32 + base));
        self.bytes.extend_from_slice(&other.bytes[start..]);
    }

    /// Heap bytes held.
    pub(super) fn heap_size(&self) -> usize {
        self.scores.capacity() * std::mem::size_of::<f64>()
            + self.ends.capacity() * std::mem::size_of::<u32>()
            + self.bytes.capacity()
    }
}
