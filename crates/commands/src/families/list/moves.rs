//! Moves between lists: LMOVE and RPOPLPUSH.

use bytes::Bytes;
use engine::list::End;
use engine::ListValue;
use resp::Reply;

use super::{after_removal, either, limits, parse_end, write_list};
use crate::families::access;
use crate::{Args, ShardCtx};

/// LMOVE source destination LEFT|RIGHT LEFT|RIGHT: the moved element, or nil when the source
/// is missing.
pub fn lmove(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(parse_end(args.get(3)).and_then(|from| {
        let to = parse_end(args.get(4))?;
        move_one(ctx, args.get(1), args.get(2), from, to)
    }))
}

/// RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT.
pub fn rpoplpush(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(move_one(
        ctx,
        args.get(1),
        args.get(2),
        End::Tail,
        End::Head,
    ))
}

/// LMOVE's reply: the moved element, or nil when the source is missing.
fn move_one(
    ctx: &mut ShardCtx<'_>,
    source: &[u8],
    destination: &[u8],
    from: End,
    to: End,
) -> Result<Reply, Reply> {
    Ok(move_element(ctx, source, destination, from, to)?.map_or(Reply::Nil, Reply::Bulk))
}

/// Redis's `lmoveGenericCommand`: the destination's type is checked before anything moves;
/// the source is the same list as the destination when the keys are equal, which rotates it.
/// Returns the moved element, or `None` when the source is missing.
pub(crate) fn move_element(
    ctx: &mut ShardCtx<'_>,
    source: &[u8],
    destination: &[u8],
    from: End,
    to: End,
) -> Result<Option<Bytes>, Reply> {
    let Some(list) = write_list(ctx, source)? else {
        return Ok(None);
    };
    if list.is_empty() {
        return Ok(None);
    }
    write_list(ctx, destination)?;
    let Some(value) = write_list(ctx, source)?.and_then(|list| list.pop(from)) else {
        return Ok(None);
    };
    let limits = limits(ctx);
    let target = access::write_or_create(ctx, destination, |_| ListValue::new())?;
    target.convert_for_growth([&value[..]], &limits);
    target.push(to, &value);
    after_removal(ctx, source);
    ctx.dirty(1);
    Ok(Some(value))
}
