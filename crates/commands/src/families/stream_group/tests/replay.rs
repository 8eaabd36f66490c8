//! What the group commands log replays to the same group state (as an AOF load would).

use engine::stream::{ConsumerGroup, StreamId};
use engine::Value;

use super::*;

/// Runs `line` on `live`, and on `replica` what `live` logged for it: the records it asked
/// for instead of itself, or the command when it asked for none (errors are not logged).
fn run_logged(live: &mut TestShard, replica: &mut TestShard, line: &str) {
    let reply = live.run(line);
    match live.state.propagate.take_instead() {
        Some(records) => {
            for record in records {
                let argv: Vec<&[u8]> = record.iter().map(Vec::as_slice).collect();
                let replayed = replica.run_args(&argv);
                assert!(!replayed.is_error(), "{record:?} failed: {replayed:?}");
            }
        }
        None if !reply.is_error() => {
            replica.run(line);
        }
        None => {}
    }
}

/// A group without its consumers' seen times (a replay sees them at its own time).
fn without_seen_times(mut group: ConsumerGroup) -> ConsumerGroup {
    for consumer in group.consumers.values_mut() {
        consumer.seen_time = 0;
    }
    group
}

fn groups(shard: &mut TestShard) -> Vec<(Vec<u8>, ConsumerGroup)> {
    match &shard.peek("s").expect("stream").value {
        Value::Stream(s) => s
            .groups
            .iter()
            .map(|(name, g)| (name.to_vec(), without_seen_times(g.clone())))
            .collect(),
        _ => panic!("not a stream"),
    }
}

#[test]
fn reads_claims_and_acks_replay_to_the_same_groups() {
    let mut live = TestShard::new(1);
    live.state.propagate.switch(true);
    let mut replica = TestShard::new(2);
    let script = [
        "XADD s 1-0 f 1",
        "XADD s 2-0 f 2",
        "XADD s 3-0 f 3",
        "XADD s 4-0 f 4",
        "XGROUP CREATE s g 0",
        "XGROUP CREATE s h $",
        "XREADGROUP GROUP g alice COUNT 2 STREAMS s >",
        "XREADGROUP GROUP g bob NOACK COUNT 1 STREAMS s >",
        "XREADGROUP GROUP g carol STREAMS s >",
        "XREADGROUP GROUP g alice STREAMS s 0",
        "XADD s 5-0 f 5",
        "XREADGROUP GROUP h dave STREAMS s >",
        "XCLAIM s g erin 0 1-0 TIME 5000",
        "XCLAIM s g erin 0 2-0 RETRYCOUNT 9 JUSTID",
        "XCLAIM s g erin 0 9-9 LASTID 9-9",
        "XDEL s 4-0",
        "XAUTOCLAIM s g fred 0 0 COUNT 10",
        "XACK s g 1-0",
        "XGROUP DELCONSUMER s g alice",
        "XGROUP CREATECONSUMER s h gina",
        "XGROUP SETID s h 2-0 ENTRIESREAD 2",
        "XREADGROUP GROUP h gina STREAMS s >",
    ];
    for (step, line) in script.iter().enumerate() {
        live.advance(7);
        replica.advance(7 + step as u64);
        run_logged(&mut live, &mut replica, line);
    }
    let live_groups = groups(&mut live);
    assert_eq!(live_groups, groups(&mut replica));
    let g = &live_groups[0].1;
    assert_eq!(g.last_id, StreamId::new(9, 9));
    assert!(!g.pel.contains_key(&StreamId::new(4, 0)));
}
