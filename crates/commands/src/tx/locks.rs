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
    /// The oldest transaction told to wait for this key, and whether it wants to write: a
    /// younger transaction may not slip in ahead of it (else a stream of readers could starve
    /// a writer for ever).
    waiting: Option<(TxId, bool)>,
}

impl KeyLock {
    fn is_free(&self) -> bool {
        self.writer.is_none() && self.readers.is_empty() && self.waiting.is_none()
    }
}

/// Why a lock request was refused (see [`LockTable::try_lock_all`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Every conflicting holder is younger: keep your other locks and ask again.
    Wait,
    /// An older transaction holds a key: release everything and retry later.
    Die,
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

    /// The oldest (smallest id) transaction other than `tx` holding `key` in a mode that
    /// conflicts with the access.
    fn oldest_conflicting(&self, db: DbIndex, key: &[u8], write: bool, tx: TxId) -> Option<TxId> {
        let lock = self.keys.get(&DbKeyRef(db.0, key))?;
        let holder = match lock.writer {
            Some(writer) if writer != tx => Some(writer),
            Some(_) => None,
            None if write => lock.readers.iter().copied().filter(|&r| r != tx).min(),
            None => None,
        };
        let waiter = lock
            .waiting
            .filter(|&(w, w_write)| w < tx && (write || w_write))
            .map(|(w, _)| w);
        match (holder, waiter) {
            (Some(h), Some(w)) => Some(h.min(w)),
            (h, w) => h.or(w),
        }
    }

    /// Locks every requested key for `tx`, or none of them when one is held by another
    /// transaction in a conflicting mode. Never makes the request wait here; a refusal says
    /// whether the requester is older than every conflicting holder (`Refusal::Wait`: it may
    /// keep what it holds elsewhere and ask again) or not (`Refusal::Die`: it must release
    /// everything and retry later, keeping its id). That is wait-die: only older transactions
    /// wait for younger ones, so no cycle of waits (deadlock) can form, and a transaction that
    /// keeps its id becomes the oldest in time, so none starves.
    pub fn try_lock_all(&mut self, tx: TxId, requests: &[LockRequest]) -> Result<(), Refusal> {
        let oldest = requests
            .iter()
            .filter_map(|r| self.oldest_conflicting(r.db, &r.key, r.write, tx))
            .min();
        if let Some(holder) = oldest {
            if tx > holder {
                return Err(Refusal::Die);
            }
            self.mark_waiting(tx, requests);
            return Err(Refusal::Wait);
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
            if lock.waiting.is_some_and(|(w, _)| w == tx) {
                lock.waiting = None;
            }
        }
        Ok(())
    }

    /// Records that `tx` waits for the held keys among `requests`, unless an older one does.
    fn mark_waiting(&mut self, tx: TxId, requests: &[LockRequest]) {
        for request in requests {
            if let Some(lock) = self.keys.get_mut(&DbKeyRef(request.db.0, &request.key)) {
                let older_waits = lock.waiting.is_some_and(|(w, _)| w < tx);
                if !older_waits {
                    let write = request.write || lock.waiting.is_some_and(|(w, ww)| w == tx && ww);
                    lock.waiting = Some((tx, write));
                }
            }
        }
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
            if lock.waiting.is_some_and(|(w, _)| w == tx) {
                lock.waiting = None;
            }
            if lock.is_free() {
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
        assert!(locks.try_lock_all(1, &[req("a", false)]).is_ok());
        assert!(locks.try_lock_all(2, &[req("a", false)]).is_ok());
        assert_eq!(locks.try_lock_all(3, &[req("a", true)]), Err(Refusal::Die));
        assert!(locks.conflicts(DbIndex(0), b"a", true, None));
        assert!(!locks.conflicts(DbIndex(0), b"a", false, None));
        locks.unlock_all(1, &[req("a", false)]);
        locks.unlock_all(2, &[req("a", false)]);
        assert!(locks.is_empty());
        assert!(locks.try_lock_all(3, &[req("a", true)]).is_ok());
        assert!(locks.conflicts(DbIndex(0), b"a", false, None));
        assert_eq!(
            locks.try_lock_all(2, &[req("a", false)]),
            Err(Refusal::Wait)
        );
        assert!(!locks.conflicts(DbIndex(0), b"a", true, Some(3)));
        assert!(!locks.conflicts(DbIndex(1), b"a", true, None));
    }

    #[test]
    fn a_refused_request_takes_nothing() {
        let mut locks = LockTable::default();
        assert!(locks.try_lock_all(1, &[req("b", true)]).is_ok());
        assert!(locks
            .try_lock_all(2, &[req("a", true), req("b", false)])
            .is_err());
        assert!(!locks.conflicts(DbIndex(0), b"a", true, None));
        locks.unlock_all(1, &[req("b", true)]);
        assert!(locks.is_empty());
    }

    #[test]
    fn a_waiting_writer_keeps_younger_readers_out() {
        let mut locks = LockTable::default();
        assert!(locks.try_lock_all(5, &[req("a", false)]).is_ok());
        // An older writer is told to wait, and marks the key.
        assert_eq!(locks.try_lock_all(3, &[req("a", true)]), Err(Refusal::Wait));
        // A younger reader may not jump the queue.
        assert_eq!(locks.try_lock_all(7, &[req("a", false)]), Err(Refusal::Die));
        locks.unlock_all(5, &[req("a", false)]);
        assert!(locks.try_lock_all(3, &[req("a", true)]).is_ok());
        locks.unlock_all(3, &[req("a", true)]);
        assert!(locks.is_empty());
    }

    #[test]
    fn a_transaction_may_upgrade_its_own_shared_lock() {
        let mut locks = LockTable::default();
        assert!(locks
            .try_lock_all(1, &[req("a", false), req("a", true)])
            .is_ok());
        assert!(locks.conflicts(DbIndex(0), b"a", false, Some(2)));
        locks.unlock_all(1, &[req("a", false), req("a", true)]);
        assert!(locks.is_empty());
    }
}
