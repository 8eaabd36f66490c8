//! Behaviour of the hash commands, driven through their handlers. Every expected reply and
//! error string was checked against Redis 7.0.15.

mod counters;
mod fields;
mod random;
mod read;
mod scan;

use engine::{DbIndex, EncodingLimits};
use resp::Reply;

use crate::{errors, OwnedArgs, ShardCtx, ShardHandler, ShardState};

/// The test clock: a plausible unix time in ms.
const NOW_MS: u64 = 1_700_000_000_000;

/// One shard.
struct Shard {
    state: ShardState,
}

impl Shard {
    fn new() -> Self {
        Shard {
            state: ShardState::new(7),
        }
    }

    /// A shard whose hashes leave `listpack` past `entries` fields or `value` bytes.
    fn with_limits(entries: usize, value: usize) -> Self {
        let mut shard = Shard::new();
        shard.state.settings.limits = EncodingLimits {
            hash_max_listpack_entries: entries,
            hash_max_listpack_value: value,
            ..EncodingLimits::default()
        };
        shard
    }

    /// Runs a command given as space-separated words.
    fn run(&mut self, line: &str) -> Reply {
        let words: Vec<&[u8]> = line.split_whitespace().map(str::as_bytes).collect();
        self.run_args(&words)
    }

    /// Runs a command given as raw arguments.
    fn run_args(&mut self, argv: &[&[u8]]) -> Reply {
        let args = OwnedArgs::from_slices(argv.iter().copied());
        let handler = handler_for(argv[0]);
        let mut ctx = ShardCtx::new(&mut self.state, DbIndex(0), NOW_MS);
        handler(&mut ctx, args.view())
    }

    /// Runs a command and returns how many changes it counted.
    fn dirty_of(&mut self, line: &str) -> u64 {
        let before = self.state.dirty;
        self.run(line);
        self.state.dirty - before
    }

    /// `OBJECT ENCODING key`.
    fn encoding(&mut self, key: &str) -> &'static str {
        let entry = self
            .state
            .data
            .db(DbIndex(0))
            .lookup_no_touch(key.as_bytes(), NOW_MS);
        entry.expect("key exists").value.encoding()
    }

    /// Whether the key exists.
    fn exists(&mut self, key: &str) -> bool {
        self.state
            .data
            .db(DbIndex(0))
            .contains(key.as_bytes(), NOW_MS)
    }

    /// Stores a string under `key` (for WRONGTYPE).
    fn set_string(&mut self, key: &str) {
        let value = engine::Value::string(b"x");
        self.state
            .data
            .db(DbIndex(0))
            .set(key.as_bytes(), value, None, NOW_MS);
    }

    /// Fills `key` with fields `f0..f{n-1}` valued `v0..`.
    fn fill(&mut self, key: &str, n: usize) {
        for i in 0..n {
            self.run(&format!("HSET {key} f{i} v{i}"));
        }
    }
}

fn handler_for(name: &[u8]) -> ShardHandler {
    use super::*;
    match name.to_ascii_lowercase().as_slice() {
        b"hdel" => hdel,
        b"hexists" => hexists,
        b"hget" => hget,
        b"hgetall" => hgetall,
        b"hincrby" => hincrby,
        b"hincrbyfloat" => hincrbyfloat,
        b"hkeys" => hkeys,
        b"hlen" => hlen,
        b"hmget" => hmget,
        b"hmset" => hmset,
        b"hrandfield" => hrandfield,
        b"hscan" => hscan,
        b"hset" => hset,
        b"hsetnx" => hsetnx,
        b"hstrlen" => hstrlen,
        b"hvals" => hvals,
        other => panic!("no hash handler for {}", String::from_utf8_lossy(other)),
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
