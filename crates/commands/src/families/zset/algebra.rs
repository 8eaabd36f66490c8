//! ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD, as Redis's
//! `zunionInterDiffGenericCommand`: inputs may be sorted sets or plain sets (members scoring
//! 1), checked for type before the options are parsed; the result is sorted by score.

use std::cmp::Ordering;
use std::collections::HashMap;

use engine::{SetValue, Value};
use resp::Reply;

use super::{build_zset, scored_reply, Scored};
use crate::families::access;
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// The set operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Union,
    Inter,
    Diff,
}

/// How the scores of a member found in several inputs combine (AGGREGATE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aggregate {
    Sum,
    Min,
    Max,
}

/// What a command wants back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// The members (ZUNION, ZINTER, ZDIFF), WITHSCORES allowed.
    Reply,
    /// Stored under the key at argument 1 (the STORE forms).
    Store,
    /// Only how many (ZINTERCARD), LIMIT allowed.
    Cardinality,
}

/// One input set: its members and scores, and its weight.
struct Input {
    items: Vec<Scored>,
    weight: f64,
}

/// The options after the keys.
#[derive(Debug, Clone, Copy)]
struct Options {
    aggregate: Aggregate,
    withscores: bool,
    /// ZINTERCARD's LIMIT; 0 for none.
    limit: u64,
}

/// ZUNION numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
pub fn zunion(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    run(ctx, args, Op::Union, Output::Reply, "zunion")
}

/// ZINTER numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
pub fn zinter(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    run(ctx, args, Op::Inter, Output::Reply, "zinter")
}

/// ZDIFF numkeys key [key ...] [WITHSCORES]
pub fn zdiff(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    run(ctx, args, Op::Diff, Output::Reply, "zdiff")
}

/// ZUNIONSTORE dst numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX]
pub fn zunionstore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    run(ctx, args, Op::Union, Output::Store, "zunionstore")
}

/// ZINTERSTORE dst numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX]
pub fn zinterstore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    run(ctx, args, Op::Inter, Output::Store, "zinterstore")
}

/// ZDIFFSTORE dst numkeys key [key ...]
pub fn zdiffstore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    run(ctx, args, Op::Diff, Output::Store, "zdiffstore")
}

/// ZINTERCARD numkeys key [key ...] [LIMIT limit]
pub fn zintercard(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    run(ctx, args, Op::Inter, Output::Cardinality, "zintercard")
}

fn run(ctx: &mut ShardCtx<'_>, args: Args<'_>, op: Op, output: Output, name: &str) -> Reply {
    match compute(ctx, args, op, output, name) {
        Ok(reply) => reply,
        Err(e) => e,
    }
}

fn compute(
    ctx: &mut ShardCtx<'_>,
    args: Args<'_>,
    op: Op,
    output: Output,
    name: &str,
) -> Result<Reply, Reply> {
    let numkeys_at = if output == Output::Store { 2 } else { 1 };
    let numkeys = parse::int(args.get(numkeys_at))?;
    if numkeys < 1 {
        return Err(errors::zset_at_least_one_key(name));
    }
    let first_key = numkeys_at + 1;
    if numkeys > (args.len() - first_key) as i64 {
        return Err(errors::err(errors::SYNTAX));
    }
    let keys_end = first_key + numkeys as usize;
    let mut inputs = Vec::with_capacity(numkeys as usize);
    for i in first_key..keys_end {
        let items = load(ctx, args.get(i))?;
        inputs.push(Input { items, weight: 1.0 });
    }
    let options = parse_options(args, keys_end, op, output, &mut inputs)?;
    if output == Output::Cardinality {
        return Ok(Reply::Int(intersect(&inputs, options, true).1 as i64));
    }
    let mut result = match op {
        Op::Union => union(&inputs, options.aggregate),
        Op::Inter => intersect(&inputs, options, false).0,
        Op::Diff => difference(&inputs),
    };
    result.sort_by(|(m1, s1), (m2, s2)| {
        s1.partial_cmp(s2)
            .unwrap_or(Ordering::Equal)
            .then_with(|| m1.cmp(m2))
    });
    if output == Output::Reply {
        return Ok(scored_reply(result, options.withscores));
    }
    let count = result.len();
    let zset = build_zset(&result, &ctx.shard.settings.limits);
    let existed = access::store(ctx, args.get(1), Value::ZSet(zset));
    if count > 0 || existed {
        ctx.dirty(1);
    }
    Ok(Reply::Int(count as i64))
}

/// The members and scores under `key` as an input: empty when missing, WRONGTYPE unless a
/// sorted set or a set. Counts as a read, as Redis's `lookupKeyRead`.
fn load(ctx: &mut ShardCtx<'_>, key: &[u8]) -> Result<Vec<Scored>, Reply> {
    let loaded = access::entry(ctx, key).map(|entry| match &entry.value {
        Value::ZSet(zset) => Ok(zset.iter().map(|(m, s)| (m.to_vec(), s)).collect()),
        Value::Set(set) => set_input(set),
        _ => Err(errors::err(errors::WRONG_TYPE)),
    });
    ctx.count_read(loaded.is_some());
    loaded.unwrap_or(Ok(Vec::new()))
}

/// A plain set as an input: every member with score 1, as Redis's `zuiNext` reads sets.
fn set_input(set: &SetValue) -> Result<Vec<Scored>, Reply> {
    Ok(set.iter().map(|member| (member.to_vec(), 1.0)).collect())
}

/// WEIGHTS, AGGREGATE, WITHSCORES and LIMIT, each where the command allows it.
fn parse_options(
    args: Args<'_>,
    mut i: usize,
    op: Op,
    output: Output,
    inputs: &mut [Input],
) -> Result<Options, Reply> {
    let mut options = Options {
        aggregate: Aggregate::Sum,
        withscores: false,
        limit: 0,
    };
    let weighted = op != Op::Diff && output != Output::Cardinality;
    while let Some(arg) = args.try_get(i) {
        let left = args.len() - i;
        if weighted && left > inputs.len() && is(arg, "weights") {
            for (n, input) in inputs.iter_mut().enumerate() {
                input.weight = parse::float(args.get(i + 1 + n))
                    .map_err(|_| errors::err(errors::ZSET_WEIGHT_NOT_FLOAT))?;
            }
            i += 1 + inputs.len();
        } else if weighted && left >= 2 && is(arg, "aggregate") {
            options.aggregate = match args.get(i + 1).to_ascii_lowercase().as_slice() {
                b"sum" => Aggregate::Sum,
                b"min" => Aggregate::Min,
                b"max" => Aggregate::Max,
                _ => return Err(errors::err(errors::SYNTAX)),
            };
            i += 2;
        } else if output == Output::Reply && is(arg, "withscores") {
            options.withscores = true;
            i += 1;
        } else if output == Output::Cardinality && left >= 2 && is(arg, "limit") {
            options.limit = match parse::int(args.get(i + 1)) {
                Ok(limit) if limit >= 0 => limit as u64,
                _ => return Err(errors::err(errors::ZINTERCARD_LIMIT_NEGATIVE)),
            };
            i += 2;
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
    }
    Ok(options)
}

/// `zunionInterAggregate`: SUM turns inf + -inf into 0; MIN and MAX keep the current score
/// when the new one is NaN.
fn aggregate(target: &mut f64, value: f64, how: Aggregate) {
    match how {
        Aggregate::Sum => {
            *target += value;
            if target.is_nan() {
                *target = 0.0;
            }
        }
        Aggregate::Min if value < *target => *target = value,
        Aggregate::Max if value > *target => *target = value,
        Aggregate::Min | Aggregate::Max => {}
    }
}

/// Input indices from the smallest input to the largest, equal sizes keeping their order:
/// Redis walks them so, which decides the order of floating-point sums.
fn by_size(inputs: &[Input]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&i| inputs[i].items.len());
    order
}

/// A weighted score, NaN (0 × inf) counting as 0.
fn weighted(score: f64, weight: f64) -> f64 {
    let value = score * weight;
    if value.is_nan() {
        0.0
    } else {
        value
    }
}

fn union(inputs: &[Input], how: Aggregate) -> Vec<Scored> {
    let mut totals: HashMap<&[u8], f64> = HashMap::new();
    for i in by_size(inputs) {
        let input = &inputs[i];
        for (member, score) in &input.items {
            let value = weighted(*score, input.weight);
            totals
                .entry(member.as_slice())
                .and_modify(|total| aggregate(total, value, how))
                .or_insert(value);
        }
    }
    totals
        .into_iter()
        .map(|(member, score)| (member.to_vec(), score))
        .collect()
}

/// The intersection (when `count_only`, only its size, stopping at the LIMIT).
fn intersect(inputs: &[Input], options: Options, count_only: bool) -> (Vec<Scored>, u64) {
    let order = by_size(inputs);
    let Some((&smallest, others)) = order.split_first() else {
        return (Vec::new(), 0);
    };
    let lookups: Vec<(HashMap<&[u8], f64>, f64)> = others
        .iter()
        .map(|&i| {
            let map = inputs[i].items.iter().map(|(m, s)| (m.as_slice(), *s));
            (map.collect(), inputs[i].weight)
        })
        .collect();
    let (mut found, mut count) = (Vec::new(), 0u64);
    let first = &inputs[smallest];
    'members: for (member, score) in &first.items {
        let mut total = weighted(*score, first.weight);
        for (lookup, weight) in &lookups {
            let Some(other) = lookup.get(member.as_slice()) else {
                continue 'members;
            };
            // Not NaN-checked before aggregating, as in Redis.
            aggregate(&mut total, other * weight, options.aggregate);
        }
        count += 1;
        if count_only {
            if options.limit > 0 && count >= options.limit {
                break;
            }
        } else {
            found.push((member.clone(), total));
        }
    }
    (found, count)
}

/// The first input's members found in no other input, with their scores.
fn difference(inputs: &[Input]) -> Vec<Scored> {
    let Some((first, others)) = inputs.split_first() else {
        return Vec::new();
    };
    let others: Vec<HashMap<&[u8], f64>> = others
        .iter()
        .map(|input| {
            input
                .items
                .iter()
                .map(|(m, s)| (m.as_slice(), *s))
                .collect()
        })
        .collect();
    first
        .items
        .iter()
        .filter(|(member, _)| !others.iter().any(|o| o.contains_key(member.as_slice())))
        .cloned()
        .collect()
}
