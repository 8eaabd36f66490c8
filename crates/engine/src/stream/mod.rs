//! The stream value type: entries with IDs in increasing order, each a list of field/value
//! pairs, and consumer groups that track delivery.
//!
//! Entries live in nodes keyed by their master ID, each node a listpack laid out exactly as
//! Redis lays it out (`node.rs`), split by the same rule (`stream-node-max-bytes`,
//! `stream-node-max-entries`). Deleted entries keep their place, flagged, until their node
//! empties, as in Redis: that is what makes DUMP payloads, RDB files and XINFO's node count
//! agree with Redis's.

pub mod group;
mod group_ops;
#[cfg(test)]
mod group_tests;
pub mod id;
pub mod node;
mod trim;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use bytes::Bytes;

use crate::listpack::{Element, Listpack};

pub use group::{Consumer, ConsumerGroup, PendingEntry};
pub use id::StreamId;
pub use node::NodeLimits;
pub use trim::{TrimSpec, TrimStrategy};

/// One live entry, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamEntry {
    /// Its ID.
    pub id: StreamId,
    /// Field, value, field, value, ...
    pub pairs: Vec<Bytes>,
}

/// A stream.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StreamValue {
    /// The entry nodes, keyed by master ID (the ID of the first entry each node received).
    pub nodes: BTreeMap<StreamId, Listpack>,
    /// Live entries.
    pub length: u64,
    /// The largest ID ever added (or set by XSETID).
    pub last_id: StreamId,
    /// The first live entry's ID (`0-0` when empty).
    pub first_id: StreamId,
    /// The largest ID deleted so far (`0-0` when none).
    pub max_deleted_id: StreamId,
    /// Entries ever added (Redis's `entries-added`).
    pub entries_added: u64,
    /// Consumer groups by name, in name order.
    pub groups: BTreeMap<Bytes, ConsumerGroup>,
}

impl StreamValue {
    /// An empty stream.
    pub fn new() -> StreamValue {
        StreamValue::default()
    }

    /// Live entries.
    pub fn len(&self) -> u64 {
        self.length
    }

    /// Whether no live entry is left (an empty stream still stays under its key).
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// Appends an entry; the caller has checked that `id` is above `last_id` and that
    /// `pairs` holds field/value pairs. Updates the length, last ID, first ID and count.
    pub fn append(&mut self, id: StreamId, pairs: &[&[u8]], limits: NodeLimits) {
        let tail = self.nodes.last_key_value().map(|(master, _)| *master);
        match tail {
            Some(master) if !node::needs_new_node(&self.nodes[&master], pairs, limits) => {
                if let Some(lp) = self.nodes.get_mut(&master) {
                    node::append(lp, master, id, pairs);
                }
            }
            _ => {
                self.nodes.insert(id, node::new_node(pairs));
            }
        }
        if self.length == 0 {
            self.first_id = id;
        }
        self.length += 1;
        self.last_id = id;
        self.entries_added += 1;
    }

    /// Live entries with IDs in `start..=end`, oldest first; at most `count` when given.
    pub fn range(&self, start: StreamId, end: StreamId, count: Option<usize>) -> Vec<StreamEntry> {
        let mut out = Vec::new();
        if start > end {
            return out;
        }
        let limit = count.unwrap_or(usize::MAX);
        for (master, lp) in self.nodes_from(start) {
            if *master > end {
                break;
            }
            let iter = node::NodeIter::new(lp, *master);
            for head in iter.clone() {
                if head.id > end {
                    return out;
                }
                if head.deleted || head.id < start {
                    continue;
                }
                if out.len() >= limit {
                    return out;
                }
                out.push(owned(head.id, &iter.pairs(&head)));
            }
        }
        out
    }

    /// Live entries with IDs in `start..=end`, newest first; at most `count` when given.
    pub fn rev_range(
        &self,
        start: StreamId,
        end: StreamId,
        count: Option<usize>,
    ) -> Vec<StreamEntry> {
        let mut out = Vec::new();
        if start > end {
            return out;
        }
        let limit = count.unwrap_or(usize::MAX);
        for (master, lp) in self.nodes.range(..=end).rev() {
            let iter = node::NodeIter::new(lp, *master);
            let heads: Vec<node::EntryHead> = iter.clone().collect();
            for head in heads.iter().rev() {
                if head.id < start {
                    return out;
                }
                if head.deleted || head.id > end {
                    continue;
                }
                if out.len() >= limit {
                    return out;
                }
                out.push(owned(head.id, &iter.pairs(head)));
            }
            if *master < start {
                break;
            }
        }
        out
    }

    /// The live entry with this ID.
    pub fn get(&self, id: StreamId) -> Option<StreamEntry> {
        self.range(id, id, Some(1)).pop()
    }

    /// Deletes the live entry with this ID (flagging it, or dropping its node when it was the
    /// node's last live entry). Updates the length only: the caller maintains `first_id` and
    /// `max_deleted_id` as the command requires.
    pub fn delete(&mut self, id: StreamId) -> bool {
        let Some((&master, _)) = self.nodes.range(..=id).next_back() else {
            return false;
        };
        let Some(lp) = self.nodes.get_mut(&master) else {
            return false;
        };
        let found = node::NodeIter::new(lp, master)
            .find(|e| e.id == id && !e.deleted)
            .map(|e| e.flags_at);
        let Some(flags_at) = found else {
            return false;
        };
        if node::counts(lp).0 <= 1 {
            self.nodes.remove(&master);
        } else {
            node::mark_deleted(lp, flags_at);
        }
        self.length -= 1;
        true
    }

    /// The first (or last) live entry's ID.
    pub fn edge_id(&self, last: bool) -> Option<StreamId> {
        if last {
            self.nodes
                .iter()
                .rev()
                .find_map(|(master, lp)| node::last_id(lp, *master, true))
        } else {
            self.nodes.iter().find_map(|(master, lp)| {
                node::NodeIter::new(lp, *master)
                    .find(|e| !e.deleted)
                    .map(|e| e.id)
            })
        }
    }

    /// The nodes from the one that may hold `start` onwards.
    fn nodes_from(&self, start: StreamId) -> impl Iterator<Item = (&StreamId, &Listpack)> {
        let from = self
            .nodes
            .range(..=start)
            .next_back()
            .map(|(master, _)| *master)
            .unwrap_or(start);
        self.nodes.range(from..)
    }
}

fn owned(id: StreamId, pairs: &[Element<'_>]) -> StreamEntry {
    StreamEntry {
        id,
        pairs: pairs
            .iter()
            .map(|p| match p {
                Element::Str(s) => Bytes::copy_from_slice(s),
                Element::Int(_) => Bytes::from(p.to_vec()),
            })
            .collect(),
    }
}

impl StreamValue {
    /// How many entries a group whose last delivered ID is `id` has read, when that can be
    /// told from the stream alone (Redis's `streamEstimateDistanceFromFirstEverEntry`): used
    /// when a group is created or moved, and when older RDB files carry no count.
    pub fn estimate_entries_read(&self, id: StreamId) -> Option<u64> {
        if self.entries_added == 0 {
            return Some(0);
        }
        if self.length == 0 && id <= self.last_id {
            return Some(self.entries_added);
        }
        match id.cmp(&self.last_id) {
            std::cmp::Ordering::Equal => return Some(self.entries_added),
            std::cmp::Ordering::Greater => return None,
            std::cmp::Ordering::Less => {}
        }
        let no_gaps_ahead =
            self.max_deleted_id == StreamId::MIN || self.max_deleted_id < self.first_id;
        if no_gaps_ahead {
            let before_first = self.entries_added - self.length;
            match id.cmp(&self.first_id) {
                std::cmp::Ordering::Less => return Some(before_first),
                std::cmp::Ordering::Equal => return Some(before_first + 1),
                std::cmp::Ordering::Greater => {}
            }
        }
        None
    }
}
