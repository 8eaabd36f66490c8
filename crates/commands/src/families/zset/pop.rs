//! ZPOPMIN, ZPOPMAX and ZMPOP: `genericZpopCommand`'s key choice and reply shapes.

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
    for (member, score) in popped {
        flat.push(member_reply(member));
        flat.push(Reply::Double(score));
    }
    Reply::Array(flat)
}

/// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
pub fn zmpop(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let numkeys = match parse::int(args.get(1)) {
        Ok(n) if n >= 1 => n as u64,
        _ => return errors::err(errors::ZMPOP_NUMKEYS_NOT_POSITIVE),
    };
    let where_at = match usize::try_from(numkeys).ok().and_then(|n| n.checked_add(2)) {
        Some(at) if at < args.len() => at,
        _ => return errors::err(errors::SYNTAX),
    };
    let max = match args.get(where_at) {
        w if is(w, "min") => false,
        w if is(w, "max") => true,
        _ => return errors::err(errors::SYNTAX),
    };
    let mut count = None;
    let mut i = where_at + 1;
    while let Some(arg) = args.try_get(i) {
        match args.try_get(i + 1) {
            Some(value) if count.is_none() && is(arg, "count") => match parse::int(value) {
                Ok(n) if n >= 1 => count = Some(n),
                _ => return errors::err(errors::ZMPOP_COUNT_NOT_POSITIVE),
            },
            _ => return errors::err(errors::SYNTAX),
        }
        i += 2;
    }
    let keys = (2..where_at).map(|i| args.get(i));
    match pop_first(ctx, keys, max, count.unwrap_or(1)) {
        Ok(Some((key, popped))) => {
            let nested = popped
                .into_iter()
                .map(|(m, s)| Reply::Array(vec![member_reply(m), Reply::Double(s)]))
                .collect();
            Reply::Array(vec![Reply::bulk(key), Reply::Array(nested)])
        }
        Ok(None) => Reply::NilArray,
        Err(e) => e,
    }
}

/// The key popped from and what went, lowest or highest first.
type Popped<'k> = (&'k [u8], Vec<Scored>);

/// Pops up to `count` members (lowest first, or highest first when `max`) from the first of
/// `keys` that exists; WRONGTYPE when a key before it holds another type. Returns the key
/// popped from and what went, or `None` when no key exists.
fn pop_first<'k>(
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
