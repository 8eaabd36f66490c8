use super::*;

#[test]
fn point_reads_of_missing_keys_and_members() {
    let mut s = TestShard::new(7);
    s.run("ZADD z 1 a 2 b");
    assert_eq!(s.run("ZCARD z"), Reply::Int(2));
    assert_eq!(s.run("ZCARD nokey"), Reply::Int(0));
    assert_eq!(s.run("ZSCORE nokey a"), Reply::Nil);
    assert_eq!(
        s.run("ZMSCORE z b nope"),
        Reply::Array(vec![Reply::Double(2.0), Reply::Nil])
    );
    assert_eq!(s.run("ZMSCORE nokey a"), Reply::Array(vec![Reply::Nil]));
    s.run("SET str x");
    assert_eq!(s.run("ZMSCORE str a"), err(errors::WRONG_TYPE));
}

#[test]
fn zrank_and_zrevrank_count_from_either_end() {
    let mut s = TestShard::new(7);
    s.run("ZADD z 1 a 2 b 2 c");
    assert_eq!(s.run("ZRANK z c"), Reply::Int(2));
    assert_eq!(s.run("ZREVRANK z c"), Reply::Int(0));
    assert_eq!(s.run("ZRANK z nope"), Reply::Nil);
    assert_eq!(s.run("ZRANK nokey a"), Reply::Nil);
}

#[test]
fn zrank_withscore_replies_rank_and_score_as_redis_7_2() {
    let mut s = TestShard::new(7);
    s.run("ZADD z 1 a 2.5 b");
    assert_eq!(
        s.run("ZRANK z b WITHSCORE"),
        Reply::Array(vec![Reply::Int(1), Reply::Double(2.5)])
    );
    assert_eq!(
        s.run("ZREVRANK z b withscore"),
        Reply::Array(vec![Reply::Int(0), Reply::Double(2.5)])
    );
    // A missing member or key is a nil array with WITHSCORE.
    assert_eq!(s.run("ZRANK z nope WITHSCORE"), Reply::NilArray);
    assert_eq!(s.run("ZREVRANK nokey a WITHSCORE"), Reply::NilArray);
    assert_eq!(s.run("ZRANK z a WITHSCORES"), err(errors::SYNTAX));
    assert_eq!(s.run("ZRANK z a WITHSCORE x"), errors::wrong_arity("zrank"));
    s.run("SET str x");
    assert_eq!(s.run("ZRANK str a WITHSCORE"), err(errors::WRONG_TYPE));
}

#[test]
fn zcount_and_zlexcount_parse_bounds_before_the_key() {
    let mut s = TestShard::new(7);
    s.run("ZADD z 1 a 2 b 3 c");
    assert_eq!(s.run("ZCOUNT z (1 3"), Reply::Int(2));
    assert_eq!(s.run("ZCOUNT z -inf +inf"), Reply::Int(3));
    assert_eq!(s.run("ZCOUNT z 3 1"), Reply::Int(0));
    assert_eq!(s.run("ZCOUNT nokey x 1"), err(errors::MIN_MAX_NOT_FLOAT));
    s.run("ZADD l 0 a 0 b 0 c");
    assert_eq!(s.run("ZLEXCOUNT l [a (c"), Reply::Int(2));
    assert_eq!(s.run("ZLEXCOUNT l - +"), Reply::Int(3));
    assert_eq!(s.run("ZLEXCOUNT nokey a +"), err(errors::MIN_MAX_NOT_LEX));
}

#[test]
fn zscan_returns_members_and_scores_as_text() {
    let mut s = TestShard::new(7);
    s.run("ZADD z 0.1 a inf b");
    let cursor = || bulk("0");
    assert_eq!(
        s.run("ZSCAN z 0"),
        Reply::Array(vec![
            cursor(),
            members(&["a", "0.10000000000000001", "b", "inf"])
        ])
    );
    assert_eq!(
        s.run("ZSCAN z 0 MATCH b*"),
        Reply::Array(vec![cursor(), members(&["b", "inf"])])
    );
    assert_eq!(s.run("ZSCAN z x"), err(errors::INVALID_CURSOR));
    assert_eq!(s.run("ZSCAN z 0 COUNT 0"), err(errors::SYNTAX));
    // Options are read only once the key is found.
    assert_eq!(
        s.run("ZSCAN nokey 0 COUNT 0"),
        Reply::Array(vec![cursor(), members(&[])])
    );
}
