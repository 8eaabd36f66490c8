//! Stream commands on entries: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XSETID, XREAD.
//!
//! Arguments are checked in Redis 7.0's order (options first, then the key's type, then the
//! stream's state), so a command with several problems gives Redis's first error. Writes whose
//! outcome depends on the clock or on node boundaries (XADD `*`, trims with `~`) are logged in
//! the deterministic form Redis propagates.

mod add;
mod range;
pub mod read;
mod remove;
mod trim_args;

pub(crate) mod parse;
pub(crate) mod reply;

#[cfg(test)]
mod tests;

use engine::stream::StreamValue;
use resp::Reply;

use crate::families::access;
use crate::ShardCtx;

pub use add::xadd;
pub use range::{xlen, xrange, xrevrange};
pub use read::{parse_xread, resolve_last_ids, serve_xread, xread, XreadRequest, XreadStart};
pub use remove::{xdel, xsetid, xtrim};

/// The stream under `key` for a read (counting a keyspace hit or miss): `Ok(None)` when
/// missing, WRONGTYPE for another type.
pub(crate) fn read_stream<'c>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<Option<&'c mut StreamValue>, Reply> {
    access::read(ctx, key)
}

/// The stream under `key` for a write: `Ok(None)` when missing, WRONGTYPE for another type.
pub(crate) fn write_stream<'c>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<Option<&'c mut StreamValue>, Reply> {
    access::write(ctx, key)
}

/// The stream under `key` for a write, created empty when missing (XADD without NOMKSTREAM;
/// Redis keeps an empty stream under its key).
pub(crate) fn write_or_create_stream<'c>(
    ctx: &'c mut ShardCtx<'_>,
    key: &[u8],
) -> Result<&'c mut StreamValue, Reply> {
    access::write_or_create(ctx, key, |_| StreamValue::new())
}
