//! Optimistic increments: each client loops { WATCH keys; GET keys; MULTI; SET keys v+1; EXEC }
//! until it has its share of successful EXECs. WATCH must abort every EXEC whose read went
//! stale, so the final value equals the number of successful EXECs, no more (lost updates
//! would show as less).

use std::thread;
use std::time::{Duration, Instant};

use testkit::{Client, Value};

use super::{command, join, mget_ints, spread_keys, stored_int, transaction, Target};

const CLIENTS: usize = 6;
const SUCCESSES_EACH: usize = 40;
/// A failure bound, not a pace: each run needs far less when EXECs are not starved.
const GIVE_UP_AFTER: Duration = Duration::from_secs(10);

/// One watched counter.
pub fn run_one_key(target: Target) {
    run(target, &spread_keys("watch:counter:", 1, target.shards));
}

/// A counter and a mirror on another shard, watched and written together: a successful EXEC
/// must have read them equal.
pub fn run_two_keys(target: Target) {
    let keys = spread_keys("watch:pair:", 2, target.shards);
    run(target, &keys);
}

fn run(target: Target, keys: &[String]) {
    let deadline = Instant::now() + GIVE_UP_AFTER;
    let aborted: usize = thread::scope(|scope| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| scope.spawn(|| increment(target.client(), keys, deadline)))
            .collect();
        clients.into_iter().map(join).sum()
    });
    let total = (CLIENTS * SUCCESSES_EACH) as i64;
    let finals = mget_ints(&mut target.client(), keys);
    eprintln!("{total} successful EXECs, {aborted} aborted; final {finals:?}");
    assert!(
        finals.iter().all(|&v| v == total),
        "after {total} successful EXECs the keys hold {finals:?}"
    );
}

/// Increments until `SUCCESSES_EACH` EXECs succeeded; returns how many were aborted.
fn increment(mut client: Client, keys: &[String], deadline: Instant) -> usize {
    let (mut succeeded, mut aborted) = (0, 0);
    while succeeded < SUCCESSES_EACH {
        assert!(
            Instant::now() < deadline,
            "{succeeded} of {SUCCESSES_EACH} EXECs succeeded within {GIVE_UP_AFTER:?} \
             ({aborted} aborted)"
        );
        let seen = watch_and_read(&mut client, keys);
        let next = (seen[0] + 1).to_string();
        let sets: Vec<Vec<String>> = keys.iter().map(|k| command(&["SET", k, &next])).collect();
        match transaction(&mut client, &sets) {
            Value::Array(_) => {
                // Another client's EXEC between our reads would have touched a watched key.
                assert!(
                    seen.iter().all(|&v| v == seen[0]),
                    "EXEC succeeded after reading unequal {keys:?} = {seen:?}"
                );
                succeeded += 1;
            }
            _ => aborted += 1,
        }
    }
    aborted
}

/// WATCH every key, then GET them one by one (not MGET: separate reads may interleave with
/// other clients' EXECs, which WATCH must then catch).
fn watch_and_read(client: &mut Client, keys: &[String]) -> Vec<i64> {
    let mut watch = vec!["WATCH".to_string()];
    watch.extend(keys.iter().cloned());
    let reply = client.call(&watch).expect("WATCH");
    assert_eq!(reply, Value::Simple(b"OK".to_vec()), "WATCH");
    keys.iter()
        .map(|key| stored_int(&client.call(&["GET", key]).expect("GET")))
        .collect()
}
