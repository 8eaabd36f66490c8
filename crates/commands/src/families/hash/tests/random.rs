use std::collections::HashSet;

use resp::Reply;

use super::{err, hash_limits, text, wrong_type, HashShard, TestShard};
use crate::errors;

fn fields_of(reply: Reply) -> Vec<String> {
    let Reply::Array(items) = reply else {
        panic!("an array, got {reply:?}");
    };
    items.iter().map(text).collect()
}

fn pairs_of(reply: Reply) -> Vec<(String, String)> {
    let Reply::Pairs(pairs) = reply else {
        panic!("pairs, got {reply:?}");
    };
    pairs.iter().map(|(f, v)| (text(f), text(v))).collect()
}

#[test]
fn without_a_count_one_field_or_nil() {
    let mut shard = TestShard::new(7);
    assert_eq!(shard.run("HRANDFIELD h"), Reply::Nil);
    shard.fill("h", 3);
    let field = text(&shard.run("HRANDFIELD h"));
    assert!(["f0", "f1", "f2"].contains(&field.as_str()));
}

#[test]
fn a_missing_key_or_zero_count_gives_an_empty_array_but_wrongtype_comes_first() {
    let mut shard = TestShard::new(7);
    assert_eq!(
        shard.run("HRANDFIELD h 5 WITHVALUES"),
        Reply::Array(Vec::new())
    );
    shard.fill("h", 3);
    assert_eq!(shard.run("HRANDFIELD h 0"), Reply::Array(Vec::new()));
    shard.set_string("s");
    assert_eq!(shard.run("HRANDFIELD s 0"), wrong_type());
    assert_eq!(shard.run("HRANDFIELD s"), wrong_type());
}

#[test]
fn count_errors_in_redis_order() {
    let mut shard = TestShard::new(7);
    shard.set_string("s");
    assert_eq!(shard.run("HRANDFIELD s abc"), err(errors::NOT_INTEGER));
    assert_eq!(
        shard.run("HRANDFIELD s -9223372036854775808 x y"),
        err(errors::RANDFIELD_COUNT_OUT_OF_RANGE)
    );
    assert_eq!(shard.run("HRANDFIELD s 1 WITHVALUE"), err(errors::SYNTAX));
    assert_eq!(
        shard.run("HRANDFIELD s 1 withvalues x"),
        err(errors::SYNTAX)
    );
    assert_eq!(
        shard.run("HRANDFIELD s -4611686018427387904 WITHVALUES"),
        err(errors::RANDFIELD_WITHVALUES_OUT_OF_RANGE)
    );
    assert_eq!(
        shard.run("HRANDFIELD s 4611686018427387904 WITHVALUES"),
        err(errors::RANDFIELD_WITHVALUES_OUT_OF_RANGE)
    );
    assert_eq!(
        shard.run("HRANDFIELD s 4611686018427387903 WITHVALUES"),
        wrong_type()
    );
}

#[test]
fn a_count_at_least_the_size_returns_the_whole_listpack_in_order() {
    let mut shard = TestShard::new(7);
    shard.fill("h", 3);
    assert_eq!(fields_of(shard.run("HRANDFIELD h 3")), ["f0", "f1", "f2"]);
    assert_eq!(
        pairs_of(shard.run("HRANDFIELD h 4611686018427387903 withvalues")),
        [("f0", "v0"), ("f1", "v1"), ("f2", "v2")].map(|(f, v)| (f.into(), v.into()))
    );
}

#[test]
fn positive_counts_pick_distinct_fields_in_both_encodings() {
    for limits in [(512, 64), (4, 64)] {
        let mut shard = TestShard::new(7).with_limits(hash_limits(limits.0, limits.1));
        shard.fill("h", 30);
        for count in [1, 2, 9, 11, 25, 29] {
            let pairs = pairs_of(shard.run(&format!("HRANDFIELD h {count} WITHVALUES")));
            assert_eq!(pairs.len(), count);
            let distinct: HashSet<_> = pairs.iter().map(|(f, _)| f.clone()).collect();
            assert_eq!(distinct.len(), count);
            assert!(pairs.iter().all(|(f, v)| f[1..] == v[1..]));
        }
    }
}

#[test]
fn negative_counts_repeat_fields_and_eventually_cover_the_hash() {
    for limits in [(512, 64), (4, 64)] {
        let mut shard = TestShard::new(7).with_limits(hash_limits(limits.0, limits.1));
        shard.fill("h", 5);
        let fields = fields_of(shard.run("HRANDFIELD h -200"));
        assert_eq!(fields.len(), 200);
        let distinct: HashSet<_> = fields.into_iter().collect();
        assert_eq!(distinct.len(), 5);
    }
}
