//! List operations on one bare [`Pack`]: the whole of an inline listpack, and the per-node
//! part of LREM that quicklist nodes share.

use bytes::Bytes;

use super::node::lp_item_size;
use super::End;
use crate::pack::{Pack, PackItem};

/// Removes and returns the element at `end`.
pub(super) fn pop(pack: &mut Pack, end: End) -> Option<Bytes> {
    let offset = match end {
        End::Head => pack.first(),
        End::Tail => pack.last(),
    }?;
    let value = pack.get(offset).to_bytes();
    pack.remove(offset);
    Some(value)
}

/// Removes up to `count` elements from `end`, returning how many went.
pub(super) fn trim(pack: &mut Pack, end: End, count: usize) -> usize {
    let take = count.min(pack.len());
    let first = match end {
        End::Head => 0,
        End::Tail => pack.len() - take,
    };
    if take > 0 {
        if let Some(offset) = pack.seek(first as i64) {
            pack.remove_range(offset, take);
        }
    }
    take
}

/// Inserts `value` before or after the first element equal to `needle`; `None` when no
/// element is.
pub(super) fn insert(
    pack: &mut Pack,
    needle: PackItem<'_>,
    value: &[u8],
    after: bool,
) -> Option<()> {
    let index = pack.iter().position(|item| item == needle)?;
    let at = pack.seek((index + usize::from(after)) as i64);
    let at = at.unwrap_or(pack.byte_len());
    pack.insert(at, value);
    Some(())
}

/// Replaces element `index`, returning whether it exists.
pub(super) fn replace(pack: &mut Pack, index: usize, value: &[u8]) -> bool {
    let Some(at) = pack.seek(index as i64) else {
        return false;
    };
    pack.replace(at, value);
    true
}

/// Removes up to `limit` elements equal to `needle`, scanning from the tail when
/// `from_tail`. Returns how many went and the Redis listpack bytes they took, for a node's
/// accounting.
pub(super) fn remove_matches(
    pack: &mut Pack,
    needle: PackItem<'_>,
    limit: usize,
    from_tail: bool,
) -> (usize, usize) {
    let (mut removed, mut lp_bytes) = (0, 0);
    let mut cursor = if from_tail { pack.last() } else { pack.first() };
    while let Some(offset) = cursor {
        if removed == limit {
            break;
        }
        let hit = pack.get(offset) == needle;
        if hit {
            lp_bytes += lp_item_size(pack.get(offset));
            pack.remove(offset);
            removed += 1;
        }
        cursor = match (from_tail, hit) {
            // Entries before `offset` did not move.
            (true, _) => pack.prev(offset),
            // The offset now names the next entry, if the pack has one.
            (false, true) => (offset < pack.byte_len()).then_some(offset),
            (false, false) => pack.next(offset),
        };
    }
    (removed, lp_bytes)
}
