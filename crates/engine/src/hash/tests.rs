use std::collections::HashMap;

use proptest::prelude::*;

use super::*;

fn limits(entries: usize, value: usize) -> EncodingLimits {
    EncodingLimits {
        hash_max_listpack_entries: entries,
        hash_max_listpack_value: value,
        ..EncodingLimits::default()
    }
}

fn pairs_of(hash: &HashValue) -> Vec<(Vec<u8>, Vec<u8>)> {
    hash.iter().map(|(f, v)| (f.to_vec(), v.to_vec())).collect()
}

#[test]
fn a_new_hash_is_an_empty_listpack() {
    let hash = HashValue::new();
    assert!(hash.is_empty());
    assert_eq!(hash.len(), 0);
    assert_eq!(hash.encoding(), "listpack");
    assert_eq!(hash.get(b"f"), None);
}

#[test]
fn listpack_keeps_insertion_order_and_replaces_in_place() {
    let mut hash = HashValue::new();
    let limits = EncodingLimits::default();
    assert!(hash.insert(b"b", b"1", &limits));
    assert!(hash.insert(b"a", b"x", &limits));
    assert!(!hash.insert(b"b", b"two", &limits));
    assert_eq!(
        pairs_of(&hash),
        [
            (b"b".to_vec(), b"two".to_vec()),
            (b"a".to_vec(), b"x".to_vec())
        ]
    );
    assert_eq!(hash.get(b"a"), Some(PackItem::Str(b"x")));
}

#[test]
fn a_value_equal_to_a_field_name_is_never_taken_for_the_field() {
    let mut hash = HashValue::new();
    let limits = EncodingLimits::default();
    hash.insert(b"a", b"b", &limits);
    hash.insert(b"b", b"c", &limits);
    assert_eq!(hash.get(b"b"), Some(PackItem::Str(b"c")));
    assert!(!hash.contains(b"c"));
    assert!(hash.remove(b"b"));
    assert_eq!(pairs_of(&hash), [(b"a".to_vec(), b"b".to_vec())]);
}

#[test]
fn integers_read_back_as_their_text() {
    let mut hash = HashValue::new();
    let limits = EncodingLimits::default();
    hash.insert(b"1", b"-42", &limits);
    hash.insert(b"007", b"9223372036854775807", &limits);
    assert_eq!(hash.get(b"1").map(|v| v.to_vec()), Some(b"-42".to_vec()));
    assert_eq!(hash.get(b"01"), None);
    assert_eq!(
        hash.get(b"007").map(|v| v.to_vec()),
        Some(b"9223372036854775807".to_vec())
    );
}

#[test]
fn one_field_past_the_entry_limit_converts_to_hashtable() {
    let limits = limits(3, 64);
    let mut hash = HashValue::new();
    for field in ["a", "b", "c"] {
        hash.insert(field.as_bytes(), b"v", &limits);
    }
    assert_eq!(hash.encoding(), "listpack");
    hash.insert(b"c", b"w", &limits);
    assert_eq!(hash.encoding(), "listpack");
    hash.insert(b"d", b"v", &limits);
    assert_eq!(hash.encoding(), "hashtable");
    assert_eq!(hash.len(), 4);
    assert_eq!(hash.get(b"c"), Some(PackItem::Str(b"w")));
}

#[test]
fn a_long_field_or_value_converts_to_hashtable_even_when_replacing() {
    let limits = limits(128, 4);
    let mut hash = HashValue::new();
    hash.insert(b"f", b"1234", &limits);
    assert_eq!(hash.encoding(), "listpack");
    let mut long_value = hash.clone();
    assert!(!long_value.insert(b"f", b"12345", &limits));
    assert_eq!(long_value.encoding(), "hashtable");
    assert_eq!(long_value.get(b"f"), Some(PackItem::Str(b"12345")));
    let mut long_field = hash.clone();
    assert!(long_field.insert(b"fffff", b"1", &limits));
    assert_eq!(long_field.encoding(), "hashtable");
}

#[test]
fn a_zero_entry_limit_makes_every_hash_a_hashtable() {
    let mut hash = HashValue::new();
    hash.insert(b"f", b"v", &limits(0, 64));
    assert_eq!(hash.encoding(), "hashtable");
}

#[test]
fn hashtable_never_converts_back() {
    let limits = limits(1, 64);
    let mut hash = HashValue::new();
    hash.insert(b"a", b"1", &limits);
    hash.insert(b"b", b"2", &limits);
    assert_eq!(hash.encoding(), "hashtable");
    assert!(hash.remove(b"a"));
    assert!(!hash.remove(b"a"));
    assert_eq!(hash.encoding(), "hashtable");
    hash.insert(b"c", b"3", &EncodingLimits::default());
    assert_eq!(hash.encoding(), "hashtable");
}

#[test]
fn compact_scan_returns_everything_with_cursor_zero_whatever_the_cursor() {
    let mut hash = HashValue::new();
    let limits = EncodingLimits::default();
    for i in 0..10 {
        hash.insert(format!("f{i}").as_bytes(), b"v", &limits);
    }
    let mut seen = 0;
    assert_eq!(hash.scan(12345, 1, |_, _| seen += 1), 0);
    assert_eq!(seen, 10);
}

#[test]
fn hashtable_scan_visits_every_field_once() {
    let limits = limits(4, 64);
    let mut hash = HashValue::new();
    for i in 0..300 {
        hash.insert(format!("f{i}").as_bytes(), b"v", &limits);
    }
    let mut seen = HashMap::new();
    let mut cursor = 0;
    loop {
        cursor = hash.scan(cursor, 7, |field, _| {
            *seen.entry(field.to_vec()).or_insert(0) += 1;
        });
        if cursor == 0 {
            break;
        }
    }
    assert_eq!(seen.len(), 300);
    assert!(seen.values().all(|&n| n == 1));
}

#[test]
fn overwriting_values_during_a_scan_keeps_every_field_visited_once() {
    // A new value replaces the whole table entry: it must come back under the same hash.
    let limits = limits(4, 64);
    let mut hash = HashValue::new();
    for i in 0..300 {
        hash.insert(format!("f{i}").as_bytes(), b"v", &limits);
    }
    let mut seen = HashMap::new();
    let (mut cursor, mut round) = (0, 0);
    loop {
        cursor = hash.scan(cursor, 5, |field, _| {
            *seen.entry(field.to_vec()).or_insert(0) += 1;
        });
        round += 1;
        for i in 0..300 {
            let value = format!("value {round} of a longer length");
            assert!(!hash.insert(format!("f{i}").as_bytes(), value.as_bytes(), &limits));
        }
        if cursor == 0 {
            break;
        }
    }
    assert_eq!(seen.len(), 300);
    assert!(seen.values().all(|&n| n == 1));
    assert_eq!(hash.len(), 300);
    let expected = format!("value {round} of a longer length");
    assert!(hash.iter().all(|(_, v)| v.to_vec() == expected.as_bytes()));
}

#[test]
fn random_pairs_come_from_the_hash_in_both_encodings() {
    for limits in [limits(512, 64), limits(2, 64)] {
        let mut hash = HashValue::new();
        for i in 0..20 {
            hash.insert(
                format!("f{i}").as_bytes(),
                format!("v{i}").as_bytes(),
                &limits,
            );
        }
        let mut fields = std::collections::HashSet::new();
        for seed in 0..2000u64 {
            let (field, value) = hash
                .random_pair(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15))
                .expect("not empty");
            assert_eq!(&field.to_vec()[1..], &value.to_vec()[1..]);
            fields.insert(field.to_vec());
        }
        assert_eq!(fields.len(), 20, "{}", hash.encoding());
    }
    assert_eq!(HashValue::new().random_pair(1), None);
}

#[test]
fn equality_is_by_content_for_hashtables() {
    let limits = limits(0, 64);
    let (mut a, mut b) = (HashValue::new(), HashValue::new());
    a.insert(b"x", b"1", &limits);
    a.insert(b"y", b"2", &limits);
    b.insert(b"y", b"2", &limits);
    b.insert(b"x", b"1", &limits);
    assert_eq!(a, b);
    b.insert(b"x", b"3", &limits);
    assert_ne!(a, b);
    assert_ne!(a, HashValue::new());
}

#[derive(Debug, Clone)]
enum Op {
    Insert(Vec<u8>, Vec<u8>),
    Remove(Vec<u8>),
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(b"ab0-1".to_vec()), 0..4),
        prop::collection::vec(any::<u8>(), 0..12),
        (0i64..1000).prop_map(|n| n.to_string().into_bytes()),
    ]
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![
            3 => (bytes(), bytes()).prop_map(|(f, v)| Op::Insert(f, v)),
            1 => bytes().prop_map(Op::Remove),
        ],
        0..200,
    )
}

fn check_against_model(ops: Vec<Op>, limits: EncodingLimits) -> Result<(), TestCaseError> {
    let mut hash = HashValue::new();
    let mut model: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    let mut was_table = false;
    for op in ops {
        match op {
            Op::Insert(field, value) => {
                let fits = field.len() <= limits.hash_max_listpack_value
                    && value.len() <= limits.hash_max_listpack_value;
                let added = hash.insert(&field, &value, &limits);
                prop_assert_eq!(added, model.insert(field, value).is_none());
                let must_be_table =
                    was_table || !fits || model.len() > limits.hash_max_listpack_entries;
                prop_assert_eq!(hash.encoding() == "hashtable", must_be_table);
            }
            Op::Remove(field) => {
                prop_assert_eq!(hash.remove(&field), model.remove(&field).is_some());
            }
        }
        was_table = hash.encoding() == "hashtable";
        prop_assert_eq!(hash.len(), model.len());
    }
    let pairs: HashMap<Vec<u8>, Vec<u8>> = pairs_of(&hash).into_iter().collect();
    prop_assert_eq!(&pairs, &model);
    for (field, value) in &model {
        prop_assert!(hash.contains(field));
        prop_assert_eq!(hash.get(field).map(|v| v.to_vec()), Some(value.clone()));
    }
    let mut scanned = HashMap::new();
    let mut cursor = 0;
    loop {
        cursor = hash.scan(cursor, 3, |f, v| {
            scanned.insert(f.to_vec(), v.to_vec());
        });
        if cursor == 0 {
            break;
        }
    }
    prop_assert_eq!(&scanned, &model);
    let copy = hash.clone();
    prop_assert_eq!(&copy, &hash);
    Ok(())
}

proptest! {
    #[test]
    fn hash_matches_a_model_with_default_limits(ops in ops()) {
        check_against_model(ops, EncodingLimits::default())?;
    }

    #[test]
    fn hash_matches_a_model_with_tiny_limits(ops in ops(), entries in 0usize..6, value in 0usize..6) {
        check_against_model(ops, limits(entries, value))?;
    }
}

#[test]
fn a_hash_is_no_bigger_than_a_pack_in_the_keyspace() {
    // Every key pays for the largest value type inside `Value`: the table stays boxed.
    assert!(std::mem::size_of::<HashValue>() <= 32);
}
