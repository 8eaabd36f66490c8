use resp::Reply;

use super::{bulk, err, int, StringShard, TestShard};
use crate::errors;

#[test]
fn incr_and_decr_start_a_missing_key_from_zero() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("INCR a"), int(1));
    assert_eq!(shard.run("DECR b"), int(-1));
    assert_eq!(shard.run("INCRBY c 10"), int(10));
    assert_eq!(shard.run("DECRBY d 10"), int(-10));
    assert_eq!(shard.encoding("a"), "int");
}

#[test]
fn incr_counts_one_change_and_stores_an_int() {
    let mut shard = TestShard::new(7);
    shard.run(&format!("SET k {}", "1"));
    shard.run("APPEND k 0");
    assert_eq!(shard.encoding("k"), "raw");
    assert_eq!(shard.dirty_of("INCR k"), 1);
    assert_eq!(shard.run("GET k"), bulk("11"));
    assert_eq!(shard.encoding("k"), "int");
}

#[test]
fn incr_keeps_the_deadline() {
    let mut shard = TestShard::new(7);
    shard.run("SET k 5 EX 100");
    assert_eq!(shard.run("INCRBY k 5"), int(10));
    assert_eq!(shard.ttl_ms("k"), Some(100_000));
}

#[test]
fn incr_refuses_values_that_are_not_canonical_integers() {
    let mut shard = TestShard::new(7);
    for value in ["abc", "1.5", "010", "+1", "-0", "99999999999999999999"] {
        shard.run(&format!("SET k {value}"));
        assert_eq!(shard.dirty_of("INCR k"), 0, "{value}");
        assert_eq!(shard.run("INCR k"), err(errors::NOT_INTEGER), "{value}");
    }
    assert_eq!(shard.run_args(&[b"SET", b"k", b" 1"]), Reply::OK);
    assert_eq!(shard.run("INCR k"), err(errors::NOT_INTEGER));
}

#[test]
fn incrby_refuses_an_increment_that_is_not_an_integer() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("INCRBY k 1.0"), err(errors::NOT_INTEGER));
    assert_eq!(shard.run("DECRBY k +1"), err(errors::NOT_INTEGER));
    assert_eq!(
        shard.run("INCRBY k 9223372036854775808"),
        err(errors::NOT_INTEGER)
    );
    assert!(!shard.exists("k"));
}

#[test]
fn incr_past_either_end_of_i64_is_an_overflow_and_changes_nothing() {
    let mut shard = TestShard::new(7);
    shard.run("SET max 9223372036854775807");
    assert_eq!(shard.run("INCR max"), err(errors::OVERFLOW));
    assert_eq!(shard.run("GET max"), bulk("9223372036854775807"));
    shard.run("SET min -9223372036854775808");
    assert_eq!(shard.run("DECR min"), err(errors::OVERFLOW));
    assert_eq!(shard.run("INCRBY min -1"), err(errors::OVERFLOW));
    assert_eq!(shard.run("DECRBY max -1"), err(errors::OVERFLOW));
    assert_eq!(shard.run("INCRBY min 9223372036854775807"), int(-1));
}

#[test]
fn decrby_of_i64_min_has_its_own_error() {
    let mut shard = TestShard::new(7);
    assert_eq!(
        shard.run("DECRBY k -9223372036854775808"),
        err(errors::DECREMENT_OVERFLOW)
    );
    assert_eq!(errors::DECREMENT_OVERFLOW, "ERR decrement would overflow");
    assert!(!shard.exists("k"));
}

#[test]
fn incrbyfloat_adds_in_long_double_and_prints_like_redis() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("INCRBYFLOAT k 0.1"), bulk("0.1"));
    assert_eq!(shard.run("INCRBYFLOAT k 0.2"), bulk("0.3"));
    assert_eq!(shard.run("INCRBYFLOAT j 5.0e3"), bulk("5000"));
    assert_eq!(
        shard.run("INCRBYFLOAT h 1.23456789012345678901"),
        bulk("1.23456789012345679")
    );
    assert_eq!(shard.run("INCRBYFLOAT z -0.0"), bulk("0"));
    assert_eq!(shard.run("INCRBYFLOAT t 1e-320"), bulk("0"));
    assert_eq!(shard.run("INCRBYFLOAT x 0x10"), bulk("16"));
}

#[test]
fn incrbyfloat_prints_huge_values_in_full() {
    let mut shard = TestShard::new(7);
    let expected = "1000000000000000000008997324079559193870523944273290747938260082321265646596\
180935755849152083750497190350372508614274835903592556184672983913096260520748646287327135641843\
653294084255107606016789726652932370030551382947620994540294772781889620606179267611627097410650\
567187386105690089424915104006144";
    assert_eq!(shard.run("INCRBYFLOAT k 1e300"), bulk(expected));
    assert_eq!(shard.encoding("k"), "raw");
}

#[test]
fn incrbyfloat_on_integers_and_int_encoded_values() {
    let mut shard = TestShard::new(7);
    shard.run("SET k 10");
    assert_eq!(shard.run("INCRBYFLOAT k 1.5"), bulk("11.5"));
    shard.run("SET e 1e3");
    assert_eq!(shard.run("INCRBYFLOAT e 0"), bulk("1000"));
    shard.run("SET z 010");
    assert_eq!(shard.run("INCRBYFLOAT z 1"), bulk("11"));
}

#[test]
fn incrbyfloat_stores_a_plain_string_keeps_the_deadline_and_counts_one_change() {
    let mut shard = TestShard::new(7);
    shard.run("SET k 1 EX 100");
    assert_eq!(shard.dirty_of("INCRBYFLOAT k 2"), 1);
    assert_eq!(shard.run("GET k"), bulk("3"));
    // Redis keeps the printed sum as a string, never as an int.
    assert_eq!(shard.encoding("k"), "embstr");
    assert_eq!(shard.ttl_ms("k"), Some(100_000));
}

#[test]
fn incrbyfloat_refuses_values_and_increments_that_are_not_floats() {
    let mut shard = TestShard::new(7);
    for incr in ["abc", "1 ", "1e", "nan", ""] {
        let reply = shard.run_args(&[b"INCRBYFLOAT", b"k", incr.as_bytes()]);
        assert_eq!(reply, err(errors::NOT_FLOAT), "{incr:?}");
    }
    assert_eq!(
        shard.run_args(&[b"INCRBYFLOAT", b"k", b" 1"]),
        err(errors::NOT_FLOAT)
    );
    assert_eq!(
        shard.run_args(&[b"INCRBYFLOAT", b"k", b"1\x002"]),
        err(errors::NOT_FLOAT)
    );
    // Overflow and underflow to zero while parsing are refused too.
    assert_eq!(shard.run("INCRBYFLOAT k 1e-5000"), err(errors::NOT_FLOAT));
    assert_eq!(shard.run("INCRBYFLOAT k 1e5000"), err(errors::NOT_FLOAT));
    assert!(!shard.exists("k"));
    shard.run_args(&[b"SET", b"s", b"  1"]);
    assert_eq!(shard.run("INCRBYFLOAT s 1"), err(errors::NOT_FLOAT));
    shard.run_args(&[b"SET", b"n", b"1\x00abc"]);
    assert_eq!(shard.run("INCRBYFLOAT n 1"), err(errors::NOT_FLOAT));
}

#[test]
fn incrbyfloat_reports_the_stored_value_before_the_increment() {
    let mut shard = TestShard::new(7);
    shard.run("SET k abc");
    assert_eq!(shard.run("INCRBYFLOAT k 1"), err(errors::NOT_FLOAT));
    assert_eq!(shard.run("INCRBYFLOAT k xyz"), err(errors::NOT_FLOAT));
}

#[test]
fn incrbyfloat_to_infinity_is_refused() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("INCRBYFLOAT k inf"), err(errors::NAN_OR_INF));
    shard.run("SET k -inf");
    assert_eq!(shard.run("INCRBYFLOAT k +inf"), err(errors::NAN_OR_INF));
    assert_eq!(shard.dirty_of("INCRBYFLOAT k 1"), 0);
    assert_eq!(shard.run("GET k"), bulk("-inf"));
}
