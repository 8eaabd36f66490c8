//! ZREM and the ZREMRANGEBY* commands.

use engine::ZSetValue;
use resp::Reply;

use super::bounds;
use crate::families::access;
use crate::parse;
use crate::{Args, ShardCtx};

/// ZREM key member [member ...]
pub fn zrem(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let key = args.get(1);
    let zset = match access::write::<ZSetValue>(ctx, key) {
        Ok(Some(zset)) => zset,
        Ok(None) => return Reply::Int(0),
        Err(e) => return e,
    };
    let mut removed = 0;
    for member in args.iter_from(2) {
        if zset.remove(member).is_some() {
            removed += 1;
            if zset.is_empty() {
                break;
            }
        }
    }
    access::drop_if_empty(ctx, key);
    ctx.dirty(removed);
    Reply::Int(removed as i64)
}

/// ZREMRANGEBYRANK key start stop
pub fn zremrangebyrank(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let (start, stop) = match (parse::int(args.get(2)), parse::int(args.get(3))) {
        (Ok(start), Ok(stop)) => (start, stop),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    remove_ranks(ctx, args.get(1), |zset| {
        bounds::rank_span(start, stop, zset.len()).unwrap_or((0, 0))
    })
}

/// ZREMRANGEBYSCORE key min max
pub fn zremrangebyscore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let (min, max) = match bounds::score_range(args.get(2), args.get(3)) {
        Ok(range) => range,
        Err(e) => return e,
    };
    remove_ranks(ctx, args.get(1), |zset| {
        (zset.score_rank_start(min), zset.score_rank_end(max))
    })
}

/// ZREMRANGEBYLEX key min max
pub fn zremrangebylex(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let (min, max) = match bounds::lex_range(args.get(2), args.get(3)) {
        Ok(range) => range,
        Err(e) => return e,
    };
    remove_ranks(ctx, args.get(1), |zset| {
        (zset.lex_rank_start(&min), zset.lex_rank_end(&max))
    })
}

/// Removes the ranks `span` picks (start..end) and replies how many went.
fn remove_ranks(
    ctx: &mut ShardCtx<'_>,
    key: &[u8],
    span: impl FnOnce(&ZSetValue) -> (usize, usize),
) -> Reply {
    let zset = match access::write::<ZSetValue>(ctx, key) {
        Ok(Some(zset)) => zset,
        Ok(None) => return Reply::Int(0),
        Err(e) => return e,
    };
    let (start, end) = span(zset);
    let removed = if start < end {
        zset.remove_range(start, end)
    } else {
        0
    };
    access::drop_if_empty(ctx, key);
    ctx.dirty(removed as u64);
    Reply::Int(removed as i64)
}
