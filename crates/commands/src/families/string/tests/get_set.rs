use resp::Reply;

use super::{bulk, err, int, ok, StringShard, TestShard, T0_MS};
use crate::errors;

fn invalid_expire(command: &str) -> Reply {
    errors::invalid_expire(command)
}

#[test]
fn get_of_a_missing_key_is_nil() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("GET nope"), Reply::Nil);
}

#[test]
fn set_stores_a_value_that_get_returns_and_counts_one_change() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.dirty_of("SET k hello"), 1);
    assert_eq!(shard.run("GET k"), bulk("hello"));
}

#[test]
fn reads_record_the_access_unless_the_client_is_in_no_touch_mode() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v");
    shard.now_ms += 10_000;
    assert_eq!(shard.run_no_touch("GET k"), bulk("v"));
    assert_eq!(shard.access_s("k"), (T0_MS / 1000) as u32);
    shard.run("GET k");
    assert_eq!(shard.access_s("k"), (T0_MS / 1000) as u32 + 10);
}

#[test]
fn set_picks_redis_encodings_int_embstr_and_raw() {
    let mut shard = TestShard::new(7);
    shard.run("SET i 12345");
    shard.run("SET e 012");
    shard.run(&format!("SET r {}", "x".repeat(45)));
    assert_eq!(shard.encoding("i"), "int");
    assert_eq!(shard.encoding("e"), "embstr");
    assert_eq!(shard.encoding("r"), "raw");
    assert_eq!(shard.run("GET i"), bulk("12345"));
}

#[test]
fn set_ex_px_exat_and_pxat_set_the_deadline() {
    let mut shard = TestShard::new(7);
    shard.run("SET a v EX 10");
    shard.run("SET b v PX 1500");
    shard.run(&format!("SET c v EXAT {}", T0_MS / 1000 + 100));
    shard.run(&format!("SET d v PXAT {}", T0_MS + 2500));
    assert_eq!(shard.ttl_ms("a"), Some(10_000));
    assert_eq!(shard.ttl_ms("b"), Some(1_500));
    assert_eq!(shard.ttl_ms("c"), Some(100_000));
    assert_eq!(shard.ttl_ms("d"), Some(2_500));
}

#[test]
fn set_without_keepttl_clears_the_deadline_and_keepttl_keeps_it() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v EX 100");
    shard.run("SET k w KEEPTTL");
    assert_eq!(shard.ttl_ms("k"), Some(100_000));
    assert_eq!(shard.run("GET k"), bulk("w"));
    shard.run("SET k x");
    assert_eq!(shard.ttl_ms("k"), None);
}

#[test]
fn a_key_reads_as_missing_once_its_deadline_passes() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v PX 100");
    // Redis keeps a key through its deadline's own millisecond.
    shard.now_ms += 100;
    assert_eq!(shard.run("GET k"), bulk("v"));
    shard.now_ms += 1;
    assert_eq!(shard.run("GET k"), Reply::Nil);
}

#[test]
fn set_nx_writes_only_a_missing_key_and_xx_only_an_existing_one() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("SET k v XX"), Reply::Nil);
    assert!(!shard.exists("k"));
    assert_eq!(shard.run("SET k v NX"), ok());
    assert_eq!(shard.dirty_of("SET k w NX"), 0);
    assert_eq!(shard.run("SET k w NX"), Reply::Nil);
    assert_eq!(shard.run("SET k w XX"), ok());
    assert_eq!(shard.run("GET k"), bulk("w"));
}

#[test]
fn set_rejects_conflicting_unknown_or_incomplete_options_as_syntax_errors() {
    let mut shard = TestShard::new(7);
    for options in [
        "NX XX",
        "XX NX",
        "EX 10 PX 10",
        "PX 10 EXAT 5",
        "EXAT 5 PXAT 5",
        "KEEPTTL EX 1",
        "EX 1 KEEPTTL",
        "PERSIST",
        "EX",
        "GETX",
        "FOO",
        "EX abc XX NX",
    ] {
        assert_eq!(
            shard.run(&format!("SET k v {options}")),
            err(errors::SYNTAX),
            "{options}"
        );
    }
    assert!(!shard.exists("k"));
}

#[test]
fn set_accepts_repeated_options_and_the_last_expiry_wins() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("SET k v NX NX"), ok());
    assert_eq!(shard.run("SET k v keepttl KEEPTTL"), ok());
    assert_eq!(shard.run("SET k v GET GET"), bulk("v"));
    assert_eq!(shard.run("SET k v ex 10 EX 20"), ok());
    assert_eq!(shard.ttl_ms("k"), Some(20_000));
    // Only the last expire value is ever read.
    assert_eq!(shard.run("SET k v EX abc EX 30"), ok());
    assert_eq!(shard.ttl_ms("k"), Some(30_000));
}

#[test]
fn set_options_compare_as_c_strings_so_a_nul_ends_them() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run_args(&[b"SET", b"k", b"v", b"NX\0junk"]), ok());
    assert_eq!(shard.run_args(&[b"SET", b"k", b"v", b"ex\0", b"10"]), ok());
    assert_eq!(shard.ttl_ms("k"), Some(10_000));
}

#[test]
fn set_expire_that_is_not_an_integer_is_refused() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("SET k v EX abc"), err(errors::NOT_INTEGER));
    assert_eq!(shard.run("SET k v EX 1.5"), err(errors::NOT_INTEGER));
    assert_eq!(shard.run("SET k v EX nx"), err(errors::NOT_INTEGER));
}

#[test]
fn set_refuses_non_positive_and_overflowing_expire_times() {
    let mut shard = TestShard::new(7);
    for options in [
        "EX 0",
        "EX -1",
        "PX 0",
        "PXAT -5",
        "EXAT 0",
        // Seconds beyond i64::MAX / 1000.
        "EXAT 9223372036854776",
        // Fits in ms, but overflows once the command's time is added.
        "EX 9223372036854775",
        "PX 9223372036854775807",
    ] {
        let reply = shard.run(&format!("SET k v {options}"));
        assert_eq!(reply, invalid_expire("set"), "{options}");
    }
    assert!(!shard.exists("k"));
    assert_eq!(shard.run("SET k v PXAT 9223372036854775807"), ok());
    assert_eq!(shard.run("SET k v EX 9223372036854"), ok());
    assert_eq!(shard.ttl_ms("k"), Some(9_223_372_036_854_000));
}

#[test]
fn set_with_a_deadline_in_the_past_answers_ok_and_the_key_is_gone() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("SET k v EXAT 1"), ok());
    assert!(!shard.exists("k"));
    assert_eq!(shard.run(&format!("SET k v PXAT {}", T0_MS - 1)), ok());
    assert_eq!(shard.run("GET k"), Reply::Nil);
}

#[test]
fn set_get_returns_the_old_value_or_nil() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("SET k a GET"), Reply::Nil);
    assert_eq!(shard.run("SET k b GET"), bulk("a"));
    assert_eq!(shard.run("GET k"), bulk("b"));
}

#[test]
fn set_nx_get_answers_the_old_value_and_leaves_it() {
    let mut shard = TestShard::new(7);
    shard.run("SET k old");
    assert_eq!(shard.run("SET k new NX GET"), bulk("old"));
    assert_eq!(shard.run("GET k"), bulk("old"));
    assert_eq!(shard.run("SET j new XX GET"), Reply::Nil);
    assert!(!shard.exists("j"));
}

#[test]
fn setnx_answers_one_when_it_sets_and_zero_when_the_key_exists() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("SETNX k a"), int(1));
    assert_eq!(shard.dirty_of("SETNX k b"), 0);
    assert_eq!(shard.run("SETNX k b"), int(0));
    assert_eq!(shard.run("GET k"), bulk("a"));
}

#[test]
fn setex_and_psetex_set_value_and_relative_deadline() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("SETEX k 10 v"), ok());
    assert_eq!(shard.ttl_ms("k"), Some(10_000));
    assert_eq!(shard.run("PSETEX p 1500 w"), ok());
    assert_eq!(shard.ttl_ms("p"), Some(1_500));
    assert_eq!(shard.run("GET p"), bulk("w"));
}

#[test]
fn setex_and_psetex_name_themselves_in_expire_errors() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("SETEX k 0 v"), invalid_expire("setex"));
    assert_eq!(
        shard.run("SETEX k 9223372036854776 v"),
        invalid_expire("setex")
    );
    assert_eq!(shard.run("PSETEX k -1 v"), invalid_expire("psetex"));
    assert_eq!(shard.run("SETEX k ten v"), err(errors::NOT_INTEGER));
    assert!(!shard.exists("k"));
}

#[test]
fn getset_returns_the_old_value_and_drops_the_deadline() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("GETSET k a"), Reply::Nil);
    shard.run("SET k a EX 10");
    assert_eq!(shard.dirty_of("GETSET k b"), 1);
    assert_eq!(shard.run("GET k"), bulk("b"));
    assert_eq!(shard.ttl_ms("k"), None);
}

#[test]
fn getdel_returns_the_value_and_deletes_the_key() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v");
    assert_eq!(shard.run("GETDEL k"), bulk("v"));
    assert!(!shard.exists("k"));
    assert_eq!(shard.dirty_of("GETDEL k"), 0);
    assert_eq!(shard.run("GETDEL k"), Reply::Nil);
}

#[test]
fn getex_without_options_leaves_the_deadline_and_counts_nothing() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v EX 10");
    assert_eq!(shard.dirty_of("GETEX k"), 0);
    assert_eq!(shard.run("GETEX k"), bulk("v"));
    assert_eq!(shard.ttl_ms("k"), Some(10_000));
}

#[test]
fn getex_sets_relative_and_absolute_deadlines() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v");
    assert_eq!(shard.dirty_of("GETEX k EX 10"), 1);
    assert_eq!(shard.ttl_ms("k"), Some(10_000));
    shard.run("GETEX k PX 500");
    assert_eq!(shard.ttl_ms("k"), Some(500));
    shard.run(&format!("GETEX k EXAT {}", T0_MS / 1000 + 7));
    assert_eq!(shard.ttl_ms("k"), Some(7_000));
    shard.run(&format!("GETEX k PXAT {}", T0_MS + 3));
    assert_eq!(shard.ttl_ms("k"), Some(3));
}

#[test]
fn getex_persist_removes_a_deadline_and_counts_only_a_real_change() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v EX 10");
    assert_eq!(shard.dirty_of("GETEX k PERSIST"), 1);
    assert_eq!(shard.ttl_ms("k"), None);
    assert_eq!(shard.dirty_of("GETEX k PERSIST persist"), 0);
    assert_eq!(shard.run("GETEX k PERSIST"), bulk("v"));
}

#[test]
fn getex_with_an_absolute_deadline_in_the_past_returns_the_value_and_deletes_the_key() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v");
    assert_eq!(shard.dirty_of("GETEX k EXAT 1"), 1);
    assert!(!shard.exists("k"));
    shard.run("SET k v");
    assert_eq!(shard.run(&format!("GETEX k PXAT {T0_MS}")), bulk("v"));
    assert!(!shard.exists("k"));
}

#[test]
fn getex_on_a_missing_key_is_nil_even_with_a_bad_expire() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("GETEX k EX abc"), Reply::Nil);
    assert_eq!(shard.run("GETEX k EX 0"), Reply::Nil);
}

#[test]
fn getex_checks_its_expire_time_on_an_existing_key() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v");
    assert_eq!(shard.run("GETEX k EX abc"), err(errors::NOT_INTEGER));
    assert_eq!(shard.run("GETEX k EX 0"), invalid_expire("getex"));
    assert_eq!(
        shard.run("GETEX k PX 9223372036854775807"),
        invalid_expire("getex")
    );
    assert_eq!(shard.ttl_ms("k"), None);
}

#[test]
fn getex_refuses_set_only_and_conflicting_options() {
    let mut shard = TestShard::new(7);
    shard.run("SET k v");
    for options in [
        "NX",
        "XX",
        "GET",
        "KEEPTTL",
        "EX 10 PERSIST",
        "PERSIST EX 10",
        "PX",
        "EX 1 PX 1",
    ] {
        assert_eq!(
            shard.run(&format!("GETEX k {options}")),
            err(errors::SYNTAX),
            "{options}"
        );
    }
    // Options are parsed before the key is looked up.
    assert_eq!(shard.run("GETEX missing FOO"), err(errors::SYNTAX));
}
