//! ZRANGE with its BYSCORE, BYLEX, REV, LIMIT and WITHSCORES options, the legacy forms
//! (ZRANGEBYSCORE, ZREVRANGE, ...) and ZRANGESTORE: one parser, as Redis's
//! `zrangeGenericCommand`, so that options and their errors agree everywhere.

use engine::zset::{LexBound, ScoreBound};
use engine::{Value, ZSetValue};
use resp::Reply;

use super::{bounds, build_zset, scored_reply, Scored};
use crate::families::access;
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// The kind of range, fixed by the command or chosen by ZRANGE's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    /// Not yet chosen (ZRANGE, ZRANGESTORE): ranks unless BYSCORE or BYLEX.
    Auto,
    Rank,
    Score,
    Lex,
}

/// A parsed range.
enum Span {
    Rank(i64, i64),
    Score(ScoreBound, ScoreBound),
    Lex(LexBound, LexBound),
}

/// A parsed range request.
struct RangeQuery {
    span: Span,
    rev: bool,
    withscores: bool,
    /// LIMIT offset: members of the range to skip (a negative one skips them all).
    offset: i64,
    /// LIMIT count: members to return at most; negative for all.
    limit: i64,
}

/// ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
pub fn zrange(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    range_reply(ctx, args, By::Auto, None)
}

/// ZREVRANGE key start stop [WITHSCORES]
pub fn zrevrange(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    range_reply(ctx, args, By::Rank, Some(true))
}

/// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
pub fn zrangebyscore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    range_reply(ctx, args, By::Score, Some(false))
}

/// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
pub fn zrevrangebyscore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    range_reply(ctx, args, By::Score, Some(true))
}

/// ZRANGEBYLEX key min max [LIMIT offset count]
pub fn zrangebylex(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    range_reply(ctx, args, By::Lex, Some(false))
}

/// ZREVRANGEBYLEX key max min [LIMIT offset count]
pub fn zrevrangebylex(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    range_reply(ctx, args, By::Lex, Some(true))
}

/// ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]
pub fn zrangestore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let query = match parse_query(args, 2, true, By::Auto, None) {
        Ok(query) => query,
        Err(e) => return e,
    };
    let items = match access::read::<ZSetValue>(ctx, args.get(2)) {
        Ok(zset) => zset.map(|z| collect(z, &query)).unwrap_or_default(),
        Err(e) => return e,
    };
    let count = items.len();
    let zset = build_zset(&items, &ctx.shard.settings.limits);
    let existed = access::store(ctx, args.get(1), Value::ZSet(zset));
    if count > 0 || existed {
        ctx.dirty(1);
    }
    Reply::Int(count as i64)
}

fn range_reply(ctx: &mut ShardCtx<'_>, args: Args<'_>, by: By, rev: Option<bool>) -> Reply {
    let query = match parse_query(args, 1, false, by, rev) {
        Ok(query) => query,
        Err(e) => return e,
    };
    match access::read::<ZSetValue>(ctx, args.get(1)) {
        Ok(Some(zset)) => scored_reply(collect(zset, &query), query.withscores),
        Ok(None) => Reply::Array(Vec::new()),
        Err(e) => e,
    }
}

/// Parses the arguments after the source key at `key_at`: options first, then the range
/// itself, as Redis does (so an unknown option wins over a bad bound).
fn parse_query(
    args: Args<'_>,
    key_at: usize,
    store: bool,
    mut by: By,
    rev: Option<bool>,
) -> Result<RangeQuery, Reply> {
    let (mut reverse, mut withscores, mut offset, mut limit) = (rev, false, 0, -1);
    let mut i = key_at + 3;
    while let Some(arg) = args.try_get(i) {
        let left = args.len() - i - 1;
        if !store && is(arg, "withscores") {
            withscores = true;
        } else if is(arg, "limit") && left >= 2 {
            offset = parse::int(args.get(i + 1))?;
            limit = parse::int(args.get(i + 2))?;
            i += 2;
        } else if reverse.is_none() && is(arg, "rev") {
            reverse = Some(true);
        } else if by == By::Auto && is(arg, "bylex") {
            by = By::Lex;
        } else if by == By::Auto && is(arg, "byscore") {
            by = By::Score;
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        i += 1;
    }
    let rev = reverse.unwrap_or(false);
    let by = if by == By::Auto { By::Rank } else { by };
    if limit != -1 && by == By::Rank {
        return Err(errors::err(errors::ZRANGE_LIMIT_NEEDS_BY));
    }
    if withscores && by == By::Lex {
        return Err(errors::err(errors::ZRANGE_WITHSCORES_BYLEX));
    }
    let (mut low, mut high) = (args.get(key_at + 1), args.get(key_at + 2));
    if rev && by != By::Rank {
        // Score and lex ranges are given as `max min` when reversed.
        std::mem::swap(&mut low, &mut high);
    }
    let span = match by {
        By::Score => bounds::score_range(low, high).map(|(a, b)| Span::Score(a, b))?,
        By::Lex => bounds::lex_range(low, high).map(|(a, b)| Span::Lex(a, b))?,
        By::Rank | By::Auto => Span::Rank(parse::int(low)?, parse::int(high)?),
    };
    Ok(RangeQuery {
        span,
        rev,
        withscores: withscores || store,
        offset,
        limit,
    })
}

/// The members (and scores) of the query's range, in reply order.
fn collect(zset: &ZSetValue, query: &RangeQuery) -> Vec<Scored> {
    let (start, end) = match &query.span {
        Span::Rank(start, stop) => {
            let Some((start, end)) = bounds::rank_span(*start, *stop, zset.len()) else {
                return Vec::new();
            };
            if query.rev {
                // Reverse ranks count from the highest member.
                let len = zset.len();
                return visit(zset, len - end, len - start, true);
            }
            return visit(zset, start, end, false);
        }
        Span::Score(min, max) => (zset.score_rank_start(*min), zset.score_rank_end(*max)),
        Span::Lex(min, max) => (zset.lex_rank_start(min), zset.lex_rank_end(max)),
    };
    window(zset, start, end, query)
}

/// Ranks `start..end` after LIMIT: skip `offset` from the starting end, keep `limit`.
fn window(zset: &ZSetValue, start: usize, end: usize, query: &RangeQuery) -> Vec<Scored> {
    if query.offset < 0 || start >= end {
        return Vec::new();
    }
    let skip = usize::try_from(query.offset).unwrap_or(usize::MAX);
    let take = usize::try_from(query.limit).unwrap_or(usize::MAX);
    let len = end - start;
    if skip >= len {
        return Vec::new();
    }
    let take = take.min(len - skip);
    if query.rev {
        visit(zset, end - skip - take, end - skip, true)
    } else {
        visit(zset, start + skip, start + skip + take, false)
    }
}

fn visit(zset: &ZSetValue, start: usize, end: usize, rev: bool) -> Vec<Scored> {
    let mut items = Vec::with_capacity(end.saturating_sub(start));
    zset.visit_range(start, end, rev, |member, score| {
        items.push((member.to_vec(), score))
    });
    items
}
