//! Pipelining and partial frames.

use std::io::Write;
use std::thread;

use testkit::encode_command;

use super::for_each_shard_count;

const PIPELINE_DEPTH: usize = 10_000;

/// The i-th pipelined command and the exact reply it must get. Keys rotate over 101 names so
/// that consecutive commands land on different shards, and each SET/GET/ECHO/DEL group shows
/// whether a reply came back out of order.
fn pipelined(i: usize) -> (Vec<u8>, Vec<u8>) {
    let key = format!("pipe:{}", (i / 4) % 101);
    let value = format!("v{}", i / 4);
    match i % 4 {
        0 => (encode_command(&["SET", &key, &value]), b"+OK\r\n".to_vec()),
        1 => (
            encode_command(&["GET", &key]),
            format!("${}\r\n{value}\r\n", value.len()).into_bytes(),
        ),
        2 => {
            let echo = format!("e{i}");
            let reply = format!("${}\r\n{echo}\r\n", echo.len()).into_bytes();
            (encode_command(&["ECHO", &echo]), reply)
        }
        _ => (encode_command(&["DEL", &key]), b":1\r\n".to_vec()),
    }
}

#[test]
fn ten_thousand_commands_in_one_write_get_every_reply_in_order() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        let (commands, expected): (Vec<_>, Vec<_>) = (0..PIPELINE_DEPTH).map(pipelined).unzip();
        let batch = commands.concat();
        let mut stream = client.try_clone_stream().expect("cloning the socket");
        // Written from another thread so that neither side can block the other on full buffers.
        let writer = thread::spawn(move || stream.write_all(&batch));
        for (i, want) in expected.iter().enumerate() {
            let got = client
                .read_raw()
                .unwrap_or_else(|e| panic!("reply {i}: {e}"));
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(want),
                "reply {i} of {PIPELINE_DEPTH}"
            );
        }
        writer
            .join()
            .expect("writer thread")
            .expect("writing the pipeline");
    });
}

#[test]
fn a_frame_written_one_byte_at_a_time_is_one_command() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        let frame = encode_command(&["SET", "split", "binary\r\nvalue"]);
        for byte in &frame {
            client
                .send_raw(std::slice::from_ref(byte))
                .expect("writing one byte");
        }
        assert_eq!(client.read_raw().expect("SET reply"), b"+OK\r\n");
        let get = encode_command(&["GET", "split"]);
        for byte in &get {
            client
                .send_raw(std::slice::from_ref(byte))
                .expect("writing one byte");
        }
        assert_eq!(
            client.read_raw().expect("GET reply"),
            b"$13\r\nbinary\r\nvalue\r\n"
        );
    });
}

#[test]
fn a_pipeline_cut_at_every_byte_gets_the_same_replies() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        let pipeline = [
            encode_command(&["SET", "cut", "abc"]),
            encode_command(&["GET", "cut"]),
        ]
        .concat();
        for cut in 1..pipeline.len() {
            client.send_raw(&pipeline[..cut]).expect("first part");
            client.send_raw(&pipeline[cut..]).expect("second part");
            assert_eq!(
                client.read_raw().expect("SET reply"),
                b"+OK\r\n",
                "cut at {cut}"
            );
            assert_eq!(
                client.read_raw().expect("GET reply"),
                b"$3\r\nabc\r\n",
                "cut at {cut}"
            );
        }
    });
}
