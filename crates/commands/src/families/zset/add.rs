//! ZADD and ZINCRBY: `zaddGenericCommand`'s option rules, checks and replies.

use engine::ZSetValue;
use resp::Reply;

use super::insert_scored;
use crate::families::access;
use crate::parse;
use crate::{errors, Args, ShardCtx};

/// ZADD's flags.
#[derive(Debug, Default, Clone, Copy)]
struct AddFlags {
    nx: bool,
    xx: bool,
    gt: bool,
    lt: bool,
    ch: bool,
    incr: bool,
}

/// What one member's update did.
enum Outcome {
    Added(f64),
    Updated(f64),
    /// Processed without a change (same score): INCR still replies with it.
    Unchanged(f64),
    /// Skipped by NX, XX, GT or LT.
    Skipped,
}

/// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]
pub fn zadd(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let mut flags = AddFlags::default();
    let mut first = 2;
    while let Some(arg) = args.try_get(first) {
        let flag = match arg.to_ascii_lowercase().as_slice() {
            b"nx" => &mut flags.nx,
            b"xx" => &mut flags.xx,
            b"gt" => &mut flags.gt,
            b"lt" => &mut flags.lt,
            b"ch" => &mut flags.ch,
            b"incr" => &mut flags.incr,
            _ => break,
        };
        *flag = true;
        first += 1;
    }
    add_generic(ctx, args, first, flags)
}

/// ZINCRBY key increment member
pub fn zincrby(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let flags = AddFlags {
        incr: true,
        ..AddFlags::default()
    };
    add_generic(ctx, args, 2, flags)
}

fn add_generic(ctx: &mut ShardCtx<'_>, args: Args<'_>, first: usize, flags: AddFlags) -> Reply {
    let elements = args.len() - first;
    if elements == 0 || elements % 2 != 0 {
        return errors::err(errors::SYNTAX);
    }
    if flags.nx && flags.xx {
        return errors::err(errors::ZADD_NX_XX);
    }
    if ((flags.gt || flags.lt) && flags.nx) || (flags.gt && flags.lt) {
        return errors::err(errors::ZADD_GT_LT_NX);
    }
    if flags.incr && elements > 2 {
        return errors::err(errors::ZADD_INCR_PAIRS);
    }
    let mut pairs = Vec::with_capacity(elements / 2);
    for i in (first..args.len()).step_by(2) {
        match parse::float(args.get(i)) {
            Ok(score) => pairs.push((score, args.get(i + 1))),
            Err(e) => return e,
        }
    }
    let key = args.get(1);
    let (added, updated, last) = match apply(ctx, key, &pairs, flags) {
        Ok(counts) => counts,
        Err(e) => return e,
    };
    ctx.dirty((added + updated) as u64);
    if flags.incr {
        last.map_or(Reply::Nil, Reply::Double)
    } else {
        Reply::Int((added + if flags.ch { updated } else { 0 }) as i64)
    }
}

/// Applies the pairs; returns how many members were added and updated, and the score of the
/// last member processed (what INCR replies).
fn apply(
    ctx: &mut ShardCtx<'_>,
    key: &[u8],
    pairs: &[(f64, &[u8])],
    flags: AddFlags,
) -> Result<(usize, usize, Option<f64>), Reply> {
    let exists = access::write::<ZSetValue>(ctx, key)?.is_some();
    if !exists && flags.xx {
        return Ok((0, 0, None));
    }
    let limits = ctx.shard.settings.limits;
    let zset = access::write_or_create(ctx, key, |_| ZSetValue::new())?;
    let (mut added, mut updated, mut last) = (0, 0, None);
    let mut failure = None;
    for &(score, member) in pairs {
        match add_one(zset, member, score, flags, &limits) {
            Ok(Outcome::Added(s)) => (added, last) = (added + 1, Some(s)),
            Ok(Outcome::Updated(s)) => (updated, last) = (updated + 1, Some(s)),
            Ok(Outcome::Unchanged(s)) => last = Some(s),
            Ok(Outcome::Skipped) => {}
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    // NX on an existing member of a new key cannot happen, but an INCR that fails can leave
    // a key created for nothing: Redis never keeps it empty.
    access::drop_if_empty(ctx, key);
    match failure {
        Some(e) => Err(e),
        None => Ok((added, updated, last)),
    }
}

/// `zsetAdd`: one member's update under the flags.
fn add_one(
    zset: &mut ZSetValue,
    member: &[u8],
    score: f64,
    flags: AddFlags,
    limits: &engine::EncodingLimits,
) -> Result<Outcome, Reply> {
    let Some(current) = zset.score(member) else {
        if flags.xx {
            return Ok(Outcome::Skipped);
        }
        insert_scored(zset, member, score, limits);
        return Ok(Outcome::Added(score));
    };
    if flags.nx {
        return Ok(Outcome::Skipped);
    }
    let score = if flags.incr {
        let sum = current + score;
        if sum.is_nan() {
            return Err(errors::err(errors::ZSET_SCORE_NAN));
        }
        sum
    } else {
        score
    };
    if (flags.lt && score >= current) || (flags.gt && score <= current) {
        return Ok(Outcome::Skipped);
    }
    if score == current {
        return Ok(Outcome::Unchanged(score));
    }
    insert_scored(zset, member, score, limits);
    Ok(Outcome::Updated(score))
}
