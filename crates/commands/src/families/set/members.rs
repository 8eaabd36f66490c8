//! Membership: SADD, SREM, SISMEMBER, SMISMEMBER, SCARD, SMEMBERS, SMOVE.

use engine::SetValue;
use resp::Reply;

use super::member_reply;
use crate::families::access::{drop_if_empty, read, write, write_or_create};
use crate::{Args, ShardCtx};

/// SADD key member [member ...]: how many members were new.
pub fn sadd(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let key = args.get(1);
    let first = args.get(2);
    // Redis sizes the set for every argument, duplicates included (`setTypeCreate` and
    // `setTypeMaybeConvert` with `argc - 2`): many at once go straight to a hashtable.
    let size_hint = args.len() - 2;
    let limits = ctx.shard.settings.limits;
    let set = match write_or_create(ctx, key, |l| SetValue::with_hint(first, size_hint, l)) {
        Ok(set) => set,
        Err(e) => return e,
    };
    set.reserve_for(size_hint, &limits);
    let added = args
        .iter_from(2)
        .filter(|member| set.insert(member, &limits))
        .count();
    ctx.dirty(added as u64);
    Reply::Int(added as i64)
}

/// SREM key member [member ...]: how many members were removed; the key goes with the last.
pub fn srem(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let key = args.get(1);
    let set = match write::<SetValue>(ctx, key) {
        Ok(Some(set)) => set,
        Ok(None) => return Reply::Int(0),
        Err(e) => return e,
    };
    let mut removed = 0;
    for member in args.iter_from(2) {
        if set.remove(member) {
            removed += 1;
            if set.is_empty() {
                break;
            }
        }
    }
    drop_if_empty(ctx, key);
    ctx.dirty(removed);
    Reply::Int(removed as i64)
}

/// SISMEMBER key member: 1 when a member, else 0.
pub fn sismember(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match read::<SetValue>(ctx, args.get(1)) {
        Ok(set) => Reply::Int(i64::from(set.is_some_and(|s| s.contains(args.get(2))))),
        Err(e) => e,
    }
}

/// SMISMEMBER key member [member ...]: 1 or 0 per member; a missing key holds none.
pub fn smismember(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let set = match read::<SetValue>(ctx, args.get(1)) {
        Ok(set) => set,
        Err(e) => return e,
    };
    let set = set.map(|s| &*s);
    let flags = args
        .iter_from(2)
        .map(|m| Reply::Int(i64::from(set.is_some_and(|s| s.contains(m)))))
        .collect();
    Reply::Array(flags)
}

/// SCARD key: the number of members.
pub fn scard(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match read::<SetValue>(ctx, args.get(1)) {
        Ok(set) => Reply::Int(set.map_or(0, |s| s.len() as i64)),
        Err(e) => e,
    }
}

/// SMEMBERS key: every member, a Set reply in RESP3.
pub fn smembers(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match read::<SetValue>(ctx, args.get(1)) {
        Ok(Some(set)) => Reply::Set(set.iter().map(member_reply).collect()),
        Ok(None) => Reply::Set(Vec::new()),
        Err(e) => e,
    }
}

/// SMOVE source destination member: 1 when the member was in the source (and is now in the
/// destination), else 0.
pub fn smove(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let (src, dst, member) = (args.get(1), args.get(2), args.get(3));
    // As Redis: a missing source answers 0 before the destination's type is looked at.
    match write::<SetValue>(ctx, src) {
        Ok(Some(_)) => {}
        Ok(None) => return Reply::Int(0),
        Err(e) => return e,
    }
    if let Err(e) = write::<SetValue>(ctx, dst) {
        return e;
    }
    let removed = match write::<SetValue>(ctx, src) {
        Ok(Some(set)) if src == dst => return Reply::Int(i64::from(set.contains(member))),
        Ok(Some(set)) => set.remove(member),
        Ok(None) => false,
        Err(e) => return e,
    };
    if !removed {
        return Reply::Int(0);
    }
    drop_if_empty(ctx, src);
    ctx.dirty(1);
    let limits = ctx.shard.settings.limits;
    let added = match write_or_create(ctx, dst, |l| SetValue::with_hint(member, 1, l)) {
        Ok(set) => set.insert(member, &limits),
        Err(e) => return e,
    };
    if added {
        ctx.dirty(1);
    }
    Reply::Int(1)
}
