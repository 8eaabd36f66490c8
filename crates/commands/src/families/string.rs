//! string commands.

use resp::Reply;

use crate::{Args, ShardCtx};

/// TODO(#2): being written.
pub fn append(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn decr(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn decrby(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn get(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn getdel(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn getex(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn getrange(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn getset(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn incr(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn incrby(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn incrbyfloat(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn lcs(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn mget(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn mset(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn msetnx(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn psetex(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn set(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn setex(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn setnx(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn setrange(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn strlen(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

