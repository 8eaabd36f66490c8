//! DEL, UNLINK, EXISTS, TOUCH and TYPE: which keys are there, and removing them.

use resp::Reply;

use super::peek;
use crate::{Args, ShardCtx};

/// DEL and UNLINK: removes the given keys; replies how many existed. A key named twice is
/// removed once and counted once. Freeing is immediate either way: values are dropped in place.
pub fn del(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let now_ms = ctx.now_ms;
    let mut removed = 0;
    for key in args.iter_from(1) {
        if ctx.db().remove(key, now_ms).is_some() {
            removed += 1;
        }
    }
    ctx.dirty(removed);
    Reply::Int(removed as i64)
}

/// EXISTS: how many of the given keys exist, a key named twice counting twice.
pub fn exists(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let count = args
        .iter_from(1)
        .filter(|key| peek(ctx, key).is_some())
        .count();
    Reply::Int(count as i64)
}

/// TOUCH: records an access to each given key; replies how many exist. TOUCH records the access
/// even for a CLIENT NO-TOUCH client, since touching is its whole purpose.
pub fn touch(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let now_ms = ctx.now_ms;
    let count = args
        .iter_from(1)
        .filter(|key| ctx.db().lookup(key, now_ms).is_some())
        .count();
    Reply::Int(count as i64)
}

/// TYPE: the value's type name, `none` for a missing key.
pub fn type_(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let name = peek(ctx, args.get(1)).map_or("none", |entry| entry.value.type_name());
    Reply::status(name)
}
