//! Stream consumer groups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XINFO.
//! (Being written: every handler answers an error until its module lands.)

use resp::Reply;

use crate::{Args, ShardCtx};

fn pending() -> Reply {
    Reply::error("ERR not implemented yet")
}

macro_rules! pending_handlers {
    ($($name:ident),*) => {$(
        /// Pending implementation.
        pub fn $name(_ctx: &mut ShardCtx<'_>, _args: Args<'_>) -> Reply {
            pending()
        }
    )*};
}

pending_handlers!(
    xgroup_create,
    xgroup_createconsumer,
    xgroup_delconsumer,
    xgroup_destroy,
    xgroup_setid,
    xreadgroup,
    xack,
    xpending,
    xclaim,
    xautoclaim,
    xinfo_consumers,
    xinfo_groups,
    xinfo_stream
);

/// Pending implementation.
pub fn xgroup_help(_args: Args<'_>) -> Reply {
    pending()
}

/// Pending implementation.
pub fn xinfo_help(_args: Args<'_>) -> Reply {
    pending()
}
