use resp::Reply;

use super::{array, bulk, err, int, TestShard};
use crate::errors;

/// One IDX match: `[[a_start, a_end], [b_start, b_end]]`, with the length when given.
fn matched(a: (i64, i64), b: (i64, i64), len: Option<i64>) -> Reply {
    let mut parts = vec![
        array(vec![int(a.0), int(a.1)]),
        array(vec![int(b.0), int(b.1)]),
    ];
    parts.extend(len.map(int));
    array(parts)
}

fn idx_reply(matches: Vec<Reply>, len: i64) -> Reply {
    Reply::Map(vec![
        (bulk("matches"), array(matches)),
        (bulk("len"), int(len)),
    ])
}

fn shard_with_texts() -> TestShard {
    let mut shard = TestShard::new(7);
    shard.run("MSET key1 ohmytext key2 mynewtext a ABCBDAB b BDCABA");
    shard
}

#[test]
fn lcs_returns_the_common_subsequence_or_its_length() {
    let mut shard = shard_with_texts();
    assert_eq!(shard.run("LCS key1 key2"), bulk("mytext"));
    assert_eq!(shard.run("LCS key1 key2 LEN"), int(6));
    assert_eq!(shard.run("LCS a b"), bulk("BDAB"));
    assert_eq!(shard.run("LCS a b len LEN"), int(4));
}

#[test]
fn lcs_idx_lists_matching_runs_from_the_end_as_a_map() {
    let mut shard = shard_with_texts();
    let expected = idx_reply(
        vec![matched((4, 7), (5, 8), None), matched((2, 3), (0, 1), None)],
        6,
    );
    assert_eq!(shard.run("LCS key1 key2 IDX"), expected);
    let expected = idx_reply(
        vec![
            matched((5, 6), (3, 4), Some(2)),
            matched((3, 4), (0, 1), Some(2)),
        ],
        4,
    );
    assert_eq!(shard.run("LCS a b IDX WITHMATCHLEN"), expected);
}

#[test]
fn lcs_minmatchlen_drops_short_runs_but_not_the_total_length() {
    let mut shard = shard_with_texts();
    let expected = idx_reply(vec![matched((4, 7), (5, 8), Some(4))], 6);
    assert_eq!(
        shard.run("LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN"),
        expected
    );
    let expected = idx_reply(
        vec![matched((4, 7), (5, 8), None), matched((2, 3), (0, 1), None)],
        6,
    );
    assert_eq!(shard.run("LCS key1 key2 IDX MINMATCHLEN -5"), expected);
}

#[test]
fn lcs_of_a_string_with_itself_is_one_run() {
    let mut shard = shard_with_texts();
    let expected = idx_reply(vec![matched((0, 6), (0, 6), Some(7))], 7);
    assert_eq!(shard.run("LCS a a IDX WITHMATCHLEN"), expected);
    shard.run("SET n 12321");
    assert_eq!(
        shard.run("LCS n n IDX"),
        idx_reply(vec![matched((0, 4), (0, 4), None)], 5)
    );
}

#[test]
fn lcs_treats_missing_keys_as_empty_strings() {
    let mut shard = shard_with_texts();
    assert_eq!(shard.run("LCS a nokey IDX"), idx_reply(vec![], 0));
    assert_eq!(shard.run("LCS nokey other"), bulk(""));
    assert!(!shard.exists("nokey"));
}

#[test]
fn lcs_refuses_len_with_idx_and_unknown_options() {
    let mut shard = shard_with_texts();
    assert_eq!(shard.run("LCS a b IDX LEN"), err(errors::LCS_LEN_AND_IDX));
    assert_eq!(shard.run("LCS a b foo"), err(errors::SYNTAX));
    assert_eq!(shard.run("LCS a b IDX MINMATCHLEN"), err(errors::SYNTAX));
    assert_eq!(
        shard.run("LCS a b MINMATCHLEN x foo"),
        err(errors::NOT_INTEGER)
    );
    assert_eq!(shard.run("LCS a b foo MINMATCHLEN x"), err(errors::SYNTAX));
}

#[test]
fn lcs_refuses_a_table_larger_than_proto_max_bulk_len() {
    let mut shard = TestShard::new(7);
    shard.state.settings.proto_max_bulk_len = 1024 * 1024;
    shard.run(&format!("MSET a {} b {}", "a".repeat(600), "a".repeat(600)));
    assert_eq!(shard.run("LCS a b LEN"), err(errors::LCS_TABLE_TOO_BIG));
    shard.run(&format!("SET b {}", "a".repeat(400)));
    assert_eq!(shard.run("LCS a b LEN"), int(400));
}
