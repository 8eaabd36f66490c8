//! Behaviour of the set commands, driven through their handlers. Expected replies and error
//! strings were checked against Redis 7.0.15; encodings are Redis 7.2's.

mod algebra;
mod members;
mod random;

use engine::{DbIndex, EncodingLimits};
use resp::Reply;

use crate::{errors, OwnedArgs, ShardCtx, ShardHandler, ShardState};

/// One shard with a fixed clock.
struct Shard {
    state: ShardState,
}

impl Shard {
    fn new() -> Self {
        Shard {
            state: ShardState::new(7),
        }
    }

    /// A shard whose sets leave their compact encodings early.
    fn with_limits(limits: EncodingLimits) -> Self {
        let mut shard = Shard::new();
        shard.state.settings.limits = limits;
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
        let mut ctx = ShardCtx::new(&mut self.state, DbIndex(0), 1_700_000_000_000);
        handler(&mut ctx, args.view())
    }

    /// Runs a command and returns how many changes it counted.
    fn dirty_of(&mut self, line: &str) -> u64 {
        let before = self.state.dirty;
        self.run(line);
        self.state.dirty - before
    }

    /// `OBJECT ENCODING key` (Redis 7.2's names).
    fn encoding(&mut self, key: &str) -> &'static str {
        let entry = self
            .state
            .data
            .db(DbIndex(0))
            .lookup_no_touch(key.as_bytes(), 1_700_000_000_000);
        entry.expect("key exists").value.encoding()
    }

    /// Whether the key exists.
    fn exists(&mut self, key: &str) -> bool {
        self.state
            .data
            .db(DbIndex(0))
            .contains(key.as_bytes(), 1_700_000_000_000)
    }

    /// The members of a set, sorted.
    fn members(&mut self, key: &str) -> Vec<String> {
        sorted(self.run(&format!("SMEMBERS {key}")))
    }
}

fn handler_for(name: &[u8]) -> ShardHandler {
    use super::*;
    match name.to_ascii_lowercase().as_slice() {
        b"sadd" => sadd,
        b"srem" => srem,
        b"smembers" => smembers,
        b"sismember" => sismember,
        b"smismember" => smismember,
        b"scard" => scard,
        b"spop" => spop,
        b"srandmember" => srandmember,
        b"smove" => smove,
        b"sscan" => sscan,
        b"sinter" => sinter,
        b"sintercard" => sintercard,
        b"sunion" => sunion,
        b"sdiff" => sdiff,
        b"sinterstore" => sinterstore,
        b"sunionstore" => sunionstore,
        b"sdiffstore" => sdiffstore,
        b"set" => crate::families::string::set,
        other => panic!("no set handler for {}", String::from_utf8_lossy(other)),
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
