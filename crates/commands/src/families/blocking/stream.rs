//! XREAD and XREADGROUP with BLOCK: the stream reads a client may wait for. Unlike pops they
//! take nothing from each other (a group read takes only what it is given), so every reader
//! of a changed stream tries again.
//!
//! Facts checked against Redis 7.0.15: a reader that has waited reads at most 1000 entries
//! per stream when it gave no COUNT (`XREAD_BLOCKED_DEFAULT_COUNT`); a group reader that
//! waited is told `UNBLOCKED the stream key no longer exists` when its key was deleted or
//! replaced by another type (also by FLUSHALL), and `NOGROUP the consumer group this client
//! was blocked on no longer exists` when its group was destroyed; a plain reader keeps
//! waiting through both. `XREAD ... $` means after the last ID when the command arrived.

use std::time::Duration;

use engine::Value;
use resp::Reply;

use super::{BlockKind, BlockRequest};
use crate::families::stream::read::{
    parse_read_options, parse_xread, resolve_last_ids, serve_xread,
};
use crate::families::stream_group::read::{parse_xreadgroup, serve_xreadgroup};
use crate::{errors, Args, CommandId, ShardCtx};

/// Entries per stream a reader that waited gets when it gave no COUNT.
const WAITED_DEFAULT_COUNT: usize = 1000;

/// Whether this XREAD or XREADGROUP asks to block (a valid command with a BLOCK option).
/// Invalid ones run as plain reads, which answer their errors.
pub fn asks_to_block(id: CommandId, args: Args<'_>) -> bool {
    let group_read = match id {
        CommandId::Xread => false,
        CommandId::Xreadgroup => true,
        _ => return false,
    };
    parse_read_options(args, group_read).is_ok_and(|o| o.block.is_some())
}

/// Parses XREAD or XREADGROUP with BLOCK into a request.
pub(super) fn parse(id: CommandId, args: Args<'_>) -> Result<BlockRequest, Reply> {
    let (kind, keys, block) = match id {
        CommandId::Xread => {
            let request = parse_xread(args)?;
            let keys = request.keys.iter().map(|k| k.to_vec()).collect();
            let block = request.block;
            (BlockKind::StreamRead(Box::new(request)), keys, block)
        }
        _ => {
            let request = parse_xreadgroup(args)?;
            let keys = request.keys.iter().map(|k| k.to_vec()).collect();
            let block = request.block;
            let kind = BlockKind::StreamGroupRead {
                request: Box::new(request),
                waited: false,
            };
            (kind, keys, block)
        }
    };
    Ok(BlockRequest {
        id,
        kind,
        keys,
        destination: None,
        // BLOCK 0 waits for ever.
        timeout: block.filter(|t| *t != Duration::ZERO),
    })
}

/// Checks the keys and fixes what `$` means, once, when the command arrives.
pub(super) fn prepare(ctx: &mut ShardCtx<'_>, kind: &mut BlockKind) -> Result<(), Reply> {
    match kind {
        BlockKind::StreamRead(request) => resolve_last_ids(ctx, request),
        _ => Ok(()),
    }
}

/// The request as it reads once it has waited: COUNT defaults to 1000, and a group reader
/// learns when its stream or group is gone.
pub(super) fn mark_waited(kind: &mut BlockKind) {
    match kind {
        BlockKind::StreamRead(request) => {
            request.count = request.count.or(Some(WAITED_DEFAULT_COUNT));
        }
        BlockKind::StreamGroupRead { request, waited } => {
            request.count = request.count.or(Some(WAITED_DEFAULT_COUNT));
            *waited = true;
        }
        _ => {}
    }
}

/// Serves a stream read: `None` while nothing is there for it.
pub(super) fn try_serve(ctx: &mut ShardCtx<'_>, kind: &BlockKind) -> Option<Reply> {
    match kind {
        BlockKind::StreamRead(request) => serve_xread(ctx, request),
        BlockKind::StreamGroupRead { request, waited } => {
            if *waited {
                if let Some(gone) = gone_while_waiting(ctx, &request.keys, &request.group) {
                    return Some(gone);
                }
            }
            serve_xreadgroup(ctx, request).unwrap_or_else(Some)
        }
        _ => None,
    }
}

/// The error for a group reader whose stream or group went away while it waited.
fn gone_while_waiting(
    ctx: &mut ShardCtx<'_>,
    keys: &[bytes::Bytes],
    group: &[u8],
) -> Option<Reply> {
    let (db, now) = (ctx.db, ctx.now_ms);
    for key in keys {
        let entry = ctx.shard.data.db(db).lookup_no_touch(key, now);
        match entry.map(|e| &e.value) {
            Some(Value::Stream(stream)) if stream.groups.contains_key(group) => {}
            Some(Value::Stream(_)) => return Some(errors::err(errors::NOGROUP_WHILE_BLOCKED)),
            _ => return Some(errors::err(errors::STREAM_GONE_WHILE_BLOCKED)),
        }
    }
    None
}
