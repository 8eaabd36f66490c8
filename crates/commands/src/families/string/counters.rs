//! Numeric strings: INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT. A counter keeps its deadline;
//! a missing key counts as 0.

use engine::{StrValue, Value};
use resp::Reply;

use super::longdouble::{incr_by_float, IncrFloatError};
use super::{as_string, either, lookup};
use crate::{errors, parse, Args, ShardCtx};

/// INCR key.
pub fn incr(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(incr_decr(ctx, args.get(1), 1))
}

/// DECR key.
pub fn decr(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(incr_decr(ctx, args.get(1), -1))
}

/// INCRBY key increment.
pub fn incrby(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(parse::int(args.get(2)).and_then(|by| incr_decr(ctx, args.get(1), by)))
}

/// DECRBY key decrement.
pub fn decrby(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(parse::int(args.get(2)).and_then(|by| {
        // -i64::MIN does not exist; Redis has its own message for it.
        let by = by
            .checked_neg()
            .ok_or_else(|| errors::err(errors::DECREMENT_OVERFLOW))?;
        incr_decr(ctx, args.get(1), by)
    }))
}

/// Redis's `incrDecrCommand`: type, then the stored integer, then overflow, then the write.
fn incr_decr(ctx: &mut ShardCtx<'_>, key: &[u8], by: i64) -> Result<Reply, Reply> {
    let now_ms = ctx.now_ms;
    let result = match lookup(ctx, key) {
        Some(entry) => {
            let string = as_string(&mut entry.value)?;
            let current = string
                .as_i64()
                .ok_or_else(|| errors::err(errors::NOT_INTEGER))?;
            let result = current
                .checked_add(by)
                .ok_or_else(|| errors::err(errors::OVERFLOW))?;
            // Replaced in place, so the deadline stays.
            *string = StrValue::Int(result);
            result
        }
        None => {
            ctx.db()
                .set(key, Value::Str(StrValue::Int(by)), None, now_ms);
            by
        }
    };
    ctx.dirty(1);
    Ok(Reply::Int(result))
}

/// INCRBYFLOAT key increment: the sum in C `long double`, printed as Redis prints it.
pub fn incrbyfloat(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(incrbyfloat_inner(ctx, args.get(1), args.get(2)))
}

fn incrbyfloat_inner(ctx: &mut ShardCtx<'_>, key: &[u8], incr: &[u8]) -> Result<Reply, Reply> {
    let now_ms = ctx.now_ms;
    let result = match lookup(ctx, key) {
        Some(entry) => {
            let string = as_string(&mut entry.value)?;
            let sum = string.with_bytes(|current| incr_by_float(Some(current), incr));
            let sum = sum.map_err(incr_float_error)?;
            // Redis stores the printed sum as a plain string (embstr/raw), never as an int.
            *string = StrValue::Shared(sum.clone());
            sum
        }
        None => {
            let sum = incr_by_float(None, incr).map_err(incr_float_error)?;
            ctx.db()
                .set(key, Value::Str(StrValue::Shared(sum.clone())), None, now_ms);
            sum
        }
    };
    ctx.dirty(1);
    Ok(Reply::Bulk(result))
}

fn incr_float_error(error: IncrFloatError) -> Reply {
    match error {
        IncrFloatError::BadCurrent | IncrFloatError::BadIncrement => errors::err(errors::NOT_FLOAT),
        IncrFloatError::NanOrInfinity => errors::err(errors::NAN_OR_INF),
    }
}
