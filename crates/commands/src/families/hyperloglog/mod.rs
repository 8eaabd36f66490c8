//! HyperLogLog commands: PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST.
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

pending_handlers!(pfadd, pfcount, pfmerge, pfdebug);

/// Pending implementation.
pub fn pfselftest(_args: Args<'_>) -> Reply {
    pending()
}
