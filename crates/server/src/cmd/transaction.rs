//! MULTI, EXEC, DISCARD, WATCH, UNWATCH.
//!
//! EXEC with more than one shard takes the intent lock of every key its commands touch, on
//! every shard (crate::tx), checks the watched keys under those locks, runs the commands in
//! order as any command runs (inline on the home shard, batched to the others), and releases
//! the locks: no other client observes part of it. See docs/transactions.md.

use commands::table::{flag, lookup_subcommand};
use commands::tx::LockRequest;
use commands::{keys, parse, route, Args, CommandId, Route};
use engine::{DbIndex, DB_COUNT};
use resp::Reply;

use crate::conn::multi::{MultiState, Queued, WatchedKey};
use crate::conn::session::Session;
use crate::shard::mesh::{Job, JobOutput};
use crate::slot::group_by_shard;
use crate::tx;

/// EXECABORT: a command failed to queue.
const EXEC_ABORT: &str = "EXECABORT Transaction discarded because of previous errors.";

/// MULTI.
pub fn multi(session: &mut Session) -> Reply {
    if session.multi.is_some() {
        return Reply::error("ERR MULTI calls can not be nested");
    }
    session.multi = Some(MultiState::default());
    Reply::OK
}

/// DISCARD.
pub async fn discard(session: &mut Session) -> Reply {
    if session.multi.take().is_none() {
        return Reply::error("ERR DISCARD without MULTI");
    }
    forget_watches(session).await;
    Reply::OK
}

/// UNWATCH.
pub async fn unwatch(session: &mut Session) -> Reply {
    forget_watches(session).await;
    Reply::OK
}

/// WATCH key [key ...]: remembers each key's version on its shard.
pub async fn watch(session: &mut Session, args: Args<'_>) -> Reply {
    if session.multi.is_some() {
        return Reply::error("ERR WATCH inside MULTI is not allowed");
    }
    let db = session.client.borrow().db;
    let mut fresh: Vec<Vec<u8>> = Vec::new();
    for key in args.iter_from(1) {
        let known = session.watched.iter().any(|w| w.db == db && w.key == key);
        if !known && !fresh.iter().any(|k| k == key) {
            fresh.push(key.to_vec());
        }
    }
    let count = session.shard.count;
    let per_shard = group_by_shard(fresh, |k| k, count);
    let jobs = per_shard
        .iter()
        .map(|(owner, keys)| (*owner, watch_job(db, keys.clone())))
        .collect();
    let outputs = session.shard.run_on_each(jobs).await;
    for ((_, keys), output) in per_shard.into_iter().zip(outputs) {
        let Some(JobOutput::Other(any)) = output else {
            continue;
        };
        let Ok(states) = any.downcast::<Vec<(u64, bool)>>() else {
            continue;
        };
        for (key, (version, existed)) in keys.into_iter().zip(*states) {
            session.watched.push(WatchedKey {
                db,
                key,
                version,
                existed,
            });
        }
    }
    Reply::OK
}

fn watch_job(db: DbIndex, keys: Vec<Vec<u8>>) -> Job {
    Box::new(move |shard| {
        let now = crate::shared::now_ms();
        let mut state = shard.state.borrow_mut();
        let states: Vec<(u64, bool)> = keys
            .iter()
            .map(|key| {
                let existed = state.data.db(db).contains(key, now);
                (state.watches.watch(db, key), existed)
            })
            .collect();
        JobOutput::Other(Box::new(states))
    })
}

/// Stops watching every key (UNWATCH, DISCARD, EXEC, RESET, and when the connection closes).
pub async fn forget_watches(session: &mut Session) {
    if session.watched.is_empty() {
        return;
    }
    let watched = std::mem::take(&mut session.watched);
    let count = session.shard.count;
    let per_shard = group_by_shard(watched, |w| &w.key, count);
    let jobs: Vec<(usize, Job)> = per_shard
        .into_iter()
        .map(|(owner, keys)| {
            let job: Job = Box::new(move |shard| {
                let mut state = shard.state.borrow_mut();
                for key in &keys {
                    state.watches.unwatch(key.db, &key.key);
                }
                JobOutput::Replies(Vec::new())
            });
            (owner, job)
        })
        .collect();
    session.shard.run_on_each(jobs).await;
}

/// Whether every watched key still has the version (and existence) it had at WATCH.
async fn watches_hold(session: &mut Session) -> bool {
    let count = session.shard.count;
    let per_shard = group_by_shard(session.watched.iter().cloned(), |w| &w.key, count);
    let jobs: Vec<(usize, Job)> = per_shard
        .into_iter()
        .map(|(owner, keys)| {
            let job: Job = Box::new(move |shard| {
                let now = crate::shared::now_ms();
                let mut state = shard.state.borrow_mut();
                let held = keys.iter().all(|w| {
                    let same = state.watches.version(w.db, &w.key) == Some(w.version);
                    same && (!w.existed || state.data.db(w.db).contains(&w.key, now))
                });
                JobOutput::Other(Box::new(held))
            });
            (owner, job)
        })
        .collect();
    let outputs = session.shard.run_on_each(jobs).await;
    outputs.iter().all(|output| {
        matches!(output, Some(JobOutput::Other(any)) if any.downcast_ref::<bool>() == Some(&true))
    })
}

/// An EXEC refused before it ran (wrong arity): the transaction is discarded and the error
/// becomes `EXECABORT Transaction discarded because of: <error>`, as Redis's
/// `execCommandAbort`.
pub async fn abort(session: &mut Session, error: Reply) -> Reply {
    session.multi = None;
    forget_watches(session).await;
    let Reply::Error(error) = error else {
        return error;
    };
    let text = error.message();
    let text = text.strip_prefix("ERR ").unwrap_or(text);
    Reply::Error(resp::ReplyError::owned(format!(
        "EXECABORT Transaction discarded because of: {text}"
    )))
}

/// EXEC: the queued commands' replies, nil when a watched key changed, EXECABORT when a
/// command failed to queue.
pub async fn exec(session: &mut Session) -> Reply {
    let Some(multi) = session.multi.take() else {
        return Reply::error("ERR EXEC without MULTI");
    };
    if multi.aborted {
        forget_watches(session).await;
        return Reply::error(EXEC_ABORT);
    }
    let held = if session.shard.count > 1 {
        let requests = lock_requests(session, &multi.queued);
        Some(tx::lock(&session.shard, requests).await)
    } else {
        None
    };
    let proceed = session.watched.is_empty() || watches_hold(session).await;
    forget_watches(session).await;
    let reply = if proceed {
        Reply::Array(run_queued(session, multi.queued, held.as_ref().map(|h| h.tx)).await)
    } else {
        Reply::NilArray
    };
    if let Some(held) = held {
        tx::unlock(&session.shard, held).await;
    }
    reply
}

/// Runs the queued commands as the connection would, capturing their replies.
async fn run_queued(
    session: &mut Session,
    queued: Vec<Queued>,
    tx: Option<commands::tx::TxId>,
) -> Vec<Reply> {
    session.tx = tx;
    session.capture = Some(Vec::with_capacity(queued.len()));
    for command in &queued {
        Box::pin(session.handle(command.args.view())).await;
    }
    session.flush_wave().await;
    session.tx = None;
    session.capture.take().unwrap_or_default()
}

/// The lock of every key the queued commands touch, in the database each will run in
/// (SELECT inside the transaction moves the later ones).
fn lock_requests(session: &Session, queued: &[Queued]) -> Vec<LockRequest> {
    let mut db = session.client.borrow().db;
    let mut requests = Vec::new();
    let mut positions = Vec::new();
    for command in queued {
        let args = command.args.view();
        let spec = match command.spec.subcommands.is_empty() {
            true => command.spec,
            false => args
                .try_get(1)
                .and_then(|sub| lookup_subcommand(command.spec, sub))
                .unwrap_or(command.spec),
        };
        if spec.id == CommandId::Select {
            if let Some(index) = args.try_get(1).and_then(|a| parse::int(a).ok()) {
                if (0..DB_COUNT as i64).contains(&index) {
                    db = DbIndex(index as usize);
                }
            }
            continue;
        }
        if !matches!(route(spec.id), Route::Keyed(..)) {
            continue;
        }
        keys::key_positions(spec, &args, &mut positions);
        let write = spec.has(flag::WRITE);
        for (key_db, key) in crate::cross::gathered_keys(spec, &args, &positions, db) {
            requests.push(LockRequest::new(key_db, &key, write));
        }
    }
    requests
}
