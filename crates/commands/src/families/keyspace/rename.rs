//! RENAME, RENAMENX, COPY and MOVE: a value changes name or database, or is duplicated.

use engine::DbIndex;
use resp::Reply;

use super::{db_index, lookup, lookup_in};
use crate::parse::is;
use crate::{errors, Args, ShardCtx};

/// RENAME src dst: moves the value and its deadline to `dst`, replacing what is there.
pub fn rename(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    rename_generic(ctx, args, false)
}

/// RENAMENX src dst: RENAME only when `dst` does not exist; 1 when renamed, else 0.
pub fn renamenx(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    rename_generic(ctx, args, true)
}

/// COPY src dst [DB index] [REPLACE]: duplicates the value and its deadline; 1 when copied,
/// 0 when `src` is missing or `dst` exists without REPLACE.
pub fn copy(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let options = match CopyOptions::parse(args, ctx.db) {
        Ok(options) => options,
        Err(reply) => return reply,
    };
    let (src, dst) = (args.get(1), args.get(2));
    if options.db == ctx.db && src == dst {
        return errors::err(errors::SAME_OBJECT);
    }
    let Some(entry) = lookup(ctx, src) else {
        return Reply::Int(0);
    };
    let (value, deadline_ms) = (entry.value.clone(), entry.expire_at_ms());
    if lookup_in(ctx, options.db, dst).is_some() && !options.replace {
        return Reply::Int(0);
    }
    let now_ms = ctx.now_ms;
    // The copy is a new object: its access time is now, as Redis's duplicate gets.
    ctx.shard
        .data
        .db(options.db)
        .set(dst, value, deadline_ms, now_ms);
    ctx.dirty(1);
    Reply::Int(1)
}

/// MOVE key db: moves the key to another database unless it exists there; 1 when moved.
pub fn move_(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let target = match db_index(args.get(2)) {
        Ok(target) => target,
        Err(reply) => return reply,
    };
    if target == ctx.db {
        return errors::err(errors::SAME_OBJECT);
    }
    let key = args.get(1);
    if lookup(ctx, key).is_none() || lookup_in(ctx, target, key).is_some() {
        return Reply::Int(0);
    }
    let source = ctx.db;
    transplant(ctx, (source, key), (target, key));
    ctx.dirty(1);
    Reply::Int(1)
}

/// RENAME and RENAMENX. Renaming a key onto itself changes nothing but still needs the key.
fn rename_generic(ctx: &mut ShardCtx<'_>, args: Args<'_>, nx: bool) -> Reply {
    let (src, dst) = (args.get(1), args.get(2));
    if lookup(ctx, src).is_none() {
        return errors::err(errors::NO_SUCH_KEY);
    }
    if src == dst {
        return if nx { Reply::Int(0) } else { Reply::OK };
    }
    // Looked up for both commands: an expired destination is reclaimed (and counted) first.
    if lookup(ctx, dst).is_some() && nx {
        return Reply::Int(0);
    }
    let db = ctx.db;
    transplant(ctx, (db, src), (db, dst));
    ctx.dirty(1);
    if nx {
        Reply::Int(1)
    } else {
        Reply::OK
    }
}

/// Moves the live entry at `from` to `to`, replacing whatever is there, with its deadline and
/// access time: Redis moves the object itself, so OBJECT IDLETIME carries over.
fn transplant(ctx: &mut ShardCtx<'_>, from: (DbIndex, &[u8]), to: (DbIndex, &[u8])) {
    let now_ms = ctx.now_ms;
    let Some(entry) = ctx.shard.data.db(from.0).remove(from.1, now_ms) else {
        return;
    };
    let (access_s, deadline_ms) = (entry.access_s, entry.expire_at_ms());
    let target = ctx.shard.data.db(to.0);
    target.set(to.1, entry.value, deadline_ms, now_ms);
    if let Some(moved) = target.lookup_no_touch(to.1, now_ms) {
        moved.access_s = access_s;
    }
}

/// COPY's options.
#[derive(Debug, Clone, Copy)]
struct CopyOptions {
    /// The destination database (the selected one by default).
    db: DbIndex,
    /// Overwrite an existing destination.
    replace: bool,
}

impl CopyOptions {
    /// Options from argument 3 on, in any order; the first bad one is the error.
    fn parse(args: Args<'_>, selected: DbIndex) -> Result<CopyOptions, Reply> {
        let mut options = CopyOptions {
            db: selected,
            replace: false,
        };
        let mut i = 3;
        while let Some(arg) = args.try_get(i) {
            if is(arg, "replace") {
                options.replace = true;
            } else if let (true, Some(index)) = (is(arg, "db"), args.try_get(i + 1)) {
                options.db = db_index(index)?;
                i += 1;
            } else {
                return Err(errors::err(errors::SYNTAX));
            }
            i += 1;
        }
        Ok(options)
    }
}
