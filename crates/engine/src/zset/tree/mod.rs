//! `Tree`: the ordered index of a large sorted set, a B+tree of (score, member) keys whose
//! inner nodes count the keys below each child, so rank, select-by-rank and bound searches
//! take O(log n).
//!
//! Design: nodes live in two arena vectors (leaves and inner nodes) and refer to each other by
//! `u32` index, with free lists for reuse: no `unsafe`, no reference counting, and a node
//! costs no allocation beyond its arrays. Leaves hold the keys (see `keys.rs`) and are linked
//! both ways for range walks. An inner node holds, for each child, the number of keys under it
//! and a separator: a copy of the child's smallest key when it was split off, which stays a
//! valid lower bound whatever is removed later, so removals never rewrite separators.
//! `insert`/`remove` are in `edit.rs`.
//!
//! Architecture Invariant: each key appears once; keys ascend across leaves in link order;
//! `counts[i]` of an inner node is the number of keys under `children[i]`; every separator
//! `keys[i]` (i > 0) is above every key under children `..i` and at or below every key under
//! children `i..`. `keys[0]` is never consulted and may be stale (when an emptied first child
//! goes, its successor's separator moves up into it), so merging a node into its left
//! neighbour takes the parent's separator for it instead.

#[cfg(test)]
mod check;
mod edit;
mod keys;

use keys::Keys;

use super::cut::Cut;

/// Node size limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shape {
    /// Most keys in a leaf.
    pub(super) leaf_max: usize,
    /// Most member bytes in a leaf of two or more keys, so that long members do not make
    /// every insertion move tens of kilobytes.
    pub(super) leaf_bytes: usize,
    /// Most children of an inner node.
    pub(super) inner_max: usize,
}

impl Shape {
    /// The sizes in use: a leaf or inner node spans a few cache lines per array.
    pub(super) const STANDARD: Shape = Shape {
        leaf_max: 64,
        leaf_bytes: 4096,
        inner_max: 64,
    };

    /// Tiny nodes, so that tests with a few hundred keys build trees several levels deep.
    #[cfg(test)]
    pub(super) const TINY: Shape = Shape {
        leaf_max: 8,
        leaf_bytes: 64,
        inner_max: 8,
    };
}

#[cfg(test)]
thread_local! {
    /// The shape new trees take on this test thread.
    pub(super) static TEST_SHAPE: std::cell::Cell<Shape> =
        const { std::cell::Cell::new(Shape::STANDARD) };
}

/// The shape of a new tree.
fn new_shape() -> Shape {
    #[cfg(test)]
    return TEST_SHAPE.with(std::cell::Cell::get);
    #[cfg(not(test))]
    Shape::STANDARD
}

/// Marks "no node" in leaf links.
const NIL: u32 = u32::MAX;

/// A leaf: keys and its neighbours in key order.
#[derive(Debug, Clone, Default)]
struct Leaf {
    keys: Keys,
    prev: u32,
    next: u32,
}

/// An inner node: one separator, child and count per child.
#[derive(Debug, Clone, Default)]
struct Inner {
    keys: Keys,
    children: Vec<u32>,
    counts: Vec<usize>,
}

/// The ordered index.
#[derive(Debug, Clone)]
pub(super) struct Tree {
    leaves: Vec<Leaf>,
    inners: Vec<Inner>,
    free_leaves: Vec<u32>,
    free_inners: Vec<u32>,
    /// The root: a leaf when `height` is 0, else an inner node.
    root: u32,
    /// Inner levels above the leaves.
    height: u32,
    /// The first and last leaves in key order.
    first: u32,
    last: u32,
    len: usize,
    shape: Shape,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            leaves: vec![Leaf {
                keys: Keys::default(),
                prev: NIL,
                next: NIL,
            }],
            inners: Vec::new(),
            free_leaves: Vec::new(),
            free_inners: Vec::new(),
            root: 0,
            height: 0,
            first: 0,
            last: 0,
            len: 0,
            shape: new_shape(),
        }
    }
}

impl Tree {
    /// Number of keys.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The number of keys before `cut`.
    pub(super) fn partition(&self, cut: Cut<'_>) -> usize {
        let mut node = self.root;
        let mut rank = 0;
        for _ in 0..self.height {
            let inner = &self.inners[node as usize];
            let i = child_for(&inner.keys, &cut);
            rank += inner.counts[..i].iter().sum::<usize>();
            node = inner.children[i];
        }
        rank + self.leaves[node as usize].keys.partition(0, &cut)
    }

    /// The rank of key (`score`, `member`), which must be present.
    pub(super) fn rank_of(&self, score: f64, member: &[u8]) -> usize {
        self.partition(Cut::BeforeKey(score, member))
    }

    /// The leaf holding rank `rank` and the position in it.
    fn locate(&self, mut rank: usize) -> Option<(u32, usize)> {
        if rank >= self.len {
            return None;
        }
        let mut node = self.root;
        for _ in 0..self.height {
            let inner = &self.inners[node as usize];
            let mut i = 0;
            while i + 1 < inner.counts.len() && rank >= inner.counts[i] {
                rank -= inner.counts[i];
                i += 1;
            }
            node = inner.children[i];
        }
        Some((node, rank))
    }

    /// The member and score at `rank`.
    pub(super) fn get(&self, rank: usize) -> Option<(&[u8], f64)> {
        let (leaf, at) = self.locate(rank)?;
        Some(self.leaves[leaf as usize].keys.get(at))
    }

    /// Calls `visit` on ranks `start..end` (`end <= len`), ascending or, when `rev`,
    /// descending from `end - 1`.
    pub(super) fn visit(
        &self,
        start: usize,
        end: usize,
        rev: bool,
        visit: &mut dyn FnMut(&[u8], f64),
    ) {
        let mut left = end.saturating_sub(start);
        let from = if rev { end.wrapping_sub(1) } else { start };
        let Some((mut leaf, mut at)) = self.locate(from) else {
            return;
        };
        while left > 0 && leaf != NIL {
            let node = &self.leaves[leaf as usize];
            if rev {
                // In reverse, `at` is the last position to visit in this leaf.
                let take = left.min(at + 1);
                (at + 1 - take..=at).rev().for_each(|i| {
                    let (m, s) = node.keys.get(i);
                    visit(m, s);
                });
                left -= take;
                leaf = node.prev;
                // An empty leaf (possible only while merges are blocked) is skipped whole.
                while let Some(prev) = self.leaves.get(leaf as usize) {
                    if prev.keys.len() > 0 {
                        break;
                    }
                    leaf = prev.prev;
                }
                at = self
                    .leaves
                    .get(leaf as usize)
                    .map_or(0, |prev| prev.keys.len() - 1);
            } else {
                let take = left.min(node.keys.len() - at);
                (at..at + take).for_each(|i| {
                    let (m, s) = node.keys.get(i);
                    visit(m, s);
                });
                left -= take;
                leaf = node.next;
                at = 0;
            }
        }
    }

    /// Every key, ascending.
    pub(super) fn iter(&self) -> TreeIter<'_> {
        TreeIter {
            tree: self,
            leaf: self.first,
            at: 0,
        }
    }

    /// Heap bytes held by nodes and arenas.
    pub(super) fn heap_size(&self) -> usize {
        let leaves: usize = self.leaves.iter().map(|l| l.keys.heap_size()).sum();
        let inners: usize = self
            .inners
            .iter()
            .map(|n| {
                n.keys.heap_size()
                    + n.children.capacity() * std::mem::size_of::<u32>()
                    + n.counts.capacity() * std::mem::size_of::<usize>()
            })
            .sum();
        leaves
            + inners
            + self.leaves.capacity() * std::mem::size_of::<Leaf>()
            + self.inners.capacity() * std::mem::size_of::<Inner>()
            + (self.free_leaves.capacity() + self.free_inners.capacity()) * 4
    }
}

/// The child of an inner node whose subtree holds `cut`: the number of separators after the
/// first that lie before it.
#[inline]
fn child_for(keys: &Keys, cut: &Cut<'_>) -> usize {
    keys.partition(1, cut) - 1
}

/// Ascending iterator over a tree's keys.
pub(super) struct TreeIter<'a> {
    tree: &'a Tree,
    leaf: u32,
    at: usize,
}

impl<'a> Iterator for TreeIter<'a> {
    type Item = (&'a [u8], f64);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let node = self.tree.leaves.get(self.leaf as usize)?;
            if self.at < node.keys.len() {
                self.at += 1;
                return Some(node.keys.get(self.at - 1));
            }
            self.leaf = node.next;
            self.at = 0;
        }
    }
}
