//! Zset commands. TODO(#3): every handler.

use resp::Reply;

use crate::{Args, ShardCtx};

fn not_yet() -> Reply {
    Reply::error("ERR not implemented yet")
}

/// ZADD.
pub fn zadd(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZCARD.
pub fn zcard(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZCOUNT.
pub fn zcount(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZDIFF.
pub fn zdiff(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZDIFFSTORE.
pub fn zdiffstore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZINCRBY.
pub fn zincrby(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZINTER.
pub fn zinter(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZINTERCARD.
pub fn zintercard(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZINTERSTORE.
pub fn zinterstore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZLEXCOUNT.
pub fn zlexcount(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZMPOP.
pub fn zmpop(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZMSCORE.
pub fn zmscore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZPOPMAX.
pub fn zpopmax(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZPOPMIN.
pub fn zpopmin(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZRANDMEMBER.
pub fn zrandmember(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZRANGE.
pub fn zrange(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZRANGEBYLEX.
pub fn zrangebylex(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZRANGEBYSCORE.
pub fn zrangebyscore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZRANGESTORE.
pub fn zrangestore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZRANK.
pub fn zrank(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZREM.
pub fn zrem(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZREMRANGEBYLEX.
pub fn zremrangebylex(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZREMRANGEBYRANK.
pub fn zremrangebyrank(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZREMRANGEBYSCORE.
pub fn zremrangebyscore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZREVRANGE.
pub fn zrevrange(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZREVRANGEBYLEX.
pub fn zrevrangebylex(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZREVRANGEBYSCORE.
pub fn zrevrangebyscore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZREVRANK.
pub fn zrevrank(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZSCAN.
pub fn zscan(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZSCORE.
pub fn zscore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZUNION.
pub fn zunion(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// ZUNIONSTORE.
pub fn zunionstore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}
