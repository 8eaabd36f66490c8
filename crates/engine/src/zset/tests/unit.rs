//! Unit tests of the encodings, conversions and edge cases.

use std::collections::BTreeSet;

use super::{scan_all, tiny_limits, with_shape};
use crate::limits::EncodingLimits;
use crate::zset::tree::Shape;
use crate::zset::{LexBound, ScoreBound, ZSetValue};

fn members(set: &ZSetValue) -> Vec<(String, f64)> {
    set.iter()
        .map(|(m, s)| (String::from_utf8_lossy(m).into_owned(), s))
        .collect()
}

#[test]
fn stays_compact_up_to_the_entry_limit_then_converts() {
    let limits = EncodingLimits::default();
    let mut set = ZSetValue::new();
    assert_eq!(set.encoding(), "listpack");
    for i in 0..128 {
        set.insert(format!("m{i:03}").as_bytes(), f64::from(i), &limits);
    }
    assert_eq!(set.encoding(), "listpack");
    set.insert(b"m000", 7.5, &limits);
    assert_eq!(set.encoding(), "listpack", "moving a member never converts");
    set.insert(b"extra", 0.5, &limits);
    assert_eq!(set.encoding(), "skiplist");
    assert_eq!(set.len(), 129);
    set.check();
    for i in 0..128 {
        set.remove(format!("m{i:03}").as_bytes());
    }
    assert_eq!(set.encoding(), "skiplist", "never back to compact");
    assert_eq!(members(&set), vec![("extra".to_string(), 0.5)]);
    set.check();
}

#[test]
fn a_long_member_converts() {
    let limits = EncodingLimits::default();
    let mut set = ZSetValue::new();
    set.insert(&[b'x'; 64], 1.0, &limits);
    assert_eq!(set.encoding(), "listpack");
    set.insert(&[b'y'; 65], 2.0, &limits);
    assert_eq!(set.encoding(), "skiplist");
    assert_eq!(set.score(&[b'x'; 64]), Some(1.0));
    assert_eq!(set.rank(&[b'y'; 65]), Some(1));
}

#[test]
fn moving_a_member_of_an_oversized_compact_set_does_not_convert() {
    // CONFIG SET can lower the limits under an existing compact set, as in Redis.
    let mut set = ZSetValue::new();
    for i in 0..10 {
        set.insert(format!("{i}").as_bytes(), 0.0, &EncodingLimits::default());
    }
    let lowered = tiny_limits();
    set.insert(b"3", 9.0, &lowered);
    assert_eq!(set.encoding(), "listpack");
    set.insert(b"new", 9.0, &lowered);
    assert_eq!(set.encoding(), "skiplist");
    assert_eq!(set.rank(b"3"), Some(9));
    assert_eq!(set.rank(b"new"), Some(10));
}

#[test]
fn with_capacity_picks_the_encoding_up_front() {
    let limits = EncodingLimits::default();
    assert_eq!(
        ZSetValue::with_capacity(128, 64, &limits).encoding(),
        "listpack"
    );
    assert_eq!(
        ZSetValue::with_capacity(129, 1, &limits).encoding(),
        "skiplist"
    );
    assert_eq!(
        ZSetValue::with_capacity(1, 65, &limits).encoding(),
        "skiplist"
    );
    let mut set = ZSetValue::with_capacity(1000, 3, &limits);
    set.insert(b"a", 1.0, &limits);
    assert_eq!(set.encoding(), "skiplist");
    assert_eq!(set.get_by_rank(0), Some((&b"a"[..], 1.0)));
}

#[test]
fn zero_limits_go_straight_to_the_large_encoding() {
    let limits = EncodingLimits {
        zset_max_listpack_entries: 0,
        ..EncodingLimits::default()
    };
    let mut set = ZSetValue::new();
    set.insert(b"a", 1.0, &limits);
    assert_eq!(set.encoding(), "skiplist");
}

#[test]
fn negative_zero_equals_zero_in_order_but_keeps_its_sign() {
    for limits in [EncodingLimits::default(), tiny_limits()] {
        let mut set = ZSetValue::new();
        for (m, s) in [
            ("b", -0.0),
            ("a", 0.0),
            ("c", -0.0),
            ("z", -1.0),
            ("y", 1.0),
        ] {
            set.insert(m.as_bytes(), s, &limits);
        }
        let order: Vec<String> = members(&set).into_iter().map(|(m, _)| m).collect();
        assert_eq!(order, ["z", "a", "b", "c", "y"]);
        assert!(set
            .score(b"b")
            .is_some_and(|s| s == 0.0 && s.is_sign_negative()));
        assert!(set.score(b"a").is_some_and(|s| s.is_sign_positive()));
        assert_eq!(set.score_rank_start(ScoreBound::Inclusive(0.0)), 1);
        assert_eq!(set.score_rank_end(ScoreBound::Inclusive(-0.0)), 4);
        // Moving 0.0 to -0.0 changes the stored sign without moving the member.
        assert_eq!(set.insert(b"a", -0.0, &limits), Some(0.0));
        assert!(set.score(b"a").is_some_and(|s| s.is_sign_negative()));
        assert_eq!(set.rank(b"a"), Some(1));
        set.check();
    }
}

#[test]
fn integer_like_members_and_scores_round_trip() {
    let limits = EncodingLimits::default();
    let mut set = ZSetValue::new();
    let cases: [(&[u8], f64); 7] = [
        (b"123", 1e300),
        (b"-0", 3.0),
        (b"007", -2.5),
        (b"", 9_007_199_254_740_993.0),
        (b"-9223372036854775808", -1e-300),
        (b"x", f64::INFINITY),
        (b"y", f64::NEG_INFINITY),
    ];
    for (m, s) in cases {
        set.insert(m, s, &limits);
    }
    assert_eq!(set.encoding(), "listpack");
    for (m, s) in cases {
        assert_eq!(set.score(m).map(f64::to_bits), Some(s.to_bits()), "{m:?}");
    }
    let first = set.get_by_rank(0);
    assert_eq!(first, Some((&b"y"[..], f64::NEG_INFINITY)));
}

#[test]
fn integral_scores_pack_smaller_than_floats() {
    let limits = EncodingLimits::default();
    let (mut ints, mut floats) = (ZSetValue::new(), ZSetValue::new());
    for i in 0..100 {
        ints.insert(format!("{i}").as_bytes(), f64::from(i), &limits);
        floats.insert(format!("{i}").as_bytes(), f64::from(i) + 0.5, &limits);
    }
    assert!(ints.heap_size() < floats.heap_size());
}

#[test]
fn lex_bounds_at_the_extremes() {
    let limits = tiny_limits();
    let mut set = ZSetValue::new();
    for m in ["a", "b", "c", "d", "e", "f"] {
        set.insert(m.as_bytes(), 0.0, &limits);
    }
    assert_eq!(set.lex_rank_start(&LexBound::Min), 0);
    assert_eq!(set.lex_rank_start(&LexBound::Max), 6);
    assert_eq!(set.lex_rank_end(&LexBound::Min), 0);
    assert_eq!(set.lex_rank_end(&LexBound::Max), 6);
    assert_eq!(set.lex_rank_start(&LexBound::Exclusive(b"b".to_vec())), 2);
    assert_eq!(set.lex_rank_end(&LexBound::Inclusive(b"d".to_vec())), 4);
}

#[test]
fn scan_sees_every_member_present_throughout_despite_changes() {
    let limits = tiny_limits();
    let mut set = ZSetValue::new();
    for i in 0..2000 {
        set.insert(format!("keep{i}").as_bytes(), f64::from(i), &limits);
    }
    let mut seen = BTreeSet::new();
    let mut cursor = 0;
    let mut round = 0;
    loop {
        cursor = set.scan(cursor, 10, |m, _| {
            seen.insert(m.to_vec());
        });
        // Growth and shrinkage between calls, as other clients would cause.
        for j in 0..40 {
            set.insert(format!("tmp{round}-{j}").as_bytes(), 0.5, &limits);
        }
        if round % 3 == 0 {
            set.remove_range(0, 100);
        }
        round += 1;
        if cursor == 0 {
            break;
        }
    }
    for i in 0..2000 {
        let m = format!("keep{i}");
        if set.score(m.as_bytes()).is_some() {
            assert!(seen.contains(m.as_bytes()), "{m} missed");
        }
    }
    assert_eq!(scan_all(&set, 7).len(), set.len());
}

#[test]
fn compact_scan_is_one_call() {
    let mut set = ZSetValue::new();
    set.insert(b"a", 1.0, &EncodingLimits::default());
    let mut n = 0;
    assert_eq!(set.scan(0, 1, |_, _| n += 1), 0);
    assert_eq!(n, 1);
}

#[test]
fn values_stay_small_and_compare_by_content() {
    assert!(std::mem::size_of::<ZSetValue>() <= 32);
    let mut a = ZSetValue::new();
    let mut b = ZSetValue::with_capacity(1000, 1, &EncodingLimits::default());
    for i in 0..10 {
        a.insert(format!("{i}").as_bytes(), 1.0, &EncodingLimits::default());
        b.insert(format!("{i}").as_bytes(), 1.0, &EncodingLimits::default());
    }
    assert_eq!(a, b);
    b.insert(b"3", 2.0, &EncodingLimits::default());
    assert_ne!(a, b);
    assert_eq!(format!("{:?}", ZSetValue::new()), "{}");
}

#[test]
fn tiny_nodes_build_deep_trees_and_merge_back() {
    with_shape(Shape::TINY, || {
        let limits = tiny_limits();
        let mut set = ZSetValue::new();
        for i in 0..2000 {
            set.insert(format!("{i}").as_bytes(), f64::from(i % 7), &limits);
        }
        assert!(set.tree_height() >= 3, "height {}", set.tree_height());
        set.check();
        assert_eq!(set.remove_range(1, 2000), 1999);
        assert_eq!(
            set.tree_height(),
            0,
            "underfull nodes merge and the root collapses"
        );
        set.check();
    });
}

/// A few hundred thousand members through every operation, with standard nodes: the scale
/// test (1M members is the benchmark's job, `benches/zset.rs`).
#[test]
fn large_set_operations_at_scale() {
    const N: u32 = 200_000;
    with_shape(Shape::STANDARD, || {
        let limits = EncodingLimits::default();
        let mut set = ZSetValue::new();
        // 7919 is prime and coprime to N: a permutation of 0..N.
        let key = |i: u32| format!("member{:06}", u64::from(i) * 7919 % u64::from(N));
        for i in 0..N {
            assert_eq!(
                set.insert(key(i).as_bytes(), f64::from(i % 1000), &limits),
                None
            );
        }
        assert_eq!(set.len(), N as usize);
        set.check();
        let mut prev: Option<(Vec<u8>, f64)> = None;
        for rank in (0..N as usize).step_by(997) {
            let (m, s) = set.get_by_rank(rank).expect("rank in range");
            assert_eq!(set.rank(m), Some(rank));
            if let Some((pm, ps)) = &prev {
                assert!((*ps, pm.as_slice()) < (s, m));
            }
            prev = Some((m.to_vec(), s));
        }
        assert_eq!(
            set.score_rank_start(ScoreBound::Inclusive(500.0)),
            N as usize / 2
        );
        let per_member = set.heap_size() / set.len();
        assert!(per_member < 120, "{per_member} heap bytes per member");
        assert_eq!(set.remove_range(1000, 150_000), 149_000);
        for i in 0..N {
            set.remove(key(i).as_bytes());
        }
        assert!(set.is_empty());
        set.check();
    });
}
