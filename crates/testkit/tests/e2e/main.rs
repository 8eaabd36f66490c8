//! End-to-end tests: the real ringkv binary on 127.0.0.1, raw RESP over TCP. Every test runs
//! once with 2 shards and once with 4, so that cross-shard paths are always exercised.

mod acl;
mod aof;
mod blocking;
mod blocking_queue;
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

use testkit::{Server, SHARD_COUNTS};

/// Runs `test` against a fresh ringkv for each shard count, naming the count on failure.
pub fn for_each_shard_count(test: impl Fn(&Server, usize)) {
    for shards in SHARD_COUNTS {
        let server = Server::ringkv(shards);
        eprintln!("running against {}", server.name());
        test(&server, shards);
    }
}
