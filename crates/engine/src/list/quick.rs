//! Node bookkeeping of the quicklist encoding: where a pushed or inserted element goes, when a
//! full node splits and when neighbours merge, following Redis 7.2's quicklist so that node
//! layouts (and so the shrink conversion, which needs a single node) match.

use super::chain::Chain;
use super::node::{allow_insert, allow_merge, Node};

impl Chain {
    /// `quicklistPushHead`: into the head node while it has room, else into a new head node.
    pub(super) fn quick_push_front(&mut self, fill: i64, value: &[u8]) {
        match self.nodes.front_mut() {
            Some(head) if allow_insert(head, fill, value.len()) => head.push_front(value),
            _ => {
                let mut node = Node::new();
                node.push_back(value);
                self.nodes.push_front(node);
            }
        }
    }

    /// `quicklistPushTail`: the mirror of [`Chain::quick_push_front`].
    pub(super) fn quick_push_back(&mut self, fill: i64, value: &[u8]) {
        match self.nodes.back_mut() {
            Some(tail) if allow_insert(tail, fill, value.len()) => tail.push_back(value),
            _ => {
                let mut node = Node::new();
                node.push_back(value);
                self.nodes.push_back(node);
            }
        }
    }

    /// `_quicklistInsert`: puts `value` before or after entry `index` of node `at`. A full node
    /// passes the value to a neighbour with room when the entry is at its edge, else gets a
    /// new neighbour, else splits around the entry and then tries to merge nodes back.
    pub(super) fn quick_insert(
        &mut self,
        fill: i64,
        at: usize,
        index: usize,
        after: bool,
        value: &[u8],
    ) {
        let len = value.len();
        let Some(node) = self.nodes.get(at) else {
            return;
        };
        let count = node.len();
        let full = !allow_insert(node, fill, len);
        let at_tail = after && index + 1 == count;
        let at_head = !after && index == 0;
        let room_next = at_tail
            && self
                .nodes
                .get(at + 1)
                .is_some_and(|n| allow_insert(n, fill, len));
        let room_prev = at_head
            && at > 0
            && self
                .nodes
                .get(at - 1)
                .is_some_and(|n| allow_insert(n, fill, len));
        if !full {
            let node = &mut self.nodes[at];
            let position = index + usize::from(after);
            let offset = node.pack.seek(position as i64);
            let offset = offset.unwrap_or(node.pack.byte_len());
            node.insert(offset, value);
        } else if room_next {
            self.nodes[at + 1].push_front(value);
        } else if room_prev {
            self.nodes[at - 1].push_back(value);
        } else if at_tail || at_head {
            let mut fresh = Node::new();
            fresh.push_back(value);
            self.nodes.insert(if after { at + 1 } else { at }, fresh);
        } else {
            self.split_insert(fill, at, index, after, value);
        }
    }

    /// The split case of [`Chain::quick_insert`] (`_quicklistSplitNode` then
    /// `_quicklistMergeNodes` around the original node).
    fn split_insert(&mut self, fill: i64, at: usize, index: usize, after: bool, value: &[u8]) {
        let node = &mut self.nodes[at];
        let center = if after {
            // The node keeps 0..=index; the new node after it takes the rest, value first.
            let mut fresh = node.split_off(index + 1);
            fresh.push_front(value);
            self.nodes.insert(at + 1, fresh);
            at
        } else {
            // The node keeps index..; the new node before it takes 0..index, value last.
            let tail = node.split_off(index);
            let mut fresh = std::mem::replace(node, tail);
            fresh.push_back(value);
            self.nodes.insert(at, fresh);
            at + 1
        };
        self.merge_around(fill, center);
    }

    /// `_quicklistMergeNodes`: merges the two nodes before `center`, the two after it, then
    /// `center` with its previous node and the result with its next node, where each merge
    /// stays within the fill.
    fn merge_around(&mut self, fill: i64, mut center: usize) {
        if center >= 2 && self.try_merge(fill, center - 2) {
            center -= 1;
        }
        if center + 2 < self.nodes.len() {
            self.try_merge(fill, center + 1);
        }
        let target = if center >= 1 && self.try_merge(fill, center - 1) {
            center - 1
        } else {
            center
        };
        if target + 1 < self.nodes.len() {
            self.try_merge(fill, target);
        }
    }

    /// Merges node `first` with the node after it when the result stays within the fill.
    fn try_merge(&mut self, fill: i64, first: usize) -> bool {
        let allowed = match (self.nodes.get(first), self.nodes.get(first + 1)) {
            (Some(a), Some(b)) => allow_merge(a, b, fill),
            _ => false,
        };
        if allowed {
            if let Some(second) = self.nodes.remove(first + 1) {
                self.nodes[first].append(second);
            }
        }
        allowed
    }
}
