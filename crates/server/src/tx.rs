//! The coordinating side of a cross-shard transaction: take the intent locks of every key on
//! every shard that owns one, all or nothing, then (once the caller has run its hops) release
//! them. See docs/transactions.md.
//!
//! A shard grants a lock request only when none of its keys is held in a conflicting mode, and
//! never makes a request wait; a transaction refused anywhere releases what it was granted and
//! tries again after a short random pause. Nothing ever waits while holding a lock it was
//! granted for an attempt that failed, so there is no deadlock; the random pause keeps two
//! transactions from refusing each other forever.

use std::time::Duration;

use commands::tx::{LockRequest, TxId};
use commands::ShardState;

use crate::shard::mesh::{Job, JobOutput};
use crate::shard::Shard;
use crate::slot::shard_of;

/// Longest pause between two attempts, in microseconds.
const MAX_BACKOFF_US: u64 = 2_000;

/// How long a command outside any transaction waits before looking at a locked key again.
pub const LOCKED_KEY_RETRY: Duration = Duration::from_micros(20);

/// The locks a transaction holds, per shard.
pub struct HeldLocks {
    /// The transaction.
    pub tx: TxId,
    per_shard: Vec<(usize, Vec<LockRequest>)>,
}

/// Takes the locks of `requests` for a new transaction, retrying until every shard grants them.
pub async fn lock(shard: &Shard, requests: Vec<LockRequest>) -> HeldLocks {
    let tx = shard.shared.next_tx_id();
    let mut per_shard: Vec<(usize, Vec<LockRequest>)> = Vec::new();
    for request in requests {
        let owner = shard_of(&request.key, shard.count);
        match per_shard.iter_mut().find(|(s, _)| *s == owner) {
            Some((_, list)) => list.push(request),
            None => per_shard.push((owner, vec![request])),
        }
    }
    per_shard.sort_by_key(|(s, _)| *s);
    let held = HeldLocks { tx, per_shard };
    let mut attempt = 0u32;
    loop {
        let jobs = held
            .per_shard
            .iter()
            .map(|(owner, list)| (*owner, lock_job(tx, list.clone())))
            .collect();
        let outputs = shard.run_on_each(jobs).await;
        let granted: Vec<bool> = outputs.iter().map(granted).collect();
        if granted.iter().all(|g| *g) {
            return held;
        }
        let release = held
            .per_shard
            .iter()
            .zip(&granted)
            .filter(|(_, g)| **g)
            .map(|((owner, list), _)| (*owner, unlock_job(tx, list.clone())))
            .collect();
        shard.run_on_each(release).await;
        attempt += 1;
        glommio::timer::sleep(backoff(shard, attempt)).await;
    }
}

/// Releases every lock of `held`.
pub async fn unlock(shard: &Shard, held: HeldLocks) {
    let tx = held.tx;
    let jobs = held
        .per_shard
        .into_iter()
        .map(|(owner, list)| (owner, unlock_job(tx, list)))
        .collect();
    shard.run_on_each(jobs).await;
}

fn lock_job(tx: TxId, requests: Vec<LockRequest>) -> Job {
    Box::new(move |shard| {
        let ok = shard.state.borrow_mut().locks.try_lock_all(tx, &requests);
        JobOutput::Other(Box::new(ok))
    })
}

fn unlock_job(tx: TxId, requests: Vec<LockRequest>) -> Job {
    Box::new(move |shard| {
        shard.state.borrow_mut().locks.unlock_all(tx, &requests);
        JobOutput::Replies(Vec::new())
    })
}

fn granted(output: &Option<JobOutput>) -> bool {
    matches!(output, Some(JobOutput::Other(any)) if any.downcast_ref::<bool>() == Some(&true))
}

/// A random pause that grows with the attempts: two transactions that refused each other
/// retry at different times.
fn backoff(shard: &Shard, attempt: u32) -> Duration {
    let ceiling = (10u64 << attempt.min(8)).min(MAX_BACKOFF_US);
    let random = shard.state.borrow_mut().next_random();
    Duration::from_micros(1 + random % ceiling)
}

/// Whether a command outside the transaction `tx` (`None`: outside any) must wait before it
/// touches the keys at `positions` (`write`: it may change them).
pub fn keys_locked(
    state: &ShardState,
    db: engine::DbIndex,
    keys: impl IntoIterator<Item = impl AsRef<[u8]>>,
    write: bool,
    tx: Option<TxId>,
) -> bool {
    !state.locks.is_empty()
        && keys
            .into_iter()
            .any(|key| state.locks.conflicts(db, key.as_ref(), write, tx))
}
