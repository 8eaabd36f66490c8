//! Gather: a multi-shard command that is not split per key (RENAME, SMOVE, SINTERSTORE, ...)
//! copies its keys' values from their owners into a scratch state, runs the real handler
//! there, and writes back what changed. Two hops: the fetch rides in the messages that take
//! the locks, the write-back in those that release them.

use commands::tx::LockRequest;
use commands::{Args, CommandSpec, ShardCtx, ShardHandler, ShardState};
use engine::db::DetachedValue;
use engine::DbIndex;
use resp::Reply;

use super::{client_db, gathered_keys};
use crate::conn::session::Session;
use crate::shard::mesh::{Job, JobOutput};
use crate::shared::now_ms;
use crate::slot::{group_by_shard, shard_of};
use crate::tx::{self, HeldLocks};

/// A key's new state to write back to its owner.
type WriteBack = (DbIndex, Vec<u8>, Option<DetachedValue>);

/// The keys one shard owns: (index among the command's keys, database, key).
type Wanted = Vec<(usize, DbIndex, Vec<u8>)>;

/// Runs a gathered command. With `lock`, it takes those locks itself (and releases them);
/// without, the EXEC around it holds them.
pub(super) async fn gather(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
    lock: Option<Vec<LockRequest>>,
) -> Reply {
    let (db, caller) = client_db(session);
    let keys = gathered_keys(spec, &args, positions, db);
    gather_with(session, db, keys, lock, &mut |ctx| {
        ctx.no_touch = caller.no_touch;
        ctx.reads_any_key = caller.reads_any_key;
        crate::exec::call(handler, ctx, args)
    })
    .await
}

/// Copies `keys` into a scratch state, runs `run` there in database `db`, and writes back
/// what changed; with `lock`, under those locks (taken with the fetch, released with the
/// write-back), else under the caller's.
pub(crate) async fn gather_with(
    session: &mut Session,
    db: DbIndex,
    keys: Vec<(DbIndex, Vec<u8>)>,
    lock: Option<Vec<LockRequest>>,
    run: &mut dyn FnMut(&mut ShardCtx<'_>) -> Reply,
) -> Reply {
    let count = session.shard.count;
    let plan = fetch_plan(&keys, count);
    let (outputs, held) = match lock {
        Some(requests) => {
            let (held, outputs) = tx::lock_then(&session.shard, requests, |owner| {
                plan.iter()
                    .find(|(s, _)| *s == owner)
                    .map(|(_, wanted)| fetch_job(wanted.clone()))
            })
            .await;
            (outputs, Some(held))
        }
        None => {
            let jobs = plan
                .iter()
                .map(|(s, wanted)| (*s, fetch_job(wanted.clone())))
                .collect();
            let outputs = session.shard.run_on_each(jobs).await;
            (plan.iter().map(|(s, _)| *s).zip(outputs).collect(), None)
        }
    };
    let Some(before) = assemble(&plan, outputs, keys.len()) else {
        if let Some(held) = held {
            tx::unlock(&session.shard, held).await;
        }
        return Reply::error("ERR shard unavailable");
    };
    let now = now_ms();
    let mut scratch = ShardState::new(session.shard.state.borrow_mut().next_random());
    scratch.settings = session.shard.state.borrow().settings.clone();
    for ((key_db, key), value) in keys.iter().zip(&before) {
        if let Some(v) = value {
            scratch.data.db(*key_db).attach(key, v.clone(), now);
        }
    }
    let reply = {
        let mut ctx = ShardCtx::new(&mut scratch, db, now);
        run(&mut ctx)
    };
    let mut writes: Vec<Vec<WriteBack>> = (0..count).map(|_| Vec::new()).collect();
    for ((key_db, key), old) in keys.into_iter().zip(before) {
        let new = scratch.data.db(key_db).detach(&key, now);
        if new != old {
            writes[shard_of(&key, count)].push((key_db, key, new));
        }
    }
    session.shard.state.borrow_mut().dirty += scratch.dirty;
    let jobs = write_jobs(writes, held.as_ref());
    session.shard.run_on_each(jobs).await;
    reply
}

/// Which keys each shard owns, by shard.
fn fetch_plan(keys: &[(DbIndex, Vec<u8>)], count: usize) -> Vec<(usize, Wanted)> {
    let entries = keys
        .iter()
        .enumerate()
        .map(|(i, (db, key))| (i, *db, key.clone()));
    group_by_shard(entries, |(_, _, key)| key, count)
}

fn fetch_job(wanted: Wanted) -> Job {
    Box::new(move |shard| {
        let now = now_ms();
        let mut state = shard.state.borrow_mut();
        let values = wanted
            .iter()
            .map(|(_, db, key)| {
                // The lookup may reclaim a key whose deadline passed during a snapshot walk.
                crate::snapshot::before_read(&mut state, *db, key, now);
                state.data.db(*db).lookup(key, now).map(|e| DetachedValue {
                    value: e.value.clone(),
                    expire_at_ms: e.expire_at_ms(),
                })
            })
            .collect();
        JobOutput::Values(values)
    })
}

/// The fetched values in key order; `None` when a shard did not answer.
fn assemble(
    plan: &[(usize, Wanted)],
    outputs: Vec<(usize, Option<JobOutput>)>,
    len: usize,
) -> Option<Vec<Option<DetachedValue>>> {
    let mut result: Vec<Option<DetachedValue>> = (0..len).map(|_| None).collect();
    for (owner, wanted) in plan {
        let output = outputs
            .iter()
            .position(|(s, _)| s == owner)
            .and_then(|i| outputs.get(i));
        let Some((_, Some(JobOutput::Values(values)))) = output else {
            return None;
        };
        for ((i, _, _), value) in wanted.iter().zip(values) {
            result[*i] = value.clone();
        }
    }
    Some(result)
}

/// The write-back jobs, each releasing its shard's locks of `held`, plus releases for locked
/// shards with nothing to write.
fn write_jobs(writes: Vec<Vec<WriteBack>>, held: Option<&HeldLocks>) -> Vec<(usize, Job)> {
    let mut jobs: Vec<(usize, Job)> = writes
        .into_iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
        .map(|(shard, w)| (shard, write_back(w)))
        .collect();
    if let Some(held) = held {
        jobs = held.releasing(jobs);
    }
    jobs
}

fn write_back(writes: Vec<WriteBack>) -> Job {
    Box::new(move |shard| {
        let now = now_ms();
        let mut state = shard.state.borrow_mut();
        for (db, key, value) in writes {
            crate::snapshot::before_write(&mut state, db, &key, now);
            state.watches.touch(db, &key);
            state.blocked.signal(db, &key);
            if state.propagate.enabled {
                // The gathered command read keys of other shards: log its effect here, the
                // key's whole new value, not the command (which replays only where all its
                // keys' histories are in one log).
                let tx = state.locks.writer_of(db, &key);
                let (value_ref, expire) = match &value {
                    Some(v) => (Some(&v.value), v.expire_at_ms),
                    None => (None, None),
                };
                for record in crate::aof::value::records(&key, value_ref, expire) {
                    let parts: Vec<&[u8]> = record.iter().map(|a| a.as_slice()).collect();
                    state.propagate.command(db, &parts, tx);
                }
            }
            match value {
                Some(v) => state.data.db(db).attach(&key, v, now),
                None => {
                    state.data.db(db).remove(&key, now);
                }
            }
        }
        JobOutput::Replies(Vec::new())
    })
}
