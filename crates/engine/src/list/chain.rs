//! The general representation of a list: a deque of nodes that each know their Redis listpack
//! size. It holds every quicklist, and the listpacks too large to stay inline (see `mod.rs`);
//! a listpack here has exactly one node (maybe empty), a quicklist no empty node.

use std::collections::VecDeque;

use bytes::Bytes;

use super::node::{exceeds, node_fill, node_limits, Node};
use super::pack_ops::remove_matches;
use super::End;
use crate::limits::EncodingLimits;
use crate::pack::PackItem;

/// Nodes of a list, their total entry count and the quicklist fill.
#[derive(Debug, Clone)]
pub(super) struct Chain {
    /// The entries, head first.
    pub nodes: VecDeque<Node>,
    /// Number of entries in all nodes.
    pub len: usize,
    /// The per-node fill when the list is a quicklist, fixed when it became one (as Redis's
    /// `quicklist->fill`); `None` for a listpack.
    pub quick_fill: Option<i64>,
}

impl Chain {
    /// A listpack of the one node `node`.
    pub fn listpack(node: Node) -> Chain {
        Chain {
            len: node.len(),
            nodes: VecDeque::from([node]),
            quick_fill: None,
        }
    }

    /// A quicklist of `fill` (a `list-max-listpack-size` setting) made of `node`, which is
    /// dropped when empty rather than kept as an empty node.
    pub fn quicklist(node: Node, fill: i64) -> Chain {
        let len = node.len();
        let nodes = if len == 0 {
            VecDeque::new()
        } else {
            VecDeque::from([node])
        };
        Chain {
            nodes,
            len,
            quick_fill: Some(node_fill(fill)),
        }
    }

    /// Pushes `value` at `end` without a conversion check.
    pub fn push(&mut self, end: End, value: &[u8]) {
        match (self.quick_fill, end) {
            (None, End::Head) => self.only_node().push_front(value),
            (None, End::Tail) => self.only_node().push_back(value),
            (Some(fill), End::Head) => self.quick_push_front(fill, value),
            (Some(fill), End::Tail) => self.quick_push_back(fill, value),
        }
        self.len += 1;
    }

    /// Removes and returns the element at `end`.
    pub fn pop(&mut self, end: End) -> Option<Bytes> {
        let value = match end {
            End::Head => self.nodes.front_mut()?.pop_front(),
            End::Tail => self.nodes.back_mut()?.pop_back(),
        }?;
        self.len -= 1;
        self.drop_empty_end(end);
        Some(value)
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

    /// Replaces element `index` (below `len`), returning whether it was found.
    pub fn replace(&mut self, index: usize, value: &[u8]) -> bool {
        let (node, offset) = self.locate(index);
        let Some(node) = self.nodes.get_mut(node) else {
            return false;
        };
        let Some(at) = node.pack.seek(offset as i64) else {
            return false;
        };
        node.replace(at, value);
        true
    }

    /// Inserts `value` before or after the first element equal to `needle`; `None` when no
    /// element is.
    pub fn insert(&mut self, needle: PackItem<'_>, value: &[u8], after: bool) -> Option<()> {
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
        Some(())
    }

    /// Removes up to `limit` elements equal to `needle`, from the tail when `from_tail`,
    /// returning how many went.
    pub fn remove(&mut self, needle: PackItem<'_>, limit: usize, from_tail: bool) -> usize {
        let mut removed = 0;
        let mut visit = |node: &mut Node| {
            let (count, lp_bytes) =
                remove_matches(&mut node.pack, needle, limit - removed, from_tail);
            node.lp_bytes -= lp_bytes;
            removed += count;
            removed < limit
        };
        if from_tail {
            self.nodes.iter_mut().rev().all(&mut visit);
        } else {
            self.nodes.iter_mut().all(&mut visit);
        }
        self.len -= removed;
        self.nodes.retain(|node| node.len() > 0);
        if self.nodes.is_empty() && self.quick_fill.is_none() {
            self.nodes.push_back(Node::new());
        }
        removed
    }

    /// The growth conversion of a listpack about to take `add_count` values of `add_bytes`
    /// bytes in all (see `ListValue::convert_for_growth`).
    pub fn convert_for_growth(&mut self, add_bytes: usize, add_count: usize, fill: i64) {
        if self.quick_fill.is_some() {
            return;
        }
        let node = self
            .nodes
            .front()
            .map_or(super::node::LP_EMPTY_BYTES, |n| n.lp_bytes);
        if exceeds(fill, node + add_bytes, self.len + add_count) {
            self.quick_fill = Some(node_fill(fill));
            self.nodes.retain(|node| node.len() > 0);
        }
    }

    /// A quicklist of one node within half the limit becomes a listpack (the half keeps a
    /// list at the threshold from flipping on every push and pop).
    pub fn shrink_to_listpack(&mut self, limits: &EncodingLimits) {
        if self.quick_fill.is_none() || self.nodes.len() != 1 {
            return;
        }
        let (size_limit, count_limit) = node_limits(limits.list_max_listpack_size);
        let size_limit = size_limit.map_or(usize::MAX, |s| s / 2);
        let count_limit = count_limit.map_or(u32::MAX as usize, |c| c / 2);
        let bytes = self.nodes.front().map_or(0, |n| n.lp_bytes);
        if bytes <= size_limit && self.len <= count_limit {
            self.quick_fill = None;
        }
    }

    /// The node holding element `index` and the element's position in it, walking from the
    /// nearer end of the list.
    pub fn locate(&self, index: usize) -> (usize, usize) {
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
