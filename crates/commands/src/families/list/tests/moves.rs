use resp::Reply;

use super::{bulk, bulks, err, ListShard, TestShard};
use crate::errors;

#[test]
fn lmove_moves_between_ends_and_creates_the_destination() {
    let mut shard = TestShard::new(7);
    shard.run("RPUSH a 1 2 3");
    assert_eq!(shard.run("LMOVE a b LEFT RIGHT"), bulk("1"));
    assert_eq!(shard.run("LMOVE a b RIGHT LEFT"), bulk("3"));
    assert_eq!(shard.dirty_of("RPOPLPUSH a b"), 1);
    assert_eq!(shard.object_encoding("a"), None);
    assert_eq!(shard.contents("b"), bulks(&["2", "3", "1"]));
    assert_eq!(shard.run("LMOVE a b LEFT LEFT"), Reply::Nil);
}

#[test]
fn lmove_onto_the_same_list_rotates_it() {
    let mut shard = TestShard::new(7);
    shard.run("RPUSH l a b c");
    assert_eq!(shard.run("LMOVE l l LEFT RIGHT"), bulk("a"));
    assert_eq!(shard.run("RPOPLPUSH l l"), bulk("a"));
    assert_eq!(shard.contents("l"), bulks(&["a", "b", "c"]));
    shard.run("RPUSH one x");
    assert_eq!(shard.run("LMOVE one one RIGHT LEFT"), bulk("x"));
    assert_eq!(shard.contents("one"), bulks(&["x"]));
}

#[test]
fn lmove_checks_directions_then_the_source_then_the_destination_type() {
    let mut shard = TestShard::new(7);
    shard.run("SET s v");
    assert_eq!(shard.run("LMOVE s s UP LEFT"), err(errors::SYNTAX));
    assert_eq!(shard.run("LMOVE missing s LEFT LEFT"), Reply::Nil);
    assert_eq!(
        shard.run("LMOVE s missing LEFT LEFT"),
        err(errors::WRONG_TYPE)
    );
    shard.run("RPUSH l a");
    assert_eq!(shard.run("LMOVE l s LEFT LEFT"), err(errors::WRONG_TYPE));
    assert_eq!(shard.contents("l"), bulks(&["a"]));
}
