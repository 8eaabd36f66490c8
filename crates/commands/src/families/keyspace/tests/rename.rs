use super::*;
use crate::errors::{
    DB_INDEX_OUT_OF_RANGE, INT32_OUT_OF_RANGE, NOT_INTEGER, NO_SUCH_KEY, SAME_OBJECT, SYNTAX,
};
use crate::families::keyspace::{copy, move_, object_idletime, rename, renamenx};

#[test]
fn rename_moves_the_value_and_its_deadline_over_an_existing_key() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "src", "v", Some(T0_MS + 5_000));
    shard.set("dst", "old");
    assert_eq!(
        shard.run_handler(rename, &["RENAME", "src", "dst"]),
        Reply::OK
    );
    assert_eq!(shard.get("src"), None);
    assert_eq!(shard.get("dst").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.deadline_in(0, "dst"), Some(T0_MS + 5_000));
    assert_eq!(shard.dirty(), 1);
}

#[test]
fn rename_clears_the_deadline_of_the_replaced_key() {
    let mut shard = TestShard::new(42);
    shard.set("src", "v");
    shard.set_in(0, "dst", "old", Some(T0_MS + 5_000));
    shard.run_handler(rename, &["RENAME", "src", "dst"]);
    assert_eq!(shard.deadline_in(0, "dst"), None);
}

#[test]
fn rename_of_a_missing_or_expired_key_is_an_error() {
    let mut shard = TestShard::new(42);
    assert_eq!(
        shard.run_handler(rename, &["RENAME", "missing", "x"]),
        err(NO_SUCH_KEY)
    );
    assert_eq!(
        shard.run_handler(renamenx, &["RENAMENX", "missing", "x"]),
        err(NO_SUCH_KEY)
    );
    assert_eq!(
        shard.run_handler(rename, &["RENAME", "missing", "missing"]),
        err(NO_SUCH_KEY)
    );
    shard.set_in(0, "gone", "v", Some(T0_MS));
    shard.advance(1);
    assert_eq!(
        shard.run_handler(rename, &["RENAME", "gone", "x"]),
        err(NO_SUCH_KEY)
    );
}

#[test]
fn renaming_a_key_onto_itself_changes_nothing() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(shard.run_handler(rename, &["RENAME", "k", "k"]), Reply::OK);
    assert_eq!(shard.run_handler(renamenx, &["RENAMENX", "k", "k"]), int(0));
    assert_eq!(shard.get("k").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.dirty(), 0);
}

#[test]
fn renamenx_refuses_an_existing_destination() {
    let mut shard = TestShard::new(42);
    shard.set("src", "v");
    shard.set("dst", "old");
    assert_eq!(
        shard.run_handler(renamenx, &["RENAMENX", "src", "dst"]),
        int(0)
    );
    assert_eq!(shard.get("dst").as_deref(), Some(&b"old"[..]));
    assert_eq!(
        shard.run_handler(renamenx, &["RENAMENX", "src", "new"]),
        int(1)
    );
    assert_eq!(shard.get("new").as_deref(), Some(&b"v"[..]));
}

#[test]
fn renamenx_treats_an_expired_destination_as_free() {
    let mut shard = TestShard::new(42);
    shard.set("src", "v");
    shard.set_in(0, "dst", "old", Some(T0_MS));
    shard.advance(1);
    assert_eq!(
        shard.run_handler(renamenx, &["RENAMENX", "src", "dst"]),
        int(1)
    );
}

#[test]
fn rename_keeps_the_idle_time_of_the_value_for_a_no_touch_client() {
    let mut shard = TestShard::new(42);
    shard.set("src", "v");
    shard.advance(7_000);
    shard.no_touch = true;
    shard.run_handler(rename, &["RENAME", "src", "dst"]);
    assert_eq!(
        shard.run_handler(object_idletime, &["OBJECT", "IDLETIME", "dst"]),
        int(7)
    );
}

#[test]
fn copy_duplicates_the_value_and_its_deadline() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "src", "v", Some(T0_MS + 5_000));
    assert_eq!(shard.run_handler(copy, &["COPY", "src", "dst"]), int(1));
    assert_eq!(shard.get("src").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.get("dst").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.deadline_in(0, "dst"), Some(T0_MS + 5_000));
    assert_eq!(shard.dirty(), 1);
}

#[test]
fn copy_replaces_an_existing_destination_only_with_replace() {
    let mut shard = TestShard::new(42);
    shard.set("src", "v");
    shard.set_in(0, "dst", "old", Some(T0_MS + 5_000));
    assert_eq!(shard.run_handler(copy, &["COPY", "src", "dst"]), int(0));
    assert_eq!(shard.get("dst").as_deref(), Some(&b"old"[..]));
    assert_eq!(
        shard.run_handler(copy, &["COPY", "src", "dst", "REPLACE"]),
        int(1)
    );
    assert_eq!(shard.get("dst").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.deadline_in(0, "dst"), None);
}

#[test]
fn copy_of_a_missing_key_replies_zero() {
    let mut shard = TestShard::new(42);
    assert_eq!(shard.run_handler(copy, &["COPY", "missing", "dst"]), int(0));
}

#[test]
fn copy_to_another_database_with_repeated_options_uses_the_last_db() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    let reply = shard.run_handler(
        copy,
        &["COPY", "k", "k", "replace", "replace", "db", "1", "DB", "2"],
    );
    assert_eq!(reply, int(1));
    assert_eq!(shard.get_in(2, "k").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.get_in(1, "k"), None);
}

#[test]
fn copy_onto_the_same_key_and_database_is_an_error_even_when_missing() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(copy, &["COPY", "k", "k"]),
        err(SAME_OBJECT)
    );
    assert_eq!(
        shard.run_handler(copy, &["COPY", "k", "k", "DB", "0"]),
        err(SAME_OBJECT)
    );
    assert_eq!(
        shard.run_handler(copy, &["COPY", "missing", "missing"]),
        err(SAME_OBJECT)
    );
}

#[test]
fn copy_option_errors_come_in_argument_order() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    let cases: [(&[&str], Reply); 7] = [
        (&["DB", "abc"], err(NOT_INTEGER)),
        (&["DB", "16"], err(DB_INDEX_OUT_OF_RANGE)),
        (&["DB", "-1"], err(DB_INDEX_OUT_OF_RANGE)),
        (&["DB", "99999999999"], err(INT32_OUT_OF_RANGE)),
        (&["DB"], err(SYNTAX)),
        (&["foo", "DB", "16"], err(SYNTAX)),
        (&["DB", "16", "foo"], err(DB_INDEX_OUT_OF_RANGE)),
    ];
    for (options, expected) in cases {
        let mut argv = vec!["COPY", "k", "k2"];
        argv.extend_from_slice(options);
        assert_eq!(shard.run_handler(copy, &argv), expected, "{argv:?}");
    }
    let missing = shard.run_handler(copy, &["COPY", "missing", "k2", "DB", "16"]);
    assert_eq!(missing, err(DB_INDEX_OUT_OF_RANGE));
}

#[test]
fn move_carries_the_key_and_deadline_to_another_database() {
    let mut shard = TestShard::new(42);
    shard.set_in(0, "k", "v", Some(T0_MS + 5_000));
    assert_eq!(shard.run_handler(move_, &["MOVE", "k", "3"]), int(1));
    assert_eq!(shard.get("k"), None);
    assert_eq!(shard.get_in(3, "k").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.deadline_in(3, "k"), Some(T0_MS + 5_000));
    assert_eq!(shard.dirty(), 1);
}

#[test]
fn move_refuses_when_the_key_exists_in_the_target_or_is_missing() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.set_in(3, "k", "there", None);
    assert_eq!(shard.run_handler(move_, &["MOVE", "k", "3"]), int(0));
    assert_eq!(shard.get("k").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.run_handler(move_, &["MOVE", "missing", "3"]), int(0));
    assert_eq!(shard.dirty(), 0);
}

#[test]
fn move_validates_the_database_before_the_key() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(move_, &["MOVE", "missing", "0"]),
        err(SAME_OBJECT)
    );
    assert_eq!(
        shard.run_handler(move_, &["MOVE", "k", "0"]),
        err(SAME_OBJECT)
    );
    assert_eq!(
        shard.run_handler(move_, &["MOVE", "k", "16"]),
        err(DB_INDEX_OUT_OF_RANGE)
    );
    assert_eq!(
        shard.run_handler(move_, &["MOVE", "k", "-1"]),
        err(DB_INDEX_OUT_OF_RANGE)
    );
    assert_eq!(
        shard.run_handler(move_, &["MOVE", "k", "abc"]),
        err(NOT_INTEGER)
    );
    assert_eq!(
        shard.run_handler(move_, &["MOVE", "k", "99999999999"]),
        err(INT32_OUT_OF_RANGE)
    );
}

#[test]
fn move_from_a_selected_database_other_than_zero() {
    let mut shard = TestShard::new(42);
    shard.db = DbIndex(5);
    shard.set("k", "v");
    assert_eq!(shard.run_handler(move_, &["MOVE", "k", "0"]), int(1));
    assert_eq!(shard.get_in(0, "k").as_deref(), Some(&b"v"[..]));
}
