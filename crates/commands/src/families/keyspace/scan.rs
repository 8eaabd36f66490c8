//! KEYS, and this shard's part of SCAN: the server parses SCAN with [`parse_scan_args`], walks
//! the shards, and calls [`scan_shard`] on each.

use bytes::Bytes;
use resp::Reply;

use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// SCAN's COUNT when none is given.
const DEFAULT_SCAN_COUNT: usize = 10;

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
/// cursor first (`ERR invalid cursor`), then the options in any order, the last of a repeated
/// option winning; a COUNT below 1 is `ERR syntax error`.
pub fn parse_scan_args(args: Args<'_>) -> Result<ScanOptions, Reply> {
    let cursor = parse_cursor(args.get(1)).ok_or_else(|| errors::err(errors::INVALID_CURSOR))?;
    let mut options = ScanOptions {
        cursor,
        count: DEFAULT_SCAN_COUNT,
        pattern: None,
        type_filter: None,
    };
    let mut i = 2;
    while let Some(option) = args.try_get(i) {
        let Some(value) = args.try_get(i + 1) else {
            return Err(errors::err(errors::SYNTAX));
        };
        if is(option, "count") {
            let count = parse::int(value)?;
            if count < 1 {
                return Err(errors::err(errors::SYNTAX));
            }
            options.count = usize::try_from(count).unwrap_or(usize::MAX);
        } else if is(option, "match") {
            // `*` matches everything: no need to test each key.
            options.pattern = (value != b"*").then(|| Bytes::copy_from_slice(value));
        } else if is(option, "type") {
            options.type_filter = Some(Bytes::copy_from_slice(value));
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        i += 2;
    }
    Ok(options)
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

/// A cursor as Redis reads it with `strtoul`: decimal with an optional sign (a negative one
/// wraps around), empty meaning 0, no leading space, nothing after the digits but a NUL, and
/// no overflow.
pub fn parse_cursor(arg: &[u8]) -> Option<u64> {
    // C sees the argument only up to its first NUL byte.
    let arg = arg.split(|&b| b == 0).next().unwrap_or_default();
    if arg.is_empty() {
        return Some(0);
    }
    let (negative, digits) = match arg[0] {
        b'-' => (true, &arg[1..]),
        b'+' => (false, &arg[1..]),
        _ => (false, arg),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut value: u64 = 0;
    for &digit in digits {
        value = value
            .checked_mul(10)?
            .checked_add(u64::from(digit - b'0'))?;
    }
    Some(if negative {
        value.wrapping_neg()
    } else {
        value
    })
}

/// Whether `key` matches the glob `pattern`, case-sensitively (Redis's `stringmatchlen`).
fn matches(pattern: &[u8], key: &[u8]) -> bool {
    engine::glob::glob_match(pattern, key, false)
}
