//! One module per command family. Handlers parse their arguments into typed options, then
//! apply them to the shard's data; they never check arity (the dispatcher does).

pub(crate) mod access;
pub mod blocking;
pub mod hash;
pub mod hyperloglog;
pub mod keyspace;
pub mod list;
pub mod scan_args;
pub mod set;
pub mod sort;
pub mod stream;
pub mod stream_group;
pub mod string;
#[cfg(test)]
pub(crate) mod test_shard;
pub mod zset;

/// The reply of a handler whose body returns early with `Err(error reply)`: the error is the
/// reply.
pub(crate) fn either(result: Result<resp::Reply, resp::Reply>) -> resp::Reply {
    result.unwrap_or_else(|error| error)
}
