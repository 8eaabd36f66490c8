//! Behaviour of the stream entry commands through their handlers. Expected replies and errors
//! were checked against Redis 7.0.15.

mod add;
mod parse;
mod read;
mod remove;

use resp::Reply;

use crate::families::test_shard::TestShard;

/// A bulk string reply.
fn bulk(text: &str) -> Reply {
    Reply::bulk(text.as_bytes())
}

/// An error reply with this message.
fn error(message: &'static str) -> Reply {
    Reply::error(message)
}

/// An entry reply `[id, [field, value, ...]]`.
fn entry(id: &str, pairs: &[&str]) -> Reply {
    Reply::Array(vec![
        bulk(id),
        Reply::Array(pairs.iter().map(|p| bulk(p)).collect()),
    ])
}

/// A shard recording its AOF, with `key` holding entries `1-0 .. n-0` (field `f`).
fn shard_with(key: &str, n: u64) -> TestShard {
    let mut shard = TestShard::new(7);
    shard.state.propagate.switch(true);
    for i in 1..=n {
        shard.run(&format!("XADD {key} {i}-0 f {i}"));
    }
    shard
}

/// What the last command asked to log instead of itself, as text.
fn logged_instead(shard: &mut TestShard) -> Option<Vec<Vec<String>>> {
    shard.state.propagate.take_instead().map(|records| {
        records
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|a| String::from_utf8_lossy(&a).into_owned())
                    .collect()
            })
            .collect()
    })
}

/// `words` split on spaces, owned.
fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_owned).collect()
}
