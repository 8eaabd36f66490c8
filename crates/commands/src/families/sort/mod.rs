//! Sort commands. TODO(#3): every handler.

use resp::Reply;

use crate::{Args, ShardCtx};

fn not_yet() -> Reply {
    Reply::error("ERR not implemented yet")
}

/// SORT.
pub fn sort(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}

/// SORT_RO.
pub fn sort_ro(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
    not_yet()
}
