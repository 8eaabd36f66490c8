use std::time::Duration;

use super::*;
use crate::families::blocking::{BlockKind, ListEnd};
use crate::CommandId;

fn timeout_of(line: &str) -> Result<Option<Duration>, Reply> {
    request(line).map(|r| r.timeout)
}

fn keys(items: &[&str]) -> Vec<Vec<u8>> {
    items.iter().map(|k| k.as_bytes().to_vec()).collect()
}

#[test]
fn blpop_and_brpop_take_every_key_before_the_timeout() {
    let r = request("BLPOP a b c 1.5").unwrap();
    assert_eq!(r.id, CommandId::Blpop);
    assert_eq!(r.kind, BlockKind::Pop(ListEnd::Left));
    assert_eq!(r.keys, keys(&["a", "b", "c"]));
    assert_eq!(r.destination, None);
    assert_eq!(r.timeout, Some(Duration::from_millis(1500)));
    assert_eq!(r.wants(), crate::tx::WaitFor::List);
    let r = request("brpop a 0").unwrap();
    assert_eq!(r.kind, BlockKind::Pop(ListEnd::Right));
    assert_eq!(r.timeout, None);
}

#[test]
fn blmove_and_brpoplpush_have_a_destination() {
    let r = request("BLMOVE src dst right LEFT 2").unwrap();
    let kind = BlockKind::Move {
        from: ListEnd::Right,
        to: ListEnd::Left,
    };
    assert_eq!(r.kind, kind);
    assert_eq!(r.keys, keys(&["src"]));
    assert_eq!(r.destination, Some(b"dst".to_vec()));
    let all: Vec<&[u8]> = r.all_keys().collect();
    assert_eq!(all, vec![&b"src"[..], &b"dst"[..]]);
    let r = request("BRPOPLPUSH src dst 0").unwrap();
    assert_eq!((r.id, r.kind), (CommandId::Brpoplpush, kind));
    assert_eq!(r.destination, Some(b"dst".to_vec()));
}

#[test]
fn blmpop_and_bzmpop_read_numkeys_and_count() {
    let r = request("BLMPOP 0.5 2 a b RIGHT COUNT 3").unwrap();
    let kind = BlockKind::MultiPop {
        end: ListEnd::Right,
        count: 3,
    };
    assert_eq!((r.kind, r.keys), (kind, keys(&["a", "b"])));
    assert_eq!(r.timeout, Some(Duration::from_millis(500)));
    let r = request("BLMPOP 0 1 a left").unwrap();
    let kind = BlockKind::MultiPop {
        end: ListEnd::Left,
        count: 1,
    };
    assert_eq!((r.kind, r.timeout), (kind, None));
    let r = request("BZMPOP 1 3 a b c MAX count 9223372036854775807").unwrap();
    let kind = BlockKind::ZMultiPop {
        max: true,
        count: i64::MAX as usize,
    };
    assert_eq!(r.wants(), crate::tx::WaitFor::ZSet);
    assert_eq!((r.kind, r.keys.len()), (kind, 3));
}

#[test]
fn bzpopmin_and_bzpopmax() {
    let r = request("BZPOPMIN a b 0").unwrap();
    assert_eq!(r.kind, BlockKind::ZPop { max: false });
    assert_eq!(r.keys, keys(&["a", "b"]));
    let r = request("BZPOPMAX a 0.01").unwrap();
    assert_eq!(r.kind, BlockKind::ZPop { max: true });
    assert_eq!(r.timeout, Some(Duration::from_millis(10)));
}

#[test]
fn timeouts_are_seconds_rounded_up_to_milliseconds() {
    let ms = |n| Ok(Some(Duration::from_millis(n)));
    assert_eq!(timeout_of("BLPOP k 0"), Ok(None));
    assert_eq!(timeout_of("BLPOP k -0"), Ok(None));
    assert_eq!(timeout_of("BLPOP k 0.0001"), ms(1));
    assert_eq!(timeout_of("BLPOP k 1e-400"), ms(1));
    assert_eq!(timeout_of("BLPOP k 0.0015"), ms(2));
    assert_eq!(timeout_of("BLPOP k .5"), ms(500));
    assert_eq!(timeout_of("BLPOP k +1"), ms(1000));
    assert_eq!(timeout_of("BLPOP k 0x10"), ms(16_000));
    assert_eq!(
        timeout_of("BLPOP k 9223372036854775.807"),
        ms(i64::MAX as u64)
    );
    // A tiny negative rounds up to zero: Redis then waits for ever.
    assert_eq!(timeout_of("BLPOP k -0.0000001"), Ok(None));
}

#[test]
fn bad_timeouts() {
    let not_float = Err(err(errors::BLOCK_TIMEOUT_NOT_FLOAT));
    let negative = Err(err(errors::BLOCK_TIMEOUT_NEGATIVE));
    for bad in ["abc", "nan", "1e-5000", "1x", "--1"] {
        assert_eq!(timeout_of(&format!("BLPOP k {bad}")), not_float, "{bad}");
    }
    for bad in [&b" 1"[..], b"1 ", b""] {
        let args = OwnedArgs::from_slices([&b"BLPOP"[..], b"k", bad]);
        let parsed = parse(CommandId::Blpop, args.view()).map(|r| r.timeout);
        assert_eq!(parsed, not_float);
    }
    // Redis 7.0 says "negative" for values whose milliseconds overflow a long long.
    for bad in [
        "-1",
        "-0.002",
        "inf",
        "-inf",
        "1e400",
        "9223372036854775.808",
    ] {
        assert_eq!(timeout_of(&format!("BZPOPMIN k {bad}")), negative, "{bad}");
    }
}

#[test]
fn blmove_checks_its_ends_before_its_timeout() {
    let syntax = Err(err(errors::SYNTAX));
    assert_eq!(request("BLMOVE a b up right x").map(|_| ()), syntax);
    assert_eq!(request("BLMOVE a b left up x").map(|_| ()), syntax);
    assert_eq!(
        timeout_of("BLMOVE a b left right x"),
        Err(err(errors::BLOCK_TIMEOUT_NOT_FLOAT))
    );
    assert_eq!(
        timeout_of("BRPOPLPUSH a b -1"),
        Err(err(errors::BLOCK_TIMEOUT_NEGATIVE))
    );
}

#[test]
fn blmpop_checks_its_timeout_last() {
    let check = |line: &str, expected: &'static str| {
        assert_eq!(request(line).map(|_| ()), Err(err(expected)), "{line}");
    };
    check("BLMPOP x 0 a left", errors::LMPOP_NUMKEYS_NOT_POSITIVE);
    check("BLMPOP x abc a left", errors::LMPOP_NUMKEYS_NOT_POSITIVE);
    check("BLMPOP x 1 a up", errors::SYNTAX);
    check(
        "BLMPOP x 1 a left count 0",
        errors::LMPOP_COUNT_NOT_POSITIVE,
    );
    check("BLMPOP x 1 a left count 1", errors::BLOCK_TIMEOUT_NOT_FLOAT);
    check("BLMPOP -1 1 a left", errors::BLOCK_TIMEOUT_NEGATIVE);
    check("BLMPOP 0 5 a left", errors::SYNTAX);
    check("BLMPOP 0 9223372036854775807 a left", errors::SYNTAX);
    check("BLMPOP 0 1 a left count", errors::SYNTAX);
    check("BLMPOP 0 1 a left count 2 count 2", errors::SYNTAX);
    check("BLMPOP 0 1 a left foo", errors::SYNTAX);
    check("BZMPOP x 0 a min", errors::ZMPOP_NUMKEYS_NOT_POSITIVE);
    check("BZMPOP x 1 a foo", errors::SYNTAX);
    check("BZMPOP x 1 a min count 0", errors::ZMPOP_COUNT_NOT_POSITIVE);
    check("BZMPOP x 1 a min", errors::BLOCK_TIMEOUT_NOT_FLOAT);
    check("BZMPOP 0 1 a min count 2 count 3", errors::SYNTAX);
}

#[test]
fn arity_and_foreign_commands_are_refused() {
    let args = OwnedArgs::from_slices([&b"BLPOP"[..], b"k"]);
    assert_eq!(
        parse(CommandId::Blpop, args.view()),
        Err(errors::wrong_arity("blpop"))
    );
    let args = OwnedArgs::from_slices([&b"LPOP"[..], b"k"]);
    assert_eq!(
        parse(CommandId::Lpop, args.view()),
        Err(err(errors::BLOCK_NOT_BLOCKING))
    );
    let args = OwnedArgs::from_slices([&b"BRPOP"[..], b"k", b"0"]);
    assert_eq!(
        parse(CommandId::Blpop, args.view()),
        Err(err(errors::BLOCK_NOT_BLOCKING))
    );
}

#[test]
fn every_command_times_out_with_a_null_array() {
    for line in [
        "BLPOP a 0",
        "BRPOP a 0",
        "BLMOVE a b left left 0",
        "BRPOPLPUSH a b 0",
        "BLMPOP 0 1 a left",
        "BZPOPMIN a 0",
        "BZPOPMAX a 0",
        "BZMPOP 0 1 a min",
    ] {
        let r = request(line).unwrap();
        assert_eq!(timeout_reply(&r), Reply::NilArray, "{line}");
        let no_wait = if matches!(r.kind, BlockKind::Move { .. }) {
            Reply::Nil
        } else {
            Reply::NilArray
        };
        assert_eq!(r.no_wait_reply(), no_wait, "{line}");
    }
}
