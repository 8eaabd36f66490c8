//! ZRANDMEMBER: `zrandmemberWithCountCommand`'s four cases.

use std::collections::HashSet;

use engine::rng::SplitMix64;
use engine::ZSetValue;
use resp::Reply;

use super::{member_reply, scored_reply, Scored};
use crate::families::access;
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// Largest |count| with WITHSCORES: Redis refuses counts whose doubled reply length would
/// overflow (`LONG_MAX / 2`).
const WITHSCORES_COUNT_MAX: i64 = i64::MAX / 2;

/// ZRANDMEMBER key [count [WITHSCORES]]
pub fn zrandmember(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let key = args.get(1);
    let Some(count) = args.try_get(2) else {
        let seed = ctx.shard.next_random();
        return match access::read::<ZSetValue>(ctx, key) {
            Ok(Some(zset)) => zset
                .random(seed)
                .map_or(Reply::Nil, |(member, _)| Reply::bulk(member)),
            Ok(None) => Reply::Nil,
            Err(e) => e,
        };
    };
    let count = match parse::int(count) {
        Ok(i64::MIN) => return errors::err(errors::ZRANDMEMBER_COUNT_RANGE),
        Ok(count) => count,
        Err(e) => return e,
    };
    let withscores = match args.try_get(3) {
        _ if args.len() > 4 => return errors::err(errors::SYNTAX),
        None => false,
        Some(arg) if is(arg, "withscores") => true,
        Some(_) => return errors::err(errors::SYNTAX),
    };
    if withscores && !(-WITHSCORES_COUNT_MAX..=WITHSCORES_COUNT_MAX).contains(&count) {
        return errors::err(errors::ZRANDMEMBER_WITHSCORES_RANGE);
    }
    let mut rng = SplitMix64::new(ctx.shard.next_random());
    let zset = match access::read::<ZSetValue>(ctx, key) {
        Ok(Some(zset)) => zset,
        Ok(None) => return Reply::Array(Vec::new()),
        Err(e) => return e,
    };
    let picked = pick(zset, count, &mut rng);
    if withscores {
        scored_reply(picked, true)
    } else {
        Reply::Array(picked.into_iter().map(|(m, _)| member_reply(m)).collect())
    }
}

/// The members a count picks: `|count|` with repeats when negative (or 1), the whole set
/// (highest first) when it asks for at least as many, else `count` distinct ones in random order.
fn pick(zset: &ZSetValue, count: i64, rng: &mut SplitMix64) -> Vec<Scored> {
    let len = zset.len();
    let at = |rank: usize| zset.get_by_rank(rank).map(|(m, s)| (m.to_vec(), s));
    if count == 0 || len == 0 {
        return Vec::new();
    }
    if count < 0 || count == 1 {
        let n = count.unsigned_abs();
        return (0..n).filter_map(|_| at(rng.below(len))).collect();
    }
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    if count >= len {
        // Redis's set iterator walks from the highest member down.
        let mut all = Vec::with_capacity(len);
        zset.visit_range(0, len, true, |m, s| all.push((m.to_vec(), s)));
        return all;
    }
    if count.saturating_mul(3) > len {
        // Many of them: shuffle the first `count` ranks into place.
        let mut ranks: Vec<usize> = (0..len).collect();
        for i in 0..count {
            let j = i + rng.below(len - i);
            ranks.swap(i, j);
        }
        return ranks[..count].iter().filter_map(|&r| at(r)).collect();
    }
    let mut seen = HashSet::with_capacity(count);
    let mut picked = Vec::with_capacity(count);
    while picked.len() < count {
        let rank = rng.below(len);
        if seen.insert(rank) {
            picked.extend(at(rank));
        }
    }
    picked
}
