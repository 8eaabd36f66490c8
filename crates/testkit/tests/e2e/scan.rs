//! SCAN across shards while the keyspace grows.

use std::collections::HashSet;
use std::thread;

use testkit::{encode_command, Client, Value};

use super::for_each_shard_count;

const PRESENT: usize = 1000;
const ADDED: usize = 2000;

/// Stores keys `{prefix}{i}` for i in `range`, pipelined in batches of 50.
fn add_keys(client: &mut Client, prefix: &str, range: std::ops::Range<usize>) {
    let keys: Vec<usize> = range.collect();
    for chunk in keys.chunks(50) {
        let batch: Vec<u8> = chunk
            .iter()
            .flat_map(|i| encode_command(&["SET", &format!("{prefix}{i}"), "v"]))
            .collect();
        client.send_raw(&batch).expect("writing SETs");
        for _ in chunk {
            assert_eq!(client.read_raw().expect("SET reply"), b"+OK\r\n");
        }
    }
}

/// One full SCAN iteration with the given extra arguments; every key seen, in order.
fn full_scan(client: &mut Client, extra: &[&str]) -> Vec<Vec<u8>> {
    let mut cursor = b"0".to_vec();
    let mut seen = Vec::new();
    // Generous bound: a cursor that never returns to 0 must fail the test, not hang it.
    for _ in 0..100_000 {
        let mut args: Vec<&[u8]> = vec![b"SCAN", &cursor];
        args.extend(extra.iter().map(|a| a.as_bytes()));
        let reply = client.call(&args).expect("SCAN");
        let Some([Value::Bulk(next), Value::Array(keys)]) = reply.as_items() else {
            panic!("SCAN returned {reply:?}");
        };
        seen.extend(
            keys.iter()
                .map(|k| k.as_bytes().expect("keys are bulk").to_vec()),
        );
        if next.as_slice() == b"0" {
            return seen;
        }
        cursor = next.clone();
    }
    panic!("SCAN did not finish within 100000 calls");
}

#[test]
fn scan_returns_every_present_key_while_others_are_added() {
    for_each_shard_count(|server, _| {
        let mut setup = server.client();
        add_keys(&mut setup, "present:", 0..PRESENT);
        let seen = thread::scope(|scope| {
            let mut adder = server.client();
            scope.spawn(move || add_keys(&mut adder, "added:", 0..ADDED));
            let mut scanner = server.client();
            full_scan(&mut scanner, &["COUNT", "10"])
        });
        let seen: HashSet<Vec<u8>> = seen.into_iter().collect();
        let missing: Vec<usize> = (0..PRESENT)
            .filter(|i| !seen.contains(format!("present:{i}").as_bytes()))
            .collect();
        assert!(missing.is_empty(), "SCAN missed present:{{{missing:?}}}");
    });
}

#[test]
fn scan_with_match_returns_only_and_all_matching_keys() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        add_keys(&mut client, "m:", 0..300);
        add_keys(&mut client, "other:", 0..300);
        let seen = full_scan(&mut client, &["MATCH", "m:*", "COUNT", "10"]);
        assert!(
            seen.iter().all(|k| k.starts_with(b"m:")),
            "non-matching key returned"
        );
        let distinct: HashSet<Vec<u8>> = seen.into_iter().collect();
        assert_eq!(distinct.len(), 300);
    });
}
