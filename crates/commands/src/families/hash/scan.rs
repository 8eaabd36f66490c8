//! HSCAN key cursor [MATCH pattern] [COUNT count].

use engine::HashValue;
use resp::Reply;

use super::{either, item_reply};
use crate::families::access::read;
use crate::families::scan_args::{parse_cursor, parse_options, scan_reply};
use crate::{Args, ShardCtx};

/// HSCAN key cursor [MATCH pattern] [COUNT count]: `[next cursor, [field, value, ...]]`.
/// A compact hash comes back whole with cursor 0, whatever the cursor, as in Redis.
pub fn hscan(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(hscan_inner(ctx, args))
}

/// Redis's order: the cursor, the key (missing: an empty scan; another type: WRONGTYPE),
/// then the options.
fn hscan_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let cursor = parse_cursor(args.get(2))?;
    let Some(hash) = read::<HashValue>(ctx, args.get(1))? else {
        return Ok(scan_reply(0, Vec::new()));
    };
    let options = parse_options(args, 3, false)?;
    let mut items = Vec::new();
    let next = hash.scan(cursor, options.count, |field, value| {
        if field.with_bytes(|f| options.matches(f)) {
            items.push(item_reply(field));
            items.push(item_reply(value));
        }
    });
    Ok(scan_reply(next, items))
}
