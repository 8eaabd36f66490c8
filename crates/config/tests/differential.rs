//! Differential tests: ringkv's configuration against a real `redis-server` (7.0) on a free
//! loopback port. Skipped, with a note on stderr, when `redis-server` is not installed.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use config::Config;
use engine::glob::glob_match;

/// Parameters Redis 7.2 added after the 7.0 oracle.
const NEW_IN_7_2: [&str; 4] = [
    "set-max-listpack-entries",
    "set-max-listpack-value",
    "locale-collate",
    "cluster-announce-human-nodename",
];

/// ringkv's own parameters.
const RINGKV_ONLY: [&str; 3] = ["shards", "spin-before-park-us", "allow-root"];

/// Defaults that differ on purpose, with the reason.
const DIFFERENT_DEFAULTS: [(&str, &str); 3] = [
    ("port", "the oracle listens on a random free port"),
    (
        "bind",
        "ringkv binds loopback by default, Redis's binary binds every interface",
    ),
    (
        "dir",
        "Redis reports its working directory; ours is resolved by the server at start-up",
    ),
];

/// A redis-server child process, killed (and its directory removed) when dropped.
struct ServerProcess {
    child: Child,
    dir: PathBuf,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A running redis-server and a connection to it.
struct Oracle {
    _process: ServerProcess,
    stream: BufReader<TcpStream>,
}

impl Oracle {
    /// Starts redis-server on a free port and waits for its "Ready" line; `None` when the
    /// binary is missing.
    fn start() -> Option<Oracle> {
        if Command::new("redis-server")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("redis-server not found: skipping the differential config test");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let dir = std::env::temp_dir().join(format!("ringkv-config-oracle-{port}"));
        std::fs::create_dir_all(&dir).ok()?;
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--dir"])
            .arg(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut process = ServerProcess { child, dir };
        let stdout = process.child.stdout.take()?;
        // The server's own "Ready" log line is the readiness signal: no polling, no sleeping.
        for line in BufReader::new(stdout).lines() {
            if line.ok()?.contains("Ready to accept connections") {
                let stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
                return Some(Oracle {
                    _process: process,
                    stream: BufReader::new(stream),
                });
            }
        }
        None
    }

    /// Sends one command and reads its reply.
    fn call(&mut self, args: &[&[u8]]) -> Reply {
        let mut frame = format!("*{}\r\n", args.len()).into_bytes();
        for arg in args {
            frame.extend_from_slice(format!("${}\r\n", arg.len()).as_bytes());
            frame.extend_from_slice(arg);
            frame.extend_from_slice(b"\r\n");
        }
        self.stream
            .get_mut()
            .write_all(&frame)
            .expect("write to redis-server");
        read_reply(&mut self.stream)
    }

    fn config_get(&mut self, patterns: &[&[u8]]) -> BTreeMap<String, String> {
        let mut args: Vec<&[u8]> = vec![b"CONFIG", b"GET"];
        args.extend_from_slice(patterns);
        match self.call(&args) {
            Reply::Array(items) => items
                .chunks(2)
                .map(|pair| (bulk_text(&pair[0]), bulk_text(&pair[1])))
                .collect(),
            other => panic!("CONFIG GET replied {other:?}"),
        }
    }

    fn config_set(&mut self, pairs: &[(&[u8], &[u8])]) -> Result<(), String> {
        let mut args: Vec<&[u8]> = vec![b"CONFIG", b"SET"];
        for (name, value) in pairs {
            args.push(name);
            args.push(value);
        }
        match self.call(&args) {
            Reply::Status(_) => Ok(()),
            Reply::Error(e) => Err(e),
            other => panic!("CONFIG SET replied {other:?}"),
        }
    }
}

#[derive(Debug, PartialEq)]
enum Reply {
    Status(String),
    Error(String),
    Bulk(Option<Vec<u8>>),
    Array(Vec<Reply>),
    Integer(i64),
}

fn read_reply(stream: &mut BufReader<TcpStream>) -> Reply {
    let mut line = String::new();
    stream.read_line(&mut line).expect("read from redis-server");
    let line = line.trim_end_matches("\r\n");
    let (kind, rest) = line.split_at(1);
    match kind {
        "+" => Reply::Status(rest.to_string()),
        "-" => Reply::Error(rest.to_string()),
        ":" => Reply::Integer(rest.parse().expect("integer reply")),
        "$" => match rest.parse::<i64>().expect("bulk length") {
            -1 => Reply::Bulk(None),
            len => {
                let mut body = vec![0; len as usize + 2];
                stream.read_exact(&mut body).expect("bulk body");
                body.truncate(len as usize);
                Reply::Bulk(Some(body))
            }
        },
        "*" => {
            let n: usize = rest.parse().expect("array length");
            Reply::Array((0..n).map(|_| read_reply(stream)).collect())
        }
        other => panic!("unexpected reply type {other}"),
    }
}

fn bulk_text(reply: &Reply) -> String {
    match reply {
        Reply::Bulk(Some(bytes)) => String::from_utf8_lossy(bytes).into_owned(),
        other => panic!("expected a bulk string, got {other:?}"),
    }
}

fn ours(config: &Config, patterns: &[&[u8]]) -> BTreeMap<String, String> {
    config.get(patterns).into_iter().collect()
}

fn is_ours_only(name: &str) -> bool {
    NEW_IN_7_2.contains(&name) || RINGKV_ONLY.contains(&name)
}

#[test]
fn config_get_star_lists_the_parameters_and_defaults_of_redis() {
    let Some(mut redis) = Oracle::start() else {
        return;
    };
    let theirs = redis.config_get(&[b"*"]);
    let ours = ours(&Config::new(), &[b"*"]);
    let their_names: BTreeSet<&str> = theirs.keys().map(String::as_str).collect();
    let our_names: BTreeSet<&str> = ours.keys().map(String::as_str).collect();
    let missing: Vec<_> = their_names.difference(&our_names).collect();
    assert!(
        missing.is_empty(),
        "parameters Redis has and we lack: {missing:?}"
    );
    let extra: BTreeSet<&str> = our_names.difference(&their_names).copied().collect();
    let expected_extra: BTreeSet<&str> = NEW_IN_7_2.iter().chain(&RINGKV_ONLY).copied().collect();
    assert_eq!(extra, expected_extra);
    for (name, value) in &theirs {
        if DIFFERENT_DEFAULTS.iter().any(|(n, _)| n == name) {
            continue;
        }
        assert_eq!(&ours[name], value, "default of {name}");
    }
}

#[test]
fn config_get_names_and_patterns_match_redis() {
    let Some(mut redis) = Oracle::start() else {
        return;
    };
    let config = Config::new();
    let cases: [&[&[u8]]; 12] = [
        &[b"hash-max-ziplist-entries"],
        &[b"PORT"],
        &[b"port", b"PORT", b"p*rt"],
        &[b"*max-*-entries"],
        &[b"slave*"],
        &[b"use-exit-on-panic"],
        &[b"use-exit*"],
        &[b"hash-max-ziplist-entries", b"hash-max-listpack-entries"],
        &[b"[sz]set-max-*", b"Maxmemory*"],
        &[b"no-such-parameter"],
        &[b"*lazy*", b"lazyfree-lazy-eviction"],
        &[b"?ave", b"tls-*"],
    ];
    for patterns in cases {
        let theirs = redis.config_get(patterns);
        let mut ours = ours(&config, patterns);
        ours.retain(|name, _| !is_ours_only(name));
        let names = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&ours), names(&theirs), "names for {patterns:?}");
        for (name, value) in &theirs {
            if !name.eq_ignore_ascii_case("port") {
                assert_eq!(&ours[name], value, "{name} for {patterns:?}");
            }
        }
    }
}

/// CONFIG SET calls that Redis refuses; each must be refused with the same text.
const BAD_SETS: &[&[(&str, &str)]] = &[
    &[("foo", "bar")],
    &[("port", "abc")],
    &[("port", "70000")],
    &[("port", "-1")],
    &[("port", "+5")],
    &[("PORT", "6380x")],
    &[("maxmemory-policy", "bogus")],
    &[("appendfsync", "sometimes")],
    &[("appendonly", "maybe")],
    &[("daemonize", "yes")],
    &[("DAEMONIZE", "yes")],
    &[("port", "1"), ("port", "2")],
    &[("port", "1"), ("PORT", "2")],
    &[("maxmemory", "10xb")],
    &[("maxmemory", "-5")],
    &[("maxmemory", "1.5gb")],
    &[("save", "100")],
    &[("save", "0 1")],
    &[("save", " 10  5 ")],
    &[("client-output-buffer-limit", "normal 1 2")],
    &[("client-output-buffer-limit", "master 1 2 3")],
    &[("client-output-buffer-limit", "normal 1x 2 3")],
    &[("notify-keyspace-events", "Q")],
    &[("oom-score-adj-values", "1 2")],
    &[("oom-score-adj-values", "1 2 9999")],
    &[("dir", "/tmp")],
    &[("dbfilename", "a/b")],
    &[("appendfilename", "x")],
    &[("unixsocketperm", "777")],
    &[("proto-max-bulk-len", "10")],
    &[("client-query-buffer-limit", "5")],
    &[("maxmemory-clients", "101%")],
    &[("maxmemory-clients", "abc")],
    &[("maxmemory-clients", "9223372036854775808")],
    &[("latency-tracking-info-percentiles", "abc")],
    &[("latency-tracking-info-percentiles", "101")],
    &[("slaveof", "no one")],
    &[("port", "1"), ("foo", "2")],
    &[("daemonize", "yes"), ("foo", "2")],
    &[("foo", "2"), ("daemonize", "yes")],
    &[("appendonly", "yes"), ("port", "abc")],
    &[("Hash-Max-Ziplist-Entries", "abc")],
    &[("slave-priority", "x")],
    &[("maxclients", "0")],
    &[("slowlog-log-slower-than", "-2")],
    &[("timeout", "2147483648")],
    &[("list-max-listpack-size", "-2147483649")],
    &[("repl-backlog-size", "0")],
    &[("shutdown-on-sigint", "save nosave")],
    &[("shutdown-on-sigint", "")],
    &[("shutdown-on-sigint", "now  force")],
    &[("proc-title-template", "{title}")],
    &[("proc-title-template", "{bogus}")],
    &[("cluster-announce-hostname", "a_b")],
    &[("bind", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17")],
];

#[test]
fn config_set_refusals_match_redis_error_texts() {
    let Some(mut redis) = Oracle::start() else {
        return;
    };
    let mut config = Config::new();
    for call in BAD_SETS {
        let pairs: Vec<(&[u8], &[u8])> = call
            .iter()
            .map(|(n, v)| (n.as_bytes(), v.as_bytes()))
            .collect();
        let theirs = redis.config_set(&pairs);
        assert!(theirs.is_err(), "Redis accepted {call:?}");
        let before = config.clone();
        assert_eq!(config.set(&pairs).map(|_| ()), theirs, "for {call:?}");
        assert_eq!(
            config, before,
            "a refused CONFIG SET changed nothing: {call:?}"
        );
    }
}

/// CONFIG SET calls that Redis accepts; CONFIG GET must then print the same value.
const GOOD_SETS: &[(&str, &str)] = &[
    ("maxmemory", "1GB"),
    ("maxmemory", "1k"),
    ("maxmemory", "20000000000gb"),
    ("maxmemory", "18446744073709551616"),
    ("maxmemory", ""),
    ("maxmemory-clients", "50%"),
    ("maxmemory-clients", "0%"),
    ("notify-keyspace-events", "KEA"),
    ("notify-keyspace-events", "Kx"),
    ("notify-keyspace-events", "An"),
    ("notify-keyspace-events", "g$lshzxetd"),
    ("shutdown-on-sigint", "now nosave force"),
    ("shutdown-on-sigint", "default now"),
    ("shutdown-on-sigterm", "NOW"),
    ("hz", "0"),
    ("hz", "1000"),
    ("oom-score-adj", "relative"),
    ("loglevel", "WARNING"),
    (
        "client-output-buffer-limit",
        "pubsub 32mb 8mb 60 replica 1 2 3",
    ),
    ("client-output-buffer-limit", ""),
    ("save", "10 5 20 6"),
    ("save", ""),
    ("latency-tracking-info-percentiles", "50.5 99"),
    ("latency-tracking-info-percentiles", ""),
    ("hash-max-ziplist-entries", "100"),
    ("proc-title-template", "x {{ }} {listen-addr}"),
    ("requirepass", ""),
    ("masterauth", "secret"),
    ("slowlog-log-slower-than", "-1"),
    ("list-max-ziplist-size", "-5"),
];

#[test]
fn accepted_config_sets_read_back_like_redis() {
    let Some(mut redis) = Oracle::start() else {
        return;
    };
    let mut config = Config::new();
    for (name, value) in GOOD_SETS {
        let pair = [(name.as_bytes(), value.as_bytes())];
        assert_eq!(
            redis.config_set(&pair),
            Ok(()),
            "Redis refused {name} {value:?}"
        );
        assert!(config.set(&pair).is_ok(), "we refused {name} {value:?}");
        let theirs = redis.config_get(&[name.as_bytes()]);
        assert_eq!(
            ours(&config, &[name.as_bytes()]),
            theirs,
            "after {name} {value:?}"
        );
    }
}

#[test]
fn glob_matches_the_keys_redis_matches() {
    let Some(mut redis) = Oracle::start() else {
        return;
    };
    let keys: [&[u8]; 21] = [
        b"hello", b"hallo", b"hillo", b"hbllo", b"*", b"a\\", b"b", b"x", b"]", b"x[", b"aaab",
        b"\xff", b"\x00", b"\x80", b"]a", b"HELLO", b"-", b"a?", b"abc", b"[abc", b"",
    ];
    for key in keys {
        redis.call(&[b"SET", key, b"1"]);
    }
    // A lone `*` is left out: KEYS answers it without calling the matcher.
    let patterns: [&[u8]; 21] = [
        b"h?llo",
        b"h[ae]llo",
        b"h[^e]llo",
        b"h[a-b]llo",
        b"[z-a]*",
        b"\\*",
        b"a\\",
        b"[abc",
        b"[a-]x]",
        b"*a*a*b",
        b"[\\]]",
        b"x[",
        b"[\x01-\xff]",
        b"[^",
        b"?",
        b"**",
        b"[]",
        b"[]]",
        b"[^]]*",
        b"a\\?",
        b"[\\-]",
    ];
    for pattern in patterns {
        let theirs: BTreeSet<Vec<u8>> = match redis.call(&[b"KEYS", pattern]) {
            Reply::Array(items) => items
                .into_iter()
                .map(|r| match r {
                    Reply::Bulk(Some(k)) => k,
                    other => panic!("KEYS item {other:?}"),
                })
                .collect(),
            other => panic!("KEYS replied {other:?}"),
        };
        let ours: BTreeSet<Vec<u8>> = keys
            .iter()
            .filter(|k| glob_match(pattern, k, false))
            .map(|k| k.to_vec())
            .collect();
        assert_eq!(
            ours,
            theirs,
            "pattern {:?}",
            String::from_utf8_lossy(pattern)
        );
    }
}

/// Config file lines that Redis refuses, each with a line-located report.
const BAD_LINES: &[&str] = &[
    "port abc",
    "port 1 2",
    "PORT 70000",
    "bogus 1",
    "save 10",
    "\"port 1",
    "port 'x'y",
    "hash-max-ziplist-entries",
    "notify-keyspace-events a b",
    "notify-keyspace-events Q",
    "foo.bar",
    "replicaof a",
    "replicaof host 99999",
    "user",
    "sentinel x",
    "maxmemory-policy x",
    "loadmodule",
    "appendonly maybe",
    "dbfilename a/b",
    "appendfilename \"\"",
    "client-output-buffer-limit normal 1",
    "oom-score-adj-values 1 2",
    "latency-tracking-info-percentiles 200",
    "requirepass \"a\" b",
    "bind 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17",
    "maxmemory 5xb",
    "unixsocketperm 999",
    "proc-title-template \"{x}\"",
    "shutdown-on-sigterm save nosave",
];

#[test]
fn config_file_errors_match_redis_reports() {
    if Command::new("redis-server")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("redis-server not found: skipping the config file differential test");
        return;
    }
    let dir = std::env::temp_dir().join(format!("ringkv-config-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (i, line) in BAD_LINES.iter().enumerate() {
        let text = format!("# line one\n{line}\n");
        let path = dir.join(format!("bad-{i}.conf"));
        std::fs::write(&path, &text).expect("write config");
        // `--port -1` makes Redis exit even if it accepted the line, so the test cannot hang.
        let output = Command::new("redis-server")
            .arg(&path)
            .args(["--port", "-1"])
            .output()
            .expect("run redis-server");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let theirs = stderr
            .split_once("***\n")
            .map_or("", |(_, rest)| rest)
            .trim_end();
        let ours = Config::new()
            .apply_file(&text)
            .expect_err("we must refuse it too");
        assert_eq!(ours.to_string(), theirs, "for {line:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
