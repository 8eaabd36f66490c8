//! Blocking list and sorted set commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN,
//! BZPOPMAX, BZMPOP): parsing, and serving a request from the data at hand. Waiting is the
//! server's business: it calls [`try_serve`] when the command arrives and again whenever a
//! key it waits on may have become ready.
//!
//! Facts checked against Redis 7.0.15: a timeout is seconds as a long double, rounded up to
//! whole milliseconds (so `0.0001` waits 1 ms and `-0.0001` waits for ever); every command
//! times out with a null array (`*-1`, `_` in RESP3), BLMOVE and BRPOPLPUSH included, while
//! those two answer a null bulk when they may not wait (inside MULTI); a key of another type
//! among the keys is WRONGTYPE at once unless an earlier key served; none of them counts
//! keyspace hits or misses.

mod parse;
mod serve;
mod stream;
#[cfg(test)]
mod tests;

use std::time::Duration;

use resp::Reply;

use crate::tx::WaitFor;
use crate::{Args, CommandId, ShardCtx};

/// Which end of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListEnd {
    /// The head (LEFT).
    Left,
    /// The tail (RIGHT).
    Right,
}

/// What a blocking command does once a key can serve it.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// BLPOP / BRPOP: one element from the first non-empty list, replied as [key, element].
    Pop(ListEnd),
    /// BLMOVE / BRPOPLPUSH: move one element from the source to `to` of the destination.
    Move {
        /// The end popped from the source.
        from: ListEnd,
        /// The end pushed to at the destination.
        to: ListEnd,
    },
    /// BLMPOP: up to `count` elements from the first non-empty list.
    MultiPop {
        /// The end popped from.
        end: ListEnd,
        /// How many at most.
        count: usize,
    },
    /// BZPOPMIN / BZPOPMAX: one member of the first non-empty sorted set.
    ZPop {
        /// Highest score first.
        max: bool,
    },
    /// BZMPOP: up to `count` members of the first non-empty sorted set.
    ZMultiPop {
        /// Highest scores first.
        max: bool,
        /// How many at most.
        count: usize,
    },
    /// XREAD BLOCK: entries after each stream's ID.
    StreamRead(Box<crate::families::stream::read::XreadRequest>),
    /// XREADGROUP BLOCK: entries for a consumer of a group.
    StreamGroupRead {
        /// The read.
        request: Box<crate::families::stream_group::read::XreadgroupRequest>,
        /// Whether the client has waited (it then learns when its stream or group is gone).
        waited: bool,
    },
}

/// A parsed blocking command.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockRequest {
    /// The command.
    pub id: CommandId,
    /// What to do.
    pub kind: BlockKind,
    /// The keys it waits on, in the order they are tried.
    pub keys: Vec<Vec<u8>>,
    /// BLMOVE / BRPOPLPUSH: the destination list.
    pub destination: Option<Vec<u8>>,
    /// How long to wait; `None` for ever (a timeout of 0).
    pub timeout: Option<Duration>,
}

impl BlockRequest {
    /// What it waits for.
    pub fn wants(&self) -> WaitFor {
        match self.kind {
            BlockKind::ZPop { .. } | BlockKind::ZMultiPop { .. } => WaitFor::ZSet,
            BlockKind::StreamRead(_) | BlockKind::StreamGroupRead { .. } => WaitFor::Stream,
            _ => WaitFor::List,
        }
    }

    /// Every key it may touch: the waited-on keys, then the destination.
    pub fn all_keys(&self) -> impl Iterator<Item = &[u8]> {
        self.keys
            .iter()
            .chain(self.destination.iter())
            .map(Vec::as_slice)
    }

    /// The reply when no key can serve the command and it may not wait (inside MULTI/EXEC):
    /// Redis's null for it, which for BLMOVE and BRPOPLPUSH is a null bulk (`$-1` in RESP2)
    /// although their timeout reply is a null array.
    pub fn no_wait_reply(&self) -> Reply {
        match self.kind {
            BlockKind::Move { .. } => Reply::Nil,
            _ => Reply::NilArray,
        }
    }
}

/// Parses a blocking command with Redis's errors, in Redis's order.
pub fn parse(id: CommandId, args: Args<'_>) -> Result<BlockRequest, Reply> {
    match id {
        CommandId::Xread | CommandId::Xreadgroup => stream::parse(id, args),
        _ => parse::parse(id, args),
    }
}

pub use stream::asks_to_block;

impl BlockRequest {
    /// Whether [`prepare`] has work to do (XREAD's `$` and key checks) before the first try.
    pub fn needs_preparing(&self) -> bool {
        matches!(self.kind, BlockKind::StreamRead(_))
    }

    /// Marks the request as one that has waited, before it tries again (stream reads then
    /// default COUNT to 1000, and group reads report a vanished stream or group).
    pub fn mark_waited(&mut self) {
        stream::mark_waited(&mut self.kind);
    }
}

/// Checks the keys and fixes what XREAD's `$` means, once, in a context holding every key:
/// an error reply ends the command.
pub fn prepare(ctx: &mut ShardCtx<'_>, request: &mut BlockRequest) -> Result<(), Reply> {
    stream::prepare(ctx, &mut request.kind)
}

/// Serves `request` from the data in `ctx` (which holds every key of the request): the reply
/// Redis gives, after popping (and pushing to the destination), when a key in order can serve
/// it; an error reply for a key of the wrong type, as Redis; `None` when every key is empty
/// or missing, so the client must wait.
pub fn try_serve(ctx: &mut ShardCtx<'_>, request: &BlockRequest) -> Option<Reply> {
    serve::try_serve(ctx, request)
}

/// The reply when the wait times out (or CLIENT UNBLOCK ... TIMEOUT): Redis's null for the
/// command, a null array for every one of them (`*-1` in RESP2, `_` in RESP3), BLMOVE and
/// BRPOPLPUSH included.
pub fn timeout_reply(request: &BlockRequest) -> Reply {
    // Redis replies to every timed-out list, zset or stream wait alike, whatever the command.
    let _ = request;
    Reply::NilArray
}
