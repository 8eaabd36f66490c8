use super::*;

fn len_of(reply: &Reply) -> usize {
    match reply {
        Reply::Array(items) | Reply::Set(items) => items.len(),
        other => panic!("not an aggregate: {other:?}"),
    }
}

#[test]
fn spop_checks_the_count_before_the_key() {
    let mut s = TestShard::new(7);
    s.run("SET str v");
    let positive = err(errors::SPOP_COUNT_NOT_POSITIVE);
    assert_eq!(s.run("SPOP str -1"), positive);
    assert_eq!(s.run("SPOP nokey abc"), positive);
    assert_eq!(s.run("SPOP nokey 1 2"), err(errors::SYNTAX));
    assert_eq!(s.run("SPOP nokey"), Reply::Nil);
    assert_eq!(s.run("SPOP nokey 3"), Reply::Set(vec![]));
}

#[test]
fn spop_removes_what_it_returns() {
    let mut s = TestShard::new(7);
    s.run("SADD k a b c d e f g h i j");
    assert_eq!(s.run("SPOP k 0"), Reply::Set(vec![]));
    assert_eq!(s.dirty_of("SPOP k 0"), 0);
    let popped = sorted(s.run("SPOP k 3"));
    assert_eq!(popped.len(), 3);
    assert_eq!(s.run("SCARD k"), int(7));
    let Reply::Bulk(one) = s.run("SPOP k") else {
        panic!("not a bulk")
    };
    assert_eq!(s.run_args(&[b"SISMEMBER", b"k", &one]), int(0));
    assert_eq!(s.dirty_of("SPOP k 100"), 6);
    assert!(!s.exists("k"));
}

#[test]
fn spop_of_most_of_a_hashtable_leaves_a_listpack() {
    let mut s = TestShard::new(7);
    let members: Vec<String> = (0..200).map(|n| format!("m{n}")).collect();
    s.run(&format!("SADD k {}", members.join(" ")));
    assert_eq!(s.encoding("k"), "hashtable");
    assert_eq!(len_of(&s.run("SPOP k 180")), 180);
    assert_eq!(s.encoding("k"), "listpack");
    assert_eq!(s.run("SCARD k"), int(20));
}

#[test]
fn srandmember_counts_pick_distinct_or_repeated_members() {
    let mut s = TestShard::new(7);
    s.run("SET str v");
    assert_eq!(
        s.run("SRANDMEMBER k -9223372036854775808"),
        err(errors::SRANDMEMBER_COUNT_OUT_OF_RANGE)
    );
    assert_eq!(s.run("SRANDMEMBER str x"), err(errors::NOT_INTEGER));
    assert_eq!(s.run("SRANDMEMBER k 1 2"), err(errors::SYNTAX));
    assert_eq!(s.run("SRANDMEMBER nokey"), Reply::Nil);
    assert_eq!(s.run("SRANDMEMBER nokey -5"), Reply::Array(vec![]));
    for (key, members) in [("ints", "1 2 3"), ("strs", "a b c")] {
        s.run(&format!("SADD {key} {members}"));
        assert_eq!(s.run(&format!("SRANDMEMBER {key} 0")), Reply::Array(vec![]));
        assert_eq!(len_of(&s.run(&format!("SRANDMEMBER {key} -7"))), 7);
        assert_eq!(len_of(&s.run(&format!("SRANDMEMBER {key} 3"))), 3);
        let all = sorted(s.run(&format!("SRANDMEMBER {key} 9223372036854775807")));
        assert_eq!(all.len(), 3);
        let two = sorted(s.run(&format!("SRANDMEMBER {key} 2")));
        assert!(two[0] != two[1]);
        assert!(s.run(&format!("SRANDMEMBER {key}")).as_bulk().is_some());
        assert_eq!(s.run(&format!("SCARD {key}")), int(3), "nothing is removed");
    }
}
