use std::collections::{HashMap, HashSet};

use proptest::prelude::*;

use super::layout::{self, MIN_BITS};
use super::*;

type Table = KeyTable<Vec<u8>, u64>;

fn key(i: u64) -> Vec<u8> {
    format!("key:{i}").into_bytes()
}

fn table_with(n: u64) -> Table {
    let mut t = Table::new();
    for i in 0..n {
        t.insert(key(i), i);
    }
    t
}

/// A table whose hash function is `hash`, to force collisions and clusters.
fn table_hashed_by(hash: fn(&[u8]) -> u64) -> Table {
    let mut t = Table::new();
    t.test_hash = Some(hash);
    t
}

/// Checks the layout invariants every operation must keep.
fn assert_invariants<K: AsRef<[u8]>, V>(t: &KeyTable<K, V>) {
    if t.slots.is_empty() {
        assert_eq!(t.len, 0);
        return;
    }
    assert_eq!(
        t.slots.last().unwrap().hash,
        EMPTY,
        "sentinel slot must stay free"
    );
    let mut occupied = 0;
    let mut previous = 0;
    for (at, slot) in t.slots.iter().enumerate() {
        assert_eq!(slot.hash == EMPTY, slot.entry.is_none(), "slot {at}");
        let Some(layout::Pair { key: k, .. }) = &slot.entry else {
            continue;
        };
        occupied += 1;
        assert!(slot.hash >= previous, "slot {at} out of hash order");
        previous = slot.hash;
        let home = t.home(slot.hash);
        assert!(
            home <= at && home < t.capacity(),
            "slot {at} before its home"
        );
        assert!(
            t.slots[home..at].iter().all(|s| s.hash != EMPTY),
            "gap before slot {at}"
        );
        assert_eq!(t.hash(k.as_ref()), slot.hash);
        assert_eq!(
            t.meta[at],
            layout::meta_of(slot.hash, at - home),
            "slot {at} metadata"
        );
    }
    assert!(
        t.slots.len() > t.capacity() + layout::WINDOW,
        "a window fits after every home"
    );
    for (at, slot) in t.slots.iter().enumerate() {
        assert_eq!(slot.hash == EMPTY, t.meta[at] == 0, "slot {at} metadata");
    }
    assert_eq!(occupied, t.len);
}

/// Runs a full scan, returning every visited key in visit order.
fn full_scan(t: &Table, count: usize) -> Vec<Vec<u8>> {
    let mut seen = Vec::new();
    let mut cursor = 0;
    loop {
        cursor = t.scan(cursor, count, |k, _| seen.push(k.clone()));
        if cursor == 0 {
            return seen;
        }
    }
}

#[test]
fn a_new_table_is_empty_and_allocates_nothing() {
    let t = Table::new();
    assert!(t.is_empty());
    assert_eq!(t.allocated_bytes(), 0);
    assert_eq!(t.get(b"k"), None);
    assert_eq!(t.scan(0, 10, |_, _| panic!("nothing to visit")), 0);
    assert!(t.random(7).is_none());
}

#[test]
fn inserted_keys_are_found_and_replacing_returns_the_old_value() {
    let mut t = Table::new();
    assert_eq!(t.insert(b"a".to_vec(), 1), None);
    assert_eq!(t.insert(b"b".to_vec(), 2), None);
    assert_eq!(t.insert(b"a".to_vec(), 3), Some(1));
    assert_eq!(t.len(), 2);
    assert_eq!(t.get(b"a"), Some(&3));
    assert_eq!(t.get_key_value(b"b"), Some((&b"b".to_vec(), &2)));
    assert!(t.contains_key(b"b"));
    assert!(!t.contains_key(b"c"));
    *t.get_mut(b"b").unwrap() += 10;
    assert_eq!(t.get(b"b"), Some(&12));
}

#[test]
fn get_or_insert_with_inserts_only_when_absent() {
    let mut t = Table::new();
    let (v, inserted) = t.get_or_insert_with(b"k", || (b"k".to_vec(), 1));
    assert!(inserted);
    *v += 1;
    let (v, inserted) = t.get_or_insert_with(b"k", || panic!("key is present"));
    assert!(!inserted);
    assert_eq!(*v, 2);
}

#[test]
fn a_million_keys_grow_the_table_and_stay_reachable() {
    let t = table_with(1_000_000);
    assert_eq!(t.len(), 1_000_000);
    assert!((0..1_000_000)
        .step_by(997)
        .all(|i| t.get(&key(i)) == Some(&i)));
    assert!(t.get(b"absent").is_none());
    assert!(t.capacity() >= 1_000_000 && t.capacity() <= 2 * 1_000_000 * 8 / 7);
}

#[test]
fn removing_most_keys_shrinks_the_table_and_clear_frees_it() {
    let mut t = table_with(10_000);
    let full_bytes = t.allocated_bytes();
    for i in 0..9_900 {
        assert_eq!(t.remove(&key(i)), Some((key(i), i)));
    }
    assert_invariants(&t);
    assert!(
        t.allocated_bytes() * 16 < full_bytes,
        "shrank to {}",
        t.allocated_bytes()
    );
    assert!((9_900..10_000).all(|i| t.get(&key(i)) == Some(&i)));
    assert_eq!(t.remove(b"key:1"), None);
    t.clear();
    assert_eq!((t.len(), t.allocated_bytes()), (0, 0));
    t.insert(b"again".to_vec(), 1);
    assert_eq!(t.get(b"again"), Some(&1));
}

#[test]
fn retain_keeps_exactly_the_chosen_entries() {
    let mut t = table_with(5_000);
    t.retain(|_, v| {
        *v += 1;
        *v % 3 == 0
    });
    assert_invariants(&t);
    assert_eq!(t.len(), (0..5_000).filter(|i| (i + 1) % 3 == 0).count());
    assert!(t.iter().all(|(k, v)| *v % 3 == 0 && k == &key(v - 1)));
}

#[test]
fn equal_hashes_are_told_apart_by_key() {
    let mut t = table_hashed_by(|_| 0x1234_5678_9abc_def0);
    for i in 0..200 {
        t.insert(key(i), i);
    }
    assert_invariants(&t);
    assert!((0..200).all(|i| t.get(&key(i)) == Some(&i)));
    for i in (0..200).step_by(2) {
        t.remove(&key(i));
    }
    assert_invariants(&t);
    assert!((0..200).all(|i| t.get(&key(i)) == (i % 2 == 1).then_some(&i)));
    // A run of equal positions is never split between two scan steps.
    let mut cursor = 0;
    loop {
        let mut seen = 0;
        cursor = t.scan(cursor, 1, |_, _| seen += 1);
        assert!(seen == 0 || seen == 100, "a step saw {seen}");
        if cursor == 0 {
            break;
        }
    }
}

#[test]
fn a_home_with_more_entries_than_a_lookup_window_is_searched_to_its_end() {
    // Small distinct hashes all have home 0: one run of 100 entries, far past 16 lanes.
    let mut t = table_hashed_by(|k| {
        let digits = std::str::from_utf8(&k[4..]).unwrap();
        digits.parse::<u64>().unwrap_or(u64::MAX >> 20) << 1
    });
    for i in 0..100 {
        t.insert(key(i), i);
    }
    assert_invariants(&t);
    assert!((0..100).all(|i| t.get(&key(i)) == Some(&i)));
    assert!((100..200).all(|i| t.get(&key(i)).is_none()));
    for i in (0..100).step_by(3) {
        assert_eq!(t.remove(&key(i)), Some((key(i), i)));
    }
    assert_invariants(&t);
    assert!((0..100).all(|i| t.get(&key(i)) == (i % 3 != 0).then_some(&i)));
}

#[test]
fn keys_hashing_to_the_last_slot_spill_into_a_larger_tail() {
    // Every key's home is the last home slot, so all but one live in the tail.
    let mut t = table_hashed_by(|k| u64::MAX - k.len() as u64 * 2 - u64::from(k[k.len() - 1]));
    for i in 0..300 {
        t.insert(key(i), i);
        assert_invariants(&t);
    }
    assert!((0..300).all(|i| t.get(&key(i)) == Some(&i)));
    assert_eq!(full_scan(&t, 7).len(), 300);
}

#[test]
fn a_full_scan_visits_every_key_once() {
    for n in [0, 1, 7, 100, 10_000] {
        let t = table_with(n);
        for count in [1, 10, 1_000] {
            let seen = full_scan(&t, count);
            assert_eq!(seen.len() as u64, n);
            let unique: HashSet<_> = seen.into_iter().collect();
            assert_eq!(unique.len() as u64, n);
        }
    }
}

#[test]
fn scan_steps_return_about_count_entries_and_cursors_below_the_limit() {
    let t = table_with(10_000);
    let mut cursor = 0;
    let mut steps = 0;
    loop {
        let mut seen = 0;
        cursor = t.scan(cursor, 10, |_, _| seen += 1);
        assert!(cursor < 1 << SCAN_CURSOR_BITS);
        steps += 1;
        if cursor == 0 {
            break;
        }
        assert!((10..=18).contains(&seen), "step returned {seen}");
    }
    assert!(steps <= 1_001, "{steps} steps");
}

#[test]
fn scan_steps_end_early_on_long_runs_of_free_slots() {
    let mut t = table_with(10_000);
    let capacity = t.capacity();
    // Keep only the keys with the largest hashes, just too many for the table to shrink, so
    // the low seven eighths of the slots are free.
    let mut keys: Vec<_> = t.iter().map(|(k, _)| k.clone()).collect();
    keys.sort_by_key(|k| t.hash(k));
    let kept = capacity / 8 + 1;
    for k in &keys[..keys.len() - kept] {
        t.remove(k);
    }
    assert_eq!(t.capacity(), capacity);
    let mut seen = 0;
    let cursor = t.scan(0, 1, |_, _| seen += 1);
    assert_eq!(seen, 0);
    assert_ne!(cursor, 0);
    assert_eq!(full_scan(&t, 1).len(), kept);
}

#[test]
fn a_cursor_outside_the_table_bits_ends_the_scan() {
    let t = table_with(10);
    assert_eq!(
        t.scan(1 << SCAN_CURSOR_BITS, 10, |_, _| panic!("out of range")),
        0
    );
}

#[test]
fn random_returns_only_present_entries_and_reaches_all_of_them() {
    let mut t = table_with(64);
    for i in 0..32 {
        t.remove(&key(i));
    }
    let mut hits: HashMap<u64, usize> = HashMap::new();
    for seed in 0..20_000u64 {
        let (k, v) = t.random(seed).unwrap();
        assert_eq!(k, &key(*v));
        assert!(*v >= 32);
        *hits.entry(*v).or_default() += 1;
    }
    assert_eq!(hits.len(), 32);
    // Uniform draws give about 625 each; allow a wide margin.
    assert!(hits.values().all(|&n| (350..=900).contains(&n)), "{hits:?}");
    t.clear();
    assert!(t.random(1).is_none());
}

#[test]
fn reserve_avoids_growth_and_keeps_entries() {
    let mut t = table_with(100);
    t.reserve(10_000);
    let bytes = t.allocated_bytes();
    for i in 100..10_100 {
        t.insert(key(i), i);
    }
    assert_eq!(t.allocated_bytes(), bytes);
    assert!((0..10_100).all(|i| t.get(&key(i)) == Some(&i)));
}

#[test]
fn the_minimum_table_is_small() {
    let mut t = Table::new();
    t.insert(b"k".to_vec(), 1);
    let slots = (1 << MIN_BITS) + layout::WINDOW + 1;
    assert_eq!(
        t.allocated_bytes(),
        slots * (1 + std::mem::size_of::<layout::Slot<Vec<u8>, u64>>())
    );
}

#[test]
fn a_free_slot_costs_no_more_than_an_entry() {
    use std::mem::size_of;
    type Bytes = bytes::Bytes;
    assert_eq!(
        size_of::<layout::Slot<Bytes, u64>>(),
        size_of::<(u64, Bytes, u64)>()
    );
}

#[test]
fn debug_prints_a_map() {
    let mut t: KeyTable<&str, u8> = KeyTable::new();
    t.insert("k", 1);
    assert_eq!(format!("{t:?}"), r#"{"k": 1}"#);
}

#[derive(Debug, Clone)]
enum Op {
    Insert(u16, u64),
    Remove(u16),
    Get(u16),
    GetOrInsert(u16, u64),
    RetainEven,
    Clear,
}

fn op() -> impl Strategy<Value = Op> {
    // A key range of 500 makes hits, misses, growth and shrinking all common.
    prop_oneof![
        40 => (0..500u16, any::<u64>()).prop_map(|(k, v)| Op::Insert(k, v)),
        30 => (0..500u16).prop_map(Op::Remove),
        20 => (0..500u16).prop_map(Op::Get),
        10 => (0..500u16, any::<u64>()).prop_map(|(k, v)| Op::GetOrInsert(k, v)),
        1 => Just(Op::RetainEven),
        1 => Just(Op::Clear),
    ]
}

fn apply(t: &mut Table, model: &mut HashMap<Vec<u8>, u64>, op: Op) {
    match op {
        Op::Insert(k, v) => assert_eq!(t.insert(key(k.into()), v), model.insert(key(k.into()), v)),
        Op::Remove(k) => {
            let expected = model.remove_entry(&key(k.into()));
            assert_eq!(t.remove(&key(k.into())), expected);
        }
        Op::Get(k) => assert_eq!(t.get(&key(k.into())), model.get(&key(k.into()))),
        Op::GetOrInsert(k, v) => {
            let (got, inserted) = t.get_or_insert_with(&key(k.into()), || (key(k.into()), v));
            assert_eq!(inserted, !model.contains_key(&key(k.into())));
            assert_eq!(*got, *model.entry(key(k.into())).or_insert(v));
        }
        Op::RetainEven => {
            t.retain(|_, v| *v % 2 == 0);
            model.retain(|_, v| *v % 2 == 0);
        }
        Op::Clear => {
            t.clear();
            model.clear();
        }
    }
}

/// A hash that crowds keys into 1/64 of the homes, so clusters run past lookup windows.
fn crowded_hash(k: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in k {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (h ^ (h >> 32)) & !(0x3f << 56)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_crowded_table_behaves_like_a_hash_map(ops in prop::collection::vec(op(), 1..2_000)) {
        let mut t = table_hashed_by(crowded_hash);
        let mut model = HashMap::new();
        for op in ops {
            apply(&mut t, &mut model, op);
        }
        assert_invariants(&t);
        prop_assert_eq!(t.len(), model.len());
        prop_assert!(model.iter().all(|(k, v)| t.get(k) == Some(v)));
    }

    #[test]
    fn the_table_behaves_like_a_hash_map(ops in prop::collection::vec(op(), 1..2_000)) {
        let mut t = Table::new();
        let mut model = HashMap::new();
        for op in ops {
            apply(&mut t, &mut model, op);
        }
        assert_invariants(&t);
        prop_assert_eq!(t.len(), model.len());
        let mut entries: Vec<_> = t.iter().map(|(k, v)| (k.clone(), *v)).collect();
        let mut expected: Vec<_> = model.into_iter().collect();
        entries.sort();
        expected.sort();
        prop_assert_eq!(entries, expected);
    }

    #[test]
    fn a_scan_sees_every_key_present_throughout_while_the_table_grows(
        kept in 1..300u64,
        churn in 1..400u64,
        count in 1..20usize,
    ) {
        // Keys below `kept` stay for the whole scan; others come and go between steps, up to
        // a bound, or a scan of a table growing faster than it is scanned would never end.
        let mut t = table_with(kept);
        let mut seen = HashSet::new();
        let mut cursor = 0;
        let (mut next, mut oldest) = (kept, kept);
        loop {
            cursor = t.scan(cursor, count, |k, _| { seen.insert(k.clone()); });
            if cursor == 0 {
                break;
            }
            let stop = (next + churn).min(kept + 5_000);
            for i in next..stop {
                t.insert(key(i), i);
            }
            next = stop;
            let remove_to = (oldest + churn / 3).min(next);
            for i in oldest..remove_to {
                t.remove(&key(i));
            }
            oldest = remove_to;
        }
        assert_invariants(&t);
        prop_assert!((0..kept).all(|i| seen.contains(&key(i))));
    }

    #[test]
    fn a_scan_sees_every_key_present_throughout_while_the_table_shrinks(
        kept in 1..50u64,
        extra in 2_000..6_000u64,
        removed_per_step in 200..1_000u64,
        count in 1..10usize,
    ) {
        // Removal outpaces the scan, so the table shrinks (several times) mid-scan.
        let mut t = table_with(kept + extra);
        let mut seen = HashSet::new();
        let mut cursor = 0;
        let mut next = kept;
        let mut shrank_mid_scan = false;
        loop {
            cursor = t.scan(cursor, count, |k, _| { seen.insert(k.clone()); });
            if cursor == 0 {
                break;
            }
            let bits = t.bits;
            let stop = (next + removed_per_step).min(kept + extra);
            for i in next..stop {
                t.remove(&key(i));
            }
            next = stop;
            shrank_mid_scan |= t.bits < bits;
        }
        assert_invariants(&t);
        prop_assert!(shrank_mid_scan);
        prop_assert!((0..kept).all(|i| seen.contains(&key(i))));
    }

    #[test]
    fn random_returns_a_present_entry(n in 0..300u64, removed in 0..300u64, seed: u64) {
        let mut t = table_with(n);
        for i in 0..removed.min(n) {
            t.remove(&key(i));
        }
        match t.random(seed) {
            None => prop_assert!(t.is_empty()),
            Some((k, v)) => prop_assert_eq!(t.get(k), Some(v)),
        }
    }
}
