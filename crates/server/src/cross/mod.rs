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
    errors, Args, Caller, CommandSpec, Merge, OwnedArgs, ShardCtx, ShardHandler, Split,
};
use engine::DbIndex;
use resp::Reply;

use crate::conn::session::Session;

mod gather;
use crate::shard::mesh::{Job, JobOutput};
use crate::shared::now_ms;
use crate::slot::shard_of;
use crate::tx::{self, HeldLocks};
use gather::gather;
pub(crate) use gather::gather_with;

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
        return run_split(session, spec, args, positions, handler, split, None).await;
    }
    let (db, _) = client_db(session);
    let write = spec.has(flag::WRITE);
    let requests: Vec<LockRequest> = match split {
        Split::Gather => gathered_keys(spec, &args, positions, db)
            .iter()
            .map(|(db, key)| LockRequest::new(*db, key, write))
            .collect(),
        // Split commands name their keys in the client's database, each at its position.
        _ => positions
            .iter()
            .map(|&p| LockRequest::new(db, args.get(p), write))
            .collect(),
    };
    if split == Split::Gather {
        // The fetch is the first hop: it rides in the messages that take the locks.
        return gather(session, spec, args, positions, handler, Some(requests)).await;
    }
    if !write {
        // Reads (MGET, EXISTS) run in the messages that take the locks; the release goes
        // out after the reply, as nothing waits on it but later writers of those keys.
        return read_split(session, spec, args, positions, handler, split, requests).await;
    }
    let held = tx::lock(&session.shard, requests).await;
    run_split(session, spec, args, positions, handler, split, Some(&held)).await
}

/// A read-only split command in one hop: each shard's part runs in the message that locks
/// its keys (wait-die retries rerun it), and the locks are released in the background.
async fn read_split(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
    split: Split,
    requests: Vec<LockRequest>,
) -> Reply {
    let (db, caller) = client_db(session);
    let width = if split == Split::Pairs { 2 } else { 1 };
    let mut order: Vec<(usize, Vec<usize>, OwnedArgs)> = Vec::new();
    for (shard, part) in per_shard_args(&args, positions, session.shard.count, width)
        .into_iter()
        .enumerate()
    {
        if let Some((indices, part_args)) = part {
            order.push((shard, indices, OwnedArgs::from_slices(part_args)));
        }
    }
    let (held, outputs) = tx::lock_then(&session.shard, requests, |owner| {
        order
            .iter()
            .find(|(s, _, _)| *s == owner)
            .map(|(_, _, part)| batch(Some(spec), db, caller, handler, part.clone()))
    })
    .await;
    let shard = session.shard.clone();
    glommio::spawn_local(async move { tx::unlock(&shard, held).await }).detach();
    let mut by_shard = outputs;
    let replies: Vec<(Vec<usize>, Reply)> = order
        .into_iter()
        .map(|(shard, indices, _)| {
            let output = by_shard
                .iter_mut()
                .find(|(s, _)| *s == shard)
                .and_then(|(_, out)| out.take());
            (indices, single_reply(output))
        })
        .collect();
    combine(split, positions.len(), replies)
}

/// Combines the parts' replies of a split command as the command replies.
fn combine(split: Split, keys: usize, parts: Vec<(Vec<usize>, Reply)>) -> Reply {
    match split {
        Split::SumInts => {
            let mut total = 0;
            for (_, reply) in parts {
                match reply {
                    Reply::Int(n) => total += n,
                    other => return other,
                }
            }
            Reply::Int(total)
        }
        Split::Values => {
            let mut out: Vec<Reply> = (0..keys).map(|_| Reply::Nil).collect();
            for (indices, reply) in parts {
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
        Split::Pairs | Split::Gather => {
            let mut result = Reply::OK;
            for (_, reply) in parts {
                if reply.is_error() {
                    return reply;
                }
                result = reply;
            }
            result
        }
    }
}

/// Carries out a command whose keys span shards, every key locked: by `held`, whose locks
/// the last hop releases, or by the EXEC around it (`None`).
async fn run_split(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    positions: &[usize],
    handler: ShardHandler,
    split: Split,
    held: Option<&HeldLocks>,
) -> Reply {
    let parts = Parts {
        spec,
        args,
        positions,
        handler,
        held,
    };
    match split {
        Split::Gather => gather(session, spec, args, positions, handler, None).await,
        Split::SumInts | Split::Values => {
            combine(split, positions.len(), run_parts(session, &parts, 1).await)
        }
        Split::Pairs => combine(split, positions.len(), run_parts(session, &parts, 2).await),
    }
}

/// A split command: what each shard's part is made of.
struct Parts<'a, 'h> {
    spec: &'static CommandSpec,
    args: Args<'a>,
    positions: &'a [usize],
    handler: ShardHandler,
    held: Option<&'h HeldLocks>,
}

/// The command's name followed by the given arguments, per shard.
/// One shard's part of a split command: the indices of its keys among the command's keys,
/// and its arguments (the command name first).
type Part<'a> = (Vec<usize>, Vec<&'a [u8]>);

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
    caller: Caller,
    handler: ShardHandler,
    args: OwnedArgs,
) -> Job {
    Box::new(move |shard| {
        let mut state = shard.state.borrow_mut();
        let mut ctx = ShardCtx::new(&mut state, db, now_ms()).with_caller(caller);
        let reply = match spec {
            Some(spec) => crate::exec::call_tracked(spec, handler, &mut ctx, args.view()),
            None => crate::exec::call(handler, &mut ctx, args.view()),
        };
        JobOutput::Replies(vec![reply])
    })
}

/// Runs each shard's part of a split command (its keys, `width` arguments each), releasing
/// the locks of `parts.held` in the same messages.
async fn run_parts(
    session: &mut Session,
    parts: &Parts<'_, '_>,
    width: usize,
) -> Vec<(Vec<usize>, Reply)> {
    let (db, caller) = client_db(session);
    let per_shard = per_shard_args(&parts.args, parts.positions, session.shard.count, width);
    let mut order = Vec::new();
    let mut jobs = Vec::new();
    for (shard, part) in per_shard.into_iter().enumerate() {
        if let Some((indices, part_args)) = part {
            order.push(indices);
            let owned = OwnedArgs::from_slices(part_args);
            let job = batch(Some(parts.spec), db, caller, parts.handler, owned);
            jobs.push((shard, job));
        }
    }
    let with_parts = jobs.len();
    if let Some(held) = parts.held {
        jobs = held.releasing(jobs);
    }
    let outputs = session.shard.run_on_each(jobs).await;
    order
        .into_iter()
        .zip(outputs.into_iter().take(with_parts))
        .map(|(indices, out)| (indices, single_reply(out)))
        .collect()
}

fn single_reply(output: Option<JobOutput>) -> Reply {
    match output {
        Some(JobOutput::Replies(mut r)) if !r.is_empty() => r.swap_remove(0),
        _ => Reply::error("ERR shard unavailable"),
    }
}

fn client_db(session: &Session) -> (DbIndex, Caller) {
    let client = session.client.borrow();
    (client.db, client.caller())
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

/// Runs a command on every shard and merges the replies.
pub async fn all_shards(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
    handler: ShardHandler,
    merge: Merge,
) -> Reply {
    let (db, caller) = client_db(session);
    let owned = args.to_owned();
    // Tracked: FLUSHALL, FLUSHDB and SWAPDB reach every shard's AOF (they name no keys, so
    // WATCH and blocked clients are told by their handlers, as before).
    let outputs = session
        .shard
        .run_on_all(|_| batch(Some(spec), db, caller, handler, owned.clone()))
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
