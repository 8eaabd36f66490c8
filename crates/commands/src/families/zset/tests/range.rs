use super::*;

fn fixture() -> TestShard {
    let mut s = TestShard::new(7);
    s.run("ZADD z 1 a 2 b 3 c 4 d 5 e");
    s
}

#[test]
fn zrange_by_rank_clamps_and_reverses() {
    let mut s = fixture();
    assert_eq!(s.run("ZRANGE z 1 2"), members(&["b", "c"]));
    assert_eq!(s.run("ZRANGE z -2 100"), members(&["d", "e"]));
    assert_eq!(s.run("ZRANGE z 0 1 REV"), members(&["e", "d"]));
    assert_eq!(
        s.run("ZREVRANGE z 1 2 WITHSCORES"),
        pairs(&[("d", 4.0), ("c", 3.0)])
    );
    assert_eq!(s.run("ZRANGE z 3 1"), members(&[]));
}

#[test]
fn zrange_by_score_with_limit_and_rev() {
    let mut s = fixture();
    assert_eq!(s.run("ZRANGE z (1 4 BYSCORE"), members(&["b", "c", "d"]));
    assert_eq!(
        s.run("ZRANGE z 4 (1 BYSCORE REV"),
        members(&["d", "c", "b"])
    );
    assert_eq!(
        s.run("ZRANGEBYSCORE z -inf +inf LIMIT 1 2"),
        members(&["b", "c"])
    );
    assert_eq!(
        s.run("ZREVRANGEBYSCORE z +inf -inf LIMIT 1 2"),
        members(&["d", "c"])
    );
    assert_eq!(
        s.run("ZRANGEBYSCORE z -inf +inf LIMIT 3 -1"),
        members(&["d", "e"])
    );
    // A negative offset skips everything, as Redis's countdown loop does.
    assert_eq!(s.run("ZRANGEBYSCORE z -inf +inf LIMIT -1 2"), members(&[]));
}

#[test]
fn zrange_by_lex_on_equal_scores() {
    let mut s = TestShard::new(7);
    s.run("ZADD l 0 a 0 b 0 c 0 d");
    assert_eq!(s.run("ZRANGE l [b (d BYLEX"), members(&["b", "c"]));
    assert_eq!(
        s.run("ZRANGE l + - BYLEX REV LIMIT 1 2"),
        members(&["c", "b"])
    );
    assert_eq!(s.run("ZRANGEBYLEX l - [a"), members(&["a"]));
    assert_eq!(s.run("ZREVRANGEBYLEX l (b -"), members(&["a"]));
}

#[test]
fn zrange_option_errors() {
    let mut s = fixture();
    assert_eq!(
        s.run("ZRANGE z 0 1 LIMIT 0 1"),
        err(errors::ZRANGE_LIMIT_NEEDS_BY)
    );
    assert_eq!(
        s.run("ZRANGE z - + BYLEX WITHSCORES"),
        err(errors::ZRANGE_WITHSCORES_BYLEX)
    );
    assert_eq!(s.run("ZRANGE z 0 1 BYSCORE BYLEX"), err(errors::SYNTAX));
    assert_eq!(s.run("ZRANGEBYSCORE z 0 1 REV"), err(errors::SYNTAX));
    assert_eq!(s.run("ZRANGE z a b FOO"), err(errors::SYNTAX));
    assert_eq!(s.run("ZRANGE z a 1"), err(errors::NOT_INTEGER));
    assert_eq!(
        s.run("ZRANGE z a 1 BYSCORE"),
        err(errors::MIN_MAX_NOT_FLOAT)
    );
    assert_eq!(s.run("ZRANGE z a 1 BYLEX"), err(errors::MIN_MAX_NOT_LEX));
    assert_eq!(s.run("ZRANGESTORE d z 0 1 WITHSCORES"), err(errors::SYNTAX));
}

#[test]
fn zrangestore_overwrites_and_deletes_on_empty() {
    let mut s = fixture();
    s.run("SET d x");
    assert_eq!(
        s.run("ZRANGESTORE d z 3 1 BYSCORE REV LIMIT 0 2"),
        Reply::Int(2)
    );
    assert_eq!(
        s.run("ZRANGE d 0 -1 WITHSCORES"),
        pairs(&[("b", 2.0), ("c", 3.0)])
    );
    assert_eq!(s.dirty_of("ZRANGESTORE d z 9 10"), 1);
    assert!(!s.exists("d"));
    assert_eq!(s.dirty_of("ZRANGESTORE d z 9 10"), 0);
}

#[test]
fn zrem_and_zremrange_delete_emptied_keys() {
    let mut s = fixture();
    assert_eq!(s.run("ZREM z a nope"), Reply::Int(1));
    assert_eq!(s.run("ZREMRANGEBYRANK z 0 0"), Reply::Int(1));
    assert_eq!(s.run("ZREMRANGEBYSCORE z (3 4"), Reply::Int(1));
    assert_eq!(s.run("ZRANGE z 0 -1"), members(&["c", "e"]));
    assert_eq!(s.run("ZREMRANGEBYRANK z 0 -1"), Reply::Int(2));
    assert!(!s.exists("z"));
    s.run("ZADD l 0 a 0 b 0 c");
    assert_eq!(s.run("ZREMRANGEBYLEX l (a +"), Reply::Int(2));
    assert_eq!(
        s.run("ZREMRANGEBYLEX nokey x +"),
        err(errors::MIN_MAX_NOT_LEX)
    );
    assert_eq!(s.run("ZREMRANGEBYRANK nokey x 1"), err(errors::NOT_INTEGER));
}
