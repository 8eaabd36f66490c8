use std::collections::VecDeque;

use proptest::prelude::*;

use super::node::{lp_entry_size, LP_EMPTY_BYTES};
use super::*;

fn limits(size: i64) -> EncodingLimits {
    EncodingLimits {
        list_max_listpack_size: size,
        ..EncodingLimits::default()
    }
}

fn contents(list: &ListValue) -> Vec<Vec<u8>> {
    list.iter().map(|item| item.to_vec()).collect()
}

/// Structural invariants: counts add up, listpacks have one node, quicklists no empty node,
/// every node's emulated listpack size matches its entries, and listpacks sit inline exactly
/// while small.
fn check_invariants(list: &ListValue) {
    let chain = match &list.repr {
        Repr::Inline(pack) => {
            assert!(pack.byte_len() <= INLINE_MAX_BYTES);
            assert!(lp_size(pack) <= lp_size_bound(pack));
            return;
        }
        Repr::Chain(chain) => chain,
    };
    let total: usize = chain.nodes.iter().map(Node::len).sum();
    assert_eq!(total, chain.len);
    match chain.quick_fill {
        None => {
            assert_eq!(chain.nodes.len(), 1);
            assert!(chain.nodes[0].pack.byte_len() > INLINE_RETURN_BYTES);
        }
        Some(_) => assert!(chain.nodes.iter().all(|n| n.len() > 0)),
    }
    for node in &chain.nodes {
        let expected: usize = LP_EMPTY_BYTES
            + node
                .pack
                .iter()
                .map(|i| i.with_bytes(lp_entry_size))
                .sum::<usize>();
        assert_eq!(node.lp_bytes, expected);
    }
}

fn push_all(list: &mut ListValue, end: End, values: &[&[u8]], limits: &EncodingLimits) {
    list.convert_for_growth(values.iter().copied(), limits);
    for value in values {
        list.push(end, value);
    }
}

#[test]
fn a_new_list_is_an_empty_listpack() {
    let list = ListValue::new();
    assert!(list.is_empty());
    assert_eq!(list.encoding(), "listpack");
    assert_eq!(list.iter().count(), 0);
}

#[test]
fn pushes_pops_and_indexes_work_from_both_ends() {
    let l = limits(-2);
    let mut list = ListValue::new();
    list.push_back(b"b", &l);
    list.push_front(b"a", &l);
    list.push_back(b"12", &l);
    assert_eq!(
        contents(&list),
        [b"a".to_vec(), b"b".to_vec(), b"12".to_vec()]
    );
    assert_eq!(list.get(-1), Some(PackItem::Int(12)));
    assert_eq!(list.get(0), Some(PackItem::Str(b"a")));
    assert_eq!(list.get(3), None);
    assert_eq!(list.get(-4), None);
    assert_eq!(list.get(i64::MIN), None);
    assert_eq!(list.pop_back().as_deref(), Some(&b"12"[..]));
    assert_eq!(list.pop_front().as_deref(), Some(&b"a"[..]));
    assert_eq!(list.len(), 1);
}

#[test]
fn a_count_limit_converts_past_the_limit_and_back_at_half_of_it() {
    let l = limits(4);
    let mut list = ListValue::new();
    for v in ["a", "b", "c", "d"] {
        list.push_back(v.as_bytes(), &l);
    }
    assert_eq!(list.encoding(), "listpack");
    list.push_back(b"e", &l);
    assert_eq!(list.encoding(), "quicklist");
    assert_eq!(list.node_count(), 2);
    // One node of three entries is still above half the limit.
    list.pop_back();
    list.pop_back();
    list.convert_after_shrink(&l);
    assert_eq!(list.encoding(), "quicklist");
    list.pop_back();
    list.convert_after_shrink(&l);
    assert_eq!(list.encoding(), "listpack");
    assert_eq!(contents(&list), [b"a".to_vec(), b"b".to_vec()]);
    check_invariants(&list);
}

#[test]
fn a_shrinking_quicklist_of_several_nodes_stays_a_quicklist() {
    let l = limits(2);
    let mut list = ListValue::new();
    for v in ["a", "b", "c", "d", "e"] {
        list.push_back(v.as_bytes(), &l);
    }
    assert_eq!(list.node_count(), 3);
    list.pop_front();
    list.pop_back();
    list.pop_back();
    list.convert_after_shrink(&l);
    // Two nodes of one entry each: deletions never merge nodes, so no conversion yet.
    assert_eq!(list.node_count(), 2);
    assert_eq!(list.encoding(), "quicklist");
    list.pop_back();
    list.convert_after_shrink(&l);
    assert_eq!(list.encoding(), "listpack");
    assert_eq!(contents(&list), [b"b".to_vec()]);
}

#[test]
fn a_size_limit_converts_when_the_listpack_would_pass_the_node_size() {
    let l = limits(-2);
    let value = vec![b'x'; 100];
    let mut list = ListValue::new();
    // Each entry takes 103 bytes in a listpack (a 2-byte header past 63 bytes, 1 of backlen):
    // 79 of them plus the 100 bytes of one more string pass 8192.
    for _ in 0..79 {
        list.push_back(&value, &l);
    }
    assert_eq!(list.encoding(), "listpack");
    list.push_back(&value, &l);
    assert_eq!(list.encoding(), "quicklist");
    // Back to a listpack only once one node holds at most 4096 bytes.
    while list.len() > 40 {
        list.pop_back();
        list.convert_after_shrink(&l);
    }
    assert_eq!(list.encoding(), "quicklist");
    list.pop_back();
    list.convert_after_shrink(&l);
    assert_eq!(list.encoding(), "listpack");
    check_invariants(&list);
}

#[test]
fn out_of_range_negative_sizes_clamp_to_64_kib() {
    let l = limits(-100);
    let value = vec![b'y'; 1000];
    let mut list = ListValue::new();
    for _ in 0..64 {
        list.push_back(&value, &l);
    }
    assert_eq!(list.encoding(), "listpack");
    for _ in 0..2 {
        list.push_back(&value, &l);
    }
    assert_eq!(list.encoding(), "quicklist");
}

#[test]
fn a_count_limit_still_caps_nodes_at_8_kib() {
    let l = limits(1000);
    let value = vec![b'z'; 3000];
    let mut list = ListValue::new();
    list.push_back(&value, &l);
    list.push_back(&value, &l);
    assert_eq!(list.encoding(), "listpack");
    list.push_back(&value, &l);
    assert_eq!(list.encoding(), "quicklist");
    list.push_back(&value, &l);
    assert_eq!(list.node_count(), 2);
}

#[test]
fn a_multi_value_push_converts_on_the_whole_batch() {
    let l = limits(3);
    let mut list = ListValue::new();
    push_all(&mut list, End::Tail, &[b"a", b"b", b"c", b"d"], &l);
    assert_eq!(list.encoding(), "quicklist");
    assert_eq!(list.node_count(), 2);
    check_invariants(&list);
}

#[test]
fn lset_on_a_full_listpack_converts_as_redis_7_2_does() {
    // The growth check counts the replacement as one more entry.
    let l = limits(3);
    let mut list = ListValue::new();
    push_all(&mut list, End::Tail, &[b"a", b"b", b"c"], &l);
    assert_eq!(list.encoding(), "listpack");
    assert!(!list.set(5, b"x", &l));
    assert_eq!(list.encoding(), "quicklist");
    assert!(list.set(-1, b"x", &l));
    assert_eq!(
        contents(&list),
        [b"a".to_vec(), b"b".to_vec(), b"x".to_vec()]
    );
}

#[test]
fn linsert_splits_full_nodes_and_keeps_order() {
    let l = limits(2);
    let mut list = ListValue::new();
    push_all(&mut list, End::Tail, &[b"a", b"b", b"c", b"d"], &l);
    assert_eq!(list.insert(b"a", b"x", true, &l), Some(5));
    assert_eq!(list.insert(b"d", b"y", false, &l), Some(6));
    assert_eq!(list.insert(b"nope", b"z", false, &l), None);
    let expected: Vec<Vec<u8>> = ["a", "x", "b", "c", "y", "d"]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
    assert_eq!(contents(&list), expected);
    check_invariants(&list);
}

#[test]
fn lrem_removes_from_either_end_and_trim_cuts_ends() {
    let l = limits(2);
    let mut list = ListValue::new();
    push_all(
        &mut list,
        End::Tail,
        &[b"1", b"a", b"1", b"b", b"1", b"c"],
        &l,
    );
    assert_eq!(list.remove(b"1", -1), 1);
    assert_eq!(list.remove(b"1", 1), 1);
    let rest: Vec<Vec<u8>> = ["a", "1", "b", "c"]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
    assert_eq!(contents(&list), rest);
    assert_eq!(list.remove(b"01", 0), 0);
    assert_eq!(list.trim(End::Head, 1), 1);
    assert_eq!(list.trim(End::Tail, 10), 3);
    assert!(list.is_empty());
    check_invariants(&list);
}

#[test]
fn ranges_of_an_empty_quicklist_are_empty() {
    let mut list = ListValue::new();
    list.convert_for_growth([&b"a"[..], b"b", b"c"], &limits(2));
    assert_eq!(list.encoding(), "quicklist");
    assert_eq!(list.node_count(), 0);
    assert_eq!(list.range(0, 3).count(), 0);
    assert_eq!(list.range_rev(0, 3).count(), 0);
    assert_eq!(list.get(0), None);
}

#[test]
fn ranges_stream_forwards_and_backwards() {
    let l = limits(2);
    let mut list = ListValue::new();
    let values: Vec<String> = (0..9).map(|i| format!("v{i}")).collect();
    for v in &values {
        list.push_back(v.as_bytes(), &l);
    }
    let forward: Vec<Vec<u8>> = list.range(3, 4).map(|i| i.to_vec()).collect();
    assert_eq!(
        forward,
        [
            b"v3".to_vec(),
            b"v4".to_vec(),
            b"v5".to_vec(),
            b"v6".to_vec()
        ]
    );
    let backward: Vec<Vec<u8>> = list.range_rev(8, 3).map(|i| i.to_vec()).collect();
    assert_eq!(backward, [b"v8".to_vec(), b"v7".to_vec(), b"v6".to_vec()]);
    assert_eq!(list.iter().next_back(), Some(PackItem::Str(b"v8")));
}

#[derive(Debug, Clone)]
enum Op {
    Push(bool, Vec<Vec<u8>>),
    Pop(bool, usize),
    Set(i64, Vec<u8>),
    Insert(bool, usize, Vec<u8>),
    Remove(i64, usize),
    Trim(bool, usize),
}

fn value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (0i64..300).prop_map(|n| n.to_string().into_bytes()),
        prop::sample::select(vec!["a", "b", "-0", "007", "", "1152921504606846976"])
            .prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..80),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<bool>(), prop::collection::vec(value(), 1..12)).prop_map(|(h, v)| Op::Push(h, v)),
        2 => (any::<bool>(), 0usize..6).prop_map(|(h, n)| Op::Pop(h, n)),
        1 => (-20i64..20, value()).prop_map(|(i, v)| Op::Set(i, v)),
        1 => (any::<bool>(), 0usize..40, value()).prop_map(|(a, i, v)| Op::Insert(a, i, v)),
        1 => (-3i64..3, 0usize..40).prop_map(|(c, i)| Op::Remove(c, i)),
        1 => (any::<bool>(), 0usize..5).prop_map(|(h, n)| Op::Trim(h, n)),
    ]
}

fn apply(list: &mut ListValue, model: &mut VecDeque<Vec<u8>>, op: Op, l: &EncodingLimits) {
    match op {
        Op::Push(head, values) => {
            let end = if head { End::Head } else { End::Tail };
            let refs: Vec<&[u8]> = values.iter().map(Vec::as_slice).collect();
            push_all(list, end, &refs, l);
            for v in values {
                if head {
                    model.push_front(v);
                } else {
                    model.push_back(v);
                }
            }
        }
        Op::Pop(head, n) => {
            for _ in 0..n {
                let (got, want) = if head {
                    (list.pop_front(), model.pop_front())
                } else {
                    (list.pop_back(), model.pop_back())
                };
                assert_eq!(got.map(|b| b.to_vec()), want);
            }
            list.convert_after_shrink(l);
        }
        Op::Set(index, v) => {
            let len = model.len() as i64;
            let at = if index < 0 { len + index } else { index };
            let ok = list.set(index, &v, l);
            assert_eq!(ok, (0..len).contains(&at));
            if ok {
                model[at as usize] = v;
            }
        }
        Op::Insert(after, pick, v) => {
            let pivot = model
                .get(pick)
                .cloned()
                .unwrap_or_else(|| b"missing".to_vec());
            let got = list.insert(&pivot, &v, after, l);
            match model.iter().position(|x| *x == pivot) {
                Some(i) => {
                    model.insert(i + usize::from(after), v);
                    assert_eq!(got, Some(model.len()));
                }
                None => assert_eq!(got, None),
            }
        }
        Op::Remove(count, pick) => {
            let target = model.get(pick).cloned().unwrap_or_default();
            let removed = list.remove(&target, count);
            let expected = model_remove(model, &target, count);
            assert_eq!(removed, expected);
            list.convert_after_shrink(l);
        }
        Op::Trim(head, n) => {
            let end = if head { End::Head } else { End::Tail };
            let removed = list.trim(end, n);
            let expected = n.min(model.len());
            for _ in 0..expected {
                if head {
                    model.pop_front();
                } else {
                    model.pop_back();
                }
            }
            assert_eq!(removed, expected);
            list.convert_after_shrink(l);
        }
    }
}

fn model_remove(model: &mut VecDeque<Vec<u8>>, target: &[u8], count: i64) -> usize {
    let limit = if count == 0 {
        usize::MAX
    } else {
        count.unsigned_abs() as usize
    };
    let mut indexes: Vec<usize> = (0..model.len()).filter(|&i| model[i] == target).collect();
    if count < 0 {
        indexes.reverse();
    }
    indexes.truncate(limit);
    indexes.sort_unstable();
    for &i in indexes.iter().rev() {
        model.remove(i);
    }
    indexes.len()
}

fn check_against_model(list: &ListValue, model: &VecDeque<Vec<u8>>) {
    check_invariants(list);
    assert_eq!(list.len(), model.len());
    let all: Vec<Vec<u8>> = model.iter().cloned().collect();
    assert_eq!(contents(list), all);
    let reversed: Vec<Vec<u8>> = list.iter().rev().map(|i| i.to_vec()).collect();
    assert_eq!(reversed, all.iter().rev().cloned().collect::<Vec<_>>());
    let n = model.len();
    for start in [0, n / 3, n / 2, n.saturating_sub(1)] {
        if start < n {
            let got: Vec<Vec<u8>> = list.range(start, 5).map(|i| i.to_vec()).collect();
            assert_eq!(got, all[start..(start + 5).min(n)].to_vec());
            let got: Vec<Vec<u8>> = list.range_rev(start, 4).map(|i| i.to_vec()).collect();
            let want: Vec<Vec<u8>> = all[start.saturating_sub(3)..=start]
                .iter()
                .rev()
                .cloned()
                .collect();
            assert_eq!(got, want);
            assert_eq!(
                list.get(start as i64).map(|i| i.to_vec()),
                Some(all[start].clone())
            );
            assert_eq!(
                list.get(start as i64 - n as i64).map(|i| i.to_vec()),
                Some(all[start].clone())
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn list_matches_a_deque_model(
        size in prop::sample::select(vec![1i64, 2, 3, 5, 0, -1, -2, 128]),
        ops in prop::collection::vec(op(), 1..120),
    ) {
        let l = limits(size);
        let mut list = ListValue::new();
        let mut model = VecDeque::new();
        for op in ops {
            apply(&mut list, &mut model, op, &l);
            check_against_model(&list, &model);
        }
    }
}
