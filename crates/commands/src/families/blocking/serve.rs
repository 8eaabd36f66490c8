//! Serving a blocking request from the data at hand, through the same internals as the
//! commands it blocks for (LPOP, LMOVE, LMPOP, ZPOPMIN, ZMPOP), so that replies, dirty counts,
//! encoding conversions and the deletion of emptied keys cannot drift apart.

use resp::Reply;

use super::{BlockKind, BlockRequest};
use crate::families::{list, zset};
use crate::ShardCtx;

/// See [`super::try_serve`].
pub(super) fn try_serve(ctx: &mut ShardCtx<'_>, request: &BlockRequest) -> Option<Reply> {
    let keys = request.keys.iter().map(Vec::as_slice);
    let served = match request.kind {
        BlockKind::Pop(end) => list::pop_first(ctx, keys, end.into(), 1).map(|popped| {
            popped.map(|(key, mut items)| {
                let element = items.pop().unwrap_or(Reply::Nil);
                Reply::Array(vec![Reply::bulk(key), element])
            })
        }),
        BlockKind::MultiPop { end, count } => {
            list::pop_first(ctx, keys, end.into(), count_arg(count)).map(|popped| {
                popped.map(|(key, items)| Reply::Array(vec![Reply::bulk(key), Reply::Array(items)]))
            })
        }
        BlockKind::Move { from, to } => serve_move(ctx, request, from.into(), to.into()),
        BlockKind::ZPop { max } => zset::pop_first(ctx, keys, max, 1).map(|popped| {
            popped.map(|(key, members)| {
                let mut reply = vec![Reply::bulk(key)];
                zset::push_flat(&mut reply, members);
                Reply::Array(reply)
            })
        }),
        BlockKind::ZMultiPop { max, count } => zset::pop_first(ctx, keys, max, count_arg(count))
            .map(|popped| popped.map(|(key, members)| zset::keyed_pairs_reply(key, members))),
        BlockKind::StreamRead(_) | BlockKind::StreamGroupRead { .. } => {
            super::stream::try_serve(ctx, &request.kind).map_or(Ok(None), |r| Ok(Some(r)))
        }
    };
    served.unwrap_or_else(Some)
}

/// BLMOVE / BRPOPLPUSH: the first (only) key is the source; the destination's type is checked
/// only once the source has an element, as LMOVE checks it.
fn serve_move(
    ctx: &mut ShardCtx<'_>,
    request: &BlockRequest,
    from: engine::list::End,
    to: engine::list::End,
) -> Result<Option<Reply>, Reply> {
    let (Some(source), Some(destination)) = (request.keys.first(), &request.destination) else {
        return Ok(None);
    };
    let moved = list::move_element(ctx, source, destination, from, to)?;
    Ok(moved.map(Reply::Bulk))
}

/// A count as the pop helpers take it.
fn count_arg(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}
