//! End-to-end tests: the real ringkv binary on 127.0.0.1, raw RESP over TCP. Every test runs
//! once with 2 shards and once with 4, so that cross-shard paths are always exercised.

mod acl;
mod aof;
mod blocking;
mod blocking_queue;
mod blocking_streams;
mod connection;
mod hostile;
mod netns;
mod ordering;
mod pipeline;
mod protocol;
mod root;
mod scan;
mod tls;
mod transactions;

use std::time::{Duration, Instant};

use testkit::{Client, Server, Value, SHARD_COUNTS};

/// Runs `test` against a fresh ringkv for each shard count, naming the count on failure.
pub fn for_each_shard_count(test: impl Fn(&Server, usize)) {
    for shards in SHARD_COUNTS {
        let server = Server::ringkv(shards);
        eprintln!("running against {}", server.name());
        test(&server, shards);
    }
}

/// Field `field` of `INFO section`, as text.
pub fn info_field(client: &mut Client, section: &str, field: &str) -> Option<String> {
    let Value::Bulk(info) = client.call(&["INFO", section]).unwrap() else {
        panic!("INFO returns a bulk string");
    };
    let text = String::from_utf8_lossy(&info).into_owned();
    let prefix = format!("{field}:");
    text.lines()
        .find_map(|line| line.strip_prefix(prefix.as_str()))
        .map(|value| value.trim().to_string())
}

/// Polls INFO (bounded, 20 s) until `field` of `section` reads `value`.
pub fn wait_for_info(client: &mut Client, section: &str, field: &str, value: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = info_field(client, section, field);
        if now.as_deref() == Some(value) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{field} stayed {now:?}, not {value}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}
