//! Calling a command handler: the one place that turns a handler bug into an error reply, and
//! that tells WATCH and blocked clients which keys a write changed.

use std::panic::{catch_unwind, AssertUnwindSafe};

use commands::{keys, Args, CommandSpec, ShardCtx, ShardHandler};
use resp::Reply;

/// Runs `handler`. A panic (a bug: no client input may cause one) becomes an error reply and
/// a log line instead of taking the shard, and every connection on it, down.
#[inline]
pub fn call(handler: ShardHandler, ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match catch_unwind(AssertUnwindSafe(|| handler(ctx, args))) {
        Ok(reply) => reply,
        Err(_) => {
            tracing::error!(command = ?args, "command handler panicked; replying with an error");
            Reply::error("ERR internal error while running the command")
        }
    }
}

/// Runs `handler` for `spec`, then, when it was a write that changed the dataset, marks its
/// keys as changed for WATCH and for clients blocked on them (Redis's `signalModifiedKey` and
/// `signalKeyAsReady`). Costs nothing while no client watches or waits on a key of this shard.
#[inline]
pub fn call_tracked(
    spec: &'static CommandSpec,
    handler: ShardHandler,
    ctx: &mut ShardCtx<'_>,
    args: Args<'_>,
) -> Reply {
    if crate::snapshot::active() {
        // A snapshot is being written: the keys this command may change go to it first.
        crate::snapshot::hook::before_command(spec, ctx, args);
    }
    let dirty_before = ctx.shard.dirty;
    let reply = call(handler, ctx, args);
    if ctx.shard.propagate.enabled && ctx.shard.dirty != dirty_before && spec.may_change_keys() {
        log_write(spec, ctx, args, &reply);
    }
    // A handler's own records are for this command only, logged or not.
    ctx.shard.propagate.take_instead();
    let interested = !ctx.shard.watches.is_empty() || !ctx.shard.blocked.is_empty();
    if ctx.shard.dirty != dirty_before && interested && spec.may_change_keys() {
        touch_keys(spec, ctx, args);
    }
    reply
}

/// Appends the write's deterministic form to the shard's AOF feed; inside a cross-shard
/// transaction (its first key locked by one), to that transaction's block.
fn log_write(spec: &'static CommandSpec, ctx: &mut ShardCtx<'_>, args: Args<'_>, reply: &Reply) {
    let tx = if ctx.shard.locks.is_empty() {
        None
    } else {
        let mut positions = Vec::new();
        keys::key_positions(spec, &args, &mut positions);
        positions
            .first()
            .and_then(|&p| ctx.shard.locks.writer_of(ctx.db, args.get(p)))
    };
    let records = match ctx.shard.propagate.take_instead() {
        Some(records) => records,
        None => crate::aof::record::command(spec, &args, reply, ctx.now_ms),
    };
    for record in records {
        let parts: Vec<&[u8]> = record.iter().map(|a| a.as_slice()).collect();
        ctx.shard.propagate.command(ctx.db, &parts, tx);
    }
}

fn touch_keys(spec: &'static CommandSpec, ctx: &mut ShardCtx<'_>, args: Args<'_>) {
    let mut positions = Vec::new();
    keys::key_positions(spec, &args, &mut positions);
    let db = ctx.db;
    for &position in &positions {
        ctx.shard.watches.touch(db, args.get(position));
        ctx.shard.blocked.signal(db, args.get(position));
    }
    // MOVE and COPY ... DB write a key of another database too.
    if let Some((db, key)) = crate::snapshot::hook::other_db_key(spec, args) {
        ctx.shard.watches.touch(db, key);
        ctx.shard.blocked.signal(db, key);
    }
}
