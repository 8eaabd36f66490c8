//! The naive model: the reference implementation over one sorted vector that fixed the
//! public API, kept as the oracle for the property tests.

#![allow(dead_code)]

use crate::limits::EncodingLimits;
use crate::zset::{LexBound, ScoreBound};

/// A sorted set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Ascending by (score, member).
    items: Vec<(f64, Vec<u8>)>,
    /// Whether the set has left its compact encoding (it never goes back, as in Redis).
    large: bool,
}

impl Model {
    /// An empty sorted set.
    pub fn new() -> Self {
        Model::default()
    }

    /// An empty sorted set already in the large encoding, for results that will not fit the
    /// compact one (ZUNIONSTORE of big inputs), as Redis's `zsetTypeCreate` sizes ahead.
    pub fn with_capacity(len: usize, max_member_len: usize, limits: &EncodingLimits) -> Self {
        Model {
            items: Vec::with_capacity(len),
            large: len > limits.zset_max_listpack_entries
                || max_member_len > limits.zset_max_listpack_value,
        }
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        if self.large {
            "skiplist"
        } else {
            "listpack"
        }
    }

    /// Heap bytes held, for memory accounting.
    pub fn heap_size(&self) -> usize {
        self.items.capacity() * std::mem::size_of::<(f64, Vec<u8>)>()
            + self.items.iter().map(|(_, m)| m.capacity()).sum::<usize>()
    }

    /// The member's score.
    pub fn score(&self, member: &[u8]) -> Option<f64> {
        self.position(member).map(|i| self.items[i].0)
    }

    /// Adds `member` with `score` or moves it to `score`; returns the previous score. The
    /// encoding grows past the compact one when `limits` say so. `score` is never NaN.
    pub fn insert(&mut self, member: &[u8], score: f64, limits: &EncodingLimits) -> Option<f64> {
        let old = self.remove(member);
        let at = self
            .items
            .partition_point(|(s, m)| (*s, m.as_slice()) < (score, member));
        self.items.insert(at, (score, member.to_vec()));
        // As in Redis, only adding a member converts (the reference converted on moves too).
        if old.is_none()
            && (self.items.len() > limits.zset_max_listpack_entries
                || member.len() > limits.zset_max_listpack_value)
        {
            self.large = true;
        }
        old
    }

    /// Removes `member`, returning its score.
    pub fn remove(&mut self, member: &[u8]) -> Option<f64> {
        let i = self.position(member)?;
        Some(self.items.remove(i).0)
    }

    /// The member's rank, 0 for the lowest (score, member).
    pub fn rank(&self, member: &[u8]) -> Option<usize> {
        self.position(member)
    }

    /// The member and score at `rank` (ascending).
    pub fn get_by_rank(&self, rank: usize) -> Option<(&[u8], f64)> {
        self.items.get(rank).map(|(s, m)| (m.as_slice(), *s))
    }

    /// The first rank whose score lies at or above `min` (above, when exclusive).
    pub fn score_rank_start(&self, min: ScoreBound) -> usize {
        self.items.partition_point(|(s, _)| match min {
            ScoreBound::Inclusive(x) => *s < x,
            ScoreBound::Exclusive(x) => *s <= x,
        })
    }

    /// One past the last rank whose score lies at or below `max` (below, when exclusive).
    pub fn score_rank_end(&self, max: ScoreBound) -> usize {
        self.items.partition_point(|(s, _)| match max {
            ScoreBound::Inclusive(x) => *s <= x,
            ScoreBound::Exclusive(x) => *s < x,
        })
    }

    /// The first rank whose member lies at or after `min` in byte order. Meaningful when all
    /// scores are equal, as Redis documents for the BYLEX commands.
    pub fn lex_rank_start(&self, min: &LexBound) -> usize {
        self.items.partition_point(|(_, m)| match min {
            LexBound::Min => false,
            LexBound::Max => true,
            LexBound::Inclusive(x) => m.as_slice() < x.as_slice(),
            LexBound::Exclusive(x) => m.as_slice() <= x.as_slice(),
        })
    }

    /// One past the last rank whose member lies at or before `max` in byte order.
    pub fn lex_rank_end(&self, max: &LexBound) -> usize {
        self.items.partition_point(|(_, m)| match max {
            LexBound::Min => false,
            LexBound::Max => true,
            LexBound::Inclusive(x) => m.as_slice() <= x.as_slice(),
            LexBound::Exclusive(x) => m.as_slice() < x.as_slice(),
        })
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
        let end = end.min(self.items.len());
        if start >= end {
            return;
        }
        let slice = &self.items[start..end];
        if rev {
            slice.iter().rev().for_each(|(s, m)| visit(m, *s));
        } else {
            slice.iter().for_each(|(s, m)| visit(m, *s));
        }
    }

    /// Every member and score, ascending.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], f64)> + '_ {
        self.items.iter().map(|(s, m)| (m.as_slice(), *s))
    }

    /// Removes ranks `start..end`, returning how many went.
    pub fn remove_range(&mut self, start: usize, end: usize) -> usize {
        let end = end.min(self.items.len());
        if start >= end {
            return 0;
        }
        self.items.drain(start..end);
        end - start
    }

    /// One step of ZSCAN: visits some members from `cursor` on and returns the next cursor
    /// (0 when done). A compact set is visited whole in one call, as Redis does.
    pub fn scan(&self, cursor: u64, count: usize, mut visit: impl FnMut(&[u8], f64)) -> u64 {
        if !self.large {
            self.iter().for_each(|(m, s)| visit(m, s));
            return 0;
        }
        let start = cursor as usize;
        let end = start.saturating_add(count.max(1)).min(self.items.len());
        self.visit_range(start, end, false, visit);
        if end >= self.items.len() {
            0
        } else {
            end as u64
        }
    }

    /// The member and score at a uniformly chosen rank, from a random `seed`.
    pub fn random(&self, seed: u64) -> Option<(&[u8], f64)> {
        if self.items.is_empty() {
            return None;
        }
        self.get_by_rank((seed % self.items.len() as u64) as usize)
    }

    fn position(&self, member: &[u8]) -> Option<usize> {
        self.items.iter().position(|(_, m)| m == member)
    }
}
