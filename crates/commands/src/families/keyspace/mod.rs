//! The keyspace ("generic") commands: existence, deletion, expiry, renaming, copying, database
//! operations and object introspection, on the keys of one shard.
//!
//! How the server spreads these over shards: DEL, UNLINK, EXISTS and TOUCH run on each shard
//! with that shard's keys and the integers are added; RENAME, RENAMENX, COPY and MOVE run on a
//! scratch shard holding copies of the keys involved; KEYS, DBSIZE, RANDOMKEY and the FLUSH and
//! SWAPDB commands run on every shard. So every handler here only ever sees one shard's keys.

mod db_ops;
mod dump;
mod expire;
mod object;
mod presence;
mod rename;
mod scan;

#[cfg(test)]
mod tests;

use engine::{DbIndex, Entry, DB_COUNT};
use resp::Reply;

use crate::{errors, parse, ShardCtx};

pub use db_ops::{dbsize, flushall, flushdb, randomkey, swapdb};
pub use dump::{dump, restore};
pub use expire::{
    expire, expireat, expiretime, persist, pexpire, pexpireat, pexpiretime, pttl, ttl,
};
pub use object::{object_encoding, object_freq, object_help, object_idletime, object_refcount};
pub use presence::{del, exists, touch, type_};
pub use rename::{copy, move_, rename, renamenx};
pub use scan::{keys, parse_scan_args, scan_shard, ScanOptions};

/// Looks `key` up as a command that reads or writes it: the access time is recorded unless the
/// client is in CLIENT NO-TOUCH mode.
fn lookup<'c>(ctx: &'c mut ShardCtx<'_>, key: &[u8]) -> Option<&'c mut Entry> {
    let db = ctx.db;
    lookup_in(ctx, db, key)
}

/// [`lookup`] in database `db` rather than the selected one (COPY ... DB, MOVE).
fn lookup_in<'c>(ctx: &'c mut ShardCtx<'_>, db: DbIndex, key: &[u8]) -> Option<&'c mut Entry> {
    let now_ms = ctx.now_ms;
    let no_touch = ctx.no_touch;
    let db = ctx.shard.data.db(db);
    if no_touch {
        db.lookup_no_touch(key, now_ms)
    } else {
        db.lookup(key, now_ms)
    }
}

/// Looks `key` up without recording the access (TYPE, TTL, OBJECT, EXISTS never count as one).
fn peek<'c>(ctx: &'c mut ShardCtx<'_>, key: &[u8]) -> Option<&'c mut Entry> {
    let now_ms = ctx.now_ms;
    ctx.db().lookup_no_touch(key, now_ms)
}

/// A database index argument as MOVE and COPY ... DB take it: an integer that fits in 32 bits,
/// then within the configured databases.
fn db_index(arg: &[u8]) -> Result<DbIndex, Reply> {
    let index = parse::int32(arg)?;
    usize::try_from(index)
        .ok()
        .filter(|&index| index < DB_COUNT)
        .map(DbIndex)
        .ok_or_else(|| errors::err(errors::DB_INDEX_OUT_OF_RANGE))
}
