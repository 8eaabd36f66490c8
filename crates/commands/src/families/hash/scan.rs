//! HSCAN key cursor [MATCH pattern] [COUNT count].

use engine::HashValue;
use resp::Reply;

use super::{either, item_reply};
use crate::families::access::read;
use crate::families::keyspace::parse_cursor;
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// COUNT when none is given.
const DEFAULT_COUNT: usize = 10;

/// HSCAN's options after the cursor.
struct ScanOptions<'a> {
    count: usize,
    /// `None` matches every field.
    pattern: Option<&'a [u8]>,
}

/// HSCAN key cursor [MATCH pattern] [COUNT count]: `[next cursor, [field, value, ...]]`.
/// A compact hash comes back whole with cursor 0, whatever the cursor, as in Redis.
pub fn hscan(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(hscan_inner(ctx, args))
}

/// Redis's order: the cursor, the key (missing: an empty scan; another type: WRONGTYPE),
/// then the options.
fn hscan_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let cursor = parse_cursor(args.get(2)).ok_or_else(|| errors::err(errors::INVALID_CURSOR))?;
    let Some(hash) = read::<HashValue>(ctx, args.get(1))? else {
        return Ok(scan_reply(0, Vec::new()));
    };
    let options = parse_options(args)?;
    let mut items = Vec::new();
    let next = hash.scan(cursor, options.count, |field, value| {
        let wanted = options.pattern.is_none_or(|pattern| {
            field.with_bytes(|f| engine::glob::glob_match(pattern, f, false))
        });
        if wanted {
            items.push(item_reply(field));
            items.push(item_reply(value));
        }
    });
    Ok(scan_reply(next, items))
}

/// MATCH and COUNT in any order, the last of each winning; anything else (TYPE included) is
/// a syntax error, and so is a COUNT below 1.
fn parse_options(args: Args<'_>) -> Result<ScanOptions<'_>, Reply> {
    let mut options = ScanOptions {
        count: DEFAULT_COUNT,
        pattern: None,
    };
    let mut at = 3;
    while let Some(option) = args.try_get(at) {
        let Some(value) = args.try_get(at + 1) else {
            return Err(errors::err(errors::SYNTAX));
        };
        if is(option, "count") {
            let count = parse::int(value)?;
            if count < 1 {
                return Err(errors::err(errors::SYNTAX));
            }
            options.count = usize::try_from(count).unwrap_or(usize::MAX);
        } else if is(option, "match") {
            // `*` matches everything: no need to test each field.
            options.pattern = (value != b"*").then_some(value);
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        at += 2;
    }
    Ok(options)
}

fn scan_reply(cursor: u64, items: Vec<Reply>) -> Reply {
    Reply::Array(vec![
        Reply::bulk(cursor.to_string().as_bytes()),
        Reply::Array(items),
    ])
}
