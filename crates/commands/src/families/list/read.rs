//! Reads: LLEN, LRANGE, LINDEX, LPOS.

use engine::{ListValue, PackItem};
use resp::Reply;

use super::{clamp_range, either, item_reply};
use crate::families::access;
use crate::{errors, parse, Args, ShardCtx};

/// LLEN key: the number of elements, 0 for a missing key.
pub fn llen(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(
        access::read::<ListValue>(ctx, args.get(1))
            .map(|list| Reply::Int(list.map_or(0, |l| l.len() as i64))),
    )
}

/// LRANGE key start stop: the elements between two indexes, both inclusive, negative ones
/// counting from the tail.
pub fn lrange(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(lrange_inner(ctx, args))
}

fn lrange_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let start = parse::int(args.get(2))?;
    let end = parse::int(args.get(3))?;
    let Some(list) = access::read::<ListValue>(ctx, args.get(1))? else {
        return Ok(Reply::Array(Vec::new()));
    };
    let items = match clamp_range(start, end, list.len()) {
        Some((first, count)) => {
            // Sized up front: the iterator cannot tell its length, and regrowing the reply
            // costs more than the elements themselves.
            let mut items = Vec::with_capacity(count);
            items.extend(list.range(first, count).map(item_reply));
            items
        }
        None => Vec::new(),
    };
    Ok(Reply::Array(items))
}

/// LINDEX key index: the element at an index (negative from the tail), or nil.
pub fn lindex(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(lindex_inner(ctx, args))
}

fn lindex_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    // Redis looks the key up before it reads the index: a missing key is nil whatever the
    // index says.
    let Some(list) = access::read::<ListValue>(ctx, args.get(1))? else {
        return Ok(Reply::Nil);
    };
    let index = parse::int(args.get(2))?;
    Ok(list.get(index).map_or(Reply::Nil, item_reply))
}

/// LPOS's options.
struct LposOptions {
    /// Which match to start from; negative searches from the tail.
    rank: i64,
    /// COUNT: `None` when not given (a single index or nil is answered), 0 for all matches.
    count: Option<i64>,
    /// MAXLEN: how many elements to compare at most, 0 for all.
    maxlen: i64,
}

impl LposOptions {
    fn parse(args: Args<'_>) -> Result<LposOptions, Reply> {
        let mut options = LposOptions {
            rank: 1,
            count: None,
            maxlen: 0,
        };
        let mut i = 3;
        while i < args.len() {
            let option = args.get(i);
            let value = args.try_get(i + 1);
            match value {
                Some(value) if parse::is(option, "rank") => {
                    options.rank = parse::int(value)?;
                    if options.rank == 0 {
                        return Err(errors::err(errors::LPOS_RANK_ZERO));
                    }
                }
                Some(value) if parse::is(option, "count") => {
                    options.count = Some(non_negative(value, errors::LPOS_COUNT_NEGATIVE)?);
                }
                Some(value) if parse::is(option, "maxlen") => {
                    options.maxlen = non_negative(value, errors::LPOS_MAXLEN_NEGATIVE)?;
                }
                _ => return Err(errors::err(errors::SYNTAX)),
            }
            i += 2;
        }
        Ok(options)
    }
}

fn non_negative(arg: &[u8], error: &'static str) -> Result<i64, Reply> {
    parse::int(arg)
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| errors::err(error))
}

/// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]: the index of a match, or
/// with COUNT an array of the indexes of several.
pub fn lpos(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(lpos_inner(ctx, args))
}

fn lpos_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let options = LposOptions::parse(args)?;
    let Some(list) = access::read::<ListValue>(ctx, args.get(1))? else {
        return Ok(match options.count {
            Some(_) => Reply::Array(Vec::new()),
            None => Reply::Nil,
        });
    };
    let needle = PackItem::from_bytes(args.get(2));
    let len = list.len();
    let from_tail = options.rank < 0;
    // Redis negates the rank in a C long: -LONG_MIN stays LONG_MIN, so every match then
    // counts as past the rank. Wrapping arithmetic keeps that behaviour.
    let rank = if from_tail {
        options.rank.wrapping_neg()
    } else {
        options.rank
    };
    let items: Box<dyn Iterator<Item = PackItem<'_>>> = if from_tail {
        Box::new(list.iter().rev())
    } else {
        Box::new(list.iter())
    };
    let scan = match options.maxlen {
        0 => len,
        maxlen => usize::try_from(maxlen).unwrap_or(usize::MAX).min(len),
    };
    let mut matches: i64 = 0;
    let mut found = Vec::new();
    for (seen, item) in items.take(scan).enumerate() {
        if item != needle {
            continue;
        }
        matches += 1;
        if matches < rank {
            continue;
        }
        let index = if from_tail { len - seen - 1 } else { seen } as i64;
        match options.count {
            None => return Ok(Reply::Int(index)),
            Some(count) => {
                found.push(Reply::Int(index));
                if count != 0 && matches.wrapping_sub(rank).wrapping_add(1) >= count {
                    break;
                }
            }
        }
    }
    Ok(match options.count {
        Some(_) => Reply::Array(found),
        None => Reply::Nil,
    })
}
