//! One shard's data: sixteen logical databases of keys, their values and their expiry.
//!
//! Architecture Invariants: `engine` knows no protocol, no I/O, no async runtime and no other
//! shard. Every call is synchronous and takes the current time as an argument (`now_ms`), so
//! tests drive a clock by hand. Values that leave the shard (RENAME, MOVE across shards) leave
//! as owned, `Send` data.

pub mod db;
pub mod error;
pub mod expiry;
pub mod glob;
pub mod hash;
pub mod hll;
pub mod limits;
pub mod list;
pub mod listpack;
pub mod pack;
pub mod rng;
pub mod set;
pub mod shard;
pub mod stream;
pub mod table;
pub mod value;
pub mod zset;

pub use db::{Db, Entry};
pub use error::EngineError;
pub use hash::HashValue;
pub use limits::EncodingLimits;
pub use list::ListValue;
pub use pack::{Pack, PackItem};
pub use set::SetValue;
pub use shard::{DbIndex, ShardData, DB_COUNT};
pub use stream::StreamValue;
pub use table::{KeyTable, Probe};
pub use value::{StrValue, Value};
pub use zset::ZSetValue;
