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

#[test]
fn connections_beyond_maxclients_are_refused_with_redis_s_error() {
    let server = Server::ringkv_with(2, &["--maxclients", "3"]);
    // The start-up probe's connection may still count until the server sees it close.
    let mut first = server.client();
    super::wait_for_info(&mut first, "clients", "connected_clients", "1");
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

/// Polls CLIENT LIST (bounded) until `done` holds for its text.
fn wait_for_client_list(client: &mut Client, what: &str, done: impl Fn(&str) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let Value::Bulk(list) = client.call(&["CLIENT", "LIST"]).unwrap() else {
            panic!("CLIENT LIST returns a bulk string");
        };
        let text = String::from_utf8_lossy(&list).into_owned();
        if done(&text) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what} never happened; CLIENT LIST:\n{text}"
        );
        thread::sleep(Duration::from_millis(10));
    }
}

fn client_id(client: &mut Client) -> i64 {
    match client.call(&["CLIENT", "ID"]).unwrap() {
        Value::Integer(id) => id,
        other => panic!("CLIENT ID answered {other:?}"),
    }
}

#[test]
fn replies_left_unread_past_the_soft_limit_close_the_client_after_the_soft_seconds() {
    let limit = ["--client-output-buffer-limit", "normal", "0", "1mb", "1"];
    let server = Server::ringkv_with(2, &limit);
    let mut other = bystander(&server);
    let element = "x".repeat(1000);
    let elements: Vec<&str> = std::iter::repeat_n(element.as_str(), 1_000).collect();
    let mut push = vec!["RPUSH", "big"];
    push.extend(elements);
    assert_eq!(other.call(&push).unwrap(), Value::Integer(1_000));
    let mut reader = server.client();
    let id = client_id(&mut reader);
    // 64 replies of 1 MB: far more than the kernel's socket buffers hold, never read.
    let batch = testkit::encode_command(&["LRANGE", "big", "0", "-1"]).repeat(64);
    reader.send_raw(&batch).unwrap();
    let marker = format!("id={id} ");
    wait_for_client_list(
        &mut other,
        "closing the client that does not read",
        |list| !list.contains(&marker),
    );
    still_fine(&mut other);
}

#[test]
fn a_query_buffer_past_its_limit_closes_the_client() {
    let server = Server::ringkv_with(2, &["--client-query-buffer-limit", "1mb"]);
    let mut other = bystander(&server);
    let mut big = server.client();
    big.set_read_timeout(Duration::from_secs(10)).unwrap();
    // A 2 MB argument that has not fully arrived: its first 1.5 MB already pass the limit.
    big.send_raw(b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n")
        .unwrap();
    let chunk = vec![b'x'; 64 * 1024];
    for _ in 0..24 {
        if big.send_raw(&chunk).is_err() {
            break; // Closed already: what the test wants.
        }
    }
    match big.read_until_closed() {
        Ok(got) => assert!(got.is_empty(), "no reply, just the close: {got:?}"),
        // Unread input at close time makes the kernel reset the connection: closed too.
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    still_fine(&mut other);
}

/// The server's resident memory in KiB, from /proc.
fn rss_kib(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/<pid>/status")
}

fn used_memory(client: &mut Client) -> u64 {
    let Value::Bulk(info) = client.call(&["INFO", "memory"]).unwrap() else {
        panic!("INFO returns a bulk string");
    };
    String::from_utf8_lossy(&info)
        .lines()
        .find_map(|line| line.strip_prefix("used_memory:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("used_memory in INFO memory")
}

#[test]
fn huge_declared_lengths_followed_by_nothing_allocate_nothing_big() {
    const CLIENTS: usize = 16;
    const BOUND_BYTES: u64 = 32 << 20;
    // Allow 1 GB bulks, so that `$1073741824` is accepted and waits for its data.
    let server = Server::ringkv_with(2, &["--proto-max-bulk-len", "2gb"]);
    let mut other = bystander(&server);
    let (rss_before, used_before) = (rss_kib(&server), used_memory(&mut other));
    let headers: [&[u8]; 2] = [
        b"*2\r\n$3\r\nGET\r\n$1073741824\r\nabc",
        b"*2147483647\r\n$3\r\nGET\r\n$536870912\r\n",
    ];
    let mut hostile = Vec::new();
    for i in 0..CLIENTS {
        let mut client = server.client();
        let id = client_id(&mut client);
        client.send_raw(headers[i % headers.len()]).unwrap();
        hostile.push((id, client));
    }
    // Every hostile client's bytes have been read once CLIENT LIST shows them queued.
    wait_for_client_list(&mut other, "reading the hostile headers", |list| {
        hostile.iter().all(|(id, _)| {
            list.lines()
                .any(|l| l.starts_with(&format!("id={id} ")) && !l.contains(" qbuf=0 "))
        })
    });
    let rss_growth = (rss_kib(&server) * 1024).saturating_sub(rss_before * 1024);
    let used_growth = used_memory(&mut other).saturating_sub(used_before);
    assert!(rss_growth < BOUND_BYTES, "RSS grew by {rss_growth} bytes");
    assert!(
        used_growth < BOUND_BYTES,
        "used_memory grew by {used_growth} bytes"
    );
    still_fine(&mut other);
}

#[test]
fn a_slowloris_sending_a_byte_a_second_is_served_and_slows_nobody() {
    let server = Server::ringkv(2);
    let mut other = bystander(&server);
    let mut slow = server.client();
    let mut stream = slow.try_clone_stream().unwrap();
    for byte in b"PING\r\n" {
        stream.write_all(&[*byte]).unwrap();
        // The pause is the attack itself (one byte a second), not synchronisation.
        thread::sleep(Duration::from_secs(1));
        let started = std::time::Instant::now();
        still_fine(&mut other);
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "a bystander waited {:?}",
            started.elapsed()
        );
    }
    assert_eq!(slow.read_value().unwrap(), pong());
}
