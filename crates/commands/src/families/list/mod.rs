//! List commands: pushes and pops at either end (LPUSH, RPOP, LMPOP, ...), reads (LLEN,
//! LRANGE, LINDEX, LPOS), edits inside the list (LSET, LINSERT, LREM, LTRIM) and moves
//! between lists (LMOVE, RPOPLPUSH).
//!
//! Every handler checks its arguments in Redis's order, so that a command with several
//! problems gives Redis's first error, and asks the list for Redis 7.2's encoding conversions
//! at the same points as Redis: before a write that grows a list, after one that shrinks it.

mod edit;
mod moves;
mod push_pop;
mod read;
#[cfg(test)]
mod tests;

use engine::list::End;
use engine::{EncodingLimits, ListValue, PackItem};
use resp::Reply;

use crate::families::access;
use crate::families::either;
use crate::{errors, parse, ShardCtx};

pub use edit::{linsert, lrem, lset, ltrim};
pub(crate) use moves::move_element;
pub use moves::{lmove, rpoplpush};
pub use push_pop::{lmpop, lpop, lpush, lpushx, rpop, rpush, rpushx};
pub(crate) use push_pop::{parse_mpop, pop_first};
pub use read::{lindex, llen, lpos, lrange};

/// A list element as a bulk string.
fn item_reply(item: PackItem<'_>) -> Reply {
    item.with_bytes(Reply::bulk)
}

/// `LEFT` or `RIGHT`, else a syntax error.
pub(crate) fn parse_end(arg: &[u8]) -> Result<End, Reply> {
    if parse::is(arg, "left") {
        Ok(End::Head)
    } else if parse::is(arg, "right") {
        Ok(End::Tail)
    } else {
        Err(errors::err(errors::SYNTAX))
    }
}

/// The encoding limits in force.
fn limits(ctx: &ShardCtx<'_>) -> EncodingLimits {
    ctx.shard.settings.limits
}

/// After elements left the list under `key`: deletes the key when the list emptied, else
/// gives the list its chance to return to the listpack encoding.
fn after_removal(ctx: &mut ShardCtx<'_>, key: &[u8]) {
    let limits = limits(ctx);
    let now_ms = ctx.now_ms;
    if let Some(entry) = ctx.db().lookup_no_touch(key, now_ms) {
        if let engine::Value::List(list) = &mut entry.value {
            list.convert_after_shrink(&limits);
        }
    }
    access::drop_if_empty(ctx, key);
}

/// Clamps LRANGE-style `start` and `end` (negative from the tail) to a list of `len`: the
/// first index and how many elements, or `None` for an empty range.
fn clamp_range(start: i64, end: i64, len: usize) -> Option<(usize, usize)> {
    let len = len as i64;
    let start = if start < 0 {
        (len + start).max(0)
    } else {
        start
    };
    let end = if end < 0 { len + end } else { end };
    if start > end || start >= len {
        return None;
    }
    let end = end.min(len - 1);
    Some((start as usize, (end - start + 1) as usize))
}

/// The list under `key` for a write, or WRONGTYPE.
fn write_list<'c>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<Option<&'c mut ListValue>, Reply> {
    access::write::<ListValue>(ctx, key)
}
