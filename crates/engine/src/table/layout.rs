//! Slot-level operations: probing, sorted insertion, backward-shift deletion, resizing.
//!
//! Invariants kept by every operation (see the module docs of `table`):
//! 1. Occupied slots, read left to right, hold non-decreasing hashes.
//! 2. An entry sits at or after its home slot, and every slot from its home to it is occupied.
//! 3. The last slot is free (the sentinel), so every forward probe ends inside the array.
//! 4. `meta[i]` is `meta_of(hash, i - home)` for an occupied slot and 0 for a free one, and at
//!    least `WINDOW` slots follow the last home slot, so a window read from any home fits.

use super::{KeyTable, EMPTY};

/// Smallest number of home slots, as a power of two.
pub(super) const MIN_BITS: u32 = 3;

/// Slots whose metadata a lookup compares at once (one SSE2 register).
pub(super) const WINDOW: usize = 16;

/// Most tail slots allocated up front. Overflowing the tail is rare at this size (the spill of
/// the last cluster decays exponentially) and only costs a rebuild with a larger tail.
const MAX_DEFAULT_TAIL: usize = 64;

/// Why a forward probe always finds a free slot.
const SENTINEL: &str = "the last slot is always free";

/// The low half of a metadata byte: displacement + 1, saturated. 15 means "14 or more".
const DIST_SATURATED: u8 = 15;

/// The metadata a lookup expects in lane `j` of its window for an entry of its own home,
/// before the fingerprint is added.
const EXPECTED_DIST: [u8; WINDOW] = {
    let mut lanes = [0u8; WINDOW];
    let mut j = 0;
    while j < WINDOW {
        lanes[j] = if j + 1 < DIST_SATURATED as usize {
            j as u8 + 1
        } else {
            DIST_SATURATED
        };
        j += 1;
    }
    lanes
};

/// 1 in every byte lane of a word.
const LANES_ONE: u64 = 0x0101_0101_0101_0101;

/// `EXPECTED_DIST` as two little-endian words, lanes 0-7 and 8-15.
const EXPECTED_LOW: u64 = expected_word(0);
const EXPECTED_HIGH: u64 = expected_word(WINDOW / 2);

/// Eight lanes of `EXPECTED_DIST` from `first_lane`, packed little-endian into a word.
const fn expected_word(first_lane: usize) -> u64 {
    let mut word = 0u64;
    let mut lane = 0;
    while lane < 8 {
        word |= (EXPECTED_DIST[first_lane + lane] as u64) << (8 * lane);
        lane += 1;
    }
    word
}

/// The high bit of every byte lane of `x` that is zero, and nothing else (exact, unlike the
/// shorter borrow-based formula).
#[inline]
fn zero_lanes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW7).wrapping_add(LOW7)) | x) & !LOW7
}

/// A key and its value. `repr(C)` puts the key first, next to the slot's hash, so the words a
/// lookup reads (hash, the key's pointer and length, the niche that tells `Some` from `None`)
/// share a cache line more often than in a tuple, whose field order the compiler picks.
#[derive(Clone)]
#[repr(C)]
pub(super) struct Pair<K, V> {
    /// The key.
    pub(super) key: K,
    /// The value.
    pub(super) value: V,
}

/// One slot: an entry with its stored hash, or `EMPTY` and `None`. The hash sits beside the
/// key, in the cache line that confirming a candidate reads anyway, so that insertion and
/// deletion, which keep slots in hash order, touch no other array.
#[derive(Clone)]
#[repr(C)]
pub(super) struct Slot<K, V> {
    /// The entry's stored hash, or `EMPTY`.
    pub(super) hash: u64,
    /// `Some` exactly when `hash != EMPTY`.
    pub(super) entry: Option<Pair<K, V>>,
}

impl<K, V> Slot<K, V> {
    /// A free slot.
    fn free() -> Self {
        Slot {
            hash: EMPTY,
            entry: None,
        }
    }
}

/// The metadata byte of an entry with `hash` sitting `displacement` slots past its home: a
/// 4-bit fingerprint (hash bits the home never uses) over the saturated displacement + 1.
#[inline]
pub(super) fn meta_of(hash: u64, displacement: usize) -> u8 {
    let fingerprint = (hash >> 1) as u8 & 0x0f;
    let dist = displacement
        .saturating_add(1)
        .min(usize::from(DIST_SATURATED)) as u8;
    fingerprint << 4 | dist
}

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
    pub(super) fn entry(&self, at: usize) -> &Pair<K, V> {
        self.slots[at]
            .entry
            .as_ref()
            .expect("slot found by probing is occupied")
    }

    /// The value at occupied slot `at`, mutably.
    #[inline]
    pub(super) fn value_mut(&mut self, at: usize) -> &mut V {
        &mut self.slots[at]
            .entry
            .as_mut()
            .expect("slot found by probing is occupied")
            .value
    }

    /// The slot holding `key`, whose stored hash is `hash`.
    #[inline]
    pub(super) fn find(&self, hash: u64, key: &[u8]) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let home = self.home(hash);
        let window: &[u8; WINDOW] = self.meta[home..home + WINDOW]
            .try_into()
            .expect("the slice is WINDOW long");
        // Lane j holds an entry of this home exactly when its displacement is j; with the
        // fingerprint that rules out almost every other entry without reading its slot. The
        // comparison runs on 8 lanes per 64-bit word (SWAR), with no branch on the data.
        let splat = u64::from(meta_of(hash, 0) & 0xf0) * LANES_ONE;
        let (low, high) = window.split_at(WINDOW / 2);
        let low = u64::from_le_bytes(low.try_into().expect("half a window is 8 bytes"));
        let high = u64::from_le_bytes(high.try_into().expect("half a window is 8 bytes"));
        let mut candidates = u128::from(zero_lanes(low ^ (EXPECTED_LOW | splat)))
            | u128::from(zero_lanes(high ^ (EXPECTED_HIGH | splat))) << 64;
        while candidates != 0 {
            let at = home + candidates.trailing_zeros() as usize / 8;
            let slot = &self.slots[at];
            if slot.hash == hash && key_eq(self.entry(at).key.as_ref(), key) {
                return Some(at);
            }
            candidates &= candidates - 1;
        }
        // The last lane's entry, when it is 14 or more slots from its home, may belong to this
        // home or an earlier one, so this home's run may go on past the window: rare, slow.
        if (high >> 56) as u8 & 0x0f == DIST_SATURATED {
            return self.find_by_hash(hash, key);
        }
        None
    }

    /// `find` by walking the hashes in order from the home: correct for any cluster length.
    fn find_by_hash(&self, hash: u64, key: &[u8]) -> Option<usize> {
        let mut at = self.first_not_below(hash);
        while self.slots[at].hash == hash {
            if key_eq(self.entry(at).key.as_ref(), key) {
                return Some(at);
            }
            at += 1;
        }
        None
    }

    /// The first slot at or after the home of `hash` whose hash is `>= hash`. Entries before
    /// it in the cluster have smaller hashes; a free slot counts as larger (`EMPTY` is the
    /// largest value).
    fn first_not_below(&self, hash: u64) -> usize {
        let home = self.home(hash);
        home + self.slots[home..]
            .iter()
            .position(|s| s.hash >= hash)
            .expect(SENTINEL)
    }

    /// Inserts an entry known to be absent, growing first when full; returns its slot.
    pub(super) fn place(&mut self, hash: u64, key: K, value: V) -> usize {
        if self.slots.is_empty() {
            self.rebuild(MIN_BITS, 0);
        } else if self.len >= max_len(self.bits) {
            self.rebuild(self.bits + 1, 0);
        }
        loop {
            let sentinel = self.slots.len() - 1;
            // After any entries with an equal hash, before the first larger one.
            let mut at = self.first_not_below(hash);
            while self.slots[at].hash == hash {
                at += 1;
            }
            let free = at
                + self.meta[at..]
                    .iter()
                    .position(|&m| m == 0)
                    .expect(SENTINEL);
            if free >= sentinel {
                // The cluster would spill over the sentinel: give the tail more room.
                let tail = sentinel - self.capacity();
                self.rebuild(self.bits, tail * 2);
                continue;
            }
            // Most inserts land in a free slot; shifting the cluster is the exception.
            if free > at {
                self.slots[at..=free].rotate_right(1);
                self.refresh_meta(at + 1, free + 1);
            }
            self.slots[at] = Slot {
                hash,
                entry: Some(Pair { key, value }),
            };
            self.meta[at] = meta_of(hash, at - self.home(hash));
            self.len += 1;
            return at;
        }
    }

    /// Removes the entry at occupied slot `at`, shifting the displaced entries after it back.
    /// Never resizes, so callers iterating over slots may continue at `at`.
    pub(super) fn remove_at(&mut self, at: usize) -> (K, V) {
        let removed = std::mem::replace(&mut self.slots[at], Slot::free());
        let mut end = at + 1;
        // Entries past their home (displacement + 1 > 1) may move back one slot; one at its
        // home or a free slot ends the run, as everything after has a home after `at`.
        while self.meta[end] & 0x0f > 1 {
            end += 1;
        }
        if end > at + 1 {
            self.slots[at..end].rotate_left(1);
            self.refresh_meta(at, end - 1);
        }
        self.meta[end - 1] = 0;
        self.len -= 1;
        let Pair { key, value } = removed.entry.expect("slot to remove is occupied");
        (key, value)
    }

    /// Recomputes the metadata of slots `from..to` after entries moved.
    fn refresh_meta(&mut self, from: usize, to: usize) {
        for at in from..to {
            let hash = self.slots[at].hash;
            self.meta[at] = if hash == EMPTY {
                0
            } else {
                meta_of(hash, at - self.home(hash))
            };
        }
    }

    /// Moves to fewer slots when less than 1/8 of the home slots are used, so that mass
    /// deletion gives memory back; the new load is between 1/4 and 1/2.
    pub(super) fn shrink_if_sparse(&mut self) {
        if self.bits > MIN_BITS && self.len < self.capacity() / 8 {
            let bits = (self.len * 2)
                .next_power_of_two()
                .trailing_zeros()
                .max(MIN_BITS);
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
        let tail = capacity.clamp(WINDOW, MAX_DEFAULT_TAIL);
        let tail = tail.max(min_tail).max(next.saturating_sub(capacity));
        let slots = capacity + tail + 1;
        let fresh = std::iter::repeat_with(Slot::free).take(slots).collect();
        let old = std::mem::replace(&mut self.slots, fresh);
        self.meta = vec![0; slots].into_boxed_slice();
        self.bits = bits;
        let mut next = 0usize;
        for slot in old.into_vec().into_iter().filter(|s| s.hash != EMPTY) {
            let home = self.home(slot.hash);
            let at = next.max(home);
            self.meta[at] = meta_of(slot.hash, at - home);
            self.slots[at] = slot;
            next = at + 1;
        }
    }
}

/// Byte equality without a `memcmp` call for the short keys most workloads use (the hashes
/// already matched, so the keys are almost surely equal and every byte is read anyway).
#[inline]
fn key_eq(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if (8..=16).contains(&len) {
        let word = |s: &[u8], at: usize| {
            u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes within the key"))
        };
        return word(a, 0) == word(b, 0) && word(a, len - 8) == word(b, len - 8);
    }
    a == b
}
