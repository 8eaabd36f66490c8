//! The coordinating side of a cross-shard transaction: take the intent locks of every key on
//! every shard that owns one, all or nothing, then (once the caller has run its hops) release
//! them. See docs/transactions.md.
//!
//! A shard grants a lock request only when none of its keys is held in a conflicting mode, and
//! never makes a request wait inside it (shards never block). Refused transactions follow
//! wait-die: an older one keeps its other locks and asks again, a younger one releases
//! everything and retries with the same id after a random pause. Only the old wait for the
//! young, so there is no deadlock; ids are kept, so nobody starves.

use std::sync::Arc;
use std::time::Duration;

use commands::tx::{LockRequest, Refusal, TxId};
use commands::ShardState;

use crate::shard::mesh::{Job, JobOutput};
use crate::shard::Shard;
use crate::slot::shard_of_slot;

/// Longest pause between two attempts, in microseconds.
const MAX_BACKOFF_US: u64 = 2_000;

/// How long a command outside any transaction waits before looking at a locked key again.
pub const LOCKED_KEY_RETRY: Duration = Duration::from_micros(20);

/// The locks a transaction holds, per shard.
pub struct HeldLocks {
    /// The transaction.
    pub tx: TxId,
    per_shard: Vec<(usize, Arc<[LockRequest]>)>,
}

impl HeldLocks {
    /// The last hop's `jobs`, each followed in its message by the release of this
    /// transaction's locks on its shard, plus plain releases for the locked shards without a
    /// job: the last hop and the release cost one message per shard.
    pub fn releasing(&self, jobs: Vec<(usize, Job)>) -> Vec<(usize, Job)> {
        let covered: Vec<usize> = jobs.iter().map(|(s, _)| *s).collect();
        let mut released: Vec<(usize, Job)> = jobs
            .into_iter()
            .map(|(owner, job)| (owner, self.then_release(owner, job)))
            .collect();
        released.extend(
            self.per_shard
                .iter()
                .filter(|(owner, _)| !covered.contains(owner))
                .map(|(owner, list)| {
                    let block = self.aof_block(list);
                    (*owner, unlock_job(self.tx, list.clone(), block))
                }),
        );
        released
    }

    fn then_release(&self, owner: usize, job: Job) -> Job {
        let tx = self.tx;
        let requests = self.requests_on(owner);
        let block = self.aof_block(&requests);
        Box::new(move |shard| {
            let output = job(shard);
            release(shard, tx, &requests, block);
            output
        })
    }

    /// The AOF block a shard holding `requests` closes at release: only shards the
    /// transaction may write on log one, each naming how many such shards there are.
    fn aof_block(&self, requests: &[LockRequest]) -> Option<usize> {
        let writes = |list: &[LockRequest]| list.iter().any(|r| r.write);
        if !writes(requests) {
            return None;
        }
        Some(
            self.per_shard
                .iter()
                .filter(|(_, list)| writes(list))
                .count(),
        )
    }

    fn requests_on(&self, owner: usize) -> Arc<[LockRequest]> {
        self.per_shard
            .iter()
            .find(|(s, _)| *s == owner)
            .map_or_else(|| Arc::from(Vec::new()), |(_, list)| list.clone())
    }
}

/// What a lock attempt on one shard came back with.
enum Attempt {
    Refused(Refusal),
    /// Granted, with the output of the first hop run right after, in the same message.
    Granted(Option<JobOutput>),
}

/// Takes the locks of `requests` for a new transaction, waiting until every shard grants them.
pub async fn lock(shard: &Shard, requests: Vec<LockRequest>) -> HeldLocks {
    lock_then(shard, requests, |_| None).await.0
}

/// Takes the locks of `requests`, and on each shard, in the message that takes them, runs the
/// transaction's first hop `hop(shard)` (a refused attempt runs nothing there). Returns the
/// locks and each shard's hop output, by shard.
///
/// Wait-die: when every refusal says the transaction is older than the holders, it keeps
/// what it was granted and asks the refusing shards again; when one says an older
/// transaction holds a key, it releases everything and starts over after a random pause,
/// keeping its id (so it ages into the oldest and stops being refused).
pub async fn lock_then(
    shard: &Shard,
    requests: Vec<LockRequest>,
    hop: impl Fn(usize) -> Option<Job>,
) -> (HeldLocks, Vec<(usize, Option<JobOutput>)>) {
    let held = HeldLocks {
        tx: shard.shared.next_tx_id(),
        per_shard: group_by_owner(requests, shard.count),
    };
    let tx = held.tx;
    let mut outputs: Vec<Option<Option<JobOutput>>> = held.per_shard.iter().map(|_| None).collect();
    let mut attempt = 0u32;
    loop {
        let pending: Vec<usize> = (0..held.per_shard.len())
            .filter(|&i| outputs[i].is_none())
            .collect();
        let jobs = pending
            .iter()
            .map(|&i| {
                let (owner, list) = &held.per_shard[i];
                (*owner, lock_job(tx, list.clone(), hop(*owner)))
            })
            .collect();
        let mut die = false;
        for (i, output) in pending.into_iter().zip(shard.run_on_each(jobs).await) {
            match attempt_of(output) {
                Attempt::Granted(out) => outputs[i] = Some(out),
                Attempt::Refused(Refusal::Die) => die = true,
                Attempt::Refused(Refusal::Wait) => {}
            }
        }
        if outputs.iter().all(Option::is_some) {
            let by_shard = held
                .per_shard
                .iter()
                .zip(outputs)
                .map(|((owner, _), out)| (*owner, out.flatten()))
                .collect();
            return (held, by_shard);
        }
        if die {
            let release = held
                .per_shard
                .iter()
                .zip(&outputs)
                .filter(|(_, out)| out.is_some())
                .map(|((owner, list), _)| (*owner, unlock_job(tx, list.clone(), None)))
                .collect();
            shard.run_on_each(release).await;
            outputs.iter_mut().for_each(|out| *out = None);
            attempt += 1;
            glommio::timer::sleep(backoff(shard, attempt)).await;
        } else {
            glommio::timer::sleep(LOCKED_KEY_RETRY).await;
        }
    }
}

/// Releases every lock of `held`.
pub async fn unlock(shard: &Shard, held: HeldLocks) {
    shard.run_on_each(held.releasing(Vec::new())).await;
}

fn group_by_owner(requests: Vec<LockRequest>, shards: usize) -> Vec<(usize, Arc<[LockRequest]>)> {
    let mut per_shard: Vec<(usize, Vec<LockRequest>)> = Vec::new();
    for request in requests {
        let owner = shard_of_slot(request.slot, shards);
        match per_shard.iter_mut().find(|(s, _)| *s == owner) {
            Some((_, list)) => list.push(request),
            None => per_shard.push((owner, vec![request])),
        }
    }
    per_shard.sort_by_key(|(s, _)| *s);
    per_shard
        .into_iter()
        .map(|(owner, list)| (owner, Arc::from(list)))
        .collect()
}

fn lock_job(tx: TxId, requests: Arc<[LockRequest]>, hop: Option<Job>) -> Job {
    Box::new(move |shard| {
        let granted = shard.state.borrow_mut().locks.try_lock_all(tx, &requests);
        let attempt = match granted {
            Ok(()) => Attempt::Granted(hop.map(|hop| hop(shard))),
            Err(refusal) => Attempt::Refused(refusal),
        };
        JobOutput::Other(Box::new(attempt))
    })
}

fn unlock_job(tx: TxId, requests: Arc<[LockRequest]>, block: Option<usize>) -> Job {
    Box::new(move |shard| {
        release(shard, tx, &requests, block);
        JobOutput::Replies(Vec::new())
    })
}

/// Releases `tx`'s locks on this shard; with `block` (its number of writing shards), first
/// closes its AOF block here.
fn release(shard: &Shard, tx: TxId, requests: &[LockRequest], block: Option<usize>) {
    let mut state = shard.state.borrow_mut();
    if let Some(writers) = block {
        let run_id = &shard.shared.run_id;
        state
            .propagate
            .finish_tx(tx, writers, || format!("{run_id}:{tx}").into_bytes());
    }
    state.locks.unlock_all(tx, requests);
}

fn attempt_of(output: Option<JobOutput>) -> Attempt {
    match output {
        Some(JobOutput::Other(any)) => any
            .downcast::<Attempt>()
            .map_or(Attempt::Refused(Refusal::Die), |a| *a),
        _ => Attempt::Refused(Refusal::Die),
    }
}

/// A random pause that grows with the attempts: two transactions that refused each other
/// retry at different times.
fn backoff(shard: &Shard, attempt: u32) -> Duration {
    let ceiling = (10u64 << attempt.min(8)).min(MAX_BACKOFF_US);
    let random = shard.state.borrow_mut().next_random();
    Duration::from_micros(1 + random % ceiling)
}

/// Stops granting write locks on shards `peers` and waits until the writing transactions that
/// hold some there have released them: what starts after this sees every transaction wholly
/// done or not begun on those shards (a snapshot, an AOF generation). Until [`undrain`] (or
/// the caller's own job clearing `draining`), transactions asking for write locks there are
/// told to release everything and retry.
pub async fn drain(shard: &Shard, peers: &[usize]) {
    loop {
        let jobs = peers
            .iter()
            .map(|&peer| {
                let job: Job = Box::new(|shard: &Shard| {
                    let mut state = shard.state.borrow_mut();
                    state.locks.draining = true;
                    JobOutput::Other(Box::new(state.locks.has_writers()))
                });
                (peer, job)
            })
            .collect();
        let busy = shard
            .run_on_each(jobs)
            .await
            .into_iter()
            .any(|out| match out {
                Some(JobOutput::Other(any)) => any.downcast_ref::<bool>().copied().unwrap_or(true),
                _ => false,
            });
        if !busy {
            return;
        }
        glommio::timer::sleep(Duration::from_micros(200)).await;
    }
}

/// Grants write locks on `peers` again after [`drain`].
pub async fn undrain(shard: &Shard, peers: &[usize]) {
    let jobs = peers
        .iter()
        .map(|&peer| {
            let job: Job = Box::new(|shard: &Shard| {
                shard.state.borrow_mut().locks.draining = false;
                JobOutput::Replies(Vec::new())
            });
            (peer, job)
        })
        .collect();
    shard.run_on_each(jobs).await;
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
