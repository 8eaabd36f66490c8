//! XLEN, XRANGE and XREVRANGE.

use resp::Reply;

use super::parse::parse_interval_id;
use super::read_stream;
use super::reply::entries_reply;
use crate::families::either;
use crate::{errors, parse, Args, ShardCtx};

/// `XLEN key`
pub fn xlen(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match read_stream(ctx, args.get(1)) {
        Ok(stream) => Reply::Int(stream.map_or(0, |s| s.len() as i64)),
        Err(error) => error,
    }
}

/// `XRANGE key start end [COUNT count]`
pub fn xrange(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(range(ctx, args, false))
}

/// `XREVRANGE key end start [COUNT count]`
pub fn xrevrange(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(range(ctx, args, true))
}

fn range(ctx: &mut ShardCtx<'_>, args: Args<'_>, rev: bool) -> Result<Reply, Reply> {
    let (start_arg, end_arg) = if rev {
        (args.get(3), args.get(2))
    } else {
        (args.get(2), args.get(3))
    };
    let (mut start, start_ex) = parse_interval_id(start_arg, 0)?;
    if start_ex {
        start = start
            .next()
            .ok_or_else(|| errors::err(errors::INVALID_START_INTERVAL))?;
    }
    let (mut end, end_ex) = parse_interval_id(end_arg, u64::MAX)?;
    if end_ex {
        end = end
            .prev()
            .ok_or_else(|| errors::err(errors::INVALID_END_INTERVAL))?;
    }
    let count = parse_count(args)?;
    let Some(stream) = read_stream(ctx, args.get(1))? else {
        return Ok(Reply::Array(Vec::new()));
    };
    if count == Some(0) {
        return Ok(Reply::NilArray);
    }
    let entries = if rev {
        stream.rev_range(start, end, count)
    } else {
        stream.range(start, end, count)
    };
    Ok(entries_reply(&entries))
}

/// `[COUNT n]` after the range (repeatable; a negative count is 0); `None` without one.
fn parse_count(args: Args<'_>) -> Result<Option<usize>, Reply> {
    let mut count = None;
    let mut i = 4;
    while i < args.len() {
        if parse::is(args.get(i), "count") && i + 1 < args.len() {
            count = Some(parse::int(args.get(i + 1))?.max(0) as usize);
            i += 2;
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
    }
    Ok(count)
}
