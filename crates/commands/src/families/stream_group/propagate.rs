//! The records consumer group commands log instead of themselves, in Redis 7.0's forms
//! (`streamPropagateXCLAIM`, `streamPropagateGroupID`, `streamPropagateConsumerCreation`).

use engine::stream::{ConsumerGroup, PendingEntry, StreamId};

use super::id_text;

/// One AOF record: its arguments.
pub(super) type Record = Vec<Vec<u8>>;

/// `XCLAIM key group consumer 0 id TIME t RETRYCOUNT n FORCE JUSTID LASTID last`: replays
/// the pending entry exactly (and drops it when the entry is gone by then).
pub(super) fn xclaim(
    key: &[u8],
    group: &[u8],
    id: StreamId,
    nack: &PendingEntry,
    last_id: StreamId,
) -> Record {
    vec![
        b"XCLAIM".to_vec(),
        key.to_vec(),
        group.to_vec(),
        nack.consumer.to_vec(),
        b"0".to_vec(),
        id_text(id),
        b"TIME".to_vec(),
        nack.delivery_time.to_string().into_bytes(),
        b"RETRYCOUNT".to_vec(),
        nack.delivery_count.to_string().into_bytes(),
        b"FORCE".to_vec(),
        b"JUSTID".to_vec(),
        b"LASTID".to_vec(),
        id_text(last_id),
    ]
}

/// `XGROUP SETID key group last ENTRIESREAD n` (`-1` when the count is unknown).
pub(super) fn setid(key: &[u8], name: &[u8], group: &ConsumerGroup) -> Record {
    let read = group
        .entries_read
        .map_or_else(|| "-1".to_string(), |n| n.to_string());
    vec![
        b"XGROUP".to_vec(),
        b"SETID".to_vec(),
        key.to_vec(),
        name.to_vec(),
        id_text(group.last_id),
        b"ENTRIESREAD".to_vec(),
        read.into_bytes(),
    ]
}

/// `XGROUP CREATECONSUMER key group consumer`.
pub(super) fn create_consumer(key: &[u8], group: &[u8], consumer: &[u8]) -> Record {
    vec![
        b"XGROUP".to_vec(),
        b"CREATECONSUMER".to_vec(),
        key.to_vec(),
        group.to_vec(),
        consumer.to_vec(),
    ]
}
