use super::*;
use crate::errors::{EXPIRE_GT_LT_CONFLICT, EXPIRE_NX_CONFLICT, NOT_INTEGER};
use crate::families::keyspace::{
    expire, expireat, expiretime, persist, pexpire, pexpireat, pexpiretime, pttl, ttl,
};

#[test]
fn expire_sets_a_deadline_in_seconds_from_now() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(shard.run_handler(expire, &["EXPIRE", "k", "10"]), int(1));
    assert_eq!(shard.deadline_in(0, "k"), Some(T0_MS + 10_000));
    assert_eq!(shard.dirty(), 1);
}

#[test]
fn pexpire_expireat_and_pexpireat_use_their_own_unit_and_base() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.run_handler(pexpire, &["PEXPIRE", "k", "1500"]);
    assert_eq!(shard.deadline_in(0, "k"), Some(T0_MS + 1_500));
    shard.run_handler(expireat, &["EXPIREAT", "k", "1800000000"]);
    assert_eq!(shard.deadline_in(0, "k"), Some(1_800_000_000_000));
    shard.run_handler(pexpireat, &["PEXPIREAT", "k", "1800000000123"]);
    assert_eq!(shard.deadline_in(0, "k"), Some(1_800_000_000_123));
}

#[test]
fn expire_on_a_missing_key_replies_zero() {
    let mut shard = TestShard::new(42);
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "missing", "10"]),
        int(0)
    );
    assert_eq!(shard.dirty(), 0);
}

#[test]
fn a_deadline_already_passed_deletes_the_key_and_replies_one() {
    let mut shard = TestShard::new(42);
    shard.set("a", "v");
    shard.set("b", "v");
    shard.set("c", "v");
    assert_eq!(shard.run_handler(expire, &["EXPIRE", "a", "0"]), int(1));
    assert_eq!(shard.run_handler(pexpire, &["PEXPIRE", "b", "-5"]), int(1));
    assert_eq!(
        shard.run_handler(pexpireat, &["PEXPIREAT", "c", &T0_MS.to_string()]),
        int(1)
    );
    assert_eq!(
        (shard.get("a"), shard.get("b"), shard.get("c")),
        (None, None, None)
    );
    assert_eq!(shard.dirty(), 3);
}

#[test]
fn nx_sets_only_when_there_is_no_deadline() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "10", "NX"]),
        int(1)
    );
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "20", "nx"]),
        int(0)
    );
    assert_eq!(shard.deadline_in(0, "k"), Some(T0_MS + 10_000));
}

#[test]
fn xx_sets_only_when_there_is_a_deadline() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "10", "XX"]),
        int(0)
    );
    shard.run_handler(expire, &["EXPIRE", "k", "10"]);
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "20", "XX"]),
        int(1)
    );
    assert_eq!(shard.deadline_in(0, "k"), Some(T0_MS + 20_000));
}

#[test]
fn gt_only_extends_and_never_applies_to_a_key_without_deadline() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "10", "GT"]),
        int(0)
    );
    shard.run_handler(expire, &["EXPIRE", "k", "10"]);
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "10", "GT"]),
        int(0)
    );
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "5", "GT"]),
        int(0)
    );
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "11", "GT"]),
        int(1)
    );
    assert_eq!(shard.deadline_in(0, "k"), Some(T0_MS + 11_000));
}

#[test]
fn lt_only_shortens_and_always_applies_to_a_key_without_deadline() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "100", "LT"]),
        int(1)
    );
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "100", "LT"]),
        int(0)
    );
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "200", "LT"]),
        int(0)
    );
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "50", "LT"]),
        int(1)
    );
    assert_eq!(shard.deadline_in(0, "k"), Some(T0_MS + 50_000));
}

#[test]
fn xx_combines_with_gt_and_options_may_repeat() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.run_handler(expire, &["EXPIRE", "k", "10"]);
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "20", "xx", "gt", "gt"]),
        int(1)
    );
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "30", "nx", "nx"]),
        int(0)
    );
}

#[test]
fn conflicting_options_are_errors_even_for_a_missing_key() {
    let mut shard = TestShard::new(42);
    for opts in [["NX", "XX"], ["nx", "gt"], ["lt", "nx"]] {
        let reply = shard.run_handler(expire, &["EXPIRE", "missing", "10", opts[0], opts[1]]);
        assert_eq!(reply, err(EXPIRE_NX_CONFLICT));
    }
    let reply = shard.run_handler(expire, &["EXPIRE", "missing", "10", "GT", "LT"]);
    assert_eq!(reply, err(EXPIRE_GT_LT_CONFLICT));
}

#[test]
fn the_nx_conflict_is_reported_before_the_gt_lt_one() {
    let mut shard = TestShard::new(42);
    let reply = shard.run_handler(expire, &["EXPIRE", "k", "10", "gt", "gt", "lt", "nx"]);
    assert_eq!(reply, err(EXPIRE_NX_CONFLICT));
}

#[test]
fn an_unknown_option_is_named_in_full_before_the_time_is_checked() {
    let mut shard = TestShard::new(42);
    let reply = shard.run_handler(expire, &["EXPIRE", "k", "abc", "foo"]);
    assert_eq!(reply, err("ERR Unsupported option foo"));
}

#[test]
fn a_time_that_is_not_an_integer_is_an_error() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", "1.5"]),
        err(NOT_INTEGER)
    );
    assert_eq!(
        shard.run_handler(expire, &["EXPIRE", "k", " 1"]),
        err(NOT_INTEGER)
    );
}

#[test]
fn overflowing_times_name_the_command_in_the_error() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    let cases: [(crate::ShardHandler, &str, &str); 4] = [
        (expire, "EXPIRE", "9223372036854776"),
        (expireat, "EXPIREAT", "-9223372036854776"),
        (pexpire, "PEXPIRE", "9223372036854775807"),
        (expire, "expire", "9223372036854775"),
    ];
    for (handler, name, time) in cases {
        let lower = name.to_ascii_lowercase();
        let expected = format!("ERR invalid expire time in '{lower}' command");
        let Reply::Error(e) = shard.run_handler(handler, &[name, "k", time]) else {
            panic!("{name} {time} should fail");
        };
        assert_eq!(e.message(), expected);
    }
}

#[test]
fn the_largest_absolute_deadline_is_accepted() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(pexpireat, &["PEXPIREAT", "k", "9223372036854775807"]),
        int(1)
    );
    assert_eq!(
        shard.run_handler(pexpiretime, &["PEXPIRETIME", "k"]),
        int(i64::MAX)
    );
    assert_eq!(
        shard.run_handler(expiretime, &["EXPIRETIME", "k"]),
        int(9_223_372_036_854_776)
    );
}

#[test]
fn ttl_and_pttl_distinguish_missing_keys_and_keys_without_deadline() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    for handler in [ttl, pttl, expiretime, pexpiretime] {
        assert_eq!(shard.run_handler(handler, &["X", "missing"]), int(-2));
        assert_eq!(shard.run_handler(handler, &["X", "k"]), int(-1));
    }
}

#[test]
fn ttl_rounds_to_the_nearest_second_and_pttl_is_exact() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "k", "v", Some(T0_MS + 10_000));
    shard.advance(500);
    assert_eq!(shard.run_handler(ttl, &["TTL", "k"]), int(10));
    assert_eq!(shard.run_handler(pttl, &["PTTL", "k"]), int(9_500));
    shard.advance(1);
    assert_eq!(shard.run_handler(ttl, &["TTL", "k"]), int(9));
}

#[test]
fn expiretime_reports_the_deadline_rounded_and_pexpiretime_exactly() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "k", "v", Some(1_800_000_000_700));
    assert_eq!(
        shard.run_handler(expiretime, &["EXPIRETIME", "k"]),
        int(1_800_000_001)
    );
    assert_eq!(
        shard.run_handler(pexpiretime, &["PEXPIRETIME", "k"]),
        int(1_800_000_000_700)
    );
}

#[test]
fn a_key_lives_through_its_deadline_millisecond_and_is_gone_after() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.run_handler(pexpire, &["PEXPIRE", "k", "100"]);
    shard.advance(99);
    assert_eq!(shard.run_handler(pttl, &["PTTL", "k"]), int(1));
    // Redis expires a key only once `now > deadline`: at the deadline itself PTTL answers 0.
    shard.advance(1);
    assert_eq!(shard.run_handler(pttl, &["PTTL", "k"]), int(0));
    shard.advance(1);
    assert_eq!(shard.run_handler(pttl, &["PTTL", "k"]), int(-2));
}

#[test]
fn ttl_does_not_record_an_access() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "k", "v", Some(T0_MS + 100_000));
    shard.advance(3_000);
    shard.run_handler(ttl, &["TTL", "k"]);
    shard.run_handler(pexpiretime, &["PEXPIRETIME", "k"]);
    let idle = shard.run_handler(
        crate::families::keyspace::object_idletime,
        &["OBJECT", "IDLETIME", "k"],
    );
    assert_eq!(idle, int(3));
}

#[test]
fn persist_removes_a_deadline_once() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "k", "v", Some(T0_MS + 10_000));
    assert_eq!(shard.run_handler(persist, &["PERSIST", "k"]), int(1));
    assert_eq!(shard.run_handler(ttl, &["TTL", "k"]), int(-1));
    assert_eq!(shard.run_handler(persist, &["PERSIST", "k"]), int(0));
    assert_eq!(shard.run_handler(persist, &["PERSIST", "missing"]), int(0));
    assert_eq!(shard.dirty(), 1);
}

#[test]
fn refused_conditions_change_nothing_and_count_no_change() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.run_handler(expire, &["EXPIRE", "k", "10", "GT"]);
    shard.run_handler(expire, &["EXPIRE", "k", "10", "XX"]);
    assert_eq!(shard.dirty(), 0);
    assert_eq!(shard.run_handler(ttl, &["TTL", "k"]), int(-1));
}
