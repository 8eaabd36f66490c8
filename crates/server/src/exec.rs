//! Calling a command handler: the one place that turns a handler bug into an error reply.

use std::panic::{catch_unwind, AssertUnwindSafe};

use commands::{Args, ShardCtx, ShardHandler};
use resp::Reply;

/// Runs `handler`. A panic (a bug: no client input may cause one) becomes an error reply and
/// a log line instead of taking the shard, and every connection on it, down.
#[inline]
pub fn call(handler: ShardHandler, ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    match catch_unwind(AssertUnwindSafe(|| handler(ctx, args))) {
        Ok(reply) => reply,
        Err(_) => {
            tracing::error!(command = ?args, "command handler panicked; replying with an error");
            Reply::error("ERR internal error while running the command")
        }
    }
}
