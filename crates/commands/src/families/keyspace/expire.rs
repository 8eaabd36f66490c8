//! EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME and PERSIST.

use resp::Reply;

use super::{lookup, peek};
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// The unit of a time argument or reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Seconds,
    Millis,
}

/// One member of the EXPIRE family: its name for error messages, unit and time base.
struct ExpireCommand {
    name: &'static str,
    unit: Unit,
    /// Relative to now (EXPIRE, PEXPIRE) rather than a unix time (EXPIREAT, PEXPIREAT).
    relative: bool,
}

/// EXPIRE key seconds [NX|XX|GT|LT]: sets a time to live in seconds.
pub fn expire(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let cmd = ExpireCommand {
        name: "expire",
        unit: Unit::Seconds,
        relative: true,
    };
    expire_generic(ctx, args, cmd)
}

/// PEXPIRE key milliseconds [NX|XX|GT|LT]: sets a time to live in milliseconds.
pub fn pexpire(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let cmd = ExpireCommand {
        name: "pexpire",
        unit: Unit::Millis,
        relative: true,
    };
    expire_generic(ctx, args, cmd)
}

/// EXPIREAT key unix-seconds [NX|XX|GT|LT]: sets a deadline in unix seconds.
pub fn expireat(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let cmd = ExpireCommand {
        name: "expireat",
        unit: Unit::Seconds,
        relative: false,
    };
    expire_generic(ctx, args, cmd)
}

/// PEXPIREAT key unix-ms [NX|XX|GT|LT]: sets a deadline in unix milliseconds.
pub fn pexpireat(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let cmd = ExpireCommand {
        name: "pexpireat",
        unit: Unit::Millis,
        relative: false,
    };
    expire_generic(ctx, args, cmd)
}

/// TTL: seconds left, rounded to the nearest; -1 without a deadline, -2 for a missing key.
pub fn ttl(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    ttl_generic(ctx, args, Unit::Seconds, false)
}

/// PTTL: milliseconds left; -1 without a deadline, -2 for a missing key.
pub fn pttl(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    ttl_generic(ctx, args, Unit::Millis, false)
}

/// EXPIRETIME: the deadline in unix seconds, rounded; -1 without one, -2 for a missing key.
pub fn expiretime(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    ttl_generic(ctx, args, Unit::Seconds, true)
}

/// PEXPIRETIME: the deadline in unix milliseconds; -1 without one, -2 for a missing key.
pub fn pexpiretime(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    ttl_generic(ctx, args, Unit::Millis, true)
}

/// PERSIST: removes the deadline; 1 when there was one, else 0.
pub fn persist(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let key = args.get(1);
    let has_deadline = lookup(ctx, key).is_some_and(|entry| entry.expire_at_ms().is_some());
    if !has_deadline {
        return Reply::Int(0);
    }
    let now_ms = ctx.now_ms;
    ctx.db().set_expire(key, None, now_ms);
    ctx.dirty(1);
    Reply::Int(1)
}

/// The NX, XX, GT and LT conditions on the key's current deadline.
#[derive(Debug, Default, Clone, Copy)]
struct Conditions {
    nx: bool,
    xx: bool,
    gt: bool,
    lt: bool,
}

impl Conditions {
    /// Options from argument 3 on; repeats are allowed, conflicts are not.
    fn parse(args: Args<'_>) -> Result<Conditions, Reply> {
        let mut c = Conditions::default();
        for opt in args.iter_from(3) {
            let flag = if is(opt, "nx") {
                &mut c.nx
            } else if is(opt, "xx") {
                &mut c.xx
            } else if is(opt, "gt") {
                &mut c.gt
            } else if is(opt, "lt") {
                &mut c.lt
            } else {
                return Err(errors::unsupported_option(opt));
            };
            *flag = true;
        }
        if c.nx && (c.xx || c.gt || c.lt) {
            return Err(errors::err(errors::EXPIRE_NX_CONFLICT));
        }
        if c.gt && c.lt {
            return Err(errors::err(errors::EXPIRE_GT_LT_CONFLICT));
        }
        Ok(c)
    }

    /// Whether a key whose deadline is `current_ms` (`None`: it has none) may take `when_ms`.
    /// A key without a deadline counts as living forever: GT never passes, LT always does.
    fn allow(self, current_ms: Option<i64>, when_ms: i64) -> bool {
        let refused = (self.nx && current_ms.is_some())
            || (self.xx && current_ms.is_none())
            || (self.gt && current_ms.is_none_or(|current| when_ms <= current))
            || (self.lt && current_ms.is_some_and(|current| when_ms >= current));
        !refused
    }
}

/// The EXPIRE family. Options and the time are validated before the key is looked up, so a
/// bad argument is an error even for a missing key, as in Redis.
fn expire_generic(ctx: &mut ShardCtx<'_>, args: Args<'_>, cmd: ExpireCommand) -> Reply {
    let conditions = match Conditions::parse(args) {
        Ok(conditions) => conditions,
        Err(reply) => return reply,
    };
    let amount = match parse::int(args.get(2)) {
        Ok(amount) => amount,
        Err(reply) => return reply,
    };
    let now_ms = ctx.now_ms;
    let base_ms = if cmd.relative { ms_to_i64(now_ms) } else { 0 };
    let Some(when_ms) = deadline_ms(amount, cmd.unit, base_ms) else {
        return errors::invalid_expire(cmd.name);
    };
    let key = args.get(1);
    let Some(entry) = lookup(ctx, key) else {
        return Reply::Int(0);
    };
    if !conditions.allow(entry.expire_at_ms().map(ms_to_i64), when_ms) {
        return Reply::Int(0);
    }
    // A deadline already passed deletes the key at once, as Redis does (it propagates a DEL).
    if when_ms <= ms_to_i64(now_ms) {
        ctx.db().remove(key, now_ms);
    } else {
        let at_ms = u64::try_from(when_ms).expect("later than now, so positive");
        ctx.db().set_expire(key, Some(at_ms), now_ms);
    }
    ctx.dirty(1);
    Reply::Int(1)
}

/// `amount` in `unit` after `base_ms`, in ms; `None` when that leaves i64 (Redis's overflow
/// checks: the unit conversion, then the addition of a non-negative base).
fn deadline_ms(amount: i64, unit: Unit, base_ms: i64) -> Option<i64> {
    let amount_ms = match unit {
        Unit::Seconds => amount.checked_mul(1000)?,
        Unit::Millis => amount,
    };
    amount_ms.checked_add(base_ms)
}

/// The TTL family: remaining time (or the deadline itself when `absolute`) in `unit`.
fn ttl_generic(ctx: &mut ShardCtx<'_>, args: Args<'_>, unit: Unit, absolute: bool) -> Reply {
    let now_ms = ctx.now_ms;
    let Some(entry) = peek(ctx, args.get(1)) else {
        return Reply::Int(-2);
    };
    let Some(at_ms) = entry.expire_at_ms() else {
        return Reply::Int(-1);
    };
    let ms = if absolute {
        at_ms
    } else {
        at_ms.saturating_sub(now_ms)
    };
    let ms = ms_to_i64(ms);
    match unit {
        Unit::Millis => Reply::Int(ms),
        // Rounded to the nearest second; computed wide because a deadline may sit at i64::MAX.
        Unit::Seconds => Reply::Int(((i128::from(ms) + 500) / 1000) as i64),
    }
}

/// A time in ms as i64; deadlines are set from i64 values, so they always fit.
fn ms_to_i64(ms: u64) -> i64 {
    i64::try_from(ms).unwrap_or(i64::MAX)
}
