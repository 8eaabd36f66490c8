use resp::Reply;

use super::{bulk, bulks, err, hash_limits, int, wrong_type, HashShard, TestShard};
use crate::errors;

#[test]
fn hset_counts_new_fields_and_replaces_existing_ones() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("HSET h a 1 b 2"), int(2));
    assert_eq!(shard.run("HSET h a 3 c 4 c 5"), int(1));
    assert_eq!(shard.run("HMGET h a b c"), bulks(&["3", "2", "5"]));
    assert_eq!(shard.encoding("h"), "listpack");
}

#[test]
fn hset_counts_every_pair_as_a_change() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.dirty_of("HSET h a 1 a 2 b 3"), 3);
    assert_eq!(shard.dirty_of("HMSET h a 1"), 1);
}

#[test]
fn hmset_answers_ok() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("HMSET h a 1 b 2"), Reply::OK);
    assert_eq!(shard.run("HLEN h"), int(2));
}

#[test]
fn an_odd_number_of_arguments_is_an_arity_error_before_the_type_check() {
    let mut shard = TestShard::new(7);
    shard.set_string("s");
    assert_eq!(shard.run("HSET s a 1 b"), errors::wrong_arity("hset"));
    assert_eq!(shard.run("HMSET h a 1 b"), errors::wrong_arity("hmset"));
    assert!(!shard.exists("h"));
    assert_eq!(shard.run("HSET s a 1"), wrong_type());
    assert_eq!(shard.run("HMSET s a 1"), wrong_type());
}

#[test]
fn hset_past_the_entry_limit_converts_and_never_converts_back() {
    let mut shard = TestShard::new(7).with_limits(hash_limits(4, 64));
    shard.fill("h", 4);
    assert_eq!(shard.encoding("h"), "listpack");
    shard.run("HSET h f4 v4");
    assert_eq!(shard.encoding("h"), "hashtable");
    assert_eq!(shard.run("HDEL h f0 f1 f2 f3"), int(4));
    assert_eq!(shard.encoding("h"), "hashtable");
}

#[test]
fn a_long_value_anywhere_in_hset_converts() {
    let mut shard = TestShard::new(7).with_limits(hash_limits(128, 4));
    shard.run("HSET h a 1234");
    assert_eq!(shard.encoding("h"), "listpack");
    shard.run("HSET h b 1 c 12345");
    assert_eq!(shard.encoding("h"), "hashtable");
    shard.run("HSET g longfield 1");
    assert_eq!(shard.encoding("g"), "hashtable");
}

#[test]
fn hsetnx_sets_only_missing_fields_and_leaves_the_encoding_alone_otherwise() {
    let mut shard = TestShard::new(7).with_limits(hash_limits(128, 4));
    assert_eq!(shard.run("HSETNX h a 1"), int(1));
    assert_eq!(shard.dirty_of("HSETNX h a 123456789"), 0);
    assert_eq!(shard.run("HSETNX h a 123456789"), int(0));
    assert_eq!(shard.encoding("h"), "listpack");
    assert_eq!(shard.run("HGET h a"), bulk("1"));
    assert_eq!(shard.run("HSETNX h b 123456789"), int(1));
    assert_eq!(shard.encoding("h"), "hashtable");
    shard.set_string("s");
    assert_eq!(shard.run("HSETNX s a 1"), wrong_type());
}

#[test]
fn hdel_counts_removed_fields_and_deletes_the_emptied_key() {
    let mut shard = TestShard::new(7);
    shard.run("HSET h a 1 b 2");
    assert_eq!(shard.run("HDEL h a zz a"), int(1));
    assert_eq!(shard.dirty_of("HDEL h zz"), 0);
    assert!(shard.exists("h"));
    assert_eq!(shard.dirty_of("HDEL h b"), 1);
    assert!(!shard.exists("h"));
    assert_eq!(shard.run("HDEL h b"), int(0));
    shard.set_string("s");
    assert_eq!(shard.run("HDEL s a"), wrong_type());
}

#[test]
fn hdel_empties_a_hashtable_too() {
    let mut shard = TestShard::new(7).with_limits(hash_limits(1, 64));
    shard.run("HSET h a 1 b 2");
    assert_eq!(shard.encoding("h"), "hashtable");
    assert_eq!(shard.run("HDEL h a b c"), int(2));
    assert!(!shard.exists("h"));
}

#[test]
fn binary_fields_and_values_round_trip() {
    let mut shard = TestShard::new(7);
    let field: &[u8] = b"f\x00\r\n";
    let value: &[u8] = b"\xff\x00";
    assert_eq!(shard.run_args(&[b"HSET", b"h", field, value]), int(1));
    assert_eq!(shard.run_args(&[b"HGET", b"h", field]), Reply::bulk(value));
    assert_eq!(shard.run_args(&[b"HGET", b"h", b"f"]), Reply::Nil);
    assert_eq!(shard.run("HSTRLEN h f"), int(0));
    assert_eq!(err(errors::SYNTAX), err(errors::SYNTAX));
}
