//! `IntSet`: the compact encoding of a set whose members are all integers, as Redis's intset.
//!
//! The members are kept sorted, little-endian, in one exactly sized buffer whose element width
//! is the smallest of 16, 32 or 64 bits that holds every member, so small integers cost two
//! bytes each; lookups are binary searches. The width grows when a wider member arrives and, as
//! in Redis, never shrinks.
//!
//! Layout: `[width in bytes][member][member]...`; an empty buffer is an empty set at 16 bits,
//! so a new set allocates nothing. One boxed slice (16 bytes, no spare capacity) rather than a
//! vector per width keeps `SetValue` within 32 bytes; every insertion reallocates, as Redis's
//! intset does, which costs no more than the shift of the members after it.

use std::fmt;

/// The narrowest width, in bytes, of an empty set.
const MIN_WIDTH: usize = 2;

/// Bytes of the width header in front of the members.
const HEADER: usize = 1;

/// Sorted distinct integers, stored at the narrowest width that fits them all.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct IntSet {
    /// `[width][members...]`, or empty for an empty set at `MIN_WIDTH`.
    bytes: Box<[u8]>,
}

impl fmt::Debug for IntSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntSet")
            .field("width", &self.width_bytes())
            .field("members", &self.iter().collect::<Vec<_>>())
            .finish()
    }
}

/// The bytes needed to hold `value`: 2, 4 or 8.
fn width_of(value: i64) -> usize {
    if i16::try_from(value).is_ok() {
        2
    } else if i32::try_from(value).is_ok() {
        4
    } else {
        8
    }
}

/// `value` as `width` little-endian bytes (`value` fits `width`).
fn encode(value: i64, width: usize) -> impl Iterator<Item = u8> {
    value.to_le_bytes().into_iter().take(width)
}

/// The value of `width` little-endian bytes, sign-extended.
fn decode(bytes: &[u8]) -> i64 {
    let mut wide = [0u8; 8];
    let negative = bytes.last().is_some_and(|&top| top & 0x80 != 0);
    if negative {
        wide = [0xff; 8];
    }
    for (to, from) in wide.iter_mut().zip(bytes) {
        *to = *from;
    }
    i64::from_le_bytes(wide)
}

impl IntSet {
    /// An empty set at the narrowest width.
    pub(crate) fn new() -> IntSet {
        IntSet::default()
    }

    /// Number of members.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len().saturating_sub(HEADER) / self.width_bytes()
    }

    /// The member at sorted position `index`.
    pub(crate) fn get(&self, index: usize) -> Option<i64> {
        let width = self.width_bytes();
        let start = index.checked_mul(width)?.checked_add(HEADER)?;
        self.bytes.get(start..start + width).map(decode)
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
        self.bytes.first().map_or(MIN_WIDTH, |&w| usize::from(w))
    }

    /// Whether `value` is a member.
    pub(crate) fn contains(&self, value: i64) -> bool {
        self.search(value).is_ok()
    }

    /// Adds `value`, widening the storage first when it needs more bits; false when present.
    pub(crate) fn insert(&mut self, value: i64) -> bool {
        let needed = width_of(value);
        if needed > self.width_bytes() {
            // Wider than every member: it goes first when negative, last otherwise.
            let members = self.iter();
            let all: Vec<i64> = if value < 0 {
                std::iter::once(value).chain(members).collect()
            } else {
                members.chain(std::iter::once(value)).collect()
            };
            self.bytes = pack(&all, needed);
            return true;
        }
        let Err(at) = self.search(value) else {
            return false;
        };
        let width = self.width_bytes();
        let offset = HEADER + at * width;
        let mut bytes = Vec::with_capacity(self.bytes.len().max(HEADER) + width);
        bytes.push(width as u8);
        bytes.extend_from_slice(self.bytes.get(HEADER..offset).unwrap_or_default());
        bytes.extend(encode(value, width));
        bytes.extend_from_slice(self.bytes.get(offset..).unwrap_or_default());
        self.bytes = bytes.into_boxed_slice();
        true
    }

    /// Removes `value`; false when absent. The width stays, as Redis's intset keeps it.
    pub(crate) fn remove(&mut self, value: i64) -> bool {
        let Ok(at) = self.search(value) else {
            return false;
        };
        let width = self.width_bytes();
        let offset = HEADER + at * width;
        let mut bytes = std::mem::take(&mut self.bytes).into_vec();
        bytes.drain(offset..offset + width);
        self.bytes = bytes.into_boxed_slice();
        true
    }

    /// Every member in increasing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = i64> + '_ {
        let members = self.bytes.get(HEADER..).unwrap_or_default();
        members.chunks_exact(self.width_bytes()).map(decode)
    }

    /// Binary search for `value`: its index, or where it would go.
    fn search(&self, value: i64) -> Result<usize, usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).map(|member| member.cmp(&value)) {
                Some(std::cmp::Ordering::Less) => low = mid + 1,
                Some(std::cmp::Ordering::Greater) => high = mid,
                Some(std::cmp::Ordering::Equal) => return Ok(mid),
                None => break,
            }
        }
        Err(low)
    }
}

/// The buffer of sorted `members` at `width` bytes each.
fn pack(members: &[i64], width: usize) -> Box<[u8]> {
    let mut bytes = Vec::with_capacity(HEADER + members.len() * width);
    bytes.push(width as u8);
    for &member in members {
        bytes.extend(encode(member, width));
    }
    bytes.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

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
    fn the_buffer_is_exactly_the_header_and_the_members() {
        let mut set = IntSet::new();
        assert_eq!(set.bytes.len(), 0, "an empty set allocates nothing");
        for n in [3, -7, 1000] {
            set.insert(n);
        }
        assert_eq!(set.bytes.len(), 1 + 3 * 2);
        set.insert(-1 << 40);
        assert_eq!(set.bytes.len(), 1 + 4 * 8);
        assert_eq!(set.iter().collect::<Vec<_>>(), [-1 << 40, -7, 3, 1000]);
        assert!(set.remove(3));
        assert_eq!(set.bytes.len(), 1 + 3 * 8);
        assert_eq!(
            (set.get(0), set.get(2), set.get(3)),
            (Some(-1 << 40), Some(1000), None)
        );
    }

    #[test]
    fn negative_values_of_every_width_round_trip() {
        for value in [
            -1,
            i64::from(i16::MIN),
            i64::from(i32::MIN),
            i64::MIN,
            i64::MAX,
        ] {
            let mut set = IntSet::new();
            set.insert(value);
            set.insert(0);
            assert!(set.contains(value), "{value}");
            assert_eq!(set.iter().collect::<Vec<_>>(), {
                let mut v = vec![value, 0];
                v.sort();
                v
            });
        }
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

    fn value() -> impl Strategy<Value = i64> {
        prop_oneof![
            -40i64..40,
            any::<i16>().prop_map(i64::from),
            any::<i32>().prop_map(i64::from),
            any::<i64>(),
        ]
    }

    proptest! {
        #[test]
        fn behaves_like_a_sorted_set(
            ops in prop::collection::vec((any::<bool>(), value()), 0..120)
        ) {
            let mut set = IntSet::new();
            let mut model = std::collections::BTreeSet::new();
            let mut widest = 2;
            for (insert, n) in ops {
                if insert {
                    prop_assert_eq!(set.insert(n), model.insert(n));
                    widest = widest.max(width_of(n));
                } else {
                    prop_assert_eq!(set.remove(n), model.remove(&n));
                }
                prop_assert!(set.iter().eq(model.iter().copied()));
                prop_assert_eq!(set.len(), model.len());
                prop_assert_eq!(set.width_bytes(), widest);
                prop_assert_eq!(set.contains(n), model.contains(&n));
            }
        }
    }
}
