//! HINCRBY and HINCRBYFLOAT: a missing key or field counts as 0, and the result is stored as
//! the field's new value (which may push the hash out of its compact encoding).

use engine::HashValue;
use resp::Reply;

use super::either;
use crate::families::access::write_or_create;
use crate::families::string::longdouble::{incr_by_float, IncrFloatError};
use crate::{errors, parse, Args, ShardCtx};

/// HINCRBY key field increment: the new value.
pub fn hincrby(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(hincrby_inner(ctx, args))
}

/// Redis's order: the increment, the type, the stored value, overflow.
fn hincrby_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let by = parse::int(args.get(3))?;
    let limits = ctx.shard.settings.limits;
    let field = args.get(2);
    let hash = write_or_create(ctx, args.get(1), |_| HashValue::new())?;
    let current = match hash.get(field) {
        Some(item) => item
            .as_int()
            .ok_or_else(|| errors::err(errors::HASH_VALUE_NOT_INTEGER))?,
        None => 0,
    };
    let Some(result) = current.checked_add(by) else {
        // Only an existing (so non-empty) hash can overflow: nothing to clean up.
        return Err(errors::err(errors::OVERFLOW));
    };
    hash.insert(field, result.to_string().as_bytes(), &limits);
    ctx.dirty(1);
    Ok(Reply::Int(result))
}

/// HINCRBYFLOAT key field increment: the new value in C `long double`, printed as Redis
/// prints it.
pub fn hincrbyfloat(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(hincrbyfloat_inner(ctx, args))
}

/// Redis's order: the increment (not a float, then infinite), the type, the stored value,
/// then a NaN or infinite sum.
fn hincrbyfloat_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let incr = args.get(3);
    // 0 + incr fails exactly when the increment is not a float or is infinite, and is the
    // answer for a missing field.
    let sum_from_zero = incr_by_float(None, incr).map_err(|error| match error {
        IncrFloatError::NanOrInfinity => errors::err(errors::INCREMENT_NAN_OR_INF),
        _ => errors::err(errors::NOT_FLOAT),
    })?;
    let limits = ctx.shard.settings.limits;
    let field = args.get(2);
    let hash = write_or_create(ctx, args.get(1), |_| HashValue::new())?;
    let sum = match hash.get(field) {
        None => sum_from_zero,
        Some(current) => current
            .with_bytes(|current| incr_by_float(Some(current), incr))
            .map_err(|error| match error {
                IncrFloatError::NanOrInfinity => errors::err(errors::NAN_OR_INF),
                _ => errors::err(errors::HASH_VALUE_NOT_FLOAT),
            })?,
    };
    hash.insert(field, &sum, &limits);
    ctx.dirty(1);
    Ok(Reply::Bulk(sum))
}
