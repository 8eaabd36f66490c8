use super::*;

fn setup(s: &mut TestShard) {
    s.run("SADD a 1 2 3 x");
    s.run("SADD b 2 3 4 y");
    s.run("SADD c 3 9");
}

#[test]
fn intersection_union_and_difference() {
    let mut s = TestShard::new(7);
    setup(&mut s);
    assert_eq!(sorted(s.run("SINTER a b")), strings(&["2", "3"]));
    assert_eq!(sorted(s.run("SINTER a b c")), strings(&["3"]));
    assert_eq!(s.run("SINTER a nokey"), Reply::Set(vec![]));
    assert_eq!(sorted(s.run("SINTER a a")), strings(&["1", "2", "3", "x"]));
    assert_eq!(
        sorted(s.run("SUNION a nokey c")),
        strings(&["1", "2", "3", "9", "x"])
    );
    assert_eq!(sorted(s.run("SDIFF a b c")), strings(&["1", "x"]));
    assert_eq!(s.run("SDIFF a b a"), Reply::Set(vec![]));
    assert_eq!(s.run("SDIFF nokey a"), Reply::Set(vec![]));
    assert_eq!(
        s.members("a"),
        strings(&["1", "2", "3", "x"]),
        "sources are intact"
    );
}

#[test]
fn store_forms_overwrite_any_type_and_delete_on_an_empty_result() {
    let mut s = TestShard::new(7);
    setup(&mut s);
    s.run("SET dst v");
    assert_eq!(s.run("SINTERSTORE dst a b"), int(2));
    assert_eq!(s.encoding("dst"), "intset");
    assert_eq!(s.run("SUNIONSTORE dst a c"), int(5));
    assert_eq!(s.encoding("dst"), "listpack");
    assert_eq!(s.run("SDIFFSTORE dst a b"), int(2));
    assert_eq!(s.members("dst"), strings(&["1", "x"]));
    assert_eq!(s.dirty_of("SINTERSTORE dst a nokey"), 1);
    assert!(!s.exists("dst"));
    assert_eq!(s.dirty_of("SINTERSTORE dst a nokey"), 0);
    assert_eq!(
        s.run("SUNIONSTORE a a c"),
        int(5),
        "the destination may be a source"
    );
    assert_eq!(s.members("a"), strings(&["1", "2", "3", "9", "x"]));
    assert_eq!(s.run("SDIFFSTORE b b"), int(4));
    assert_eq!(s.run("SDIFFSTORE b b b"), int(0));
    assert!(!s.exists("b"));
}

#[test]
fn intersection_store_of_a_hashtable_of_integers_is_an_intset() {
    let mut s = TestShard::new(7).with_limits(tiny());
    s.run("SADD h 1 2 3 x y");
    s.run("SADD i 1 2");
    assert_eq!(s.encoding("h"), "hashtable");
    assert_eq!(s.run("SINTERSTORE d h h"), int(5));
    assert_eq!(s.encoding("d"), "hashtable");
    s.run("SREM h x y");
    assert_eq!(s.run("SINTERSTORE d h"), int(3));
    assert_eq!(s.encoding("d"), "intset");
}

#[test]
fn sintercard_validates_numkeys_and_limit() {
    let mut s = TestShard::new(7);
    setup(&mut s);
    assert_eq!(s.run("SINTERCARD 2 a b"), int(2));
    assert_eq!(s.run("SINTERCARD 2 a b LIMIT 1"), int(1));
    assert_eq!(s.run("SINTERCARD 2 a b LIMIT 0"), int(2));
    assert_eq!(s.run("SINTERCARD 1 nokey"), int(0));
    let numkeys = err(errors::SINTERCARD_NUMKEYS_NOT_POSITIVE);
    assert_eq!(s.run("SINTERCARD 0 a"), numkeys);
    assert_eq!(s.run("SINTERCARD x a"), numkeys);
    assert_eq!(s.run("SINTERCARD -1 a"), numkeys);
    assert_eq!(
        s.run("SINTERCARD 3 a b"),
        err(errors::SINTERCARD_TOO_MANY_KEYS)
    );
    let limit = err(errors::SINTERCARD_LIMIT_NEGATIVE);
    assert_eq!(s.run("SINTERCARD 1 a LIMIT -1"), limit);
    assert_eq!(s.run("SINTERCARD 1 a LIMIT x"), limit);
    assert_eq!(s.run("SINTERCARD 1 a LIMIT"), err(errors::SYNTAX));
    assert_eq!(s.run("SINTERCARD 1 a FOO 1"), err(errors::SYNTAX));
}
