//! Byte ranges of a string: APPEND, STRLEN, GETRANGE (and SUBSTR), SETRANGE. Writes here
//! turn the value into a growable (`raw`) buffer, as Redis unshares it before changing it.

use bytes::Bytes;
use engine::{StrValue, Value};
use resp::Reply;

use super::{as_string, either, lookup};
use crate::{errors, parse, Args, ShardCtx};

/// APPEND key value: the new length.
pub fn append(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(append_inner(ctx, args.get(1), args.get(2)))
}

fn append_inner(ctx: &mut ShardCtx<'_>, key: &[u8], tail: &[u8]) -> Result<Reply, Reply> {
    let max_len = ctx.shard.settings.proto_max_bulk_len;
    let now_ms = ctx.now_ms;
    let new_len = match lookup(ctx, key) {
        Some(entry) => {
            let string = as_string(&mut entry.value)?;
            check_fits(string.len() as i64, tail.len(), max_len)?;
            let bytes = string.make_growable();
            bytes.extend_from_slice(tail);
            bytes.len()
        }
        None => {
            // A new key is stored as SET would store it (int, embstr or raw).
            ctx.db()
                .set(key, Value::Str(StrValue::from_bytes(tail)), None, now_ms);
            tail.len()
        }
    };
    ctx.dirty(1);
    Ok(Reply::Int(new_len as i64))
}

/// STRLEN key: 0 for a missing key.
pub fn strlen(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match lookup(ctx, args.get(1)) {
        None => Reply::Int(0),
        Some(entry) => either(as_string(&mut entry.value).map(|s| Reply::Int(s.len() as i64))),
    }
}

/// GETRANGE key start end (and SUBSTR): the bytes from `start` to `end` inclusive; negative
/// indices count from the end.
pub fn getrange(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(getrange_inner(ctx, args))
}

fn getrange_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let start = parse::int(args.get(2))?;
    let end = parse::int(args.get(3))?;
    let Some(entry) = lookup(ctx, args.get(1)) else {
        return Ok(Reply::Bulk(Bytes::new()));
    };
    let string = as_string(&mut entry.value)?;
    Ok(Reply::Bulk(string.with_bytes(|bytes| {
        clamp_range(start, end, bytes.len())
            .map_or_else(Bytes::new, |r| Bytes::copy_from_slice(&bytes[r]))
    })))
}

/// Redis 7's GETRANGE index rules; `None` for an empty answer. Both indices negative with
/// start after end is empty; otherwise negatives count from the end and clamp to 0, and end
/// clamps to the last byte (so `0 -100` on a short string is its first byte).
fn clamp_range(start: i64, end: i64, len: usize) -> Option<std::ops::Range<usize>> {
    if start < 0 && end < 0 && start > end {
        return None;
    }
    let len_i = len as i64;
    // Redis adds in unsigned arithmetic and stores back into a signed: a wrapping add.
    let start = if start < 0 {
        len_i.wrapping_add(start)
    } else {
        start
    }
    .max(0);
    let end = if end < 0 {
        len_i.wrapping_add(end)
    } else {
        end
    }
    .max(0);
    let end = if end as u64 >= len as u64 {
        len_i - 1
    } else {
        end
    };
    if start > end || len == 0 {
        return None;
    }
    Some(start as usize..end as usize + 1)
}

/// SETRANGE key offset value: overwrites from `offset`, padding with zero bytes; the new
/// length.
pub fn setrange(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(setrange_inner(ctx, args.get(1), args.get(2), args.get(3)))
}

fn setrange_inner(
    ctx: &mut ShardCtx<'_>,
    key: &[u8],
    offset: &[u8],
    patch: &[u8],
) -> Result<Reply, Reply> {
    let offset = parse::int(offset)?;
    if offset < 0 {
        return Err(errors::err(errors::OFFSET_OUT_OF_RANGE));
    }
    let max_len = ctx.shard.settings.proto_max_bulk_len;
    let now_ms = ctx.now_ms;
    let new_len = match lookup(ctx, key) {
        Some(entry) => {
            let string = as_string(&mut entry.value)?;
            if patch.is_empty() {
                // Nothing to write: the length, no change, no dirty.
                return Ok(Reply::Int(string.len() as i64));
            }
            check_fits(offset, patch.len(), max_len)?;
            write_at(string.make_growable(), offset as usize, patch)
        }
        None if patch.is_empty() => return Ok(Reply::Int(0)),
        None => {
            check_fits(offset, patch.len(), max_len)?;
            let mut bytes = Vec::new();
            let new_len = write_at(&mut bytes, offset as usize, patch);
            ctx.db()
                .set(key, Value::Str(StrValue::Growable(bytes)), None, now_ms);
            new_len
        }
    };
    ctx.dirty(1);
    Ok(Reply::Int(new_len as i64))
}

/// Copies `patch` into `bytes` at `offset`, zero-filling any gap; the resulting length.
fn write_at(bytes: &mut Vec<u8>, offset: usize, patch: &[u8]) -> usize {
    let end = offset + patch.len();
    if bytes.len() < end {
        bytes.resize(end, 0);
    }
    bytes[offset..end].copy_from_slice(patch);
    bytes.len()
}

/// Redis's `checkStringLength`: `len + add_len` must stay within `proto-max-bulk-len`.
fn check_fits(len: i64, add_len: usize, max_len: i64) -> Result<(), Reply> {
    // SETRANGE's offset comes from the client and may be near i64::MAX: no wrapping.
    match len.checked_add(add_len as i64) {
        Some(total) if total <= max_len => Ok(()),
        _ => Err(errors::err(errors::STRING_TOO_LONG)),
    }
}
