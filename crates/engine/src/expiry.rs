//! The expiry index: every key with a deadline, ordered by deadline.
//!
//! Redis samples its `expires` dict at random; an ordered index lets the active cycle reclaim
//! exactly the keys that are due, oldest first, in O(log n) each, with no wasted samples.

use std::collections::BTreeSet;

use bytes::Bytes;

/// Keys with deadlines, ordered by (deadline, key).
#[derive(Debug, Default, Clone)]
pub struct ExpiryIndex {
    by_deadline: BTreeSet<(u64, Bytes)>,
}

impl ExpiryIndex {
    /// Records that `key` expires at `at_ms`.
    pub fn insert(&mut self, at_ms: u64, key: Bytes) {
        self.by_deadline.insert((at_ms, key));
    }

    /// Forgets the deadline `at_ms` of `key`.
    pub fn remove(&mut self, at_ms: u64, key: &Bytes) {
        // The tuple must be built to search; cloning Bytes is a reference-count increment.
        self.by_deadline.remove(&(at_ms, key.clone()));
    }

    /// Number of keys with a deadline.
    pub fn len(&self) -> usize {
        self.by_deadline.len()
    }

    /// Whether no key has a deadline.
    pub fn is_empty(&self) -> bool {
        self.by_deadline.is_empty()
    }

    /// The earliest deadline.
    pub fn next_deadline_ms(&self) -> Option<u64> {
        self.by_deadline.first().map(|(at, _)| *at)
    }

    /// Removes and returns up to `limit` keys whose deadline is before `now_ms` (a key is
    /// still alive at its deadline's millisecond, as in Redis).
    pub fn pop_due(&mut self, now_ms: u64, limit: usize) -> Vec<Bytes> {
        let mut due = Vec::new();
        while due.len() < limit {
            match self.by_deadline.first() {
                Some((at, _)) if *at < now_ms => {
                    let (_, key) = self.by_deadline.pop_first().expect("first() was Some");
                    due.push(key);
                }
                _ => break,
            }
        }
        due
    }

    /// Forgets every deadline.
    pub fn clear(&mut self) {
        self.by_deadline.clear();
    }

    /// Average time to live in ms of the indexed keys, sampling at most `sample` of them.
    pub fn avg_ttl_ms(&self, now_ms: u64, sample: usize) -> u64 {
        let mut total: u128 = 0;
        let mut n: u128 = 0;
        for (at, _) in self
            .by_deadline
            .iter()
            .step_by((self.len() / sample.max(1)).max(1))
        {
            total += at.saturating_sub(now_ms) as u128;
            n += 1;
        }
        // No indexed key means no average: report 0, as Redis does for an empty `expires` dict.
        total.checked_div(n).unwrap_or(0) as u64
    }
}
