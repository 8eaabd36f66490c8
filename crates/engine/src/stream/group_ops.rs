//! Consumer group bookkeeping as Redis 7.0 does it: consumers created on first use, the
//! group's PEL and each consumer's PEL kept in step, the group's read counter advanced or
//! re-estimated as entries are delivered, and the lag XINFO reports.

use bytes::Bytes;

use super::group::{Consumer, ConsumerGroup, PendingEntry};
use super::id::StreamId;
use super::StreamValue;

impl ConsumerGroup {
    /// A group whose last delivered ID is `last_id`, with no consumers nor pending entries.
    pub fn new(last_id: StreamId, entries_read: Option<u64>) -> ConsumerGroup {
        ConsumerGroup {
            last_id,
            entries_read,
            ..ConsumerGroup::default()
        }
    }

    /// Looks up consumer `name`, creating it when missing, and records that it was seen now
    /// (Redis's lookup refreshes the seen time). Returns whether it was created.
    pub fn touch_consumer(&mut self, name: &[u8], now_ms: u64) -> bool {
        if let Some(consumer) = self.consumers.get_mut(name) {
            consumer.seen_time = now_ms;
            return false;
        }
        self.create_consumer(name, now_ms)
    }

    /// Creates consumer `name` unless it exists; returns whether it was created.
    pub fn create_consumer(&mut self, name: &[u8], now_ms: u64) -> bool {
        if self.consumers.contains_key(name) {
            return false;
        }
        let consumer = Consumer {
            seen_time: now_ms,
            ..Consumer::default()
        };
        self.consumers
            .insert(Bytes::copy_from_slice(name), consumer);
        true
    }

    /// Deletes consumer `name` and its pending entries from the group's PEL; returns how
    /// many entries it had pending, `None` when it did not exist.
    pub fn delete_consumer(&mut self, name: &[u8]) -> Option<usize> {
        let consumer = self.consumers.remove(name)?;
        for id in &consumer.pel {
            self.pel.remove(id);
        }
        Some(consumer.pel.len())
    }

    /// Removes `id` from the PEL (its owner's too); returns the entry it was.
    pub fn remove_pending(&mut self, id: StreamId) -> Option<PendingEntry> {
        let nack = self.pel.remove(&id)?;
        if let Some(owner) = self.consumers.get_mut(&nack.consumer) {
            owner.pel.remove(&id);
        }
        Some(nack)
    }

    /// Records a fresh delivery of `id` to `consumer` (which must exist): a new pending entry
    /// delivered once, or an existing one moved to `consumer` with its count reset to 1.
    pub fn deliver(&mut self, id: StreamId, consumer: &[u8], now_ms: u64) -> &PendingEntry {
        self.remove_pending(id);
        self.assign(id, consumer, now_ms, 1)
    }

    /// Gives `id` to `consumer` (which must exist) with this time and count, replacing any
    /// previous owner.
    pub fn assign(
        &mut self,
        id: StreamId,
        consumer: &[u8],
        delivery_time: u64,
        delivery_count: u64,
    ) -> &PendingEntry {
        if let Some(old) = self.pel.get(&id) {
            if old.consumer.as_ref() != consumer {
                let owner = old.consumer.clone();
                if let Some(c) = self.consumers.get_mut(&owner) {
                    c.pel.remove(&id);
                }
            }
        }
        let name = match self.consumers.get_key_value(consumer) {
            Some((name, _)) => name.clone(),
            None => Bytes::copy_from_slice(consumer),
        };
        if let Some(c) = self.consumers.get_mut(consumer) {
            c.pel.insert(id);
        }
        let entry = PendingEntry {
            delivery_time,
            delivery_count,
            consumer: name,
        };
        self.pel.insert(id, entry);
        &self.pel[&id]
    }

    /// Acknowledges `id`; returns whether it was pending.
    pub fn ack(&mut self, id: StreamId) -> bool {
        self.remove_pending(id).is_some()
    }
}

impl StreamValue {
    /// Whether a deleted entry may lie at or after `start` (Redis's
    /// `streamRangeHasTombstones(s, start, NULL)`): the group read counter can only be
    /// advanced by one when none does.
    pub fn has_tombstones_from(&self, start: StreamId) -> bool {
        if self.length == 0 || self.max_deleted_id == StreamId::MIN {
            return false;
        }
        if self.first_id > self.max_deleted_id {
            return false;
        }
        start <= self.max_deleted_id
    }

    /// Moves group `name`'s last delivered ID to `id` (above it) after delivering that entry,
    /// keeping the read counter as Redis does: one more when it was valid and no tombstone
    /// lies ahead, re-estimated otherwise.
    pub fn advance_group(&mut self, name: &[u8], id: StreamId) {
        let tombstones = self.has_tombstones_from(id);
        let estimate = self.estimate_entries_read(id);
        let entries_added = self.entries_added;
        let Some(group) = self.groups.get_mut(name) else {
            return;
        };
        match group.entries_read {
            Some(read) if !tombstones => group.entries_read = Some(read + 1),
            _ if entries_added > 0 => group.entries_read = estimate,
            _ => {}
        }
        group.last_id = id;
    }

    /// How many entries group `group` has yet to read (XINFO's `lag`), when that can be told.
    /// Negative when ENTRIESREAD claimed more reads than the stream ever had, as in Redis.
    pub fn group_lag(&self, group: &ConsumerGroup) -> Option<i64> {
        if self.entries_added == 0 {
            return Some(0);
        }
        let read = match group.entries_read {
            Some(read) if !self.has_tombstones_from(group.last_id) => Some(read),
            _ => self.estimate_entries_read(group.last_id),
        };
        read.map(|read| (self.entries_added as i64).wrapping_sub(read as i64))
    }

    /// Whether a live entry has this ID.
    pub fn contains(&self, id: StreamId) -> bool {
        self.get(id).is_some()
    }

    /// The ID of the last live entry, or `0-0` (Redis's `streamLastValidID`).
    pub fn last_live_id(&self) -> StreamId {
        self.edge_id(true).unwrap_or(StreamId::MIN)
    }

    /// Nodes of the radix tree Redis would keep for this stream's node keys (XINFO's
    /// `radix-tree-nodes`): a compressed trie of the 16-byte big-endian master IDs (matched
    /// Redis 7.0 on random streams of appends and deletions).
    pub fn radix_tree_nodes(&self) -> u64 {
        let keys: Vec<[u8; 16]> = self.nodes.keys().map(|id| id.to_be_bytes()).collect();
        if keys.is_empty() {
            return 1;
        }
        let refs: Vec<&[u8]> = keys.iter().map(|k| &k[..]).collect();
        trie_nodes(&refs)
    }
}

/// Nodes of a compressed trie over `keys` (sorted, distinct, equal length): one for a
/// compressed run of shared bytes, one per branching point, one per key end.
fn trie_nodes(keys: &[&[u8]]) -> u64 {
    let Some(first) = keys.first() else {
        return 0;
    };
    if first.is_empty() {
        return 1;
    }
    let last = keys[keys.len() - 1];
    let shared = first
        .iter()
        .zip(last.iter())
        .take_while(|(a, b)| a == b)
        .count();
    if shared > 0 {
        let rest: Vec<&[u8]> = keys.iter().map(|k| &k[shared..]).collect();
        return 1 + trie_nodes(&rest);
    }
    let mut total = 1;
    let mut start = 0;
    while start < keys.len() {
        let byte = keys[start][0];
        let end = keys[start..]
            .iter()
            .position(|k| k[0] != byte)
            .map_or(keys.len(), |n| start + n);
        let rest: Vec<&[u8]> = keys[start..end].iter().map(|k| &k[1..]).collect();
        total += trie_nodes(&rest);
        start = end;
    }
    total
}
