use resp::Reply;

use super::{bulk, err, int, StringShard, TestShard};
use crate::errors;

#[test]
fn append_creates_a_missing_key_encoded_as_set_would() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("APPEND a abc"), int(3));
    assert_eq!(shard.encoding("a"), "embstr");
    assert_eq!(shard.run("APPEND n 123"), int(3));
    assert_eq!(shard.encoding("n"), "int");
}

#[test]
fn append_extends_the_value_makes_it_raw_and_keeps_the_deadline() {
    let mut shard = TestShard::new(7);
    shard.run("SET k 12 EX 100");
    assert_eq!(shard.dirty_of("APPEND k 34"), 1);
    assert_eq!(shard.run("GET k"), bulk("1234"));
    assert_eq!(shard.encoding("k"), "raw");
    assert_eq!(shard.ttl_ms("k"), Some(100_000));
}

#[test]
fn append_past_proto_max_bulk_len_is_refused() {
    let mut shard = TestShard::new(7);
    shard.state.settings.proto_max_bulk_len = 5;
    shard.run("SET k abc");
    assert_eq!(shard.run("APPEND k de"), int(5));
    assert_eq!(shard.run("APPEND k f"), err(errors::STRING_TOO_LONG));
    assert_eq!(shard.run("GET k"), bulk("abcde"));
}

#[test]
fn strlen_counts_bytes_of_every_encoding_and_zero_when_missing() {
    let mut shard = TestShard::new(7);
    shard.run("SET i -1234");
    shard.run("SET s hello");
    assert_eq!(shard.run("STRLEN i"), int(5));
    assert_eq!(shard.run("STRLEN s"), int(5));
    assert_eq!(shard.run("STRLEN nope"), int(0));
}

#[test]
fn getrange_negative_indices_count_from_the_end() {
    let mut shard = TestShard::new(7);
    shard.run_args(&[b"SET", b"s", b"This is a string"]);
    let cases = [
        ("0 3", "This"),
        ("-3 -1", "ing"),
        ("0 -1", "This is a string"),
        ("10 100", "string"),
        ("-1 -5", ""),
        ("0 -100", "T"),
        ("5 3", ""),
        ("-100 -50", "T"),
        ("-100 2", "Thi"),
        ("9223372036854775807 -9223372036854775808", ""),
        ("-9223372036854775808 -1", "This is a string"),
    ];
    for (range, expected) in cases {
        assert_eq!(
            shard.run(&format!("GETRANGE s {range}")),
            bulk(expected),
            "{range}"
        );
    }
}

#[test]
fn getrange_of_a_missing_key_is_an_empty_string_and_substr_is_the_same() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("GETRANGE nope 0 1"), bulk(""));
    shard.run("SET i 12345");
    assert_eq!(shard.run("GETRANGE i 1 2"), bulk("23"));
    assert_eq!(shard.run("SUBSTR i 1 2"), bulk("23"));
    shard.run("SET e x");
    shard.run("SETRANGE e 0 y");
    assert_eq!(shard.run("GETRANGE e 0 0"), bulk("y"));
}

#[test]
fn getrange_checks_its_indices_before_the_key() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("GETRANGE nope a 1"), err(errors::NOT_INTEGER));
    assert_eq!(shard.run("GETRANGE nope 0 1.0"), err(errors::NOT_INTEGER));
}

#[test]
fn setrange_overwrites_and_pads_with_zero_bytes() {
    let mut shard = TestShard::new(7);
    shard.run("SET k Hello_World");
    assert_eq!(shard.run("SETRANGE k 6 Redis"), int(11));
    assert_eq!(shard.run("GET k"), bulk("Hello_Redis"));
    assert_eq!(shard.run("SETRANGE k 13 !"), int(14));
    assert_eq!(shard.run("GET k"), Reply::bulk(b"Hello_Redis\0\0!"));
    assert_eq!(shard.encoding("k"), "raw");
}

#[test]
fn setrange_creates_a_missing_key_with_leading_zero_bytes() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.dirty_of("SETRANGE k 3 x"), 1);
    assert_eq!(shard.run("GET k"), Reply::bulk(b"\0\0\0x"));
    assert_eq!(shard.encoding("k"), "raw");
}

#[test]
fn setrange_with_an_empty_value_changes_nothing() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run_args(&[b"SETRANGE", b"k", b"5", b""]), int(0));
    assert!(!shard.exists("k"));
    shard.run("SET s 123");
    assert_eq!(shard.run_args(&[b"SETRANGE", b"s", b"100", b""]), int(3));
    assert_eq!(shard.encoding("s"), "int");
    assert_eq!(shard.state.dirty, 1);
}

#[test]
fn setrange_keeps_the_deadline() {
    let mut shard = TestShard::new(7);
    shard.run("SET k abc PX 500");
    shard.run("SETRANGE k 1 X");
    assert_eq!(shard.run("GET k"), bulk("aXc"));
    assert_eq!(shard.ttl_ms("k"), Some(500));
}

#[test]
fn setrange_refuses_negative_or_non_integer_offsets() {
    let mut shard = TestShard::new(7);
    assert_eq!(
        shard.run("SETRANGE k -1 x"),
        err(errors::OFFSET_OUT_OF_RANGE)
    );
    assert_eq!(shard.run("SETRANGE k abc x"), err(errors::NOT_INTEGER));
    assert!(!shard.exists("k"));
}

#[test]
fn setrange_past_proto_max_bulk_len_is_refused() {
    let mut shard = TestShard::new(7);
    shard.state.settings.proto_max_bulk_len = 10;
    assert_eq!(shard.run("SETRANGE k 10 x"), err(errors::STRING_TOO_LONG));
    assert_eq!(
        shard.run("SETRANGE k 9223372036854775807 x"),
        err(errors::STRING_TOO_LONG)
    );
    assert!(!shard.exists("k"));
    assert_eq!(shard.run("SETRANGE k 9 x"), int(10));
    assert_eq!(shard.run("SETRANGE k 10 y"), err(errors::STRING_TOO_LONG));
    // An empty value is answered with the length before any size check.
    assert_eq!(shard.run_args(&[b"SETRANGE", b"k", b"100", b""]), int(10));
}
