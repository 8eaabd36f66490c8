use proptest::prelude::*;

use super::*;

fn model_of(pack: &Pack) -> Vec<Vec<u8>> {
    pack.iter().map(|item| item.to_vec()).collect()
}

#[test]
fn integers_are_packed_as_integers_and_read_back_as_text() {
    let mut pack = Pack::new();
    for text in [
        "0",
        "-1",
        "12",
        "007",
        "abc",
        "9223372036854775807",
        "",
        "-0",
    ] {
        pack.push_back(text.as_bytes());
    }
    assert_eq!(pack.get(0), PackItem::Int(0));
    assert_eq!(
        model_of(&pack),
        [
            "0",
            "-1",
            "12",
            "007",
            "abc",
            "9223372036854775807",
            "",
            "-0"
        ]
        .map(|s| s.as_bytes().to_vec())
    );
    assert!(pack.get(pack.seek(2).unwrap()).eq_bytes(b"12"));
    assert!(!pack.get(pack.seek(2).unwrap()).eq_bytes(b"012"));
    assert_eq!(pack.find(0, b"abc", 0), pack.seek(4));
    assert_eq!(pack.find(0, b"12", 0), pack.seek(2));
    assert_eq!(pack.find(0, b"-0", 0), pack.seek(7));
    assert_eq!(pack.find(0, b"nope", 0), None);
}

#[test]
fn small_entries_cost_two_bytes_of_overhead() {
    let mut pack = Pack::new();
    pack.push_back(b"hello");
    assert_eq!(pack.byte_len(), 7);
    pack.push_back(b"5");
    assert_eq!(pack.byte_len(), 9);
}

#[test]
fn long_entries_walk_backwards() {
    let mut pack = Pack::new();
    let long = vec![b'x'; 70_000];
    pack.push_back(b"a");
    pack.push_back(&long);
    pack.push_back(b"b");
    let rev: Vec<Vec<u8>> = pack.iter().rev().map(|i| i.to_vec()).collect();
    assert_eq!(rev, vec![b"b".to_vec(), long.clone(), b"a".to_vec()]);
    assert_eq!(pack.get(pack.seek(-2).unwrap()).to_vec(), long);
}

#[test]
fn find_with_skip_steps_over_values() {
    let mut pack = Pack::new();
    for text in ["f1", "v1", "v1", "f2", "f2", "x"] {
        pack.push_back(text.as_bytes());
    }
    // Fields are at even positions: "v1" as a field is absent, "f2" is at index 4.
    assert_eq!(pack.find(0, b"v1", 1), Some(pack.seek(2).unwrap()));
    assert_eq!(pack.find(0, b"f2", 1), Some(pack.seek(4).unwrap()));
    assert_eq!(pack.find(0, b"x", 1), None);
}

#[test]
fn floats_round_trip() {
    let mut pack = Pack::new();
    pack.push_item(PackItem::Float(0.1));
    pack.push_item(PackItem::Float(f64::NEG_INFINITY));
    let items: Vec<f64> = pack.iter().map(|i| i.as_float().unwrap()).collect();
    assert_eq!(items, vec![0.1, f64::NEG_INFINITY]);
}

#[derive(Debug, Clone)]
enum Op {
    PushBack(Vec<u8>),
    PushFront(Vec<u8>),
    Insert(usize, Vec<u8>),
    Replace(usize, Vec<u8>),
    Remove(usize, usize),
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string().into_bytes()),
        (-100i64..100).prop_map(|n| n.to_string().into_bytes()),
        proptest::collection::vec(any::<u8>(), 0..40),
        proptest::collection::vec(any::<u8>(), 100..300),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        bytes().prop_map(Op::PushBack),
        bytes().prop_map(Op::PushFront),
        (any::<usize>(), bytes()).prop_map(|(i, b)| Op::Insert(i, b)),
        (any::<usize>(), bytes()).prop_map(|(i, b)| Op::Replace(i, b)),
        (any::<usize>(), 1usize..4).prop_map(|(i, n)| Op::Remove(i, n)),
    ]
}

proptest! {
    #[test]
    fn behaves_like_a_vector_of_byte_strings(ops in proptest::collection::vec(op(), 0..60)) {
        let mut pack = Pack::new();
        let mut model: Vec<Vec<u8>> = Vec::new();
        for op in ops {
            match op {
                Op::PushBack(b) => { pack.push_back(&b); model.push(b); }
                Op::PushFront(b) => { pack.push_front(&b); model.insert(0, b); }
                Op::Insert(i, b) => {
                    let i = i % (model.len() + 1);
                    let offset = pack.seek(i as i64).unwrap_or(pack.byte_len());
                    pack.insert(offset, &b);
                    model.insert(i, b);
                }
                Op::Replace(i, b) if !model.is_empty() => {
                    let i = i % model.len();
                    pack.replace(pack.seek(i as i64).unwrap(), &b);
                    model[i] = b;
                }
                Op::Remove(i, n) if !model.is_empty() => {
                    let i = i % model.len();
                    let removed = pack.remove_range(pack.seek(i as i64).unwrap(), n);
                    let end = (i + n).min(model.len());
                    prop_assert_eq!(removed, end - i);
                    model.drain(i..end);
                }
                _ => {}
            }
            prop_assert_eq!(pack.len(), model.len());
            prop_assert_eq!(&model_of(&pack), &model);
            let mut rev: Vec<Vec<u8>> = pack.iter().rev().map(|i| i.to_vec()).collect();
            rev.reverse();
            prop_assert_eq!(&rev, &model);
            for (i, expected) in model.iter().enumerate() {
                let neg = i as i64 - model.len() as i64;
                prop_assert_eq!(&pack.get(pack.seek(neg).unwrap()).to_vec(), expected);
            }
        }
    }
}
