use resp::Reply;

use super::{bulk, bulks, err, list_size, ListShard, TestShard};
use crate::errors;

#[test]
fn pushes_answer_the_new_length_and_count_one_change_per_element() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("RPUSH l a b"), Reply::Int(2));
    assert_eq!(shard.dirty_of("LPUSH l x y z"), 3);
    assert_eq!(shard.contents("l"), bulks(&["z", "y", "x", "a", "b"]));
}

#[test]
fn pushx_does_nothing_without_the_key() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("LPUSHX l a"), Reply::Int(0));
    assert_eq!(shard.run("RPUSHX l a"), Reply::Int(0));
    assert_eq!(shard.object_encoding("l"), None);
    shard.run("RPUSH l a");
    assert_eq!(shard.run("RPUSHX l b c"), Reply::Int(3));
}

#[test]
fn pops_answer_nil_or_nil_array_for_a_missing_key_and_empty_array_for_count_0() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("LPOP l"), Reply::Nil);
    assert_eq!(shard.run("LPOP l 0"), Reply::NilArray);
    assert_eq!(shard.run("RPOP l 2"), Reply::NilArray);
    shard.run("RPUSH l a b c");
    assert_eq!(shard.run("LPOP l 0"), Reply::Array(Vec::new()));
    assert_eq!(shard.run("RPOP l 2"), bulks(&["c", "b"]));
    assert_eq!(shard.run("LPOP l 5"), bulks(&["a"]));
    assert_eq!(shard.object_encoding("l"), None);
}

#[test]
fn pop_count_errors_come_before_the_type_check() {
    let mut shard = TestShard::new(7);
    shard.run("SET s v");
    let positive = err(errors::LPOP_COUNT_NOT_POSITIVE);
    assert_eq!(shard.run("LPOP s -1"), positive);
    assert_eq!(shard.run("RPOP s abc"), positive);
    assert_eq!(shard.run("LPOP s 1"), err(errors::WRONG_TYPE));
    assert_eq!(shard.run("LPOP s 1 2"), errors::wrong_arity("lpop"));
}

#[test]
fn lmpop_pops_from_the_first_non_empty_list() {
    let mut shard = TestShard::new(7);
    shard.run("RPUSH b 1 2 3");
    let reply = shard.run("LMPOP 2 a b RIGHT COUNT 2");
    assert_eq!(reply, Reply::Array(vec![bulk("b"), bulks(&["3", "2"])]));
    assert_eq!(shard.run("LMPOP 1 a LEFT"), Reply::NilArray);
    assert_eq!(shard.dirty_of("LMPOP 1 b LEFT COUNT 10"), 1);
    assert_eq!(shard.object_encoding("b"), None);
}

#[test]
fn lmpop_checks_numkeys_then_the_direction_then_count() {
    let mut shard = TestShard::new(7);
    let numkeys = err(errors::LMPOP_NUMKEYS_NOT_POSITIVE);
    assert_eq!(shard.run("LMPOP 0 a LEFT"), numkeys);
    assert_eq!(shard.run("LMPOP abc a LEFT"), numkeys);
    assert_eq!(shard.run("LMPOP 3 a LEFT"), err(errors::SYNTAX));
    assert_eq!(shard.run("LMPOP 1 a UP COUNT 0"), err(errors::SYNTAX));
    let count = err(errors::LMPOP_COUNT_NOT_POSITIVE);
    assert_eq!(shard.run("LMPOP 1 a LEFT COUNT 0"), count);
    assert_eq!(
        shard.run("LMPOP 1 a LEFT COUNT 1 COUNT 1"),
        err(errors::SYNTAX)
    );
    shard.run("SET s v");
    assert_eq!(shard.run("LMPOP 2 a s LEFT"), err(errors::WRONG_TYPE));
}

#[test]
fn lists_become_quicklists_past_the_limit_and_listpacks_again_at_half() {
    let mut shard = TestShard::new(7).with_limits(list_size(4));
    shard.run("RPUSH l 1 2 3 4");
    assert_eq!(shard.object_encoding("l"), Some("listpack"));
    shard.run("RPUSH l 5");
    assert_eq!(shard.object_encoding("l"), Some("quicklist"));
    shard.run("RPOP l 3");
    assert_eq!(shard.object_encoding("l"), Some("listpack"));
    // One push of many values converts at once.
    shard.run("LPUSH m a b c d e f g h i");
    assert_eq!(shard.object_encoding("m"), Some("quicklist"));
    assert_eq!(
        shard.contents("m"),
        bulks(&["i", "h", "g", "f", "e", "d", "c", "b", "a"])
    );
}
