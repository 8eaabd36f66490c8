//! XDEL, XTRIM and XSETID.

use engine::stream::StreamId;
use engine::Value;
use resp::Reply;

use super::{error, logged_instead, shard_with, words};
use crate::errors;
use crate::families::test_shard::TestShard;

fn stream_ids(shard: &mut TestShard, key: &str) -> (StreamId, StreamId, StreamId, u64) {
    match &shard.peek(key).expect("stream").value {
        Value::Stream(s) => (s.first_id, s.last_id, s.max_deleted_id, s.entries_added),
        _ => panic!("not a stream"),
    }
}

#[test]
fn xdel_moves_the_first_id_and_the_largest_deleted() {
    let mut shard = shard_with("s", 5);
    assert_eq!(shard.run("XDEL s 3-0 1-0 1-0 9-0"), Reply::Int(2));
    let (first, last, max_deleted, added) = stream_ids(&mut shard, "s");
    assert_eq!(
        (first, last, max_deleted, added),
        (
            StreamId::new(2, 0),
            StreamId::new(5, 0),
            StreamId::new(3, 0),
            5
        )
    );
    assert_eq!(shard.run("XDEL s 2-0 4-0 5-0"), Reply::Int(3));
    assert_eq!(stream_ids(&mut shard, "s").0, StreamId::MIN);
    // An emptied stream stays.
    assert!(shard.exists("s"));
    assert_eq!(shard.run("XDEL missing x"), Reply::Int(0));
    assert_eq!(shard.run("XDEL s x"), error(errors::INVALID_STREAM_ID));
    assert_eq!(shard.dirty_of("XDEL s 1-0"), 0);
}

#[test]
fn xtrim_counts_and_logs_approximate_trims_that_removed_something() {
    let mut shard = shard_with("s", 250);
    assert_eq!(shard.run("XTRIM s MAXLEN ~ 240"), Reply::Int(0));
    assert_eq!(logged_instead(&mut shard), None);
    assert_eq!(shard.dirty_of("XTRIM s MAXLEN ~ 100"), 100);
    assert_eq!(
        logged_instead(&mut shard),
        Some(vec![words("XTRIM s MAXLEN = 150")])
    );
    assert_eq!(shard.run("XTRIM s MINID ~ 300 LIMIT 100"), Reply::Int(100));
    assert_eq!(
        logged_instead(&mut shard),
        Some(vec![words("XTRIM s MINID = 201-0")])
    );
    assert_eq!(shard.run("XTRIM s MINID 240"), Reply::Int(39));
    assert_eq!(stream_ids(&mut shard, "s").0, StreamId::new(240, 0));
    assert_eq!(shard.run("XTRIM s LIMIT 5 FOO"), error(errors::SYNTAX));
    assert_eq!(
        shard.run("XTRIM s LIMIT 5 MAXLEN 1"),
        error(errors::LIMIT_WITHOUT_APPROX)
    );
    assert_eq!(shard.run("XTRIM s LIMIT 0 1"), error(errors::SYNTAX));
    shard.run("SET str v");
    assert_eq!(shard.run("XTRIM str FOO 1"), error(errors::SYNTAX));
    assert_eq!(shard.run("XTRIM str MAXLEN 1"), error(errors::WRONG_TYPE));
}

#[test]
fn xsetid_checks_then_sets() {
    let mut shard = shard_with("s", 3);
    assert_eq!(shard.run("XSETID s 2-0"), error(errors::XSETID_BELOW_TOP));
    assert_eq!(
        shard.run("XSETID s 9 ENTRIESADDED 2"),
        error(errors::XSETID_ENTRIES_ADDED_BELOW_LENGTH)
    );
    assert_eq!(
        shard.run("XSETID s 9 MAXDELETEDID 10"),
        error(errors::XSETID_BELOW_GIVEN_MAX_DELETED)
    );
    assert_eq!(
        shard.run("XSETID s 9 ENTRIESADDED -1"),
        error(errors::ENTRIES_ADDED_NEGATIVE)
    );
    assert_eq!(shard.run("XSETID missing 9"), error(errors::NO_SUCH_KEY));
    assert_eq!(
        shard.run("XSETID s 9 ENTRIESADDED 7 MAXDELETEDID 4"),
        Reply::OK
    );
    assert_eq!(
        stream_ids(&mut shard, "s"),
        (
            StreamId::new(1, 0),
            StreamId::new(9, 0),
            StreamId::new(4, 0),
            7
        )
    );
    // Redis 7.0 lets the ID go below the largest deleted one.
    shard.run("XDEL s 1-0 2-0 3-0");
    assert_eq!(shard.run("XSETID s 0-0"), Reply::OK);
    assert_eq!(stream_ids(&mut shard, "s").1, StreamId::MIN);
}

#[test]
fn approximate_trims_default_to_a_hundred_nodes_of_work() {
    let mut shard = TestShard::new(3);
    shard.state.settings.limits.stream_node.max_entries = 2;
    for i in 1..=250 {
        shard.run(&format!("XADD s {i}-0 f v"));
    }
    assert_eq!(shard.run("XTRIM s MAXLEN ~ 0"), Reply::Int(200));
    // No entry limit: the default LIMIT is Redis's cap, 10000.
    shard.run("DEL s");
    for i in 1..=250 {
        shard.run(&format!("XADD s {i}-0 f v"));
    }
    shard.state.settings.limits.stream_node.max_entries = 0;
    assert_eq!(shard.run("XTRIM s MAXLEN ~ 0"), Reply::Int(250));
}
