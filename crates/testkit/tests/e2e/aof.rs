//! The append-only file under kill -9: every acknowledged write is there after a restart (with
//! `always` and with `everysec`) and no cross-shard transaction is half applied; a torn tail
//! is dropped; a transaction block that not every shard logged is
//! not applied; a restart with another shard count keeps every key.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use testkit::{Client, Server, Value};

use super::transactions::spread_keys;

/// A fresh directory for one test's files, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(tag: &str) -> Dir {
        let path = std::env::temp_dir().join(format!("ringkv-aof-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Dir(path)
    }

    fn aof_dir(&self) -> PathBuf {
        self.0.join("appendonlydir")
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn start(dir: &Dir, shards: usize, fsync: &str) -> Server {
    let path = dir.0.to_str().unwrap();
    let args = ["--dir", path, "--appendonly", "yes", "--appendfsync", fsync];
    let server = Server::ringkv_with(shards, &args);
    wait_loaded(&server);
    server
}

/// Polls (bounded) until the server has loaded its AOF and answers commands.
fn wait_loaded(server: &Server) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut client = server.client();
    loop {
        match client.call(&["DBSIZE"]).unwrap() {
            Value::Integer(_) => return,
            Value::Error(e) if e.starts_with(b"LOADING") => {}
            other => panic!("DBSIZE answered {other:?}"),
        }
        assert!(Instant::now() < deadline, "still loading after 20 s");
        thread::sleep(Duration::from_millis(5));
    }
}

fn int(client: &mut Client, key: &str) -> i64 {
    match client.call(&["GET", key]).unwrap() {
        Value::Bulk(b) => String::from_utf8(b).unwrap().parse().unwrap(),
        Value::NullBulk => 0,
        other => panic!("GET {key}: {other:?}"),
    }
}

fn ok(value: Value) -> bool {
    value == Value::Simple(b"OK".to_vec())
}

const WRITERS: usize = 6;
const ACCOUNTS: usize = 4;
const OPENING: i64 = 1_000;

/// Counters, cross-shard transfers and cross-shard MSET pairs from several clients until the
/// server dies; returns each writer's last acknowledged counter value and MSET round.
fn write_until_killed(server: Server, accounts: &[String], run_for: Duration) -> Vec<(i64, i64)> {
    let stop = AtomicBool::new(false);
    let port = server.port();
    thread::scope(|scope| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let stop = &stop;
                scope.spawn(move || {
                    let mut client = Client::connect(port).unwrap();
                    client.set_read_timeout(Duration::from_secs(10)).unwrap();
                    let (mut counter, mut round) = (0i64, 0i64);
                    let pair = (format!("pair:{w}:a"), format!("pair:{w}:b"));
                    let from = &accounts[w % ACCOUNTS];
                    let to = &accounts[(w + 1) % ACCOUNTS];
                    while !stop.load(Ordering::Relaxed) {
                        let key = format!("counter:{w}");
                        match client.call(&["INCR", key.as_str()]) {
                            Ok(Value::Integer(n)) => counter = n,
                            _ => break,
                        }
                        let next = (round + 1).to_string();
                        let mset = ["MSET", &pair.0, &next, &pair.1, &next];
                        match client.call(&mset) {
                            Ok(v) if ok(v.clone()) => round += 1,
                            _ => break,
                        }
                        let mut batch = testkit::encode_command(&["MULTI"]);
                        batch.extend(testkit::encode_command(&["DECRBY", from, "1"]));
                        batch.extend(testkit::encode_command(&["INCRBY", to, "1"]));
                        batch.extend(testkit::encode_command(&["EXEC"]));
                        if client.send_raw(&batch).is_err() {
                            break;
                        }
                        let replies: Result<Vec<Value>, _> =
                            (0..4).map(|_| client.read_value()).collect();
                        if replies.is_err() {
                            break;
                        }
                    }
                    (counter, round)
                })
            })
            .collect();
        // The load runs for `run_for`, then the server is killed in the middle of it.
        thread::sleep(run_for);
        drop(server);
        stop.store(true, Ordering::Relaxed);
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn setup_accounts(server: &Server, shards: usize) -> Vec<String> {
    let accounts = spread_keys("account:", ACCOUNTS, shards);
    let mut client = server.client();
    for account in &accounts {
        assert!(ok(client
            .call(&["SET", account, &OPENING.to_string()])
            .unwrap()));
    }
    accounts
}

/// After a restart: no transfer half applied, no MSET pair torn, no write invented.
fn check_consistent(client: &mut Client, accounts: &[String], acked: &[(i64, i64)]) -> Vec<i64> {
    let total: i64 = accounts.iter().map(|a| int(client, a)).sum();
    assert_eq!(
        total,
        ACCOUNTS as i64 * OPENING,
        "a transfer was half applied"
    );
    let mut losses = Vec::new();
    for (w, &(counter, round)) in acked.iter().enumerate() {
        let loaded = int(client, &format!("counter:{w}"));
        assert!(
            loaded <= counter + 1,
            "counter:{w} is {loaded}, only {counter} were sent"
        );
        let (a, b) = (
            int(client, &format!("pair:{w}:a")),
            int(client, &format!("pair:{w}:b")),
        );
        assert_eq!(a, b, "MSET pair {w} torn");
        assert!(a <= round + 1, "pair {w} at {a}, only {round} rounds sent");
        losses.push(counter - loaded);
    }
    losses
}

#[test]
fn with_always_every_acknowledged_write_survives_kill_9() {
    for shards in [2, 4] {
        let dir = Dir::new(&format!("always-{shards}"));
        let server = start(&dir, shards, "always");
        let accounts = setup_accounts(&server, shards);
        let acked = write_until_killed(server, &accounts, Duration::from_millis(800));
        assert!(
            acked.iter().all(|(c, _)| *c > 0),
            "too few writes: {acked:?}"
        );
        let restarted = start(&dir, shards, "always");
        let losses = check_consistent(&mut restarted.client(), &accounts, &acked);
        assert!(
            losses.iter().all(|&l| l <= 0),
            "acknowledged writes lost: {losses:?}"
        );
        eprintln!("{shards} shards, always: acknowledged {acked:?}, nothing lost");
    }
}

/// Under `everysec` a write reaches the file before its reply leaves (fsync comes later), so
/// a process crash loses nothing acknowledged, as with Redis; only an OS crash could.
#[test]
fn with_everysec_a_process_crash_loses_no_acknowledged_write() {
    let shards = 2;
    let dir = Dir::new("everysec");
    let server = start(&dir, shards, "everysec");
    let accounts = setup_accounts(&server, shards);
    let acked = write_until_killed(server, &accounts, Duration::from_millis(800));
    let restarted = start(&dir, shards, "everysec");
    let losses = check_consistent(&mut restarted.client(), &accounts, &acked);
    assert!(
        losses.iter().all(|&l| l <= 0),
        "acknowledged writes lost: {losses:?}"
    );
    eprintln!("everysec: acknowledged {acked:?}, nothing lost");
}

fn shard_file(dir: &Path, shard: usize) -> PathBuf {
    let manifest = std::fs::read_to_string(dir.join("appendonly.aof.manifest")).unwrap();
    let line = manifest
        .lines()
        .find(|l| l.ends_with(&format!(" shard {shard}")))
        .expect("the manifest names every shard");
    dir.join(line.split_whitespace().nth(1).unwrap())
}

/// Writes `bytes` where the writer would have: at the log's end, before the zeros the file is
/// preallocated with (which are then kept after them, as after a crash).
fn append(path: &Path, bytes: &[u8]) {
    let mut content = std::fs::read(path).unwrap();
    let log_end = content.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let physical = content.len();
    content.truncate(log_end);
    content.extend_from_slice(bytes);
    if content.len() < physical {
        content.resize(physical, 0);
    }
    std::fs::write(path, content).unwrap();
}

fn resp(args: &[&str]) -> Vec<u8> {
    testkit::encode_command(args)
}

#[test]
fn a_torn_tail_is_dropped_and_the_rest_loads() {
    let dir = Dir::new("torn");
    let server = start(&dir, 2, "always");
    let mut client = server.client();
    for i in 0..50 {
        assert!(ok(client
            .call(&["SET", &format!("k{i}"), &i.to_string()])
            .unwrap()));
    }
    drop(server);
    let torn = resp(&["SET", "torn", "value"]);
    append(&shard_file(&dir.aof_dir(), 0), &torn[..torn.len() - 4]);
    let restarted = start(&dir, 2, "always");
    let mut client = restarted.client();
    assert_eq!(client.call(&["DBSIZE"]).unwrap(), Value::Integer(50));
    assert_eq!(client.call(&["GET", "torn"]).unwrap(), Value::NullBulk);
    assert!(
        restarted.log_text().contains("incomplete record"),
        "{}",
        restarted.log_text()
    );
}

#[test]
fn a_transaction_block_not_every_shard_logged_is_not_applied() {
    let dir = Dir::new("half");
    let server = start(&dir, 2, "always");
    assert!(ok(server.client().call(&["SET", "before", "1"]).unwrap()));
    drop(server);
    let block = |name: &str, key: &str| {
        let mut bytes = resp(&["RINGKV.TX", name, "2"]);
        bytes.extend(resp(&["SELECT", "0"]));
        bytes.extend(resp(&["SET", key, "1"]));
        bytes.extend(resp(&["RINGKV.TXEND", name]));
        bytes
    };
    // "half" reached one of its two shards' logs before the crash; "whole" reached both.
    append(&shard_file(&dir.aof_dir(), 0), &block("t-half", "half"));
    append(&shard_file(&dir.aof_dir(), 0), &block("t-whole", "whole-a"));
    append(&shard_file(&dir.aof_dir(), 1), &block("t-whole", "whole-b"));
    let restarted = start(&dir, 2, "always");
    let mut client = restarted.client();
    let mget = client
        .call(&["MGET", "before", "half", "whole-a", "whole-b"])
        .unwrap();
    let one = Value::Bulk(b"1".to_vec());
    assert_eq!(
        mget,
        Value::Array(vec![one.clone(), Value::NullBulk, one.clone(), one])
    );
}

/// Every key of every type, read back type by type.
fn dump(client: &mut Client) -> Vec<(String, Value)> {
    let Value::Array(keys) = client.call(&["KEYS", "*"]).unwrap() else {
        panic!("KEYS");
    };
    let mut keys: Vec<String> = keys
        .into_iter()
        .map(|k| match k {
            Value::Bulk(b) => String::from_utf8(b).unwrap(),
            other => panic!("{other:?}"),
        })
        .collect();
    keys.sort();
    keys.into_iter()
        .map(|key| {
            let read: Vec<&str> = match client.call(&["TYPE", &key]).unwrap() {
                Value::Simple(t) if t == b"list" => vec!["LRANGE", &key, "0", "-1"],
                Value::Simple(t) if t == b"hash" => vec!["HGETALL", &key],
                Value::Simple(t) if t == b"set" => vec!["SMEMBERS", &key],
                Value::Simple(t) if t == b"zset" => vec!["ZRANGE", &key, "0", "-1", "WITHSCORES"],
                _ => vec!["GET", &key],
            };
            let mut value = client.call(&read).unwrap();
            if let Value::Array(items) = &mut value {
                if read[0] == "SMEMBERS" || read[0] == "HGETALL" {
                    items.sort();
                }
            }
            let deadline = client.call(&["PEXPIRETIME", &key]).unwrap();
            (key.clone(), Value::Array(vec![value, deadline]))
        })
        .collect()
}

#[test]
fn restarting_with_another_shard_count_keeps_every_key() {
    let dir = Dir::new("reshard");
    let server = start(&dir, 2, "everysec");
    let mut client = server.client();
    for i in 0..40 {
        let k = i.to_string();
        client.call(&["SET", &format!("s{i}"), &k]).unwrap();
        client.call(&["RPUSH", &format!("l{}", i % 7), &k]).unwrap();
        client
            .call(&["HSET", &format!("h{}", i % 5), &format!("f{i}"), &k])
            .unwrap();
        client
            .call(&["SADD", &format!("set{}", i % 3), &k])
            .unwrap();
        client
            .call(&["ZADD", &format!("z{}", i % 4), &format!("{i}.5"), &k])
            .unwrap();
    }
    for i in 0..300 {
        client
            .call(&["RPUSH", "biglist", &format!("item{i}")])
            .unwrap();
        client
            .call(&["HSET", "bighash", &format!("f{i}"), "v"])
            .unwrap();
    }
    client.call(&["PEXPIREAT", "s1", "4102444800000"]).unwrap();
    client
        .call(&["SUNIONSTORE", "union", "set0", "set1"])
        .unwrap();
    client.call(&["SELECT", "3"]).unwrap();
    client.call(&["SET", "in-db-3", "x"]).unwrap();
    client.call(&["SELECT", "0"]).unwrap();
    let before = dump(&mut client);
    let Value::Bulk(info) = client.call(&["INFO", "persistence"]).unwrap() else {
        panic!("INFO is a bulk string");
    };
    let info = String::from_utf8(info).unwrap();
    assert!(
        info.contains("aof_enabled:1\r\n") && info.contains("loading:0\r\n"),
        "{info}"
    );
    assert!(info.contains("aof_last_write_status:ok\r\n"), "{info}");
    drop(server);
    for shards in [4, 1, 3] {
        let restarted = start(&dir, shards, "everysec");
        let mut client = restarted.client();
        assert_eq!(
            dump(&mut client),
            before,
            "after restarting with {shards} shards"
        );
        client.call(&["SELECT", "3"]).unwrap();
        assert_eq!(
            client.call(&["GET", "in-db-3"]).unwrap(),
            Value::Bulk(b"x".to_vec())
        );
    }
}

fn info_field(client: &mut Client, field: &str) -> String {
    super::info_field(client, "persistence", field).unwrap_or_else(|| panic!("no {field}"))
}

fn wait_info(client: &mut Client, field: &str, value: &str) {
    super::wait_for_info(client, "persistence", field, value);
}

#[test]
fn rewrites_under_write_load_lose_nothing_and_split_no_transaction() {
    let shards = 2;
    let dir = Dir::new("rewrite");
    let server = start(&dir, shards, "always");
    let accounts = setup_accounts(&server, shards);
    let port = server.port();
    let rewriter = thread::spawn(move || {
        let mut client = Client::connect(port).unwrap();
        let mut started = 0;
        let deadline = Instant::now() + Duration::from_millis(800);
        while Instant::now() < deadline {
            match client.call(&["BGREWRITEAOF"]) {
                Ok(Value::Simple(_)) => started += 1,
                Ok(Value::Error(_)) => {}
                _ => break,
            }
            thread::sleep(Duration::from_millis(20));
        }
        started
    });
    let acked = write_until_killed(server, &accounts, Duration::from_millis(900));
    let rewrites = rewriter.join().unwrap();
    // Under CPU contention (tests run in parallel) rewrites may be few; one is enough to test.
    assert!(rewrites >= 1, "no rewrite started");
    let restarted = start(&dir, shards, "always");
    let losses = check_consistent(&mut restarted.client(), &accounts, &acked);
    assert!(
        losses.iter().all(|&l| l <= 0),
        "lost {losses:?} across {rewrites} rewrites"
    );
    let files = std::fs::read_dir(dir.aof_dir()).unwrap().count();
    assert_eq!(
        files,
        shards + 2,
        "the base, one log per shard and the manifest are left"
    );
}

#[test]
fn appendonly_turned_on_at_run_time_logs_what_was_there_and_what_follows() {
    let dir = Dir::new("turn-on");
    let path = dir.0.to_str().unwrap();
    let server = Server::ringkv_with(2, &["--dir", path]);
    let mut client = server.client();
    for i in 0..100 {
        client.call(&["SET", &format!("before:{i}"), "x"]).unwrap();
    }
    assert_eq!(info_field(&mut client, "aof_enabled"), "0");
    let reply = client.call(&["WAITAOF", "1", "0", "0"]).unwrap();
    let Value::Error(error) = reply else {
        panic!("{reply:?}")
    };
    assert!(error.starts_with(b"ERR WAITAOF cannot be used when numlocal is set"));
    assert!(ok(client
        .call(&["CONFIG", "SET", "appendonly", "yes"])
        .unwrap()));
    wait_info(&mut client, "aof_enabled", "1");
    wait_info(&mut client, "aof_rewrite_in_progress", "0");
    for i in 0..100 {
        client.call(&["SET", &format!("after:{i}"), "y"]).unwrap();
    }
    let acked = client.call(&["WAITAOF", "1", "0", "0"]).unwrap();
    assert_eq!(
        acked,
        Value::Array(vec![Value::Integer(1), Value::Integer(0)])
    );
    drop(server);
    let restarted = start(&dir, 3, "everysec");
    assert_eq!(
        restarted.client().call(&["DBSIZE"]).unwrap(),
        Value::Integer(200)
    );
}

#[test]
fn the_log_is_rewritten_automatically_once_it_doubles() {
    let dir = Dir::new("auto");
    let path = dir.0.to_str().unwrap();
    let args = [
        "--dir",
        path,
        "--appendonly",
        "yes",
        "--auto-aof-rewrite-percentage",
        "100",
        "--auto-aof-rewrite-min-size",
        "1mb",
    ];
    let server = Server::ringkv_with(2, &args);
    wait_loaded(&server);
    let mut client = server.client();
    let value = "v".repeat(1000);
    // The same 100 keys over and over: the log grows, the data does not.
    for round in 0..40 {
        for i in 0..100 {
            client
                .call(&["SET", &format!("k{i}"), &format!("{round}{value}")])
                .unwrap();
        }
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    while info_field(&mut client, "aof_rewrites") == "0" {
        assert!(Instant::now() < deadline, "no automatic rewrite");
        thread::sleep(Duration::from_millis(5));
    }
    wait_info(&mut client, "aof_rewrite_in_progress", "0");
    let size: u64 = info_field(&mut client, "aof_current_size").parse().unwrap();
    assert!(size < 2 << 20, "log still {size} bytes after the rewrite");
}

#[test]
fn the_first_aof_start_takes_its_data_from_the_rdb_file() {
    let dir = Dir::new("from-rdb");
    let path = dir.0.to_str().unwrap();
    let server = Server::ringkv_with(2, &["--dir", path]);
    let mut client = server.client();
    for i in 0..50 {
        client.call(&["SET", &format!("k{i}"), "v"]).unwrap();
    }
    assert!(ok(client.call(&["SAVE"]).unwrap()));
    drop(server);
    let server = start(&dir, 4, "always");
    assert_eq!(
        server.client().call(&["DBSIZE"]).unwrap(),
        Value::Integer(50)
    );
    drop(server);
    // The RDB file alone would still hold 50: remove it, the AOF must hold them now.
    std::fs::remove_file(dir.0.join("dump.rdb")).unwrap();
    let server = start(&dir, 2, "always");
    assert_eq!(
        server.client().call(&["DBSIZE"]).unwrap(),
        Value::Integer(50)
    );
}

#[test]
fn sigterm_saves_and_fsyncs_before_exiting() {
    let dir = Dir::new("sigterm");
    let path = dir.0.to_str().unwrap();
    let server = Server::ringkv_with(2, &["--dir", path, "--save", "3600", "1"]);
    let mut client = server.client();
    for i in 0..20 {
        client.call(&["SET", &format!("k{i}"), "v"]).unwrap();
    }
    let pid = server.pid().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    assert!(sent.unwrap().success(), "kill -TERM {pid}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !dir.0.join("dump.rdb").exists() || client.call(&["PING"]).is_ok() {
        assert!(Instant::now() < deadline, "no save and exit after SIGTERM");
        thread::sleep(Duration::from_millis(10));
    }
    drop(server);
    let restarted = Server::ringkv_with(4, &["--dir", path]);
    wait_loaded(&restarted);
    assert_eq!(
        restarted.client().call(&["DBSIZE"]).unwrap(),
        Value::Integer(20)
    );
    assert!(restarted.log_text().contains("DB loaded from disk"));
}

#[test]
fn a_rewrite_cut_short_replays_the_old_logs_then_the_new() {
    let dir = Dir::new("cut-short");
    // A key of shard 0 with 2 shards: its older log is shard 0's.
    let key = spread_keys("cut:", 1, 2).remove(0);
    let server = start(&dir, 2, "always");
    assert!(ok(server.client().call(&["SET", &key, "1"]).unwrap()));
    drop(server);
    // What the manifest says while a rewrite runs: the old generation and the new logs, of
    // which one has some records and the other was not created yet when the crash came.
    let manifest = dir.aof_dir().join("appendonly.aof.manifest");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text += "file appendonly.aof.99.0.incr.aof seq 99 type i shard 0\n";
    text += "file appendonly.aof.99.1.incr.aof seq 99 type i shard 1\n";
    std::fs::write(&manifest, text).unwrap();
    let mut log = resp(&["SELECT", "0"]);
    log.extend(resp(&["SET", "new", "2"]));
    log.extend(resp(&["SET", &key, "3"]));
    std::fs::write(dir.aof_dir().join("appendonly.aof.99.0.incr.aof"), log).unwrap();
    let restarted = start(&dir, 3, "always");
    let mut client = restarted.client();
    let both = client.call(&["MGET", &key, "new"]).unwrap();
    let bulk = |s: &str| Value::Bulk(s.as_bytes().to_vec());
    assert_eq!(both, Value::Array(vec![bulk("3"), bulk("2")]));
}
