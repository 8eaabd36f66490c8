//! Random members: SPOP and SRANDMEMBER.

use engine::SetValue;
use resp::Reply;

use super::member_reply;
use crate::families::access::{drop_if_empty, read, write};
use crate::{errors, parse, Args, ShardCtx};

/// SPOP key [count]: removes and returns one random member (a bulk reply, nil when the key
/// is missing) or `count` of them (a Set reply).
pub fn spop(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    if args.len() > 3 {
        return errors::err(errors::SYNTAX);
    }
    let key = args.get(1);
    let count = match args.try_get(2).map(parse_pop_count) {
        Some(Ok(count)) => Some(count),
        Some(Err(e)) => return e,
        None => None,
    };
    let seed = ctx.shard.next_random();
    let limits = ctx.shard.settings.limits;
    let set = match write::<SetValue>(ctx, key) {
        Ok(Some(set)) => set,
        Ok(None) if count.is_some() => return Reply::Set(Vec::new()),
        Ok(None) => return Reply::Nil,
        Err(e) => return e,
    };
    let reply = match count {
        None => match set.pop_one(seed) {
            Some(member) => Reply::Bulk(member),
            None => Reply::Nil,
        },
        Some(0) => return Reply::Set(Vec::new()),
        Some(count) => {
            let popped = set.pop_many(count, seed, &limits);
            Reply::Set(popped.into_iter().map(Reply::Bulk).collect())
        }
    };
    let changes = match &reply {
        Reply::Set(items) => items.len() as u64,
        _ => 1,
    };
    drop_if_empty(ctx, key);
    ctx.dirty(changes);
    reply
}

/// SPOP's count: a non-negative integer, else one error for every other input.
fn parse_pop_count(arg: &[u8]) -> Result<usize, Reply> {
    engine::value::parse_i64(arg)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| errors::err(errors::SPOP_COUNT_NOT_POSITIVE))
}

/// SRANDMEMBER key [count]: one random member (bulk, nil when missing), or an array of
/// `count` distinct members (positive count) or of `-count` members with repeats (negative).
pub fn srandmember(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    if args.len() > 3 {
        return errors::err(errors::SYNTAX);
    }
    let count = match args.try_get(2).map(parse::int) {
        Some(Ok(i64::MIN)) => return errors::err(errors::SRANDMEMBER_COUNT_OUT_OF_RANGE),
        Some(Ok(count)) => Some(count),
        Some(Err(e)) => return e,
        None => None,
    };
    let seed = ctx.shard.next_random();
    let set = match read::<SetValue>(ctx, args.get(1)) {
        Ok(Some(set)) => set,
        Ok(None) if count.is_some() => return Reply::Array(Vec::new()),
        Ok(None) => return Reply::Nil,
        Err(e) => return e,
    };
    let Some(count) = count else {
        return set.random_member(seed).map_or(Reply::Nil, member_reply);
    };
    let magnitude = usize::try_from(count.unsigned_abs()).unwrap_or(usize::MAX);
    let sample = if count < 0 {
        set.sample_with_repeats(magnitude, seed)
    } else {
        set.sample_distinct(magnitude, seed)
    };
    Reply::Array(sample.into_iter().map(member_reply).collect())
}
