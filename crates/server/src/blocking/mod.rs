//! Blocking commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP):
//! serve at once when a key can, else wait on every key's shard until one may, the timeout
//! passes, CLIENT UNBLOCK, or the client goes away.
//!
//! A waiting connection is queued on each key's shard (FIFO per key) and parked on its home
//! shard. A write to a key with waiters wakes the first of them (see `unblocker`), which tries
//! its command again as a whole: each pop is atomic, so exactly one client gets each element.
//! Inside MULTI/EXEC a blocking command never waits (as in Redis). See docs/transactions.md.

pub mod park;
pub mod unblocker;

use std::time::{Duration, Instant};

use commands::families::blocking::{self, BlockRequest};
use commands::tx::{LockRequest, WaitFor, Waiter};
use commands::{CommandSpec, ShardCtx};
use engine::DbIndex;
use resp::Reply;

use crate::conn::session::Session;
use crate::shard::mesh::{Job, JobOutput};
use crate::slot::{group_by_shard, shard_of};
use park::{UnblockMode, Wake};

/// How often a waiting connection checks that its peer is still there.
const PEER_CHECK: Duration = Duration::from_millis(100);

/// A blocking command waiting for a key: the connection writes the replies before it, then
/// calls [`finish`].
pub struct PendingBlock {
    request: BlockRequest,
    slot: std::rc::Rc<park::ParkSlot>,
    db: DbIndex,
    client: u64,
    deadline: Option<Instant>,
}

/// Runs a blocking command: its reply when it can be served now (or never waits: inside
/// EXEC); else `None`, with the client queued on its keys and the wait left in
/// `session.pending_block`.
pub async fn run(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: commands::Args<'_>,
) -> Option<Reply> {
    let mut request = match blocking::parse(spec.id, args) {
        Ok(request) => request,
        Err(reply) => return Some(reply),
    };
    let (client, db) = {
        let info = session.client.borrow();
        (info.id, info.db)
    };
    if request.needs_preparing() {
        if let Err(reply) = prepare(session, &mut request, db).await {
            return Some(reply);
        }
    }
    if let Some(reply) = attempt(session, &request, db).await {
        return Some(reply);
    }
    if session.capture.is_some() {
        // Inside EXEC a blocking command answers at once.
        return Some(request.no_wait_reply());
    }
    let slot = session.shard.parked.park(client);
    let home = session.shard.id;
    let wants = request.wants();
    let register = |key_db, keys| register_job(key_db, keys, client, home, wants);
    run_on_key_shards(session, &request, register, db).await;
    request.mark_waited();
    session.pending_block = Some(PendingBlock {
        // A timeout too far out to represent waits for ever.
        deadline: request.timeout.and_then(|t| Instant::now().checked_add(t)),
        request,
        slot,
        db,
        client,
    });
    None
}

/// Waits for the pending blocking command of `session` to be served, time out, be unblocked
/// or lose its client, and emits its reply.
pub async fn finish(session: &mut Session) {
    let Some(pending) = session.pending_block.take() else {
        return;
    };
    let reply = loop {
        // Also closes the race between the first try and the registration.
        if let Some(reply) = attempt(session, &pending.request, pending.db).await {
            break reply;
        }
        match wait(session, &pending.slot, pending.deadline).await {
            Some(Wake::Ready) => continue,
            Some(Wake::Unblocked(UnblockMode::Error)) => {
                break Reply::error("UNBLOCKED client unblocked via CLIENT UNBLOCK")
            }
            Some(Wake::Unblocked(UnblockMode::Timeout)) | None => {
                break blocking::timeout_reply(&pending.request)
            }
        }
    };
    session.shard.parked.leave(pending.client);
    // Waiting counts as activity: the idle timeout starts again from the reply.
    session.client.borrow_mut().last_interaction_ms = crate::shared::now_ms();
    let client = pending.client;
    let leave = |key_db, keys| leave_job(key_db, keys, client);
    run_on_key_shards(session, &pending.request, leave, pending.db).await;
    session.emit(reply);
}

/// Tries to serve the request now: the reply, or `None` when every key is empty.
async fn attempt(session: &mut Session, request: &BlockRequest, db: DbIndex) -> Option<Reply> {
    let count = session.shard.count;
    let first = request.all_keys().next().map_or(0, |k| shard_of(k, count));
    let one_shard = request.all_keys().all(|k| shard_of(k, count) == first);
    if one_shard {
        loop {
            let job = serve_job(request.clone(), db, session.tx);
            match session.shard.run_on(first, job).await {
                Some(JobOutput::Other(any)) => match any.downcast::<Served>() {
                    Ok(served) => match *served {
                        Served::Reply(reply) => return Some(reply),
                        Served::Empty => return None,
                        Served::Locked => {
                            glommio::timer::sleep(crate::tx::LOCKED_KEY_RETRY).await;
                        }
                    },
                    Err(_) => return Some(Reply::error("ERR shard unavailable")),
                },
                _ => return Some(Reply::error("ERR shard unavailable")),
            }
        }
    }
    let keys: Vec<(DbIndex, Vec<u8>)> = request.all_keys().map(|k| (db, k.to_vec())).collect();
    let lock = session.tx.is_none().then(|| {
        keys.iter()
            .map(|(db, key)| LockRequest::new(*db, key, true))
            .collect()
    });
    let mut served = false;
    let reply =
        crate::cross::gather_with(
            session,
            db,
            keys,
            lock,
            &mut |ctx| match blocking::try_serve(ctx, request) {
                Some(reply) => {
                    served = true;
                    reply
                }
                None => Reply::Nil,
            },
        )
        .await;
    served.then_some(reply)
}

/// Runs [`blocking::prepare`] where the request's keys live (XREAD's key checks and `$`).
async fn prepare(
    session: &mut Session,
    request: &mut BlockRequest,
    db: DbIndex,
) -> Result<(), Reply> {
    let count = session.shard.count;
    let first = request.all_keys().next().map_or(0, |k| shard_of(k, count));
    if request.all_keys().all(|k| shard_of(k, count) == first) {
        let job = prepare_job(request.clone(), db);
        return match session.shard.run_on(first, job).await {
            Some(JobOutput::Other(any)) => {
                match any.downcast::<(BlockRequest, Result<(), Reply>)>() {
                    Ok(prepared) => {
                        let (prepared, result) = *prepared;
                        *request = prepared;
                        result
                    }
                    Err(_) => Err(Reply::error("ERR shard unavailable")),
                }
            }
            _ => Err(Reply::error("ERR shard unavailable")),
        };
    }
    let keys: Vec<(DbIndex, Vec<u8>)> = request.all_keys().map(|k| (db, k.to_vec())).collect();
    let mut result = Ok(());
    crate::cross::gather_with(session, db, keys, None, &mut |ctx| {
        result = blocking::prepare(ctx, request);
        Reply::Nil
    })
    .await;
    result
}

fn prepare_job(mut request: BlockRequest, db: DbIndex) -> Job {
    Box::new(move |shard| {
        let mut state = shard.state.borrow_mut();
        let now = crate::shared::now_ms();
        let result = {
            let mut ctx = ShardCtx::new(&mut state, db, now);
            blocking::prepare(&mut ctx, &mut request)
        };
        JobOutput::Other(Box::new((request, result)))
    })
}

/// What a serve attempt on one shard found.
enum Served {
    Reply(Reply),
    Empty,
    /// A transaction holds one of the keys: try again shortly.
    Locked,
}

fn serve_job(request: BlockRequest, db: DbIndex, tx: Option<commands::tx::TxId>) -> Job {
    Box::new(move |shard| {
        let mut state = shard.state.borrow_mut();
        if crate::tx::keys_locked(&state, db, request.all_keys(), true, tx) {
            return JobOutput::Other(Box::new(Served::Locked));
        }
        let now = crate::shared::now_ms();
        for key in request.all_keys() {
            crate::snapshot::before_write(&mut state, db, key, now);
        }
        let dirty_before = state.dirty;
        let served = {
            let mut ctx = ShardCtx::new(&mut state, db, now);
            blocking::try_serve(&mut ctx, &request)
        };
        // A group read hands over the claims and group moves it made; a pop is logged as the
        // pop it turned out to be.
        let instead = state.propagate.take_instead();
        if state.dirty != dirty_before {
            for key in request.all_keys() {
                state.watches.touch(db, key);
                state.blocked.signal(db, key);
            }
            let records = match (state.propagate.enabled, instead, &served) {
                (false, _, _) => Vec::new(),
                (true, Some(records), _) => records,
                (true, None, Some(reply)) => crate::aof::record::blocking(&request, reply)
                    .into_iter()
                    .collect(),
                (true, None, None) => Vec::new(),
            };
            for record in records {
                let tx = record.get(1).and_then(|key| state.locks.writer_of(db, key));
                let parts: Vec<&[u8]> = record.iter().map(|a| a.as_slice()).collect();
                state.propagate.command(db, &parts, tx);
            }
        }
        let served = served.map_or(Served::Empty, Served::Reply);
        JobOutput::Other(Box::new(served))
    })
}

fn register_job(db: DbIndex, keys: Vec<Vec<u8>>, client: u64, home: usize, wants: WaitFor) -> Job {
    Box::new(move |shard| {
        let mut state = shard.state.borrow_mut();
        let waiter = Waiter {
            client,
            home,
            wants,
        };
        for key in &keys {
            state.blocked.block(db, key, waiter);
        }
        JobOutput::Replies(Vec::new())
    })
}

/// Leaves every queue, and lets the next waiter of each key look at it: it may still hold
/// what this client did not take.
fn leave_job(db: DbIndex, keys: Vec<Vec<u8>>, client: u64) -> Job {
    Box::new(move |shard| {
        let mut state = shard.state.borrow_mut();
        for key in &keys {
            state.blocked.unblock(db, key, client);
            state.blocked.signal(db, key);
        }
        JobOutput::Replies(Vec::new())
    })
}

/// Runs `make(db, keys)` on each shard owning some of the request's waited-on keys.
async fn run_on_key_shards(
    session: &mut Session,
    request: &BlockRequest,
    make: impl Fn(DbIndex, Vec<Vec<u8>>) -> Job,
    db: DbIndex,
) {
    let per_shard = group_by_shard(request.keys.iter().cloned(), |k| k, session.shard.count);
    let jobs = per_shard
        .into_iter()
        .map(|(owner, keys)| (owner, make(db, keys)))
        .collect();
    session.shard.run_on_each(jobs).await;
}

/// Waits for a wake-up until `deadline`; `None` when the deadline passed or the peer left.
async fn wait(
    session: &Session,
    slot: &std::rc::Rc<park::ParkSlot>,
    deadline: Option<Instant>,
) -> Option<Wake> {
    let fd = session.client.borrow().fd;
    loop {
        let tick = match deadline {
            Some(at) => at.saturating_duration_since(Instant::now()).min(PEER_CHECK),
            None => PEER_CHECK,
        };
        let woken = futures_lite::future::or(async { Some(slot.wait().await) }, async {
            glommio::timer::sleep(tick).await;
            None
        })
        .await;
        if woken.is_some() {
            return woken;
        }
        if deadline.is_some_and(|at| Instant::now() >= at) || peer_closed(fd) {
            return None;
        }
    }
}

/// Whether the client closed its end (a read would return end of file).
fn peer_closed(fd: i32) -> bool {
    let mut byte = 0u8;
    // SAFETY: `fd` is this connection's open socket (the connection outlives its session's
    // commands), and the buffer is one valid byte; MSG_PEEK leaves any data in place.
    let n = unsafe {
        libc::recv(
            fd,
            (&mut byte as *mut u8).cast(),
            1,
            libc::MSG_PEEK | libc::MSG_DONTWAIT,
        )
    };
    n == 0
}
