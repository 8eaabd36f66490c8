use std::collections::HashSet;

use proptest::prelude::*;

use super::algebra;
use super::*;

fn limits() -> EncodingLimits {
    EncodingLimits::default()
}

fn tiny() -> EncodingLimits {
    EncodingLimits {
        set_max_intset_entries: 4,
        set_max_listpack_entries: 3,
        set_max_listpack_value: 5,
        ..EncodingLimits::default()
    }
}

fn set_of(members: &[&str], limits: &EncodingLimits) -> SetValue {
    let mut set = SetValue::new();
    for m in members {
        set.insert(m.as_bytes(), limits);
    }
    set
}

fn sorted(items: impl IntoIterator<Item = Vec<u8>>) -> Vec<String> {
    let mut v: Vec<String> = items
        .into_iter()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    v.sort();
    v
}

fn contents(set: &SetValue) -> Vec<String> {
    sorted(set.iter().map(|i| i.to_vec()))
}

#[test]
fn integers_stay_an_intset_until_the_entry_limit() {
    let l = limits();
    let mut set = SetValue::new();
    for n in 0..512 {
        assert!(set.insert(n.to_string().as_bytes(), &l));
    }
    assert_eq!(set.encoding(), "intset");
    assert!(set.insert(b"512", &l));
    assert_eq!(set.encoding(), "hashtable");
    assert_eq!(set.len(), 513);
}

#[test]
fn a_string_turns_a_small_intset_into_a_listpack_in_sorted_order() {
    let l = limits();
    let mut set = set_of(&["3", "1", "2"], &l);
    assert_eq!(set.encoding(), "intset");
    set.insert(b"a", &l);
    assert_eq!(set.encoding(), "listpack");
    let order: Vec<Vec<u8>> = set.iter().map(|i| i.to_vec()).collect();
    assert_eq!(
        order,
        [b"1".to_vec(), b"2".to_vec(), b"3".to_vec(), b"a".to_vec()]
    );
}

#[test]
fn a_string_turns_a_big_intset_into_a_hashtable() {
    let l = limits();
    let mut set = SetValue::new();
    for n in 0..128 {
        set.insert(n.to_string().as_bytes(), &l);
    }
    set.insert(b"x", &l);
    assert_eq!(
        set.encoding(),
        "hashtable",
        "128 integers already fill a listpack"
    );
    let mut set = set_of(&["1"], &l);
    set.insert(&[b'x'; 65], &l);
    assert_eq!(
        set.encoding(),
        "hashtable",
        "the member is too long for a listpack"
    );
}

#[test]
fn an_intset_whose_integers_print_too_long_skips_the_listpack() {
    let l = EncodingLimits {
        set_max_listpack_value: 3,
        ..limits()
    };
    let mut set = set_of(&["1000"], &l);
    set.insert(b"a", &l);
    assert_eq!(set.encoding(), "hashtable");
    let mut set = set_of(&["-99"], &l);
    set.insert(b"a", &l);
    assert_eq!(set.encoding(), "listpack");
}

#[test]
fn a_listpack_becomes_a_hashtable_past_its_limits() {
    let l = limits();
    let mut set = SetValue::new();
    for n in 0..128 {
        set.insert(format!("m{n}").as_bytes(), &l);
    }
    assert_eq!(set.encoding(), "listpack");
    set.insert(b"m0", &l);
    assert_eq!(set.encoding(), "listpack", "a duplicate changes nothing");
    set.insert(b"one more", &l);
    assert_eq!(set.encoding(), "hashtable");
    let mut set = set_of(&["a"], &l);
    set.insert(&[b'y'; 64], &l);
    assert_eq!(set.encoding(), "listpack");
    set.insert(&[b'y'; 65], &l);
    assert_eq!(set.encoding(), "hashtable");
}

#[test]
fn removals_never_change_the_encoding() {
    let l = tiny();
    let mut set = set_of(&["a", "b", "c", "d"], &l);
    assert_eq!(set.encoding(), "hashtable");
    for m in ["a", "b", "c"] {
        assert!(set.remove(m.as_bytes()));
    }
    assert_eq!(set.encoding(), "hashtable");
    assert!(!set.remove(b"a"));
}

#[test]
fn size_hints_pick_the_encoding_up_front() {
    let l = limits();
    assert_eq!(SetValue::with_hint(b"1", 512, &l).encoding(), "intset");
    assert_eq!(SetValue::with_hint(b"1", 513, &l).encoding(), "hashtable");
    assert_eq!(SetValue::with_hint(b"a", 128, &l).encoding(), "listpack");
    assert_eq!(SetValue::with_hint(b"a", 129, &l).encoding(), "hashtable");
    let mut set = set_of(&["a"], &l);
    set.reserve_for(128, &l);
    assert_eq!(set.encoding(), "listpack");
    set.reserve_for(129, &l);
    assert_eq!(set.encoding(), "hashtable");
    let mut set = set_of(&["1"], &l);
    set.reserve_for(513, &l);
    assert_eq!(set.encoding(), "hashtable");
}

#[test]
fn compact_integers_turns_integer_sets_into_intsets() {
    let l = tiny();
    let mut set = SetValue::new_listpack();
    set.insert(b"5", &l);
    set.insert(b"-1", &l);
    set.compact_integers(&l);
    assert_eq!(set.encoding(), "intset");
    let mut set = set_of(&["a", "1"], &l);
    set.compact_integers(&l);
    assert_eq!(set.encoding(), "listpack");
}

#[test]
fn intersection_store_of_integers_is_an_intset() {
    let l = limits();
    let a = set_of(&["1", "2", "3", "x"], &l);
    let b = set_of(&["3", "2", "y"], &l);
    let stored = algebra::inter_store(&[Some(&a), Some(&b)], &l);
    assert_eq!(stored.encoding(), "intset");
    assert_eq!(contents(&stored), ["2", "3"]);
    assert!(algebra::inter_store(&[Some(&a), None], &l).is_empty());
    assert_eq!(algebra::inter_card(&[Some(&a), Some(&b)], 1), 1);
    assert_eq!(algebra::inter_card(&[Some(&a), Some(&b)], 0), 2);
}

#[test]
fn union_starts_from_an_intset() {
    let l = limits();
    let a = set_of(&["b", "a"], &l);
    let b = set_of(&["3", "1"], &l);
    let u = algebra::union(&[Some(&b), None, Some(&a)], &l);
    assert_eq!(u.encoding(), "listpack");
    let order: Vec<Vec<u8>> = u.iter().map(|i| i.to_vec()).collect();
    assert_eq!(
        order,
        [b"1".to_vec(), b"3".to_vec(), b"b".to_vec(), b"a".to_vec()]
    );
    assert_eq!(algebra::union(&[Some(&b)], &l).encoding(), "intset");
}

#[test]
fn difference_by_the_second_algorithm_keeps_the_big_encoding() {
    let l = limits();
    let members: Vec<String> = (0..200).map(|n| format!("m{n}")).collect();
    let refs: Vec<&str> = members.iter().map(String::as_str).collect();
    let big = set_of(&refs, &l);
    let small: Vec<SetValue> = (0..4)
        .map(|k| {
            let part: Vec<&str> = refs[k * 20..k * 20 + 20].to_vec();
            set_of(&part, &l)
        })
        .collect();
    let mut sets = vec![Some(&big)];
    sets.extend(small.iter().map(Some));
    let d = algebra::diff(&sets, &l);
    assert_eq!(d.len(), 120);
    assert_eq!(
        d.encoding(),
        "hashtable",
        "the first set was copied whole, then trimmed"
    );
    let d = algebra::diff(&[Some(&big), Some(&small[0]), Some(&big)], &l);
    assert!(d.is_empty());
}

#[test]
fn pop_many_of_most_of_a_hashtable_leaves_a_listpack() {
    let l = limits();
    let members: Vec<String> = (0..600).map(|n| n.to_string()).collect();
    let refs: Vec<&str> = members.iter().map(String::as_str).collect();
    let mut set = set_of(&refs, &l);
    assert_eq!(set.encoding(), "hashtable");
    let popped = set.pop_many(550, 9, &l);
    assert_eq!(popped.len(), 550);
    assert_eq!(set.len(), 50);
    assert_eq!(set.encoding(), "listpack");
    let mut all: HashSet<Vec<u8>> = popped.iter().map(|b| b.to_vec()).collect();
    all.extend(set.iter().map(|i| i.to_vec()));
    assert_eq!(all.len(), 600);
    let popped = set.pop_many(10, 3, &l);
    assert_eq!((popped.len(), set.len()), (10, 40));
    assert_eq!(set.pop_many(100, 3, &l).len(), 40);
    assert!(set.is_empty());
}

#[test]
fn samples_have_the_requested_sizes() {
    let l = limits();
    for members in [vec!["1", "2", "3", "4"], vec!["a", "b", "c", "d"]] {
        let set = set_of(&members, &l);
        assert_eq!(set.sample_distinct(10, 1).len(), 4);
        let two = set.sample_distinct(2, 1);
        assert_eq!(two.len(), 2);
        assert_ne!(two[0], two[1]);
        assert_eq!(set.sample_with_repeats(9, 2).len(), 9);
    }
    let many: Vec<String> = (0..1000).map(|n| format!("m{n}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let set = set_of(&refs, &l);
    let sample = set.sample_distinct(5, 4);
    let distinct: HashSet<Vec<u8>> = sample.iter().map(|i| i.to_vec()).collect();
    assert_eq!(distinct.len(), 5);
    assert_eq!(set.sample_distinct(900, 4).len(), 900);
    assert!(SetValue::new().sample_with_repeats(3, 1).is_empty());
}

#[test]
fn scans_of_a_hashtable_visit_every_member_once() {
    let l = tiny();
    let refs = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    let set = set_of(&refs, &l);
    assert_eq!(set.encoding(), "hashtable");
    let mut seen = Vec::new();
    let mut cursor = 0;
    loop {
        cursor = set.scan(cursor, 2, |item| seen.push(item.to_vec()));
        if cursor == 0 {
            break;
        }
    }
    assert_eq!(sorted(seen), refs);
}

#[derive(Debug, Clone)]
enum Op {
    Insert(String),
    Remove(String),
    Pop(u64),
    PopMany(usize, u64),
}

fn member() -> impl Strategy<Value = String> {
    prop_oneof![
        (-5i64..20).prop_map(|n| n.to_string()),
        Just("70000".to_string()),
        Just("-9223372036854775808".to_string()),
        Just("1152921504606846976".to_string()),
        "[a-e]{1,7}",
        Just("007".to_string()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => member().prop_map(Op::Insert),
        3 => member().prop_map(Op::Remove),
        1 => any::<u64>().prop_map(Op::Pop),
        1 => (0usize..8, any::<u64>()).prop_map(|(n, s)| Op::PopMany(n, s)),
    ]
}

fn check_against_model(ops: Vec<Op>, l: EncodingLimits) -> Result<(), TestCaseError> {
    let mut set = SetValue::new();
    let mut model: HashSet<Vec<u8>> = HashSet::new();
    for op in ops {
        match op {
            Op::Insert(m) => {
                let added = set.insert(m.as_bytes(), &l);
                prop_assert_eq!(added, model.insert(m.into_bytes()));
            }
            Op::Remove(m) => {
                prop_assert_eq!(set.remove(m.as_bytes()), model.remove(m.as_bytes()));
            }
            Op::Pop(seed) => match set.pop_one(seed) {
                Some(m) => prop_assert!(model.remove(&m[..])),
                None => prop_assert!(model.is_empty()),
            },
            Op::PopMany(n, seed) => {
                let popped = set.pop_many(n, seed, &l);
                prop_assert_eq!(popped.len(), n.min(model.len()));
                for m in popped {
                    prop_assert!(model.remove(&m[..]));
                }
            }
        }
        prop_assert_eq!(set.len(), model.len());
        prop_assert_eq!(contents(&set), sorted(model.iter().cloned()));
        for m in &model {
            prop_assert!(set.contains(m));
        }
        let all_ints = model.iter().all(|m| parse_i64(m).is_some());
        if set.encoding() == "intset" {
            prop_assert!(all_ints && model.len() <= l.set_max_intset_entries);
        }
        if set.encoding() == "listpack" {
            prop_assert!(model.len() <= l.set_max_listpack_entries);
            prop_assert!(model.iter().all(|m| m.len() <= l.set_max_listpack_value));
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn behaves_like_a_hash_set_with_tiny_limits(ops in prop::collection::vec(op(), 0..80)) {
        check_against_model(ops, tiny())?;
    }

    #[test]
    fn behaves_like_a_hash_set_with_default_limits(ops in prop::collection::vec(op(), 0..200)) {
        check_against_model(ops, limits())?;
    }

    #[test]
    fn algebra_matches_the_model(
        a in prop::collection::vec(member(), 0..12),
        b in prop::collection::vec(member(), 0..12),
        c in prop::collection::vec(member(), 0..12),
    ) {
        let l = tiny();
        let to_set = |v: &Vec<String>| {
            let refs: Vec<&str> = v.iter().map(String::as_str).collect();
            set_of(&refs, &l)
        };
        let model = |v: &Vec<String>| v.iter().cloned().collect::<HashSet<String>>();
        let (sa, sb, sc) = (to_set(&a), to_set(&b), to_set(&c));
        let (ma, mb, mc) = (model(&a), model(&b), model(&c));
        let sets = [Some(&sa), Some(&sb), Some(&sc)];
        let inter: HashSet<String> = ma.iter().filter(|m| mb.contains(*m) && mc.contains(*m))
            .cloned().collect();
        let union: HashSet<String> = ma.iter().chain(&mb).chain(&mc).cloned().collect();
        let diff: HashSet<String> = ma.iter().filter(|m| !mb.contains(*m) && !mc.contains(*m))
            .cloned().collect();
        let expect = |m: &HashSet<String>| sorted(m.iter().map(|s| s.clone().into_bytes()));
        prop_assert_eq!(sorted(algebra::inter(&sets).iter().map(|i| i.to_vec())), expect(&inter));
        prop_assert_eq!(contents(&algebra::inter_store(&sets, &l)), expect(&inter));
        prop_assert_eq!(algebra::inter_card(&sets, 0), inter.len());
        prop_assert_eq!(contents(&algebra::union(&sets, &l)), expect(&union));
        prop_assert_eq!(contents(&algebra::diff(&sets, &l)), expect(&diff));
    }
}

#[test]
fn a_set_is_no_bigger_than_a_pack_in_the_keyspace() {
    // Every key pays for the largest value type inside `Value`: the table stays boxed and the
    // intset is one boxed slice.
    assert!(std::mem::size_of::<SetValue>() <= 32);
}
