//! XREAD and XREADGROUP with BLOCK across connections and shards: every plain reader of a
//! stream wakes for an entry, each new entry goes to one group reader, a reader that waited
//! gets at most 1000 entries without COUNT, a group reader learns that its stream or group is
//! gone, timeouts answer a null array, and a read served after a wait reaches the AOF. The
//! replies asserted here are redis-server 7.0.15's for the same sequences.

use std::time::{Duration, Instant};

use testkit::{Client, Value};

use super::blocking::{await_blocked, block};
use super::for_each_shard_count;

fn bulk(text: &str) -> Value {
    Value::Bulk(text.as_bytes().to_vec())
}

/// `[key, [[id, [field, value]]]]`, one stream with one entry, as XREAD replies in RESP2.
fn one_entry(key: &str, id: &str, field: &str, value: &str) -> Value {
    let entry = Value::Array(vec![bulk(id), Value::Array(vec![bulk(field), bulk(value)])]);
    Value::Array(vec![Value::Array(vec![
        bulk(key),
        Value::Array(vec![entry]),
    ])])
}

fn call(client: &mut Client, command: &[&str]) -> Value {
    client.call(command).expect("a reply")
}

#[test]
fn every_plain_reader_wakes_for_a_new_entry_on_any_of_its_streams() {
    for_each_shard_count(|server, _| {
        // `$` is fixed when the command arrives: the entry already there is not served.
        let mut admin = server.client();
        call(&mut admin, &["XADD", "sb", "1-1", "old", "x"]);
        let command = ["XREAD", "BLOCK", "0", "STREAMS", "sa", "sb", "$", "$"];
        let mut readers: Vec<Client> = (0..2).map(|i| block(server, &command, i)).collect();
        call(&mut admin, &["XADD", "sa", "2-0", "f", "v"]);
        for reader in &mut readers {
            assert_eq!(
                reader.read_value().unwrap(),
                one_entry("sa", "2-0", "f", "v")
            );
        }
        await_blocked(server, 0);
    });
}

#[test]
fn each_new_entry_goes_to_one_group_reader() {
    for_each_shard_count(|server, _| {
        let mut admin = server.client();
        call(
            &mut admin,
            &["XGROUP", "CREATE", "jobs", "g", "$", "MKSTREAM"],
        );
        let read = |consumer| {
            [
                "XREADGROUP",
                "GROUP",
                "g",
                consumer,
                "BLOCK",
                "0",
                "STREAMS",
                "jobs",
                ">",
            ]
        };
        let mut first = block(server, &read("c1"), 0);
        let mut second = block(server, &read("c2"), 1);
        // Waiting group readers race for a new entry (ringkv does not keep Redis's
        // first-blocked-first-served order among them): one gets it, the other waits on.
        call(&mut admin, &["XADD", "jobs", "1-1", "job", "a"]);
        await_blocked(server, 1);
        call(&mut admin, &["XADD", "jobs", "1-2", "job", "b"]);
        await_blocked(server, 0);
        let mut replies = vec![first.read_value().unwrap(), second.read_value().unwrap()];
        let one = one_entry("jobs", "1-1", "job", "a");
        if replies[0] != one {
            replies.swap(0, 1);
        }
        assert_eq!(replies, vec![one, one_entry("jobs", "1-2", "job", "b")]);
        let pending = call(&mut admin, &["XPENDING", "jobs", "g"]);
        let Value::Array(summary) = pending else {
            panic!("XPENDING: {pending:?}")
        };
        assert_eq!(summary[0], Value::Integer(2));
        assert_eq!(
            summary[3],
            Value::Array(vec![
                Value::Array(vec![bulk("c1"), bulk("1")]),
                Value::Array(vec![bulk("c2"), bulk("1")]),
            ])
        );
    });
}

#[test]
fn a_reader_that_waited_gets_at_most_1000_entries_without_count() {
    for_each_shard_count(|server, _| {
        let mut reader = block(server, &["XREAD", "BLOCK", "0", "STREAMS", "many", "$"], 0);
        let mut admin = server.client();
        call(&mut admin, &["MULTI"]);
        for i in 1..=1001 {
            admin
                .call(&["XADD", "many", &format!("{i}-0"), "n", &i.to_string()])
                .unwrap();
        }
        call(&mut admin, &["EXEC"]);
        let Value::Array(streams) = reader.read_value().unwrap() else {
            panic!("XREAD reply")
        };
        let Value::Array(stream) = &streams[0] else {
            panic!("stream")
        };
        let Value::Array(entries) = &stream[1] else {
            panic!("entries")
        };
        assert_eq!(entries.len(), 1000);
    });
}

#[test]
fn a_group_reader_learns_that_its_stream_or_group_is_gone() {
    for_each_shard_count(|server, _| {
        let mut admin = server.client();
        let read = [
            "XREADGROUP",
            "GROUP",
            "g",
            "c",
            "BLOCK",
            "0",
            "STREAMS",
            "gone",
            ">",
        ];
        let cases: [(&[&str], &str); 4] = [
            (
                &["DEL", "gone"],
                "UNBLOCKED the stream key no longer exists",
            ),
            (
                &["SET", "gone", "x"],
                "UNBLOCKED the stream key no longer exists",
            ),
            (&["FLUSHALL"], "UNBLOCKED the stream key no longer exists"),
            (
                &["XGROUP", "DESTROY", "gone", "g"],
                "NOGROUP the consumer group this client was blocked on no longer exists",
            ),
        ];
        for (change, error) in cases {
            call(&mut admin, &["DEL", "gone"]);
            call(
                &mut admin,
                &["XGROUP", "CREATE", "gone", "g", "$", "MKSTREAM"],
            );
            let mut reader = block(server, &read, 0);
            call(&mut admin, change);
            assert_eq!(
                reader.read_value().unwrap(),
                Value::Error(error.as_bytes().to_vec()),
                "{change:?}"
            );
            await_blocked(server, 0);
        }
        // A plain reader keeps waiting through a deletion, until its timeout.
        let mut reader = block(
            server,
            &["XREAD", "BLOCK", "300", "STREAMS", "gone", "$"],
            0,
        );
        call(&mut admin, &["DEL", "gone"]);
        assert_eq!(reader.read_value().unwrap(), Value::NullArray);
    });
}

#[test]
fn timeouts_unblock_and_inside_multi_nothing_waits() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        let started = Instant::now();
        assert_eq!(
            call(
                &mut client,
                &["XREAD", "BLOCK", "50", "STREAMS", "none", "$"]
            ),
            Value::NullArray
        );
        assert!(started.elapsed() >= Duration::from_millis(50));
        call(
            &mut client,
            &["XGROUP", "CREATE", "q", "g", "$", "MKSTREAM"],
        );
        let read = [
            "XREADGROUP",
            "GROUP",
            "g",
            "c",
            "BLOCK",
            "50",
            "STREAMS",
            "q",
            ">",
        ];
        assert_eq!(call(&mut client, &read), Value::NullArray);
        call(&mut client, &["MULTI"]);
        call(
            &mut client,
            &["XREAD", "BLOCK", "0", "STREAMS", "none", "$"],
        );
        assert_eq!(
            call(&mut client, &["EXEC"]),
            Value::Array(vec![Value::NullArray])
        );
        let mut waiter = server.client();
        let Value::Integer(id) = call(&mut waiter, &["CLIENT", "ID"]) else {
            panic!("CLIENT ID")
        };
        let id = id.to_string();
        waiter
            .send(&["XREAD", "BLOCK", "0", "STREAMS", "none", "$"])
            .unwrap();
        await_blocked(server, 1);
        assert_eq!(
            call(&mut client, &["CLIENT", "UNBLOCK", &id]),
            Value::Integer(1)
        );
        assert_eq!(waiter.read_value().unwrap(), Value::NullArray);
    });
}
