//! Clients blocked on keys of this shard (BLPOP and friends): a FIFO of waiters per key, and
//! the keys that may have become ready since the server last looked.
//!
//! The table never serves anyone itself: when a write changes a key with waiters, the key is
//! marked ready and the server's unblocker tells the first waiter, who then tries its command
//! again like any command. Exactly one client gets each element because each pop is atomic;
//! FIFO holds because only the head of a key's queue is told.

use std::collections::VecDeque;
use std::task::Waker;

use engine::DbIndex;
use hashbrown::HashMap;

use super::key::{DbKey, DbKeyRef};

/// What a blocked client waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitFor {
    /// A list to pop from (BLPOP and friends).
    List,
    /// A sorted set to pop from (BZPOPMIN and friends).
    ZSet,
    /// New entries, a group change or the key's deletion on a stream (XREAD, XREADGROUP).
    Stream,
}

/// A blocked client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiter {
    /// Its client id.
    pub client: u64,
    /// The shard its connection lives on.
    pub home: usize,
    /// What it waits for.
    pub wants: WaitFor,
}

/// The blocked clients of this shard's keys.
#[derive(Debug, Default)]
pub struct BlockedTable {
    queues: HashMap<DbKey, VecDeque<Waiter>>,
    ready: Vec<(DbIndex, Box<[u8]>)>,
    waker: Option<Waker>,
}

impl BlockedTable {
    /// Whether no client waits on a key of this shard: writes skip all bookkeeping then.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.queues.is_empty()
    }

    /// Queues `waiter` on `key`, unless it already waits there (it keeps its place).
    pub fn block(&mut self, db: DbIndex, key: &[u8], waiter: Waiter) {
        let queue = self.queues.entry(DbKey::new(db, key)).or_default();
        if !queue.iter().any(|w| w.client == waiter.client) {
            queue.push_back(waiter);
        }
    }

    /// Takes `client` off `key`'s queue.
    pub fn unblock(&mut self, db: DbIndex, key: &[u8], client: u64) {
        let probe = DbKeyRef(db.0, key);
        if let Some(queue) = self.queues.get_mut(&probe) {
            queue.retain(|w| w.client != client);
            if queue.is_empty() {
                self.queues.remove(&probe);
            }
        }
    }

    /// The first client waiting on `key` for the type it holds. Redis 7.2 wakes a waiter
    /// only when its key holds what it waits for.
    pub fn head(&self, db: DbIndex, key: &[u8], wants: WaitFor) -> Option<Waiter> {
        self.queues
            .get(&DbKeyRef(db.0, key))
            .and_then(|q| q.iter().find(|w| w.wants == wants).copied())
    }

    /// Every client waiting on `key` for a stream: stream reads take nothing away from each
    /// other (a group read takes only what it is given), so all of them try again.
    pub fn stream_waiters(&self, db: DbIndex, key: &[u8]) -> Vec<Waiter> {
        self.queues
            .get(&DbKeyRef(db.0, key))
            .map_or_else(Vec::new, |q| {
                q.iter()
                    .filter(|w| w.wants == WaitFor::Stream)
                    .copied()
                    .collect()
            })
    }

    /// Notes that `key` changed: when clients wait on it, it is queued for the unblocker.
    #[inline]
    pub fn signal(&mut self, db: DbIndex, key: &[u8]) {
        if !self.queues.contains_key(&DbKeyRef(db.0, key)) {
            return;
        }
        if !self.ready.iter().any(|(d, k)| *d == db && **k == *key) {
            self.ready.push((db, key.into()));
        }
        if let Some(waker) = self.waker.take() {
            waker.wake();
        }
    }

    /// Signals every key of `db` with waiters (FLUSHDB, FLUSHALL, SWAPDB): a client blocked
    /// on a consumer group must learn that its stream is gone.
    pub fn signal_db(&mut self, db: DbIndex) {
        let keys: Vec<Box<[u8]>> = self
            .queues
            .keys()
            .filter(|k| k.0 == db.0)
            .map(|k| k.1.clone())
            .collect();
        for key in keys {
            self.signal(db, &key);
        }
    }

    /// The keys signalled since the last call, or `None` after storing `waker` to be woken
    /// at the next signal.
    pub fn take_ready(&mut self, waker: &Waker) -> Option<Vec<(DbIndex, Box<[u8]>)>> {
        if self.ready.is_empty() {
            self.waker = Some(waker.clone());
            return None;
        }
        Some(std::mem::take(&mut self.ready))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiter(client: u64) -> Waiter {
        Waiter {
            client,
            home: 0,
            wants: WaitFor::List,
        }
    }

    #[test]
    fn waiters_queue_in_order_and_keep_their_place() {
        let mut table = BlockedTable::default();
        table.block(DbIndex(0), b"q", waiter(1));
        table.block(DbIndex(0), b"q", waiter(2));
        table.block(DbIndex(0), b"q", waiter(1));
        assert_eq!(table.head(DbIndex(0), b"q", WaitFor::List), Some(waiter(1)));
        assert_eq!(table.head(DbIndex(0), b"q", WaitFor::ZSet), None);
        table.unblock(DbIndex(0), b"q", 1);
        assert_eq!(table.head(DbIndex(0), b"q", WaitFor::List), Some(waiter(2)));
        table.unblock(DbIndex(0), b"q", 2);
        assert!(table.is_empty());
    }

    #[test]
    fn every_stream_waiter_of_a_key_is_named_and_a_flush_signals_its_database() {
        struct Noop;
        impl std::task::Wake for Noop {
            fn wake(self: std::sync::Arc<Self>) {}
        }
        let waker = &Waker::from(std::sync::Arc::new(Noop));
        let mut table = BlockedTable::default();
        let stream = |client| Waiter {
            wants: WaitFor::Stream,
            ..waiter(client)
        };
        table.block(DbIndex(0), b"s", stream(1));
        table.block(DbIndex(0), b"s", waiter(2));
        table.block(DbIndex(0), b"s", stream(3));
        table.block(DbIndex(1), b"t", stream(4));
        assert_eq!(
            table.stream_waiters(DbIndex(0), b"s"),
            vec![stream(1), stream(3)]
        );
        assert_eq!(table.head(DbIndex(0), b"s", WaitFor::List), Some(waiter(2)));
        table.signal_db(DbIndex(1));
        let ready = table.take_ready(waker).expect("t is ready");
        assert_eq!(ready, vec![(DbIndex(1), Box::from(&b"t"[..]))]);
    }

    #[test]
    fn only_keys_with_waiters_become_ready_once_each() {
        struct Noop;
        impl std::task::Wake for Noop {
            fn wake(self: std::sync::Arc<Self>) {}
        }
        let waker = &Waker::from(std::sync::Arc::new(Noop));
        let mut table = BlockedTable::default();
        table.signal(DbIndex(0), b"q");
        assert!(table.take_ready(waker).is_none());
        table.block(DbIndex(0), b"q", waiter(1));
        table.signal(DbIndex(0), b"q");
        table.signal(DbIndex(0), b"q");
        table.signal(DbIndex(1), b"q");
        let ready = table.take_ready(waker).expect("q is ready");
        assert_eq!(ready.len(), 1);
        assert!(table.take_ready(waker).is_none());
    }
}
