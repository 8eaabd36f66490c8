//! List commands. TODO(#3): every handler.

use resp::Reply;

use crate::{Args, ShardCtx};

fn not_yet() -> Reply {
    Reply::error("ERR not implemented yet")
}

/// LINDEX.
pub fn lindex(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LINSERT.
pub fn linsert(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LLEN.
pub fn llen(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LMOVE.
pub fn lmove(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LMPOP.
pub fn lmpop(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LPOP.
pub fn lpop(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LPOS.
pub fn lpos(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LPUSH.
pub fn lpush(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LPUSHX.
pub fn lpushx(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LRANGE.
pub fn lrange(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LREM.
pub fn lrem(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LSET.
pub fn lset(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// LTRIM.
pub fn ltrim(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// RPOP.
pub fn rpop(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// RPOPLPUSH.
pub fn rpoplpush(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// RPUSH.
pub fn rpush(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// RPUSHX.
pub fn rpushx(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}
