//! One logical database: keys, values, deadlines; lazy expiry on access.

use bytes::Bytes;

use crate::expiry::ExpiryIndex;
use crate::table::{KeyTable, Probe};
use crate::value::Value;

/// A stored value with its deadline and access bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The value.
    pub value: Value,
    /// Absolute deadline in unix ms; 0 when the key does not expire.
    expire_at_ms: u64,
    /// Unix seconds of the last access (OBJECT IDLETIME).
    pub access_s: u32,
}

impl Entry {
    /// The deadline in unix ms, when the key has one.
    pub fn expire_at_ms(&self) -> Option<u64> {
        (self.expire_at_ms != 0).then_some(self.expire_at_ms)
    }

    fn is_expired(&self, now_ms: u64) -> bool {
        self.expire_at_ms != 0 && self.expire_at_ms < now_ms
    }
}

/// A value detached from its database, with its deadline: what RENAME, MOVE and COPY carry.
#[derive(Debug, Clone, PartialEq)]
pub struct DetachedValue {
    /// The value.
    pub value: Value,
    /// The deadline in unix ms, if any.
    pub expire_at_ms: Option<u64>,
}

/// One logical database (`SELECT n`).
#[derive(Debug, Default)]
pub struct Db {
    keys: KeyTable<Bytes, Entry>,
    expiry: ExpiryIndex,
    /// Keys removed because their deadline passed (INFO `expired_keys`).
    pub expired_keys: u64,
}

impl Db {
    /// An empty database.
    pub fn new() -> Self {
        Db::default()
    }

    /// Number of keys, counting expired keys not yet reclaimed (as Redis's DBSIZE does).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the database holds no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of keys with a deadline.
    pub fn volatile_len(&self) -> usize {
        self.expiry.len()
    }

    /// The live entry under `key`, deleting it first when its deadline has passed, and
    /// recording the access.
    pub fn lookup(&mut self, key: &[u8], now_ms: u64) -> Option<&mut Entry> {
        let entry = self.lookup_no_touch(key, now_ms)?;
        entry.access_s = (now_ms / 1000) as u32;
        Some(entry)
    }

    /// The live entry under `key` without recording the access (CLIENT NO-TOUCH, TYPE, TTL).
    pub fn lookup_no_touch(&mut self, key: &[u8], now_ms: u64) -> Option<&mut Entry> {
        // One probe: the table removes the entry itself when its deadline has passed.
        match self.keys.get_mut_or_take(key, |e| e.is_expired(now_ms)) {
            Probe::Found(entry) => Some(entry),
            Probe::Missing => None,
            Probe::Taken(stored_key, entry) => {
                self.expiry.remove(entry.expire_at_ms, &stored_key);
                self.expired_keys += 1;
                None
            }
        }
    }

    /// Whether a live key exists.
    pub fn contains(&mut self, key: &[u8], now_ms: u64) -> bool {
        self.lookup_no_touch(key, now_ms).is_some()
    }

    /// Stores `value` under `key`, replacing any value and deadline; `expire_at_ms` sets one.
    pub fn set(&mut self, key: &[u8], value: Value, expire_at_ms: Option<u64>, now_ms: u64) {
        let access_s = (now_ms / 1000) as u32;
        let new_deadline = expire_at_ms.unwrap_or(0);
        let (entry, inserted) = self.keys.get_or_insert_with(key, || {
            let entry = Entry {
                value: Value::Str(crate::StrValue::Int(0)),
                expire_at_ms: 0,
                access_s,
            };
            (Bytes::copy_from_slice(key), entry)
        });
        // Overwriting a key whose deadline passed counts as its expiry, as Redis's write
        // lookup would have reclaimed it first.
        let replaced_expired = !inserted && entry.is_expired(now_ms);
        let old_deadline = entry.expire_at_ms;
        entry.value = value;
        entry.expire_at_ms = new_deadline;
        entry.access_s = access_s;
        if replaced_expired {
            self.expired_keys += 1;
        }
        if old_deadline != new_deadline {
            self.reindex(key, old_deadline, new_deadline);
        }
    }

    /// Stores `value` under `key`, keeping the existing deadline (SET ... KEEPTTL, SETRANGE).
    pub fn set_keep_ttl(&mut self, key: &[u8], value: Value, now_ms: u64) {
        let deadline = self
            .lookup_no_touch(key, now_ms)
            .and_then(|e| e.expire_at_ms());
        self.set(key, value, deadline, now_ms);
    }

    /// Removes a live key, returning its entry; an expired one is reclaimed and `None` returned.
    pub fn remove(&mut self, key: &[u8], now_ms: u64) -> Option<Entry> {
        if self.expire_if_due(key, now_ms) {
            return None;
        }
        let (stored_key, entry) = self.keys.remove(key)?;
        if entry.expire_at_ms != 0 {
            self.expiry.remove(entry.expire_at_ms, &stored_key);
        }
        Some(entry)
    }

    /// Removes a live key and returns its value and deadline, for moving it elsewhere.
    pub fn detach(&mut self, key: &[u8], now_ms: u64) -> Option<DetachedValue> {
        self.remove(key, now_ms).map(|e| DetachedValue {
            expire_at_ms: e.expire_at_ms(),
            value: e.value,
        })
    }

    /// Stores a detached value, replacing whatever is there.
    pub fn attach(&mut self, key: &[u8], detached: DetachedValue, now_ms: u64) {
        self.set(key, detached.value, detached.expire_at_ms, now_ms);
    }

    /// Sets (`Some`) or clears (`None`) the deadline of a live key; false when absent.
    pub fn set_expire(&mut self, key: &[u8], at_ms: Option<u64>, now_ms: u64) -> bool {
        let Some(entry) = self.lookup_no_touch(key, now_ms) else {
            return false;
        };
        let old = entry.expire_at_ms;
        let new = at_ms.unwrap_or(0);
        entry.expire_at_ms = new;
        if old != new {
            self.reindex(key, old, new);
        }
        true
    }

    /// Calls `visit` for about `count` keys from `cursor` (see [`KeyTable::scan`]), skipping
    /// expired ones; returns the next cursor.
    pub fn scan(
        &self,
        cursor: u64,
        count: usize,
        now_ms: u64,
        mut visit: impl FnMut(&Bytes, &Entry),
    ) -> u64 {
        self.keys.scan(cursor, count, |k, e| {
            if !e.is_expired(now_ms) {
                visit(k, e)
            }
        })
    }

    /// Whether a scan at `cursor` (not 0) has passed `key` (see [`KeyTable::scan_passed`]).
    pub fn scan_passed(&self, key: &[u8], cursor: u64) -> bool {
        self.keys.scan_passed(key, cursor)
    }

    /// Every live key.
    pub fn iter(&self, now_ms: u64) -> impl Iterator<Item = (&Bytes, &Entry)> {
        self.keys.iter().filter(move |(_, e)| !e.is_expired(now_ms))
    }

    /// A random live key, reclaiming expired keys met on the way.
    pub fn random_key(&mut self, mut seed: u64, now_ms: u64) -> Option<Bytes> {
        // Bounded: when every key is volatile and due, Redis also gives up after some tries.
        for _ in 0..100 {
            let (key, entry) = self.keys.random(seed)?;
            if !entry.is_expired(now_ms) {
                return Some(key.clone());
            }
            let key = key.clone();
            self.expire_if_due(&key, now_ms);
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
        }
        None
    }

    /// Reclaims up to `limit` keys whose deadline has passed; returns how many.
    pub fn expire_due(&mut self, now_ms: u64, limit: usize) -> usize {
        let due = self.expiry.pop_due(now_ms, limit);
        for key in &due {
            self.keys.remove(key);
        }
        self.expired_keys += due.len() as u64;
        due.len()
    }

    /// The earliest deadline of any key.
    pub fn next_deadline_ms(&self) -> Option<u64> {
        self.expiry.next_deadline_ms()
    }

    /// Average remaining time to live of volatile keys (INFO keyspace `avg_ttl`).
    pub fn avg_ttl_ms(&self, now_ms: u64) -> u64 {
        self.expiry.avg_ttl_ms(now_ms, 64)
    }

    /// Removes every key.
    pub fn clear(&mut self) {
        self.keys.clear();
        self.expiry.clear();
    }

    fn expire_if_due(&mut self, key: &[u8], now_ms: u64) -> bool {
        let due = matches!(self.keys.get(key), Some(e) if e.is_expired(now_ms));
        if due {
            let (stored_key, entry) = self.keys.remove(key).expect("present: checked just above");
            self.expiry.remove(entry.expire_at_ms, &stored_key);
            self.expired_keys += 1;
        }
        due
    }

    fn reindex(&mut self, key: &[u8], old_deadline: u64, new_deadline: u64) {
        let (stored_key, _) = self
            .keys
            .get_key_value(key)
            .expect("reindex follows a write");
        let stored_key = stored_key.clone();
        if old_deadline != 0 {
            self.expiry.remove(old_deadline, &stored_key);
        }
        if new_deadline != 0 {
            self.expiry.insert(new_deadline, stored_key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_keys_vanish_on_access_and_are_counted() {
        let mut db = Db::new();
        db.set(b"k", Value::string(b"v"), Some(1_000), 0);
        assert!(db.lookup(b"k", 1_000).is_some());
        assert!(db.lookup(b"k", 1_001).is_none());
        assert_eq!(db.len(), 0);
        assert_eq!(db.expired_keys, 1);
        assert_eq!(db.volatile_len(), 0);
    }

    #[test]
    fn active_expiry_reclaims_without_access() {
        let mut db = Db::new();
        for i in 0..100u64 {
            db.set(
                format!("k{i}").as_bytes(),
                Value::string(b"v"),
                Some(1_000 + i),
                0,
            );
        }
        db.set(b"keep", Value::string(b"v"), None, 0);
        assert_eq!(db.expire_due(1_050, 1_000), 50);
        assert_eq!(db.len(), 51);
        assert_eq!(db.expire_due(10_000, 1_000), 50);
        assert_eq!(db.len(), 1);
    }

    #[test]
    fn overwriting_clears_the_deadline_unless_kept() {
        let mut db = Db::new();
        db.set(b"k", Value::string(b"v"), Some(5_000), 0);
        db.set_keep_ttl(b"k", Value::string(b"w"), 0);
        assert_eq!(db.lookup(b"k", 0).unwrap().expire_at_ms(), Some(5_000));
        db.set(b"k", Value::string(b"x"), None, 0);
        assert_eq!(db.lookup(b"k", 0).unwrap().expire_at_ms(), None);
        assert_eq!(db.volatile_len(), 0);
    }
}
