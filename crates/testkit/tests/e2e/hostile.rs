//! Hostile input: each case gets Redis's error or is ignored as Redis ignores it, and neither
//! the server nor the other clients notice.

use std::io::Write;
use std::thread;
use std::time::Duration;

use testkit::random::prng::SplitMix64;
use testkit::{Client, Server, Value};

use super::for_each_shard_count;

fn pong() -> Value {
    Value::Simple(b"PONG".to_vec())
}

/// A client that has already stored a key, to check after each case that it is unaffected.
fn bystander(server: &Server) -> Client {
    let mut client = server.client();
    client.call(&["SET", "survivor", "1"]).expect("SET");
    client
}

fn still_fine(bystander: &mut Client) {
    let reply = bystander.call(&["GET", "survivor"]).expect("bystander GET");
    assert_eq!(
        reply,
        Value::Bulk(b"1".to_vec()),
        "the other client keeps working"
    );
}

#[test]
fn null_and_empty_multibulks_are_skipped_and_the_connection_goes_on() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        client.send_raw(b"*-1\r\n*0\r\nPING\r\n").unwrap();
        assert_eq!(client.read_value().unwrap(), pong());
        client.send_raw(b"$-5\r\n").unwrap();
        let Value::Error(error) = client.read_value().unwrap() else {
            panic!("an inline `$-5` is an unknown command");
        };
        assert!(error.starts_with(b"ERR unknown command '$-5'"));
        assert_eq!(client.call(&["PING"]).unwrap(), pong());
    });
}

#[test]
fn huge_declared_lengths_are_refused_without_waiting_for_the_data() {
    let cases: &[(&[u8], &str)] = &[
        (b"*2147483648\r\n", "invalid multibulk length"),
        (b"*1\r\n$1073741824\r\n", "invalid bulk length"),
    ];
    for_each_shard_count(|server, _| {
        let mut other = bystander(server);
        for (input, message) in cases {
            let mut bad = server.client();
            bad.set_read_timeout(Duration::from_secs(5)).unwrap();
            bad.send_raw(input).unwrap();
            let got = bad.read_until_closed().expect("the server closes it");
            let want = format!("-ERR Protocol error: {message}\r\n");
            assert_eq!(String::from_utf8_lossy(&got), want);
            still_fine(&mut other);
        }
    });
}

#[test]
fn an_unterminated_frame_waits_quietly_while_others_are_served() {
    for_each_shard_count(|server, _| {
        let mut other = bystander(server);
        let mut stuck = server.client();
        stuck.set_read_timeout(Duration::from_millis(300)).unwrap();
        stuck.send_raw(b"*2\r\n$3\r\nGET\r\n$8\r\nsurv").unwrap();
        assert!(stuck.read_raw().is_err(), "no reply to half a command");
        still_fine(&mut other);
        stuck.send_raw(b"ivor\r\n").unwrap();
        stuck.set_read_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(stuck.read_raw().unwrap(), b"$1\r\n1\r\n");
    });
}

#[test]
fn binary_garbage_hurts_only_its_sender() {
    for_each_shard_count(|server, _| {
        let mut other = bystander(server);
        let mut rng = SplitMix64::new(17);
        for _ in 0..5 {
            let garbage: Vec<u8> = (0..4096).map(|_| rng.below(256) as u8).collect();
            let mut bad = server.client();
            bad.set_read_timeout(Duration::from_secs(5)).unwrap();
            // Whatever the server answers (errors, then maybe a close), it must not stall.
            let _ = bad.send_raw(&garbage);
            let _ = bad.shutdown_write();
            let _ = bad.read_until_closed();
            still_fine(&mut other);
        }
        assert_eq!(server.client().call(&["PING"]).unwrap(), pong());
    });
}

#[test]
fn a_slow_sender_is_served_and_slows_nobody_else() {
    for_each_shard_count(|server, _| {
        let mut other = bystander(server);
        let slow = server.client();
        let mut stream = slow.try_clone_stream().unwrap();
        for byte in b"*1\r\n$4\r\nPING\r\n" {
            stream.write_all(&[*byte]).unwrap();
            still_fine(&mut other);
        }
        let mut slow = slow;
        assert_eq!(slow.read_value().unwrap(), pong());
    });
}

#[test]
fn ten_thousand_pipelined_commands_sent_before_any_reply_is_read() {
    const COMMANDS: usize = 10_000;
    for_each_shard_count(|server, _| {
        let mut other = bystander(server);
        let mut client = server.client();
        let mut writer = client.try_clone_stream().unwrap();
        let sender = thread::spawn(move || {
            let batch = b"PING\r\n".repeat(COMMANDS);
            writer.write_all(&batch).unwrap();
        });
        for _ in 0..COMMANDS {
            assert_eq!(client.read_value().unwrap(), pong());
        }
        sender.join().expect("the sender finishes");
        still_fine(&mut other);
    });
}

/// Polls INFO clients (bounded) until the server counts exactly `expected` connections.
fn wait_for_connected_clients(client: &mut Client, expected: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let Value::Bulk(info) = client.call(&["INFO", "clients"]).unwrap() else {
            panic!("INFO returns a bulk string");
        };
        let text = String::from_utf8_lossy(&info);
        let connected = text
            .lines()
            .find_map(|line| line.strip_prefix("connected_clients:"))
            .and_then(|n| n.trim().parse::<u64>().ok());
        if connected == Some(expected) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "connected_clients stayed at {connected:?}, not {expected}"
        );
        thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn connections_beyond_maxclients_are_refused_with_redis_s_error() {
    let server = Server::ringkv_with(2, &["--maxclients", "3"]);
    // The start-up probe's connection may still count until the server sees it close.
    let mut first = server.client();
    wait_for_connected_clients(&mut first, 1);
    let mut admitted = vec![first, server.client(), server.client()];
    for client in admitted.iter_mut() {
        assert_eq!(client.call(&["PING"]).unwrap(), pong());
    }
    let mut refused = server.client();
    refused.set_read_timeout(Duration::from_secs(5)).unwrap();
    let got = refused.read_until_closed().unwrap();
    assert_eq!(got, b"-ERR max number of clients reached\r\n");
    // A closed connection frees its place (once the server has seen it go).
    drop(admitted.pop());
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let mut next = server.client();
        if next.call(&["PING"]).is_ok_and(|reply| reply == pong()) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the freed place never came back"
        );
    }
}

#[test]
fn a_reply_past_the_output_buffer_limit_closes_its_connection() {
    let limit = ["--client-output-buffer-limit", "normal", "64kb", "0", "0"];
    let server = Server::ringkv_with(2, &limit);
    let mut other = bystander(&server);
    let mut loader = server.client();
    let element = "x".repeat(100);
    let elements: Vec<&str> = std::iter::repeat_n(element.as_str(), 1_000).collect();
    let mut push = vec!["RPUSH", "big"];
    push.extend(elements);
    assert_eq!(loader.call(&push).unwrap(), Value::Integer(1_000));
    // A small reply passes; one of about 100 KiB does not, and its connection goes.
    assert_eq!(
        loader.call(&["LLEN", "big"]).unwrap(),
        Value::Integer(1_000)
    );
    loader.set_read_timeout(Duration::from_secs(5)).unwrap();
    loader.send(&["LRANGE", "big", "0", "-1"]).unwrap();
    assert!(loader.read_until_closed().unwrap().is_empty());
    still_fine(&mut other);
}
