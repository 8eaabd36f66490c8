//! DBSIZE, RANDOMKEY, FLUSHDB, FLUSHALL and SWAPDB: whole-database operations. Each runs on
//! every shard and acts on this shard's part of the database; the server merges the replies.

use engine::{DbIndex, DB_COUNT};
use resp::Reply;

use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// DBSIZE: this shard's key count in the selected database, expired keys not yet reclaimed
/// included, as Redis counts them.
pub fn dbsize(ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::Int(ctx.db().len() as i64)
}

/// RANDOMKEY: one of this shard's live keys at random; nil when it has none.
pub fn randomkey(ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    let seed = ctx.shard.next_random();
    let now_ms = ctx.now_ms;
    match ctx.db().random_key(seed, now_ms) {
        Some(key) => Reply::Bulk(key),
        None => Reply::Nil,
    }
}

/// FLUSHDB [ASYNC|SYNC]: removes every key of the selected database.
pub fn flushdb(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    if let Err(reply) = check_flush_mode(args) {
        return reply;
    }
    touch_watched_keys(ctx, ctx.db, None);
    let db = ctx.db();
    let removed = db.len() as u64;
    db.clear();
    ctx.dirty(removed);
    Reply::OK
}

/// Tells WATCH that every watched key of `db` that exists (in `db`, or in `other` for SWAPDB)
/// is about to change, and clients blocked on keys of those databases to look again.
fn touch_watched_keys(ctx: &mut ShardCtx<'_>, db: DbIndex, other: Option<DbIndex>) {
    ctx.shard.blocked.signal_db(db);
    if let Some(other) = other {
        ctx.shard.blocked.signal_db(other);
    }
    if ctx.shard.watches.is_empty() {
        return;
    }
    let now_ms = ctx.now_ms;
    let state = &mut *ctx.shard;
    let data = &mut state.data;
    state.watches.touch_db(db, |key| {
        data.db(db).contains(key, now_ms) || other.is_some_and(|o| data.db(o).contains(key, now_ms))
    });
}

/// FLUSHALL [ASYNC|SYNC]: removes every key of every database.
pub fn flushall(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    if let Err(reply) = check_flush_mode(args) {
        return reply;
    }
    let mut removed = 0;
    for index in 0..DB_COUNT {
        touch_watched_keys(ctx, DbIndex(index), None);
        let db = ctx.shard.data.db(DbIndex(index));
        removed += db.len() as u64;
        db.clear();
    }
    ctx.dirty(removed);
    Reply::OK
}

/// SWAPDB a b: the two databases exchange their contents.
pub fn swapdb(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let first = match swapdb_index(args.get(1), errors::INVALID_FIRST_DB_INDEX) {
        Ok(first) => first,
        Err(reply) => return reply,
    };
    let second = match swapdb_index(args.get(2), errors::INVALID_SECOND_DB_INDEX) {
        Ok(second) => second,
        Err(reply) => return reply,
    };
    let in_range = |index: i32| usize::try_from(index).ok().filter(|&i| i < DB_COUNT);
    let (Some(first), Some(second)) = (in_range(first), in_range(second)) else {
        return errors::err(errors::DB_INDEX_OUT_OF_RANGE);
    };
    if first != second {
        touch_watched_keys(ctx, DbIndex(first), Some(DbIndex(second)));
        touch_watched_keys(ctx, DbIndex(second), Some(DbIndex(first)));
    }
    ctx.shard.data.swap(DbIndex(first), DbIndex(second));
    ctx.dirty(1);
    Reply::OK
}

/// SWAPDB's index: any failure to read a 32-bit integer is reported as `invalid`.
fn swapdb_index(arg: &[u8], invalid: &'static str) -> Result<i32, Reply> {
    parse::int32(arg).map_err(|_| errors::err(invalid))
}

/// The optional ASYNC|SYNC of FLUSHDB and FLUSHALL. Both free memory at once here: ASYNC only
/// changes when memory goes back, never what clients observe.
fn check_flush_mode(args: Args<'_>) -> Result<(), Reply> {
    match args.len() {
        1 => Ok(()),
        2 if is(args.get(1), "async") || is(args.get(1), "sync") => Ok(()),
        _ => Err(errors::err(errors::SYNTAX)),
    }
}
