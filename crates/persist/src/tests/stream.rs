//! Streams: a redis-server 7.0.15 DUMP payload restores to the stream it describes and dumps
//! back to the same bytes; files of the older and newer stream formats load.

use bytes::Bytes;
use engine::stream::{NodeLimits, StreamId};
use engine::{EncodingLimits, StreamValue, Value};

use super::hex;
use crate::dump::{dump, restore};

/// XADD s 1-1 a 1 b 2; XADD s 1-2 a 3 b 4; XADD s 2-0 c x; XADD s 3-0 a 300 b -5000;
/// XGROUP CREATE s g1 0; XGROUP CREATE s 7 $ ENTRIESREAD 3;
/// XREADGROUP GROUP g1 alice COUNT 2 STREAMS s >; XCLAIM s g1 bob 0 1-2 TIME 1700000000000
/// RETRYCOUNT 5; XGROUP CREATECONSUMER s g1 carol; XDEL s 2-0; then DUMP s.
const REDIS_PAYLOAD: &str = "13011000000000000000010000000000000001c34048404e124e0000001f000301010102018161028162020020090000200140110005600b040101030104200b40000bdfff02010181630281780206201c0002401009c12c02f178ec030501ff030300010102000402c00703000300000267310102020200000000000000010000000000000001e8d8a433a201000001000000000000000100000000000000020068e5cf8b010000050305616c696365e8d8a433a2010000010000000000000001000000000000000103626f62ecd8a433a20100000100000000000000010000000000000002056361726f6cf0d8a433a2010000000a00020028c83632ea51";

fn id(ms: u64, seq: u64) -> StreamId {
    StreamId::new(ms, seq)
}

#[test]
fn a_redis_stream_payload_restores_and_dumps_back_identically() {
    let payload = hex(REDIS_PAYLOAD);
    let value = restore(&payload, &EncodingLimits::default()).expect("redis payload restores");
    let Value::Stream(stream) = &value else {
        panic!("not a stream: {value:?}");
    };
    assert_eq!(stream.len(), 3);
    assert_eq!(
        (
            stream.last_id,
            stream.first_id,
            stream.max_deleted_id,
            stream.entries_added
        ),
        (id(3, 0), id(1, 1), id(2, 0), 4)
    );
    let ids: Vec<_> = stream
        .range(StreamId::MIN, StreamId::MAX, None)
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec![id(1, 1), id(1, 2), id(3, 0)]);
    let names: Vec<_> = stream.groups.keys().cloned().collect();
    assert_eq!(names, vec![Bytes::from("7"), Bytes::from("g1")]);
    let g1 = &stream.groups[&Bytes::from("g1")];
    assert_eq!((g1.last_id, g1.entries_read), (id(1, 2), Some(2)));
    assert_eq!(g1.pel[&id(1, 2)].consumer, Bytes::from("bob"));
    assert_eq!(g1.pel[&id(1, 2)].delivery_time, 1_700_000_000_000);
    assert_eq!(g1.pel[&id(1, 2)].delivery_count, 5);
    assert_eq!(g1.pel[&id(1, 1)].consumer, Bytes::from("alice"));
    assert!(g1.consumers[&Bytes::from("carol")].pel.is_empty());
    assert_eq!(dump(&value), payload);
}

#[test]
fn a_stream_with_several_nodes_and_an_empty_one_round_trips() {
    let limits = NodeLimits {
        max_bytes: 0,
        max_entries: 2,
    };
    let mut stream = StreamValue::new();
    for ms in 1..=7 {
        let value = ms.to_string();
        stream.append(id(ms, 0), &[b"field", value.as_bytes()], limits);
    }
    stream.delete(id(4, 0));
    let value = Value::Stream(Box::new(stream));
    let back = restore(&dump(&value), &EncodingLimits::default()).unwrap();
    assert_eq!(back, value);

    let mut emptied = StreamValue::new();
    emptied.append(id(5, 5), &[b"f", b"v"], limits);
    emptied.delete(id(5, 5));
    emptied.max_deleted_id = id(5, 5);
    let value = Value::Stream(Box::new(emptied));
    assert_eq!(
        restore(&dump(&value), &EncodingLimits::default()).unwrap(),
        value
    );
}

#[test]
fn inconsistent_streams_are_refused_not_kept() {
    let limits = NodeLimits::default();
    let mut good = StreamValue::new();
    good.append(id(1, 0), &[b"f", b"v"], limits);
    good.append(id(2, 0), &[b"f", b"w"], limits);
    let refused = |stream: StreamValue| {
        let payload = dump(&Value::Stream(Box::new(stream)));
        restore(&payload, &EncodingLimits::default()).is_err()
    };
    assert!(!refused(good.clone()));

    let mut wrong_length = good.clone();
    wrong_length.length = 5;
    assert!(refused(wrong_length));

    let mut before_its_node = good.clone();
    let node = before_its_node.nodes.remove(&id(1, 0)).unwrap();
    before_its_node.nodes.insert(id(1, 5), node);
    assert!(refused(before_its_node));

    let mut bad_counts = good.clone();
    let lp = bad_counts.nodes.get_mut(&id(1, 0)).unwrap();
    let first = lp.first().unwrap();
    lp.replace_int(first, 3);
    assert!(refused(bad_counts));

    let mut orphan = good.clone();
    let mut group = engine::stream::ConsumerGroup::default();
    group.pel.insert(
        id(1, 0),
        engine::stream::PendingEntry {
            delivery_time: 1,
            delivery_count: 1,
            consumer: Bytes::from("nobody"),
        },
    );
    orphan.groups.insert(Bytes::from("g"), group);
    assert!(refused(orphan));
}
