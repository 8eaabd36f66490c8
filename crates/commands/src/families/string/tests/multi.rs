use resp::Reply;

use super::{array, bulk, int, ok, StringShard, TestShard};
use crate::errors;

#[test]
fn mget_answers_one_value_per_key_with_nil_for_missing_ones() {
    let mut shard = TestShard::new(7);
    shard.run("SET a 1");
    shard.run("SET c three");
    let expected = array(vec![bulk("1"), Reply::Nil, bulk("three"), bulk("1")]);
    assert_eq!(shard.run("MGET a b c a"), expected);
}

#[test]
fn mset_sets_every_pair_clears_deadlines_and_counts_one_change_per_key() {
    let mut shard = TestShard::new(7);
    shard.run("SET a old EX 10");
    assert_eq!(shard.dirty_of("MSET a 1 b 2 c 3"), 3);
    assert_eq!(
        shard.run("MGET a b c"),
        array(vec![bulk("1"), bulk("2"), bulk("3")])
    );
    assert_eq!(shard.ttl_ms("a"), None);
    assert_eq!(shard.encoding("a"), "int");
}

#[test]
fn mset_with_the_same_key_twice_keeps_the_last_value() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("MSET k 1 k 2"), ok());
    assert_eq!(shard.run("GET k"), bulk("2"));
}

#[test]
fn mset_and_msetnx_with_an_odd_number_of_arguments_are_arity_errors() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("MSET a 1 b"), errors::wrong_arity("mset"));
    assert_eq!(shard.run("MSETNX a 1 b"), errors::wrong_arity("msetnx"));
    assert!(!shard.exists("a"));
}

#[test]
fn msetnx_sets_all_keys_only_when_none_exists() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.dirty_of("MSETNX a 1 b 2"), 2);
    assert_eq!(shard.run("MSETNX c 3 b 9"), int(0));
    assert!(!shard.exists("c"));
    assert_eq!(shard.run("GET b"), bulk("2"));
    assert_eq!(shard.run("MSETNX c 3 d 4"), int(1));
}

#[test]
fn msetnx_treats_an_expired_key_as_missing() {
    let mut shard = TestShard::new(7);
    shard.run("SET a 1 PX 10");
    shard.now_ms += 11;
    assert_eq!(shard.run("MSETNX a 2"), int(1));
    assert_eq!(shard.run("GET a"), bulk("2"));
}
