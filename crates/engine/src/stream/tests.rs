use proptest::prelude::*;

use super::*;

fn id(ms: u64, seq: u64) -> StreamId {
    StreamId::new(ms, seq)
}

#[test]
fn node_bytes_are_the_listpack_redis_dumps() {
    // redis-server 7.0.15: XADD s 1-1 a 1 b 2; XADD s 1-2 a 3 b 4; XADD s 2-0 c x;
    // XADD s 2-1 a 300 b -5000; XDEL s 1-2; the node inside DUMP s (rdbcompression no).
    let mut s = StreamValue::new();
    let limits = NodeLimits::default();
    s.append(id(1, 1), &[b"a", b"1", b"b", b"2"], limits);
    s.append(id(1, 2), &[b"a", b"3", b"b", b"4"], limits);
    s.append(id(2, 0), &[b"c", b"x"], limits);
    s.append(id(2, 1), &[b"a", b"300", b"b", b"-5000"], limits);
    assert!(s.delete(id(1, 2)));
    let expected: &[u8] = b"\x4d\x00\x00\x00\x1f\x00\x03\x01\x01\x01\x02\x01\x81a\x02\x81b\x02\
\x00\x01\x02\x01\x00\x01\x00\x01\x01\x01\x02\x01\x05\x01\x03\x01\x00\x01\x01\x01\x03\x01\x04\
\x01\x05\x01\x00\x01\x01\x01\xdf\xff\x02\x01\x01\x81c\x02\x81x\x02\x06\x01\x02\x01\x01\x01\x00\
\x01\xc1,\x02\xf1x\xec\x03\x05\x01\xff";
    assert_eq!(s.nodes.len(), 1);
    assert_eq!(s.nodes[&id(1, 1)].as_bytes(), expected);
    assert_eq!(s.len(), 3);
    let ids: Vec<_> = s
        .range(StreamId::MIN, StreamId::MAX, None)
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec![id(1, 1), id(2, 0), id(2, 1)]);
    assert_eq!(
        s.get(id(2, 1)).unwrap().pairs,
        vec![
            Bytes::from("a"),
            Bytes::from("300"),
            Bytes::from("b"),
            Bytes::from("-5000")
        ]
    );
}

#[test]
fn a_node_splits_at_the_entry_limit_and_empties_away() {
    let mut s = StreamValue::new();
    let limits = NodeLimits {
        max_bytes: 0,
        max_entries: 2,
    };
    for seq in 1..=5 {
        s.append(id(1, seq), &[b"f", b"v"], limits);
    }
    assert_eq!(
        s.nodes.keys().copied().collect::<Vec<_>>(),
        vec![id(1, 1), id(1, 3), id(1, 5)]
    );
    assert!(s.delete(id(1, 3)));
    assert!(!s.delete(id(1, 3)));
    assert!(s.delete(id(1, 4)));
    assert_eq!(s.nodes.len(), 2);
    assert_eq!(s.edge_id(false), Some(id(1, 1)));
    assert_eq!(s.edge_id(true), Some(id(1, 5)));
}

proptest! {
    #[test]
    fn ranges_match_a_sorted_model(
        ops in proptest::collection::vec((any::<bool>(), 0u64..40, 1usize..4), 1..120),
        max_entries in 0usize..6,
        max_bytes in prop_oneof![Just(0usize), 30usize..200],
        bounds in (0u64..45, 0u64..45),
        count in proptest::option::of(0usize..10),
    ) {
        let limits = NodeLimits { max_bytes, max_entries };
        let mut s = StreamValue::new();
        let mut model: BTreeMap<StreamId, Vec<Bytes>> = BTreeMap::new();
        let mut next = 1u64;
        for (add, which, width) in ops {
            if add {
                let pairs: Vec<Vec<u8>> = (0..2 * width).map(|i| format!("{}", i * which as usize).into_bytes()).collect();
                let refs: Vec<&[u8]> = pairs.iter().map(Vec::as_slice).collect();
                s.append(id(next, 0), &refs, limits);
                model.insert(id(next, 0), pairs.into_iter().map(Bytes::from).collect());
                next += 1;
            } else {
                prop_assert_eq!(s.delete(id(which, 0)), model.remove(&id(which, 0)).is_some());
            }
            prop_assert_eq!(s.len(), model.len() as u64);
        }
        prop_assert_eq!(s.edge_id(false), model.keys().next().copied());
        prop_assert_eq!(s.edge_id(true), model.keys().next_back().copied());
        let (a, b) = bounds;
        let (lo, hi) = (id(a, 0), id(b, 0));
        let limit = count.unwrap_or(usize::MAX);
        let want: Vec<_> = model.range(lo..=hi.max(lo)).filter(|_| lo <= hi).take(limit)
            .map(|(k, v)| StreamEntry { id: *k, pairs: v.clone() }).collect();
        prop_assert_eq!(s.range(lo, hi, count), want);
        let want_rev: Vec<_> = model.range(lo..=hi.max(lo)).rev().filter(|_| lo <= hi).take(limit)
            .map(|(k, v)| StreamEntry { id: *k, pairs: v.clone() }).collect();
        prop_assert_eq!(s.rev_range(lo, hi, count), want_rev);
    }
}
