//! Many keys at once: MGET, MSET, MSETNX. Across shards the server splits and reassembles
//! (MGET, MSET) or gathers the keys first (MSETNX); these handlers see one shard's share.

use engine::{StrValue, Value};
use resp::Reply;

use super::lookup;
use crate::{errors, Args, ShardCtx};

/// MGET key [key ...]: one value per key, nil for a missing key or one of another type.
pub fn mget(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let mut values = Vec::with_capacity(args.len() - 1);
    for key in args.iter_from(1) {
        let (found, value) = match lookup(ctx, key).map(|e| &e.value) {
            Some(Value::Str(s)) => (true, super::string_reply(s)),
            // A key of another type reads as nil in MGET, yet counts as a hit.
            Some(_) => (true, Reply::Nil),
            None => (false, Reply::Nil),
        };
        ctx.count_read(found);
        values.push(value);
    }
    Reply::Array(values)
}

/// MSET key value [key value ...].
pub fn mset(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    mset_generic(ctx, args, false)
}

/// MSETNX key value [key value ...]: 1 when every key was absent and all were set, else 0
/// and nothing is set.
pub fn msetnx(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    mset_generic(ctx, args, true)
}

/// Redis's `msetGenericCommand`.
fn mset_generic(ctx: &mut ShardCtx<'_>, args: Args<'_>, nx: bool) -> Reply {
    // The table's arity (-3) cannot say "pairs": Redis checks the parity here, with the
    // arity error.
    let whole_pairs = args.len() % 2 == 1;
    if !whole_pairs {
        return errors::wrong_arity(if nx { "msetnx" } else { "mset" });
    }
    if nx
        && args
            .iter_from(1)
            .step_by(2)
            .any(|key| lookup(ctx, key).is_some())
    {
        return Reply::Int(0);
    }
    let now_ms = ctx.now_ms;
    let mut pairs = args.iter_from(1);
    while let (Some(key), Some(value)) = (pairs.next(), pairs.next()) {
        ctx.db()
            .set(key, Value::Str(StrValue::from_bytes(value)), None, now_ms);
    }
    ctx.dirty((args.len() as u64 - 1) / 2);
    if nx {
        Reply::Int(1)
    } else {
        Reply::OK
    }
}
