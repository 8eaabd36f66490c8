//! Sorted set commands. Handlers parse their arguments in Redis's order (so that the first
//! error Redis reports is ours), then apply them to an [`engine::ZSetValue`].
//!
//! Scores reply as [`Reply::Double`] (`%.17g`, as Redis 7.0 prints them), member-score lists
//! as [`Reply::Pairs`] (flat in RESP2, nested in RESP3), and a key never keeps an empty set.

mod add;
mod algebra;
mod bounds;
mod pop;
mod random;
mod range;
mod read;
mod remove;
mod scan;
#[cfg(test)]
mod tests;

use bytes::Bytes;
use engine::{EncodingLimits, ZSetValue};
use resp::Reply;

pub use add::{zadd, zincrby};
pub use algebra::{zdiff, zdiffstore, zinter, zintercard, zinterstore, zunion, zunionstore};
pub(crate) use pop::{keyed_pairs_reply, parse_zmpop, pop_first, push_flat};
pub use pop::{zmpop, zpopmax, zpopmin};
pub use random::zrandmember;
pub use range::{
    zrange, zrangebylex, zrangebyscore, zrangestore, zrevrange, zrevrangebylex, zrevrangebyscore,
};
pub use read::{zcard, zcount, zlexcount, zmscore, zrank, zrevrank, zscore};
pub use remove::{zrem, zremrangebylex, zremrangebyrank, zremrangebyscore};
pub use scan::zscan;

/// A member and its score, owned: what range reads and pops hand to replies and stores.
pub(crate) type Scored = (Vec<u8>, f64);

/// Members alone, or members with their scores (WITHSCORES).
fn scored_reply(items: Vec<Scored>, withscores: bool) -> Reply {
    if withscores {
        Reply::Pairs(
            items
                .into_iter()
                .map(|(member, score)| (member_reply(member), Reply::Double(score)))
                .collect(),
        )
    } else {
        Reply::Array(items.into_iter().map(|(m, _)| member_reply(m)).collect())
    }
}

/// A member as a bulk reply, without copying long ones again.
fn member_reply(member: Vec<u8>) -> Reply {
    if member.len() <= resp::INLINE_BULK_MAX {
        Reply::bulk(&member)
    } else {
        Reply::Bulk(Bytes::from(member))
    }
}

/// Adds or moves `member` as Redis stores it: a compact (listpack) set keeps scores as text
/// where `-0` is written `0`, so a negative zero survives only in the large encoding.
fn insert_scored(zset: &mut ZSetValue, member: &[u8], score: f64, limits: &EncodingLimits) {
    zset.insert(member, score, limits);
    if score == 0.0 && score.is_sign_negative() && zset.encoding() == "listpack" {
        zset.insert(member, 0.0, limits);
    }
}

/// A new set holding `items` (sorted or not), in the encoding Redis picks for a computed
/// result (`zsetConvertToListpackIfNeeded`): compact when small enough.
fn build_zset(items: &[Scored], limits: &EncodingLimits) -> ZSetValue {
    let max_len = items.iter().map(|(m, _)| m.len()).max().unwrap_or(0);
    let mut zset = ZSetValue::with_capacity(items.len(), max_len, limits);
    for (member, score) in items {
        insert_scored(&mut zset, member, *score, limits);
    }
    zset
}
