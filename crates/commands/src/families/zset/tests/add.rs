use super::*;

#[test]
fn zadd_counts_added_members_and_ch_counts_updates_too() {
    let mut s = TestShard::new(7);
    assert_eq!(s.run("ZADD z 1 a 2 b"), Reply::Int(2));
    assert_eq!(s.run("ZADD z 5 a 3 c"), Reply::Int(1));
    assert_eq!(s.run("ZADD z CH 6 a 3 c 4 d"), Reply::Int(2));
    assert_eq!(s.run("ZSCORE z a"), Reply::Double(6.0));
}

#[test]
fn zadd_nx_xx_gt_lt_pick_which_members_change() {
    let mut s = TestShard::new(7);
    s.run("ZADD z 10 a");
    assert_eq!(s.run("ZADD z NX 1 a 1 b"), Reply::Int(1));
    assert_eq!(s.run("ZSCORE z a"), Reply::Double(10.0));
    assert_eq!(s.run("ZADD z XX 1 a 1 c"), Reply::Int(0));
    assert_eq!(s.run("ZSCORE z c"), Reply::Nil);
    assert_eq!(s.run("ZADD z GT CH 0 a 5 b"), Reply::Int(1));
    assert_eq!(s.run("ZADD z LT CH 0 a 9 b"), Reply::Int(1));
    assert_eq!(
        s.run("ZRANGE z 0 -1 WITHSCORES"),
        pairs(&[("a", 0.0), ("b", 5.0)])
    );
    // GT and LT never stop new members.
    assert_eq!(s.run("ZADD z GT 1 new"), Reply::Int(1));
}

#[test]
fn zadd_option_errors_come_in_redis_order() {
    let mut s = TestShard::new(7);
    assert_eq!(s.run("ZADD z NX XX 1"), err(errors::SYNTAX));
    assert_eq!(s.run("ZADD z NX XX abc a"), err(errors::ZADD_NX_XX));
    assert_eq!(s.run("ZADD z GT LT 1 a"), err(errors::ZADD_GT_LT_NX));
    assert_eq!(s.run("ZADD z NX GT 1 a"), err(errors::ZADD_GT_LT_NX));
    assert_eq!(s.run("ZADD z INCR 1 a 2 b"), err(errors::ZADD_INCR_PAIRS));
    assert_eq!(s.run("ZADD z 1 a nan b"), err(errors::NOT_FLOAT));
    s.run("SET str x");
    assert_eq!(s.run("ZADD str abc a"), err(errors::NOT_FLOAT));
    assert_eq!(s.run("ZADD str 1 a"), err(errors::WRONG_TYPE));
    assert!(!s.exists("z"));
}

#[test]
fn zadd_incr_replies_the_new_score_or_nil_when_skipped() {
    let mut s = TestShard::new(7);
    assert_eq!(s.run("ZADD z INCR 1.5 a"), Reply::Double(1.5));
    assert_eq!(s.run("ZADD z INCR 1 a"), Reply::Double(2.5));
    assert_eq!(s.run("ZADD z INCR NX 1 a"), Reply::Nil);
    assert_eq!(s.run("ZADD z INCR GT -1 a"), Reply::Nil);
    assert_eq!(s.run("ZADD z INCR 0 a"), Reply::Double(2.5));
    assert_eq!(s.run("ZADD nokey XX INCR 1 a"), Reply::Nil);
    assert!(!s.exists("nokey"));
}

#[test]
fn zincrby_adds_in_doubles_and_refuses_nan_results() {
    let mut s = TestShard::new(7);
    s.run("ZINCRBY z 0.1 a");
    assert_eq!(s.run("ZINCRBY z 0.2 a"), Reply::Double(0.1 + 0.2));
    s.run("ZADD z inf b");
    assert_eq!(s.run("ZINCRBY z -inf b"), err(errors::ZSET_SCORE_NAN));
    assert_eq!(s.run("ZSCORE z b"), Reply::Double(f64::INFINITY));
    assert_eq!(s.run("ZINCRBY z abc b"), err(errors::NOT_FLOAT));
}

#[test]
fn negative_zero_survives_only_outside_the_listpack() {
    let mut s = TestShard::new(7);
    s.run("ZADD small -0 a");
    let Reply::Double(score) = s.run("ZSCORE small a") else {
        panic!("a score")
    };
    assert!(score == 0.0 && score.is_sign_positive());
    s.limits(1, 64);
    s.run("ZADD big 1 x -0 a");
    assert_eq!(s.encoding("big"), "skiplist");
    let Reply::Double(score) = s.run("ZSCORE big a") else {
        panic!("a score")
    };
    assert!(score == 0.0 && score.is_sign_negative());
}

#[test]
fn zadd_leaves_the_listpack_past_either_limit() {
    let mut s = TestShard::new(7);
    s.limits(3, 5);
    s.run("ZADD z 1 a 2 b 3 c");
    assert_eq!(s.encoding("z"), "listpack");
    s.run("ZADD z 4 d");
    assert_eq!(s.encoding("z"), "skiplist");
    s.run("ZADD w 1 toolong");
    assert_eq!(s.encoding("w"), "skiplist");
}

#[test]
fn zadd_counts_added_and_updated_members_as_changes() {
    let mut s = TestShard::new(7);
    assert_eq!(s.dirty_of("ZADD z 1 a 2 b"), 2);
    assert_eq!(s.dirty_of("ZADD z 1 a 3 b 4 c"), 2);
    assert_eq!(s.dirty_of("ZINCRBY z 0 a"), 0);
}
