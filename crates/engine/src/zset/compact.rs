//! The compact encoding (`listpack`): one `Pack` of member, score, member, score, ... in
//! ascending (score, member) order. Every operation is a linear walk, as in Redis: the
//! encoding only holds up to `zset-max-listpack-entries` members, so a walk is a few hundred
//! bytes of sequential reads.
//!
//! Members are always packed as strings, even when they read as integers, so that every
//! query can hand out a borrowed `&[u8]`. Scores are packed as integers when they are exact
//! ones (2-3 bytes for small values instead of 10), else as floats.

use crate::pack::{Pack, PackItem};

use super::cut::Cut;

/// Largest magnitude below which every integer is an exact `f64`.
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

/// The item a score is packed as.
fn score_item(score: f64) -> PackItem<'static> {
    // -0.0 stays a float: as an integer it would read back as 0.
    if score.fract() == 0.0
        && score.abs() < EXACT_INT
        && !(score == 0.0 && score.is_sign_negative())
    {
        PackItem::Int(score as i64)
    } else {
        PackItem::Float(score)
    }
}

/// The member packed at an offset (always a string; anything else reads as empty).
fn member_of(item: PackItem<'_>) -> &[u8] {
    match item {
        PackItem::Str(s) => s,
        _ => &[],
    }
}

/// The (member, score) pair whose member entry is at `offset`, and the offset of the next
/// pair.
#[inline]
pub(super) fn pair_at(pack: &Pack, offset: usize) -> (&[u8], f64, Option<usize>) {
    let (member, score_at) = pack.get_next(offset);
    let Some(score_at) = score_at else {
        return (member_of(member), 0.0, None);
    };
    let (score, next) = pack.get_next(score_at);
    (member_of(member), score.as_float().unwrap_or(0.0), next)
}

/// Every pair with the offset of its member entry, ascending.
pub(super) fn pairs(pack: &Pack) -> impl Iterator<Item = (usize, &[u8], f64)> + '_ {
    let mut at = pack.first();
    std::iter::from_fn(move || {
        let offset = at?;
        let (member, score, next) = pair_at(pack, offset);
        at = next;
        Some((offset, member, score))
    })
}

/// The offset, rank and score of `member`.
pub(super) fn find(pack: &Pack, member: &[u8]) -> Option<(usize, usize, f64)> {
    pairs(pack)
        .enumerate()
        .find(|(_, (_, m, _))| *m == member)
        .map(|(rank, (offset, _, score))| (offset, rank, score))
}

/// Inserts a pair for a member that is absent.
pub(super) fn insert(pack: &mut Pack, member: &[u8], score: f64) {
    let at = pairs(pack)
        .find(|&(_, m, s)| !Cut::BeforeKey(score, member).holds(s, || m))
        .map_or(pack.byte_len(), |(offset, _, _)| offset);
    let at = pack.insert_item(at, PackItem::Str(member));
    let score_at = pack.next(at).unwrap_or(pack.byte_len());
    pack.insert_item(score_at, score_item(score));
}

/// Removes the pair whose member entry is at `offset`.
pub(super) fn remove_at(pack: &mut Pack, offset: usize) {
    pack.remove_range(offset, 2);
}

/// The offset of the pair at `rank`.
pub(super) fn seek(pack: &Pack, rank: usize) -> Option<usize> {
    pack.seek(i64::try_from(rank.checked_mul(2)?).ok()?)
}

/// The number of pairs before `cut`.
pub(super) fn partition(pack: &Pack, cut: Cut<'_>) -> usize {
    pairs(pack)
        .take_while(|&(_, m, s)| cut.holds(s, || m))
        .count()
}

/// Calls `visit` on ranks `start..end` (`end <= len`), ascending or descending.
pub(super) fn visit(
    pack: &Pack,
    start: usize,
    end: usize,
    rev: bool,
    visit: &mut dyn FnMut(&[u8], f64),
) {
    if start >= end {
        return;
    }
    if !rev {
        let mut at = seek(pack, start);
        for _ in start..end {
            let Some(offset) = at else { return };
            let (member, score, next) = pair_at(pack, offset);
            visit(member, score);
            at = next;
        }
        return;
    }
    let mut at = seek(pack, end - 1);
    for _ in start..end {
        let Some(offset) = at else { return };
        let (member, score, _) = pair_at(pack, offset);
        visit(member, score);
        at = pack.prev(offset).and_then(|score_at| pack.prev(score_at));
    }
}

/// Removes ranks `start..end` (`end <= len`).
pub(super) fn remove_range(pack: &mut Pack, start: usize, end: usize) {
    if let Some(offset) = seek(pack, start) {
        pack.remove_range(offset, 2 * (end - start));
    }
}
