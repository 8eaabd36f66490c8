use std::collections::HashMap;

use resp::Reply;

use super::{bulk, err, hash_limits, text, wrong_type, HashShard, TestShard};
use crate::errors;

/// `(cursor, [(field, value)])` of an HSCAN reply.
fn scan_of(reply: Reply) -> (u64, Vec<(String, String)>) {
    let Reply::Array(parts) = reply else {
        panic!("an array, got {reply:?}");
    };
    let cursor = text(&parts[0]).parse().expect("a decimal cursor");
    let Reply::Array(items) = &parts[1] else {
        panic!("items");
    };
    let pairs = items
        .chunks(2)
        .map(|pair| (text(&pair[0]), text(&pair[1])))
        .collect();
    (cursor, pairs)
}

#[test]
fn a_listpack_comes_back_whole_with_cursor_zero() {
    let mut shard = TestShard::new(7);
    shard.fill("h", 20);
    let (cursor, pairs) = scan_of(shard.run("HSCAN h 12345 COUNT 1"));
    assert_eq!(cursor, 0);
    assert_eq!(pairs.len(), 20);
    assert_eq!(pairs[0], ("f0".into(), "v0".into()));
}

#[test]
fn match_filters_fields_and_drops_their_values() {
    let mut shard = TestShard::new(7);
    shard.run("HSET h a1 x b1 a1 a2 y");
    let (_, pairs) = scan_of(shard.run("HSCAN h 0 MATCH a* COUNT 1 MATCH a?"));
    assert_eq!(
        pairs,
        [("a1".into(), "x".into()), ("a2".into(), "y".into())]
    );
    let (_, all) = scan_of(shard.run("HSCAN h 0 match *"));
    assert_eq!(all.len(), 3);
}

#[test]
fn a_hashtable_scan_resumes_from_its_cursor_and_sees_every_field_once() {
    let mut shard = TestShard::new(7).with_limits(hash_limits(4, 64));
    shard.fill("h", 200);
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut cursor = 0;
    let mut steps = 0;
    loop {
        let (next, pairs) = scan_of(shard.run(&format!("HSCAN h {cursor} COUNT 7")));
        for (field, value) in pairs {
            assert!(seen.insert(field, value).is_none());
        }
        steps += 1;
        cursor = next;
        if cursor == 0 {
            break;
        }
    }
    assert!(steps > 10);
    assert_eq!(seen.len(), 200);
    assert_eq!(seen["f7"], "v7");
}

#[test]
fn errors_come_in_redis_order_cursor_key_type_then_options() {
    let mut shard = TestShard::new(7);
    shard.set_string("s");
    assert_eq!(shard.run("HSCAN s abc"), err(errors::INVALID_CURSOR));
    assert_eq!(
        shard.run("HSCAN s 18446744073709551616"),
        err(errors::INVALID_CURSOR)
    );
    assert_eq!(shard.run("HSCAN s 0 COUNT 0"), wrong_type());
    let empty = Reply::Array(vec![bulk("0"), Reply::Array(Vec::new())]);
    assert_eq!(shard.run("HSCAN nokey 0 COUNT 0"), empty);
    shard.fill("h", 2);
    assert_eq!(shard.run("HSCAN h 0 COUNT 0"), err(errors::SYNTAX));
    assert_eq!(shard.run("HSCAN h 0 COUNT -1"), err(errors::SYNTAX));
    assert_eq!(shard.run("HSCAN h 0 COUNT x"), err(errors::NOT_INTEGER));
    assert_eq!(shard.run("HSCAN h 0 COUNT"), err(errors::SYNTAX));
    assert_eq!(shard.run("HSCAN h 0 TYPE string"), err(errors::SYNTAX));
    assert_eq!(scan_of(shard.run("HSCAN h -1")).1.len(), 2);
}
