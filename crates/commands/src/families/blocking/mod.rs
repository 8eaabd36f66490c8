//! Blocking list and sorted set commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN,
//! BZPOPMAX, BZMPOP): parsing, and serving a request from the data at hand. Waiting is the
//! server's business: it calls [`try_serve`] when the command arrives and again whenever a
//! key it waits on may have become ready.
//!
//! TODO(#4): parsing and serving (placeholders until they land).

use std::time::Duration;

use resp::Reply;

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
    /// Whether it waits for sorted sets (else lists).
    pub fn wants_zset(&self) -> bool {
        matches!(
            self.kind,
            BlockKind::ZPop { .. } | BlockKind::ZMultiPop { .. }
        )
    }

    /// Every key it may touch: the waited-on keys, then the destination.
    pub fn all_keys(&self) -> impl Iterator<Item = &[u8]> {
        self.keys
            .iter()
            .chain(self.destination.iter())
            .map(Vec::as_slice)
    }
}

/// Parses a blocking command with Redis's errors, in Redis's order.
pub fn parse(id: CommandId, args: Args<'_>) -> Result<BlockRequest, Reply> {
    let _ = (id, args);
    Err(Reply::error("ERR not implemented yet"))
}

/// Serves `request` from the data in `ctx` (which holds every key of the request): the reply
/// Redis gives, after popping (and pushing to the destination), when a key in order can serve
/// it; an error reply for a key of the wrong type, as Redis; `None` when every key is empty
/// or missing, so the client must wait.
pub fn try_serve(ctx: &mut ShardCtx<'_>, request: &BlockRequest) -> Option<Reply> {
    let _ = (ctx, request);
    None
}

/// The reply when the wait times out (or CLIENT UNBLOCK ... TIMEOUT): Redis's null for the
/// command.
pub fn timeout_reply(request: &BlockRequest) -> Reply {
    let _ = request;
    Reply::NilArray
}
