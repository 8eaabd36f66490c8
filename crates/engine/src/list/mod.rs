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
//!
//! Every key pays for the size of the largest value type, so a list is 32 bytes: a small
//! listpack is a bare [`Pack`] held inline, whose Redis size is bounded in constant time and
//! measured only when the bound is not enough; larger listpacks and every quicklist live
//! behind a pointer (`chain.rs`) with the size of each node kept up to date.

mod chain;
#[cfg(test)]
mod inline_tests;
mod node;
mod pack_ops;
mod packs;
mod quick;
#[cfg(test)]
mod tests;

use bytes::Bytes;

use crate::limits::EncodingLimits;
use crate::pack::{Pack, PackItem};
use chain::Chain;
use node::{exceeds, lp_size, lp_size_bound, Node};
use packs::Packs;

/// Bytes past which an inline listpack moves behind a pointer. Small enough that walking it
/// costs little, and that its size bound stays below every node limit, so that only a push
/// of a large value makes an inline listpack measure itself.
const INLINE_MAX_BYTES: usize = 512;

/// Bytes at or below which a listpack moves back inline: half the way out, so that a list at
/// the edge does not move on every push and pop.
const INLINE_RETURN_BYTES: usize = INLINE_MAX_BYTES / 2;

/// A list of byte strings.
#[derive(Debug, Clone)]
pub struct ListValue {
    repr: Repr,
}

/// Where a list's entries live.
#[derive(Debug, Clone)]
enum Repr {
    /// A listpack of at most [`INLINE_MAX_BYTES`].
    Inline(Pack),
    /// A larger listpack, or a quicklist.
    Chain(Box<Chain>),
}

impl Default for ListValue {
    fn default() -> Self {
        ListValue::new()
    }
}

impl PartialEq for ListValue {
    /// Same encoding, fill and node contents, wherever the entries live.
    fn eq(&self, other: &ListValue) -> bool {
        self.quick_fill() == other.quick_fill() && self.packs().eq(other.packs())
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
            repr: Repr::Inline(Pack::new()),
        }
    }

    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Inline(pack) => pack.len(),
            Repr::Chain(chain) => chain.len,
        }
    }

    /// Whether there are no elements.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        match self.quick_fill() {
            None => "listpack",
            Some(_) => "quicklist",
        }
    }

    /// Number of nodes (1 for a listpack), for tests and memory reports.
    pub fn node_count(&self) -> usize {
        match &self.repr {
            Repr::Inline(_) => 1,
            Repr::Chain(chain) => chain.nodes.len(),
        }
    }

    /// Every element, head to tail (or tail to head with `.rev()`).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = PackItem<'_>> + '_ {
        self.packs().flat_map(Pack::iter)
    }

    /// Every node's entries, head first (one node for a listpack): a snapshot writes them as
    /// the quicklist's nodes, so that Redis reads back the same layout.
    pub fn node_packs(&self) -> impl DoubleEndedIterator<Item = &Pack> + '_ {
        self.packs()
    }

    /// `count` elements from index `start` towards the tail. `start` must be below `len()`.
    pub fn range(&self, start: usize, count: usize) -> impl Iterator<Item = PackItem<'_>> + '_ {
        let (node, offset) = self.locate(start.min(self.len().saturating_sub(1)));
        self.packs_in(node, usize::MAX)
            .flat_map(Pack::iter)
            .skip(offset)
            .take(count)
    }

    /// `count` elements from index `last` towards the head. `last` must be below `len()`.
    pub fn range_rev(&self, last: usize, count: usize) -> impl Iterator<Item = PackItem<'_>> + '_ {
        let (node, offset) = self.locate(last.min(self.len().saturating_sub(1)));
        // Elements of the node after element `last`, which the walk back skips.
        let after = self
            .packs_in(node, node + 1)
            .next()
            .map_or(0, |pack| pack.len().saturating_sub(offset + 1));
        self.packs_in(0, node + 1)
            .rev()
            .flat_map(|pack| pack.iter().rev())
            .skip(after)
            .take(count)
    }

    /// The element at `index`; negative counts from the tail (-1 is the last).
    pub fn get(&self, index: i64) -> Option<PackItem<'_>> {
        let index = self.absolute(index)?;
        let (node, offset) = self.locate(index);
        let pack = self.packs_in(node, node + 1).next()?;
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
        match &mut self.repr {
            Repr::Inline(pack) => {
                match end {
                    End::Head => pack.push_front(value),
                    End::Tail => pack.push_back(value),
                }
                self.settle();
            }
            Repr::Chain(chain) => chain.push(end, value),
        }
    }

    /// Removes and returns the element at `end`. No conversion: call
    /// [`ListValue::convert_after_shrink`] once the command is done removing.
    pub fn pop(&mut self, end: End) -> Option<Bytes> {
        let value = match &mut self.repr {
            Repr::Inline(pack) => pack_ops::pop(pack, end),
            Repr::Chain(chain) => chain.pop(end),
        };
        self.settle();
        value
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
        let removed = match &mut self.repr {
            Repr::Inline(pack) => pack_ops::trim(pack, end, count),
            Repr::Chain(chain) => chain.trim(end, count),
        };
        self.settle();
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
        let replaced = match &mut self.repr {
            Repr::Inline(pack) => pack_ops::replace(pack, index, value),
            Repr::Chain(chain) => chain.replace(index, value),
        };
        if replaced {
            self.convert_after_shrink(limits);
        }
        self.settle();
        replaced
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
        match &mut self.repr {
            Repr::Inline(pack) => pack_ops::insert(pack, needle, value, after)?,
            Repr::Chain(chain) => chain.insert(needle, value, after)?,
        }
        self.settle();
        Some(self.len())
    }

    /// Removes elements equal to `value` (LREM): `count` > 0 the first `count` from the head,
    /// < 0 the first `-count` from the tail, 0 all of them. Returns how many went.
    pub fn remove(&mut self, value: &[u8], count: i64) -> usize {
        let needle = PackItem::from_bytes(value);
        let limit = match count.unsigned_abs() {
            0 => usize::MAX,
            n => usize::try_from(n).unwrap_or(usize::MAX),
        };
        let removed = match &mut self.repr {
            Repr::Inline(pack) => pack_ops::remove_matches(pack, needle, limit, count < 0).0,
            Repr::Chain(chain) => chain.remove(needle, limit, count < 0),
        };
        self.settle();
        removed
    }

    /// Redis's growth conversion (`listTypeTryConversionAppend`): a listpack about to take
    /// `values` becomes a quicklist when the result would break the node limit.
    pub fn convert_for_growth<'a>(
        &mut self,
        values: impl IntoIterator<Item = &'a [u8]>,
        limits: &EncodingLimits,
    ) {
        let (mut add_bytes, mut add_count) = (0, 0);
        for value in values {
            add_bytes += value.len();
            add_count += 1;
        }
        let fill = limits.list_max_listpack_size;
        match &mut self.repr {
            Repr::Inline(pack) => {
                let count = pack.len() + add_count;
                // Node limits only grow with the size, so within the bound is within the limit.
                if exceeds(fill, lp_size_bound(pack) + add_bytes, count)
                    && exceeds(fill, lp_size(pack) + add_bytes, count)
                {
                    let node = Node::from_pack(std::mem::take(pack));
                    self.repr = Repr::Chain(Box::new(Chain::quicklist(node, fill)));
                }
            }
            Repr::Chain(chain) => chain.convert_for_growth(add_bytes, add_count, fill),
        }
    }

    /// Redis's shrink conversion: a quicklist of one node at most half the limit becomes a
    /// listpack again.
    pub fn convert_after_shrink(&mut self, limits: &EncodingLimits) {
        if let Repr::Chain(chain) = &mut self.repr {
            chain.shrink_to_listpack(limits);
            self.settle();
        }
    }

    /// Moves a listpack between inline and behind the pointer as its size crosses
    /// [`INLINE_MAX_BYTES`] or [`INLINE_RETURN_BYTES`]; no encoding changes.
    fn settle(&mut self) {
        match &mut self.repr {
            Repr::Inline(pack) if pack.byte_len() > INLINE_MAX_BYTES => {
                let node = Node::from_pack(std::mem::take(pack));
                self.repr = Repr::Chain(Box::new(Chain::listpack(node)));
            }
            Repr::Chain(chain)
                if chain.quick_fill.is_none()
                    && chain.nodes.front().map_or(0, |node| node.pack.byte_len())
                        <= INLINE_RETURN_BYTES =>
            {
                let pack = chain.nodes.pop_front().map(|node| node.pack);
                self.repr = Repr::Inline(pack.unwrap_or_default());
            }
            _ => {}
        }
    }

    /// The quicklist fill, `None` for a listpack.
    fn quick_fill(&self) -> Option<i64> {
        match &self.repr {
            Repr::Inline(_) => None,
            Repr::Chain(chain) => chain.quick_fill,
        }
    }

    /// Every node's pack, head first.
    fn packs(&self) -> Packs<'_> {
        self.packs_in(0, usize::MAX)
    }

    /// The packs of nodes `first..end` (`end` is clamped to the node count).
    fn packs_in(&self, first: usize, end: usize) -> Packs<'_> {
        match &self.repr {
            Repr::Inline(pack) => Packs::One((first == 0 && end > 0).then_some(pack)),
            Repr::Chain(chain) => {
                let end = end.min(chain.nodes.len());
                Packs::Nodes(chain.nodes.range(first.min(end)..end))
            }
        }
    }

    /// `index` as a position from the head, when it is within the list.
    fn absolute(&self, index: i64) -> Option<usize> {
        let len = self.len() as i64;
        let index = if index < 0 {
            len.checked_add(index)?
        } else {
            index
        };
        (0..len).contains(&index).then_some(index as usize)
    }

    /// The node holding element `index` and the element's position in it.
    fn locate(&self, index: usize) -> (usize, usize) {
        match &self.repr {
            Repr::Inline(_) => (0, index),
            Repr::Chain(chain) => chain.locate(index),
        }
    }
}
