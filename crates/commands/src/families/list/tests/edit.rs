use resp::Reply;

use super::{bulks, err, list_size, ListShard, TestShard};
use crate::errors;

#[test]
fn lset_replaces_and_reports_missing_keys_and_indexes() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("LSET l abc x"), err(errors::NO_SUCH_KEY));
    shard.run("RPUSH l a b");
    assert_eq!(shard.run("LSET l abc x"), err(errors::NOT_INTEGER));
    assert_eq!(
        shard.run("LSET l 2 x"),
        err(errors::LSET_INDEX_OUT_OF_RANGE)
    );
    assert_eq!(shard.dirty_of("LSET l -1 x"), 1);
    assert_eq!(shard.contents("l"), bulks(&["a", "x"]));
}

#[test]
fn lset_on_a_full_listpack_converts_it_as_redis_7_2_does() {
    let mut shard = TestShard::new(7).with_limits(list_size(3));
    shard.run("RPUSH l a b c");
    assert_eq!(shard.object_encoding("l"), Some("listpack"));
    shard.run("LSET l 0 x");
    assert_eq!(shard.object_encoding("l"), Some("quicklist"));
}

#[test]
fn linsert_puts_the_element_beside_the_first_pivot() {
    let mut shard = TestShard::new(7).with_limits(list_size(2));
    shard.run("RPUSH l a b a");
    assert_eq!(shard.run("LINSERT l BEFORE a x"), Reply::Int(4));
    assert_eq!(shard.run("LINSERT l after b y"), Reply::Int(5));
    assert_eq!(shard.run("LINSERT l AFTER nope y"), Reply::Int(-1));
    assert_eq!(shard.run("LINSERT missing AFTER a y"), Reply::Int(0));
    assert_eq!(shard.run("LINSERT missing middle a y"), err(errors::SYNTAX));
    assert_eq!(shard.contents("l"), bulks(&["x", "a", "b", "y", "a"]));
}

#[test]
fn lrem_counts_from_either_end_and_deletes_an_emptied_list() {
    let mut shard = TestShard::new(7);
    shard.run("RPUSH l a b a b a");
    assert_eq!(shard.run("LREM l -1 a"), Reply::Int(1));
    assert_eq!(shard.run("LREM l 1 b"), Reply::Int(1));
    assert_eq!(shard.contents("l"), bulks(&["a", "a", "b"]));
    assert_eq!(shard.run("LREM l abc a"), err(errors::NOT_INTEGER));
    assert_eq!(shard.dirty_of("LREM l 0 a"), 2);
    assert_eq!(shard.run("LREM l 0 b"), Reply::Int(1));
    assert_eq!(shard.object_encoding("l"), None);
}

#[test]
fn ltrim_keeps_a_range_and_counts_what_it_removed() {
    let mut shard = TestShard::new(7).with_limits(list_size(2));
    shard.run("RPUSH l 0 1 2 3 4 5");
    assert_eq!(shard.dirty_of("LTRIM l 1 -2"), 2);
    assert_eq!(shard.contents("l"), bulks(&["1", "2", "3", "4"]));
    assert_eq!(shard.run("LTRIM missing 0 1"), Reply::OK);
    assert_eq!(shard.run("LTRIM l 3 1"), Reply::OK);
    assert_eq!(shard.object_encoding("l"), None);
}
