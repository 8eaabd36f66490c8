use super::*;
use crate::errors::{
    DB_INDEX_OUT_OF_RANGE, INVALID_FIRST_DB_INDEX, INVALID_SECOND_DB_INDEX, SYNTAX,
};
use crate::families::keyspace::{dbsize, flushall, flushdb, randomkey, swapdb};

#[test]
fn dbsize_counts_keys_of_the_selected_database_only() {
    let mut shard = TestShard::new(42);
    shard.set("a", "1");
    shard.set("b", "2");
    shard.set_in(1, "c", "3", None);
    assert_eq!(shard.run_handler(dbsize, &["DBSIZE"]), int(2));
    shard.db = DbIndex(1);
    assert_eq!(shard.run_handler(dbsize, &["DBSIZE"]), int(1));
}

#[test]
fn dbsize_counts_expired_keys_not_yet_reclaimed_as_redis_does() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "k", "v", Some(T0_MS + 1));
    shard.advance(10);
    assert_eq!(shard.run_handler(dbsize, &["DBSIZE"]), int(1));
}

#[test]
fn randomkey_returns_a_live_key_or_nil() {
    let mut shard = TestShard::new(42);
    assert_eq!(shard.run_handler(randomkey, &["RANDOMKEY"]), Reply::Nil);
    shard.set("a", "1");
    shard.set("b", "2");
    for _ in 0..20 {
        let reply = shard.run_handler(randomkey, &["RANDOMKEY"]);
        assert!(reply == bulk("a") || reply == bulk("b"), "{reply:?}");
    }
}

#[test]
fn randomkey_skips_and_reclaims_expired_keys() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "gone", "v", Some(T0_MS));
    shard.advance(1);
    assert_eq!(shard.run_handler(randomkey, &["RANDOMKEY"]), Reply::Nil);
    shard.set("live", "v");
    assert_eq!(shard.run_handler(randomkey, &["RANDOMKEY"]), bulk("live"));
}

#[test]
fn flushdb_empties_only_the_selected_database_and_counts_removed_keys() {
    let mut shard = TestShard::new(42);
    shard.set("a", "1");
    shard.set("b", "2");
    shard.set_in(1, "c", "3", None);
    assert_eq!(shard.run_handler(flushdb, &["FLUSHDB"]), Reply::OK);
    assert_eq!(shard.run_handler(dbsize, &["DBSIZE"]), int(0));
    assert_eq!(shard.get_in(1, "c").as_deref(), Some(&b"3"[..]));
    assert_eq!(shard.dirty(), 2);
}

#[test]
fn flushall_empties_every_database() {
    let mut shard = TestShard::new(42);
    shard.set("a", "1");
    shard.set_in(15, "c", "3", None);
    assert_eq!(shard.run_handler(flushall, &["FLUSHALL"]), Reply::OK);
    assert_eq!(shard.state.data.total_keys(), 0);
    assert_eq!(shard.dirty(), 2);
    assert_eq!(shard.run_handler(flushall, &["FLUSHALL"]), Reply::OK);
    assert_eq!(shard.dirty(), 2);
}

#[test]
fn flush_accepts_async_or_sync_in_any_case_and_nothing_else() {
    let mut shard = TestShard::new(42);
    for handler in [flushdb, flushall] {
        assert_eq!(shard.run_handler(handler, &["FLUSH", "ASYNC"]), Reply::OK);
        assert_eq!(shard.run_handler(handler, &["FLUSH", "sync"]), Reply::OK);
        assert_eq!(shard.run_handler(handler, &["FLUSH", "foo"]), err(SYNTAX));
        assert_eq!(
            shard.run_handler(handler, &["FLUSH", "sync", "sync"]),
            err(SYNTAX)
        );
    }
}

#[test]
fn swapdb_exchanges_two_databases() {
    let mut shard = TestShard::new(42);
    shard.set("a", "1");
    shard.set_in(3, "b", "2", Some(T0_MS + 5_000));
    assert_eq!(shard.run_handler(swapdb, &["SWAPDB", "0", "3"]), Reply::OK);
    assert_eq!(shard.get_in(0, "b").as_deref(), Some(&b"2"[..]));
    assert_eq!(shard.deadline_in(0, "b"), Some(T0_MS + 5_000));
    assert_eq!(shard.get_in(3, "a").as_deref(), Some(&b"1"[..]));
    assert_eq!(shard.dirty(), 1);
}

#[test]
fn swapdb_of_a_database_with_itself_is_ok() {
    let mut shard = TestShard::new(42);
    shard.set("a", "1");
    assert_eq!(shard.run_handler(swapdb, &["SWAPDB", "0", "0"]), Reply::OK);
    assert_eq!(shard.get("a").as_deref(), Some(&b"1"[..]));
}

#[test]
fn swapdb_validates_each_index_in_order() {
    let mut shard = TestShard::new(42);
    let cases = [
        (["a", "0"], INVALID_FIRST_DB_INDEX),
        (["a", "b"], INVALID_FIRST_DB_INDEX),
        (["0", "a"], INVALID_SECOND_DB_INDEX),
        (["99999999999", "0"], INVALID_FIRST_DB_INDEX),
        (["16", "0"], DB_INDEX_OUT_OF_RANGE),
        (["0", "-1"], DB_INDEX_OUT_OF_RANGE),
        (["16", "a"], INVALID_SECOND_DB_INDEX),
    ];
    for (indices, expected) in cases {
        let reply = shard.run_handler(swapdb, &["SWAPDB", indices[0], indices[1]]);
        assert_eq!(reply, err(expected), "{indices:?}");
    }
    assert_eq!(shard.dirty(), 0);
}
