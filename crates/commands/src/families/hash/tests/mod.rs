//! Behaviour of the hash commands, driven through their handlers. Every expected reply and
//! error string was checked against Redis 7.0.15.

mod counters;
mod fields;
mod random;
mod read;
mod scan;

use engine::EncodingLimits;
use resp::Reply;

use crate::errors;
use crate::families::test_shard::TestShard;

/// Limits under which hashes leave `listpack` past `entries` fields or `value` bytes.
fn hash_limits(entries: usize, value: usize) -> EncodingLimits {
    EncodingLimits {
        hash_max_listpack_entries: entries,
        hash_max_listpack_value: value,
        ..EncodingLimits::default()
    }
}

/// How the hash tests set up keys besides HSET.
trait HashShard {
    /// Stores a string under `key` (for WRONGTYPE).
    fn set_string(&mut self, key: &str);
    /// Fills `key` with fields `f0..f{n-1}` valued `v0..`.
    fn fill(&mut self, key: &str, n: usize);
}

impl HashShard for TestShard {
    fn set_string(&mut self, key: &str) {
        let value = engine::Value::string(b"x");
        let now_ms = self.now_ms;
        self.state
            .data
            .db(self.db)
            .set(key.as_bytes(), value, None, now_ms);
    }

    fn fill(&mut self, key: &str, n: usize) {
        for i in 0..n {
            self.run(&format!("HSET {key} f{i} v{i}"));
        }
    }
}

fn bulk(s: &str) -> Reply {
    Reply::bulk(s.as_bytes())
}

fn err(message: &'static str) -> Reply {
    errors::err(message)
}

fn int(n: i64) -> Reply {
    Reply::Int(n)
}

fn bulks(items: &[&str]) -> Reply {
    Reply::Array(items.iter().map(|s| bulk(s)).collect())
}

/// The bytes of a bulk reply, for replies whose order or choice is random.
fn text(reply: &Reply) -> String {
    String::from_utf8_lossy(reply.as_bulk().expect("a bulk reply")).into_owned()
}

fn wrong_type() -> Reply {
    err(errors::WRONG_TYPE)
}
