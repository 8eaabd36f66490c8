use super::*;

#[test]
fn zpop_without_count_is_flat_and_with_count_is_pairs() {
    let mut s = TestShard::new(7);
    s.run("ZADD z 1 a 2 b 3 c 4 d");
    assert_eq!(
        s.run("ZPOPMIN z"),
        Reply::Array(vec![bulk("a"), Reply::Double(1.0)])
    );
    assert_eq!(s.run("ZPOPMAX z 2"), pairs(&[("d", 4.0), ("c", 3.0)]));
    assert_eq!(s.run("ZPOPMAX z 0"), pairs(&[]));
    assert_eq!(s.dirty_of("ZPOPMIN z 5"), 1);
    assert!(!s.exists("z"));
    assert_eq!(s.run("ZPOPMIN z"), members(&[]));
    assert_eq!(s.run("ZPOPMIN z -1"), err(errors::ZPOP_COUNT_NOT_POSITIVE));
    assert_eq!(s.run("ZPOPMIN z 1 2"), err(errors::SYNTAX));
}

#[test]
fn zmpop_pops_from_the_first_non_empty_key() {
    let mut s = TestShard::new(7);
    s.run("ZADD b 1 x 2 y");
    let popped = s.run("ZMPOP 2 a b MAX COUNT 5");
    let expected = Reply::Array(vec![
        bulk("b"),
        Reply::Array(vec![
            Reply::Array(vec![bulk("y"), Reply::Double(2.0)]),
            Reply::Array(vec![bulk("x"), Reply::Double(1.0)]),
        ]),
    ]);
    assert_eq!(popped, expected);
    assert_eq!(s.run("ZMPOP 2 a b MIN"), Reply::NilArray);
    assert_eq!(
        s.run("ZMPOP 0 a MIN"),
        err(errors::ZMPOP_NUMKEYS_NOT_POSITIVE)
    );
    assert_eq!(
        s.run("ZMPOP x a MIN"),
        err(errors::ZMPOP_NUMKEYS_NOT_POSITIVE)
    );
    assert_eq!(s.run("ZMPOP 2 a MIN"), err(errors::SYNTAX));
    assert_eq!(
        s.run("ZMPOP 1 a MIN COUNT 0"),
        err(errors::ZMPOP_COUNT_NOT_POSITIVE)
    );
    assert_eq!(s.run("ZMPOP 1 a MIN COUNT 1 COUNT 1"), err(errors::SYNTAX));
    s.run("SET str v");
    assert_eq!(s.run("ZMPOP 2 a str MIN"), err(errors::WRONG_TYPE));
}

#[test]
fn zrandmember_counts_pick_distinct_repeated_or_all_members() {
    let mut s = TestShard::new(7);
    s.run("ZADD z 1 a 2 b 3 c 4 d 5 e");
    let Reply::Array(distinct) = s.run("ZRANDMEMBER z 3") else {
        panic!("an array")
    };
    let mut seen: Vec<_> = distinct.iter().filter_map(Reply::as_bulk).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3);
    let Reply::Array(repeated) = s.run("ZRANDMEMBER z -20") else {
        panic!("an array")
    };
    assert_eq!(repeated.len(), 20);
    // The whole set comes highest first, as Redis's set iterator walks.
    assert_eq!(
        s.run("ZRANDMEMBER z 9"),
        members(&["e", "d", "c", "b", "a"])
    );
    let Reply::Pairs(scored) = s.run("ZRANDMEMBER z -2 WITHSCORES") else {
        panic!("pairs")
    };
    assert_eq!(scored.len(), 2);
    assert_eq!(s.run("ZRANDMEMBER nokey"), Reply::Nil);
    assert_eq!(s.run("ZRANDMEMBER nokey 2"), members(&[]));
    assert_eq!(
        s.run("ZRANDMEMBER z -9223372036854775808"),
        err(errors::ZRANDMEMBER_COUNT_RANGE)
    );
    assert_eq!(
        s.run("ZRANDMEMBER z 4611686018427387904 WITHSCORES"),
        err(errors::ZRANDMEMBER_WITHSCORES_RANGE)
    );
    assert_eq!(s.run("ZRANDMEMBER z 1 FOO"), err(errors::SYNTAX));
}
