//! Behaviour of the HyperLogLog commands through their handlers. Expected replies, bytes and
//! error strings were checked against Redis 7.0.15.

use bytes::Bytes;
use resp::Reply;

use crate::errors;
use crate::families::test_shard::TestShard;

fn err(message: &'static str) -> Reply {
    errors::err(message)
}

fn value_of(shard: &mut TestShard, key: &str) -> Vec<u8> {
    let reply = shard.run(&format!("GET {key}"));
    match reply.as_bulk() {
        Some(b) => b.to_vec(),
        None => panic!("GET {key}: {reply:?}"),
    }
}

fn set_raw(shard: &mut TestShard, key: &str, bytes: &[u8]) {
    assert_eq!(shard.run_args(&[b"SET", key.as_bytes(), bytes]), Reply::OK);
}

fn fill(shard: &mut TestShard, key: &str, from: usize, to: usize) {
    let mut argv: Vec<Vec<u8>> = vec![b"PFADD".to_vec(), key.as_bytes().to_vec()];
    argv.extend((from..to).map(|i| format!("e{i}").into_bytes()));
    let refs: Vec<&[u8]> = argv.iter().map(Vec::as_slice).collect();
    shard.run_args(&refs);
}

#[test]
fn pfadd_creates_counts_and_caches_like_redis() {
    let mut shard = TestShard::new(1);
    assert_eq!(shard.dirty_of("PFADD h a b c"), 4);
    assert_eq!(shard.run("PFADD h a"), Reply::Int(0));
    assert_eq!(shard.encoding("h"), "raw");
    let stale = value_of(&mut shard, "h");
    assert_eq!(stale.len(), 27);
    assert_eq!(stale[15], 0x80);
    assert_eq!(shard.dirty_of("PFCOUNT h"), 1);
    assert_eq!(shard.run("PFCOUNT h"), Reply::Int(3));
    assert_eq!(shard.dirty_of("PFCOUNT h"), 0);
    let cached = value_of(&mut shard, "h");
    assert_eq!(&cached[8..16], &[3, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(shard.dirty_of("PFADD e"), 1);
    assert_eq!(shard.run("PFCOUNT e"), Reply::Int(0));
    assert_eq!(shard.run("PFCOUNT missing"), Reply::Int(0));
}

#[test]
fn wrong_types_and_non_hll_strings_are_refused() {
    let mut shard = TestShard::new(1);
    shard.run("LPUSH l a");
    shard.run("SET s hello");
    shard.run("SET n 12");
    for command in [
        "PFADD l a",
        "PFCOUNT l",
        "PFCOUNT x l",
        "PFMERGE d l",
        "PFDEBUG getreg l",
    ] {
        assert_eq!(shard.run(command), err(errors::WRONG_TYPE), "{command}");
    }
    for command in [
        "PFADD s a",
        "PFCOUNT n",
        "PFCOUNT x s",
        "PFMERGE s",
        "PFDEBUG foo s",
    ] {
        assert_eq!(shard.run(command), err(errors::HLL_NOT_VALID), "{command}");
    }
    assert!(!shard.exists("d"));
}

#[test]
fn garbage_after_the_opcodes_is_a_corrupt_hll() {
    let mut shard = TestShard::new(1);
    shard.run("PFADD h a b c");
    shard.run("APPEND h x");
    assert_eq!(shard.run("PFCOUNT h"), err(errors::HLL_CORRUPT));
    assert_eq!(shard.run("PFCOUNT h h"), err(errors::HLL_CORRUPT));
    assert_eq!(shard.run("PFMERGE d h"), err(errors::HLL_CORRUPT));
    assert_eq!(shard.run("PFDEBUG todense h"), err(errors::HLL_CORRUPT));
    assert_eq!(shard.run("PFADD h zz"), Reply::Int(1));
    // A dense HyperLogLog of the wrong length is not one at all.
    shard.run("PFADD d a");
    shard.run("PFDEBUG todense d");
    shard.run("APPEND d x");
    assert_eq!(shard.run("PFCOUNT d"), err(errors::HLL_NOT_VALID));
}

#[test]
fn a_small_sparse_limit_promotes_to_dense() {
    let mut shard = TestShard::new(1);
    shard.state.settings.hll_sparse_max_bytes = 40;
    fill(&mut shard, "h", 0, 20);
    assert_eq!(shard.run("PFDEBUG encoding h"), Reply::status("dense"));
    assert_eq!(value_of(&mut shard, "h").len(), engine::hll::DENSE_LEN);
    assert_eq!(shard.run("PFCOUNT h"), Reply::Int(20));
}

#[test]
fn pfmerge_unions_and_turns_dense_with_a_dense_input() {
    let mut shard = TestShard::new(1);
    fill(&mut shard, "a", 0, 100);
    fill(&mut shard, "b", 50, 150);
    assert_eq!(shard.dirty_of("PFMERGE d a b"), 1);
    assert_eq!(shard.run("PFDEBUG encoding d"), Reply::status("sparse"));
    assert_eq!(shard.run("PFCOUNT d"), shard.run("PFCOUNT a b"));
    assert_eq!(shard.run("PFCOUNT d"), Reply::Int(150));
    shard.run("PFDEBUG todense b");
    assert_eq!(shard.run("PFMERGE e a b missing"), Reply::OK);
    assert_eq!(shard.run("PFDEBUG encoding e"), Reply::status("dense"));
    assert_eq!(shard.run("PFCOUNT e"), Reply::Int(150));
    assert_eq!(shard.run("PFMERGE only"), Reply::OK);
    assert_eq!(shard.run("PFCOUNT only"), Reply::Int(0));
}

#[test]
fn pfdebug_subcommands_and_errors() {
    let mut shard = TestShard::new(1);
    assert_eq!(
        shard.run("PFDEBUG getreg nokey"),
        err(errors::PFDEBUG_NO_KEY)
    );
    shard.run("PFADD h a b c");
    assert_eq!(
        shard.run("PFDEBUG DECODE h"),
        Reply::Bulk(Bytes::from_static(
            b"Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603"
        ))
    );
    assert_eq!(
        shard.run("PFDEBUG foo h"),
        Reply::error("ERR Unknown PFDEBUG subcommand 'foo'")
    );
    assert_eq!(shard.dirty_of("PFDEBUG getreg h"), 1);
    let Reply::Array(registers) = shard.run("PFDEBUG getreg h") else {
        panic!("array")
    };
    assert_eq!(registers.len(), 16384);
    assert_eq!(registers[8436], Reply::Int(1));
    assert_eq!(registers[8436 + 1 + 4274], Reply::Int(2));
    assert_eq!(
        shard.run("PFDEBUG decode h"),
        err(errors::PFDEBUG_NOT_SPARSE)
    );
    assert_eq!(shard.run("PFDEBUG todense h"), Reply::Int(0));
    shard.run("PFADD s x");
    assert_eq!(shard.dirty_of("PFDEBUG todense s"), 1);
}

#[test]
fn an_hll_written_with_set_is_read_and_made_raw() {
    let mut shard = TestShard::new(1);
    shard.run("PFADD h a b c");
    let bytes = value_of(&mut shard, "h");
    set_raw(&mut shard, "copy", &bytes);
    assert_eq!(shard.encoding("copy"), "embstr");
    assert_eq!(shard.run("PFCOUNT copy"), Reply::Int(3));
    assert_eq!(shard.encoding("copy"), "raw");
}

#[test]
fn pfselftest_passes() {
    let mut shard = TestShard::new(1);
    assert_eq!(shard.run("PFSELFTEST"), Reply::OK);
}

#[test]
fn only_the_union_and_merge_sources_count_keyspace_hits_and_misses() {
    let mut shard = TestShard::new(1);
    shard.run("PFADD h a");
    shard.run("PFCOUNT h");
    shard.run("PFCOUNT missing");
    shard.run("PFDEBUG encoding h");
    assert_eq!(
        (shard.state.keyspace_hits, shard.state.keyspace_misses),
        (0, 0)
    );
    shard.run("PFCOUNT h missing");
    assert_eq!(
        (shard.state.keyspace_hits, shard.state.keyspace_misses),
        (1, 1)
    );
    shard.run("PFMERGE dest h");
    assert_eq!(
        (shard.state.keyspace_hits, shard.state.keyspace_misses),
        (2, 2)
    );
}

#[test]
fn pfadd_on_an_hll_without_opcodes_fails_and_counts_no_change() {
    let mut shard = TestShard::new(1);
    set_raw(&mut shard, "bare", b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\0");
    assert_eq!(shard.dirty_of("PFADD bare a"), 0);
    assert_eq!(shard.run("PFADD bare a"), err(errors::HLL_CORRUPT));
    assert_eq!(shard.run("PFDEBUG decode bare"), Reply::bulk(b""));
    // Garbage after valid opcodes does not stop adding: the register is found first.
    shard.run("PFADD h a");
    shard.run("APPEND h x");
    assert_eq!(shard.dirty_of("PFADD h b"), 1);
    assert_eq!(value_of(&mut shard, "h").last(), Some(&b'x'));
}
