//! Consumer groups: where each group has read to, the entries delivered but not yet
//! acknowledged (the group's PEL), and the consumers that own them.

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;

use super::id::StreamId;

/// A consumer group of a stream.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConsumerGroup {
    /// The last entry delivered to the group (`>` reads after it).
    pub last_id: StreamId,
    /// How many entries the group has read, when known (Redis's `entries-read`; `None` is
    /// its `-1`, "cannot tell", after an ID was set by hand into the middle of the stream).
    pub entries_read: Option<u64>,
    /// Entries delivered and not acknowledged, by ID.
    pub pel: BTreeMap<StreamId, PendingEntry>,
    /// Consumers by name, in name order (Redis's rax order, which XINFO shows).
    pub consumers: BTreeMap<Bytes, Consumer>,
}

/// An entry delivered to a consumer and not acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingEntry {
    /// Unix time in milliseconds of the last delivery.
    pub delivery_time: u64,
    /// How many times the entry was delivered.
    pub delivery_count: u64,
    /// The consumer that owns it (a key of the group's `consumers`).
    pub consumer: Bytes,
}

/// A consumer of a group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Consumer {
    /// Unix time in milliseconds of the consumer's last attempted interaction (XINFO's idle).
    pub seen_time: u64,
    /// The IDs it owns in the group's PEL.
    pub pel: BTreeSet<StreamId>,
}
