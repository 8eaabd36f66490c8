//! Hash commands: writes of fields (HSET, HSETNX, HMSET, HDEL), reads (HGET, HMGET, HGETALL,
//! HKEYS, HVALS, HLEN, HSTRLEN, HEXISTS), counters (HINCRBY, HINCRBYFLOAT), random fields
//! (HRANDFIELD) and HSCAN.
//!
//! Handlers check their arguments in Redis's order, look the hash up with the typed access
//! rules of [`crate::families::access`] (reads count keyspace hits and misses, writes do not),
//! and leave the value's encoding to [`engine::HashValue`], which follows Redis's thresholds.

mod counters;
mod fields;
mod random;
mod read;
mod scan;
#[cfg(test)]
mod tests;

use engine::PackItem;
use resp::Reply;

use crate::families::either;

pub use counters::{hincrby, hincrbyfloat};
pub use fields::{hdel, hmset, hset, hsetnx};
pub use random::hrandfield;
pub use read::{hexists, hget, hgetall, hkeys, hlen, hmget, hstrlen, hvals};
pub use scan::hscan;

/// A field or value as a bulk reply (integers in decimal).
fn item_reply(item: PackItem<'_>) -> Reply {
    item.with_bytes(Reply::bulk)
}
