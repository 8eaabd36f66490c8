//! Key intent locks: which keys of this shard a cross-shard transaction holds, shared (it only
//! reads them) or exclusive (it writes them).

use engine::DbIndex;
use hashbrown::HashMap;

use super::key::{DbKey, DbKeyRef};

/// A transaction's identity, unique across the process.
pub type TxId = u64;

/// One key a transaction wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockRequest {
    /// The key's database.
    pub db: DbIndex,
    /// The key.
    pub key: Vec<u8>,
    /// Whether the transaction may write it (exclusive) or only reads it (shared).
    pub write: bool,
}

#[derive(Debug, Default)]
struct KeyLock {
    writer: Option<TxId>,
    readers: Vec<TxId>,
}

/// The locks held on this shard's keys. Empty almost always: the data path checks
/// [`LockTable::is_empty`] before anything else.
#[derive(Debug, Default)]
pub struct LockTable {
    keys: HashMap<DbKey, KeyLock>,
}

impl LockTable {
    /// Whether no key is locked.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether an access to `key` (a write when `write`) by `tx` (`None`: a command outside
    /// any transaction) must wait for another transaction.
    pub fn conflicts(&self, db: DbIndex, key: &[u8], write: bool, tx: Option<TxId>) -> bool {
        let Some(lock) = self.keys.get(&DbKeyRef(db.0, key)) else {
            return false;
        };
        match lock.writer {
            Some(writer) => Some(writer) != tx,
            None => write && lock.readers.iter().any(|&r| Some(r) != tx),
        }
    }

    /// Locks every requested key for `tx`, or none of them when one is held by another
    /// transaction in a conflicting mode. Never waits: a refused transaction releases what it
    /// holds elsewhere and retries, so no cycle of waits (deadlock) can form.
    pub fn try_lock_all(&mut self, tx: TxId, requests: &[LockRequest]) -> bool {
        if requests
            .iter()
            .any(|r| self.conflicts(r.db, &r.key, r.write, Some(tx)))
        {
            return false;
        }
        for request in requests {
            let lock = self
                .keys
                .entry(DbKey::new(request.db, &request.key))
                .or_default();
            if request.write {
                lock.writer = Some(tx);
                lock.readers.retain(|&r| r != tx);
            } else if lock.writer != Some(tx) && !lock.readers.contains(&tx) {
                lock.readers.push(tx);
            }
        }
        true
    }

    /// Releases what `tx` holds of the requested keys.
    pub fn unlock_all(&mut self, tx: TxId, requests: &[LockRequest]) {
        for request in requests {
            let probe = DbKeyRef(request.db.0, &request.key);
            let Some(lock) = self.keys.get_mut(&probe) else {
                continue;
            };
            if lock.writer == Some(tx) {
                lock.writer = None;
            }
            lock.readers.retain(|&r| r != tx);
            if lock.writer.is_none() && lock.readers.is_empty() {
                self.keys.remove(&probe);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(key: &str, write: bool) -> LockRequest {
        LockRequest {
            db: DbIndex(0),
            key: key.as_bytes().to_vec(),
            write,
        }
    }

    #[test]
    fn readers_share_and_writers_exclude() {
        let mut locks = LockTable::default();
        assert!(locks.try_lock_all(1, &[req("a", false)]));
        assert!(locks.try_lock_all(2, &[req("a", false)]));
        assert!(!locks.try_lock_all(3, &[req("a", true)]));
        assert!(locks.conflicts(DbIndex(0), b"a", true, None));
        assert!(!locks.conflicts(DbIndex(0), b"a", false, None));
        locks.unlock_all(1, &[req("a", false)]);
        locks.unlock_all(2, &[req("a", false)]);
        assert!(locks.is_empty());
        assert!(locks.try_lock_all(3, &[req("a", true)]));
        assert!(locks.conflicts(DbIndex(0), b"a", false, None));
        assert!(!locks.conflicts(DbIndex(0), b"a", true, Some(3)));
        assert!(!locks.conflicts(DbIndex(1), b"a", true, None));
    }

    #[test]
    fn a_refused_request_takes_nothing() {
        let mut locks = LockTable::default();
        assert!(locks.try_lock_all(1, &[req("b", true)]));
        assert!(!locks.try_lock_all(2, &[req("a", true), req("b", false)]));
        assert!(!locks.conflicts(DbIndex(0), b"a", true, None));
        locks.unlock_all(1, &[req("b", true)]);
        assert!(locks.is_empty());
    }

    #[test]
    fn a_transaction_may_upgrade_its_own_shared_lock() {
        let mut locks = LockTable::default();
        assert!(locks.try_lock_all(1, &[req("a", false), req("a", true)]));
        assert!(locks.conflicts(DbIndex(0), b"a", false, Some(2)));
        locks.unlock_all(1, &[req("a", false), req("a", true)]);
        assert!(locks.is_empty());
    }
}
