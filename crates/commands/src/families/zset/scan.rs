//! ZSCAN: the cursor first, then the key, then the options (`scanGenericCommand`'s order).

use bytes::Bytes;
use engine::ZSetValue;
use resp::Reply;

use crate::families::access;
use crate::families::scan_args::{parse_cursor, parse_options, scan_reply};
use crate::{Args, ShardCtx};

/// ZSCAN key cursor [MATCH pattern] [COUNT count]
pub fn zscan(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    zscan_inner(ctx, args).unwrap_or_else(|e| e)
}

fn zscan_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let cursor = parse_cursor(args.get(2))?;
    let Some(zset) = access::read::<ZSetValue>(ctx, args.get(1))? else {
        return Ok(scan_reply(0, Vec::new()));
    };
    let options = parse_options(args, 3, false)?;
    let mut found = Vec::new();
    let next = zset.scan(cursor, options.count, |member, score| {
        if options.matches(member) {
            found.push(Reply::bulk(member));
            // Scores travel as text, as Redis copies them out of the set.
            found.push(Reply::Bulk(Bytes::from(resp::format_double(score))));
        }
    });
    Ok(scan_reply(next, found))
}
