//! Tests of where a list's entries live: inline while a small listpack, behind a pointer
//! otherwise, with no visible difference.

use proptest::prelude::*;

use super::node::{lp_size, lp_size_bound};
use super::*;

fn limits(size: i64) -> EncodingLimits {
    EncodingLimits {
        list_max_listpack_size: size,
        ..EncodingLimits::default()
    }
}

fn is_inline(list: &ListValue) -> bool {
    matches!(list.repr, Repr::Inline(_))
}

#[test]
fn a_list_takes_at_most_32_bytes_inline() {
    assert!(std::mem::size_of::<ListValue>() <= 32);
}

#[test]
fn a_growing_listpack_moves_out_of_line_and_back_without_changing_encoding() {
    let l = limits(-2);
    let mut list = ListValue::new();
    let value = [b'x'; 60];
    for _ in 0..8 {
        list.push_back(&value, &l);
    }
    assert!(is_inline(&list));
    list.push_back(&value, &l);
    assert!(!is_inline(&list));
    assert_eq!(list.encoding(), "listpack");
    // Out of line until the pack is at half the inline size, so a push and pop at the edge
    // do not move it each time.
    list.pop_back();
    assert!(!is_inline(&list));
    list.trim(End::Head, 4);
    assert!(is_inline(&list));
    assert_eq!(list.encoding(), "listpack");
    assert_eq!(list.len(), 4);
    assert!(list.iter().all(|item| item == PackItem::Str(&value)));
}

#[test]
fn equality_ignores_where_a_listpack_lives() {
    let l = limits(-2);
    let mut moved = ListValue::new();
    let mut inline = ListValue::new();
    for _ in 0..20 {
        moved.push_back(&[b'y'; 40], &l);
    }
    moved.trim(End::Tail, 14);
    for _ in 0..6 {
        inline.push_back(&[b'y'; 40], &l);
    }
    assert!(!is_inline(&moved) && is_inline(&inline));
    assert_eq!(moved, inline);
}

#[test]
fn an_inline_listpack_converts_on_a_large_push_as_a_measured_one_would() {
    // Small integers take more bytes packed than in a Redis listpack, so the size bound alone
    // would convert too early.
    let l = limits(-1);
    let mut list = ListValue::new();
    for n in 16..166 {
        list.push_back(n.to_string().as_bytes(), &l);
    }
    let Repr::Inline(pack) = &list.repr else {
        panic!("a 150-entry list of small integers is inline");
    };
    let (measured, bound) = (lp_size(pack), lp_size_bound(pack));
    let big = vec![b'z'; 4096 - measured];
    assert!(bound + big.len() > 4096);
    list.convert_for_growth([&big[..]], &l);
    assert_eq!(list.encoding(), "listpack");
    list.convert_for_growth([&big[..], b"a"], &l);
    assert_eq!(list.encoding(), "quicklist");
    assert_eq!(list.len(), 150);
    assert_eq!(list.node_count(), 1);
}

fn element() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string().into_bytes()),
        (0u32..64).prop_map(|shift| (1i64 << (shift % 63)).to_string().into_bytes()),
        (0usize..20_000).prop_map(|len| vec![b'q'; len]),
        prop::collection::vec(any::<u8>(), 0..140),
    ]
}

proptest! {
    #[test]
    fn the_size_bound_is_never_below_the_measured_size(
        elements in prop::collection::vec(element(), 0..20),
    ) {
        let mut pack = Pack::new();
        for element in &elements {
            pack.push_back(element);
        }
        prop_assert!(lp_size(&pack) <= lp_size_bound(&pack));
    }
}
