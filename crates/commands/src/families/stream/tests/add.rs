//! XADD and its log forms.

use resp::Reply;

use super::{bulk, entry, error, logged_instead, shard_with, words};
use crate::errors;
use crate::families::test_shard::{TestShard, T0_MS};

#[test]
fn star_ids_follow_the_clock_and_are_logged_as_chosen() {
    let mut shard = TestShard::new(1);
    shard.state.propagate.switch(true);
    let first = format!("{T0_MS}-0");
    assert_eq!(shard.run("XADD s * a 1"), bulk(&first));
    assert_eq!(
        logged_instead(&mut shard),
        Some(vec![words(&format!("XADD s {first} a 1"))])
    );
    // The same millisecond again: the next sequence.
    assert_eq!(shard.run("XADD s * a 2"), bulk(&format!("{T0_MS}-1")));
    shard.advance(5);
    assert_eq!(shard.run("XADD s * a 3"), bulk(&format!("{}-0", T0_MS + 5)));
    assert_eq!(
        shard.run("XADD s 5-* a 3"),
        error(errors::XADD_ID_TOO_SMALL)
    );
    assert_eq!(shard.run("XLEN s"), Reply::Int(3));
}

#[test]
fn explicit_ids_are_logged_as_given() {
    let mut shard = shard_with("s", 2);
    assert_eq!(shard.run("XADD s 3-0 a 1"), bulk("3-0"));
    assert_eq!(logged_instead(&mut shard), None);
    assert_eq!(shard.run("XADD s 3-* a 1"), bulk("3-1"));
    assert_eq!(
        logged_instead(&mut shard),
        Some(vec![words("XADD s 3-1 a 1")])
    );
}

#[test]
fn checks_come_in_redis_order() {
    let mut shard = TestShard::new(1);
    shard.run("SET str v");
    assert_eq!(shard.run("XADD str 0-0 a"), errors::wrong_arity("xadd"));
    assert_eq!(
        shard.run("XADD str MAXLEN x 1-1 a"),
        error(errors::NOT_INTEGER)
    );
    assert_eq!(shard.run("XADD str 0-0 a 1"), error(errors::XADD_ID_ZERO));
    assert_eq!(shard.run("XADD str 1-1 a 1"), error(errors::WRONG_TYPE));
    assert_eq!(
        shard.run("XADD s MAXLEN 1 LIMIT 1 1-1 a 1"),
        error(errors::LIMIT_WITHOUT_APPROX)
    );
    assert_eq!(
        shard.run("XADD s LIMIT 1 1-1 a 1"),
        error(errors::LIMIT_WITHOUT_STRATEGY)
    );
    assert_eq!(
        shard.run("XADD s MAXLEN 1 MINID 1 1-1 a 1"),
        error(errors::TRIM_STRATEGY_TWICE)
    );
    assert_eq!(
        shard.run("XADD s MAXLEN 1 NOMKSTREAM"),
        errors::wrong_arity("xadd")
    );
    assert!(!shard.exists("s"));
}

#[test]
fn nomkstream_creates_nothing() {
    let mut shard = TestShard::new(1);
    assert_eq!(shard.run("XADD s NOMKSTREAM 1-1 a 1"), Reply::Nil);
    assert!(!shard.exists("s"));
    assert_eq!(shard.dirty(), 0);
    assert_eq!(shard.dirty_of("XADD s 1-1 a 1"), 1);
    assert_eq!(shard.run("XADD s NOMKSTREAM 2-1 a 1"), bulk("2-1"));
    assert_eq!(
        shard.run("XRANGE s - +"),
        Reply::Array(vec![entry("1-1", &["a", "1"]), entry("2-1", &["a", "1"])])
    );
}

#[test]
fn exhausted_streams_take_nothing_more() {
    let mut shard = TestShard::new(1);
    let max = "18446744073709551615-18446744073709551615";
    assert_eq!(shard.run(&format!("XADD s {max} a 1")), bulk(max));
    assert_eq!(shard.run("XADD s * a 1"), error(errors::STREAM_EXHAUSTED));
    assert_eq!(
        shard.run("XADD t 5-18446744073709551615 a 1"),
        bulk("5-18446744073709551615")
    );
    assert_eq!(
        shard.run("XADD t 5-* a 1"),
        error(errors::XADD_SEQ_EXHAUSTED)
    );
    assert_eq!(shard.run("XADD t 6-* a 1"), bulk("6-0"));
}

#[test]
fn approximate_trims_are_logged_exact_with_what_they_left() {
    let mut shard = shard_with("s", 250);
    // 100 entries per node: MAXLEN ~ 120 drops the first node only.
    shard.run("XADD s MAXLEN ~ 120 LIMIT 1000 251-0 f v");
    assert_eq!(shard.run("XLEN s"), Reply::Int(151));
    assert_eq!(
        logged_instead(&mut shard),
        Some(vec![words("XADD s MAXLEN = 151 251-0 f v")])
    );
    shard.run("XDEL s 101-0");
    shard.run("XADD s MINID ~ 150 * f v");
    let logged = logged_instead(&mut shard).expect("logged");
    assert_eq!(logged[0][..5], words("XADD s MINID = 101-0"));
    // Exact trims log as given, but for the ID.
    shard.run("XADD s MAXLEN 10 * f v");
    let id = format!("{T0_MS}-1");
    assert_eq!(
        logged_instead(&mut shard),
        Some(vec![words(&format!("XADD s MAXLEN 10 {id} f v"))])
    );
    assert_eq!(shard.run("XLEN s"), Reply::Int(10));
}
