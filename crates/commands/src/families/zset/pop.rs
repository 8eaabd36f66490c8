//! ZPOPMIN, ZPOPMAX and ZMPOP: `genericZpopCommand`'s key choice and reply shapes.

use std::ops::Range;

use engine::ZSetValue;
use resp::Reply;

use super::{member_reply, scored_reply, Scored};
use crate::families::access;
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// ZPOPMIN key [count]
pub fn zpopmin(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    pop_command(ctx, args, false)
}

/// ZPOPMAX key [count]
pub fn zpopmax(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    pop_command(ctx, args, true)
}

fn pop_command(ctx: &mut ShardCtx<'_>, args: Args<'_>, max: bool) -> Reply {
    if args.len() > 3 {
        return errors::err(errors::SYNTAX);
    }
    let count = match args.try_get(2).map(parse::int) {
        None => None,
        Some(Ok(count)) if count >= 0 => Some(count),
        Some(_) => return errors::err(errors::ZPOP_COUNT_NOT_POSITIVE),
    };
    let key = args.get(1);
    let popped = match pop_first(ctx, [key], max, count.unwrap_or(1)) {
        Ok(Some((_, popped))) => popped,
        Ok(None) => return Reply::Array(Vec::new()),
        Err(e) => return e,
    };
    if count.is_some() {
        // With a count: pairs, nested in RESP3.
        return scored_reply(popped, true);
    }
    let mut flat = Vec::with_capacity(2);
    push_flat(&mut flat, popped);
    Reply::Array(flat)
}

/// Appends members and scores one after the other, flat in every protocol (ZPOPMIN without
/// a count, BZPOPMIN).
pub(crate) fn push_flat(out: &mut Vec<Reply>, popped: Vec<Scored>) {
    for (member, score) in popped {
        out.push(member_reply(member));
        out.push(Reply::Double(score));
    }
}

/// ZMPOP's reply: the key, then one [member, score] array per popped member.
pub(crate) fn keyed_pairs_reply(key: &[u8], popped: Vec<Scored>) -> Reply {
    let nested = popped
        .into_iter()
        .map(|(m, s)| Reply::Array(vec![member_reply(m), Reply::Double(s)]))
        .collect();
    Reply::Array(vec![Reply::bulk(key), Reply::Array(nested)])
}

/// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
pub fn zmpop(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let zmpop = match parse_zmpop(args, 1) {
        Ok(zmpop) => zmpop,
        Err(e) => return e,
    };
    let keys = zmpop.keys.map(|i| args.get(i));
    match pop_first(ctx, keys, zmpop.max, zmpop.count) {
        Ok(Some((key, popped))) => keyed_pairs_reply(key, popped),
        Ok(None) => Reply::NilArray,
        Err(e) => e,
    }
}

/// The arguments of ZMPOP and BZMPOP after their numkeys.
pub(crate) struct ZmpopArgs {
    /// Where the keys are among the arguments.
    pub(crate) keys: Range<usize>,
    /// Highest scores first (MAX).
    pub(crate) max: bool,
    /// How many members at most (1 without COUNT).
    pub(crate) count: i64,
}

/// Parses `numkeys key [key ...] MIN|MAX [COUNT count]` from argument `numkeys_at` to the
/// end, in Redis's order: numkeys, MIN or MAX, then the options.
pub(crate) fn parse_zmpop(args: Args<'_>, numkeys_at: usize) -> Result<ZmpopArgs, Reply> {
    let numkeys = match parse::int(args.get(numkeys_at)) {
        Ok(n) if n >= 1 => n as u64,
        _ => return Err(errors::err(errors::ZMPOP_NUMKEYS_NOT_POSITIVE)),
    };
    let where_at = match usize::try_from(numkeys)
        .ok()
        .and_then(|n| n.checked_add(numkeys_at + 1))
    {
        Some(at) if at < args.len() => at,
        _ => return Err(errors::err(errors::SYNTAX)),
    };
    let max = match args.get(where_at) {
        w if is(w, "min") => false,
        w if is(w, "max") => true,
        _ => return Err(errors::err(errors::SYNTAX)),
    };
    let mut count = None;
    let mut i = where_at + 1;
    while let Some(arg) = args.try_get(i) {
        match args.try_get(i + 1) {
            Some(value) if count.is_none() && is(arg, "count") => match parse::int(value) {
                Ok(n) if n >= 1 => count = Some(n),
                _ => return Err(errors::err(errors::ZMPOP_COUNT_NOT_POSITIVE)),
            },
            _ => return Err(errors::err(errors::SYNTAX)),
        }
        i += 2;
    }
    Ok(ZmpopArgs {
        keys: numkeys_at + 1..where_at,
        max,
        count: count.unwrap_or(1),
    })
}

/// The key popped from and what went, lowest or highest first.
pub(crate) type Popped<'k> = (&'k [u8], Vec<Scored>);

/// Pops up to `count` members (lowest first, or highest first when `max`) from the first of
/// `keys` that exists; WRONGTYPE when a key before it holds another type. Returns the key
/// popped from and what went, or `None` when no key exists.
pub(crate) fn pop_first<'k>(
    ctx: &mut ShardCtx<'_>,
    keys: impl IntoIterator<Item = &'k [u8]>,
    max: bool,
    count: i64,
) -> Result<Option<Popped<'k>>, Reply> {
    for key in keys {
        let Some(zset) = access::write::<ZSetValue>(ctx, key)? else {
            continue;
        };
        let len = zset.len();
        let take = usize::try_from(count).unwrap_or(usize::MAX).min(len);
        let (start, end) = if max { (len - take, len) } else { (0, take) };
        let mut popped = Vec::with_capacity(take);
        zset.visit_range(start, end, max, |member, score| {
            popped.push((member.to_vec(), score))
        });
        zset.remove_range(start, end);
        access::drop_if_empty(ctx, key);
        ctx.dirty(take as u64);
        return Ok(Some((key, popped)));
    }
    Ok(None)
}
