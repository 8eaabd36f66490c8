//! WATCH: a version per watched key, bumped by every change to it, so that EXEC can tell
//! whether a key changed since the client watched it.

use engine::DbIndex;
use hashbrown::HashMap;

use super::key::{DbKey, DbKeyRef};

#[derive(Debug)]
struct Watched {
    /// Clients watching the key (an entry goes when the last one stops).
    watchers: u32,
    /// Changes seen since the entry was made.
    version: u64,
}

/// The keys of this shard that some client watches.
#[derive(Debug, Default)]
pub struct WatchTable {
    keys: HashMap<DbKey, Watched>,
}

impl WatchTable {
    /// Whether no key is watched: writes skip all bookkeeping then.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Adds a watcher of `key`, returning the version it must still have at EXEC.
    pub fn watch(&mut self, db: DbIndex, key: &[u8]) -> u64 {
        let watched = self.keys.entry(DbKey::new(db, key)).or_insert(Watched {
            watchers: 0,
            version: 0,
        });
        watched.watchers += 1;
        watched.version
    }

    /// Removes a watcher of `key`.
    pub fn unwatch(&mut self, db: DbIndex, key: &[u8]) {
        let probe = DbKeyRef(db.0, key);
        if let Some(watched) = self.keys.get_mut(&probe) {
            watched.watchers -= 1;
            if watched.watchers == 0 {
                self.keys.remove(&probe);
            }
        }
    }

    /// The key's current version; `None` when nobody watches it.
    pub fn version(&self, db: DbIndex, key: &[u8]) -> Option<u64> {
        self.keys.get(&DbKeyRef(db.0, key)).map(|w| w.version)
    }

    /// Records a change to `key` (Redis's `touchWatchedKey`).
    #[inline]
    pub fn touch(&mut self, db: DbIndex, key: &[u8]) {
        if let Some(watched) = self.keys.get_mut(&DbKeyRef(db.0, key)) {
            watched.version += 1;
        }
    }

    /// Records a change to every watched key of `db` for which `changes` says yes (FLUSHDB,
    /// FLUSHALL and SWAPDB touch only the watched keys that exist, as Redis's
    /// `touchAllWatchedKeysInDb`).
    pub fn touch_db(&mut self, db: DbIndex, mut changes: impl FnMut(&[u8]) -> bool) {
        for (key, watched) in self.keys.iter_mut() {
            if key.0 == db.0 && changes(&key.1) {
                watched.version += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_move_on_touch_and_entries_go_with_the_last_watcher() {
        let mut watches = WatchTable::default();
        let v = watches.watch(DbIndex(0), b"k");
        watches.watch(DbIndex(0), b"k");
        watches.touch(DbIndex(1), b"k");
        assert_eq!(watches.version(DbIndex(0), b"k"), Some(v));
        watches.touch(DbIndex(0), b"k");
        assert_ne!(watches.version(DbIndex(0), b"k"), Some(v));
        watches.unwatch(DbIndex(0), b"k");
        assert!(!watches.is_empty());
        watches.unwatch(DbIndex(0), b"k");
        assert!(watches.is_empty());
    }

    #[test]
    fn flushes_touch_their_databases() {
        let mut watches = WatchTable::default();
        let a = watches.watch(DbIndex(0), b"a");
        let b = watches.watch(DbIndex(1), b"b");
        let c = watches.watch(DbIndex(1), b"c");
        watches.touch_db(DbIndex(1), |key| key == b"b");
        assert_eq!(watches.version(DbIndex(0), b"a"), Some(a));
        assert_ne!(watches.version(DbIndex(1), b"b"), Some(b));
        assert_eq!(watches.version(DbIndex(1), b"c"), Some(c));
    }
}
