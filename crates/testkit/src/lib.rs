//! Test support for ringkv: server guards, a blocking RESP client, and the differential and
//! end-to-end runners used by the tests under `crates/testkit/tests/`.
//!
//! Architecture Invariants: this crate depends on no crate of ours — it talks to the real
//! `ringkv` binary over TCP exactly as a user's client would, and to the reference
//! `redis-server` the same way, so nothing here can agree with ringkv by sharing its code.
//! No test synchronises by sleeping: servers are awaited by bounded PING polling, and
//! concurrency checks assert invariants rather than timings.

pub mod client;
pub mod compare;
pub mod random;
pub mod reply;
pub mod script;
pub mod server;
pub mod slot;

pub use client::{encode_command, Client};
pub use compare::{replies_match, Compare};
pub use reply::render::{command_line, quote, render};
pub use reply::value::Value;
pub use script::args::split_args;
pub use server::{free_port, Server};
pub use slot::{key_slot, shard_of};

/// Every end-to-end and differential test runs once per shard count in this list.
pub const SHARD_COUNTS: [usize; 2] = [2, 4];
