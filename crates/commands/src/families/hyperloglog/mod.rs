//! HyperLogLog commands: PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST. The values are plain
//! strings in Redis's HyperLogLog layout (`engine::hll`), changed in place (`raw`).

mod debug;
#[cfg(test)]
mod tests;

pub use debug::{pfdebug, pfselftest};

use engine::hll::{self, Encoding};
use engine::{StrValue, Value};
use resp::Reply;

use crate::families::access;
use crate::{errors, Args, ShardCtx};

fn either(result: Result<Reply, Reply>) -> Reply {
    result.unwrap_or_else(|e| e)
}

fn corrupt(_: hll::Corrupt) -> Reply {
    errors::err(errors::HLL_CORRUPT)
}

/// The HyperLogLog string in `value`: WRONGTYPE for another type, the HyperLogLog WRONGTYPE
/// for a string of another shape.
fn as_hll(value: &mut Value) -> Result<&mut StrValue, Reply> {
    let Value::Str(string) = value else {
        return Err(errors::err(errors::WRONG_TYPE));
    };
    if string.with_bytes(hll::encoding_of).is_none() {
        return Err(errors::err(errors::HLL_NOT_VALID));
    }
    Ok(string)
}

/// The HyperLogLog under `key` for a change (Redis's `lookupKeyWrite` then
/// `dbUnshareStringValue`: the value becomes `raw`); `None` when missing.
fn hll_for_write<'c>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<Option<&'c mut Vec<u8>>, Reply> {
    match access::entry(ctx, key) {
        None => Ok(None),
        Some(entry) => as_hll(&mut entry.value).map(|s| Some(s.make_growable())),
    }
}

/// Folds the HyperLogLog under `key` into `max` (a keyspace read: counts a hit or a miss);
/// a missing key counts as empty. Returns the key's encoding.
fn merge_key(
    ctx: &mut ShardCtx<'_>,
    key: &[u8],
    max: &mut [u8],
) -> Result<Option<Encoding>, Reply> {
    let merged = access::entry(ctx, key).map(|entry| {
        let string = as_hll(&mut entry.value)?;
        string.with_bytes(|bytes| {
            hll::merge_into(max, bytes).map_err(corrupt)?;
            Ok(hll::encoding_of(bytes))
        })
    });
    ctx.count_read(merged.is_some());
    merged.unwrap_or(Ok(None))
}

/// PFADD key [element ...]: 1 when a register changed or the key was created, else 0.
pub fn pfadd(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(pfadd_inner(ctx, args))
}

fn pfadd_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let key = args.get(1);
    let max_bytes = ctx.shard.settings.hll_sparse_max_bytes;
    let mut updated = 0u64;
    if hll_for_write(ctx, key)?.is_none() {
        let now_ms = ctx.now_ms;
        let value = Value::Str(StrValue::Growable(hll::empty()));
        ctx.db().set(key, value, None, now_ms);
        updated += 1;
    }
    let bytes = hll_for_write(ctx, key)?.ok_or_else(|| errors::err(errors::NO_SUCH_KEY))?;
    for element in args.iter_from(2) {
        // On a corrupt HyperLogLog the registers already raised stay raised, as in Redis.
        if hll::add(bytes, element, max_bytes).map_err(corrupt)? {
            updated += 1;
        }
    }
    if updated > 0 {
        hll::invalidate_cache(bytes);
        ctx.dirty(updated);
    }
    Ok(Reply::Int(i64::from(updated > 0)))
}

/// PFCOUNT key [key ...]: one key answers from (and refreshes) its cached count; several
/// keys estimate their union without changing them.
pub fn pfcount(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(if args.len() > 2 {
        pfcount_union(ctx, args)
    } else {
        pfcount_one(ctx, args.get(1))
    })
}

fn pfcount_union(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let mut max = vec![0u8; hll::REGISTERS];
    for key in args.iter_from(1) {
        merge_key(ctx, key, &mut max)?;
    }
    Ok(Reply::Int(hll::count_registers(&max) as i64))
}

fn pfcount_one(ctx: &mut ShardCtx<'_>, key: &[u8]) -> Result<Reply, Reply> {
    let Some(bytes) = hll_for_write(ctx, key)? else {
        return Ok(Reply::Int(0));
    };
    if let Some(card) = hll::cached_count(bytes) {
        return Ok(Reply::Int(card as i64));
    }
    let card = hll::count(bytes).map_err(corrupt)?;
    hll::store_count(bytes, card);
    // Redis counts the cache refresh as a change, so the new bytes reach the AOF and a WATCH
    // on the key aborts (the dispatcher treats PFCOUNT as a command that may change keys).
    ctx.dirty(1);
    Ok(Reply::Int(card as i64))
}

/// PFMERGE destkey [sourcekey ...]: the destination (created when missing) takes every
/// register's maximum; it turns dense when any input is dense.
pub fn pfmerge(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(pfmerge_inner(ctx, args))
}

fn pfmerge_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let max_bytes = ctx.shard.settings.hll_sparse_max_bytes;
    let mut max = vec![0u8; hll::REGISTERS];
    let mut any_dense = false;
    // The destination is read as a source too.
    for key in args.iter_from(1) {
        any_dense |= merge_key(ctx, key, &mut max)? == Some(Encoding::Dense);
    }
    let dest = args.get(1);
    if hll_for_write(ctx, dest)?.is_none() {
        let now_ms = ctx.now_ms;
        let value = Value::Str(StrValue::Growable(hll::empty()));
        ctx.db().set(dest, value, None, now_ms);
    }
    let bytes = hll_for_write(ctx, dest)?.ok_or_else(|| errors::err(errors::NO_SUCH_KEY))?;
    if any_dense {
        hll::to_dense(bytes).map_err(corrupt)?;
    }
    for (index, value) in max.iter().enumerate() {
        if *value != 0 {
            // The destination was checked while merging; Redis ignores failures here too.
            let _ = hll::raise_register(bytes, index, *value, max_bytes);
        }
    }
    hll::invalidate_cache(bytes);
    ctx.dirty(1);
    Ok(Reply::OK)
}
