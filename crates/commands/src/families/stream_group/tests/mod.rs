//! Behaviour of the consumer group commands, driven through their handlers with a hand-set
//! clock. Every expected reply and error string was checked against Redis 7.0.15.

mod claim;
mod groups;
mod read;
mod replay;

use engine::stream::ConsumerGroup;
use engine::Value;
use resp::Reply;

use crate::families::test_shard::{TestShard, T0_MS};

fn bulk(text: &str) -> Reply {
    Reply::bulk(text.as_bytes())
}

fn error(message: &str) -> Reply {
    Reply::Error(resp::ReplyError::owned(message.to_string()))
}

/// An entry reply `[id, [f, v]]`.
fn entry(id: &str, value: &str) -> Reply {
    Reply::Array(vec![bulk(id), Reply::Array(vec![bulk("f"), bulk(value)])])
}

/// A shard recording its AOF, `s` holding `1-0 .. n-0` (field `f`, value `i`) and group `g`
/// created at `0`.
fn shard_with_group(n: u64) -> TestShard {
    let mut shard = TestShard::new(7);
    shard.state.propagate.switch(true);
    for i in 1..=n {
        shard.run(&format!("XADD s {i}-0 f {i}"));
    }
    assert_eq!(shard.run("XGROUP CREATE s g 0"), Reply::OK);
    shard.state.propagate.take_instead();
    shard
}

/// Group `name` of the stream under `key`.
fn group(shard: &mut TestShard, key: &str, name: &str) -> ConsumerGroup {
    match &shard.peek(key).expect("key exists").value {
        Value::Stream(s) => s.groups[name.as_bytes()].clone(),
        other => panic!("not a stream: {}", other.type_name()),
    }
}

/// What the last command asked to log instead of itself, one line per record.
fn logged(shard: &mut TestShard) -> Vec<String> {
    shard
        .state
        .propagate
        .take_instead()
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            r.iter()
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The clock as text, `offset` ms after the start.
fn at(offset: u64) -> String {
    (T0_MS + offset).to_string()
}
