//! `KeyTable`: the hash table behind every keyspace (and, later, large hashes and sets).
//!
//! Why not a plain `HashMap`: SCAN must return every key that is present for the whole scan at
//! least once, even while the table grows or shrinks between calls, and each SCAN call must
//! cost O(COUNT).
//!
//! Design: open addressing with linear probing, where an entry's home slot is the *top* bits of
//! its 64-bit hash (`hash >> (64 - bits)`). Insertion keeps the occupied slots sorted by hash
//! (Robin Hood ordering: an entry never sits before one with a smaller hash), and deletion
//! shifts the following displaced entries back (no tombstones). So:
//!
//! - The slots read left to right are the entries in increasing hash order, whatever the
//!   capacity. A SCAN cursor is a position in hash space (`hash >> (64 - SCAN_CURSOR_BITS)`),
//!   not a slot index, and stays meaningful across any resize: see `scan.rs`.
//! - Resizing walks the old slots in order and hashes no key again: the hash is stored.
//!
//! Layout, for lookups as fast as hashbrown's: `slots` holds each entry with its full hash
//! (`EMPTY`, `u64::MAX`, marks a free slot; stored hashes have their lowest bit cleared so none
//! equals it), and `meta` holds one byte per slot: 4 bits of fingerprint and the entry's
//! distance from its home. A lookup compares the 16 metadata bytes from its home slot at once
//! (SIMD), which names the slots that hold entries of its home with its fingerprint, usually
//! just the one it wants, or none: most misses never read a slot. The byte array is 1/80 the
//! size of the slots and stays in cache. Entries whose home is near the end spill into a
//! *tail* of extra slots past the `2^bits` home slots (rather than wrapping around, which
//! would break the order); the very last slot is always free, a sentinel that ends every probe.
//!
//! Architecture Invariant: the hash seed is chosen once per table and never changes, because
//! SCAN cursors handed to clients are positions in this table's hash space.

mod layout;
mod scan;
#[cfg(test)]
mod tests;

use std::fmt;
use std::hash::{BuildHasher, Hasher};

/// What [`KeyTable::get_mut_or_take`] found.
pub enum Probe<'a, K, V> {
    /// No entry under the key.
    Missing,
    /// The entry was stale and is removed: its key and value.
    Taken(K, V),
    /// The live value.
    Found(&'a mut V),
}

/// Bits of a scan cursor that belong to the table; the server uses the bits above for the shard.
pub const SCAN_CURSOR_BITS: u32 = 52;

/// The hash of a free slot. Stored hashes are even, so none equals it.
const EMPTY: u64 = u64::MAX;

/// A hash table from byte-string keys to `V`, with resumable, growth-safe scans.
#[derive(Clone)]
pub struct KeyTable<K, V> {
    /// The slots; stored hashes are non-decreasing over the occupied ones. No slot at all
    /// until the first insert.
    slots: Box<[layout::Slot<K, V>]>,
    /// One metadata byte per slot (`layout::meta_of`), 0 for a free slot.
    meta: Box<[u8]>,
    /// log2 of the number of home slots; 0 while nothing is allocated.
    bits: u32,
    /// Number of entries.
    len: usize,
    /// Per-table random seed (HashDoS resistance), fixed for the table's life.
    hasher: foldhash::quality::RandomState,
    /// Replaces the hash function in tests that need collisions or clustering.
    #[cfg(test)]
    test_hash: Option<fn(&[u8]) -> u64>,
}

impl<K: AsRef<[u8]>, V> Default for KeyTable<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for KeyTable<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entries = self.slots.iter().filter_map(|s| s.entry.as_ref());
        let entries = entries.map(|p| (&p.key, &p.value));
        f.debug_map().entries(entries).finish()
    }
}

impl<K: AsRef<[u8]>, V> KeyTable<K, V> {
    /// An empty table with a fresh random hash seed. Allocates nothing until the first insert.
    pub fn new() -> Self {
        KeyTable {
            slots: Box::new([]),
            meta: Box::new([]),
            bits: 0,
            len: 0,
            hasher: foldhash::quality::RandomState::default(),
            #[cfg(test)]
            test_hash: None,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value stored under `key`.
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<&V> {
        self.get_key_value(key).map(|(_, v)| v)
    }

    /// The value stored under `key`, mutably.
    #[inline]
    pub fn get_mut(&mut self, key: &[u8]) -> Option<&mut V> {
        let at = self.find(self.hash(key), key)?;
        Some(self.value_mut(at))
    }

    /// The value under `key`, with one probe: when `stale(value)` holds, the entry is removed
    /// and returned instead (the keyspace's lazy expiry).
    #[inline]
    pub fn get_mut_or_take(
        &mut self,
        key: &[u8],
        stale: impl FnOnce(&V) -> bool,
    ) -> Probe<'_, K, V> {
        let Some(at) = self.find(self.hash(key), key) else {
            return Probe::Missing;
        };
        if stale(&self.entry(at).value) {
            let removed = self.remove_at(at);
            self.shrink_if_sparse();
            return Probe::Taken(removed.0, removed.1);
        }
        Probe::Found(self.value_mut(at))
    }

    /// The stored key and value for `key`.
    #[inline]
    pub fn get_key_value(&self, key: &[u8]) -> Option<(&K, &V)> {
        let at = self.find(self.hash(key), key)?;
        let pair = self.entry(at);
        Some((&pair.key, &pair.value))
    }

    /// Whether `key` is present.
    #[inline]
    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.find(self.hash(key), key).is_some()
    }

    /// Inserts or replaces; returns the previous value. An existing key object is kept.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        let hash = self.hash(key.as_ref());
        if let Some(at) = self.find(hash, key.as_ref()) {
            return Some(std::mem::replace(self.value_mut(at), value));
        }
        self.place(hash, key, value);
        None
    }

    /// The value under `key`, inserting `make()` first when absent; `true` when inserted.
    /// `make` must return a key equal to `key`.
    pub fn get_or_insert_with(
        &mut self,
        key: &[u8],
        make: impl FnOnce() -> (K, V),
    ) -> (&mut V, bool) {
        let hash = self.hash(key);
        if let Some(at) = self.find(hash, key) {
            return (self.value_mut(at), false);
        }
        let (k, v) = make();
        debug_assert!(
            k.as_ref() == key,
            "get_or_insert_with: make() returned another key"
        );
        let at = self.place(hash, k, v);
        (self.value_mut(at), true)
    }

    /// Removes `key`, returning the stored key and value.
    pub fn remove(&mut self, key: &[u8]) -> Option<(K, V)> {
        let at = self.find(self.hash(key), key)?;
        let removed = self.remove_at(at);
        self.shrink_if_sparse();
        Some(removed)
    }

    /// Removes every entry and frees the slots; the hash seed stays.
    pub fn clear(&mut self) {
        self.slots = Box::new([]);
        self.meta = Box::new([]);
        self.bits = 0;
        self.len = 0;
    }

    /// Every entry, in hash order (which is no order a client can rely on).
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.slots
            .iter()
            .filter_map(|s| s.entry.as_ref())
            .map(|p| (&p.key, &p.value))
    }

    /// Keeps only the entries for which `keep` returns true, then shrinks when sparse.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        let mut at = 0;
        // Each removal shifts later entries back by at most one slot, into `at` at most, so
        // revisiting `at` after a removal sees every entry exactly once. The table is valid
        // after every step, so a panicking `keep` leaves it consistent.
        while at < self.slots.len() {
            let kept = match &mut self.slots[at].entry {
                Some(pair) => keep(&pair.key, &mut pair.value),
                None => true,
            };
            if kept {
                at += 1;
            } else {
                self.remove_at(at);
            }
        }
        self.shrink_if_sparse();
    }

    /// Makes room for `additional` more entries without further growth.
    pub fn reserve(&mut self, additional: usize) {
        let wanted = self.len.saturating_add(additional);
        let bits = layout::bits_to_hold(wanted);
        if bits > self.bits {
            self.rebuild(bits, 0);
        }
    }

    /// Bytes the table itself allocates (its slot arrays, not what keys and values point to).
    pub fn allocated_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.slots) + self.meta.len()
    }

    /// The 64-bit hash of `key` as stored: lowest bit cleared so that it never equals `EMPTY`.
    #[inline]
    fn hash(&self, key: &[u8]) -> u64 {
        #[cfg(test)]
        if let Some(hash) = self.test_hash {
            return hash(key) & !1;
        }
        // Hashing the bytes alone (no length prefix, as `Hash for [u8]` adds) is enough for a
        // table of single keys: foldhash mixes the length in already.
        let mut hasher = self.hasher.build_hasher();
        hasher.write(key);
        hasher.finish() & !1
    }
}
