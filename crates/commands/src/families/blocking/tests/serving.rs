use engine::EncodingLimits;

use super::*;

#[test]
fn blpop_serves_the_first_non_empty_list_in_key_order() {
    let mut s = TestShard::new(1);
    s.run("RPUSH b 1 2 3");
    s.run("RPUSH c x");
    assert_eq!(serve(&mut s, "BLPOP a b c 0"), Some(bulks(&["b", "1"])));
    assert_eq!(serve(&mut s, "BRPOP a c b 0"), Some(bulks(&["c", "x"])));
    assert!(!s.exists("c"), "the emptied list is deleted");
    assert_eq!(s.run("LRANGE b 0 -1"), bulks(&["2", "3"]));
    assert_eq!(dirty_of_serve(&mut s, "BRPOP b 0"), 1);
    assert_eq!(dirty_of_serve(&mut s, "BRPOP b 0"), 1);
    assert!(!s.exists("b"));
}

#[test]
fn nothing_to_serve_changes_nothing() {
    let mut s = TestShard::new(1);
    for line in [
        "BLPOP a b 0",
        "BRPOP a 0",
        "BLMOVE a b left right 0",
        "BRPOPLPUSH a b 0",
        "BLMPOP 0 2 a b left",
        "BZPOPMIN a b 0",
        "BZPOPMAX a 0",
        "BZMPOP 0 1 a max COUNT 2",
    ] {
        assert_eq!(serve(&mut s, line), None, "{line}");
    }
    assert_eq!(s.dirty(), 0);
    assert!(
        !s.exists("b"),
        "BLMOVE creates no destination without a source"
    );
}

#[test]
fn a_key_of_another_type_is_wrongtype_unless_an_earlier_key_serves() {
    let mut s = TestShard::new(1);
    s.run("SET str v");
    s.run("ZADD z 1 m");
    s.run("RPUSH l a");
    let wrongtype = Some(err(errors::WRONG_TYPE));
    let before = s.dirty();
    assert_eq!(serve(&mut s, "BLPOP missing str l 0"), wrongtype);
    assert_eq!(serve(&mut s, "BLMPOP 0 2 z l left"), wrongtype);
    assert_eq!(serve(&mut s, "BZPOPMIN l z 0"), wrongtype);
    assert_eq!(serve(&mut s, "BZMPOP 0 2 str z min"), wrongtype);
    assert_eq!(serve(&mut s, "BLMOVE str l left left 0"), wrongtype);
    assert_eq!(s.dirty(), before, "an error changes nothing");
    assert_eq!(
        serve(&mut s, "BZPOPMAX z str 0"),
        Some(Reply::Array(
            vec![bulk("z"), bulk("m"), Reply::Double(1.0),]
        ))
    );
    assert_eq!(serve(&mut s, "BLPOP l str 0"), Some(bulks(&["l", "a"])));
}

#[test]
fn blmove_pushes_onto_the_destination_creating_it() {
    let mut s = TestShard::new(1);
    s.run("RPUSH src a b c");
    assert_eq!(
        serve(&mut s, "BLMOVE src dst LEFT RIGHT 0"),
        Some(bulk("a"))
    );
    assert_eq!(
        serve(&mut s, "BLMOVE src dst RIGHT LEFT 0"),
        Some(bulk("c"))
    );
    assert_eq!(s.run("LRANGE dst 0 -1"), bulks(&["c", "a"]));
    assert_eq!(dirty_of_serve(&mut s, "BRPOPLPUSH src dst 0"), 1);
    assert_eq!(s.run("LRANGE dst 0 -1"), bulks(&["b", "c", "a"]));
    assert!(!s.exists("src"), "the emptied source is deleted");
}

#[test]
fn blmove_checks_the_destination_only_when_the_source_serves() {
    let mut s = TestShard::new(1);
    s.run("SET dst v");
    assert_eq!(serve(&mut s, "BLMOVE src dst left left 0"), None);
    s.run("RPUSH src a");
    let before = s.dirty();
    assert_eq!(
        serve(&mut s, "BRPOPLPUSH src dst 0"),
        Some(err(errors::WRONG_TYPE))
    );
    assert_eq!(s.run("LRANGE src 0 -1"), bulks(&["a"]), "nothing moved");
    assert_eq!(s.dirty(), before);
}

#[test]
fn blmove_onto_its_own_source_rotates_it() {
    let mut s = TestShard::new(1);
    s.run("RPUSH l a b c");
    assert_eq!(serve(&mut s, "BLMOVE l l LEFT RIGHT 0"), Some(bulk("a")));
    assert_eq!(s.run("LRANGE l 0 -1"), bulks(&["b", "c", "a"]));
    assert_eq!(serve(&mut s, "BRPOPLPUSH l l 0"), Some(bulk("a")));
    assert_eq!(s.run("LRANGE l 0 -1"), bulks(&["a", "b", "c"]));
}

#[test]
fn blmove_converts_a_growing_destination() {
    let limits = EncodingLimits {
        list_max_listpack_size: 2,
        ..EncodingLimits::default()
    };
    let mut s = TestShard::new(1).with_limits(limits);
    s.run("RPUSH src a b c");
    s.run("RPUSH dst x y");
    assert_eq!(s.encoding("dst"), "listpack");
    serve(&mut s, "BLMOVE src dst LEFT RIGHT 0");
    assert_eq!(s.encoding("dst"), "quicklist");
}

#[test]
fn blmpop_pops_up_to_count_from_the_first_non_empty_list() {
    let mut s = TestShard::new(1);
    s.run("RPUSH b 1 2 3");
    let reply = |key: &str, items: &[&str]| Some(Reply::Array(vec![bulk(key), bulks(items)]));
    assert_eq!(
        serve(&mut s, "BLMPOP 0 2 a b LEFT COUNT 2"),
        reply("b", &["1", "2"])
    );
    assert_eq!(dirty_of_serve(&mut s, "BLMPOP 0 1 b RIGHT COUNT 10"), 1);
    assert!(!s.exists("b"));
    s.run("RPUSH a x y");
    assert_eq!(serve(&mut s, "BLMPOP 0 2 a b RIGHT"), reply("a", &["y"]));
}

#[test]
fn bzpop_replies_key_member_score_flat() {
    let mut s = TestShard::new(1);
    s.run("ZADD z 1 a 2.5 b 3 c");
    let flat =
        |m: &str, score: f64| Some(Reply::Array(vec![bulk("z"), bulk(m), Reply::Double(score)]));
    assert_eq!(serve(&mut s, "BZPOPMIN missing z 0"), flat("a", 1.0));
    assert_eq!(serve(&mut s, "BZPOPMAX z 0"), flat("c", 3.0));
    assert_eq!(dirty_of_serve(&mut s, "BZPOPMAX z 0"), 1);
    assert!(!s.exists("z"), "the emptied sorted set is deleted");
}

#[test]
fn bzmpop_replies_the_key_and_member_score_arrays() {
    let mut s = TestShard::new(1);
    s.run("ZADD y 1 a 2 b 3 c");
    let pair = |m: &str, score: f64| Reply::Array(vec![bulk(m), Reply::Double(score)]);
    let reply = |items: Vec<Reply>| Some(Reply::Array(vec![bulk("y"), Reply::Array(items)]));
    assert_eq!(
        serve(&mut s, "BZMPOP 0 2 x y MAX COUNT 2"),
        reply(vec![pair("c", 3.0), pair("b", 2.0)])
    );
    assert_eq!(dirty_of_serve(&mut s, "BZMPOP 0 1 y MIN COUNT 5"), 1);
    assert!(!s.exists("y"));
}

#[test]
fn serving_counts_no_keyspace_hits_or_misses() {
    let mut s = TestShard::new(1);
    s.run("RPUSH l a b");
    s.run("ZADD z 1 a");
    serve(&mut s, "BLPOP missing l 0");
    serve(&mut s, "BLMOVE l d left left 0");
    serve(&mut s, "BZPOPMIN missing z 0");
    serve(&mut s, "BLMPOP 0 1 missing left");
    assert_eq!((s.state.keyspace_hits, s.state.keyspace_misses), (0, 0));
}
