//! Intersection, union and difference of sets, with the result encodings Redis 7.2's
//! `sinterGenericCommand` and `sunionDiffGenericCommand` produce (they show in OBJECT ENCODING
//! of a `*STORE` destination, and in the order SUNION and SDIFF reply in).
//!
//! A missing key is an empty set: callers pass `None` for it.

use super::SetValue;
use crate::limits::EncodingLimits;
use crate::pack::PackItem;

/// The sets of an intersection, smallest first, or `None` when one is missing (the result is
/// then empty).
fn by_size<'a>(sets: &[Option<&'a SetValue>]) -> Option<Vec<&'a SetValue>> {
    let mut present: Vec<&SetValue> = sets.iter().copied().collect::<Option<_>>()?;
    present.sort_by_key(|set| set.len());
    Some(present)
}

/// Members of the smallest set that every other set holds, in the smallest set's order,
/// stopping after `limit` of them when given.
fn common<'a>(sets: &[&'a SetValue], limit: Option<usize>) -> Vec<PackItem<'a>> {
    let Some((first, others)) = sets.split_first() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for item in first.iter() {
        if limit.is_some_and(|limit| found.len() >= limit) {
            break;
        }
        let everywhere = item.with_bytes(|bytes| others.iter().all(|set| set.contains(bytes)));
        if everywhere {
            found.push(item);
        }
    }
    found
}

/// SINTER: the members every set holds.
pub fn inter<'a>(sets: &[Option<&'a SetValue>]) -> Vec<PackItem<'a>> {
    by_size(sets).map_or_else(Vec::new, |sets| common(&sets, None))
}

/// SINTERCARD: how many members every set holds, counting no further than `limit` (0: no
/// limit).
pub fn inter_card(sets: &[Option<&SetValue>], limit: usize) -> usize {
    let limit = (limit > 0).then_some(limit);
    by_size(sets).map_or(0, |sets| common(&sets, limit).len())
}

/// SINTERSTORE's result: built from an intset when the smallest set is one, else from a
/// listpack; turned into an intset at the end when every member is an integer and it fits.
pub fn inter_store(sets: &[Option<&SetValue>], limits: &EncodingLimits) -> SetValue {
    let Some(sorted) = by_size(sets) else {
        return SetValue::new();
    };
    let mut result = match sorted.first() {
        Some(first) if first.is_intset() => SetValue::new(),
        _ => SetValue::new_listpack(),
    };
    for item in common(&sorted, None) {
        item.with_bytes(|bytes| result.insert(bytes, limits));
    }
    result.compact_integers(limits);
    result
}

/// SUNION and SUNIONSTORE: every member of every set, added in turn to a set that starts as
/// an empty intset.
pub fn union(sets: &[Option<&SetValue>], limits: &EncodingLimits) -> SetValue {
    let mut result = SetValue::new();
    for set in sets.iter().flatten() {
        for item in set.iter() {
            item.with_bytes(|bytes| result.insert(bytes, limits));
        }
    }
    result
}

/// SDIFF and SDIFFSTORE: the members of the first set no other set holds. Redis picks one of
/// two algorithms by the sizes involved; the second adds the whole first set before removing,
/// which can leave a different encoding, so both are kept.
pub fn diff(sets: &[Option<&SetValue>], limits: &EncodingLimits) -> SetValue {
    let mut result = SetValue::new();
    let Some((Some(first), others)) = sets.split_first() else {
        return result;
    };
    if others
        .iter()
        .flatten()
        .any(|set| std::ptr::eq(*set, *first))
    {
        return result;
    }
    let present = sets.iter().flatten();
    let algo_one_work = (present.clone().count() * first.len()) / 2;
    let algo_two_work: usize = present.map(|set| set.len()).sum();
    if algo_one_work <= algo_two_work {
        let mut others: Vec<&SetValue> = others.iter().flatten().copied().collect();
        // Largest first: a member held elsewhere is more likely found at once.
        others.sort_by_key(|set| std::cmp::Reverse(set.len()));
        for item in first.iter() {
            item.with_bytes(|bytes| {
                if !others.iter().any(|set| set.contains(bytes)) {
                    result.insert(bytes, limits);
                }
            });
        }
    } else {
        for item in first.iter() {
            item.with_bytes(|bytes| result.insert(bytes, limits));
        }
        for set in others.iter().flatten() {
            if result.is_empty() {
                break;
            }
            for item in set.iter() {
                item.with_bytes(|bytes| result.remove(bytes));
            }
        }
    }
    result
}
