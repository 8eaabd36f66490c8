//! SORT and SORT_RO driven through their handlers; replies checked against Redis 7.0.15.

use bytes::Bytes;
use engine::{DbIndex, EncodingLimits, HashValue, ListValue, SetValue, Value, ZSetValue};
use resp::Reply;

use super::limit_range;
use super::options::pattern_slot;
use crate::{errors, OwnedArgs, Route, ShardCtx, ShardHome, ShardState};

const NOW_MS: u64 = 1_700_000_000_000;

fn shard(count: usize) -> ShardState {
    let mut state = ShardState::new(3);
    state.home = Some(ShardHome { index: 0, count });
    state
}

fn run(state: &mut ShardState, line: &str) -> Reply {
    let words: Vec<&[u8]> = line.split_whitespace().map(str::as_bytes).collect();
    let args = OwnedArgs::from_slices(words.iter().copied());
    let spec = crate::lookup(words[0]).expect("known command");
    let Route::Keyed(handler, _) = crate::route(spec.id) else {
        panic!("{line}: not a keyed command");
    };
    let mut ctx = ShardCtx::new(state, DbIndex(0), NOW_MS);
    handler(&mut ctx, args.view())
}

fn put(state: &mut ShardState, key: &str, value: Value) {
    state
        .data
        .db(DbIndex(0))
        .set(key.as_bytes(), value, None, NOW_MS);
}

fn list(items: &[&str]) -> Value {
    let mut list = ListValue::new();
    for item in items {
        list.push_back(item.as_bytes(), &EncodingLimits::default());
    }
    Value::List(list)
}

fn bulks(items: &[&str]) -> Reply {
    Reply::Array(
        items
            .iter()
            .map(|s| Reply::Bulk(Bytes::copy_from_slice(s.as_bytes())))
            .collect(),
    )
}

#[test]
fn sorts_numbers_and_strings_in_both_directions_with_limits() {
    let mut s = shard(1);
    put(&mut s, "l", list(&["3", "10", "-1.5", "2"]));
    assert_eq!(run(&mut s, "SORT l"), bulks(&["-1.5", "2", "3", "10"]));
    assert_eq!(run(&mut s, "SORT l DESC"), bulks(&["10", "3", "2", "-1.5"]));
    assert_eq!(
        run(&mut s, "SORT l ALPHA"),
        bulks(&["-1.5", "10", "2", "3"])
    );
    assert_eq!(run(&mut s, "SORT l LIMIT 1 2"), bulks(&["2", "3"]));
    assert_eq!(run(&mut s, "SORT l LIMIT 5 2"), bulks(&[]));
    assert_eq!(
        run(&mut s, "SORT l LIMIT -3 -1"),
        bulks(&["-1.5", "2", "3", "10"])
    );
    assert_eq!(run(&mut s, "SORT missing"), bulks(&[]));
}

#[test]
fn equal_scores_fall_back_to_byte_order() {
    let mut s = shard(1);
    put(&mut s, "l", list(&["1.0", "1", "01", " 1"]));
    assert_eq!(run(&mut s, "SORT l"), bulks(&[" 1", "01", "1", "1.0"]));
}

#[test]
fn non_numbers_fail_unless_alpha() {
    let mut s = shard(1);
    put(&mut s, "l", list(&["a", "1"]));
    assert_eq!(run(&mut s, "SORT l"), errors::err(errors::SORT_NOT_DOUBLE));
    put(&mut s, "big", list(&["1e500"]));
    assert_eq!(
        run(&mut s, "SORT big"),
        errors::err(errors::SORT_NOT_DOUBLE)
    );
    put(&mut s, "empty", list(&["", "-2"]));
    assert_eq!(run(&mut s, "SORT empty"), bulks(&["-2", ""]));
}

#[test]
fn by_and_get_patterns_read_strings_and_hash_fields() {
    let mut s = shard(1);
    put(&mut s, "l", list(&["a", "b", "c"]));
    for (key, weight) in [("w_a", "3"), ("w_b", "1")] {
        put(&mut s, key, Value::string(weight.as_bytes()));
    }
    let mut hash = HashValue::new();
    hash.insert(b"name", b"Bee", &EncodingLimits::default());
    put(&mut s, "h_b", Value::Hash(hash));
    // c has no weight: it sorts as 0.
    assert_eq!(run(&mut s, "SORT l BY w_*"), bulks(&["c", "b", "a"]));
    let got = run(&mut s, "SORT l BY w_* GET # GET h_*->name GET w_*");
    let expected = Reply::Array(vec![
        Reply::Bulk(Bytes::from_static(b"c")),
        Reply::Nil,
        Reply::Nil,
        Reply::Bulk(Bytes::from_static(b"b")),
        Reply::Bulk(Bytes::from_static(b"Bee")),
        Reply::Bulk(Bytes::from_static(b"1")),
        Reply::Bulk(Bytes::from_static(b"a")),
        Reply::Nil,
        Reply::Bulk(Bytes::from_static(b"3")),
    ]);
    assert_eq!(got, expected);
    // BY without `*` keeps the list's order, reversed by DESC, limited by LIMIT.
    assert_eq!(
        run(&mut s, "SORT l BY nosort DESC LIMIT 0 2"),
        bulks(&["c", "b"])
    );
    // ALPHA by pattern: missing values first.
    assert_eq!(run(&mut s, "SORT l BY w_* ALPHA"), bulks(&["c", "b", "a"]));
}

#[test]
fn store_writes_a_list_and_an_empty_result_deletes() {
    let mut s = shard(1);
    put(&mut s, "l", list(&["2", "1"]));
    put(&mut s, "dst", Value::string(b"old"));
    assert_eq!(run(&mut s, "SORT l STORE dst"), Reply::Int(2));
    assert_eq!(run(&mut s, "SORT_RO dst"), bulks(&["1", "2"]));
    assert_eq!(run(&mut s, "SORT missing STORE dst"), Reply::Int(0));
    assert!(!s.data.db(DbIndex(0)).contains(b"dst", NOW_MS));
    assert_eq!(
        run(&mut s, "SORT_RO l STORE dst"),
        errors::err(errors::SYNTAX)
    );
}

#[test]
fn sets_and_sorted_sets_sort_too() {
    let mut s = shard(1);
    let limits = EncodingLimits::default();
    let mut set = SetValue::new();
    for m in ["5", "3", "4"] {
        set.insert(m.as_bytes(), &limits);
    }
    put(&mut s, "s", Value::Set(set));
    assert_eq!(run(&mut s, "SORT s"), bulks(&["3", "4", "5"]));
    let mut zset = ZSetValue::new();
    for (m, score) in [("x", 1.0), ("y", 2.0), ("z", 3.0)] {
        zset.insert(m.as_bytes(), score, &limits);
    }
    put(&mut s, "z", Value::ZSet(zset));
    assert_eq!(
        run(&mut s, "SORT z BY nosort DESC"),
        bulks(&["z", "y", "x"])
    );
    assert_eq!(
        run(&mut s, "SORT z BY nosort LIMIT 1 5"),
        bulks(&["y", "z"])
    );
    assert_eq!(run(&mut s, "SORT z ALPHA DESC"), bulks(&["z", "y", "x"]));
}

#[test]
fn errors_come_in_redis_order() {
    let mut s = shard(1);
    put(&mut s, "str", Value::string(b"x"));
    // The options are read, with their errors, before the key's type is looked at.
    assert_eq!(run(&mut s, "SORT str BOGUS"), errors::err(errors::SYNTAX));
    assert_eq!(
        run(&mut s, "SORT str LIMIT 0 1"),
        errors::err(errors::WRONG_TYPE)
    );
    put(&mut s, "l", list(&["1"]));
    assert_eq!(run(&mut s, "SORT l BOGUS"), errors::err(errors::SYNTAX));
    assert_eq!(run(&mut s, "SORT l LIMIT 1"), errors::err(errors::SYNTAX));
    assert_eq!(
        run(&mut s, "SORT l LIMIT x 1"),
        errors::err(errors::NOT_INTEGER)
    );
}

#[test]
fn patterns_must_stay_on_the_shard_when_there_are_several() {
    let mut s = shard(2);
    put(&mut s, "{t}l", list(&["1"]));
    assert_eq!(
        run(&mut s, "SORT {t}l BY w_*"),
        errors::err(errors::SORT_BY_DENIED)
    );
    assert_eq!(
        run(&mut s, "SORT {t}l GET w_*"),
        errors::err(errors::SORT_GET_DENIED)
    );
    assert_eq!(run(&mut s, "SORT {t}l GET #"), bulks(&["1"]));
    assert_eq!(run(&mut s, "SORT {t}l BY nosort"), bulks(&["1"]));
    // `{t}` hashes to a slot of shard 0 of 2 (slot 15891 is in the upper half).
    let slot = pattern_slot(b"{t}w_*").expect("pinned by its tag");
    assert_eq!(slot, crate::slot::slot_of(b"{t}"));
    let ours = crate::slot::shard_of_slot(slot, 2) == 0;
    let reply = run(&mut s, "SORT {t}l BY {t}w_*");
    assert_eq!(reply == bulks(&["1"]), ours, "{reply:?}");
    // A scratch state (no home) never resolves patterns.
    s.home = None;
    assert_eq!(
        run(&mut s, "SORT {t}l BY {t}w_*"),
        errors::err(errors::SORT_BY_DENIED)
    );
}

#[test]
fn pattern_slots_follow_redis_cluster_rules() {
    assert_eq!(pattern_slot(b"w_*"), None);
    assert_eq!(pattern_slot(b"w_?{a}"), None);
    assert_eq!(pattern_slot(b"{a}w_*"), Some(crate::slot::slot_of(b"a")));
    assert_eq!(pattern_slot(b"{}w_{a}*"), None);
    assert_eq!(pattern_slot(b"plain"), Some(crate::slot::slot_of(b"plain")));
}

#[test]
fn limits_follow_redis_sanity_rules() {
    assert_eq!(limit_range(None, 4), (0, 3));
    assert_eq!(limit_range(Some((1, 2)), 4), (1, 2));
    assert_eq!(limit_range(Some((-5, 10)), 4), (0, 3));
    assert_eq!(limit_range(Some((4, 1)), 4), (3, 2));
    assert_eq!(limit_range(Some((0, 0)), 4), (0, -1));
    assert_eq!(limit_range(None, 0), (-1, -2));
    assert_eq!(limit_range(Some((i64::MAX, i64::MAX)), 4), (3, 2));
}
