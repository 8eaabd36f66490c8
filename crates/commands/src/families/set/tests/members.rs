use super::*;

#[test]
fn sadd_counts_new_members_and_srem_deletes_the_key_with_the_last() {
    let mut s = TestShard::new(7);
    assert_eq!(s.run("SADD k a b a c"), int(3));
    assert_eq!(s.run("SADD k a d"), int(1));
    assert_eq!(s.run("SCARD k"), int(4));
    assert_eq!(s.dirty_of("SADD k e f a"), 2);
    assert_eq!(s.run("SREM k a zz b"), int(2));
    assert_eq!(s.dirty_of("SREM k nope"), 0);
    assert_eq!(s.run("SREM k c d e f"), int(4));
    assert!(!s.exists("k"));
    assert_eq!(s.run("SREM k a"), int(0));
    assert_eq!(s.run("SCARD k"), int(0));
}

#[test]
fn membership_queries_treat_a_missing_key_as_empty() {
    let mut s = TestShard::new(7);
    s.run("SADD k 1 x");
    assert_eq!(s.run("SISMEMBER k 1"), int(1));
    assert_eq!(s.run("SISMEMBER k 01"), int(0));
    assert_eq!(s.run("SISMEMBER nokey 1"), int(0));
    assert_eq!(
        s.run("SMISMEMBER k x y 1"),
        Reply::Array(vec![int(1), int(0), int(1)])
    );
    assert_eq!(s.run("SMISMEMBER nokey x"), Reply::Array(vec![int(0)]));
    assert_eq!(s.run("SMEMBERS nokey"), Reply::Set(vec![]));
    assert_eq!(s.members("k"), strings(&["1", "x"]));
}

#[test]
fn every_command_refuses_a_key_of_another_type() {
    let mut s = TestShard::new(7);
    s.run("SET str v");
    s.run("SADD k a");
    for line in [
        "SADD str a",
        "SREM str a",
        "SISMEMBER str a",
        "SMISMEMBER str a",
        "SCARD str",
        "SMEMBERS str",
        "SPOP str",
        "SPOP str 2",
        "SRANDMEMBER str",
        "SRANDMEMBER str -2",
        "SSCAN str 0",
        "SINTER k str",
        "SINTERCARD 2 k str",
        "SUNION k str",
        "SDIFF nokey str",
        "SINTERSTORE d k str",
        "SUNIONSTORE d k str",
        "SDIFFSTORE d k str",
        "SMOVE str k a",
        "SMOVE k str a",
    ] {
        assert_eq!(s.run(line), err(errors::WRONG_TYPE), "{line}");
    }
    assert_eq!(
        s.members("k"),
        strings(&["a"]),
        "taken sets are put back on errors"
    );
}

#[test]
fn smove_moves_and_creates_the_destination() {
    let mut s = TestShard::new(7);
    s.run("SET str v");
    assert_eq!(
        s.run("SMOVE nokey str a"),
        int(0),
        "a missing source wins over WRONGTYPE"
    );
    s.run("SADD src a 5");
    assert_eq!(s.run("SMOVE src src a"), int(1));
    assert_eq!(s.run("SMOVE src src zz"), int(0));
    assert_eq!(s.run("SMOVE src dst zz"), int(0));
    assert_eq!(s.dirty_of("SMOVE src dst 5"), 2);
    assert_eq!(s.encoding("dst"), "intset");
    s.run("SADD dst a");
    assert_eq!(
        s.dirty_of("SMOVE src dst a"),
        1,
        "already in the destination"
    );
    assert!(!s.exists("src"));
    assert_eq!(s.members("dst"), strings(&["5", "a"]));
    s.run("SADD other b");
    assert_eq!(s.run("SMOVE other new b"), int(1));
    assert_eq!(s.encoding("new"), "listpack");
}

#[test]
fn encodings_follow_redis_7_2() {
    let mut s = TestShard::new(7).with_limits(tiny());
    s.run("SADD i 1 2 3 4");
    assert_eq!(s.encoding("i"), "intset");
    s.run("SADD i 5");
    assert_eq!(s.encoding("i"), "hashtable");
    s.run("SADD l 1 2");
    s.run("SADD l abc");
    assert_eq!(s.encoding("l"), "listpack");
    s.run("SADD l x");
    assert_eq!(s.encoding("l"), "hashtable");
    s.run("SADD h 1");
    s.run("SADD h abcdef");
    assert_eq!(
        s.encoding("h"),
        "hashtable",
        "member longer than set-max-listpack-value"
    );
    s.run("SADD big 1 1 1 1 1");
    assert_eq!(
        s.encoding("big"),
        "hashtable",
        "the size hint counts every argument"
    );
    s.run("SADD grow a");
    s.run("SADD grow a a a a");
    assert_eq!(s.encoding("grow"), "hashtable");
    assert_eq!(s.run("SCARD grow"), int(1));
}

#[test]
fn sscan_returns_compact_sets_whole_and_pages_hashtables() {
    let mut s = TestShard::new(7).with_limits(tiny());
    s.run("SADD small 1 2 3");
    let reply = s.run("SSCAN small 99 COUNT 1");
    let Reply::Array(parts) = reply else {
        panic!("not an array")
    };
    assert_eq!(parts[0], Reply::bulk(b"0"));
    assert_eq!(sorted(parts[1].clone()), strings(&["1", "2", "3"]));
    s.run("SADD big a b c d e f g h ab ac");
    let mut seen = Vec::new();
    let mut cursor = "0".to_string();
    loop {
        let Reply::Array(parts) = s.run(&format!("SSCAN big {cursor} MATCH a* COUNT 2")) else {
            panic!("not an array")
        };
        seen.extend(sorted(parts[1].clone()));
        cursor = String::from_utf8(parts[0].as_bulk().expect("cursor").to_vec()).expect("utf8");
        if cursor == "0" {
            break;
        }
    }
    seen.sort();
    assert_eq!(seen, strings(&["a", "ab", "ac"]));
}

#[test]
fn sscan_checks_the_cursor_then_the_key_then_the_options() {
    let mut s = TestShard::new(7);
    s.run("SADD k a");
    assert_eq!(s.run("SSCAN k x"), err(errors::INVALID_CURSOR));
    let empty = Reply::Array(vec![Reply::bulk(b"0"), Reply::Array(vec![])]);
    assert_eq!(s.run("SSCAN nokey 0 COUNT 0"), empty);
    for line in [
        "SSCAN k 0 COUNT 0",
        "SSCAN k 0 TYPE set",
        "SSCAN k 0 MATCH",
        "SSCAN k 0 FOO bar",
    ] {
        assert_eq!(s.run(line), err(errors::SYNTAX), "{line}");
    }
    assert_eq!(s.run("SSCAN k 0 COUNT x"), err(errors::NOT_INTEGER));
}
