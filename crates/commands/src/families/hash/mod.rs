//! Hash commands. TODO(#3): every handler.

use resp::Reply;

use crate::{Args, ShardCtx};

fn not_yet() -> Reply {
    Reply::error("ERR not implemented yet")
}

/// HDEL.
pub fn hdel(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HEXISTS.
pub fn hexists(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HGET.
pub fn hget(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HGETALL.
pub fn hgetall(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HINCRBY.
pub fn hincrby(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HINCRBYFLOAT.
pub fn hincrbyfloat(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HKEYS.
pub fn hkeys(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HLEN.
pub fn hlen(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HMGET.
pub fn hmget(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HMSET.
pub fn hmset(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HRANDFIELD.
pub fn hrandfield(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HSCAN.
pub fn hscan(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HSET.
pub fn hset(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HSETNX.
pub fn hsetnx(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HSTRLEN.
pub fn hstrlen(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// HVALS.
pub fn hvals(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}
