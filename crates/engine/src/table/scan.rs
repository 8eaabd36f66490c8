//! Resumable scans and random sampling.
//!
//! A cursor is a position in hash space: `c` stands for every hash `>= c << (64 -
//! SCAN_CURSOR_BITS)`. A scan step visits the entries with hashes from the cursor on, in
//! increasing order, and returns a cursor above every hash it visited and at or below every
//! hash it did not. Since the cursor names hashes, not slots, growing or shrinking the table
//! between steps changes nothing: an entry present for the whole scan is visited by the step
//! whose range holds its hash, exactly once. (Entries added or removed mid-scan may or may
//! not be seen, as in Redis.)
//!
//! Steps end only at home-slot boundaries: the returned cursor is the start of a home slot's
//! hash range. That finishes every run of equal positions, and a cursor shown to clients
//! reveals only a key's home slot (`bits` bits of its hash), as much as Redis's bucket cursor
//! does, not 52 bits that would help recover the hash seed.

use super::{KeyTable, EMPTY, SCAN_CURSOR_BITS};

/// Free slots one scan step may pass per entry asked for before it returns early, bounding a
/// step's cost on a sparse table (as Redis bounds empty buckets).
const EMPTY_SLOTS_PER_COUNT: usize = 16;

/// Random slots `random` tries before walking to the next entry.
const RANDOM_TRIES: usize = 64;

impl<K: AsRef<[u8]>, V> KeyTable<K, V> {
    /// Calls `visit` for about `count` entries at or after `cursor` in hash order and returns
    /// the cursor to continue from, 0 when the scan is complete. Cursors are below
    /// 2^SCAN_CURSOR_BITS. Every entry present from the first call (cursor 0) to the last is
    /// visited exactly once, whatever happens to the table in between.
    pub fn scan(&self, cursor: u64, count: usize, mut visit: impl FnMut(&K, &V)) -> u64 {
        if self.len == 0 || cursor >> SCAN_CURSOR_BITS != 0 {
            return 0;
        }
        let count = count.max(1);
        let from = cursor << (64 - SCAN_CURSOR_BITS);
        let empty_budget = count.saturating_mul(EMPTY_SLOTS_PER_COUNT);
        let (mut visited, mut empties) = (0usize, 0usize);
        let mut last_home = None;
        // Every entry with a hash >= `from` sits at or after the home of `from`; entries before
        // it in that cluster with smaller hashes were visited by earlier steps.
        for at in self.home(from)..self.slots.len() - 1 {
            let hash = self.slots[at].hash;
            if hash == EMPTY {
                empties += 1;
                // No entry after a free slot has its home at or before it.
                if at + 1 >= self.capacity() || empties > empty_budget {
                    return self.cursor_of_home(at + 1);
                }
                continue;
            }
            if hash < from {
                continue;
            }
            let home = self.home(hash);
            if visited >= count && last_home != Some(home) {
                return self.cursor_of_home(home);
            }
            let pair = self.entry(at);
            visit(&pair.key, &pair.value);
            visited += 1;
            last_home = Some(home);
        }
        0
    }

    /// Whether a scan that has reached `cursor` (a value [`KeyTable::scan`] returned, not 0)
    /// has passed `key`: whether `key`'s hash is below the cursor's position, so no later
    /// step visits it. A snapshot's walk uses this to tell which keys it already wrote.
    pub fn scan_passed(&self, key: &[u8], cursor: u64) -> bool {
        let from = cursor << (64 - SCAN_CURSOR_BITS);
        self.hash(key) < from
    }

    /// The cursor naming the first hash whose home is `home`; 0 (done) past the last home.
    fn cursor_of_home(&self, home: usize) -> u64 {
        if home >= self.capacity() {
            return 0;
        }
        // `bits` never exceeds SCAN_CURSOR_BITS in practice (2^52 slots), so nothing is lost.
        ((home as u64) << (64 - self.bits)) >> (64 - SCAN_CURSOR_BITS)
    }

    /// An entry chosen from `seed` (a random number), roughly uniformly; `None` when empty.
    pub fn random(&self, seed: u64) -> Option<(&K, &V)> {
        if self.len == 0 {
            return None;
        }
        // Slots drawn uniformly until one is occupied make every entry equally likely; the
        // table is rarely under 1/16 full, so the walk below is a rare fallback.
        let slots = (self.slots.len() - 1) as u64;
        let mut rng = crate::rng::SplitMix64::new(seed);
        let mut at = 0;
        for _ in 0..RANDOM_TRIES {
            at = (rng.next_u64() % slots) as usize;
            if self.meta[at] != 0 {
                let pair = self.entry(at);
                return Some((&pair.key, &pair.value));
            }
        }
        let at = (at..self.slots.len())
            .chain(0..at)
            .find(|&i| self.meta[i] != 0)?;
        let pair = self.entry(at);
        Some((&pair.key, &pair.value))
    }
}
