//! Encode → decode round trips of every type at sizes on both sides of the encoding limits.

use engine::{EncodingLimits, Value};
use proptest::prelude::*;

use super::{hash, list, set, zset};
use crate::dump::{dump, restore};
use crate::{Decoder, Encoder, Item};

/// Small limits, so that a few elements cross every threshold.
fn small_limits() -> EncodingLimits {
    EncodingLimits {
        list_max_listpack_size: 4,
        hash_max_listpack_entries: 4,
        hash_max_listpack_value: 8,
        set_max_intset_entries: 4,
        set_max_listpack_entries: 4,
        set_max_listpack_value: 8,
        zset_max_listpack_entries: 4,
        zset_max_listpack_value: 8,
        stream_node: engine::stream::NodeLimits::default(),
    }
}

/// Element bytes: integers of every listpack width, short and long strings.
fn element() -> impl Strategy<Value = Vec<u8>> + Clone {
    prop_oneof![
        (0i64..200).prop_map(|n| n.to_string().into_bytes()),
        any::<i64>().prop_map(|n| n.to_string().into_bytes()),
        "[a-z]{0,12}".prop_map(String::into_bytes),
        (20usize..80).prop_map(|n| b"xy".repeat(n)),
        proptest::collection::vec(any::<u8>(), 0..30),
    ]
}

fn score() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1000i64..1000).prop_map(|n| n as f64),
        any::<f64>().prop_filter("no NaN", |d| !d.is_nan()),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
        Just(1e17),
    ]
}

/// A value of any type with up to `max` elements, built with `limits`.
fn value(limits: EncodingLimits, max: usize) -> impl Strategy<Value = Value> {
    let elements = proptest::collection::vec(element(), 1..max);
    let ints = proptest::collection::btree_set(any::<i16>(), 1..max);
    prop_oneof![
        element().prop_map(|e| Value::string(&e)),
        elements.clone().prop_map(move |items| {
            let refs: Vec<&[u8]> = items.iter().map(Vec::as_slice).collect();
            list(&refs, &limits)
        }),
        elements.clone().prop_map(move |items| {
            let pairs: Vec<(&[u8], &[u8])> = items.iter().map(|i| (&i[..], &i[..])).collect();
            hash(&pairs, &limits)
        }),
        ints.prop_map(move |ints| {
            let members: Vec<Vec<u8>> = ints.iter().map(|i| i.to_string().into_bytes()).collect();
            let refs: Vec<&[u8]> = members.iter().map(Vec::as_slice).collect();
            set(&refs, &limits)
        }),
        elements.clone().prop_map(move |items| {
            let refs: Vec<&[u8]> = items.iter().map(Vec::as_slice).collect();
            set(&refs, &limits)
        }),
        proptest::collection::vec((score(), element()), 1..max).prop_map(move |pairs| {
            let refs: Vec<(f64, &[u8])> = pairs.iter().map(|(s, m)| (*s, &m[..])).collect();
            zset(&refs, &limits)
        }),
    ]
}

proptest! {
    #[test]
    fn dump_payloads_restore_to_equal_values(v in value(small_limits(), 12)) {
        let back = restore(&dump(&v), &small_limits()).unwrap();
        prop_assert_eq!(back.encoding(), v.encoding());
        prop_assert_eq!(back, v);
    }

    #[test]
    fn default_limits_round_trip_across_their_thresholds(v in value(EncodingLimits::default(), 700)) {
        let back = restore(&dump(&v), &EncodingLimits::default()).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn files_round_trip_key_by_key(
        values in proptest::collection::vec((value(small_limits(), 10), 0u32..16, proptest::option::of(0i64..1 << 45)), 0..12)
    ) {
        let mut enc = Encoder::new(Vec::new());
        enc.header().unwrap();
        for (i, (v, db, at)) in values.iter().enumerate() {
            enc.key(*db, format!("key:{i}").as_bytes(), v, *at).unwrap();
        }
        let file = enc.finish().unwrap();
        let items: Vec<Item> = Decoder::new(&file[..], small_limits()).unwrap().map(Result::unwrap).collect();
        prop_assert_eq!(items.len(), values.len());
        for (i, (item, (v, db, at))) in items.into_iter().zip(&values).enumerate() {
            let Item::Key(entry) = item else { panic!("not a key") };
            let name = format!("key:{i}");
            prop_assert_eq!(&entry.key[..], name.as_bytes());
            prop_assert_eq!(entry.db, *db);
            prop_assert_eq!(entry.expire_at_ms, *at);
            prop_assert_eq!(&entry.value, v);
        }
    }
}
