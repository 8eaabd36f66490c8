//! HyperLogLog byte layout and estimates; expected bytes and counts were captured from
//! Redis 7.0.15.

use proptest::prelude::*;

use super::*;

fn with(elements: &[&[u8]], max_bytes: usize) -> Vec<u8> {
    let mut hll = empty();
    for element in elements {
        add(&mut hll, element, max_bytes).expect("valid");
    }
    hll
}

fn header(card_bytes: [u8; 8]) -> Vec<u8> {
    let mut bytes = b"HYLL\x01\0\0\0".to_vec();
    bytes.extend_from_slice(&card_bytes);
    bytes
}

#[test]
fn an_empty_hll_is_one_xzero_with_a_zero_count_cached() {
    let hll = empty();
    assert_eq!(hll, [header([0; 8]), vec![0x7f, 0xff]].concat());
    assert_eq!(cached_count(&hll), Some(0));
    assert_eq!(count(&hll), Ok(0));
    assert_eq!(decode(&hll), "Z:16384");
}

#[test]
fn small_sets_are_byte_identical_to_redis() {
    let hll = with(&[b"a", b"b", b"c"], 3000);
    let mut expected = header([0, 0, 0, 0, 0, 0, 0, 0x80]);
    expected.extend_from_slice(&[
        0x60, 0xf3, 0x80, 0x50, 0xb1, 0x84, 0x4b, 0xfb, 0x80, 0x42, 0x5a,
    ]);
    assert_eq!(hll, expected);
    assert_eq!(decode(&hll), "Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603");
    assert_eq!(count(&hll), Ok(3));

    let hll = with(&[b"hello", b"world", b"12345", b""], 3000);
    let mut expected = header([0, 0, 0, 0, 0, 0, 0, 0x80]);
    expected.extend_from_slice(&[
        0x4a, 0xb5, 0x88, 0x4c, 0x7a, 0x84, 0x4c, 0xcc, 0x80, 0x55, 0x6e, 0x80, 0x46, 0x8e,
    ]);
    assert_eq!(hll, expected);
    assert_eq!(count(&hll), Ok(4));
}

#[test]
fn three_hundred_elements_stay_sparse_and_count_as_redis() {
    let names: Vec<String> = (1..=300).map(|i| format!("e{i}")).collect();
    let refs: Vec<&[u8]> = names.iter().map(|s| s.as_bytes()).collect();
    let hll = with(&refs, 3000);
    assert_eq!(encoding_of(&hll), Some(Encoding::Sparse));
    assert_eq!(hll.len(), 713);
    assert_eq!(count(&hll), Ok(302));
}

#[test]
fn the_count_cache_round_trips_and_invalidates() {
    let mut hll = with(&[b"a"], 3000);
    assert_eq!(cached_count(&hll), None);
    store_count(&mut hll, 1);
    assert_eq!(cached_count(&hll), Some(1));
    invalidate_cache(&mut hll);
    assert_eq!(cached_count(&hll), None);
}

#[test]
fn a_small_size_limit_or_a_high_value_promotes_to_dense() {
    let hll = with(&[b"a", b"b", b"c", b"d"], 20);
    assert_eq!(encoding_of(&hll), Some(Encoding::Dense));
    assert_eq!(hll.len(), DENSE_LEN);
    let mut hll = empty();
    assert_eq!(raise_register(&mut hll, 5, 33, 3000), Ok(true));
    assert_eq!(encoding_of(&hll), Some(Encoding::Dense));
    assert_eq!(dense_registers(&hll)[5], 33);
}

#[test]
fn strings_that_are_not_hlls_are_recognised() {
    assert_eq!(encoding_of(b"HYLL"), None);
    assert_eq!(encoding_of(b"HYLX\x01\0\0\0\0\0\0\0\0\0\0\0"), None);
    assert_eq!(encoding_of(b"HYLL\x02\0\0\0\0\0\0\0\0\0\0\0"), None);
    assert_eq!(encoding_of(b"HYLL\x00\0\0\0\0\0\0\0\0\0\0\0"), None);
    assert_eq!(
        encoding_of(b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\0"),
        Some(Encoding::Sparse)
    );
}

#[test]
fn trailing_garbage_makes_a_sparse_hll_corrupt() {
    let mut hll = with(&[b"a"], 3000);
    hll.push(b'x');
    assert_eq!(count(&hll), Err(Corrupt));
    assert_eq!(merge_into(&mut [0u8; REGISTERS], &hll), Err(Corrupt));
    assert_eq!(to_dense(&mut hll), Err(Corrupt));
    // Adding still works: the register is found before the garbage.
    assert!(add(&mut hll, b"zz", 3000).is_ok());
}

#[test]
fn the_self_test_passes() {
    assert_eq!(self_test(), Ok(()));
}

fn naive_registers(elements: &[Vec<u8>]) -> Vec<u8> {
    let mut registers = vec![0u8; REGISTERS];
    for element in elements {
        let (index, value) = register_of(element);
        registers[index] = registers[index].max(value);
    }
    registers
}

fn registers_of(hll: &[u8]) -> Vec<u8> {
    let mut max = vec![0u8; REGISTERS];
    merge_into(&mut max, hll).expect("valid");
    max
}

proptest! {
    #[test]
    fn sparse_and_dense_hold_the_naive_registers(
        elements in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..12), 0..400),
        max_bytes in 16usize..1200,
    ) {
        let expected = naive_registers(&elements);
        let mut sparse = empty();
        let mut dense = empty();
        to_dense(&mut dense).expect("valid");
        for element in &elements {
            add(&mut sparse, element, max_bytes).expect("valid");
            add(&mut dense, element, max_bytes).expect("valid");
        }
        prop_assert_eq!(registers_of(&sparse), expected.clone());
        prop_assert_eq!(registers_of(&dense), expected.clone());
        prop_assert_eq!(count(&sparse), count(&dense));
        prop_assert_eq!(count(&dense), Ok(count_registers(&expected)));
        if encoding_of(&sparse) == Some(Encoding::Sparse) {
            prop_assert!(sparse.len() <= max_bytes.max(18));
            let mut converted = sparse.clone();
            to_dense(&mut converted).expect("valid");
            prop_assert_eq!(&converted[HEADER_LEN..], &dense[HEADER_LEN..]);
        }
    }

    #[test]
    fn estimates_stay_within_five_standard_errors(n in 1u32..30_000, salt in any::<u32>()) {
        let mut hll = empty();
        for i in 0..n {
            add(&mut hll, format!("{salt}:{i}").as_bytes(), 3000).expect("valid");
        }
        let estimate = count(&hll).expect("valid") as f64;
        let error = (estimate - f64::from(n)).abs();
        prop_assert!(error <= 1.0 + f64::from(n) * 5.0 * 0.008125, "n {} estimate {}", n, estimate);
    }
}
