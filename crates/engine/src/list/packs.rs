//! An iterator over the packs of a list's nodes, whichever way the list holds them.

use std::collections::vec_deque;

use super::node::Node;
use crate::pack::Pack;

/// The packs of an inline listpack (one) or of a range of nodes, in order.
pub(super) enum Packs<'a> {
    /// The inline pack, if it is in the range.
    One(Option<&'a Pack>),
    /// Nodes of a chain.
    Nodes(vec_deque::Iter<'a, Node>),
}

impl<'a> Iterator for Packs<'a> {
    type Item = &'a Pack;

    #[inline]
    fn next(&mut self) -> Option<&'a Pack> {
        match self {
            Packs::One(pack) => pack.take(),
            Packs::Nodes(nodes) => nodes.next().map(|node| &node.pack),
        }
    }
}

impl DoubleEndedIterator for Packs<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            Packs::One(pack) => pack.take(),
            Packs::Nodes(nodes) => nodes.next_back().map(|node| &node.pack),
        }
    }
}
