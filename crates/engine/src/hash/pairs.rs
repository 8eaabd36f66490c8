//! Field-value pairs laid out in one [`Pack`]: fields at even positions, each followed by its
//! value (the `listpack` encoding of a hash).

use crate::pack::Pack;

/// Offset of the entry holding `field`, looking at fields only.
pub(super) fn field_offset(pack: &Pack, field: &[u8]) -> Option<usize> {
    // Step over every value so that a value equal to `field` is never taken for it.
    pack.first().and_then(|first| pack.find(first, field, 1))
}

/// Offset of the value paired with `field`.
pub(super) fn value_offset(pack: &Pack, field: &[u8]) -> Option<usize> {
    field_offset(pack, field).and_then(|at| pack.next(at))
}

/// Sets `field` to `value`, in place when present, appended otherwise; true when new.
pub(super) fn set(pack: &mut Pack, field: &[u8], value: &[u8]) -> bool {
    match value_offset(pack, field) {
        Some(at) => {
            pack.replace(at, value);
            false
        }
        None => {
            pack.push_back(field);
            pack.push_back(value);
            true
        }
    }
}
