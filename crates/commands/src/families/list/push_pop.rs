//! Pushes and pops at the ends: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LMPOP.

use std::ops::Range;

use engine::list::End;
use engine::ListValue;
use resp::Reply;

use super::{after_removal, either, item_reply, limits, parse_end, write_list};
use crate::families::access;
use crate::{errors, parse, Args, ShardCtx};

/// LPUSH key element [element ...]: the new length.
pub fn lpush(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(push(ctx, args, End::Head, false))
}

/// RPUSH key element [element ...]: the new length.
pub fn rpush(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(push(ctx, args, End::Tail, false))
}

/// LPUSHX key element [element ...]: like LPUSH, only onto an existing list (else 0).
pub fn lpushx(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(push(ctx, args, End::Head, true))
}

/// RPUSHX key element [element ...]: like RPUSH, only onto an existing list (else 0).
pub fn rpushx(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(push(ctx, args, End::Tail, true))
}

/// Redis's `pushGenericCommand`: one conversion check for all the values, then the pushes.
fn push(
    ctx: &mut ShardCtx<'_>,
    args: Args<'_>,
    end: End,
    only_existing: bool,
) -> Result<Reply, Reply> {
    let key = args.get(1);
    let limits = limits(ctx);
    let list = if only_existing {
        match write_list(ctx, key)? {
            Some(list) => list,
            None => return Ok(Reply::Int(0)),
        }
    } else {
        access::write_or_create(ctx, key, |_| ListValue::new())?
    };
    list.convert_for_growth(args.iter_from(2), &limits);
    for value in args.iter_from(2) {
        list.push(end, value);
    }
    let len = list.len() as i64;
    ctx.dirty(args.len() as u64 - 2);
    Ok(Reply::Int(len))
}

/// LPOP key [count]: the head element, or up to `count` of them as an array.
pub fn lpop(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(pop(ctx, args, End::Head))
}

/// RPOP key [count]: the tail element, or up to `count` of them as an array.
pub fn rpop(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(pop(ctx, args, End::Tail))
}

/// Redis's `popGenericCommand`.
fn pop(ctx: &mut ShardCtx<'_>, args: Args<'_>, end: End) -> Result<Reply, Reply> {
    if args.len() > 3 {
        let name = String::from_utf8_lossy(args.get(0)).to_ascii_lowercase();
        return Err(errors::wrong_arity(&name));
    }
    let count = match args.try_get(2) {
        Some(arg) => Some(
            parse::int(arg)
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| errors::err(errors::LPOP_COUNT_NOT_POSITIVE))?,
        ),
        None => None,
    };
    let key = args.get(1);
    let Some(list) = write_list(ctx, key)? else {
        return Ok(if count.is_some() {
            Reply::NilArray
        } else {
            Reply::Nil
        });
    };
    let reply = match count {
        None => {
            let value = list.pop(end).map_or(Reply::Nil, Reply::Bulk);
            ctx.dirty(1);
            value
        }
        Some(0) => return Ok(Reply::Array(Vec::new())),
        Some(count) => {
            let items = pop_many(list, end, count);
            ctx.dirty(items.len() as u64);
            Reply::Array(items)
        }
    };
    after_removal(ctx, key);
    Ok(reply)
}

/// Pops up to `count` elements from `end`, in the order they leave the list.
fn pop_many(list: &mut ListValue, end: End, count: i64) -> Vec<Reply> {
    let take = usize::try_from(count).unwrap_or(usize::MAX).min(list.len());
    let items: Vec<Reply> = match end {
        End::Head => list.range(0, take).map(item_reply).collect(),
        End::Tail => list
            .range_rev(list.len() - 1, take)
            .map(item_reply)
            .collect(),
    };
    list.trim(end, take);
    items
}

/// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: the first non-empty list's name
/// and up to `count` elements popped from it, or a nil array.
pub fn lmpop(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(parse_mpop(args, 1).and_then(|mpop| {
        let keys = mpop.keys.map(|i| args.get(i));
        let popped = pop_first(ctx, keys, mpop.end, mpop.count)?;
        Ok(popped.map_or(Reply::NilArray, |(key, items)| {
            Reply::Array(vec![Reply::bulk(key), Reply::Array(items)])
        }))
    }))
}

/// The arguments of LMPOP and BLMPOP after their numkeys.
pub(crate) struct MpopArgs {
    /// Where the keys are among the arguments.
    pub(crate) keys: Range<usize>,
    /// The end popped from.
    pub(crate) end: End,
    /// How many elements at most (1 without COUNT).
    pub(crate) count: i64,
}

/// Parses `numkeys key [key ...] LEFT|RIGHT [COUNT count]` from argument `numkeys_at` to the
/// end, in Redis's order: numkeys, the end keyword, then the options.
pub(crate) fn parse_mpop(args: Args<'_>, numkeys_at: usize) -> Result<MpopArgs, Reply> {
    let numkeys = parse::int(args.get(numkeys_at))
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| errors::err(errors::LMPOP_NUMKEYS_NOT_POSITIVE))?;
    let where_index = usize::try_from(numkeys)
        .ok()
        .and_then(|n| n.checked_add(numkeys_at + 1))
        .filter(|i| *i < args.len())
        .ok_or_else(|| errors::err(errors::SYNTAX))?;
    let end = parse_end(args.get(where_index))?;
    let mut count = None;
    let mut i = where_index + 1;
    while i < args.len() {
        let has_value = i + 1 < args.len();
        if count.is_none() && parse::is(args.get(i), "count") && has_value {
            let value = parse::int(args.get(i + 1))
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| errors::err(errors::LMPOP_COUNT_NOT_POSITIVE))?;
            count = Some(value);
            i += 2;
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
    }
    Ok(MpopArgs {
        keys: numkeys_at + 1..where_index,
        end,
        count: count.unwrap_or(1),
    })
}

/// The key popped from and its elements, in the order they left the list.
pub(crate) type Popped<'k> = (&'k [u8], Vec<Reply>);

/// Pops up to `count` elements from `end` of the first of `keys` holding a non-empty list:
/// that key and the elements in the order they left, or `None` when every key is missing;
/// WRONGTYPE when a key before that holds another type.
pub(crate) fn pop_first<'k>(
    ctx: &mut ShardCtx<'_>,
    keys: impl IntoIterator<Item = &'k [u8]>,
    end: End,
    count: i64,
) -> Result<Option<Popped<'k>>, Reply> {
    for key in keys {
        let Some(list) = write_list(ctx, key)? else {
            continue;
        };
        if list.is_empty() {
            continue;
        }
        let items = pop_many(list, end, count);
        ctx.dirty(items.len() as u64);
        after_removal(ctx, key);
        return Ok(Some((key, items)));
    }
    Ok(None)
}
