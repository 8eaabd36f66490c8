//! Slot-level operations: probing, sorted insertion, backward-shift deletion, resizing.
//!
//! Invariants kept by every operation (see the module docs of `table`):
//! 1. Occupied slots, read left to right, hold non-decreasing hashes.
//! 2. An entry sits at or after its home slot, and every slot from its home to it is occupied.
//! 3. The last slot is free (the sentinel), so every forward probe ends inside the array.

use super::{KeyTable, EMPTY};

/// Smallest number of home slots, as a power of two.
pub(super) const MIN_BITS: u32 = 3;

/// Most tail slots allocated up front. Overflowing the tail is rare at this size (the spill of
/// the last cluster decays exponentially) and only costs a rebuild with a larger tail.
const MAX_DEFAULT_TAIL: usize = 64;

/// Why a forward probe always finds a free slot.
const SENTINEL: &str = "the last slot is always free";

/// Entries allowed in `2^bits` home slots: a load factor of 7/8. Sorted linear probing keeps
/// hits and misses short at this load; only insertion pays for long clusters, by shifting.
fn max_len(bits: u32) -> usize {
    let capacity = 1usize << bits;
    capacity - capacity / 8
}

/// The fewest bits whose home slots hold `len` entries within the maximum load.
pub(super) fn bits_to_hold(len: usize) -> u32 {
    let mut bits = MIN_BITS;
    while max_len(bits) < len {
        bits += 1;
    }
    bits
}

/// One slot: an entry with its stored hash, or `EMPTY` and `None`. Keeping the hash beside the
/// entry means a lookup touches one place in memory before the key bytes (hashbrown touches
/// its control bytes, then the bucket, then the key).
#[derive(Clone)]
pub(super) struct Slot<K, V> {
    /// The entry's stored hash, or `EMPTY`.
    pub(super) hash: u64,
    /// `Some` exactly when `hash != EMPTY`.
    pub(super) entry: Option<(K, V)>,
}

impl<K, V> Slot<K, V> {
    /// A free slot.
    fn free() -> Self {
        Slot { hash: EMPTY, entry: None }
    }
}

impl<K: AsRef<[u8]>, V> KeyTable<K, V> {
    /// The home slot of a stored hash: its top `bits` bits, so slot order is hash order.
    #[inline]
    pub(super) fn home(&self, hash: u64) -> usize {
        (hash >> (64 - self.bits)) as usize
    }

    /// Number of home slots (`2^bits`), 0 while nothing is allocated.
    pub(super) fn capacity(&self) -> usize {
        if self.slots.is_empty() {
            0
        } else {
            1 << self.bits
        }
    }

    /// The occupied entry at slot `at`.
    #[inline]
    pub(super) fn entry(&self, at: usize) -> &(K, V) {
        self.slots[at].entry.as_ref().expect("slot found by probing is occupied")
    }

    /// The value at occupied slot `at`, mutably.
    #[inline]
    pub(super) fn value_mut(&mut self, at: usize) -> &mut V {
        &mut self.slots[at].entry.as_mut().expect("slot found by probing is occupied").1
    }

    /// The slot holding `key` (whose stored hash is `hash`).
    #[inline]
    pub(super) fn find(&self, hash: u64, key: &[u8]) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let home = self.home(hash);
        // Entries before ours in the cluster have smaller hashes; a larger hash or a free slot
        // (EMPTY is the largest value) means the key is absent.
        let mut at = home + self.slots[home..].iter().position(|s| s.hash >= hash)?;
        while self.slots[at].hash == hash {
            if self.entry(at).0.as_ref() == key {
                return Some(at);
            }
            at += 1;
        }
        None
    }

    /// Inserts an entry known to be absent, growing first when full; returns its slot.
    pub(super) fn place(&mut self, hash: u64, key: K, value: V) -> usize {
        if self.slots.is_empty() {
            self.rebuild(MIN_BITS, 0);
        } else if self.len >= max_len(self.bits) {
            self.rebuild(self.bits + 1, 0);
        }
        loop {
            let home = self.home(hash);
            let sentinel = self.slots.len() - 1;
            // After any entries with an equal hash, before the first larger one.
            let at = home + self.slots[home..].iter().position(|s| s.hash > hash).expect(SENTINEL);
            let free =
                at + self.slots[at..].iter().position(|s| s.hash == EMPTY).expect(SENTINEL);
            if free >= sentinel {
                // The cluster would spill over the sentinel: give the tail more room.
                let tail = sentinel - self.capacity();
                self.rebuild(self.bits, tail * 2);
                continue;
            }
            self.slots[at..=free].rotate_right(1);
            self.slots[at] = Slot { hash, entry: Some((key, value)) };
            self.len += 1;
            return at;
        }
    }

    /// Removes the entry at occupied slot `at`, shifting the displaced entries after it back.
    /// Never resizes, so callers iterating over slots may continue at `at`.
    pub(super) fn remove_at(&mut self, at: usize) -> (K, V) {
        let removed = std::mem::replace(&mut self.slots[at], Slot::free());
        let mut end = at + 1;
        // Entries past their home may move back one slot; one at its home (or a free slot)
        // ends the run, since everything after it has a home at or after it.
        while self.slots[end].hash != EMPTY && self.home(self.slots[end].hash) < end {
            end += 1;
        }
        self.slots[at..end].rotate_left(1);
        self.len -= 1;
        removed.entry.expect("slot to remove is occupied")
    }

    /// Moves to fewer slots when less than 1/8 of the home slots are used, so that mass
    /// deletion gives memory back; the new load is between 1/4 and 1/2.
    pub(super) fn shrink_if_sparse(&mut self) {
        if self.bits > MIN_BITS && self.len < self.capacity() / 8 {
            let bits = (self.len * 2).next_power_of_two().trailing_zeros().max(MIN_BITS);
            self.rebuild(bits, 0);
        }
    }

    /// Re-lays every entry into `2^bits` home slots plus a tail of at least `min_tail` slots.
    /// Entries keep their order, each at the first free slot at or after its home, so no key
    /// is hashed again.
    pub(super) fn rebuild(&mut self, bits: u32, min_tail: usize) {
        let capacity = 1usize << bits;
        let shift = 64 - bits;
        // Where the last entry will land decides how long the tail must be.
        let mut next = 0usize;
        for slot in self.slots.iter().filter(|s| s.hash != EMPTY) {
            next = next.max((slot.hash >> shift) as usize) + 1;
        }
        let tail = capacity.min(MAX_DEFAULT_TAIL).max(min_tail).max(next.saturating_sub(capacity));
        let fresh = std::iter::repeat_with(Slot::free).take(capacity + tail + 1).collect();
        let old = std::mem::replace(&mut self.slots, fresh);
        self.bits = bits;
        let mut next = 0usize;
        for slot in old.into_vec().into_iter().filter(|s| s.hash != EMPTY) {
            let at = next.max(self.home(slot.hash));
            self.slots[at] = slot;
            next = at + 1;
        }
    }
}
