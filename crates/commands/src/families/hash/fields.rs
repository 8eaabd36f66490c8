//! Writes of whole fields: HSET, HMSET, HSETNX, HDEL.

use engine::HashValue;
use resp::Reply;

use super::either;
use crate::families::access::{drop_if_empty, write, write_or_create};
use crate::{errors, Args, ShardCtx};

/// HSET key field value [field value ...]: how many fields are new.
pub fn hset(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(set_pairs(ctx, args, "hset").map(Reply::Int))
}

/// HMSET key field value [field value ...]: HSET answering OK.
pub fn hmset(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(set_pairs(ctx, args, "hmset").map(|_| Reply::OK))
}

/// Redis's `hsetCommand`: an odd number of arguments is an arity error (the table's arity
/// only says "at least four"), then the type, then every pair in order.
fn set_pairs(ctx: &mut ShardCtx<'_>, args: Args<'_>, name: &str) -> Result<i64, Reply> {
    if args.len() % 2 == 1 {
        return Err(errors::wrong_arity(name));
    }
    let limits = ctx.shard.settings.limits;
    let hash = write_or_create(ctx, args.get(1), |_| HashValue::new())?;
    let mut added = 0;
    for at in (2..args.len()).step_by(2) {
        if hash.insert(args.get(at), args.get(at + 1), &limits) {
            added += 1;
        }
    }
    ctx.dirty(((args.len() - 2) / 2) as u64);
    Ok(added)
}

/// HSETNX key field value: 1 when the field was set, 0 when it already existed (and then
/// nothing changes, not even the encoding).
pub fn hsetnx(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let limits = ctx.shard.settings.limits;
    let (field, value) = (args.get(2), args.get(3));
    let hash = match write_or_create(ctx, args.get(1), |_| HashValue::new()) {
        Ok(hash) => hash,
        Err(reply) => return reply,
    };
    if hash.contains(field) {
        return Reply::Int(0);
    }
    hash.insert(field, value, &limits);
    ctx.dirty(1);
    Reply::Int(1)
}

/// HDEL key field [field ...]: how many fields went; the key goes with the last one.
pub fn hdel(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let key = args.get(1);
    let hash = match write::<HashValue>(ctx, key) {
        Ok(Some(hash)) => hash,
        Ok(None) => return Reply::Int(0),
        Err(reply) => return reply,
    };
    let removed = args.iter_from(2).filter(|field| hash.remove(field)).count();
    if removed > 0 {
        ctx.dirty(removed as u64);
        drop_if_empty(ctx, key);
    }
    Reply::Int(removed as i64)
}
