use super::*;

fn fixture() -> TestShard {
    let mut s = TestShard::new(7);
    s.run("ZADD a 1 x 2 y 3 z");
    s.run("ZADD b 10 y 20 z 30 w");
    s
}

#[test]
fn union_inter_diff_with_weights_and_aggregates() {
    let mut s = fixture();
    assert_eq!(
        s.run("ZUNION 2 a b WITHSCORES"),
        pairs(&[("x", 1.0), ("y", 12.0), ("z", 23.0), ("w", 30.0)])
    );
    assert_eq!(
        s.run("ZINTER 2 a b WEIGHTS 2 0.5 AGGREGATE MAX WITHSCORES"),
        pairs(&[("y", 5.0), ("z", 10.0)])
    );
    assert_eq!(
        s.run("ZUNION 2 a b AGGREGATE MIN WITHSCORES"),
        pairs(&[("x", 1.0), ("y", 2.0), ("z", 3.0), ("w", 30.0)])
    );
    assert_eq!(s.run("ZDIFF 2 b a WITHSCORES"), pairs(&[("w", 30.0)]));
    assert_eq!(s.run("ZINTER 2 a nokey"), members(&[]));
    assert_eq!(s.run("ZINTERCARD 2 a b"), Reply::Int(2));
    assert_eq!(s.run("ZINTERCARD 2 a b LIMIT 1"), Reply::Int(1));
}

#[test]
fn infinite_sums_give_zero_and_zero_weights_of_infinity_too() {
    let mut s = TestShard::new(7);
    s.run("ZADD i1 inf p");
    s.run("ZADD i2 -inf p");
    assert_eq!(s.run("ZUNION 2 i1 i2 WITHSCORES"), pairs(&[("p", 0.0)]));
    assert_eq!(s.run("ZINTER 2 i1 i2 WITHSCORES"), pairs(&[("p", 0.0)]));
    assert_eq!(
        s.run("ZUNION 1 i1 WEIGHTS 0 WITHSCORES"),
        pairs(&[("p", 0.0)])
    );
    // MIN keeps the current score when the weighted one is NaN.
    assert_eq!(
        s.run("ZINTER 2 i1 i2 WEIGHTS 1 0 AGGREGATE MIN WITHSCORES"),
        pairs(&[("p", f64::INFINITY)])
    );
}

#[test]
fn algebra_errors_check_types_before_options() {
    let mut s = fixture();
    s.run("SET str v");
    assert_eq!(s.run("ZUNION 0 a"), errors::zset_at_least_one_key("zunion"));
    assert_eq!(
        s.run("ZINTERCARD 0 a"),
        errors::zset_at_least_one_key("zintercard")
    );
    assert_eq!(s.run("ZUNION x a"), err(errors::NOT_INTEGER));
    assert_eq!(s.run("ZUNION 3 a b"), err(errors::SYNTAX));
    assert_eq!(s.run("ZUNION 2 a str WEIGHTS x y"), err(errors::WRONG_TYPE));
    assert_eq!(
        s.run("ZUNION 2 a b WEIGHTS 1 x"),
        err(errors::ZSET_WEIGHT_NOT_FLOAT)
    );
    assert_eq!(s.run("ZUNION 2 a b AGGREGATE avg"), err(errors::SYNTAX));
    assert_eq!(s.run("ZDIFF 2 a b WEIGHTS 1 1"), err(errors::SYNTAX));
    assert_eq!(s.run("ZUNIONSTORE d 2 a b WITHSCORES"), err(errors::SYNTAX));
    assert_eq!(
        s.run("ZINTERCARD 2 a b LIMIT -1"),
        err(errors::ZINTERCARD_LIMIT_NEGATIVE)
    );
}

#[test]
fn store_forms_overwrite_and_pick_the_result_encoding() {
    let mut s = fixture();
    s.run("SET d v");
    assert_eq!(s.run("ZUNIONSTORE d 2 a b"), Reply::Int(4));
    assert_eq!(s.encoding("d"), "listpack");
    assert_eq!(s.run("ZDIFFSTORE d 2 a a"), Reply::Int(0));
    assert!(!s.exists("d"));
    s.limits(3, 64);
    assert_eq!(s.run("ZUNIONSTORE d 2 a b"), Reply::Int(4));
    assert_eq!(s.encoding("d"), "skiplist");
    assert_eq!(s.run("ZINTERSTORE d 2 a b"), Reply::Int(2));
    assert_eq!(s.encoding("d"), "listpack");
    // The inputs are read before the destination is replaced.
    assert_eq!(s.run("ZUNIONSTORE a 2 a b WEIGHTS 1 0"), Reply::Int(4));
}
