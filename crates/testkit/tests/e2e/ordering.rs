//! Per-connection ordering across shards, and multi-key writes never seen torn.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use testkit::slot::key_on_other_shard;
use testkit::{encode_command, shard_of, Client, Value};

use super::for_each_shard_count;

const ROUNDS: usize = 20_000;
const ROUNDS_PER_WRITE: usize = 250;

/// Reads an integer stored as a string; a missing key reads as 0.
fn stored_int(client: &mut Client, key: &str) -> i64 {
    match client.call(&["GET", key]).expect("GET") {
        Value::NullBulk | Value::Null => 0,
        Value::Bulk(bytes) => String::from_utf8_lossy(&bytes)
            .parse()
            .expect("the writer stores integers"),
        other => panic!("GET {key} returned {other:?}"),
    }
}

/// Pipelines `command(i)` for i in 1..=ROUNDS in batches, checking every reply is `+OK`.
fn pipeline_writes(mut client: Client, command: impl Fn(usize) -> Vec<Vec<u8>>) {
    for start in (1..=ROUNDS).step_by(ROUNDS_PER_WRITE) {
        let end = (start + ROUNDS_PER_WRITE).min(ROUNDS + 1);
        let batch: Vec<Vec<u8>> = (start..end).flat_map(&command).collect();
        client.send_raw(&batch.concat()).expect("writing a batch");
        for _ in 0..batch.len() {
            assert_eq!(client.read_raw().expect("write reply"), b"+OK\r\n");
        }
    }
}

#[test]
fn a_connections_writes_become_visible_in_the_order_it_sent_them() {
    for_each_shard_count(|server, shards| {
        let a = "order:a";
        let b = key_on_other_shard("order:b", a.as_bytes(), shards);
        assert_ne!(
            shard_of(a.as_bytes(), shards),
            shard_of(b.as_bytes(), shards)
        );
        let writer = server.client();
        let done = AtomicBool::new(false);
        thread::scope(|scope| {
            let b_key = b.clone();
            let done = &done;
            scope.spawn(move || {
                pipeline_writes(writer, |i| {
                    let i = i.to_string();
                    vec![
                        encode_command(&["SET", a, &i]),
                        encode_command(&["SET", &b_key, &i]),
                    ]
                });
                done.store(true, Ordering::Release);
            });
            let mut observer = server.client();
            while !done.load(Ordering::Acquire) {
                // b is read first: whatever round it shows, a was written in that round or
                // earlier, so a read of a that comes later can never be smaller.
                let seen_b = stored_int(&mut observer, &b);
                let seen_a = stored_int(&mut observer, a);
                assert!(seen_a >= seen_b, "saw {b}={seen_b} but then {a}={seen_a}");
            }
        });
        let mut check = server.client();
        assert_eq!(stored_int(&mut check, a), ROUNDS as i64);
        assert_eq!(stored_int(&mut check, &b), ROUNDS as i64);
    });
}

// The torn-write check (MGET never sees half of a cross-shard MSET) is in transactions/torn.rs.
