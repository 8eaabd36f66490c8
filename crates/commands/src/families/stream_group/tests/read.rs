//! XREADGROUP and XACK, and what they log.

use std::time::Duration;

use resp::Reply;

use super::*;
use crate::errors;
use crate::families::stream_group::{parse_xreadgroup, serve_xreadgroup};
use crate::{OwnedArgs, ShardCtx};

fn keyed(key: &str, entries: Vec<Reply>) -> Reply {
    Reply::KeyedArrays(vec![(bulk(key), Reply::Array(entries))])
}

#[test]
fn new_entries_are_delivered_once_and_logged_as_claims() {
    let mut shard = shard_with_group(3);
    let reply = shard.run("XREADGROUP GROUP g alice COUNT 2 STREAMS s >");
    assert_eq!(
        reply,
        keyed("s", vec![entry("1-0", "1"), entry("2-0", "2")])
    );
    let t = at(0);
    assert_eq!(
        logged(&mut shard),
        vec![
            "XGROUP CREATECONSUMER s g alice".to_string(),
            format!("XCLAIM s g alice 0 1-0 TIME {t} RETRYCOUNT 1 FORCE JUSTID LASTID 1-0"),
            format!("XCLAIM s g alice 0 2-0 TIME {t} RETRYCOUNT 1 FORCE JUSTID LASTID 2-0"),
            "XGROUP SETID s g 2-0 ENTRIESREAD 2".to_string(),
        ]
    );
    let g = group(&mut shard, "s", "g");
    assert_eq!(g.entries_read, Some(2));
    assert_eq!(g.consumers[&b"alice"[..]].pel.len(), 2);
    assert_eq!(shard.dirty_of("XREADGROUP GROUP g alice STREAMS s >"), 1);
    assert_eq!(
        shard.run("XREADGROUP GROUP g alice STREAMS s >"),
        Reply::NilArray
    );
    assert_eq!(logged(&mut shard), Vec::<String>::new());
}

#[test]
fn history_reads_count_deliveries_and_show_deleted_entries() {
    let mut shard = shard_with_group(3);
    shard.run("XREADGROUP GROUP g alice STREAMS s >");
    shard.run("XDEL s 2-0");
    shard.advance(40);
    logged(&mut shard);
    let reply = shard.run("XREADGROUP GROUP g alice STREAMS s 0");
    let deleted = Reply::Array(vec![bulk("2-0"), Reply::NilArray]);
    assert_eq!(
        reply,
        keyed("s", vec![entry("1-0", "1"), deleted, entry("3-0", "3")])
    );
    let t = at(40);
    assert_eq!(
        logged(&mut shard),
        vec![
            format!("XCLAIM s g alice 0 1-0 TIME {t} RETRYCOUNT 2 FORCE JUSTID LASTID 3-0"),
            format!("XCLAIM s g alice 0 3-0 TIME {t} RETRYCOUNT 2 FORCE JUSTID LASTID 3-0"),
        ]
    );
    let g = group(&mut shard, "s", "g");
    assert_eq!(
        g.pel[&engine::stream::StreamId::new(2, 0)].delivery_count,
        1
    );
    // Another consumer's history is its own: empty, but the stream is still answered.
    assert_eq!(
        shard.run("XREADGROUP GROUP g bob STREAMS s 0"),
        keyed("s", vec![])
    );
}

#[test]
fn noack_moves_the_group_without_pending_entries() {
    let mut shard = shard_with_group(2);
    shard.run("XREADGROUP GROUP g c NOACK STREAMS s >");
    assert_eq!(
        logged(&mut shard),
        vec![
            "XGROUP CREATECONSUMER s g c",
            "XGROUP SETID s g 2-0 ENTRIESREAD 2"
        ]
    );
    assert!(group(&mut shard, "s", "g").pel.is_empty());
}

#[test]
fn errors_come_in_argument_order() {
    let mut shard = shard_with_group(1);
    shard.run("SET str x");
    assert_eq!(
        shard.run("XREADGROUP GROUP g c STREAMS s nokey bad >"),
        errors::err(errors::INVALID_STREAM_ID)
    );
    assert_eq!(
        shard.run("XREADGROUP GROUP g c STREAMS s nokey > >"),
        error("NOGROUP No such key 'nokey' or consumer group 'g' in XREADGROUP with GROUP option")
    );
    assert_eq!(
        shard.run("XREADGROUP GROUP g c STREAMS str s > >"),
        errors::err(errors::WRONG_TYPE)
    );
    assert_eq!(
        shard.run("XREADGROUP GROUP g c STREAMS s $"),
        errors::err(errors::XREADGROUP_DOLLAR)
    );
    assert_eq!(
        shard.run("XREADGROUP STREAMS s >"),
        errors::err(errors::XREADGROUP_MISSING_GROUP)
    );
    assert_eq!(
        shard.run("XREADGROUP GROUP g c BLOCK -1 STREAMS s >"),
        errors::err(errors::BLOCK_TIMEOUT_NEGATIVE)
    );
}

#[test]
fn serve_says_when_the_caller_may_block() {
    let mut shard = shard_with_group(1);
    let args = OwnedArgs::from_slices(
        "XREADGROUP GROUP g c BLOCK 1500 COUNT 0 STREAMS s >"
            .split(' ')
            .map(str::as_bytes),
    );
    let request = parse_xreadgroup(args.view()).expect("valid");
    assert_eq!(request.block, Some(Duration::from_millis(1500)));
    assert_eq!(request.count, None);
    let mut ctx = ShardCtx::new(&mut shard.state, shard.db, shard.now_ms);
    assert!(serve_xreadgroup(&mut ctx, &request)
        .expect("served")
        .is_some());
    assert_eq!(serve_xreadgroup(&mut ctx, &request), Ok(None));
    assert_eq!(
        shard.run("XREADGROUP GROUP g c BLOCK 10 STREAMS s >"),
        Reply::NilArray
    );
}

#[test]
fn xack_counts_acknowledged_ids_all_or_nothing() {
    let mut shard = shard_with_group(3);
    shard.run("XREADGROUP GROUP g c STREAMS s >");
    assert_eq!(
        shard.run("XACK s g 1-0 bad"),
        errors::err(errors::INVALID_STREAM_ID)
    );
    assert_eq!(shard.dirty_of("XACK s g 1-0 2 9-9"), 2);
    assert_eq!(shard.run("XACK s g 1-0"), Reply::Int(0));
    assert_eq!(shard.run("XACK s nog bad"), Reply::Int(0));
    assert_eq!(shard.run("XACK nokey g bad"), Reply::Int(0));
    assert_eq!(group(&mut shard, "s", "g").pel.len(), 1);
}
