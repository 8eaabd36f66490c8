//! Behaviour of the set commands, driven through their handlers. Expected replies and error
//! strings were checked against Redis 7.0.15; encodings are Redis 7.2's.

mod algebra;
mod members;
mod random;

use engine::EncodingLimits;
use resp::Reply;

use crate::errors;
use crate::families::test_shard::TestShard;

/// What the set tests read besides replies.
trait SetShard {
    /// The members of a set, sorted.
    fn members(&mut self, key: &str) -> Vec<String>;
}

impl SetShard for TestShard {
    fn members(&mut self, key: &str) -> Vec<String> {
        sorted(self.run(&format!("SMEMBERS {key}")))
    }
}

/// The bulk strings of an array or set reply, sorted.
fn sorted(reply: Reply) -> Vec<String> {
    let items = match reply {
        Reply::Array(items) | Reply::Set(items) => items,
        other => panic!("not an aggregate: {other:?}"),
    };
    let mut out: Vec<String> = items
        .iter()
        .map(|r| String::from_utf8_lossy(r.as_bulk().expect("bulk")).into_owned())
        .collect();
    out.sort();
    out
}

fn err(message: &'static str) -> Reply {
    errors::err(message)
}

fn int(n: i64) -> Reply {
    Reply::Int(n)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Limits small enough to cross every threshold with a handful of members.
fn tiny() -> EncodingLimits {
    EncodingLimits {
        set_max_intset_entries: 4,
        set_max_listpack_entries: 3,
        set_max_listpack_value: 5,
        ..EncodingLimits::default()
    }
}
