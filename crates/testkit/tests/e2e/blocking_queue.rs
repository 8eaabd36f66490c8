//! Queue exactly-once: producers LPUSH unique ids onto queues on different shards; consumers
//! take them with BRPOP over every queue or with BLMOVE into a private processing list that
//! they then acknowledge with RPOP. Every id must be consumed exactly once: none lost, none
//! duplicated, nothing left behind.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use testkit::{shard_of, Client, Server, Value};

use super::for_each_shard_count;

const QUEUES: usize = 2;
const PRODUCERS: usize = 3;
const IDS_EACH: usize = 500;
const BRPOP_CONSUMERS: usize = 2;
const BLMOVE_CONSUMERS: usize = 2;
/// How long one blocking call waits before the consumer checks whether everything was taken.
const BLOCK_FOR: &str = "0.2";
/// A failure bound: the run normally takes a fraction of it.
const GIVE_UP_AFTER: Duration = Duration::from_secs(20);

/// `count` keys `{prefix}{n}`, the i-th on shard `i % shards`.
fn spread_keys(prefix: &str, count: usize, shards: usize) -> Vec<String> {
    let mut candidates = (0..).map(|n| format!("{prefix}{n}"));
    (0..count)
        .map(|i| {
            candidates
                .find(|key| shard_of(key.as_bytes(), shards) == i % shards)
                .expect("every shard owns some key of the sequence")
        })
        .collect()
}

#[test]
fn every_pushed_id_is_popped_exactly_once() {
    for_each_shard_count(|server, shards| exactly_once(server.port(), shards));
}

#[test]
#[ignore = "proves the invariant on redis-server: run with --ignored"]
fn every_pushed_id_is_popped_exactly_once_on_redis() {
    let server = Server::redis().expect("this test exists to run against redis-server");
    exactly_once(server.port(), 1);
}

/// Producers and consumers run together; then the consumed ids are compared with the pushed.
fn exactly_once(port: u16, shards: usize) {
    let queues = spread_keys("queue:", QUEUES, shards);
    let total = PRODUCERS * IDS_EACH;
    let consumed = Mutex::new(Vec::with_capacity(total));
    let taken = AtomicUsize::new(0);
    let give_up = Instant::now() + GIVE_UP_AFTER;
    thread::scope(|scope| {
        for producer in 0..PRODUCERS {
            let queues = &queues;
            scope.spawn(move || produce(connect(port), queues, producer));
        }
        for consumer in 0..BRPOP_CONSUMERS + BLMOVE_CONSUMERS {
            let shared = Shared {
                queues: &queues,
                consumed: &consumed,
                taken: &taken,
                total,
                give_up,
            };
            let processing = format!("processing:{consumer}");
            scope.spawn(move || {
                if consumer < BRPOP_CONSUMERS {
                    consume_with_brpop(connect(port), &shared);
                } else {
                    consume_with_blmove(connect(port), &shared, &processing);
                }
            });
        }
    });
    let consumed = consumed
        .into_inner()
        .expect("no consumer panicked holding the lock");
    let distinct: BTreeSet<&String> = consumed.iter().collect();
    assert_eq!(
        consumed.len(),
        total,
        "consumed {} ids of {total}",
        consumed.len()
    );
    assert_eq!(distinct.len(), total, "some ids were consumed twice");
    let pushed: BTreeSet<String> = (0..PRODUCERS)
        .flat_map(|p| (0..IDS_EACH).map(move |i| id(p, i)))
        .collect();
    assert!(
        distinct.into_iter().eq(pushed.iter()),
        "consumed ids differ from pushed ones"
    );
    let mut check = connect(port);
    let mut exists = vec!["EXISTS".to_string()];
    exists.extend(queues.iter().cloned());
    exists.extend((0..BRPOP_CONSUMERS + BLMOVE_CONSUMERS).map(|c| format!("processing:{c}")));
    let left = check.call(&exists).expect("EXISTS");
    assert_eq!(
        left,
        Value::Integer(0),
        "queues or processing lists left behind"
    );
}

fn connect(port: u16) -> Client {
    Client::connect(port).unwrap_or_else(|e| panic!("connecting to {port}: {e}"))
}

fn id(producer: usize, n: usize) -> String {
    format!("p{producer}:{n}")
}

/// Pushes this producer's ids, alternating queues.
fn produce(mut client: Client, queues: &[String], producer: usize) {
    for n in 0..IDS_EACH {
        let queue = &queues[(producer + n) % queues.len()];
        let reply = client
            .call(&["LPUSH", queue, &id(producer, n)])
            .expect("LPUSH");
        assert!(
            reply.as_int().is_some_and(|len| len > 0),
            "LPUSH answered {reply:?}"
        );
    }
}

/// What every consumer shares.
struct Shared<'a> {
    queues: &'a [String],
    consumed: &'a Mutex<Vec<String>>,
    taken: &'a AtomicUsize,
    total: usize,
    give_up: Instant,
}

impl Shared<'_> {
    /// Records one consumed id.
    fn record(&self, id: Vec<u8>) {
        let id = String::from_utf8(id).expect("ids are text");
        self.consumed.lock().expect("consumed list").push(id);
        self.taken.fetch_add(1, Ordering::SeqCst);
    }

    /// Whether a consumer whose blocking call timed out should stop: everything was taken.
    /// Fails the test once the time bound has passed.
    fn finished(&self) -> bool {
        let taken = self.taken.load(Ordering::SeqCst);
        assert!(
            Instant::now() < self.give_up,
            "only {taken} of {} ids consumed within {GIVE_UP_AFTER:?}",
            self.total
        );
        taken >= self.total
    }
}

/// BRPOP over every queue: the reply names the queue and the id.
fn consume_with_brpop(mut client: Client, shared: &Shared<'_>) {
    let mut args: Vec<&str> = vec!["BRPOP"];
    args.extend(shared.queues.iter().map(|q| q.as_str()));
    args.push(BLOCK_FOR);
    loop {
        match client.call(&args).expect("BRPOP") {
            Value::Array(pair) if pair.len() == 2 => {
                let queue = pair[0].as_bytes().expect("queue name");
                assert!(shared.queues.iter().any(|q| q.as_bytes() == queue));
                shared.record(pair[1].as_bytes().expect("id").to_vec());
            }
            Value::NullArray | Value::Null if shared.finished() => return,
            Value::NullArray | Value::Null => {}
            other => panic!("BRPOP answered {other:?}"),
        }
    }
}

/// BLMOVE from one queue (taking turns) into `processing`, then RPOP it from there as the
/// acknowledgement: the id must be the one BLMOVE returned.
fn consume_with_blmove(mut client: Client, shared: &Shared<'_>, processing: &str) {
    let mut turn = 0;
    loop {
        let queue = &shared.queues[turn % shared.queues.len()];
        turn += 1;
        let moved = client
            .call(&["BLMOVE", queue, processing, "RIGHT", "LEFT", BLOCK_FOR])
            .expect("BLMOVE");
        match moved {
            Value::Bulk(id) => {
                let acked = client.call(&["RPOP", processing]).expect("RPOP");
                assert_eq!(acked, Value::Bulk(id.clone()), "acknowledged another id");
                shared.record(id);
            }
            // Redis 7.0 answers a timed-out BLMOVE with a null array (*-1), like BRPOP, and not
            // with the null bulk that BLMOVE inside MULTI gives.
            Value::NullArray | Value::Null if shared.finished() => return,
            Value::NullArray | Value::Null => {}
            other => panic!("BLMOVE answered {other:?}"),
        }
    }
}
