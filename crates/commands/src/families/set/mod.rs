//! Set commands: membership (SADD, SREM, SISMEMBER, SMISMEMBER, SCARD, SMEMBERS, SMOVE),
//! random members (SPOP, SRANDMEMBER), iteration (SSCAN) and set algebra (SINTER, SUNION,
//! SDIFF, their `*STORE` forms, SINTERCARD).
//!
//! Handlers check arguments in Redis's order, work on [`engine::SetValue`], and count changes
//! with [`crate::ShardCtx::dirty`] as Redis's `server.dirty` does. Encodings follow Redis 7.2
//! (`intset`, `listpack`, `hashtable`) with thresholds from `ctx.shard.settings.limits`.

mod algebra;
mod members;
mod random;
mod scan;
#[cfg(test)]
mod tests;

use engine::PackItem;
use resp::Reply;

pub use algebra::{sdiff, sdiffstore, sinter, sintercard, sinterstore, sunion, sunionstore};
pub use members::{sadd, scard, sismember, smembers, smismember, smove, srem};
pub use random::{spop, srandmember};
pub use scan::sscan;

/// A member as a bulk reply (integers in decimal).
fn member_reply(item: PackItem<'_>) -> Reply {
    item.with_bytes(Reply::bulk)
}
