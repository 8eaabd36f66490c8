//! SSCAN.

use engine::SetValue;
use resp::Reply;

use super::member_reply;
use crate::families::access::read;
use crate::families::scan_args::{parse_cursor, parse_options, scan_reply};
use crate::{Args, ShardCtx};

/// SSCAN key cursor [MATCH pattern] [COUNT count]: `[next cursor, members]`. Compact sets
/// come back whole with cursor 0, whatever the cursor, as in Redis.
pub fn sscan(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    sscan_inner(ctx, args).unwrap_or_else(|e| e)
}

/// Redis looks the key up before it reads the options: a missing key answers an empty scan
/// even when the options are wrong.
fn sscan_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let cursor = parse_cursor(args.get(2))?;
    let Some(set) = read::<SetValue>(ctx, args.get(1))? else {
        return Ok(scan_reply(0, Vec::new()));
    };
    let options = parse_options(args, 3, false)?;
    let mut found = Vec::new();
    let next = set.scan(cursor, options.count, |item| {
        if item.with_bytes(|m| options.matches(m)) {
            found.push(member_reply(item));
        }
    });
    Ok(scan_reply(next, found))
}
