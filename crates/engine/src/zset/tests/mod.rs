//! Tests of `ZSetValue`: random operation sequences against the naive model (`model.rs`), in
//! both encodings and across conversions, and unit tests of each encoding.

mod model;
mod props;
mod unit;

use std::collections::BTreeSet;

use super::tree::{Shape, TEST_SHAPE};
use super::ZSetValue;
use crate::limits::EncodingLimits;
use model::Model;

/// Limits small enough that a few operations cross them.
fn tiny_limits() -> EncodingLimits {
    EncodingLimits {
        zset_max_listpack_entries: 4,
        zset_max_listpack_value: 8,
        ..EncodingLimits::default()
    }
}

/// Runs `f` with new trees on this thread taking `shape`.
fn with_shape<R>(shape: Shape, f: impl FnOnce() -> R) -> R {
    let before = TEST_SHAPE.with(|s| s.replace(shape));
    let out = f();
    TEST_SHAPE.with(|s| s.set(before));
    out
}

/// Asserts that `set` holds exactly the model's members, in order, with the same scores and
/// encoding, and that its internal invariants hold.
fn assert_same(set: &ZSetValue, model: &Model) {
    set.check();
    assert_eq!(set.len(), model.len(), "len");
    assert_eq!(set.encoding(), model.encoding(), "encoding");
    let got: Vec<(Vec<u8>, u64)> = set.iter().map(|(m, s)| (m.to_vec(), s.to_bits())).collect();
    let want: Vec<(Vec<u8>, u64)> = model
        .iter()
        .map(|(m, s)| (m.to_vec(), s.to_bits()))
        .collect();
    assert_eq!(got, want, "members in order");
}

/// Every member a full ZSCAN (at `count` per call) visits, asserting none twice.
fn scan_all(set: &ZSetValue, count: usize) -> BTreeSet<Vec<u8>> {
    let mut seen = BTreeSet::new();
    let mut cursor = 0;
    loop {
        cursor = set.scan(cursor, count, |m, s| {
            assert_eq!(set.score(m), Some(s), "scanned score");
            assert!(seen.insert(m.to_vec()), "member scanned twice");
        });
        if cursor == 0 {
            return seen;
        }
    }
}
