//! keyspace commands.

use resp::Reply;

use crate::{Args, ShardCtx};

/// TODO(#2): being written.
pub fn copy(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn dbsize(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn del(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn exists(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn expire(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn expireat(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn expiretime(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn flushall(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn flushdb(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn keys(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn move_(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn object_encoding(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn object_freq(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn object_help(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn object_idletime(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn object_refcount(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn persist(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn pexpire(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn pexpireat(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn pexpiretime(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn pttl(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn randomkey(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn rename(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn renamenx(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn swapdb(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn touch(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn ttl(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn type_(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

