//! Set algebra: SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE.
//!
//! The source sets are taken out of the keyspace for the computation (leaving empty sets in
//! their place, for no longer than the command) so that several can be read at once without
//! copying them, then put back before the destination, which may be one of them, is written.

use engine::set::algebra;
use engine::{EncodingLimits, SetValue, Value};
use resp::Reply;

use super::member_reply;
use crate::families::access::{read, store};
use crate::{errors, parse, Args, ShardCtx};

/// Source sets taken out of the keyspace.
struct Taken<'k> {
    /// The distinct keys whose sets were taken, parallel to `sets`.
    keys: Vec<&'k [u8]>,
    /// The taken sets.
    sets: Vec<SetValue>,
    /// For each key argument in order: which taken set it names, `None` for a missing key.
    slots: Vec<Option<usize>>,
}

impl Taken<'_> {
    /// The sets in argument order; a key given twice yields the same reference twice.
    fn refs(&self) -> Vec<Option<&SetValue>> {
        self.slots
            .iter()
            .map(|slot| slot.and_then(|i| self.sets.get(i)))
            .collect()
    }
}

/// Takes the sets under `keys`, with Redis's read lookups (each key counts as a hit or miss,
/// WRONGTYPE at the first key of another type).
fn take_sets<'k>(
    ctx: &mut ShardCtx<'_>,
    keys: impl Iterator<Item = &'k [u8]>,
) -> Result<Taken<'k>, Reply> {
    let mut taken = Taken {
        keys: Vec::new(),
        sets: Vec::new(),
        slots: Vec::new(),
    };
    for key in keys {
        let earlier = taken.keys.iter().position(|k| *k == key);
        let looked_up = read::<SetValue>(ctx, key);
        let slot = match (looked_up, earlier) {
            (Err(e), _) => {
                restore(ctx, taken);
                return Err(e);
            }
            (Ok(_), Some(i)) => Some(i),
            (Ok(None), None) => None,
            (Ok(Some(set)), None) => {
                taken.sets.push(std::mem::take(set));
                taken.keys.push(key);
                Some(taken.sets.len() - 1)
            }
        };
        taken.slots.push(slot);
    }
    Ok(taken)
}

/// Puts taken sets back under their keys.
fn restore(ctx: &mut ShardCtx<'_>, taken: Taken<'_>) {
    let now_ms = ctx.now_ms;
    for (key, set) in taken.keys.into_iter().zip(taken.sets) {
        if let Some(entry) = ctx.db().lookup_no_touch(key, now_ms) {
            if let Value::Set(slot) = &mut entry.value {
                *slot = set;
            }
        }
    }
}

/// Runs `op` over the sets under `keys`, puts them back, and returns what `op` made.
fn with_sets<'k, R>(
    ctx: &mut ShardCtx<'_>,
    keys: impl Iterator<Item = &'k [u8]>,
    op: impl FnOnce(&[Option<&SetValue>], &EncodingLimits) -> R,
) -> Result<R, Reply> {
    let limits = ctx.shard.settings.limits;
    let taken = take_sets(ctx, keys)?;
    let result = op(&taken.refs(), &limits);
    restore(ctx, taken);
    Ok(result)
}

/// Stores a computed set under `dst` (or deletes `dst` when it is empty) and answers its size.
fn store_result(ctx: &mut ShardCtx<'_>, dst: &[u8], result: SetValue) -> Reply {
    let len = result.len();
    let existed = store(ctx, dst, Value::Set(result));
    if len > 0 || existed {
        ctx.dirty(1);
    }
    Reply::Int(len as i64)
}

/// A computed set as a Set reply, in its iteration order.
fn set_reply(set: &SetValue) -> Reply {
    Reply::Set(set.iter().map(member_reply).collect())
}

/// SINTER key [key ...]: the members every set holds.
pub fn sinter(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let found = with_sets(ctx, args.iter_from(1), |sets, _| {
        algebra::inter(sets).into_iter().map(member_reply).collect()
    });
    found.map_or_else(|e| e, Reply::Set)
}

/// SINTERSTORE destination key [key ...]: stores the intersection, answering its size.
pub fn sinterstore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match with_sets(ctx, args.iter_from(2), algebra::inter_store) {
        Ok(result) => store_result(ctx, args.get(1), result),
        Err(e) => e,
    }
}

/// SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection, counting no
/// further than the limit (0: none).
pub fn sintercard(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let numkeys = match parse::int(args.get(1)) {
        Ok(n) if n >= 1 => n as u64,
        _ => return errors::err(errors::SINTERCARD_NUMKEYS_NOT_POSITIVE),
    };
    let given = (args.len() - 2) as u64;
    if numkeys > given {
        return errors::err(errors::SINTERCARD_TOO_MANY_KEYS);
    }
    let numkeys = numkeys as usize;
    let mut limit = 0usize;
    let mut i = 2 + numkeys;
    while let Some(option) = args.try_get(i) {
        match args.try_get(i + 1) {
            Some(value) if parse::is(option, "limit") => {
                limit = match engine::value::parse_i64(value).map(usize::try_from) {
                    Some(Ok(n)) => n,
                    _ => return errors::err(errors::SINTERCARD_LIMIT_NEGATIVE),
                };
            }
            _ => return errors::err(errors::SYNTAX),
        }
        i += 2;
    }
    let keys = args.iter_from(2).take(numkeys);
    let count = with_sets(ctx, keys, |sets, _| algebra::inter_card(sets, limit));
    count.map_or_else(|e| e, |n| Reply::Int(n as i64))
}

/// SUNION key [key ...]: the members of any set.
pub fn sunion(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match with_sets(ctx, args.iter_from(1), algebra::union) {
        Ok(result) => set_reply(&result),
        Err(e) => e,
    }
}

/// SUNIONSTORE destination key [key ...]: stores the union, answering its size.
pub fn sunionstore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match with_sets(ctx, args.iter_from(2), algebra::union) {
        Ok(result) => store_result(ctx, args.get(1), result),
        Err(e) => e,
    }
}

/// SDIFF key [key ...]: the members of the first set that no other set holds.
pub fn sdiff(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match with_sets(ctx, args.iter_from(1), algebra::diff) {
        Ok(result) => set_reply(&result),
        Err(e) => e,
    }
}

/// SDIFFSTORE destination key [key ...]: stores the difference, answering its size.
pub fn sdiffstore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match with_sets(ctx, args.iter_from(2), algebra::diff) {
        Ok(result) => store_result(ctx, args.get(1), result),
        Err(e) => e,
    }
}
