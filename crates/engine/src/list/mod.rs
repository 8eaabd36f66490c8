//! The list value type, with Redis 7.2's two encodings:
//! - `listpack`: one packed node, while the list is small;
//! - `quicklist`: a deque of packed nodes, each limited by `list-max-listpack-size` (positive:
//!   entries per node; -1..-5: 4, 8, 16, 32 or 64 KiB per node).
//!
//! Conversions happen where Redis 7.2 makes them: before a write that grows the list
//! ([`ListValue::convert_for_growth`]) and after one that shrinks it
//! ([`ListValue::convert_after_shrink`], which waits for half the limit so that a list at the
//! threshold does not flip on every push and pop). Node sizes are measured as Redis's listpack
//! would measure them (see `node.rs`), so encodings change after the same commands as in
//! Redis.

mod node;
mod quick;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;

use bytes::Bytes;

use crate::limits::EncodingLimits;
use crate::pack::PackItem;
use node::{exceeds, node_fill, node_limits, Node};

/// A list of byte strings.
#[derive(Debug, Clone, PartialEq)]
pub struct ListValue {
    /// The entries, head first. A listpack has exactly one node (maybe empty); a quicklist has
    /// no empty node.
    nodes: VecDeque<Node>,
    /// Number of entries in all nodes.
    len: usize,
    /// The per-node fill when the list is a quicklist, fixed when it became one (as Redis's
    /// `quicklist->fill`); `None` for a listpack.
    quick_fill: Option<i64>,
}

impl Default for ListValue {
    fn default() -> Self {
        ListValue::new()
    }
}

/// Which end of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The head (LEFT).
    Head,
    /// The tail (RIGHT).
    Tail,
}

impl ListValue {
    /// An empty list in the listpack encoding.
    pub fn new() -> ListValue {
        ListValue {
            nodes: VecDeque::from([Node::new()]),
            len: 0,
            quick_fill: None,
        }
    }

    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no elements.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        match self.quick_fill {
            None => "listpack",
            Some(_) => "quicklist",
        }
    }

    /// Number of nodes (1 for a listpack), for tests and memory reports.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Every element, head to tail (or tail to head with `.rev()`).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = PackItem<'_>> + '_ {
        self.nodes.iter().flat_map(|node| node.pack.iter())
    }

    /// `count` elements from index `start` towards the tail. `start` must be below `len()`.
    pub fn range(&self, start: usize, count: usize) -> impl Iterator<Item = PackItem<'_>> + '_ {
        let (node, offset) = self.locate(start.min(self.len.saturating_sub(1)));
        self.nodes
            .range(node..)
            .flat_map(|node| node.pack.iter())
            .skip(offset)
            .take(count)
    }

    /// `count` elements from index `last` towards the head. `last` must be below `len()`.
    pub fn range_rev(&self, last: usize, count: usize) -> impl Iterator<Item = PackItem<'_>> + '_ {
        let (node, offset) = self.locate(last.min(self.len.saturating_sub(1)));
        let after = self.nodes.get(node).map_or(0, |n| n.len() - offset - 1);
        self.nodes
            .range(..(node + 1).min(self.nodes.len()))
            .rev()
            .flat_map(|node| node.pack.iter().rev())
            .skip(after)
            .take(count)
    }

    /// The element at `index`; negative counts from the tail (-1 is the last).
    pub fn get(&self, index: i64) -> Option<PackItem<'_>> {
        let index = self.absolute(index)?;
        let (node, offset) = self.locate(index);
        let pack = &self.nodes.get(node)?.pack;
        pack.seek(offset as i64).map(|at| pack.get(at))
    }

    /// Appends `value`, converting to a quicklist first when the listpack would outgrow
    /// `limits`.
    pub fn push_back(&mut self, value: &[u8], limits: &EncodingLimits) {
        self.convert_for_growth([value], limits);
        self.push(End::Tail, value);
    }

    /// Prepends `value`, converting first as [`ListValue::push_back`] does.
    pub fn push_front(&mut self, value: &[u8], limits: &EncodingLimits) {
        self.convert_for_growth([value], limits);
        self.push(End::Head, value);
    }

    /// Pushes `value` at `end` without a conversion check: for callers that checked every
    /// value of the command at once with [`ListValue::convert_for_growth`], as LPUSH does.
    pub fn push(&mut self, end: End, value: &[u8]) {
        match (self.quick_fill, end) {
            (None, End::Head) => self.only_node().push_front(value),
            (None, End::Tail) => self.only_node().push_back(value),
            (Some(fill), End::Head) => self.quick_push_front(fill, value),
            (Some(fill), End::Tail) => self.quick_push_back(fill, value),
        }
        self.len += 1;
    }

    /// Removes and returns the element at `end`. No conversion: call
    /// [`ListValue::convert_after_shrink`] once the command is done removing.
    pub fn pop(&mut self, end: End) -> Option<Bytes> {
        let value = match end {
            End::Head => self.nodes.front_mut()?.pop_front(),
            End::Tail => self.nodes.back_mut()?.pop_back(),
        }?;
        self.len -= 1;
        self.drop_empty_end(end);
        Some(value)
    }

    /// Removes and returns the first element.
    pub fn pop_front(&mut self) -> Option<Bytes> {
        self.pop(End::Head)
    }

    /// Removes and returns the last element.
    pub fn pop_back(&mut self) -> Option<Bytes> {
        self.pop(End::Tail)
    }

    /// Removes up to `count` elements from `end`, returning how many went.
    pub fn trim(&mut self, end: End, count: usize) -> usize {
        let mut left = count.min(self.len);
        let removed = left;
        while left > 0 {
            let node = match end {
                End::Head => self.nodes.front_mut(),
                End::Tail => self.nodes.back_mut(),
            };
            let Some(node) = node else { break };
            let take = left.min(node.len());
            let first = if end == End::Head {
                0
            } else {
                node.len() - take
            };
            if let Some(offset) = node.pack.seek(first as i64) {
                node.remove_range(offset, take);
            }
            left -= take;
            self.drop_empty_end(end);
        }
        self.len -= removed;
        removed
    }

    /// Replaces the element at `index` (negative from the tail) as LSET does: the growth
    /// conversion runs first, whether or not the index exists, and the shrink one after a
    /// replacement. Returns whether the index existed.
    pub fn set(&mut self, index: i64, value: &[u8], limits: &EncodingLimits) -> bool {
        self.convert_for_growth([value], limits);
        let Some(index) = self.absolute(index) else {
            return false;
        };
        let (node, offset) = self.locate(index);
        let Some(node) = self.nodes.get_mut(node) else {
            return false;
        };
        let Some(at) = node.pack.seek(offset as i64) else {
            return false;
        };
        node.replace(at, value);
        self.convert_after_shrink(limits);
        true
    }

    /// Inserts `value` before or after the first element equal to `pivot` (LINSERT), returning
    /// the new length, or `None` when no element equals `pivot`. As in Redis, the growth
    /// conversion runs before the pivot is searched.
    pub fn insert(
        &mut self,
        pivot: &[u8],
        value: &[u8],
        after: bool,
        limits: &EncodingLimits,
    ) -> Option<usize> {
        self.convert_for_growth([value], limits);
        let needle = PackItem::from_bytes(pivot);
        let (node, index) = self
            .nodes
            .iter()
            .enumerate()
            .find_map(|(n, node)| node.pack.iter().position(|i| i == needle).map(|i| (n, i)))?;
        match self.quick_fill {
            None => {
                let node = self.only_node();
                let at = node.pack.seek((index + usize::from(after)) as i64);
                let at = at.unwrap_or(node.pack.byte_len());
                node.insert(at, value);
            }
            Some(fill) => self.quick_insert(fill, node, index, after, value),
        }
        self.len += 1;
        Some(self.len)
    }

    /// Removes elements equal to `value` (LREM): `count` > 0 the first `count` from the head,
    /// < 0 the first `-count` from the tail, 0 all of them. Returns how many went.
    pub fn remove(&mut self, value: &[u8], count: i64) -> usize {
        let needle = PackItem::from_bytes(value);
        let limit = match count.unsigned_abs() {
            0 => usize::MAX,
            n => usize::try_from(n).unwrap_or(usize::MAX),
        };
        let removed = if count < 0 {
            self.remove_from_tail(needle, limit)
        } else {
            self.remove_from_head(needle, limit)
        };
        self.len -= removed;
        self.nodes.retain(|node| node.len() > 0);
        if self.nodes.is_empty() && self.quick_fill.is_none() {
            self.nodes.push_back(Node::new());
        }
        removed
    }

    /// Redis's growth conversion (`listTypeTryConversionAppend`): a listpack about to take
    /// `values` becomes a quicklist when the result would break the node limit.
    pub fn convert_for_growth<'a>(
        &mut self,
        values: impl IntoIterator<Item = &'a [u8]>,
        limits: &EncodingLimits,
    ) {
        if self.quick_fill.is_some() {
            return;
        }
        let (mut add_bytes, mut add_count) = (0, 0);
        for value in values {
            add_bytes += value.len();
            add_count += 1;
        }
        let node = self
            .nodes
            .front()
            .map_or(node::LP_EMPTY_BYTES, |n| n.lp_bytes);
        let fill = limits.list_max_listpack_size;
        if exceeds(fill, node + add_bytes, self.len + add_count) {
            self.quick_fill = Some(node_fill(fill));
            // An empty listpack is dropped rather than kept as an empty node.
            self.nodes.retain(|node| node.len() > 0);
        }
    }

    /// Redis's shrink conversion: a quicklist of one node at most half the limit becomes a
    /// listpack again.
    pub fn convert_after_shrink(&mut self, limits: &EncodingLimits) {
        self.convert_to_listpack(limits, 2);
    }

    /// Redis's automatic conversion (`LIST_CONV_AUTO`, for lists built in one go such as
    /// SORT ... STORE): a quicklist of one node within the limit becomes a listpack.
    pub fn convert_auto(&mut self, limits: &EncodingLimits) {
        self.convert_to_listpack(limits, 1);
    }

    fn convert_to_listpack(&mut self, limits: &EncodingLimits, divisor: usize) {
        if self.quick_fill.is_none() || self.nodes.len() != 1 {
            return;
        }
        let (size_limit, count_limit) = node_limits(limits.list_max_listpack_size);
        let size_limit = size_limit.map_or(usize::MAX, |s| s / divisor);
        let count_limit = count_limit.map_or(u32::MAX as usize, |c| c / divisor);
        let bytes = self.nodes.front().map_or(0, |n| n.lp_bytes);
        if bytes <= size_limit && self.len <= count_limit {
            self.quick_fill = None;
        }
    }

    /// `index` as a position from the head, when it is within the list.
    fn absolute(&self, index: i64) -> Option<usize> {
        let len = self.len as i64;
        let index = if index < 0 {
            len.checked_add(index)?
        } else {
            index
        };
        (0..len).contains(&index).then_some(index as usize)
    }

    /// The node holding element `index` and the element's position in it, walking from the
    /// nearer end of the list.
    fn locate(&self, index: usize) -> (usize, usize) {
        if index < self.len / 2 {
            let mut skipped = 0;
            for (n, node) in self.nodes.iter().enumerate() {
                if index < skipped + node.len() {
                    return (n, index - skipped);
                }
                skipped += node.len();
            }
        } else {
            let mut first = self.len;
            for (n, node) in self.nodes.iter().enumerate().rev() {
                first -= node.len();
                if index >= first {
                    return (n, index - first);
                }
            }
        }
        (0, 0)
    }

    /// The single node of a listpack.
    fn only_node(&mut self) -> &mut Node {
        if self.nodes.is_empty() {
            self.nodes.push_back(Node::new());
        }
        &mut self.nodes[0]
    }

    /// Drops the node at `end` of a quicklist when it has emptied.
    fn drop_empty_end(&mut self, end: End) {
        if self.quick_fill.is_none() {
            return;
        }
        match end {
            End::Head if self.nodes.front().is_some_and(|n| n.len() == 0) => {
                self.nodes.pop_front();
            }
            End::Tail if self.nodes.back().is_some_and(|n| n.len() == 0) => {
                self.nodes.pop_back();
            }
            _ => {}
        }
    }
}
