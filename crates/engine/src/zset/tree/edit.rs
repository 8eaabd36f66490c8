//! Insertion (splitting full nodes on the way back up) and removal by rank (merging underfull
//! nodes into a neighbour), each touching one root-to-leaf path.
//!
//! Why removal works by rank: a key is found by its rank (`Tree::rank_of`), and ZREMRANGEBY*
//! remove rank runs, so one routine serves both, steered by the counts alone.

use super::keys::Keys;
use super::{Inner, Leaf, Tree, NIL};
use crate::zset::cut::Cut;

/// A node split off to the right, for the parent to adopt.
struct Split {
    /// Its smallest key: the separator the parent stores.
    score: f64,
    member: Vec<u8>,
    node: u32,
    /// Keys under it.
    count: usize,
}

impl Tree {
    /// Inserts key (`score`, `member`), which must be absent.
    pub(in crate::zset) fn insert(&mut self, score: f64, member: &[u8]) {
        self.len += 1;
        let Some(split) = self.insert_below(self.root, self.height, score, member) else {
            return;
        };
        // The root split: a new root adopts both halves. Its first separator is never read.
        let mut keys = Keys::default();
        keys.insert(0, split.score, &split.member);
        keys.insert(1, split.score, &split.member);
        let root = Inner {
            keys,
            children: vec![self.root, split.node],
            counts: vec![self.len - split.count, split.count],
        };
        self.root = self.alloc_inner(root);
        self.height += 1;
    }

    fn insert_below(&mut self, node: u32, level: u32, score: f64, member: &[u8]) -> Option<Split> {
        if level == 0 {
            return self.insert_in_leaf(node, score, member);
        }
        let inner = &self.inners[node as usize];
        // Route to the last child whose separator is at or below the key.
        let i = super::child_for(&inner.keys, &Cut::AfterKey(score, member));
        let child = inner.children[i];
        let split = self.insert_below(child, level - 1, score, member);
        let inner = &mut self.inners[node as usize];
        inner.counts[i] += 1;
        let split = split?;
        inner.counts[i] -= split.count;
        inner.children.insert(i + 1, split.node);
        inner.counts.insert(i + 1, split.count);
        inner.keys.insert(i + 1, split.score, &split.member);
        if inner.children.len() <= self.shape.inner_max {
            return None;
        }
        // A child split at the right end (keys arriving in ascending order) leaves this
        // node full and starts a new one, as for leaves below.
        let len = inner.children.len();
        let mid = if i + 2 == len { len - 1 } else { len / 2 };
        let right = Inner {
            keys: inner.keys.split_off(mid),
            children: inner.children.split_off(mid),
            counts: inner.counts.split_off(mid),
        };
        inner.children.shrink_to_fit();
        inner.counts.shrink_to_fit();
        let (score, member) = (right.keys.score(0), right.keys.member(0).to_vec());
        let count = right.counts.iter().sum();
        let node = self.alloc_inner(right);
        Some(Split {
            score,
            member,
            node,
            count,
        })
    }

    fn insert_in_leaf(&mut self, node: u32, score: f64, member: &[u8]) -> Option<Split> {
        let leaf = &mut self.leaves[node as usize];
        let at = leaf.keys.partition(0, &Cut::BeforeKey(score, member));
        leaf.keys.insert(at, score, member);
        let len = leaf.keys.len();
        if len <= self.shape.leaf_max && (leaf.keys.byte_len() <= self.shape.leaf_bytes || len < 2)
        {
            return None;
        }
        let next = leaf.next;
        // Keys inserted in ascending order (timestamps as scores) would leave every leaf half
        // full with a split in the middle; at the right end, keep this leaf full instead.
        let mid = if at + 1 == len && next == NIL {
            len - 1
        } else {
            len / 2
        };
        let keys = leaf.keys.split_off(mid);
        let (score, member, count) = (keys.score(0), keys.member(0).to_vec(), keys.len());
        let right = self.alloc_leaf(Leaf {
            keys,
            prev: node,
            next,
        });
        self.leaves[node as usize].next = right;
        match self.leaves.get_mut(next as usize) {
            Some(after) => after.prev = right,
            None => self.last = right,
        }
        Some(Split {
            score,
            member,
            node: right,
            count,
        })
    }

    /// Removes up to `count` keys from rank `rank` on, calling `removed` on each, and returns
    /// how many went (all of them: ranks past the end are ignored).
    pub(in crate::zset) fn remove_range(
        &mut self,
        rank: usize,
        count: usize,
        removed: &mut dyn FnMut(&[u8], f64),
    ) -> usize {
        let count = count.min(self.len.saturating_sub(rank));
        let mut done = 0;
        while done < count {
            // Each pass empties part of one leaf.
            let n = self.remove_below(self.root, self.height, rank, count - done, removed);
            self.len -= n;
            done += n;
            self.collapse_root();
            if n == 0 {
                break;
            }
        }
        done
    }

    fn remove_below(
        &mut self,
        node: u32,
        level: u32,
        mut rank: usize,
        count: usize,
        removed: &mut dyn FnMut(&[u8], f64),
    ) -> usize {
        if level == 0 {
            let keys = &mut self.leaves[node as usize].keys;
            let end = keys.len().min(rank + count);
            (rank..end).for_each(|i| {
                let (m, s) = keys.get(i);
                removed(m, s);
            });
            keys.remove_range(rank, end);
            return end.saturating_sub(rank);
        }
        let inner = &self.inners[node as usize];
        let mut i = 0;
        while i + 1 < inner.counts.len() && rank >= inner.counts[i] {
            rank -= inner.counts[i];
            i += 1;
        }
        let child = inner.children[i];
        let n = self.remove_below(child, level - 1, rank, count, removed);
        self.inners[node as usize].counts[i] -= n;
        self.rebalance(node, i, level - 1);
        n
    }

    /// Merges child `i` of inner node `node` (at `child_level`) into a neighbour when it has
    /// become underfull and the two fit in one node. The left neighbour is tried first: range
    /// removals sweep left to right, so that is the one they have just emptied.
    fn rebalance(&mut self, node: u32, i: usize, child_level: u32) {
        let parent = &self.inners[node as usize];
        let child = parent.children[i];
        if parent.counts[i] == 0 && parent.children.len() > 1 {
            // An emptied subtree goes whole, whatever its neighbours hold.
            self.free_subtree(child, child_level);
            let parent = &mut self.inners[node as usize];
            parent.children.remove(i);
            parent.counts.remove(i);
            parent.keys.remove_range(i, i + 1);
            return;
        }
        let left = i.checked_sub(1).map(|l| (l, i));
        let right = (i + 1 < parent.children.len()).then_some((i, i + 1));
        for (left, right) in [left, right].into_iter().flatten() {
            let parent = &self.inners[node as usize];
            let (l, r) = (parent.children[left], parent.children[right]);
            let merged = if child_level == 0 {
                self.merge_leaves(child, l, r)
            } else {
                self.merge_inners(child, l, r, node, right)
            };
            if merged {
                let parent = &mut self.inners[node as usize];
                parent.counts[left] += parent.counts[right];
                parent.children.remove(right);
                parent.counts.remove(right);
                parent.keys.remove_range(right, right + 1);
                return;
            }
        }
    }

    /// Frees an empty subtree, unlinking its leaves.
    fn free_subtree(&mut self, node: u32, level: u32) {
        if level > 0 {
            let inner = std::mem::take(&mut self.inners[node as usize]);
            for child in inner.children {
                self.free_subtree(child, level - 1);
            }
            self.free_inners.push(node);
            return;
        }
        let leaf = std::mem::take(&mut self.leaves[node as usize]);
        match self.leaves.get_mut(leaf.prev as usize) {
            Some(before) => before.next = leaf.next,
            None => self.first = leaf.next,
        }
        match self.leaves.get_mut(leaf.next as usize) {
            Some(after) => after.prev = leaf.prev,
            None => self.last = leaf.prev,
        }
        self.free_leaves.push(node);
    }

    /// Moves leaf `r` into `l` when `child` (one of them) is underfull and both fit in one.
    fn merge_leaves(&mut self, child: u32, l: u32, r: u32) -> bool {
        let small = &self.leaves[child as usize].keys;
        if small.len() >= self.shape.leaf_max / 4 || small.byte_len() >= self.shape.leaf_bytes / 4 {
            return false;
        }
        let (lk, rk) = (&self.leaves[l as usize].keys, &self.leaves[r as usize].keys);
        let fits = lk.len() + rk.len() <= self.shape.leaf_max
            && lk.byte_len() + rk.byte_len() <= self.shape.leaf_bytes;
        if !fits && lk.len() > 0 && rk.len() > 0 {
            return false;
        }
        let right = std::mem::take(&mut self.leaves[r as usize]);
        self.leaves[l as usize].keys.append(&right.keys, 0);
        self.leaves[l as usize].next = right.next;
        match self.leaves.get_mut(right.next as usize) {
            Some(after) => after.prev = l,
            None => self.last = l,
        }
        self.free_leaves.push(r);
        true
    }

    /// Moves inner node `r` (child `right` of `parent`) into `l` when `child` (one of them)
    /// is underfull and both fit.
    fn merge_inners(&mut self, child: u32, l: u32, r: u32, parent: u32, right: usize) -> bool {
        if self.inners[child as usize].children.len() >= self.shape.inner_max / 4 {
            return false;
        }
        let both = self.inners[l as usize].children.len() + self.inners[r as usize].children.len();
        if both > self.shape.inner_max {
            return false;
        }
        // `r`'s own first separator may be stale (never consulted while first, and replaced
        // by its successor when an emptied first child goes): the parent's is the bound.
        let (member, score) = self.inners[parent as usize].keys.get(right);
        let (member, score) = (member.to_vec(), score);
        let right = std::mem::take(&mut self.inners[r as usize]);
        let left = &mut self.inners[l as usize];
        let at = left.keys.len();
        left.keys.insert(at, score, &member);
        left.keys.append(&right.keys, 1);
        left.children.extend_from_slice(&right.children);
        left.counts.extend_from_slice(&right.counts);
        self.free_inners.push(r);
        true
    }

    /// Replaces a root with a single child by that child.
    fn collapse_root(&mut self) {
        while self.height > 0 && self.inners[self.root as usize].children.len() == 1 {
            let old = self.root;
            self.root = self.inners[old as usize].children[0];
            self.inners[old as usize] = Inner::default();
            self.free_inners.push(old);
            self.height -= 1;
        }
    }

    fn alloc_leaf(&mut self, leaf: Leaf) -> u32 {
        match self.free_leaves.pop() {
            Some(id) => {
                self.leaves[id as usize] = leaf;
                id
            }
            None => {
                self.leaves.push(leaf);
                (self.leaves.len() - 1) as u32
            }
        }
    }

    fn alloc_inner(&mut self, inner: Inner) -> u32 {
        match self.free_inners.pop() {
            Some(id) => {
                self.inners[id as usize] = inner;
                id
            }
            None => {
                self.inners.push(inner);
                (self.inners.len() - 1) as u32
            }
        }
    }
}
