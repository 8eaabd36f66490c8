//! XACK: acknowledges pending entries.

use engine::stream::StreamId;
use resp::Reply;

use crate::families::either;
use crate::families::stream::parse::parse_strict_id;
use crate::families::stream::read_stream;
use crate::{Args, ShardCtx};

/// `XACK key group id [id ...]`: how many of the IDs were pending. A missing key or group
/// acknowledges nothing; an invalid ID fails the whole command before any is acknowledged.
pub fn xack(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let name = args.get(2);
        let Some(stream) = read_stream(ctx, args.get(1))? else {
            return Ok(Reply::Int(0));
        };
        let Some(group) = stream.groups.get_mut(name) else {
            return Ok(Reply::Int(0));
        };
        let ids = args
            .iter_from(3)
            .map(|arg| parse_strict_id(arg, 0))
            .collect::<Result<Vec<StreamId>, Reply>>()?;
        let acked = ids.into_iter().filter(|id| group.ack(*id)).count() as u64;
        ctx.dirty(acked);
        Ok(Reply::Int(acked as i64))
    })())
}
