//! Differential tests: the scripts under tests/scripts/ and seeded random command sequences,
//! sent to ringkv and to the reference redis-server, every reply compared byte for byte.

use std::collections::BTreeSet;
use std::time::Instant;

use testkit::random::{compare_final_state, run_seed, run_seed_mix, Mix};
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

/// Commands per seed of a collection family's random run: enough to cross the encoding
/// thresholds on a few keys, few enough to keep CI quick.
const COLLECTION_STEPS_PER_SEED: usize = 4_000;

fn random_mix_runs(shards: usize, mix: Mix) {
    with_servers(shards, |ringkv, redis| {
        for seed in seeds() {
            let started = Instant::now();
            let mut pair = Pair::open(ringkv, redis).expect("connecting to both servers");
            let steps = COLLECTION_STEPS_PER_SEED;
            if let Err(report) = run_seed_mix(seed, steps, mix, &mut pair, ringkv.name()) {
                panic!(
                    "{} differs from redis-server ({mix:?}):\n{report}",
                    ringkv.name()
                );
            }
            eprintln!(
                "{mix:?} seed {seed}: {steps} commands in {:?}",
                started.elapsed()
            );
        }
    });
}

#[test]
fn random_list_commands_match_redis_with_2_shards() {
    random_mix_runs(2, Mix::Lists);
}

#[test]
fn random_list_commands_match_redis_with_4_shards() {
    random_mix_runs(4, Mix::Lists);
}

#[test]
fn random_hash_commands_match_redis_with_2_shards() {
    random_mix_runs(2, Mix::Hashes);
}

#[test]
fn random_hash_commands_match_redis_with_4_shards() {
    random_mix_runs(4, Mix::Hashes);
}

#[test]
fn random_set_commands_match_redis_with_2_shards() {
    random_mix_runs(2, Mix::Sets);
}

#[test]
fn random_set_commands_match_redis_with_4_shards() {
    random_mix_runs(4, Mix::Sets);
}

#[test]
fn random_sorted_set_commands_match_redis_with_2_shards() {
    random_mix_runs(2, Mix::SortedSets);
}

#[test]
fn random_sorted_set_commands_match_redis_with_4_shards() {
    random_mix_runs(4, Mix::SortedSets);
}

#[test]
fn random_stream_commands_match_redis_with_2_shards() {
    random_mix_runs(2, Mix::Streams);
}

#[test]
fn random_stream_commands_match_redis_with_4_shards() {
    random_mix_runs(4, Mix::Streams);
}

#[test]
fn random_stream_group_commands_match_redis_with_2_shards() {
    random_mix_runs(2, Mix::StreamGroups);
}

#[test]
fn random_stream_group_commands_match_redis_with_4_shards() {
    random_mix_runs(4, Mix::StreamGroups);
}

#[test]
fn random_hll_commands_match_redis_with_2_shards() {
    random_mix_runs(2, Mix::Hll);
}

#[test]
fn random_hll_commands_match_redis_with_4_shards() {
    random_mix_runs(4, Mix::Hll);
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

/// Every string, keyspace and collection command, and every OBJECT and CLIENT subcommand
/// implemented, must appear in some script.
#[test]
fn scripts_cover_every_implemented_data_command() {
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
        "CLIENT UNBLOCK",
        "MULTI",
        "EXEC",
        "DISCARD",
        "WATCH",
        "UNWATCH",
        "BLPOP",
        "BRPOP",
        "BLMOVE",
        "BRPOPLPUSH",
        "BLMPOP",
        "BZPOPMIN",
        "BZPOPMAX",
        "BZMPOP",
        "LPUSH",
        "RPUSH",
        "LPUSHX",
        "RPUSHX",
        "LPOP",
        "RPOP",
        "LLEN",
        "LRANGE",
        "LINDEX",
        "LMOVE",
        "RPOPLPUSH",
        "LMPOP",
        "LSET",
        "LINSERT",
        "LREM",
        "LTRIM",
        "LPOS",
        "HSET",
        "HSETNX",
        "HMSET",
        "HGET",
        "HMGET",
        "HGETALL",
        "HDEL",
        "HEXISTS",
        "HLEN",
        "HSTRLEN",
        "HKEYS",
        "HVALS",
        "HINCRBY",
        "HINCRBYFLOAT",
        "HRANDFIELD",
        "HSCAN",
        "SADD",
        "SREM",
        "SMEMBERS",
        "SISMEMBER",
        "SMISMEMBER",
        "SCARD",
        "SPOP",
        "SRANDMEMBER",
        "SMOVE",
        "SSCAN",
        "SINTER",
        "SINTERCARD",
        "SUNION",
        "SDIFF",
        "SINTERSTORE",
        "SUNIONSTORE",
        "SDIFFSTORE",
        "ZADD",
        "ZINCRBY",
        "ZREM",
        "ZCARD",
        "ZSCORE",
        "ZMSCORE",
        "ZRANK",
        "ZREVRANK",
        "ZPOPMIN",
        "ZPOPMAX",
        "ZMPOP",
        "ZRANDMEMBER",
        "ZSCAN",
        "ZCOUNT",
        "ZLEXCOUNT",
        "ZRANGE",
        "ZRANGESTORE",
        "ZRANGEBYSCORE",
        "ZREVRANGEBYSCORE",
        "ZRANGEBYLEX",
        "ZREVRANGEBYLEX",
        "ZREVRANGE",
        "ZREMRANGEBYRANK",
        "ZREMRANGEBYSCORE",
        "ZREMRANGEBYLEX",
        "ZUNION",
        "ZINTER",
        "ZDIFF",
        "ZUNIONSTORE",
        "ZINTERSTORE",
        "ZDIFFSTORE",
        "ZINTERCARD",
        "SORT",
        "SORT_RO",
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

/// COMMAND INFO of every command ringkv serves (subcommands included) gives the same ACL
/// categories as Redis's: ACL rules like `-@dangerous` must mean the same commands.
#[test]
fn acl_categories_of_every_command_match_redis() {
    use testkit::Value;
    /// (full name, categories) of a COMMAND INFO entry and of its subcommands.
    fn categories(entry: &Value, out: &mut Vec<(Value, Value)>) {
        let Value::Array(fields) = entry else {
            return;
        };
        out.push((fields[0].clone(), fields[6].clone()));
        if let Value::Array(subs) = &fields[9] {
            subs.iter().for_each(|sub| categories(sub, out));
        }
    }
    fn info(client: &mut testkit::Client, name: &[u8]) -> Vec<(Value, Value)> {
        let mut out = Vec::new();
        if let Value::Array(entries) = client.call(&[&b"COMMAND"[..], b"INFO", name]).unwrap() {
            entries.iter().for_each(|e| categories(e, &mut out));
        }
        out
    }
    with_servers(2, |ringkv, redis| {
        let (mut ours, mut theirs) = (ringkv.client(), redis.client());
        let Value::Array(names) = ours.call(&["COMMAND", "LIST"]).unwrap() else {
            panic!("COMMAND LIST returns an array");
        };
        let mut compared = 0;
        for name in names {
            let Value::Bulk(name) = name else { continue };
            let theirs = info(&mut theirs, &name);
            for (full_name, ours) in info(&mut ours, &name) {
                // Commands newer than the oracle (Redis 7.2's) have nothing to compare with.
                let Some((_, expected)) = theirs.iter().find(|(n, _)| *n == full_name) else {
                    continue;
                };
                assert_eq!(&ours, expected, "ACL categories of {full_name:?}");
                compared += 1;
            }
        }
        assert!(compared > 200, "only {compared} commands compared");
        eprintln!("ACL categories of {compared} commands and subcommands match redis-server");
    });
}

#[test]
fn random_acl_rules_match_redis_with_2_shards() {
    random_mix_runs(2, Mix::Acl);
}

/// Runs seeded random commands of every family against ringkv (2 shards, with `args`) and
/// redis-server, lets `persist` make ringkv's data durable, kills ringkv (-9), restarts it on
/// its files with 3 shards, and compares every database with redis-server's again.
fn survives_a_restart(tag: &str, args: &[&str], persist: impl Fn(&mut Pair)) {
    let Some(redis) = Server::redis() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("ringkv-{tag}-{}", std::process::id()));
    let path = dir.to_str().unwrap().to_string();
    let mut all_args = vec!["--dir", path.as_str()];
    all_args.extend_from_slice(args);
    let mixes = [
        Mix::StringsAndKeys,
        Mix::Lists,
        Mix::Hashes,
        Mix::Sets,
        Mix::SortedSets,
        Mix::Streams,
        Mix::StreamGroups,
        Mix::Hll,
    ];
    for (seed, mix) in seeds().flat_map(|seed| mixes.map(|mix| (seed, mix))) {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let ringkv = Server::ringkv_with(2, &all_args);
        let mut pair = Pair::open(&ringkv, &redis).expect("connecting to both servers");
        if let Err(report) = run_seed_mix(seed, 2_000, mix, &mut pair, ringkv.name()) {
            panic!("{mix:?} seed {seed} before the restart:\n{report}");
        }
        persist(&mut pair);
        drop(pair);
        drop(ringkv);
        let restarted = Server::ringkv_with(3, &all_args);
        let mut pair = Pair::reopen(&restarted, &redis).expect("connecting to both servers");
        if let Err(report) = compare_final_state(&mut pair, restarted.name()) {
            panic!("{mix:?} seed {seed} after restarting ({tag}) with 3 shards:\n{report}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The AOF replays to the same data. This checks the deterministic forms writes are logged
/// in (SPOP, INCRBYFLOAT, relative deadlines, blocking pops, commands gathering keys from
/// several shards, whole-database commands, ...).
#[test]
fn the_aof_replays_every_family_to_the_same_data() {
    let args = ["--appendonly", "yes", "--appendfsync", "everysec"];
    survives_a_restart("aof-replay", &args, |pair| {
        // Everything written is in the log before the kill (everysec fsyncs later, but this
        // test is about what the log holds, not about the disk).
        let synced = pair.ringkv.call(&["WAITAOF", "1", "0", "0"]).unwrap();
        assert_eq!(format!("{synced:?}"), "Array([Integer(1), Integer(0)])");
    });
}

/// The RDB snapshot holds the same data: SAVE, then a restart on dump.rdb.
#[test]
fn a_saved_rdb_reloads_every_family_to_the_same_data() {
    survives_a_restart("rdb-reload", &[], |pair| {
        let saved = pair.ringkv.call(&["SAVE"]).unwrap();
        assert_eq!(format!("{saved:?}"), "Simple([79, 75])", "SAVE");
    });
}
