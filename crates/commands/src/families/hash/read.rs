//! Reads: HGET, HMGET, HGETALL, HKEYS, HVALS, HLEN, HSTRLEN, HEXISTS. A missing key reads as
//! an empty hash; another type is WRONGTYPE.

use engine::HashValue;
use resp::Reply;

use super::item_reply;
use crate::families::access::read;
use crate::{Args, ShardCtx};

/// Runs `f` on the hash under `key` (`None` when missing), or answers WRONGTYPE.
fn with_hash(
    ctx: &mut ShardCtx<'_>,
    key: &[u8],
    f: impl FnOnce(Option<&HashValue>) -> Reply,
) -> Reply {
    match read::<HashValue>(ctx, key) {
        Ok(hash) => f(hash.map(|hash| &*hash)),
        Err(reply) => reply,
    }
}

/// HGET key field: the value, nil when the key or the field is missing.
pub fn hget(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let field = args.get(2);
    with_hash(ctx, args.get(1), |hash| {
        hash.and_then(|hash| hash.get(field))
            .map_or(Reply::Nil, item_reply)
    })
}

/// HMGET key field [field ...]: one value or nil per field.
pub fn hmget(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    with_hash(ctx, args.get(1), |hash| {
        let values = args
            .iter_from(2)
            .map(|field| {
                hash.and_then(|hash| hash.get(field))
                    .map_or(Reply::Nil, item_reply)
            })
            .collect();
        Reply::Array(values)
    })
}

/// HGETALL key: every field and value, a map in RESP3.
pub fn hgetall(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    with_hash(ctx, args.get(1), |hash| {
        let pairs = hash.map_or_else(Vec::new, |hash| {
            hash.iter()
                .map(|(field, value)| (item_reply(field), item_reply(value)))
                .collect()
        });
        Reply::Map(pairs)
    })
}

/// HKEYS key: every field.
pub fn hkeys(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    with_hash(ctx, args.get(1), |hash| {
        let fields = hash.map_or_else(Vec::new, |hash| {
            hash.iter().map(|(field, _)| item_reply(field)).collect()
        });
        Reply::Array(fields)
    })
}

/// HVALS key: every value.
pub fn hvals(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    with_hash(ctx, args.get(1), |hash| {
        let values = hash.map_or_else(Vec::new, |hash| {
            hash.iter().map(|(_, value)| item_reply(value)).collect()
        });
        Reply::Array(values)
    })
}

/// HLEN key: the number of fields.
pub fn hlen(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    with_hash(ctx, args.get(1), |hash| {
        Reply::Int(hash.map_or(0, HashValue::len) as i64)
    })
}

/// HSTRLEN key field: the length of the field's value, 0 when missing.
pub fn hstrlen(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let field = args.get(2);
    with_hash(ctx, args.get(1), |hash| {
        let len = hash
            .and_then(|hash| hash.get(field))
            .map_or(0, |v| v.byte_len());
        Reply::Int(len as i64)
    })
}

/// HEXISTS key field: 1 when the field is present.
pub fn hexists(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let field = args.get(2);
    with_hash(ctx, args.get(1), |hash| {
        Reply::Int(hash.is_some_and(|hash| hash.contains(field)) as i64)
    })
}
