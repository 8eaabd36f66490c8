//! Replies made of stream entries, shared by XRANGE, XREAD and the consumer group commands.

use bytes::Bytes;
use engine::stream::{StreamEntry, StreamId};
use resp::Reply;

/// An ID as a bulk string, `<ms>-<seq>`.
pub(crate) fn id_reply(id: StreamId) -> Reply {
    Reply::Bulk(Bytes::from(id.to_string()))
}

/// One entry: `[id, [field, value, ...]]` (an array in both protocols, as in Redis).
pub(crate) fn entry_reply(entry: &StreamEntry) -> Reply {
    Reply::Array(vec![
        id_reply(entry.id),
        Reply::Array(entry.pairs.iter().map(|p| Reply::Bulk(p.clone())).collect()),
    ])
}

/// Entries as an array of [`entry_reply`]s.
pub(crate) fn entries_reply(entries: &[StreamEntry]) -> Reply {
    Reply::Array(entries.iter().map(entry_reply).collect())
}
