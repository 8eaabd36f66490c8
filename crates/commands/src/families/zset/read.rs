//! Point reads: ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT.

use engine::ZSetValue;
use resp::Reply;

use super::bounds;
use crate::families::access;
use crate::parse::is;
use crate::{errors, Args, ShardCtx};

/// ZCARD key
pub fn zcard(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match access::read::<ZSetValue>(ctx, args.get(1)) {
        Ok(zset) => Reply::Int(zset.map_or(0, |z| z.len() as i64)),
        Err(e) => e,
    }
}

/// ZSCORE key member
pub fn zscore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match access::read::<ZSetValue>(ctx, args.get(1)) {
        Ok(zset) => zset
            .and_then(|z| z.score(args.get(2)))
            .map_or(Reply::Nil, Reply::Double),
        Err(e) => e,
    }
}

/// ZMSCORE key member [member ...]
pub fn zmscore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let zset = match access::read::<ZSetValue>(ctx, args.get(1)) {
        Ok(zset) => zset,
        Err(e) => return e,
    };
    let scores = args
        .iter_from(2)
        .map(|member| {
            zset.as_ref()
                .and_then(|z| z.score(member))
                .map_or(Reply::Nil, Reply::Double)
        })
        .collect();
    Reply::Array(scores)
}

/// ZRANK key member [WITHSCORE]
pub fn zrank(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    rank_generic(ctx, args, false)
}

/// ZREVRANK key member [WITHSCORE]
pub fn zrevrank(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    rank_generic(ctx, args, true)
}

/// Redis 7.2's `zrankGenericCommand`: WITHSCORE replies `[rank, score]`, and a missing
/// member a nil array instead of a nil.
fn rank_generic(ctx: &mut ShardCtx<'_>, args: Args<'_>, reverse: bool) -> Reply {
    if args.len() > 4 {
        return errors::wrong_arity(if reverse { "zrevrank" } else { "zrank" });
    }
    let withscore = match args.try_get(3) {
        None => false,
        Some(arg) if is(arg, "withscore") => true,
        Some(_) => return errors::err(errors::SYNTAX),
    };
    let missing = if withscore {
        Reply::NilArray
    } else {
        Reply::Nil
    };
    let zset = match access::read::<ZSetValue>(ctx, args.get(1)) {
        Ok(Some(zset)) => zset,
        Ok(None) => return missing,
        Err(e) => return e,
    };
    let member = args.get(2);
    let (Some(rank), Some(score)) = (zset.rank(member), zset.score(member)) else {
        return missing;
    };
    let rank = if reverse { zset.len() - 1 - rank } else { rank } as i64;
    if withscore {
        Reply::Array(vec![Reply::Int(rank), Reply::Double(score)])
    } else {
        Reply::Int(rank)
    }
}

/// ZCOUNT key min max
pub fn zcount(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let (min, max) = match bounds::score_range(args.get(2), args.get(3)) {
        Ok(range) => range,
        Err(e) => return e,
    };
    match access::read::<ZSetValue>(ctx, args.get(1)) {
        Ok(Some(zset)) => {
            let (start, end) = (zset.score_rank_start(min), zset.score_rank_end(max));
            Reply::Int(end.saturating_sub(start) as i64)
        }
        Ok(None) => Reply::Int(0),
        Err(e) => e,
    }
}

/// ZLEXCOUNT key min max
pub fn zlexcount(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let (min, max) = match bounds::lex_range(args.get(2), args.get(3)) {
        Ok(range) => range,
        Err(e) => return e,
    };
    match access::read::<ZSetValue>(ctx, args.get(1)) {
        Ok(Some(zset)) => {
            let (start, end) = (zset.lex_rank_start(&min), zset.lex_rank_end(&max));
            Reply::Int(end.saturating_sub(start) as i64)
        }
        Ok(None) => Reply::Int(0),
        Err(e) => e,
    }
}
