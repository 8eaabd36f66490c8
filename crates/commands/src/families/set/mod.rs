//! Set commands. TODO(#3): every handler.

use resp::Reply;

use crate::{Args, ShardCtx};

fn not_yet() -> Reply {
    Reply::error("ERR not implemented yet")
}

/// SADD.
pub fn sadd(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SCARD.
pub fn scard(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SDIFF.
pub fn sdiff(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SDIFFSTORE.
pub fn sdiffstore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SINTER.
pub fn sinter(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SINTERCARD.
pub fn sintercard(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SINTERSTORE.
pub fn sinterstore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SISMEMBER.
pub fn sismember(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SMEMBERS.
pub fn smembers(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SMISMEMBER.
pub fn smismember(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SMOVE.
pub fn smove(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SPOP.
pub fn spop(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SRANDMEMBER.
pub fn srandmember(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SREM.
pub fn srem(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SSCAN.
pub fn sscan(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SUNION.
pub fn sunion(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SUNIONSTORE.
pub fn sunionstore(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}
