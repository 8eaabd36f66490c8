use super::*;
use crate::errors::{LFU_NOT_SELECTED, LFU_SELECTED};
use crate::families::keyspace::{
    object_encoding, object_freq, object_help, object_idletime, object_refcount,
};

#[test]
fn object_encoding_follows_redis_string_encodings() {
    let mut shard = TestShard::new(42);
    shard.set("int", "12345");
    shard.set("short", "hello");
    shard.set("long", &"x".repeat(45));
    assert_eq!(
        shard.run_handler(object_encoding, &["OBJECT", "ENCODING", "int"]),
        bulk("int")
    );
    assert_eq!(
        shard.run_handler(object_encoding, &["OBJECT", "ENCODING", "short"]),
        bulk("embstr")
    );
    assert_eq!(
        shard.run_handler(object_encoding, &["OBJECT", "ENCODING", "long"]),
        bulk("raw")
    );
}

#[test]
fn object_subcommands_reply_nil_for_a_missing_key() {
    let mut shard = TestShard::new(42);
    for handler in [
        object_encoding,
        object_idletime,
        object_freq,
        object_refcount,
    ] {
        assert_eq!(
            shard.run_handler(handler, &["OBJECT", "X", "missing"]),
            Reply::Nil
        );
    }
}

#[test]
fn object_idletime_counts_whole_seconds_since_the_last_access() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.advance(2_999);
    assert_eq!(
        shard.run_handler(object_idletime, &["OBJECT", "IDLETIME", "k"]),
        int(2)
    );
    shard.advance(1);
    assert_eq!(
        shard.run_handler(object_idletime, &["OBJECT", "IDLETIME", "k"]),
        int(3)
    );
}

#[test]
fn object_idletime_is_refused_under_an_lfu_policy() {
    let mut shard = TestShard::new(42);
    shard.state.settings.lfu_policy = true;
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(object_idletime, &["OBJECT", "IDLETIME", "k"]),
        err(LFU_SELECTED)
    );
}

#[test]
fn object_freq_is_refused_without_an_lfu_policy() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(object_freq, &["OBJECT", "FREQ", "k"]),
        err(LFU_NOT_SELECTED)
    );
}

#[test]
fn object_freq_starts_at_five_and_decays_one_per_idle_minute() {
    let mut shard = TestShard::new(42);
    shard.state.settings.lfu_policy = true;
    shard.set("k", "v");
    assert_eq!(
        shard.run_handler(object_freq, &["OBJECT", "FREQ", "k"]),
        int(5)
    );
    shard.advance(120_000);
    assert_eq!(
        shard.run_handler(object_freq, &["OBJECT", "FREQ", "k"]),
        int(3)
    );
    shard.advance(3_600_000);
    assert_eq!(
        shard.run_handler(object_freq, &["OBJECT", "FREQ", "k"]),
        int(0)
    );
}

#[test]
fn the_lfu_error_messages_are_redis_words() {
    let not_selected = "ERR An LFU maxmemory policy is not selected, access frequency not \
tracked. Please note that when switching between policies at runtime LRU and LFU data will take \
some time to adjust.";
    let selected = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note \
that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    assert_eq!(LFU_NOT_SELECTED, not_selected);
    assert_eq!(LFU_SELECTED, selected);
}

#[test]
fn object_refcount_is_int_max_for_shared_small_integers_and_one_otherwise() {
    let mut shard = TestShard::new(42);
    for (value, refcount) in [("0", i32::MAX as i64), ("9999", i32::MAX as i64)]
        .into_iter()
        .chain([("10000", 1), ("-1", 1), ("abc", 1), ("007", 1)])
    {
        shard.set("k", value);
        let reply = shard.run_handler(object_refcount, &["OBJECT", "REFCOUNT", "k"]);
        assert_eq!(reply, int(refcount), "value {value}");
    }
}

#[test]
fn object_subcommands_do_not_record_an_access() {
    let mut shard = TestShard::new(42);
    shard.set("k", "v");
    shard.advance(4_000);
    shard.run_handler(object_encoding, &["OBJECT", "ENCODING", "k"]);
    shard.run_handler(object_refcount, &["OBJECT", "REFCOUNT", "k"]);
    assert_eq!(
        shard.run_handler(object_idletime, &["OBJECT", "IDLETIME", "k"]),
        int(4)
    );
}

#[test]
fn object_help_prints_redis_lines_as_status_replies() {
    let args = OwnedArgs::from_slices([&b"OBJECT"[..], b"HELP"]);
    let Reply::Array(lines) = object_help(args.view()) else {
        panic!("OBJECT HELP replies an array");
    };
    assert_eq!(lines.len(), 15);
    assert_eq!(
        lines[0],
        Reply::status("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
    );
    assert_eq!(lines[14], Reply::status("    Prints this help."));
    assert!(lines.iter().all(|line| matches!(line, Reply::Status(_))));
}
