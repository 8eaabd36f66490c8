//! WATCH against other connections, step by step: what another client does between WATCH and
//! EXEC, on any shard, decides whether EXEC runs. (The same connection's own writes are covered
//! by the differential scripts tests/scripts/transactions_*.redis.)

use std::time::{Duration, Instant};

use testkit::{Client, Value};

use super::{command, spread_keys, transaction, Target};

/// Keys on every shard (4 is the most we run), one value each.
fn fresh_keys(target: Target, client: &mut Client) -> Vec<String> {
    let keys = spread_keys("other:", 4, target.shards);
    let mut mset = vec!["MSET".to_string()];
    for key in &keys {
        mset.extend([key.clone(), "1".to_string()]);
    }
    assert_ok(client.call(&mset).expect("MSET"), "MSET");
    keys
}

fn assert_ok(reply: Value, what: &str) {
    assert_eq!(reply, Value::Simple(b"OK".to_vec()), "{what}");
}

fn watch(client: &mut Client, keys: &[String]) {
    let mut args = vec!["WATCH".to_string()];
    args.extend(keys.iter().cloned());
    assert_ok(client.call(&args).expect("WATCH"), "WATCH");
}

/// Runs `SET keys[0] mine` in a transaction; true when EXEC ran it, false when WATCH aborted it.
fn exec_ran(client: &mut Client, keys: &[String]) -> bool {
    let exec = transaction(client, &[command(&["SET", &keys[0], "mine"])]);
    let ran = !exec.is_null();
    let stored = client.call(&["GET", &keys[0]]).expect("GET");
    assert_eq!(
        stored == Value::Bulk(b"mine".to_vec()),
        ran,
        "EXEC answered {exec:?} but the key holds {stored:?}"
    );
    ran
}

/// Another client's writes to any one of the watched keys abort EXEC, even writes that store
/// the value already there; its reads, its no-op writes and its writes to unwatched keys do not.
pub fn writes_abort(target: Target) {
    let (mut watcher, mut other) = (target.client(), target.client());
    let touching: [&[&str]; 7] = [
        &["SET", "KEY", "1"],
        &["SET", "KEY", "changed"],
        &["DEL", "KEY"],
        &["INCRBY", "KEY", "0"],
        &["EXPIRE", "KEY", "100"],
        &["RENAME", "KEY", "other:renamed"],
        &["MSET", "other:unwatched", "x", "KEY", "2"],
    ];
    for (case, template) in touching.iter().enumerate() {
        let keys = fresh_keys(target, &mut watcher);
        let victim = &keys[case % keys.len()];
        watch(&mut watcher, &keys);
        let args: Vec<&str> = template
            .iter()
            .map(|&a| if a == "KEY" { victim.as_str() } else { a })
            .collect();
        let reply = other.call(&args).expect("the other client's write");
        assert!(!reply.is_error(), "{args:?} failed: {reply:?}");
        assert!(
            !exec_ran(&mut watcher, &keys),
            "EXEC ran although another client ran {args:?} on watched {victim}"
        );
    }
    let harmless: [&[&str]; 5] = [
        &["GET", "KEY"],
        &["EXISTS", "KEY", "other:missing"],
        &["DEL", "other:missing"],
        &["SETNX", "KEY", "x"],
        &["SET", "other:unwatched", "x"],
    ];
    for (case, template) in harmless.iter().enumerate() {
        let keys = fresh_keys(target, &mut watcher);
        let victim = &keys[case % keys.len()];
        watch(&mut watcher, &keys);
        let args: Vec<&str> = template
            .iter()
            .map(|&a| if a == "KEY" { victim.as_str() } else { a })
            .collect();
        other.call(&args).expect("the other client's command");
        assert!(
            exec_ran(&mut watcher, &keys),
            "EXEC aborted although another client only ran {args:?}"
        );
    }
}

/// Another client's FLUSHALL, FLUSHDB and SWAPDB empty the watched keys' database: EXEC aborts.
/// FLUSHDB of another database does not.
pub fn flushes_abort(target: Target) {
    let (mut watcher, mut other) = (target.client(), target.client());
    for flush in [&["FLUSHALL"][..], &["FLUSHDB"], &["SWAPDB", "0", "1"]] {
        let keys = fresh_keys(target, &mut watcher);
        watch(&mut watcher, &keys);
        assert_ok(other.call(flush).expect("flush"), "flush");
        assert!(!exec_ran(&mut watcher, &keys), "EXEC ran after {flush:?}");
    }
    assert_ok(other.call(&["SELECT", "1"]).expect("SELECT"), "SELECT 1");
    let keys = fresh_keys(target, &mut watcher);
    watch(&mut watcher, &keys);
    assert_ok(
        other.call(&["FLUSHDB"]).expect("FLUSHDB"),
        "FLUSHDB in db 1",
    );
    assert!(
        exec_ran(&mut watcher, &keys),
        "FLUSHDB of db 1 aborted db 0"
    );
}

/// The server's clock in milliseconds, from TIME.
fn server_time_ms(client: &mut Client) -> i64 {
    let reply = client.call(&["TIME"]).expect("TIME");
    let parts: Vec<i64> = reply
        .as_items()
        .unwrap_or_else(|| panic!("TIME answered {reply:?}"))
        .iter()
        .map(|part| {
            let text = String::from_utf8_lossy(part.as_bytes().expect("TIME parts are strings"));
            text.parse().expect("TIME parts are integers")
        })
        .collect();
    parts[0] * 1_000 + parts[1] / 1_000
}

/// A watched key whose deadline passes between WATCH and EXEC aborts EXEC, whether or not
/// anything deleted it meanwhile, on whichever shard it lives. The test waits by polling the
/// server's own clock, without touching the key.
pub fn expiry_aborts(target: Target) {
    let (mut watcher, mut clock) = (target.client(), target.client());
    let keys = fresh_keys(target, &mut watcher);
    for victim in &keys {
        let deadline_ms = server_time_ms(&mut clock) + 50;
        let pxat = deadline_ms.to_string();
        let reply = watcher.call(&["SET", victim, "short", "PXAT", &pxat]);
        assert_ok(reply.expect("SET PXAT"), "SET PXAT");
        watch(&mut watcher, &keys);
        let give_up = Instant::now() + Duration::from_secs(5);
        while server_time_ms(&mut clock) <= deadline_ms {
            assert!(
                Instant::now() < give_up,
                "the server clock did not pass the deadline"
            );
        }
        assert!(
            !exec_ran(&mut watcher, &keys),
            "EXEC ran although watched {victim} expired after WATCH"
        );
        assert_ok(watcher.call(&["SET", victim, "1"]).expect("SET"), "SET");
    }
}

/// Commands queued by MULTI change nothing other clients can see until EXEC, and then all of
/// them are visible at once.
pub fn queued_is_invisible(target: Target) {
    let (mut writer, mut reader) = (target.client(), target.client());
    let keys = fresh_keys(target, &mut writer);
    assert_ok(writer.call(&["MULTI"]).expect("MULTI"), "MULTI");
    for key in &keys {
        let reply = writer.call(&["SET", key, "queued"]).expect("SET");
        assert_eq!(reply, Value::Simple(b"QUEUED".to_vec()), "SET {key}");
    }
    let mut mget = vec!["MGET".to_string()];
    mget.extend(keys.iter().cloned());
    let before = reader.call(&mget).expect("MGET");
    let ones = Value::Array(vec![Value::Bulk(b"1".to_vec()); keys.len()]);
    assert_eq!(before, ones, "queued SETs are visible before EXEC");
    // Other clients keep writing while a transaction is open.
    assert_ok(
        reader.call(&["SET", "other:free", "x"]).expect("SET"),
        "SET",
    );
    let exec = writer.call(&["EXEC"]).expect("EXEC");
    let oks = Value::Array(vec![Value::Simple(b"OK".to_vec()); keys.len()]);
    assert_eq!(exec, oks, "EXEC");
    let after = reader.call(&mget).expect("MGET");
    let queued = Value::Array(vec![Value::Bulk(b"queued".to_vec()); keys.len()]);
    assert_eq!(
        after, queued,
        "EXEC's writes are all visible after it answered"
    );
}
