//! Test-only invariant check of a tree (see the module docs of `tree`).

use super::{Tree, NIL};
use crate::zset::cut::key_less;

/// A key bound during the check: (score, member).
type Bound = Option<(f64, Vec<u8>)>;

impl Tree {
    /// Panics unless every invariant holds.
    pub(in crate::zset) fn check(&self) {
        let mut order = Vec::new();
        let total = self.check_node(self.root, self.height, &None, &None, &mut order);
        assert_eq!(total, self.len, "len");
        let mut linked = Vec::new();
        let (mut leaf, mut prev) = (self.first, NIL);
        while leaf != NIL {
            assert_eq!(self.leaves[leaf as usize].prev, prev, "prev link of {leaf}");
            linked.push(leaf);
            prev = leaf;
            leaf = self.leaves[leaf as usize].next;
        }
        assert_eq!(prev, self.last, "last leaf");
        assert_eq!(linked, order, "leaf links follow key order");
    }

    fn check_node(
        &self,
        node: u32,
        level: u32,
        low: &Bound,
        high: &Bound,
        order: &mut Vec<u32>,
    ) -> usize {
        let in_bounds = |s: f64, m: &[u8]| {
            low.as_ref().is_none_or(|(ls, lm)| !key_less(s, m, *ls, lm))
                && high.as_ref().is_none_or(|(hs, hm)| key_less(s, m, *hs, hm))
        };
        if level == 0 {
            order.push(node);
            let keys = &self.leaves[node as usize].keys;
            for i in 0..keys.len() {
                let (m, s) = keys.get(i);
                assert!(
                    in_bounds(s, m),
                    "key {i} of leaf {node} outside its separators"
                );
                if i > 0 {
                    let (pm, ps) = keys.get(i - 1);
                    assert!(key_less(ps, pm, s, m), "leaf {node} out of order at {i}");
                }
            }
            return keys.len();
        }
        let inner = &self.inners[node as usize];
        let n = inner.children.len();
        assert!(n >= 1, "inner node {node} without children");
        assert_eq!(inner.counts.len(), n);
        assert_eq!(inner.keys.len(), n);
        let mut total = 0;
        for i in 0..n {
            let child_low = if i == 0 {
                low.clone()
            } else {
                let (m, s) = inner.keys.get(i);
                assert!(
                    in_bounds(s, m),
                    "separator {i} of {node} outside its bounds"
                );
                Some((s, m.to_vec()))
            };
            let child_high = if i + 1 < n {
                let (m, s) = inner.keys.get(i + 1);
                Some((s, m.to_vec()))
            } else {
                high.clone()
            };
            let count =
                self.check_node(inner.children[i], level - 1, &child_low, &child_high, order);
            assert_eq!(count, inner.counts[i], "count {i} of inner node {node}");
            total += count;
        }
        total
    }

    /// Levels above the leaves.
    pub(in crate::zset) fn height(&self) -> u32 {
        self.height
    }
}
