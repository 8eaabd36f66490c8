//! Edits inside a list: LSET, LINSERT, LREM, LTRIM.

use engine::list::End;
use resp::Reply;

use super::{after_removal, clamp_range, either, limits, write_list};
use crate::{errors, parse, Args, ShardCtx};

/// LSET key index element: replaces the element at an index (negative from the tail).
pub fn lset(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(lset_inner(ctx, args))
}

fn lset_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let limits = limits(ctx);
    let list = write_list(ctx, args.get(1))?.ok_or_else(|| errors::err(errors::NO_SUCH_KEY))?;
    let index = parse::int(args.get(2))?;
    if !list.set(index, args.get(3), &limits) {
        return Err(errors::err(errors::LSET_INDEX_OUT_OF_RANGE));
    }
    ctx.dirty(1);
    Ok(Reply::OK)
}

/// LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without
/// the key.
pub fn linsert(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(linsert_inner(ctx, args))
}

fn linsert_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let after = if parse::is(args.get(2), "after") {
        true
    } else if parse::is(args.get(2), "before") {
        false
    } else {
        return Err(errors::err(errors::SYNTAX));
    };
    let limits = limits(ctx);
    let Some(list) = write_list(ctx, args.get(1))? else {
        return Ok(Reply::Int(0));
    };
    match list.insert(args.get(3), args.get(4), after, &limits) {
        Some(len) => {
            ctx.dirty(1);
            Ok(Reply::Int(len as i64))
        }
        None => Ok(Reply::Int(-1)),
    }
}

/// LREM key count element: removes matches (count > 0 from the head, < 0 from the tail, 0
/// all), answering how many went.
pub fn lrem(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(lrem_inner(ctx, args))
}

fn lrem_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let count = parse::int(args.get(2))?;
    let key = args.get(1);
    let Some(list) = write_list(ctx, key)? else {
        return Ok(Reply::Int(0));
    };
    let removed = list.remove(args.get(3), count);
    if removed > 0 {
        ctx.dirty(removed as u64);
        after_removal(ctx, key);
    }
    Ok(Reply::Int(removed as i64))
}

/// LTRIM key start stop: keeps only the elements between two indexes.
pub fn ltrim(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(ltrim_inner(ctx, args))
}

fn ltrim_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let start = parse::int(args.get(2))?;
    let end = parse::int(args.get(3))?;
    let key = args.get(1);
    let Some(list) = write_list(ctx, key)? else {
        return Ok(Reply::OK);
    };
    let len = list.len();
    let (head, tail) = match clamp_range(start, end, len) {
        Some((first, count)) => (first, len - first - count),
        None => (len, 0),
    };
    list.trim(End::Head, head);
    list.trim(End::Tail, tail);
    ctx.dirty((head + tail) as u64);
    after_removal(ctx, key);
    Ok(Reply::OK)
}
