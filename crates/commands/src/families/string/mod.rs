//! String commands: reads and writes of whole values (GET, SET and friends, MGET/MSET),
//! counters (INCR family, INCRBYFLOAT), byte ranges (APPEND, GETRANGE, SETRANGE, STRLEN) and
//! LCS.
//!
//! Every handler checks its arguments in the order Redis does, so that a command with several
//! problems answers with the same error as Redis, then reads or writes the shard's data and
//! counts its changes with [`ShardCtx::dirty`] as Redis's `server.dirty` does.

mod counters;
mod get_set;
mod lcs;
pub mod longdouble;
mod multi;
mod options;
mod ranges;
#[cfg(test)]
mod tests;

use bytes::Bytes;
use engine::{Entry, StrValue, Value};
use resp::Reply;

use crate::errors;
use crate::families::either;
use crate::ShardCtx;

pub use counters::{decr, decrby, incr, incrby, incrbyfloat};
pub use get_set::{get, getdel, getex, getset, psetex, set, setex, setnx};
pub use lcs::lcs;
pub use multi::{mget, mset, msetnx};
pub use ranges::{append, getrange, setrange, strlen};

/// The live entry under `key`, recording the access unless the client asked for NO-TOUCH
/// (Redis's `lookupKey` rules for both reads and writes).
fn lookup<'c>(ctx: &'c mut ShardCtx<'_>, key: &[u8]) -> Option<&'c mut Entry> {
    let now_ms = ctx.now_ms;
    if ctx.no_touch {
        ctx.db().lookup_no_touch(key, now_ms)
    } else {
        ctx.db().lookup(key, now_ms)
    }
}

/// The string inside `value`, or the WRONGTYPE error reply.
fn as_string(value: &mut Value) -> Result<&mut StrValue, Reply> {
    match value {
        Value::Str(s) => Ok(s),
        _ => Err(errors::err(errors::WRONG_TYPE)),
    }
}

/// The string under `key` (`None` when missing), or WRONGTYPE: Redis's `getGenericCommand`
/// without the reply.
fn read_string(ctx: &mut ShardCtx<'_>, key: &[u8]) -> Result<Option<Bytes>, Reply> {
    let result = match lookup(ctx, key) {
        None => Ok(None),
        Some(entry) => as_string(&mut entry.value).map(|s| Some(s.to_bytes())),
    };
    ctx.count_read(!matches!(result, Ok(None)));
    result
}

/// The bulk reply for a string value: short and integer values are copied into the reply
/// itself (no allocation), longer ones share the stored buffer.
pub(crate) fn string_reply(value: &StrValue) -> Reply {
    match value {
        StrValue::Shared(b) => Reply::Bulk(b.clone()),
        StrValue::Growable(v) => Reply::bulk(v),
        other => other.with_bytes(Reply::bulk),
    }
}

/// GET's reply: the value, nil when missing, WRONGTYPE for another type.
fn read_reply(ctx: &mut ShardCtx<'_>, key: &[u8]) -> Reply {
    let (found, reply) = match lookup(ctx, key) {
        None => (false, Reply::Nil),
        Some(entry) => match as_string(&mut entry.value) {
            Ok(s) => (true, string_reply(s)),
            Err(reply) => (true, reply),
        },
    };
    ctx.count_read(found);
    reply
}

/// A bulk reply for a value, nil for a missing one.
fn bulk_or_nil(value: Option<Bytes>) -> Reply {
    value.map_or(Reply::Nil, Reply::Bulk)
}
