//! Cross-shard transactions (issue #4) seen from many clients at once: invariants that no
//! interleaving may break, and WATCH against other connections' writes.
//!
//! Every body takes a [`Target`] (a port and the shard count that places its keys), so that the
//! same code runs against ringkv with 2 and 4 shards and, in the `#[ignore]`d `*_on_redis`
//! twins, against redis-server, which shows each invariant is Redis's own:
//!
//!     cargo test -p testkit --test e2e transactions -- --ignored
//!
//! The bodies run for a bounded time and assert progress as well as safety, so a server that
//! refuses the commands or serialises nothing cannot pass by doing nothing.

mod bank;
mod torn;
mod watch_counter;
mod watch_others;

use std::thread::ScopedJoinHandle;

use testkit::{shard_of, Client, Server, Value};

use super::for_each_shard_count;

/// The server under test and how its keyspace is split (1 for redis-server).
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// TCP port on 127.0.0.1.
    pub port: u16,
    /// Shard count used to place keys; 1 when the server has a single keyspace.
    pub shards: usize,
}

impl Target {
    /// A new connection; panics when the server refuses it.
    pub fn client(&self) -> Client {
        Client::connect(self.port).unwrap_or_else(|e| panic!("connecting to {}: {e}", self.port))
    }
}

/// Runs `body` against ringkv with every shard count.
fn on_ringkv(body: impl Fn(Target)) {
    for_each_shard_count(|server, shards| {
        body(Target {
            port: server.port(),
            shards,
        })
    });
}

/// Runs `body` against a fresh redis-server, keys placed as for one shard.
fn on_redis(body: impl Fn(Target)) {
    let server = Server::redis().expect("these tests exist to run against redis-server");
    eprintln!("running against {}", server.name());
    body(Target {
        port: server.port(),
        shards: 1,
    });
}

/// `count` keys `{prefix}{n}`, the i-th on shard `i % shards`: neighbours live on different
/// shards whenever there are several, and every shard gets one when `count >= shards`.
pub fn spread_keys(prefix: &str, count: usize, shards: usize) -> Vec<String> {
    let mut candidates = (0..).map(|n| format!("{prefix}{n}"));
    (0..count)
        .map(|i| {
            let shard = i % shards;
            candidates
                .find(|key| shard_of(key.as_bytes(), shards) == shard)
                .expect("every shard owns some key of the sequence")
        })
        .collect()
}

/// Sends MULTI, `commands` and EXEC in one write, checks MULTI's `+OK` and each `+QUEUED`, and
/// returns EXEC's reply: an array of results, or a null when WATCH aborted the transaction.
pub fn transaction(client: &mut Client, commands: &[Vec<String>]) -> Value {
    let mut batch = testkit::encode_command(&["MULTI"]);
    for command in commands {
        batch.extend(testkit::encode_command(command));
    }
    batch.extend(testkit::encode_command(&["EXEC"]));
    client.send_raw(&batch).expect("sending a transaction");
    let multi = client.read_raw().expect("MULTI reply");
    assert_eq!(String::from_utf8_lossy(&multi), "+OK\r\n", "MULTI");
    for command in commands {
        let queued = client.read_raw().expect("queueing reply");
        assert_eq!(
            String::from_utf8_lossy(&queued),
            "+QUEUED\r\n",
            "queueing {command:?}"
        );
    }
    let exec = client.read_value().expect("EXEC reply");
    match &exec {
        Value::Array(results) => assert_eq!(results.len(), commands.len(), "EXEC {exec:?}"),
        Value::NullArray | Value::Null => {}
        other => panic!("EXEC answered {other:?}"),
    }
    exec
}

/// Builds a command from string slices.
pub fn command(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// An integer stored as a string; a missing key reads as 0.
pub fn stored_int(value: &Value) -> i64 {
    match value {
        Value::NullBulk | Value::Null => 0,
        Value::Bulk(bytes) => String::from_utf8_lossy(bytes)
            .parse()
            .unwrap_or_else(|_| panic!("not an integer: {value:?}")),
        other => panic!("expected an integer string, got {other:?}"),
    }
}

/// Integers of every key, read with one MGET.
pub fn mget_ints(client: &mut Client, keys: &[String]) -> Vec<i64> {
    let mut args = vec!["MGET".to_string()];
    args.extend(keys.iter().cloned());
    let reply = client.call(&args).expect("MGET");
    let items = reply
        .as_items()
        .unwrap_or_else(|| panic!("MGET answered {reply:?}"));
    assert_eq!(items.len(), keys.len(), "MGET {reply:?}");
    items.iter().map(stored_int).collect()
}

/// Joins a scoped thread, re-raising its panic with the original message.
pub fn join<T>(handle: ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|payload| std::panic::resume_unwind(payload))
}

/// Declares a test against ringkv (2 and 4 shards) and its ignored twin against redis-server.
macro_rules! on_both {
    ($ringkv:ident, $redis:ident, $body:path) => {
        #[test]
        fn $ringkv() {
            on_ringkv($body);
        }

        #[test]
        #[ignore = "proves the invariant on redis-server: run with --ignored"]
        fn $redis() {
            on_redis($body);
        }
    };
}

on_both!(
    bank_transfers_keep_the_total_in_every_snapshot,
    bank_transfers_keep_the_total_in_every_snapshot_on_redis,
    bank::run
);
on_both!(
    mget_never_sees_half_of_a_cross_shard_mset,
    mget_never_sees_half_of_a_cross_shard_mset_on_redis,
    torn::run
);
on_both!(
    watch_increments_count_exactly_the_successful_execs,
    watch_increments_count_exactly_the_successful_execs_on_redis,
    watch_counter::run_one_key
);
on_both!(
    watch_on_keys_of_two_shards_increments_both_in_step,
    watch_on_keys_of_two_shards_increments_both_in_step_on_redis,
    watch_counter::run_two_keys
);
on_both!(
    another_clients_write_to_any_watched_key_aborts_exec,
    another_clients_write_to_any_watched_key_aborts_exec_on_redis,
    watch_others::writes_abort
);
on_both!(
    another_clients_flush_or_swapdb_aborts_exec,
    another_clients_flush_or_swapdb_aborts_exec_on_redis,
    watch_others::flushes_abort
);
on_both!(
    a_watched_key_reaching_its_deadline_aborts_exec,
    a_watched_key_reaching_its_deadline_aborts_exec_on_redis,
    watch_others::expiry_aborts
);
on_both!(
    queued_commands_stay_invisible_until_exec,
    queued_commands_stay_invisible_until_exec_on_redis,
    watch_others::queued_is_invisible
);

#[test]
fn spread_keys_puts_neighbours_on_different_shards() {
    for shards in [1, 2, 4] {
        let keys = spread_keys("spread:", 8, shards);
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(shard_of(key.as_bytes(), shards), i % shards, "{key}");
        }
    }
}
