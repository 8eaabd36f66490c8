//! Differential tests: the scripts under tests/scripts/ and seeded random command sequences,
//! sent to ringkv and to the reference redis-server, every reply compared byte for byte.

use std::collections::BTreeSet;
use std::time::Instant;

use testkit::random::run_seed;
use testkit::script::parse::{Action, Script};
use testkit::script::runner::{
    run_all_scripts, run_script, script_paths, scripts_dir, Outcome, Pair,
};
use testkit::Server;

/// Seeds run by default; `TESTKIT_SEEDS=a..=b` (or a single number, to reproduce one failure)
/// runs others.
const DEFAULT_SEEDS: std::ops::RangeInclusive<u64> = 1..=5;
const STEPS_PER_SEED: usize = 10_000;

/// Starts redis-server and ringkv with `shards` shards; does nothing (loudly) without Redis.
fn with_servers(shards: usize, test: impl FnOnce(&Server, &Server)) {
    let Some(redis) = Server::redis() else {
        return;
    };
    let ringkv = Server::ringkv(shards);
    test(&ringkv, &redis);
}

fn seeds() -> std::ops::RangeInclusive<u64> {
    let Ok(text) = std::env::var("TESTKIT_SEEDS") else {
        return DEFAULT_SEEDS;
    };
    let parse = |s: &str| {
        s.trim()
            .parse::<u64>()
            .expect("TESTKIT_SEEDS: a..=b or one seed")
    };
    match text.split_once("..=") {
        Some((from, to)) => parse(from)..=parse(to),
        None => parse(&text)..=parse(&text),
    }
}

fn random_runs(shards: usize) {
    with_servers(shards, |ringkv, redis| {
        for seed in seeds() {
            let started = Instant::now();
            let mut pair = Pair::open(ringkv, redis).expect("connecting to both servers");
            if let Err(report) = run_seed(seed, STEPS_PER_SEED, &mut pair, ringkv.name()) {
                panic!("{} differs from redis-server:\n{report}", ringkv.name());
            }
            eprintln!(
                "seed {seed}: {STEPS_PER_SEED} commands in {:?}",
                started.elapsed()
            );
        }
    });
}

#[test]
fn scripts_match_redis_with_2_shards() {
    with_servers(2, run_all_scripts);
}

#[test]
fn scripts_match_redis_with_4_shards() {
    with_servers(4, run_all_scripts);
}

#[test]
fn random_string_and_key_commands_match_redis_with_2_shards() {
    random_runs(2);
}

#[test]
fn random_string_and_key_commands_match_redis_with_4_shards() {
    random_runs(4);
}

/// The runner's own failure path: two servers that must disagree (they listen on different
/// ports) produce a report naming the script line, the command and both replies.
#[test]
fn a_mismatch_reports_file_line_command_and_both_replies() {
    let (Some(left), Some(right)) = (Server::redis(), Server::redis()) else {
        return;
    };
    let text = "PING\n# a comment\n@unordered\nCONFIG GET port\nPING\n";
    let script = Script::parse(std::path::Path::new("inline.redis"), text).expect("valid script");
    let Outcome::Failed(report) = run_script(&script, &left, &right) else {
        panic!("servers on different ports must disagree on CONFIG GET port");
    };
    assert!(
        report.starts_with("inline.redis:4: CONFIG GET port\n"),
        "{report}"
    );
    assert!(
        report.contains(&format!("2) \"{}\"", left.port())),
        "{report}"
    );
    assert!(
        report.contains(&format!("2) \"{}\"", right.port())),
        "{report}"
    );
    eprintln!("{report}");
}

/// Every string and keyspace command of the first milestone, and every OBJECT and CLIENT
/// subcommand it includes, must appear in some script.
#[test]
fn scripts_cover_every_string_keyspace_and_connection_command() {
    const REQUIRED: &[&str] = &[
        "GET",
        "SET",
        "SETNX",
        "SETEX",
        "PSETEX",
        "GETSET",
        "GETDEL",
        "GETEX",
        "MGET",
        "MSET",
        "MSETNX",
        "APPEND",
        "STRLEN",
        "INCR",
        "DECR",
        "INCRBY",
        "DECRBY",
        "INCRBYFLOAT",
        "GETRANGE",
        "SETRANGE",
        "SUBSTR",
        "LCS",
        "DEL",
        "UNLINK",
        "EXISTS",
        "TYPE",
        "EXPIRE",
        "PEXPIRE",
        "EXPIREAT",
        "PEXPIREAT",
        "TTL",
        "PTTL",
        "EXPIRETIME",
        "PEXPIRETIME",
        "PERSIST",
        "KEYS",
        "RANDOMKEY",
        "RENAME",
        "RENAMENX",
        "COPY",
        "MOVE",
        "SWAPDB",
        "TOUCH",
        "DBSIZE",
        "FLUSHDB",
        "FLUSHALL",
        "OBJECT ENCODING",
        "OBJECT REFCOUNT",
        "OBJECT HELP",
        "PING",
        "ECHO",
        "SELECT",
        "HELLO",
        "CLIENT GETNAME",
        "CLIENT SETNAME",
        "CLIENT ID",
    ];
    let mut seen = BTreeSet::new();
    for path in script_paths(&scripts_dir()) {
        let script = Script::load(&path).unwrap_or_else(|e| panic!("{e}"));
        for step in script.steps {
            let Action::Command { args, .. } = step.action else {
                continue;
            };
            let word = |i: usize| {
                args.get(i)
                    .map(|a| String::from_utf8_lossy(a).to_uppercase())
            };
            if let Some(name) = word(0) {
                if let Some(sub) = word(1) {
                    seen.insert(format!("{name} {sub}"));
                }
                seen.insert(name);
            }
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|name| !seen.contains(*name))
        .collect();
    assert!(missing.is_empty(), "no script exercises {missing:?}");
}
