//! `IntSet`: the compact encoding of a set whose members are all integers, as Redis's intset.
//!
//! The members are kept sorted in one vector whose element width is the smallest of 16, 32 or
//! 64 bits that holds every member, so small integers cost two bytes each; lookups are binary
//! searches. The width grows when a wider member arrives and, as in Redis, never shrinks.

/// Sorted distinct integers, stored at the narrowest width that fits them all.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum IntSet {
    /// Every member fits in 16 bits.
    W16(Vec<i16>),
    /// Every member fits in 32 bits, some need more than 16.
    W32(Vec<i32>),
    /// Some member needs 64 bits.
    W64(Vec<i64>),
}

impl Default for IntSet {
    fn default() -> Self {
        IntSet::W16(Vec::new())
    }
}

/// Binary search for `value` in sorted `items` of any width.
fn search<T: Copy + Into<i64>>(items: &[T], value: i64) -> Result<usize, usize> {
    items.binary_search_by(|probe| (*probe).into().cmp(&value))
}

/// Converts every element of `items` to a wider type (lossless by construction).
fn widen<T: Copy + Into<U>, U>(items: &[T]) -> Vec<U> {
    items.iter().map(|&v| v.into()).collect()
}

impl IntSet {
    /// An empty set at the narrowest width.
    pub(crate) fn new() -> IntSet {
        IntSet::default()
    }

    /// Number of members.
    pub(crate) fn len(&self) -> usize {
        match self {
            IntSet::W16(v) => v.len(),
            IntSet::W32(v) => v.len(),
            IntSet::W64(v) => v.len(),
        }
    }

    /// The member at sorted position `index`.
    pub(crate) fn get(&self, index: usize) -> Option<i64> {
        match self {
            IntSet::W16(v) => v.get(index).map(|&n| n.into()),
            IntSet::W32(v) => v.get(index).map(|&n| n.into()),
            IntSet::W64(v) => v.get(index).copied(),
        }
    }

    /// The smallest member.
    pub(crate) fn min(&self) -> Option<i64> {
        self.get(0)
    }

    /// The largest member.
    pub(crate) fn max(&self) -> Option<i64> {
        self.get(self.len().checked_sub(1)?)
    }

    /// Bytes per member at the current width.
    pub(crate) fn width_bytes(&self) -> usize {
        match self {
            IntSet::W16(_) => 2,
            IntSet::W32(_) => 4,
            IntSet::W64(_) => 8,
        }
    }

    /// Whether `value` is a member.
    pub(crate) fn contains(&self, value: i64) -> bool {
        match self {
            IntSet::W16(v) => search(v, value).is_ok(),
            IntSet::W32(v) => search(v, value).is_ok(),
            IntSet::W64(v) => search(v, value).is_ok(),
        }
    }

    /// Adds `value`, widening the storage first when it needs more bits; false when present.
    pub(crate) fn insert(&mut self, value: i64) -> bool {
        self.widen_for(value);
        match self {
            IntSet::W16(v) => insert_sorted(v, value),
            IntSet::W32(v) => insert_sorted(v, value),
            IntSet::W64(v) => insert_sorted(v, value),
        }
    }

    /// Removes `value`; false when absent. The width stays, as Redis's intset keeps it.
    pub(crate) fn remove(&mut self, value: i64) -> bool {
        match self {
            IntSet::W16(v) => remove_sorted(v, value),
            IntSet::W32(v) => remove_sorted(v, value),
            IntSet::W64(v) => remove_sorted(v, value),
        }
    }

    /// Every member in increasing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = i64> + '_ {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    /// Re-encodes the storage at a width that holds `value`, if the current one does not.
    fn widen_for(&mut self, value: i64) {
        let needs_64 = i32::try_from(value).is_err();
        let needs_32 = i16::try_from(value).is_err();
        let widened = match self {
            IntSet::W16(v) if needs_64 => IntSet::W64(widen(v)),
            IntSet::W16(v) if needs_32 => IntSet::W32(widen(v)),
            IntSet::W32(v) if needs_64 => IntSet::W64(widen(v)),
            _ => return,
        };
        *self = widened;
    }
}

/// Inserts `value` (which fits `T`) into sorted `items`; false when present.
fn insert_sorted<T: Copy + Into<i64> + TryFrom<i64>>(items: &mut Vec<T>, value: i64) -> bool {
    let Ok(narrow) = T::try_from(value) else {
        return false; // unreachable: the caller widened the storage for `value`
    };
    match search(items, value) {
        Ok(_) => false,
        Err(at) => {
            items.insert(at, narrow);
            true
        }
    }
}

/// Removes `value` from sorted `items`; false when absent.
fn remove_sorted<T: Copy + Into<i64>>(items: &mut Vec<T>, value: i64) -> bool {
    match search(items, value) {
        Ok(at) => {
            items.remove(at);
            if items.capacity() > 64 && items.len() < items.capacity() / 2 {
                items.shrink_to_fit();
            }
            true
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_integers_take_two_bytes_and_widen_on_demand() {
        let mut set = IntSet::new();
        assert!(set.insert(5));
        assert!(set.insert(-3));
        assert!(!set.insert(5));
        assert_eq!(set.width_bytes(), 2);
        assert!(set.insert(70_000));
        assert_eq!(set.width_bytes(), 4);
        assert!(set.insert(i64::MIN));
        assert_eq!(set.width_bytes(), 8);
        assert_eq!(set.iter().collect::<Vec<_>>(), [i64::MIN, -3, 5, 70_000]);
        assert!(set.remove(i64::MIN));
        assert_eq!(set.width_bytes(), 8, "the width never shrinks");
        assert!(!set.remove(i64::MIN));
        assert_eq!((set.min(), set.max()), (Some(-3), Some(70_000)));
    }

    #[test]
    fn sixteen_bit_edges_stay_narrow() {
        let mut set = IntSet::new();
        set.insert(i64::from(i16::MAX));
        set.insert(i64::from(i16::MIN));
        assert_eq!(set.width_bytes(), 2);
        set.insert(i64::from(i16::MAX) + 1);
        assert_eq!(set.width_bytes(), 4);
        assert!(set.contains(i64::from(i16::MIN)));
        assert!(!set.contains(0));
    }
}
