//! Key intent locks: which keys of this shard a cross-shard transaction holds, shared (it only
//! reads them) or exclusive (it writes them).
//!
//! Keys are locked by a 64-bit hash (with a per-process random seed), not by their bytes: a
//! lock costs no allocation, and two keys sharing a hash only make one wait for the other.

use std::hash::BuildHasher;
use std::sync::OnceLock;

use engine::DbIndex;
use hashbrown::HashMap;

/// A transaction's identity, unique across the process.
pub type TxId = u64;

/// One key a transaction wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockRequest {
    /// The key's database.
    pub db: DbIndex,
    /// The key's lock hash ([`key_hash`]).
    pub hash: u64,
    /// The key's hash slot, which says which shard owns it.
    pub slot: u16,
    /// Whether the transaction may write it (exclusive) or only reads it (shared).
    pub write: bool,
}

impl LockRequest {
    /// A request for `key` of `db`.
    pub fn new(db: DbIndex, key: &[u8], write: bool) -> Self {
        LockRequest {
            db,
            hash: key_hash(key),
            slot: crate::slot::slot_of(key),
            write,
        }
    }
}

/// The hash a key is locked by, the same on every shard of the process.
pub fn key_hash(key: &[u8]) -> u64 {
    static STATE: OnceLock<foldhash::fast::FixedState> = OnceLock::new();
    let state = STATE.get_or_init(|| {
        let seed = std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64);
        foldhash::fast::FixedState::with_seed(seed)
    });
    state.hash_one(key)
}

#[derive(Debug, Default)]
struct KeyLock {
    writer: Option<TxId>,
    readers: Readers,
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

/// The transactions sharing a key: almost always one or two, held without allocating.
#[derive(Debug, Default)]
struct Readers {
    inline: [TxId; 2],
    inline_len: u8,
    more: Vec<TxId>,
}

impl Readers {
    fn is_empty(&self) -> bool {
        self.inline_len == 0 && self.more.is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = TxId> + '_ {
        self.inline[..self.inline_len as usize]
            .iter()
            .chain(&self.more)
            .copied()
    }

    fn contains(&self, tx: TxId) -> bool {
        self.iter().any(|r| r == tx)
    }

    fn push(&mut self, tx: TxId) {
        if (self.inline_len as usize) < self.inline.len() {
            self.inline[self.inline_len as usize] = tx;
            self.inline_len += 1;
        } else {
            self.more.push(tx);
        }
    }

    fn remove(&mut self, tx: TxId) {
        self.more.retain(|&r| r != tx);
        let len = self.inline_len as usize;
        if let Some(at) = self.inline[..len].iter().position(|&r| r == tx) {
            self.inline[at] = self.inline[len - 1];
            self.inline_len -= 1;
            if let Some(moved) = self.more.pop() {
                self.inline[self.inline_len as usize] = moved;
                self.inline_len += 1;
            }
        }
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
    keys: HashMap<(usize, u64), KeyLock>,
    /// No new write locks are granted: a snapshot or an AOF generation is about to start and
    /// waits for the writing transactions in flight to finish. Requests get `Refusal::Die`
    /// (release everything, retry later), so a transaction never holds locks here while it
    /// waits for a draining shard, and the drain always ends.
    pub draining: bool,
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
        let Some(lock) = self.keys.get(&(db.0, key_hash(key))) else {
            return false;
        };
        match lock.writer {
            Some(writer) => Some(writer) != tx,
            None => write && lock.readers.iter().any(|r| Some(r) != tx),
        }
    }

    /// Whether some transaction holds a key exclusively (may have written here).
    pub fn has_writers(&self) -> bool {
        self.keys.values().any(|lock| lock.writer.is_some())
    }

    /// The transaction holding `key` exclusively, if any: the one a write to it belongs to.
    pub fn writer_of(&self, db: DbIndex, key: &[u8]) -> Option<TxId> {
        self.keys.get(&(db.0, key_hash(key)))?.writer
    }

    /// The oldest (smallest id) transaction other than `tx` holding `key` in a mode that
    /// conflicts with the access.
    fn oldest_conflicting(&self, request: &LockRequest, tx: TxId) -> Option<TxId> {
        let lock = self.keys.get(&(request.db.0, request.hash))?;
        let write = request.write;
        let holder = match lock.writer {
            Some(writer) if writer != tx => Some(writer),
            Some(_) => None,
            None if write => lock.readers.iter().filter(|&r| r != tx).min(),
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
        if self.draining && requests.iter().any(|r| r.write) {
            return Err(Refusal::Die);
        }
        let oldest = requests
            .iter()
            .filter_map(|r| self.oldest_conflicting(r, tx))
            .min();
        if let Some(holder) = oldest {
            if tx > holder {
                return Err(Refusal::Die);
            }
            self.mark_waiting(tx, requests);
            return Err(Refusal::Wait);
        }
        for request in requests {
            let lock = self.keys.entry((request.db.0, request.hash)).or_default();
            if request.write {
                lock.writer = Some(tx);
                lock.readers.remove(tx);
            } else if lock.writer != Some(tx) && !lock.readers.contains(tx) {
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
            if let Some(lock) = self.keys.get_mut(&(request.db.0, request.hash)) {
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
            let probe = (request.db.0, request.hash);
            let Some(lock) = self.keys.get_mut(&probe) else {
                continue;
            };
            if lock.writer == Some(tx) {
                lock.writer = None;
            }
            lock.readers.remove(tx);
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
        LockRequest::new(DbIndex(0), key.as_bytes(), write)
    }

    #[test]
    fn readers_beyond_the_inline_ones_are_kept_and_removed() {
        let mut readers = Readers::default();
        for tx in 1..=5 {
            readers.push(tx);
        }
        readers.remove(1);
        readers.remove(4);
        let mut left: Vec<TxId> = readers.iter().collect();
        left.sort_unstable();
        assert_eq!(left, vec![2, 3, 5]);
        for tx in [2, 3, 5] {
            readers.remove(tx);
        }
        assert!(readers.is_empty());
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
