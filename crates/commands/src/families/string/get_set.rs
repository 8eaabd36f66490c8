//! Whole-value reads and writes of one key: GET, GETDEL, GETEX, GETSET, SET, SETNX, SETEX,
//! PSETEX.

use engine::{StrValue, Value};
use resp::Reply;

use super::options::{ExtendedOptions, Family, Flags};
use super::{bulk_or_nil, either, lookup, read_reply, read_string};
use crate::{Args, ShardCtx};

/// GET key.
pub fn get(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    read_reply(ctx, args.get(1))
}

/// GETDEL key: the value, then the key is gone.
pub fn getdel(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let key = args.get(1);
    either(read_string(ctx, key).map(|value| {
        if value.is_some() {
            let now_ms = ctx.now_ms;
            ctx.db().remove(key, now_ms);
            ctx.dirty(1);
        }
        bulk_or_nil(value)
    }))
}

/// GETSET key value: the old value; the new one is stored without a deadline.
pub fn getset(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let key = args.get(1);
    either(read_string(ctx, key).map(|old| {
        let now_ms = ctx.now_ms;
        ctx.db().set(
            key,
            Value::Str(StrValue::from_bytes(args.get(2))),
            None,
            now_ms,
        );
        ctx.dirty(1);
        bulk_or_nil(old)
    }))
}

/// GETEX key [EX s | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST]: the value, and the
/// deadline changed as asked.
pub fn getex(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(getex_inner(ctx, args))
}

fn getex_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let options = ExtendedOptions::parse(args, 2, Family::Getex)?;
    let key = args.get(1);
    // Redis answers nil for a missing key and WRONGTYPE before it reads the expire time.
    let Some(value) = read_string(ctx, key)? else {
        return Ok(Reply::Nil);
    };
    let now_ms = ctx.now_ms;
    match options.deadline_ms(now_ms, "getex")? {
        // An absolute deadline already past deletes the key now, as Redis does.
        Some(at_ms) if options.is_absolute() && at_ms <= now_ms => {
            ctx.db().remove(key, now_ms);
            ctx.dirty(1);
        }
        Some(at_ms) => {
            ctx.db().set_expire(key, Some(at_ms), now_ms);
            ctx.dirty(1);
        }
        None if options.has(Flags::PERSIST) => {
            let had_deadline = lookup(ctx, key).is_some_and(|e| e.expire_at_ms().is_some());
            if had_deadline {
                ctx.db().set_expire(key, None, now_ms);
                ctx.dirty(1);
            }
        }
        None => {}
    }
    Ok(Reply::Bulk(value))
}

/// SET key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL].
pub fn set(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(
        ExtendedOptions::parse(args, 3, Family::Set).and_then(|options| {
            let request = SetRequest::new(args.get(1), args.get(2), options, "set");
            set_generic(ctx, request)
        }),
    )
}

/// SETNX key value: 1 when set, 0 when the key existed.
pub fn setnx(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let options = ExtendedOptions::with_flags(Flags::NX);
    let request = SetRequest {
        ok: Reply::Int(1),
        aborted: Reply::Int(0),
        ..SetRequest::new(args.get(1), args.get(2), options, "setnx")
    };
    either(set_generic(ctx, request))
}

/// SETEX key seconds value.
pub fn setex(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let options = ExtendedOptions::relative(args.get(2), true);
    either(set_generic(
        ctx,
        SetRequest::new(args.get(1), args.get(3), options, "setex"),
    ))
}

/// PSETEX key milliseconds value.
pub fn psetex(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let options = ExtendedOptions::relative(args.get(2), false);
    either(set_generic(
        ctx,
        SetRequest::new(args.get(1), args.get(3), options, "psetex"),
    ))
}

/// One SET-family write: what to store and what to answer.
struct SetRequest<'a> {
    key: &'a [u8],
    value: &'a [u8],
    options: ExtendedOptions<'a>,
    /// The command's name in `ERR invalid expire time in '<name>' command`.
    command: &'static str,
    /// The reply when the value is stored (and GET was not asked).
    ok: Reply,
    /// The reply when NX or XX stops the write (and GET was not asked).
    aborted: Reply,
}

impl<'a> SetRequest<'a> {
    fn new(
        key: &'a [u8],
        value: &'a [u8],
        options: ExtendedOptions<'a>,
        command: &'static str,
    ) -> Self {
        SetRequest {
            key,
            value,
            options,
            command,
            ok: Reply::OK,
            aborted: Reply::Nil,
        }
    }
}

/// Redis's `setGenericCommand`: expire time first, then GET's read (and its WRONGTYPE), then
/// the NX/XX condition, then the write.
fn set_generic(ctx: &mut ShardCtx<'_>, request: SetRequest<'_>) -> Result<Reply, Reply> {
    let SetRequest {
        key,
        value,
        options,
        command,
        ok,
        aborted,
    } = request;
    let deadline_ms = options.deadline_ms(ctx.now_ms, command)?;
    let old = if options.has(Flags::GET) {
        Some(read_string(ctx, key)?)
    } else {
        None
    };
    // A plain SET needs no lookup: Db::set replaces whatever is there in one probe.
    if options.has(Flags::NX) || options.has(Flags::XX) {
        let found = lookup(ctx, key).is_some();
        if (options.has(Flags::NX) && found) || (options.has(Flags::XX) && !found) {
            return Ok(old.map_or(aborted, bulk_or_nil));
        }
    }
    let now_ms = ctx.now_ms;
    let value = Value::Str(StrValue::from_bytes(value));
    if options.has(Flags::KEEPTTL) {
        ctx.db().set_keep_ttl(key, value, now_ms);
    } else {
        // A deadline already past is stored as given: the key reads as missing from now on
        // and is reclaimed on first access, which is what Redis 7.0 does.
        ctx.db().set(key, value, deadline_ms, now_ms);
    }
    ctx.dirty(1);
    Ok(old.map_or(ok, bulk_or_nil))
}
