use super::*;
use crate::errors::{
    BAD_DATA_FORMAT, BUSY_KEY, DUMP_PAYLOAD, INVALID_FREQ, INVALID_IDLETIME, INVALID_TTL,
    NOT_INTEGER, SYNTAX,
};

/// The DUMP payload of `key`.
fn dump_of(shard: &mut TestShard, key: &str) -> Vec<u8> {
    match shard.run(&format!("DUMP {key}")) {
        Reply::Bulk(payload) => payload.to_vec(),
        other => panic!("DUMP {key}: {other:?}"),
    }
}

fn restore(shard: &mut TestShard, args: &[&[u8]]) -> Reply {
    let mut argv: Vec<&[u8]> = vec![b"RESTORE"];
    argv.extend_from_slice(args);
    shard.run_args(&argv)
}

#[test]
fn dump_of_a_missing_key_is_nil_and_counts_a_miss() {
    let mut shard = TestShard::new(1);
    assert_eq!(shard.run("DUMP nope"), Reply::Nil);
    assert_eq!(shard.state.keyspace_misses, 1);
}

#[test]
fn restore_recreates_every_type_with_its_encoding() {
    let mut shard = TestShard::new(1);
    for line in [
        "SET s hello",
        "RPUSH l a 1 b",
        "HSET h f v",
        "SADD si 1 2",
        "SADD ss a b",
        "ZADD z 1 a 2 b",
    ] {
        shard.run(line);
    }
    for key in ["s", "l", "h", "si", "ss", "z"] {
        let payload = dump_of(&mut shard, key);
        let copy = format!("{key}:copy");
        assert_eq!(
            restore(&mut shard, &[copy.as_bytes(), b"0", &payload]),
            Reply::OK
        );
        let original = shard.peek(key).unwrap().value.clone();
        assert_eq!(shard.peek(&copy).unwrap().value, original);
        assert_eq!(dump_of(&mut shard, &copy), payload);
    }
}

#[test]
fn checks_run_in_redis_order() {
    let mut shard = TestShard::new(1);
    shard.set("k", "v");
    let cases: &[(&[&[u8]], &str)] = &[
        (&[b"k", b"-1", b"x", b"foo"], SYNTAX),
        (&[b"k", b"-1", b"x", b"IDLETIME", b"-1"], INVALID_IDLETIME),
        (&[b"k", b"-1", b"x", b"FREQ", b"256"], INVALID_FREQ),
        (
            &[b"k", b"-1", b"x", b"IDLETIME", b"1", b"FREQ", b"1"],
            SYNTAX,
        ),
        (&[b"k", b"-1", b"x"], BUSY_KEY),
        (&[b"k", b"x", b"x", b"REPLACE"], NOT_INTEGER),
        (&[b"k", b"-1", b"x", b"REPLACE"], INVALID_TTL),
        (&[b"k", b"0", b"x", b"REPLACE"], DUMP_PAYLOAD),
    ];
    for (args, error) in cases {
        assert_eq!(restore(&mut shard, args), err(error), "{args:?}");
    }
    // A valid frame around an empty list.
    let mut empty = vec![0x12, 0x00, 10, 0];
    let crc = persist::crc64::crc64(0, &empty);
    empty.extend_from_slice(&crc.to_le_bytes());
    assert_eq!(
        restore(&mut shard, &[b"k", b"0", &empty, b"REPLACE"]),
        err(BAD_DATA_FORMAT)
    );
    assert_eq!(shard.get("k").as_deref(), Some(&b"v"[..]));
    assert_eq!(shard.dirty(), 0);
}

#[test]
fn deadlines_relative_absolute_and_past() {
    let mut shard = TestShard::new(1);
    shard.set("src", "v");
    let payload = dump_of(&mut shard, "src");
    assert_eq!(restore(&mut shard, &[b"rel", b"5000", &payload]), Reply::OK);
    assert_eq!(shard.deadline_in(0, "rel"), Some(T0_MS + 5000));
    let at = (T0_MS + 9000).to_string();
    assert_eq!(
        restore(&mut shard, &[b"abs", at.as_bytes(), &payload, b"ABSTTL"]),
        Reply::OK
    );
    assert_eq!(shard.deadline_in(0, "abs"), Some(T0_MS + 9000));
    // In the past: the key is not created, and a replaced key is deleted (one change).
    let past = (T0_MS - 1).to_string();
    let before = shard.dirty();
    assert_eq!(
        restore(&mut shard, &[b"gone", past.as_bytes(), &payload, b"ABSTTL"]),
        Reply::OK
    );
    assert_eq!(shard.dirty(), before);
    assert_eq!(
        restore(
            &mut shard,
            &[b"src", past.as_bytes(), &payload, b"ABSTTL", b"REPLACE"]
        ),
        Reply::OK
    );
    assert_eq!(shard.dirty(), before + 1);
    assert_eq!(shard.get("gone"), None);
    assert_eq!(shard.get("src"), None);
    // A relative ttl that overflows when the clock is added is in the past too.
    assert_eq!(
        restore(&mut shard, &[b"wrap", b"9223372036854775807", &payload]),
        Reply::OK
    );
    assert_eq!(shard.get("wrap"), None);
}

#[test]
fn idletime_sets_the_last_access() {
    let mut shard = TestShard::new(1);
    shard.set("src", "v");
    let payload = dump_of(&mut shard, "src");
    assert_eq!(
        restore(&mut shard, &[b"k", b"0", &payload, b"IDLETIME", b"100"]),
        Reply::OK
    );
    assert_eq!(shard.run("OBJECT IDLETIME k"), int(100));
    assert_eq!(
        restore(&mut shard, &[b"f", b"0", &payload, b"freq", b"7"]),
        Reply::OK
    );
}
