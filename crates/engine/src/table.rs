//! `KeyTable`: the hash table behind every keyspace (and, later, large hashes and sets).
//!
//! Why not a plain `HashMap`: SCAN must return every key that is present for the whole scan at
//! least once, even while the table grows or shrinks between calls. The cursor is a position in
//! hash space (`hash >> (64 - SCAN_CURSOR_BITS)`), and a scan step returns keys in increasing
//! position, so growth never moves a key behind the cursor.
//!
//! TODO(#2): this first version keeps a `hashbrown` map and sorts on each scan step (O(n) per
//! step); it is replaced by a hash-ordered open-addressing table with O(count) steps.

use std::hash::BuildHasher;

use hashbrown::HashMap;

/// Bits of a scan cursor that belong to the table; the server uses the bits above for the shard.
pub const SCAN_CURSOR_BITS: u32 = 52;

/// A hash table from byte-string keys to `V`, with resumable, growth-safe scans.
#[derive(Debug, Clone)]
pub struct KeyTable<K, V> {
    map: HashMap<K, V, foldhash::fast::RandomState>,
}

impl<K: AsRef<[u8]> + std::hash::Hash + Eq + std::borrow::Borrow<[u8]>, V> Default
    for KeyTable<K, V>
{
    fn default() -> Self {
        Self::new()
    }
}

impl<K: AsRef<[u8]> + std::hash::Hash + Eq + std::borrow::Borrow<[u8]>, V> KeyTable<K, V> {
    /// An empty table with a fresh random hash seed.
    pub fn new() -> Self {
        KeyTable { map: HashMap::with_hasher(foldhash::fast::RandomState::default()) }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The value stored under `key`.
    pub fn get(&self, key: &[u8]) -> Option<&V> {
        self.map.get(key)
    }

    /// The value stored under `key`, mutably.
    pub fn get_mut(&mut self, key: &[u8]) -> Option<&mut V> {
        self.map.get_mut(key)
    }

    /// The stored key and value for `key`.
    pub fn get_key_value(&self, key: &[u8]) -> Option<(&K, &V)> {
        self.map.get_key_value(key)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.map.contains_key(key)
    }

    /// Inserts or replaces; returns the previous value. An existing key object is kept.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.map.insert(key, value)
    }

    /// The value under `key`, inserting `make()` first when absent; `true` when inserted.
    pub fn get_or_insert_with(
        &mut self,
        key: &[u8],
        make: impl FnOnce() -> (K, V),
    ) -> (&mut V, bool) {
        if self.map.contains_key(key) {
            return (self.map.get_mut(key).expect("checked just above"), false);
        }
        let (k, v) = make();
        debug_assert!(k.as_ref() == key);
        self.map.insert(k, v);
        (self.map.get_mut(key).expect("inserted just above"), true)
    }

    /// Removes `key`, returning the stored key and value.
    pub fn remove(&mut self, key: &[u8]) -> Option<(K, V)> {
        self.map.remove_entry(key)
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.map = HashMap::with_hasher(foldhash::fast::RandomState::default());
    }

    /// Every entry, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.map.iter()
    }

    /// Keeps only the entries for which `keep` returns true.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.map.retain(|k, v| keep(k, v));
    }

    /// Calls `visit` for about `count` entries at or after `cursor` in hash order and returns
    /// the cursor to continue from, 0 when the scan is complete. Cursors are below
    /// 2^SCAN_CURSOR_BITS.
    pub fn scan(&self, cursor: u64, count: usize, mut visit: impl FnMut(&K, &V)) -> u64 {
        let mut ahead: Vec<(u64, &K, &V)> = self
            .map
            .iter()
            .map(|(k, v)| (self.position(k.as_ref()), k, v))
            .filter(|(pos, _, _)| *pos >= cursor)
            .collect();
        ahead.sort_unstable_by_key(|(pos, _, _)| *pos);
        let mut taken = 0;
        let mut last = None;
        for (pos, k, v) in ahead {
            if taken >= count.max(1) && last != Some(pos) {
                return pos;
            }
            visit(k, v);
            taken += 1;
            last = Some(pos);
        }
        0
    }

    /// An entry chosen from `seed` (a random number), roughly uniformly; `None` when empty.
    pub fn random(&self, seed: u64) -> Option<(&K, &V)> {
        if self.map.is_empty() {
            return None;
        }
        self.map.iter().nth((seed % self.map.len() as u64) as usize)
    }

    /// Bytes the table itself allocates (not counting what keys and values point to).
    pub fn allocated_bytes(&self) -> usize {
        self.map.allocation_size()
    }

    fn position(&self, key: &[u8]) -> u64 {
        self.map.hasher().hash_one(key) >> (64 - SCAN_CURSOR_BITS)
    }
}

