use resp::Reply;

use super::{bulk, bulks, hash_limits, int, wrong_type, HashShard, TestShard};

#[test]
fn reads_of_a_missing_key_see_an_empty_hash() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("HGET h a"), Reply::Nil);
    assert_eq!(
        shard.run("HMGET h a b"),
        Reply::Array(vec![Reply::Nil, Reply::Nil])
    );
    assert_eq!(shard.run("HGETALL h"), Reply::Map(Vec::new()));
    assert_eq!(shard.run("HKEYS h"), bulks(&[]));
    assert_eq!(shard.run("HVALS h"), bulks(&[]));
    assert_eq!(shard.run("HLEN h"), int(0));
    assert_eq!(shard.run("HSTRLEN h a"), int(0));
    assert_eq!(shard.run("HEXISTS h a"), int(0));
    assert_eq!(shard.state.keyspace_misses, 8);
}

#[test]
fn reads_of_another_type_are_wrongtype() {
    let mut shard = TestShard::new(7);
    shard.set_string("s");
    for cmd in [
        "HGET s a",
        "HMGET s a",
        "HGETALL s",
        "HKEYS s",
        "HVALS s",
        "HLEN s",
        "HSTRLEN s a",
        "HEXISTS s a",
    ] {
        assert_eq!(shard.run(cmd), wrong_type(), "{cmd}");
    }
}

#[test]
fn listpack_reads_follow_insertion_order() {
    let mut shard = TestShard::new(7);
    shard.run("HSET h z 1 a -20 m 007");
    assert_eq!(
        shard.run("HGETALL h"),
        Reply::Map(vec![
            (bulk("z"), bulk("1")),
            (bulk("a"), bulk("-20")),
            (bulk("m"), bulk("007")),
        ])
    );
    assert_eq!(shard.run("HKEYS h"), bulks(&["z", "a", "m"]));
    assert_eq!(shard.run("HVALS h"), bulks(&["1", "-20", "007"]));
    assert_eq!(
        shard.run("HMGET h m nope z"),
        Reply::Array(vec![bulk("007"), Reply::Nil, bulk("1")])
    );
    assert_eq!(shard.run("HSTRLEN h a"), int(3));
    assert_eq!(shard.run("HEXISTS h m"), int(1));
    assert_eq!(shard.run("HLEN h"), int(3));
}

#[test]
fn hashtable_reads_see_every_pair() {
    let mut shard = TestShard::new(7).with_limits(hash_limits(8, 64));
    shard.fill("h", 50);
    assert_eq!(shard.encoding("h"), "hashtable");
    assert_eq!(shard.run("HLEN h"), int(50));
    assert_eq!(shard.run("HGET h f42"), bulk("v42"));
    assert_eq!(shard.run("HSTRLEN h f42"), int(3));
    let Reply::Map(pairs) = shard.run("HGETALL h") else {
        panic!("HGETALL answers a map");
    };
    let mut seen: Vec<String> = pairs
        .iter()
        .map(|(f, v)| format!("{}={}", super::text(f), super::text(v)))
        .collect();
    seen.sort();
    let mut expected: Vec<String> = (0..50).map(|i| format!("f{i}=v{i}")).collect();
    expected.sort();
    assert_eq!(seen, expected);
    let Reply::Array(keys) = shard.run("HKEYS h") else {
        panic!("HKEYS answers an array");
    };
    assert_eq!(keys.len(), 50);
}
