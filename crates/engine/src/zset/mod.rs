//! The sorted set value type: members ordered by (score, member bytes), each member once.
//!
//! Two encodings, as in Redis 7.2: `listpack` (`compact.rs`, a `Pack` of member, score pairs
//! walked linearly) while the set holds at most `zset-max-listpack-entries` members of at most
//! `zset-max-listpack-value` bytes, then `skiplist` (`large.rs`: a member → score hash table
//! beside an order-statistic B+tree, `tree/`). A set converts when an insertion would break a
//! limit and never converts back, as Redis does.
//!
//! Scores compare as IEEE numbers (-0.0 equals 0.0, ties broken by member bytes); callers never
//! pass NaN.

mod compact;
mod cut;
mod large;
mod tree;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::limits::EncodingLimits;
use crate::pack::Pack;

use cut::Cut;
use large::Large;

/// One end of a score range (`ZRANGEBYSCORE`'s `1.5`, `(1.5`, `-inf`, `+inf`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScoreBound {
    /// The score itself belongs to the range.
    Inclusive(f64),
    /// The score itself does not (`(1.5`).
    Exclusive(f64),
}

/// One end of a lexical range (`[a`, `(a`, `-`, `+`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexBound {
    /// Before every member (`-`).
    Min,
    /// After every member (`+`).
    Max,
    /// The member itself belongs to the range (`[a`).
    Inclusive(Vec<u8>),
    /// The member itself does not (`(a`).
    Exclusive(Vec<u8>),
}

/// A sorted set.
#[derive(Clone)]
pub struct ZSetValue {
    repr: Repr,
}

/// The encoding and its data.
#[derive(Clone)]
enum Repr {
    /// `listpack`.
    Compact(Pack),
    /// `skiplist`; boxed so that small sets (and every `Value`) stay small.
    Large(Box<Large>),
}

impl Default for ZSetValue {
    fn default() -> Self {
        ZSetValue {
            repr: Repr::Compact(Pack::new()),
        }
    }
}

impl fmt::Debug for ZSetValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pairs = self.iter().map(|(m, s)| (String::from_utf8_lossy(m), s));
        f.debug_map().entries(pairs).finish()
    }
}

/// Equal when the same members have the same scores (whatever the encodings).
impl PartialEq for ZSetValue {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((m1, s1), (m2, s2))| m1 == m2 && s1 == s2)
    }
}

impl ZSetValue {
    /// An empty sorted set.
    pub fn new() -> Self {
        ZSetValue::default()
    }

    /// An empty sorted set already in the large encoding, for results that will not fit the
    /// compact one (ZUNIONSTORE of big inputs), as Redis's `zsetTypeCreate` sizes ahead.
    pub fn with_capacity(len: usize, max_member_len: usize, limits: &EncodingLimits) -> Self {
        let large = len > limits.zset_max_listpack_entries
            || max_member_len > limits.zset_max_listpack_value;
        let repr = if large {
            Repr::Large(Box::new(Large::with_capacity(len)))
        } else {
            Repr::Compact(Pack::new())
        };
        ZSetValue { repr }
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Compact(pack) => pack.len() / 2,
            Repr::Large(large) => large.len(),
        }
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        match self.repr {
            Repr::Compact(_) => "listpack",
            Repr::Large(_) => "skiplist",
        }
    }

    /// Heap bytes held, for memory accounting.
    pub fn heap_size(&self) -> usize {
        match &self.repr {
            Repr::Compact(pack) => pack.heap_size(),
            Repr::Large(large) => std::mem::size_of::<Large>() + large.heap_size(),
        }
    }

    /// The member's score.
    pub fn score(&self, member: &[u8]) -> Option<f64> {
        match &self.repr {
            Repr::Compact(pack) => compact::find(pack, member).map(|(_, _, score)| score),
            Repr::Large(large) => large.score(member),
        }
    }

    /// Adds `member` with `score` or moves it to `score`; returns the previous score. Adding a
    /// member converts the set to the large encoding when it would then break `limits` (as
    /// in Redis, moving a member never converts). `score` is never NaN.
    pub fn insert(&mut self, member: &[u8], score: f64, limits: &EncodingLimits) -> Option<f64> {
        let pack = match &mut self.repr {
            Repr::Large(large) => return large.insert(member, score),
            Repr::Compact(pack) => pack,
        };
        if let Some((offset, _, old)) = compact::find(pack, member) {
            if old.to_bits() != score.to_bits() {
                compact::remove_at(pack, offset);
                compact::insert(pack, member, score);
            }
            return Some(old);
        }
        if pack.len() / 2 < limits.zset_max_listpack_entries
            && member.len() <= limits.zset_max_listpack_value
        {
            compact::insert(pack, member, score);
            return None;
        }
        let mut large = Large::with_capacity(pack.len() / 2 + 1);
        for (_, m, s) in compact::pairs(pack) {
            large.insert(m, s);
        }
        large.insert(member, score);
        self.repr = Repr::Large(Box::new(large));
        None
    }

    /// Removes `member`, returning its score.
    pub fn remove(&mut self, member: &[u8]) -> Option<f64> {
        match &mut self.repr {
            Repr::Compact(pack) => {
                let (offset, _, score) = compact::find(pack, member)?;
                compact::remove_at(pack, offset);
                Some(score)
            }
            Repr::Large(large) => large.remove(member),
        }
    }

    /// The member's rank, 0 for the lowest (score, member).
    pub fn rank(&self, member: &[u8]) -> Option<usize> {
        match &self.repr {
            Repr::Compact(pack) => compact::find(pack, member).map(|(_, rank, _)| rank),
            Repr::Large(large) => large.rank(member),
        }
    }

    /// The member and score at `rank` (ascending).
    pub fn get_by_rank(&self, rank: usize) -> Option<(&[u8], f64)> {
        match &self.repr {
            Repr::Compact(pack) => {
                let (member, score, _) = compact::pair_at(pack, compact::seek(pack, rank)?);
                Some((member, score))
            }
            Repr::Large(large) => large.tree.get(rank),
        }
    }

    /// The number of members before `cut`.
    fn partition(&self, cut: Cut<'_>) -> usize {
        match &self.repr {
            Repr::Compact(pack) => compact::partition(pack, cut),
            Repr::Large(large) => large.tree.partition(cut),
        }
    }

    /// The first rank whose score lies at or above `min` (above, when exclusive).
    pub fn score_rank_start(&self, min: ScoreBound) -> usize {
        match min {
            ScoreBound::Inclusive(x) => self.partition(Cut::BeforeScore(x)),
            ScoreBound::Exclusive(x) => self.partition(Cut::AfterScore(x)),
        }
    }

    /// One past the last rank whose score lies at or below `max` (below, when exclusive).
    pub fn score_rank_end(&self, max: ScoreBound) -> usize {
        match max {
            ScoreBound::Inclusive(x) => self.partition(Cut::AfterScore(x)),
            ScoreBound::Exclusive(x) => self.partition(Cut::BeforeScore(x)),
        }
    }

    /// The first rank whose member lies at or after `min` in byte order. Meaningful when all
    /// scores are equal, as Redis documents for the BYLEX commands.
    pub fn lex_rank_start(&self, min: &LexBound) -> usize {
        match min {
            LexBound::Min => 0,
            LexBound::Max => self.len(),
            LexBound::Inclusive(x) => self.partition(Cut::BeforeMember(x)),
            LexBound::Exclusive(x) => self.partition(Cut::AfterMember(x)),
        }
    }

    /// One past the last rank whose member lies at or before `max` in byte order.
    pub fn lex_rank_end(&self, max: &LexBound) -> usize {
        match max {
            LexBound::Min => 0,
            LexBound::Max => self.len(),
            LexBound::Inclusive(x) => self.partition(Cut::AfterMember(x)),
            LexBound::Exclusive(x) => self.partition(Cut::BeforeMember(x)),
        }
    }

    /// Calls `visit` on each member and score of ranks `start..end`, ascending, or descending
    /// from `end - 1` when `rev`. Ranks past the end are ignored.
    pub fn visit_range(
        &self,
        start: usize,
        end: usize,
        rev: bool,
        mut visit: impl FnMut(&[u8], f64),
    ) {
        let end = end.min(self.len());
        if start >= end {
            return;
        }
        match &self.repr {
            Repr::Compact(pack) => compact::visit(pack, start, end, rev, &mut visit),
            Repr::Large(large) => large.tree.visit(start, end, rev, &mut visit),
        }
    }

    /// Every member and score, ascending.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], f64)> + '_ {
        let (small, big) = match &self.repr {
            Repr::Compact(pack) => (Some(compact::pairs(pack).map(|(_, m, s)| (m, s))), None),
            Repr::Large(large) => (None, Some(large.tree.iter())),
        };
        small.into_iter().flatten().chain(big.into_iter().flatten())
    }

    /// Removes ranks `start..end`, returning how many went.
    pub fn remove_range(&mut self, start: usize, end: usize) -> usize {
        let end = end.min(self.len());
        if start >= end {
            return 0;
        }
        match &mut self.repr {
            Repr::Compact(pack) => compact::remove_range(pack, start, end),
            Repr::Large(large) => large.remove_range(start, end),
        }
        end - start
    }

    /// One step of ZSCAN: visits some members from `cursor` on and returns the next cursor
    /// (0 when done). A compact set is visited whole in one call, as Redis does; a large one
    /// by its hash table's cursor, so every member present for the whole scan is visited
    /// exactly once, whatever changes between calls.
    pub fn scan(&self, cursor: u64, count: usize, mut visit: impl FnMut(&[u8], f64)) -> u64 {
        match &self.repr {
            Repr::Compact(_) => {
                self.iter().for_each(|(m, s)| visit(m, s));
                0
            }
            Repr::Large(large) => large.scan(cursor, count, &mut visit),
        }
    }

    /// The member and score at a uniformly chosen rank, from a random `seed`.
    pub fn random(&self, seed: u64) -> Option<(&[u8], f64)> {
        if self.is_empty() {
            return None;
        }
        self.get_by_rank((seed % self.len() as u64) as usize)
    }

    /// Levels above the leaves of the large encoding's index (0 for a compact set).
    #[cfg(test)]
    fn tree_height(&self) -> u32 {
        match &self.repr {
            Repr::Compact(_) => 0,
            Repr::Large(large) => large.tree.height(),
        }
    }

    /// Panics unless the encoding's invariants hold.
    #[cfg(test)]
    fn check(&self) {
        if let Repr::Large(large) = &self.repr {
            large.check();
        }
    }
}
