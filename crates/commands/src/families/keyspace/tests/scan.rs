use super::*;
use crate::errors::{INVALID_CURSOR, NOT_INTEGER, SYNTAX};
use crate::families::keyspace::{keys, parse_scan_args, scan_shard, ScanOptions};

fn parse(argv: &[&str]) -> Result<ScanOptions, Reply> {
    let args = OwnedArgs::from_slices(argv.iter().map(|a| a.as_bytes()));
    parse_scan_args(args.view())
}

fn cursor_of(arg: &str) -> Result<u64, Reply> {
    parse(&["SCAN", arg]).map(|options| options.cursor)
}

/// Runs SCAN steps on the shard until the cursor comes back to 0; every key met.
fn scan_all(
    shard: &mut TestShard,
    count: usize,
    pattern: Option<&str>,
    kind: Option<&str>,
) -> Vec<String> {
    let mut ctx = ShardCtx::new(&mut shard.state, shard.db, shard.now_ms);
    let mut cursor = 0;
    let mut found = Vec::new();
    loop {
        let pattern = pattern.map(str::as_bytes);
        let (next, keys) = scan_shard(&mut ctx, cursor, count, pattern, kind.map(str::as_bytes));
        found.extend(keys.iter().map(|k| String::from_utf8(k.to_vec()).unwrap()));
        if next == 0 {
            break;
        }
        cursor = next;
    }
    found.sort();
    found
}

#[test]
fn keys_returns_matching_live_keys_of_the_selected_database() {
    let mut shard = TestShard::new(42);
    for key in ["user:1", "user:2", "order:1"] {
        shard.set(key, "v");
    }
    shard.set_in(0, "user:gone", "v", Some(T0_MS));
    shard.set_in(1, "user:3", "v", None);
    shard.advance(1);
    assert_eq!(
        sorted_strings(shard.run_handler(keys, &["KEYS", "user:*"])),
        ["user:1", "user:2"]
    );
    assert_eq!(
        sorted_strings(shard.run_handler(keys, &["KEYS", "*"])).len(),
        3
    );
    assert_eq!(
        sorted_strings(shard.run_handler(keys, &["KEYS", "*:[1]"])),
        ["order:1", "user:1"]
    );
    assert_eq!(
        sorted_strings(shard.run_handler(keys, &["KEYS", "nothing"])),
        Vec::<String>::new()
    );
}

#[test]
fn keys_matches_case_sensitively() {
    let mut shard = TestShard::new(42);
    shard.set("Key", "v");
    assert_eq!(
        sorted_strings(shard.run_handler(keys, &["KEYS", "k*"])),
        Vec::<String>::new()
    );
    assert_eq!(
        sorted_strings(shard.run_handler(keys, &["KEYS", "K?y"])),
        ["Key"]
    );
}

#[test]
fn scan_cursor_is_read_as_strtoul_reads_it() {
    assert_eq!(cursor_of("0"), Ok(0));
    assert_eq!(cursor_of("42"), Ok(42));
    assert_eq!(cursor_of(""), Ok(0));
    assert_eq!(cursor_of("+7"), Ok(7));
    assert_eq!(cursor_of("007"), Ok(7));
    assert_eq!(cursor_of("-1"), Ok(u64::MAX));
    assert_eq!(cursor_of("18446744073709551615"), Ok(u64::MAX));
    for bad in [
        "abc",
        " 1",
        "1 ",
        "0x1",
        "-",
        "+",
        "18446744073709551616",
        "1.0",
    ] {
        assert_eq!(cursor_of(bad), Err(err(INVALID_CURSOR)), "{bad:?}");
    }
}

#[test]
fn scan_options_come_in_any_order_and_the_last_repeat_wins() {
    let options = parse(&[
        "SCAN", "5", "TYPE", "string", "count", "3", "MATCH", "a*", "COUNT", "7",
    ]);
    let expected = ScanOptions {
        cursor: 5,
        count: 7,
        pattern: Some(Bytes::from_static(b"a*")),
        type_filter: Some(Bytes::from_static(b"string")),
    };
    assert_eq!(options, Ok(expected));
}

#[test]
fn scan_defaults_to_count_ten_and_drops_a_match_all_pattern() {
    let options = parse(&["SCAN", "0", "MATCH", "*"]).unwrap();
    assert_eq!(options.count, 10);
    assert_eq!(options.pattern, None);
    assert_eq!(options.type_filter, None);
}

#[test]
fn scan_option_errors_match_redis() {
    let cases: [(&[&str], Reply); 8] = [
        (&["COUNT", "0"], err(SYNTAX)),
        (&["COUNT", "-1"], err(SYNTAX)),
        (&["COUNT", "abc"], err(NOT_INTEGER)),
        (&["COUNT"], err(SYNTAX)),
        (&["MATCH"], err(SYNTAX)),
        (&["TYPE"], err(SYNTAX)),
        (&["foo"], err(SYNTAX)),
        (&["foo", "bar"], err(SYNTAX)),
    ];
    for (options, expected) in cases {
        let mut argv = vec!["SCAN", "0"];
        argv.extend_from_slice(options);
        assert_eq!(parse(&argv), Err(expected), "{argv:?}");
    }
}

#[test]
fn a_bad_cursor_is_reported_before_bad_options() {
    assert_eq!(
        parse(&["SCAN", "abc", "COUNT", "0"]),
        Err(err(INVALID_CURSOR))
    );
}

#[test]
fn scan_shard_visits_every_key_once_across_steps() {
    let mut shard = TestShard::new(42);
    let mut expected: Vec<String> = (0..100).map(|i| format!("key:{i}")).collect();
    for key in &expected {
        shard.set(key, "v");
    }
    expected.sort();
    assert_eq!(scan_all(&mut shard, 7, None, None), expected);
    assert_eq!(scan_all(&mut shard, 1000, Some("*"), None), expected);
}

#[test]
fn scan_shard_filters_by_pattern_and_type_but_still_advances() {
    let mut shard = TestShard::new(42);
    for i in 0..50 {
        shard.set(&format!("a:{i}"), "v");
        shard.set(&format!("b:{i}"), "v");
    }
    assert_eq!(scan_all(&mut shard, 5, Some("a:1*"), None).len(), 11);
    assert_eq!(
        scan_all(&mut shard, 5, Some("a:1*"), Some("STRING")).len(),
        11
    );
    assert_eq!(scan_all(&mut shard, 5, None, Some("hash")).len(), 0);
    assert_eq!(scan_all(&mut shard, 5, None, Some("nosuchtype")).len(), 0);
}

#[test]
fn scan_shard_skips_expired_keys() {
    let mut shard = TestShard::new(42);
    shard.set("live", "v");
    shard.set_in(0, "gone", "v", Some(T0_MS));
    shard.advance(1);
    assert_eq!(scan_all(&mut shard, 10, None, None), ["live"]);
}

#[test]
fn scan_shard_of_an_empty_database_is_done_at_once() {
    let mut shard = TestShard::new(42);
    let mut ctx = ShardCtx::new(&mut shard.state, DbIndex(0), T0_MS);
    assert_eq!(scan_shard(&mut ctx, 0, 10, None, None), (0, Vec::new()));
}
