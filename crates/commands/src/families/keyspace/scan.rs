//! KEYS, and this shard's part of SCAN: the server parses SCAN with [`parse_scan_args`], walks
//! the shards, and calls [`scan_shard`] on each.

use bytes::Bytes;
use resp::Reply;

use crate::families::scan_args;
use crate::parse::is;
use crate::{Args, ShardCtx};

/// SCAN's arguments, owned so that they can travel to other shards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanOptions {
    /// Where to resume, as the client sent it (0 to start).
    pub cursor: u64,
    /// About how many keys to visit (COUNT, default 10).
    pub count: usize,
    /// Only keys matching this glob pattern (MATCH); `None` for all.
    pub pattern: Option<Bytes>,
    /// Only keys of this type, compared without case (TYPE); `None` for all.
    pub type_filter: Option<Bytes>,
}

/// KEYS pattern: this shard's live keys in the selected database that match the glob pattern.
pub fn keys(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let pattern = args.get(1);
    let all = pattern == b"*";
    let now_ms = ctx.now_ms;
    let found = ctx
        .db()
        .iter(now_ms)
        .filter(|(key, _)| all || matches(pattern, key))
        .map(|(key, _)| Reply::Bulk(key.clone()))
        .collect();
    Reply::Array(found)
}

/// Parses `SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]` with Redis's errors: the
/// cursor first (`ERR invalid cursor`), then the options ([`scan_args::parse_options`]).
pub fn parse_scan_args(args: Args<'_>) -> Result<ScanOptions, Reply> {
    let cursor = scan_args::parse_cursor(args.get(1))?;
    let options = scan_args::parse_options(args, 2, true)?;
    Ok(ScanOptions {
        cursor,
        count: options.count,
        pattern: options.pattern.map(Bytes::copy_from_slice),
        type_filter: options.type_filter.map(Bytes::copy_from_slice),
    })
}

/// One step of SCAN over this shard's selected database: visits about `count` keys from
/// `cursor` (a [`engine::KeyTable::scan`] cursor), keeps those matching `pattern` and
/// `type_filter`, and returns the cursor to continue from (0 when this shard is done).
pub fn scan_shard(
    ctx: &mut ShardCtx<'_>,
    cursor: u64,
    count: usize,
    pattern: Option<&[u8]>,
    type_filter: Option<&[u8]>,
) -> (u64, Vec<Bytes>) {
    let now_ms = ctx.now_ms;
    let pattern = pattern.filter(|pattern| *pattern != b"*");
    let mut found = Vec::new();
    let next = ctx.db().scan(cursor, count, now_ms, |key, entry| {
        let type_ok = type_filter.is_none_or(|wanted| is(wanted, entry.value.type_name()));
        if type_ok && pattern.is_none_or(|pattern| matches(pattern, key)) {
            found.push(key.clone());
        }
    });
    (next, found)
}

/// Whether `key` matches the glob `pattern`, case-sensitively (Redis's `stringmatchlen`).
fn matches(pattern: &[u8], key: &[u8]) -> bool {
    engine::glob::glob_match(pattern, key, false)
}
