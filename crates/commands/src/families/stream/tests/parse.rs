//! Stream ID parsing, Redis's `string2ull` quirks included.

use engine::stream::StreamId;

use crate::families::stream::parse::{
    parse_add_id, parse_id, parse_interval_id, parse_strict_id, string2ull, AddId,
};

#[test]
fn string2ull_takes_canonical_integers_and_what_strtoull_takes() {
    assert_eq!(string2ull(b"0"), Some(0));
    assert_eq!(string2ull(b"42"), Some(42));
    assert_eq!(string2ull(b"007"), Some(7));
    assert_eq!(string2ull(b"+5"), Some(5));
    assert_eq!(string2ull(b" \t5"), Some(5));
    assert_eq!(string2ull(b"-0"), Some(0));
    assert_eq!(string2ull(b"-18446744073709551615"), Some(1));
    assert_eq!(string2ull(b"18446744073709551615"), Some(u64::MAX));
    assert_eq!(string2ull(b"18446744073709551616"), None);
    assert_eq!(string2ull(b"-5"), None);
    assert_eq!(string2ull(b""), None);
    assert_eq!(string2ull(b"5 "), None);
    assert_eq!(string2ull(b"- 5"), None);
    assert_eq!(string2ull(b"0x10"), None);
}

#[test]
fn ids_default_their_sequence_and_know_minus_and_plus() {
    assert_eq!(parse_id(b"5", 0), Ok(StreamId::new(5, 0)));
    assert_eq!(parse_id(b"5", u64::MAX), Ok(StreamId::new(5, u64::MAX)));
    assert_eq!(parse_id(b"5-3", u64::MAX), Ok(StreamId::new(5, 3)));
    assert_eq!(parse_id(b"-", 0), Ok(StreamId::MIN));
    assert_eq!(parse_id(b"+", 0), Ok(StreamId::MAX));
    assert!(parse_id(b"5--1", 0).is_err());
    assert!(parse_strict_id(b"-", 0).is_err());
    assert!(parse_strict_id(b"+", 0).is_err());
    assert!(parse_strict_id(b"1-*", 0).is_err());
    assert!(parse_strict_id(b"-1", 0).is_err());
    assert!(parse_strict_id(&[b'1'; 128], 0).is_err());
    // Redis reads a C string: a NUL ends the ID.
    assert_eq!(parse_strict_id(b"7\x00junk", 0), Ok(StreamId::new(7, 0)));
}

#[test]
fn xadd_ids_take_a_star_sequence() {
    assert_eq!(parse_add_id(b"*"), Ok(AddId::Auto));
    assert_eq!(parse_add_id(b"5-*"), Ok(AddId::AutoSeq(5)));
    assert_eq!(parse_add_id(b"5"), Ok(AddId::Exact(StreamId::new(5, 0))));
    assert!(parse_add_id(b"*-5").is_err());
    assert!(parse_add_id(b"5-**").is_err());
}

#[test]
fn interval_ids_may_be_exclusive_and_then_strict() {
    assert_eq!(parse_interval_id(b"(5", 0), Ok((StreamId::new(5, 0), true)));
    assert_eq!(parse_interval_id(b"-", 0), Ok((StreamId::MIN, false)));
    assert!(parse_interval_id(b"(-", 0).is_err());
    assert!(parse_interval_id(b"(", 0).is_err());
}
