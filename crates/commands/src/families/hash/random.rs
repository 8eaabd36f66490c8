//! HRANDFIELD key [count [WITHVALUES]].

use std::collections::HashSet;

use engine::rng::SplitMix64;
use engine::{HashValue, PackItem};
use resp::Reply;

use super::{either, item_reply};
use crate::families::access::read;
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// Above this many picks out of three, a distinct sample is drawn by shuffling every pair;
/// below, by drawing random pairs until enough distinct ones come up (Redis's cases 3 and 4).
const SHUFFLE_RATIO: usize = 3;

/// HRANDFIELD key [count [WITHVALUES]]: one random field (nil when the key is missing), or
/// `count` of them: distinct when positive, possibly repeated when negative.
pub fn hrandfield(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(hrandfield_inner(ctx, args))
}

fn hrandfield_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    // The hash is borrowed from the context below: draw the randomness first.
    let mut rng = SplitMix64::new(ctx.shard.next_random());
    if args.len() < 3 {
        let Some(hash) = read::<HashValue>(ctx, args.get(1))? else {
            return Ok(Reply::Nil);
        };
        let field = hash.random_pair(rng.next_u64()).map(|(field, _)| field);
        return Ok(field.map_or(Reply::Nil, item_reply));
    }
    let (count, with_values) = parse_count(args)?;
    let Some(hash) = read::<HashValue>(ctx, args.get(1))? else {
        return Ok(Reply::Array(Vec::new()));
    };
    let picks = match count {
        0 => Vec::new(),
        // Negative: `-count` independent draws. One distinct field is one draw too.
        count if count < 0 || count == 1 => (0..count.unsigned_abs())
            .filter_map(|_| hash.random_pair(rng.next_u64()))
            .collect(),
        count => distinct_pairs(hash, count.unsigned_abs(), &mut rng),
    };
    Ok(picks_reply(picks, with_values))
}

/// The count and WITHVALUES, with Redis's checks in its order.
fn parse_count(args: Args<'_>) -> Result<(i64, bool), Reply> {
    let count = parse::int(args.get(2))?;
    if count == i64::MIN {
        return Err(errors::err(errors::RANDFIELD_COUNT_OUT_OF_RANGE));
    }
    let with_values = match args.try_get(3) {
        None => false,
        Some(option) if args.len() == 4 && is(option, "withvalues") => true,
        Some(_) => return Err(errors::err(errors::SYNTAX)),
    };
    // Twice the count must still fit: the RESP2 reply has two entries per pick.
    if with_values && count.unsigned_abs() > (i64::MAX / 2) as u64 {
        return Err(errors::err(errors::RANDFIELD_WITHVALUES_OUT_OF_RANGE));
    }
    Ok((count, with_values))
}

/// `count` distinct pairs, or the whole hash in its own order when it has no more.
fn distinct_pairs<'h>(
    hash: &'h HashValue,
    count: u64,
    rng: &mut SplitMix64,
) -> Vec<(PackItem<'h>, PackItem<'h>)> {
    let size = hash.len();
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    if count >= size {
        return hash.iter().collect();
    }
    if count.saturating_mul(SHUFFLE_RATIO) > size {
        // A partial Fisher-Yates shuffle: the first `count` slots end up a uniform sample.
        let mut all: Vec<_> = hash.iter().collect();
        for i in 0..count {
            let j = i + (rng.next_u64() % (size - i) as u64) as usize;
            all.swap(i, j);
        }
        all.truncate(count);
        return all;
    }
    let mut seen: HashSet<Vec<u8>> = HashSet::with_capacity(count);
    let mut picks = Vec::with_capacity(count);
    while picks.len() < count {
        let Some((field, value)) = hash.random_pair(rng.next_u64()) else {
            break;
        };
        if seen.insert(field.to_vec()) {
            picks.push((field, value));
        }
    }
    picks
}

/// Fields only, or field-value pairs (flat in RESP2, nested in RESP3).
fn picks_reply(picks: Vec<(PackItem<'_>, PackItem<'_>)>, with_values: bool) -> Reply {
    if with_values {
        Reply::Pairs(
            picks
                .into_iter()
                .map(|(field, value)| (item_reply(field), item_reply(value)))
                .collect(),
        )
    } else {
        Reply::Array(
            picks
                .into_iter()
                .map(|(field, _)| item_reply(field))
                .collect(),
        )
    }
}
