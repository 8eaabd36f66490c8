//! Stream commands on entries: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XSETID, XREAD.
//!
//! Arguments are checked in Redis 7.0's order (options first, then the key's type, then the
//! stream's state), so a command with several problems gives Redis's first error. Writes whose
//! outcome depends on the clock or on node boundaries (XADD `*`, trims with `~`) are logged in
//! the deterministic form Redis propagates.

mod add;
mod range;
pub mod read;
mod remove;
mod trim_args;

pub(crate) mod parse;
pub(crate) mod reply;

#[cfg(test)]
mod tests;

use engine::stream::StreamValue;
use engine::Value;
use resp::Reply;

use crate::{errors, ShardCtx};

pub use add::xadd;
pub use range::{xlen, xrange, xrevrange};
pub use read::{parse_xread, resolve_last_ids, serve_xread, xread, XreadRequest, XreadStart};
pub use remove::{xdel, xsetid, xtrim};

/// The stream under `key` for a read (counting a keyspace hit or miss): `Ok(None)` when
/// missing, WRONGTYPE for another type.
pub(crate) fn read_stream<'c>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<Option<&'c mut StreamValue>, Reply> {
    let (db, now_ms, no_touch) = (ctx.db, ctx.now_ms, ctx.no_touch);
    let state = &mut *ctx.shard;
    let found = if no_touch {
        state.data.db(db).lookup_no_touch(key, now_ms)
    } else {
        state.data.db(db).lookup(key, now_ms)
    };
    match found {
        None => {
            state.keyspace_misses += 1;
            Ok(None)
        }
        Some(entry) => {
            state.keyspace_hits += 1;
            as_stream(&mut entry.value).map(Some)
        }
    }
}

/// The stream under `key` for a write: `Ok(None)` when missing, WRONGTYPE for another type.
pub(crate) fn write_stream<'c>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<Option<&'c mut StreamValue>, Reply> {
    match crate::families::access::entry(ctx, key) {
        None => Ok(None),
        Some(entry) => as_stream(&mut entry.value).map(Some),
    }
}

/// The stream under `key` for a write, created empty when missing (XADD without NOMKSTREAM;
/// Redis keeps an empty stream under its key).
pub(crate) fn write_or_create_stream<'c>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<&'c mut StreamValue, Reply> {
    if write_stream(ctx, key)?.is_none() {
        let now_ms = ctx.now_ms;
        let value = Value::Stream(Box::new(StreamValue::new()));
        ctx.db().set(key, value, None, now_ms);
    }
    write_stream(ctx, key)?.ok_or_else(|| errors::err(errors::NO_SUCH_KEY))
}

fn as_stream(value: &mut Value) -> Result<&mut StreamValue, Reply> {
    match value {
        Value::Stream(stream) => Ok(stream),
        _ => Err(errors::err(errors::WRONG_TYPE)),
    }
}
