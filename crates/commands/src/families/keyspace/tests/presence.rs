use super::*;
use crate::families::keyspace::{del, exists, touch, type_};

#[test]
fn del_counts_only_keys_that_existed_and_a_repeated_key_once() {
    let mut shard = TestShard::new(42);
    shard.set("a", "1");
    shard.set("b", "2");
    assert_eq!(
        shard.run_handler(del, &["DEL", "a", "a", "b", "missing"]),
        int(2)
    );
    assert_eq!(shard.get("a"), None);
    assert_eq!(shard.get("b"), None);
    assert_eq!(shard.dirty(), 2);
}

#[test]
fn del_does_not_count_a_key_whose_deadline_passed() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "k", "v", Some(T0_MS + 10));
    shard.advance(11);
    assert_eq!(shard.run_handler(del, &["UNLINK", "k"]), int(0));
    assert_eq!(shard.dirty(), 0);
}

#[test]
fn exists_counts_a_repeated_key_each_time() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(exists, &["EXISTS", "k", "k", "missing"]),
        int(2)
    );
}

#[test]
fn exists_does_not_record_an_access() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.advance(5_000);
    shard.run_handler(exists, &["EXISTS", "k"]);
    let idle = shard.run_handler(
        crate::families::keyspace::object_idletime,
        &["OBJECT", "IDLETIME", "k"],
    );
    assert_eq!(idle, int(5));
}

#[test]
fn touch_counts_existing_keys_and_records_the_access() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.advance(5_000);
    assert_eq!(
        shard.run_handler(touch, &["TOUCH", "k", "k", "missing"]),
        int(2)
    );
    let idle = shard.run_handler(
        crate::families::keyspace::object_idletime,
        &["OBJECT", "IDLETIME", "k"],
    );
    assert_eq!(idle, int(0));
}

#[test]
fn touch_records_the_access_even_for_a_no_touch_client() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.advance(5_000);
    shard.no_touch = true;
    shard.run_handler(touch, &["TOUCH", "k"]);
    let idle = shard.run_handler(
        crate::families::keyspace::object_idletime,
        &["OBJECT", "IDLETIME", "k"],
    );
    assert_eq!(idle, int(0));
}

#[test]
fn type_names_the_value_type_and_none_for_a_missing_key() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(type_, &["TYPE", "k"]),
        Reply::status("string")
    );
    assert_eq!(
        shard.run_handler(type_, &["TYPE", "missing"]),
        Reply::status("none")
    );
}

#[test]
fn type_of_an_expired_key_is_none() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "k", "v", Some(T0_MS + 1));
    shard.advance(1);
    assert_eq!(
        shard.run_handler(type_, &["TYPE", "k"]),
        Reply::status("string")
    );
    shard.advance(1);
    assert_eq!(
        shard.run_handler(type_, &["TYPE", "k"]),
        Reply::status("none")
    );
}
