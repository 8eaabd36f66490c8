//! Random members: SRANDMEMBER's samples and SPOP's removals, with Redis's strategies where
//! they show (which encoding the set is left in).

use bytes::Bytes;

use super::SetValue;
use crate::limits::EncodingLimits;
use crate::pack::PackItem;
use crate::rng::SplitMix64;

/// SPOP keeps the members that stay, rather than removing those that go, once fewer than one
/// in this many would stay (Redis's `SPOP_MOVE_STRATEGY_MUL`).
const SPOP_MOVE_STRATEGY_MUL: usize = 5;

impl SetValue {
    /// `count` members chosen independently, repeats allowed (SRANDMEMBER with a negative
    /// count); empty when the set is.
    pub fn sample_with_repeats(&self, count: usize, seed: u64) -> Vec<PackItem<'_>> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut rng = SplitMix64::new(seed);
        // Grown as it fills rather than sized from `count` up front: a client may ask for
        // any number, and Redis simply streams that many.
        let mut sample = Vec::new();
        if self.is_table() {
            for _ in 0..count {
                sample.extend(self.random_member(rng.next_u64()));
            }
            return sample;
        }
        // Compact sets are small: index one snapshot rather than walk the pack per draw.
        let all: Vec<PackItem<'_>> = self.iter().collect();
        for _ in 0..count {
            sample.extend(all.get(rng.below(all.len())).copied());
        }
        sample
    }

    /// `count` distinct members (all of them when `count` reaches the size), in no
    /// particular order (SRANDMEMBER with a positive count).
    pub fn sample_distinct(&self, count: usize, seed: u64) -> Vec<PackItem<'_>> {
        let len = self.len();
        if count >= len {
            return self.iter().collect();
        }
        let mut rng = SplitMix64::new(seed);
        if self.is_table() && count.saturating_mul(3) <= len {
            // Few out of many: draw until enough distinct ones came up.
            let mut picked: Vec<PackItem<'_>> = Vec::with_capacity(count);
            let mut seen = hash_set_with_capacity(count);
            while picked.len() < count {
                if let Some(item) = self.random_member(rng.next_u64()) {
                    if seen.insert(item.to_bytes()) {
                        picked.push(item);
                    }
                }
            }
            return picked;
        }
        let mut all: Vec<PackItem<'_>> = self.iter().collect();
        partial_shuffle(&mut all, count, &mut rng);
        all.truncate(count);
        all
    }

    /// Removes and returns one random member.
    pub fn pop_one(&mut self, seed: u64) -> Option<Bytes> {
        let member = self.random_member(seed)?.to_bytes();
        self.remove(&member);
        Some(member)
    }

    /// Removes and returns `count` random members (SPOP with a count). When most of the set
    /// goes, Redis rebuilds it from the members that stay, and a `hashtable` set becomes a
    /// `listpack` again if those fit one: so does this.
    pub fn pop_many(&mut self, count: usize, seed: u64, limits: &EncodingLimits) -> Vec<Bytes> {
        let len = self.len();
        if count >= len {
            let all = self.members();
            *self = SetValue::new();
            return all;
        }
        let mut rng = SplitMix64::new(seed);
        let remaining = len - count;
        if remaining * SPOP_MOVE_STRATEGY_MUL > count {
            return (0..count)
                .filter_map(|_| self.pop_one(rng.next_u64()))
                .collect();
        }
        let mut all = self.members();
        partial_shuffle(&mut all, remaining, &mut rng);
        let popped = all.split_off(remaining);
        if self.is_table() {
            let mut kept = SetValue::new_listpack();
            for member in &all {
                kept.insert(member, limits);
            }
            *self = kept;
        } else {
            for member in &popped {
                self.remove(member);
            }
        }
        popped
    }
}

/// Moves `count` uniformly chosen elements of `items` to its front (Fisher-Yates, stopped
/// early).
fn partial_shuffle<T>(items: &mut [T], count: usize, rng: &mut SplitMix64) {
    let len = items.len();
    for i in 0..count.min(len) {
        let j = i + rng.below(len - i);
        items.swap(i, j);
    }
}

fn hash_set_with_capacity(capacity: usize) -> std::collections::HashSet<Bytes> {
    std::collections::HashSet::with_capacity(capacity)
}
