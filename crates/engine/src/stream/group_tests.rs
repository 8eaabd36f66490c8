use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

fn id(ms: u64, seq: u64) -> StreamId {
    StreamId::new(ms, seq)
}

fn limits(entries: usize) -> NodeLimits {
    NodeLimits {
        max_entries: entries,
        ..NodeLimits::default()
    }
}

#[test]
fn radix_tree_nodes_match_redis_for_appended_streams() {
    // redis-server 7.0.15 with stream-node-max-entries 2: XADD s <i*37>-<i%3> a 1 for
    // i in 1..=40 gives 48 nodes; XADD s2 <i*1000000>-0 for i in 1..=30 gives 34.
    let mut s = StreamValue::new();
    for i in 1..=40u64 {
        s.append(id(i * 37, i % 3), &[b"a", b"1"], limits(2));
    }
    assert_eq!(s.nodes.len(), 20);
    assert_eq!(s.radix_tree_nodes(), 48);
    let mut s2 = StreamValue::new();
    for i in 1..=30u64 {
        s2.append(id(i * 1_000_000, 0), &[b"a", b"1"], limits(2));
    }
    assert_eq!(s2.radix_tree_nodes(), 34);
    assert_eq!(StreamValue::new().radix_tree_nodes(), 1);
}

#[test]
fn delivery_moves_entries_between_consumers() {
    let mut g = ConsumerGroup::new(StreamId::MIN, Some(0));
    assert!(g.touch_consumer(b"alice", 10));
    assert!(!g.touch_consumer(b"alice", 20));
    assert_eq!(g.consumers[&b"alice"[..]].seen_time, 20);
    g.create_consumer(b"bob", 5);
    g.deliver(id(1, 0), b"alice", 30);
    g.assign(id(1, 0), b"alice", 30, 7);
    let moved = g.deliver(id(1, 0), b"bob", 40).clone();
    assert_eq!(moved.delivery_count, 1);
    assert_eq!(moved.consumer.as_ref(), b"bob");
    assert!(g.consumers[&b"alice"[..]].pel.is_empty());
    assert!(g.consumers[&b"bob"[..]].pel.contains(&id(1, 0)));
    assert!(g.ack(id(1, 0)));
    assert!(!g.ack(id(1, 0)));
    assert!(g.consumers[&b"bob"[..]].pel.is_empty());
}

#[test]
fn deleting_a_consumer_drops_its_pending_entries() {
    let mut g = ConsumerGroup::new(StreamId::MIN, None);
    g.create_consumer(b"a", 0);
    g.create_consumer(b"b", 0);
    g.deliver(id(1, 0), b"a", 0);
    g.deliver(id(2, 0), b"a", 0);
    g.deliver(id(3, 0), b"b", 0);
    assert_eq!(g.delete_consumer(b"a"), Some(2));
    assert_eq!(g.delete_consumer(b"a"), None);
    assert_eq!(g.pel.keys().copied().collect::<Vec<_>>(), vec![id(3, 0)]);
}

#[test]
fn read_counter_and_lag_follow_redis() {
    // redis-server 7.0.15: XADD 1-1..1-4; XGROUP CREATE s g 0 ENTRIESREAD 0; XREADGROUP
    // COUNT 2 > gives entries-read 2, lag 2; XDEL s 1-4 makes the lag unknowable (nil)
    // until the group passes the tombstone.
    let mut s = StreamValue::new();
    for seq in 1..=4 {
        s.append(id(1, seq), &[b"f", b"v"], NodeLimits::default());
    }
    s.groups
        .insert("g".into(), ConsumerGroup::new(StreamId::MIN, Some(0)));
    s.advance_group(b"g", id(1, 1));
    s.advance_group(b"g", id(1, 2));
    assert_eq!(s.groups[&b"g"[..]].entries_read, Some(2));
    assert_eq!(s.group_lag(&s.groups[&b"g"[..]]), Some(2));
    assert!(s.delete(id(1, 4)));
    s.max_deleted_id = id(1, 4);
    assert!(s.has_tombstones_from(id(1, 2)));
    assert_eq!(s.group_lag(&s.groups[&b"g"[..]]), None);
    s.advance_group(b"g", id(1, 3));
    assert_eq!(s.groups[&b"g"[..]].entries_read, None);
    let past = ConsumerGroup::new(id(1, 4), None);
    assert_eq!(s.group_lag(&past), Some(0));
    // XGROUP SETID ... ENTRIESREAD 10 past the end: Redis reports a negative lag.
    let overread = ConsumerGroup::new(StreamId::MAX, Some(10));
    assert_eq!(s.group_lag(&overread), Some(-6));
}

#[derive(Debug, Clone)]
enum Op {
    Deliver(u8, u8),
    Assign(u8, u8, u8),
    Ack(u8),
    DeleteConsumer(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..8u8, 0..3u8).prop_map(|(i, c)| Op::Deliver(i, c)),
        (0..8u8, 0..3u8, 0..5u8).prop_map(|(i, c, n)| Op::Assign(i, c, n)),
        (0..8u8).prop_map(Op::Ack),
        (0..3u8).prop_map(Op::DeleteConsumer),
    ]
}

proptest! {
    /// The group's PEL and the consumers' PELs always describe the same ownership, and match
    /// a naive map of ID to (owner, count).
    #[test]
    fn pels_stay_in_step(ops in proptest::collection::vec(op(), 0..60)) {
        let mut g = ConsumerGroup::new(StreamId::MIN, None);
        let mut model: BTreeMap<u8, (u8, u64)> = BTreeMap::new();
        let name = |c: u8| [b'a' + c];
        for op in ops {
            match op {
                Op::Deliver(i, c) => {
                    g.touch_consumer(&name(c), 0);
                    g.deliver(id(i.into(), 0), &name(c), 0);
                    model.insert(i, (c, 1));
                }
                Op::Assign(i, c, n) => {
                    g.touch_consumer(&name(c), 0);
                    g.assign(id(i.into(), 0), &name(c), 0, n.into());
                    model.insert(i, (c, n.into()));
                }
                Op::Ack(i) => {
                    prop_assert_eq!(g.ack(id(i.into(), 0)), model.remove(&i).is_some());
                }
                Op::DeleteConsumer(c) => {
                    let owned = model.values().filter(|(o, _)| *o == c).count();
                    let existed = g.consumers.contains_key(&name(c)[..]);
                    let got = g.delete_consumer(&name(c));
                    prop_assert_eq!(got, existed.then_some(owned));
                    model.retain(|_, (o, _)| *o != c);
                }
            }
            let pel: BTreeMap<u8, (u8, u64)> = g
                .pel
                .iter()
                .map(|(k, e)| (k.ms as u8, (e.consumer[0] - b'a', e.delivery_count)))
                .collect();
            prop_assert_eq!(&pel, &model);
            for (cname, consumer) in &g.consumers {
                let owned: BTreeSet<StreamId> = g
                    .pel
                    .iter()
                    .filter(|(_, e)| e.consumer == cname)
                    .map(|(k, _)| *k)
                    .collect();
                prop_assert_eq!(&consumer.pel, &owned);
            }
        }
    }
}
