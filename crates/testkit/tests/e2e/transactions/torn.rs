//! Torn writes: writers MSET a group of keys, one per shard, to one value (pipelined, with
//! increasing counters); readers MGET every group at once. An MGET that shows two different
//! values inside one group saw half of an MSET.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use testkit::{encode_command, render, Client, Value};

use super::{join, spread_keys, Target};

const GROUPS: usize = 3;
/// Two writers per group, so that MSETs of one group also race each other.
const WRITERS_PER_GROUP: usize = 2;
const READERS: usize = 3;
/// MSETs sent in one write by a writer before it reads their replies.
const BATCH: usize = 16;
const RUN_FOR: Duration = Duration::from_millis(1_500);
const MIN_WRITES: usize = 1_000;
const MIN_READS: usize = 100;

/// Runs writers and readers until the deadline.
pub fn run(target: Target) {
    // At least two keys per group, on every shard there is.
    let width = target.shards.max(2);
    let groups: Vec<Vec<String>> = (0..GROUPS)
        .map(|g| spread_keys(&format!("torn:{g}:"), width, target.shards))
        .collect();
    let mut setup = target.client();
    for group in &groups {
        let reply = setup.call(&mset(group, "start")).expect("MSET");
        assert_eq!(reply, Value::Simple(b"OK".to_vec()));
    }
    let deadline = Instant::now() + RUN_FOR;
    let writes = AtomicUsize::new(0);
    let reads = thread::scope(|scope| {
        for (g, group) in groups.iter().enumerate() {
            for w in 0..WRITERS_PER_GROUP {
                let writes = &writes;
                scope.spawn(move || {
                    let tag = format!("g{g}w{w}");
                    let done = write_until(target.client(), group, &tag, deadline);
                    writes.fetch_add(done, Ordering::Relaxed);
                });
            }
        }
        let readers: Vec<_> = (0..READERS)
            .map(|r| {
                let groups = &groups;
                scope.spawn(move || read_until(target.client(), groups, r % 2 == 1, deadline))
            })
            .collect();
        readers.into_iter().map(join).sum::<usize>()
    });
    let writes = writes.into_inner();
    eprintln!("{writes} MSETs of {width} keys, {reads} MGETs of {GROUPS} groups");
    assert!(writes >= MIN_WRITES, "only {writes} MSETs");
    assert!(reads >= MIN_READS, "only {reads} MGETs");
}

/// `MSET k1 value k2 value ...`.
fn mset(keys: &[String], value: &str) -> Vec<String> {
    let mut args = vec!["MSET".to_string()];
    for key in keys {
        args.push(key.clone());
        args.push(value.to_string());
    }
    args
}

/// Pipelines batches of MSETs of `group` to `tag:i`, i increasing, until the deadline; returns
/// how many it sent.
fn write_until(mut client: Client, group: &[String], tag: &str, deadline: Instant) -> usize {
    let mut sent = 0;
    while Instant::now() < deadline {
        let batch: Vec<u8> = (sent..sent + BATCH)
            .flat_map(|i| encode_command(&mset(group, &format!("{tag}:{i}"))))
            .collect();
        client.send_raw(&batch).expect("sending MSETs");
        for _ in 0..BATCH {
            let reply = client.read_raw().expect("MSET reply");
            assert_eq!(String::from_utf8_lossy(&reply), "+OK\r\n", "MSET");
        }
        sent += BATCH;
    }
    sent
}

/// MGETs every key of every group (in reverse order when `reversed`, so that readers do not
/// all visit the shards in one order) until the deadline; returns how many MGETs it made.
fn read_until(
    mut client: Client,
    groups: &[Vec<String>],
    reversed: bool,
    deadline: Instant,
) -> usize {
    let mut keys: Vec<&String> = groups.iter().flatten().collect();
    if reversed {
        keys.reverse();
    }
    let mut args = vec!["MGET"];
    args.extend(keys.iter().map(|k| k.as_str()));
    let mut reads = 0;
    loop {
        let reply = client.call(&args).expect("MGET");
        let values = reply
            .as_items()
            .unwrap_or_else(|| panic!("MGET answered {reply:?}"));
        assert_eq!(values.len(), keys.len(), "MGET {reply:?}");
        for group in groups {
            let seen: Vec<&Value> = group
                .iter()
                .map(|key| &values[keys.iter().position(|k| *k == key).expect("key is read")])
                .collect();
            if seen.windows(2).any(|pair| pair[0] != pair[1]) {
                let shown: Vec<String> = seen.iter().map(|v| render(v)).collect();
                panic!("MGET {reads} saw a torn MSET of {group:?}: {shown:?}");
            }
        }
        reads += 1;
        if Instant::now() >= deadline {
            return reads;
        }
    }
}
