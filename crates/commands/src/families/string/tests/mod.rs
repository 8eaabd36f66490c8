//! Behaviour of the string commands, driven through their handlers with a hand-set clock.
//! Every expected reply and error string was checked against Redis 7.0.15.

mod counters;
mod get_set;
mod lcs;
mod longdouble;
mod multi;
mod ranges;

use engine::DbIndex;
use resp::Reply;

use crate::{errors, OwnedArgs, ShardCtx, ShardHandler, ShardState};

/// The test clock's start: a plausible unix time in ms.
const T0_MS: u64 = 1_700_000_000_000;

/// One shard and a clock.
struct Shard {
    state: ShardState,
    now_ms: u64,
}

impl Shard {
    fn new() -> Self {
        Shard {
            state: ShardState::new(7),
            now_ms: T0_MS,
        }
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
        let mut ctx = ShardCtx::new(&mut self.state, DbIndex(0), self.now_ms);
        handler(&mut ctx, args.view())
    }

    /// Runs a command for a client in CLIENT NO-TOUCH mode.
    fn run_no_touch(&mut self, line: &str) -> Reply {
        let words: Vec<&[u8]> = line.split_whitespace().map(str::as_bytes).collect();
        let args = OwnedArgs::from_slices(words.iter().copied());
        let mut ctx = ShardCtx::new(&mut self.state, DbIndex(0), self.now_ms);
        ctx.no_touch = true;
        handler_for(words[0])(&mut ctx, args.view())
    }

    /// Unix seconds of the key's last recorded access.
    fn access_s(&mut self, key: &str) -> u32 {
        let now_ms = self.now_ms;
        let entry = self
            .state
            .data
            .db(DbIndex(0))
            .lookup_no_touch(key.as_bytes(), now_ms);
        entry.expect("key exists").access_s
    }

    /// Runs a command and returns how many changes it counted.
    fn dirty_of(&mut self, line: &str) -> u64 {
        let before = self.state.dirty;
        self.run(line);
        self.state.dirty - before
    }

    /// `OBJECT ENCODING key`.
    fn encoding(&mut self, key: &str) -> &'static str {
        let now_ms = self.now_ms;
        let entry = self
            .state
            .data
            .db(DbIndex(0))
            .lookup_no_touch(key.as_bytes(), now_ms);
        entry.expect("key exists").value.encoding()
    }

    /// Remaining time to live in ms, `None` without a deadline (or without the key).
    fn ttl_ms(&mut self, key: &str) -> Option<u64> {
        let now_ms = self.now_ms;
        let entry = self
            .state
            .data
            .db(DbIndex(0))
            .lookup_no_touch(key.as_bytes(), now_ms)?;
        entry.expire_at_ms().map(|at| at - now_ms)
    }

    /// Whether the key exists now.
    fn exists(&mut self, key: &str) -> bool {
        let now_ms = self.now_ms;
        self.state
            .data
            .db(DbIndex(0))
            .contains(key.as_bytes(), now_ms)
    }
}

fn handler_for(name: &[u8]) -> ShardHandler {
    use super::*;
    match name.to_ascii_lowercase().as_slice() {
        b"append" => append,
        b"decr" => decr,
        b"decrby" => decrby,
        b"get" => get,
        b"getdel" => getdel,
        b"getex" => getex,
        b"getrange" | b"substr" => getrange,
        b"getset" => getset,
        b"incr" => incr,
        b"incrby" => incrby,
        b"incrbyfloat" => incrbyfloat,
        b"lcs" => lcs,
        b"mget" => mget,
        b"mset" => mset,
        b"msetnx" => msetnx,
        b"psetex" => psetex,
        b"set" => set,
        b"setex" => setex,
        b"setnx" => setnx,
        b"setrange" => setrange,
        b"strlen" => strlen,
        other => panic!("no string handler for {}", String::from_utf8_lossy(other)),
    }
}

fn bulk(s: &str) -> Reply {
    Reply::bulk(s.as_bytes())
}

fn err(message: &'static str) -> Reply {
    errors::err(message)
}

fn ok() -> Reply {
    Reply::OK
}

fn int(n: i64) -> Reply {
    Reply::Int(n)
}

fn array(items: Vec<Reply>) -> Reply {
    Reply::Array(items)
}
