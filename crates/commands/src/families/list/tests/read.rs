use resp::Reply;

use super::{bulk, bulks, err, ints, list_size, TestShard};
use crate::errors;

#[test]
fn lrange_clamps_indexes_like_redis() {
    let mut shard = TestShard::new(7).with_limits(list_size(2));
    shard.run("RPUSH l a b c d e");
    assert_eq!(shard.run("LRANGE l 1 -2"), bulks(&["b", "c", "d"]));
    assert_eq!(shard.run("LRANGE l -100 1"), bulks(&["a", "b"]));
    assert_eq!(shard.run("LRANGE l 3 1"), bulks(&[]));
    assert_eq!(shard.run("LRANGE l 0 -9223372036854775808"), bulks(&[]));
    assert_eq!(shard.run("LRANGE missing 0 -1"), bulks(&[]));
    assert_eq!(shard.run("LRANGE missing a 1"), err(errors::NOT_INTEGER));
}

#[test]
fn lindex_looks_the_key_up_before_reading_the_index() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("LINDEX missing abc"), Reply::Nil);
    shard.run("RPUSH l a 12");
    assert_eq!(shard.run("LINDEX l abc"), err(errors::NOT_INTEGER));
    assert_eq!(shard.run("LINDEX l -1"), bulk("12"));
    assert_eq!(shard.run("LINDEX l 2"), Reply::Nil);
    assert_eq!(shard.run("LLEN l"), Reply::Int(2));
    assert_eq!(shard.run("LLEN missing"), Reply::Int(0));
}

#[test]
fn lpos_finds_by_rank_count_and_maxlen() {
    let mut shard = TestShard::new(7).with_limits(list_size(3));
    shard.run("RPUSH l a b c a b c a");
    assert_eq!(shard.run("LPOS l a"), Reply::Int(0));
    assert_eq!(shard.run("LPOS l a RANK -1"), Reply::Int(6));
    assert_eq!(shard.run("LPOS l a RANK 2 COUNT 0"), ints(&[3, 6]));
    assert_eq!(shard.run("LPOS l a RANK -2 COUNT 1"), ints(&[3]));
    assert_eq!(shard.run("LPOS l a COUNT 0 MAXLEN 4"), ints(&[0, 3]));
    assert_eq!(shard.run("LPOS l a RANK 4"), Reply::Nil);
    assert_eq!(shard.run("LPOS missing a COUNT 1"), ints(&[]));
    // Redis 7.0 negates the rank in a C long: LONG_MIN matches from the tail at once.
    assert_eq!(
        shard.run("LPOS l b RANK -9223372036854775808"),
        Reply::Int(4)
    );
}

#[test]
fn lpos_option_errors_come_before_the_lookup() {
    let mut shard = TestShard::new(7);
    shard.run("SET s v");
    assert_eq!(shard.run("LPOS s a RANK 0"), err(errors::LPOS_RANK_ZERO));
    assert_eq!(
        shard.run("LPOS s a COUNT abc"),
        err(errors::LPOS_COUNT_NEGATIVE)
    );
    assert_eq!(
        shard.run("LPOS s a MAXLEN -1"),
        err(errors::LPOS_MAXLEN_NEGATIVE)
    );
    assert_eq!(shard.run("LPOS s a RANK"), err(errors::SYNTAX));
    assert_eq!(shard.run("LPOS s a"), err(errors::WRONG_TYPE));
}
