//! The large encoding (`skiplist`, as OBJECT ENCODING names it after Redis's): a hash table
//! from member to score, for O(1) ZSCORE and for ZSCAN with SCAN's guarantees, beside the
//! ordered index (`tree`) for everything positional.
//!
//! Memory: the table stores each member once, in one allocation that begins with its score
//! (`Scored`), so a table slot is a hash and a pointer (24 bytes) and needs no separate score
//! value. The index keeps its own packed copy of the member, about 12 bytes plus the member.

use crate::table::KeyTable;

use super::tree::Tree;

/// Bytes of the score in front of a member in `Scored`.
const SCORE_LEN: usize = 8;

/// A member and its score in one allocation: the score's 8 bytes, then the member.
#[derive(Clone)]
pub(super) struct Scored(Box<[u8]>);

impl Scored {
    fn new(score: f64, member: &[u8]) -> Scored {
        let mut bytes = Vec::with_capacity(SCORE_LEN + member.len());
        bytes.extend_from_slice(&score.to_le_bytes());
        bytes.extend_from_slice(member);
        Scored(bytes.into_boxed_slice())
    }

    fn score(&self) -> f64 {
        match self.0.first_chunk::<SCORE_LEN>() {
            Some(bytes) => f64::from_le_bytes(*bytes),
            None => 0.0,
        }
    }

    fn set_score(&mut self, score: f64) {
        if let Some(bytes) = self.0.first_chunk_mut::<SCORE_LEN>() {
            *bytes = score.to_le_bytes();
        }
    }
}

impl AsRef<[u8]> for Scored {
    fn as_ref(&self) -> &[u8] {
        self.0.get(SCORE_LEN..).unwrap_or_default()
    }
}

/// A sorted set in the large encoding.
#[derive(Clone, Default)]
pub(super) struct Large {
    map: KeyTable<Scored, ()>,
    pub(super) tree: Tree,
    /// Bytes of every member, for `heap_size`.
    member_bytes: usize,
}

impl Large {
    /// An empty set with room for `len` members in its table.
    pub(super) fn with_capacity(len: usize) -> Large {
        let mut large = Large::default();
        large.map.reserve(len);
        large
    }

    pub(super) fn len(&self) -> usize {
        self.tree.len()
    }

    pub(super) fn score(&self, member: &[u8]) -> Option<f64> {
        self.map.get_key_value(member).map(|(key, _)| key.score())
    }

    /// Adds or moves `member`; returns its previous score.
    pub(super) fn insert(&mut self, member: &[u8], score: f64) -> Option<f64> {
        // One probe for the common case, a new member.
        let (_, added) = self
            .map
            .get_or_insert_with(member, || (Scored::new(score, member), ()));
        if added {
            self.member_bytes += member.len();
            self.tree.insert(score, member);
            return None;
        }
        let old = self.score(member)?;
        if old.to_bits() != score.to_bits() {
            // The score lives in the key, which the table only hands out by value.
            if let Some((mut key, ())) = self.map.remove(member) {
                key.set_score(score);
                self.map.insert(key, ());
            }
            let rank = self.tree.rank_of(old, member);
            self.tree.remove_range(rank, 1, &mut |_, _| {});
            self.tree.insert(score, member);
        }
        Some(old)
    }

    pub(super) fn remove(&mut self, member: &[u8]) -> Option<f64> {
        let (key, ()) = self.map.remove(member)?;
        let score = key.score();
        let rank = self.tree.rank_of(score, member);
        self.tree.remove_range(rank, 1, &mut |_, _| {});
        self.member_bytes -= member.len();
        Some(score)
    }

    pub(super) fn rank(&self, member: &[u8]) -> Option<usize> {
        let score = self.score(member)?;
        Some(self.tree.rank_of(score, member))
    }

    /// Removes ranks `start..end` (`end <= len`).
    pub(super) fn remove_range(&mut self, start: usize, end: usize) {
        let map = &mut self.map;
        let mut bytes = 0;
        self.tree
            .remove_range(start, end.saturating_sub(start), &mut |member, _| {
                map.remove(member);
                bytes += member.len();
            });
        self.member_bytes -= bytes;
    }

    pub(super) fn scan(&self, cursor: u64, count: usize, visit: &mut dyn FnMut(&[u8], f64)) -> u64 {
        self.map
            .scan(cursor, count, |key, _| visit(key.as_ref(), key.score()))
    }

    pub(super) fn heap_size(&self) -> usize {
        self.map.allocated_bytes()
            + self.member_bytes
            + self.len() * SCORE_LEN
            + self.tree.heap_size()
    }

    /// Panics unless the table and the index hold the same members and scores.
    #[cfg(test)]
    pub(super) fn check(&self) {
        self.tree.check();
        assert_eq!(self.map.len(), self.tree.len(), "table and index sizes");
        let mut bytes = 0;
        for (member, score) in self.tree.iter() {
            let stored = self.score(member).expect("indexed member in the table");
            assert_eq!(stored.to_bits(), score.to_bits(), "score of {member:?}");
            bytes += member.len();
        }
        assert_eq!(bytes, self.member_bytes, "member bytes");
    }
}
