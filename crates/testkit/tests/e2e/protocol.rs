//! Inline commands, malformed input and big values.

use std::time::Duration;

use testkit::Value;

use super::for_each_shard_count;

#[test]
fn inline_commands_work_like_telnet_input() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        let cases: &[(&[u8], &[&[u8]])] = &[
            (b"PING\r\n", &[b"+PONG\r\n"]),
            (b"PING\n", &[b"+PONG\r\n"]),
            (b"\r\nPING\r\n", &[b"+PONG\r\n"]),
            (b"ECHO \"a\\x41\\n\"\r\n", &[b"$3\r\naA\n\r\n"]),
            (
                b"SET inline 'hello world'\r\nGET inline\r\n",
                &[b"+OK\r\n", b"$11\r\nhello world\r\n"],
            ),
            (b"  EXISTS   inline  nope \r\n", &[b":1\r\n"]),
        ];
        for (input, replies) in cases {
            client.send_raw(input).expect("writing inline command");
            for want in *replies {
                let got = client.read_raw().expect("inline reply");
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(want),
                    "for input {:?}",
                    String::from_utf8_lossy(input)
                );
            }
        }
    });
}

#[test]
fn malformed_input_gets_a_protocol_error_and_only_that_connection_closes() {
    let cases: &[(&[u8], &str)] = &[
        (b"*abc\r\n", "invalid multibulk length"),
        (b"*3000000000\r\n", "invalid multibulk length"),
        (b"*1\r\n$abc\r\n", "invalid bulk length"),
        (b"*1\r\n$-5\r\n", "invalid bulk length"),
        (b"*1\r\nfoo\r\n", "expected '$', got 'f'"),
        (b"SET \"a\r\n", "unbalanced quotes in request"),
    ];
    for_each_shard_count(|server, _| {
        let mut bystander = server.client();
        bystander.call_raw(&["SET", "survivor", "1"]).expect("SET");
        for (input, message) in cases {
            let mut bad = server.client();
            // A server that keeps a broken connection open fails the test in seconds.
            bad.set_read_timeout(Duration::from_secs(5))
                .expect("setting a timeout");
            bad.send_raw(input).expect("writing garbage");
            let got = bad
                .read_until_closed()
                .expect("the server closes the connection");
            let want = format!("-ERR Protocol error: {message}\r\n");
            assert_eq!(String::from_utf8_lossy(&got), want, "for input {input:?}");
            let reply = bystander
                .call_raw(&["GET", "survivor"])
                .expect("bystander GET");
            assert_eq!(reply, b"$1\r\n1\r\n", "the other client keeps working");
        }
    });
}

#[test]
fn twenty_megabyte_values_round_trip_intact() {
    const LEN: usize = 20 * 1024 * 1024;
    let value: Vec<u8> = (0..LEN).map(|i| (i * 31 % 251) as u8).collect();
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        let reply = client
            .call_raw(&[b"SET".as_slice(), b"big", &value])
            .expect("SET");
        assert_eq!(reply, b"+OK\r\n");
        let reply = client.call(&["STRLEN", "big"]).expect("STRLEN");
        assert_eq!(reply.as_int(), Some(LEN as i64));
        let reply = client.call(&["GET", "big"]).expect("GET");
        let Value::Bulk(got) = reply else {
            panic!("GET big did not return a bulk string");
        };
        assert!(got == value, "the 20 MB value came back altered");
        assert_eq!(client.call_raw(&["PING"]).expect("PING"), b"+PONG\r\n");
    });
}
