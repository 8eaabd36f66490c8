//! Blocking commands across connections and shards: wake-ups by pushes from other clients
//! (plain, inside EXEC, by LMOVE), FIFO service, timeouts, CLIENT UNBLOCK, and clients that go
//! away while blocked. Connections land on any shard, so waiters and pushers are on different
//! shards as often as not.

use std::time::{Duration, Instant};

use testkit::slot::key_on_other_shard;
use testkit::{Client, Server, Value};

use super::for_each_shard_count;

/// A failure bound for conditions that normally hold within milliseconds.
const PATIENCE: Duration = Duration::from_secs(5);

fn bulk(text: &str) -> Value {
    Value::Bulk(text.as_bytes().to_vec())
}

fn pair(key: &str, element: &str) -> Value {
    Value::Array(vec![bulk(key), bulk(element)])
}

/// INFO's blocked_clients.
fn blocked_clients(client: &mut Client) -> usize {
    let Value::Bulk(info) = client.call(&["INFO", "clients"]).expect("INFO") else {
        panic!("INFO is a bulk string");
    };
    String::from_utf8_lossy(&info)
        .lines()
        .find_map(|line| line.strip_prefix("blocked_clients:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("INFO clients has blocked_clients")
}

/// Polls until exactly `n` clients are blocked.
pub(crate) fn await_blocked(server: &Server, n: usize) {
    let mut probe = server.client();
    let deadline = Instant::now() + PATIENCE;
    while blocked_clients(&mut probe) != n {
        assert!(Instant::now() < deadline, "never saw {n} blocked clients");
        std::thread::yield_now();
    }
}

/// Sends a blocking command without reading its reply, and waits until it blocks.
pub(crate) fn block(server: &Server, command: &[&str], already_blocked: usize) -> Client {
    let mut client = server.client();
    client.send(command).expect("sending the blocking command");
    await_blocked(server, already_blocked + 1);
    client
}

#[test]
fn a_push_from_another_client_wakes_the_waiter() {
    for_each_shard_count(|server, _| {
        let mut waiter = block(server, &["BLPOP", "bq", "0"], 0);
        let mut pusher = server.client();
        assert_eq!(
            pusher.call(&["RPUSH", "bq", "x"]).unwrap(),
            Value::Integer(1)
        );
        assert_eq!(waiter.read_value().unwrap(), pair("bq", "x"));
        assert_eq!(pusher.call(&["EXISTS", "bq"]).unwrap(), Value::Integer(0));
        await_blocked(server, 0);
    });
}

#[test]
fn waiters_are_served_in_the_order_they_blocked() {
    for_each_shard_count(|server, _| {
        let mut waiters: Vec<Client> = (0..3)
            .map(|i| block(server, &["BLPOP", "fifo", "0"], i))
            .collect();
        let mut pusher = server.client();
        assert_eq!(
            pusher.call(&["RPUSH", "fifo", "a", "b", "c"]).unwrap(),
            Value::Integer(3)
        );
        for (waiter, element) in waiters.iter_mut().zip(["a", "b", "c"]) {
            assert_eq!(waiter.read_value().unwrap(), pair("fifo", element));
        }
        await_blocked(server, 0);
    });
}

#[test]
fn a_timeout_ends_the_wait_with_a_null() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        let started = Instant::now();
        let reply = client.call(&["BLPOP", "nothing", "0.2"]).unwrap();
        assert_eq!(reply, Value::NullArray);
        assert!(started.elapsed() >= Duration::from_millis(190));
        let reply = client.call(&["BLMOVE", "nothing", "dst", "LEFT", "RIGHT", "0.05"]);
        assert_eq!(reply.unwrap(), Value::NullArray);
    });
}

#[test]
fn pushes_inside_exec_and_by_lmove_wake_waiters() {
    for_each_shard_count(|server, shards| {
        let mut waiter = block(server, &["BRPOP", "viaexec", "0"], 0);
        let mut pusher = server.client();
        pusher.call(&["MULTI"]).unwrap();
        pusher.call(&["RPUSH", "viaexec", "e"]).unwrap();
        pusher.call(&["SET", "other", "1"]).unwrap();
        let exec = pusher.call(&["EXEC"]).unwrap();
        assert_eq!(
            exec,
            Value::Array(vec![Value::Integer(1), Value::Simple(b"OK".to_vec())])
        );
        assert_eq!(waiter.read_value().unwrap(), pair("viaexec", "e"));
        await_blocked(server, 0);

        let source = key_on_other_shard("src", b"vialmove", shards);
        pusher.call(&["RPUSH", &source, "m"]).unwrap();
        let mut waiter = block(server, &["BLPOP", "vialmove", "0"], 0);
        let moved = pusher.call(&["LMOVE", &source, "vialmove", "LEFT", "RIGHT"]);
        assert_eq!(moved.unwrap(), bulk("m"));
        assert_eq!(waiter.read_value().unwrap(), pair("vialmove", "m"));
    });
}

#[test]
fn a_wait_on_keys_of_several_shards_takes_the_first_push() {
    for_each_shard_count(|server, shards| {
        let first = "multi:a";
        let second = key_on_other_shard("multi:b", first.as_bytes(), shards);
        let mut waiter = block(server, &["BRPOP", first, &second, "0"], 0);
        let mut pusher = server.client();
        pusher.call(&["LPUSH", &second, "x"]).unwrap();
        assert_eq!(waiter.read_value().unwrap(), pair(&second, "x"));
        let mut waiter = block(server, &["BZPOPMIN", "zq", &second, "0"], 0);
        pusher.call(&["ZADD", "zq", "1.5", "m"]).unwrap();
        let reply = waiter.read_value().unwrap();
        assert_eq!(
            reply,
            Value::Array(vec![bulk("zq"), bulk("m"), bulk("1.5")])
        );
    });
}

#[test]
fn a_waiter_that_disconnects_leaves_the_element_to_others() {
    for_each_shard_count(|server, _| {
        let gone = block(server, &["BLPOP", "leaver", "0"], 0);
        let mut stays = block(server, &["BLPOP", "leaver", "0"], 1);
        drop(gone);
        await_blocked(server, 1);
        let mut pusher = server.client();
        pusher.call(&["RPUSH", "leaver", "x"]).unwrap();
        assert_eq!(stays.read_value().unwrap(), pair("leaver", "x"));
        await_blocked(server, 0);
        let closed = block(server, &["BLPOP", "leaver2", "0"], 0);
        drop(closed);
        await_blocked(server, 0);
        pusher.call(&["RPUSH", "leaver2", "y"]).unwrap();
        assert_eq!(
            pusher.call(&["LLEN", "leaver2"]).unwrap(),
            Value::Integer(1)
        );
    });
}

#[test]
fn client_unblock_ends_a_wait_as_a_timeout_or_an_error() {
    for_each_shard_count(|server, _| {
        let mut waiter = server.client();
        let Value::Integer(id) = waiter.call(&["CLIENT", "ID"]).unwrap() else {
            panic!("CLIENT ID is an integer");
        };
        let id = id.to_string();
        waiter.send(&["BLPOP", "unblockme", "0"]).unwrap();
        await_blocked(server, 1);
        let mut admin = server.client();
        let unblocked = admin.call(&["CLIENT", "UNBLOCK", &id]).unwrap();
        assert_eq!(unblocked, Value::Integer(1));
        assert_eq!(waiter.read_value().unwrap(), Value::NullArray);
        waiter.send(&["BLPOP", "unblockme", "0"]).unwrap();
        await_blocked(server, 1);
        let unblocked = admin.call(&["CLIENT", "UNBLOCK", &id, "ERROR"]).unwrap();
        assert_eq!(unblocked, Value::Integer(1));
        let Value::Error(error) = waiter.read_value().unwrap() else {
            panic!("CLIENT UNBLOCK ERROR answers an error");
        };
        assert!(error.starts_with(b"UNBLOCKED"));
        let nobody = admin.call(&["CLIENT", "UNBLOCK", &id]).unwrap();
        assert_eq!(nobody, Value::Integer(0));
    });
}
