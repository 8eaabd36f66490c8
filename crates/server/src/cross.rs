//! Commands whose keys span shards, and commands that run on every shard.
//!
//! Splits (DEL, MGET, MSET, ...) send each shard its part of the command in one message and
//! combine the replies. Everything else uses gather: copy the keys' values from their
//! owners into a scratch shard, run the real handler there, and write back what changed.
//! Both run inside a transaction that holds the intent lock of every key involved on every
//! shard (crate::tx), so no client observes half of the command.

use commands::table::flag;
use commands::tx::LockRequest;
use commands::{
    errors, Args, CommandSpec, Merge, OwnedArgs, ShardCtx, ShardHandler, ShardState, Split,
};
use engine::db::DetachedValue;
use engine::DbIndex;
use resp::Reply;

use crate::conn::session::Session;
use crate::shard::mesh::{Job, JobOutput};
use crate::shared::now_ms;
use crate::slot::shard_of;
use crate::tx;

/// Runs a keyed command whose keys (at `positions`) live on several shards.
pub async fn multi_shard(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
    split: Split,
) -> Reply {
    // A dangling key without its value: the handler's own arity error, from any shard.
    if split == Split::Pairs && (args.len() - 1) % 2 != 0 {
        return errors::wrong_arity(spec.name);
    }
    if session.tx.is_some() {
        // Inside EXEC: the transaction already holds every key's lock.
        return run_split(session, spec, args, positions, handler, split).await;
    }
    let (db, _) = client_db(session);
    let write = spec.has(flag::WRITE);
    let requests = gathered_keys(spec, &args, positions, db)
        .into_iter()
        .map(|(db, key)| LockRequest { db, key, write })
        .collect();
    let held = tx::lock(&session.shard, requests).await;
    let reply = run_split(session, spec, args, positions, handler, split).await;
    tx::unlock(&session.shard, held).await;
    reply
}

/// Carries out a command whose keys span shards, every key locked by the caller.
async fn run_split(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
    split: Split,
) -> Reply {
    match split {
        Split::SumInts => sum_ints(session, spec, args, positions, handler).await,
        Split::Values => values(session, spec, args, positions, handler).await,
        Split::Pairs => pairs(session, spec, args, positions, handler).await,
        Split::Gather => gather(session, spec, args, positions, handler).await,
    }
}

/// The command's name followed by the given arguments, per shard.
/// One shard's part of a split command: the indices of its keys among the command's keys,
/// and its arguments (the command name first).
type Part<'a> = (Vec<usize>, Vec<&'a [u8]>);

/// A key's new state to write back to its owner after a gathered command.
type WriteBack = (DbIndex, Vec<u8>, Option<DetachedValue>);

fn per_shard_args<'a>(
    args: &Args<'a>,
    positions: &[usize],
    shards: usize,
    width: usize,
) -> Vec<Option<Part<'a>>> {
    let mut parts: Vec<Option<Part<'_>>> = (0..shards).map(|_| None).collect();
    for (n, &pos) in positions.iter().enumerate() {
        let shard = shard_of(args.get(pos), shards);
        let part = parts[shard].get_or_insert_with(|| (Vec::new(), vec![args.get(0)]));
        part.0.push(n);
        for i in 0..width {
            part.1.push(args.get(pos + i));
        }
    }
    parts
}

/// One command on one shard; with `spec`, its changes are reported to WATCH.
fn batch(
    spec: Option<&'static CommandSpec>,
    db: DbIndex,
    no_touch: bool,
    handler: ShardHandler,
    args: OwnedArgs,
) -> Job {
    Box::new(move |shard| {
        let mut state = shard.state.borrow_mut();
        let mut ctx = ShardCtx::new(&mut state, db, now_ms());
        ctx.no_touch = no_touch;
        let reply = match spec {
            Some(spec) => crate::exec::call_tracked(spec, handler, &mut ctx, args.view()),
            None => crate::exec::call(handler, &mut ctx, args.view()),
        };
        JobOutput::Replies(vec![reply])
    })
}

async fn run_parts(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: &Args<'_>,
    positions: &[usize],
    width: usize,
    handler: ShardHandler,
) -> Vec<(Vec<usize>, Reply)> {
    let (db, no_touch) = client_db(session);
    let parts = per_shard_args(args, positions, session.shard.count, width);
    let mut order = Vec::new();
    let mut jobs = Vec::new();
    for (shard, part) in parts.into_iter().enumerate() {
        if let Some((indices, part_args)) = part {
            order.push(indices);
            let owned = OwnedArgs::from_slices(part_args);
            jobs.push((shard, batch(Some(spec), db, no_touch, handler, owned)));
        }
    }
    let outputs = session.shard.run_on_each(jobs).await;
    order
        .into_iter()
        .zip(outputs)
        .map(|(indices, out)| (indices, single_reply(out)))
        .collect()
}

fn single_reply(output: Option<JobOutput>) -> Reply {
    match output {
        Some(JobOutput::Replies(mut r)) if !r.is_empty() => r.swap_remove(0),
        _ => Reply::error("ERR shard unavailable"),
    }
}

async fn sum_ints(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
) -> Reply {
    let mut total = 0;
    for (_, reply) in run_parts(session, spec, &args, positions, 1, handler).await {
        match reply {
            Reply::Int(n) => total += n,
            other => return other,
        }
    }
    Reply::Int(total)
}

async fn values(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
) -> Reply {
    let mut out: Vec<Reply> = (0..positions.len()).map(|_| Reply::Nil).collect();
    for (indices, reply) in run_parts(session, spec, &args, positions, 1, handler).await {
        match reply {
            Reply::Array(items) => {
                for (i, item) in indices.into_iter().zip(items) {
                    out[i] = item;
                }
            }
            other => return other,
        }
    }
    Reply::Array(out)
}

async fn pairs(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
) -> Reply {
    let mut result = Reply::OK;
    for (_, reply) in run_parts(session, spec, &args, positions, 2, handler).await {
        if reply.is_error() {
            return reply;
        }
        result = reply;
    }
    result
}

fn client_db(session: &Session) -> (DbIndex, bool) {
    let client = session.client.borrow();
    (client.db, client.no_touch)
}

/// The (database, key) pairs a gathered command touches: its keys in the client's database,
/// except COPY's destination with `DB n`.
pub(crate) fn gathered_keys(
    spec: &CommandSpec,
    args: &Args<'_>,
    positions: &[usize],
    db: DbIndex,
) -> Vec<(DbIndex, Vec<u8>)> {
    let mut keys: Vec<(DbIndex, Vec<u8>)> = Vec::new();
    let dest_db = (spec.id == commands::CommandId::Copy)
        .then(|| copy_dest_db(args))
        .flatten();
    for (n, &pos) in positions.iter().enumerate() {
        let key_db = if n == 1 { dest_db.unwrap_or(db) } else { db };
        let key = (key_db, args.get(pos).to_vec());
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

fn copy_dest_db(args: &Args<'_>) -> Option<DbIndex> {
    let mut i = 3;
    while i + 1 < args.len() {
        if args.get(i).eq_ignore_ascii_case(b"db") {
            let n = engine::value::parse_i64(args.get(i + 1))?;
            return (0..engine::DB_COUNT as i64)
                .contains(&n)
                .then_some(DbIndex(n as usize));
        }
        i += 1;
    }
    None
}

async fn gather(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
) -> Reply {
    let (db, no_touch) = client_db(session);
    let count = session.shard.count;
    let keys = gathered_keys(spec, &args, positions, db);
    let before = fetch(session, &keys).await;
    let Some(before) = before else {
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
        ctx.no_touch = no_touch;
        crate::exec::call(handler, &mut ctx, args)
    };
    let mut writes: Vec<Vec<WriteBack>> = (0..count).map(|_| Vec::new()).collect();
    for ((key_db, key), old) in keys.into_iter().zip(before) {
        let new = scratch.data.db(key_db).detach(&key, now);
        if new != old {
            writes[shard_of(&key, count)].push((key_db, key, new));
        }
    }
    session.shard.state.borrow_mut().dirty += scratch.dirty;
    let jobs: Vec<(usize, Job)> = writes
        .into_iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
        .map(|(shard, w)| (shard, write_back(w)))
        .collect();
    session.shard.run_on_each(jobs).await;
    reply
}

async fn fetch(
    session: &mut Session,
    keys: &[(DbIndex, Vec<u8>)],
) -> Option<Vec<Option<DetachedValue>>> {
    let count = session.shard.count;
    let mut per_shard: Vec<Vec<(usize, DbIndex, Vec<u8>)>> =
        (0..count).map(|_| Vec::new()).collect();
    for (i, (db, key)) in keys.iter().enumerate() {
        per_shard[shard_of(key, count)].push((i, *db, key.clone()));
    }
    let mut order = Vec::new();
    let mut jobs: Vec<(usize, Job)> = Vec::new();
    for (shard, wanted) in per_shard
        .into_iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
    {
        order.push(wanted.iter().map(|(i, _, _)| *i).collect::<Vec<_>>());
        jobs.push((
            shard,
            Box::new(move |shard| {
                let now = now_ms();
                let mut state = shard.state.borrow_mut();
                let values = wanted
                    .iter()
                    .map(|(_, db, key)| {
                        state.data.db(*db).lookup(key, now).map(|e| DetachedValue {
                            value: e.value.clone(),
                            expire_at_ms: e.expire_at_ms(),
                        })
                    })
                    .collect();
                JobOutput::Values(values)
            }),
        ));
    }
    let outputs = session.shard.run_on_each(jobs).await;
    let mut result: Vec<Option<DetachedValue>> = (0..keys.len()).map(|_| None).collect();
    for (indices, output) in order.into_iter().zip(outputs) {
        let Some(JobOutput::Values(values)) = output else {
            return None;
        };
        for (i, v) in indices.into_iter().zip(values) {
            result[i] = v;
        }
    }
    Some(result)
}

fn write_back(writes: Vec<WriteBack>) -> Job {
    Box::new(move |shard| {
        let now = now_ms();
        let mut state = shard.state.borrow_mut();
        for (db, key, value) in writes {
            state.watches.touch(db, &key);
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

/// Runs a command on every shard and merges the replies.
pub async fn all_shards(
    session: &mut Session,
    args: Args<'_>,
    handler: ShardHandler,
    merge: Merge,
) -> Reply {
    let (db, no_touch) = client_db(session);
    let owned = args.to_owned();
    let outputs = session
        .shard
        .run_on_all(|_| batch(None, db, no_touch, handler, owned.clone()))
        .await;
    let replies: Vec<Reply> = outputs.into_iter().map(single_reply).collect();
    if let Some(err) = replies.iter().find(|r| r.is_error()) {
        return err.clone();
    }
    match merge {
        Merge::SumInts => Reply::Int(
            replies
                .iter()
                .map(|r| if let Reply::Int(n) = r { *n } else { 0 })
                .sum(),
        ),
        Merge::Concat => Reply::Array(
            replies
                .into_iter()
                .flat_map(|r| {
                    if let Reply::Array(items) = r {
                        items
                    } else {
                        Vec::new()
                    }
                })
                .collect(),
        ),
        Merge::AllOk => replies.into_iter().next().unwrap_or(Reply::OK),
        Merge::AnyNonNil => {
            let found: Vec<Reply> = replies
                .into_iter()
                .filter(|r| !matches!(r, Reply::Nil))
                .collect();
            if found.is_empty() {
                return Reply::Nil;
            }
            let pick = session.shard.state.borrow_mut().next_random() as usize % found.len();
            found.into_iter().nth(pick).unwrap_or(Reply::Nil)
        }
    }
}
