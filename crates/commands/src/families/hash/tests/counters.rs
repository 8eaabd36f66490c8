use super::{bulk, err, hash_limits, int, wrong_type, HashShard, TestShard};
use crate::errors;

#[test]
fn hincrby_starts_missing_keys_and_fields_from_zero() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("HINCRBY h a 5"), int(5));
    assert_eq!(shard.run("HINCRBY h a -7"), int(-2));
    assert_eq!(shard.dirty_of("HINCRBY h b 1"), 1);
    assert_eq!(shard.run("HGET h a"), bulk("-2"));
}

#[test]
fn hincrby_checks_the_increment_then_the_type_then_the_value_then_overflow() {
    let mut shard = TestShard::new(7);
    shard.set_string("s");
    assert_eq!(shard.run("HINCRBY s a 1x"), err(errors::NOT_INTEGER));
    assert_eq!(shard.run("HINCRBY s a 1"), wrong_type());
    shard.run("HSET h t abc i 9223372036854775807 n -9223372036854775808 z 07");
    assert_eq!(
        shard.run("HINCRBY h t 1"),
        err(errors::HASH_VALUE_NOT_INTEGER)
    );
    assert_eq!(
        shard.run("HINCRBY h z 1"),
        err(errors::HASH_VALUE_NOT_INTEGER)
    );
    assert_eq!(shard.run("HINCRBY h i 1"), err(errors::OVERFLOW));
    assert_eq!(shard.run("HINCRBY h n -1"), err(errors::OVERFLOW));
    assert_eq!(shard.dirty_of("HINCRBY h i 1"), 0);
    assert_eq!(shard.run("HINCRBY h i -1"), int(i64::MAX - 1));
    assert_eq!(shard.run("HINCRBY h n 9223372036854775807"), int(-1));
}

#[test]
fn hincrby_to_a_long_result_converts_a_small_limit_hash() {
    let mut shard = TestShard::new(7).with_limits(hash_limits(128, 4));
    shard.run("HINCRBY h f 1234");
    assert_eq!(shard.encoding("h"), "listpack");
    shard.run("HINCRBY h f 100000");
    assert_eq!(shard.encoding("h"), "hashtable");
    assert_eq!(shard.run("HGET h f"), bulk("101234"));
}

#[test]
fn hincrbyfloat_adds_in_long_double() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("HINCRBYFLOAT h f 0.1"), bulk("0.1"));
    assert_eq!(shard.run("HINCRBYFLOAT h f 0.2"), bulk("0.3"));
    assert_eq!(shard.run("HINCRBYFLOAT h f 1e400"), shard.run("HGET h f"));
    shard.run("HSET h i 9223372036854775806");
    assert_eq!(shard.run("HINCRBYFLOAT h i 1"), bulk("9223372036854775807"));
    shard.run("HSET h x 5");
    assert_eq!(shard.run("HINCRBYFLOAT h x 2.5e1"), bulk("30"));
    assert_eq!(shard.dirty_of("HINCRBYFLOAT h x 1"), 1);
}

#[test]
fn hincrbyfloat_errors_come_in_redis_order() {
    let mut shard = TestShard::new(7);
    shard.set_string("s");
    assert_eq!(shard.run("HINCRBYFLOAT s f abc"), err(errors::NOT_FLOAT));
    assert_eq!(shard.run("HINCRBYFLOAT s f nan"), err(errors::NOT_FLOAT));
    assert_eq!(shard.run("HINCRBYFLOAT s f 1e5000"), err(errors::NOT_FLOAT));
    assert_eq!(
        shard.run("HINCRBYFLOAT s f inf"),
        err(errors::INCREMENT_NAN_OR_INF)
    );
    assert_eq!(
        shard.run("HINCRBYFLOAT s f -Infinity"),
        err(errors::INCREMENT_NAN_OR_INF)
    );
    assert_eq!(shard.run("HINCRBYFLOAT s f 1"), wrong_type());
    assert!(!shard.exists("h"));
    shard.run("HSET h t abc g inf");
    assert_eq!(
        shard.run("HINCRBYFLOAT h t 1"),
        err(errors::HASH_VALUE_NOT_FLOAT)
    );
    assert_eq!(shard.run("HINCRBYFLOAT h g 1"), err(errors::NAN_OR_INF));
    assert_eq!(shard.run("HGET h g"), bulk("inf"));
}
