//! XCLAIM, XAUTOCLAIM and XPENDING's listing.

use engine::stream::StreamId;
use resp::Reply;

use super::*;
use crate::errors;

#[test]
fn claims_set_times_and_counts_as_redis_does() {
    let mut shard = shard_with_group(3);
    // redis-server 7.0.15: FORCE on an entry nobody had counts it delivered twice, JUSTID
    // leaves the count alone, RETRYCOUNT sets it.
    assert_eq!(
        shard.run("XCLAIM s g bob 0 1-0 FORCE TIME 1000"),
        Reply::Array(vec![entry("1-0", "1")])
    );
    shard.run("XCLAIM s g bob 0 2-0 FORCE JUSTID TIME 1000");
    shard.run("XCLAIM s g bob 0 3-0 FORCE RETRYCOUNT 5 TIME 1000");
    let g = group(&mut shard, "s", "g");
    let counts: Vec<u64> = g.pel.values().map(|n| n.delivery_count).collect();
    assert_eq!(counts, vec![2, 1, 5]);
    assert!(g.pel.values().all(|n| n.delivery_time == 1000));
    logged(&mut shard);
    shard.run("XCLAIM s g al 0 1-0 TIME 99999999999999 JUSTID");
    assert_eq!(
        logged(&mut shard),
        vec![format!(
            "XCLAIM s g al 0 1-0 TIME {} RETRYCOUNT 2 FORCE JUSTID LASTID 0-0",
            at(0)
        )]
    );
    assert_eq!(
        group(&mut shard, "s", "g").consumers[&b"bob"[..]].pel.len(),
        2
    );
}

#[test]
fn claims_respect_min_idle_and_drop_deleted_entries() {
    let mut shard = shard_with_group(3);
    shard.run("XREADGROUP GROUP g a STREAMS s >");
    shard.advance(100);
    assert_eq!(
        shard.run("XCLAIM s g b 101 1-0 JUSTID"),
        Reply::Array(vec![])
    );
    assert_eq!(
        shard.run("XCLAIM s g b 100 1-0 JUSTID"),
        Reply::Array(vec![bulk("1-0")])
    );
    shard.run("XDEL s 2-0");
    logged(&mut shard);
    assert_eq!(shard.dirty_of("XCLAIM s g b 0 2-0"), 1);
    assert!(!group(&mut shard, "s", "g")
        .pel
        .contains_key(&StreamId::new(2, 0)));
    assert_eq!(logged(&mut shard).len(), 1);
    assert_eq!(
        shard.run("XCLAIM s g b 0 1-0 LASTID 9-0 JUSTID RETRYCOUNT -1"),
        Reply::Array(vec![bulk("1-0")])
    );
    assert_eq!(group(&mut shard, "s", "g").last_id, StreamId::new(9, 0));
    assert_eq!(
        shard.run("XCLAIM s g b 0 1-0 IDLE"),
        error("ERR Unrecognized XCLAIM option 'IDLE'")
    );
    assert_eq!(
        shard.run("XCLAIM s g b x 1-0"),
        errors::err(errors::XCLAIM_MIN_IDLE)
    );
}

#[test]
fn a_moved_last_id_alone_is_logged_as_setid() {
    let mut shard = shard_with_group(2);
    shard.run("XCLAIM s g b 0 5-0 LASTID 2-0");
    assert_eq!(
        logged(&mut shard),
        vec!["XGROUP SETID s g 2-0 ENTRIESREAD -1"]
    );
}

#[test]
fn autoclaim_walks_the_pel_and_reports_deleted_ids() {
    let mut shard = shard_with_group(5);
    shard.run("XREADGROUP GROUP g a STREAMS s >");
    shard.run("XDEL s 2-0");
    let reply = shard.run("XAUTOCLAIM s g b 0 0 COUNT 2");
    assert_eq!(
        reply,
        Reply::Array(vec![
            bulk("3-0"),
            Reply::Array(vec![entry("1-0", "1")]),
            Reply::Array(vec![bulk("2-0")]),
        ])
    );
    let reply = shard.run("XAUTOCLAIM s g b 0 (3-0 JUSTID");
    assert_eq!(
        reply,
        Reply::Array(vec![
            bulk("0-0"),
            Reply::Array(vec![bulk("4-0"), bulk("5-0")]),
            Reply::Array(vec![]),
        ])
    );
    let g = group(&mut shard, "s", "g");
    assert_eq!(g.consumers[&b"b"[..]].pel.len(), 3);
    assert_eq!(
        shard.run("XAUTOCLAIM s g b 0 0 COUNT 0"),
        errors::err(errors::XAUTOCLAIM_COUNT)
    );
}

#[test]
fn xpending_lists_with_idle_filter_and_consumer() {
    let mut shard = shard_with_group(3);
    shard.run("XREADGROUP GROUP g a COUNT 1 STREAMS s >");
    shard.advance(500);
    shard.run("XREADGROUP GROUP g b STREAMS s >");
    let row = |id: &str, c: &str, idle: i64| {
        Reply::Array(vec![bulk(id), bulk(c), Reply::Int(idle), Reply::Int(1)])
    };
    assert_eq!(
        shard.run("XPENDING s g IDLE 400 - + 10"),
        Reply::Array(vec![row("1-0", "a", 500)])
    );
    assert_eq!(
        shard.run("XPENDING s g (1-0 + 1 b"),
        Reply::Array(vec![row("2-0", "b", 0)])
    );
    assert_eq!(shard.run("XPENDING s g - + 10 zed"), Reply::Array(vec![]));
    assert_eq!(
        shard.run("XPENDING s g - (0-0 1"),
        errors::err(errors::INVALID_END_INTERVAL)
    );
    assert_eq!(shard.run("XPENDING s g - +"), errors::err(errors::SYNTAX));
}
