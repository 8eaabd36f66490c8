//! Stream consumer groups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XINFO.
//!
//! Arguments are checked in Redis 7.0's order. Commands that hand entries to consumers log
//! themselves as Redis propagates them (XCLAIM ... FORCE JUSTID LASTID per delivery, XGROUP
//! SETID when the group moved, XGROUP CREATECONSUMER for consumers they create), so that an
//! AOF replays to the same group state whatever the clock says then.

mod ack;
mod autoclaim;
mod claim;
mod group;
mod info;
mod pending;
mod propagate;
pub mod read;

#[cfg(test)]
mod tests;

use engine::stream::{ConsumerGroup, StreamId, StreamValue};
use resp::Reply;

use crate::errors;

pub use ack::xack;
pub use autoclaim::xautoclaim;
pub use claim::xclaim;
pub use group::{
    xgroup_create, xgroup_createconsumer, xgroup_delconsumer, xgroup_destroy, xgroup_help,
    xgroup_setid,
};
pub use info::{xinfo_consumers, xinfo_groups, xinfo_help, xinfo_stream};
pub use pending::xpending;
pub use read::{parse_xreadgroup, serve_xreadgroup, xreadgroup, GroupStart, XreadgroupRequest};

/// `stream` when it has group `name`, or NOGROUP in XPENDING/XCLAIM/XAUTOCLAIM's words.
fn with_group<'s>(
    stream: Option<&'s mut StreamValue>,
    key: &[u8],
    name: &[u8],
) -> Result<&'s mut StreamValue, Reply> {
    match stream {
        Some(stream) if stream.groups.contains_key(name) => Ok(stream),
        _ => Err(errors::no_key_or_group(key, name, "")),
    }
}

/// Group `name` of a stream [`with_group`] checked.
fn group_of<'s>(stream: &'s mut StreamValue, name: &[u8]) -> Result<&'s mut ConsumerGroup, Reply> {
    stream
        .groups
        .get_mut(name)
        .ok_or_else(|| errors::err(errors::NO_SUCH_KEY))
}

/// An ID as Redis prints it.
fn id_text(id: StreamId) -> Vec<u8> {
    id.to_string().into_bytes()
}
