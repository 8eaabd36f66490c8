//! Behaviour of the sorted set commands, driven through their handlers. Expected replies and
//! error strings were checked against Redis 7.0.15 (7.2's documentation for ZRANK's
//! WITHSCORE, which 7.0 lacks).

mod add;
mod algebra;
mod pop;
mod range;
mod read;

use engine::DbIndex;
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

    /// Runs a command given as space-separated words.
    fn run(&mut self, line: &str) -> Reply {
        let words: Vec<&[u8]> = line.split_whitespace().map(str::as_bytes).collect();
        let args = OwnedArgs::from_slices(words.iter().copied());
        let mut ctx = ShardCtx::new(&mut self.state, DbIndex(0), 1_700_000_000_000);
        handler_for(words[0])(&mut ctx, args.view())
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

    /// Sets the listpack limits, as CONFIG SET would.
    fn limits(&mut self, entries: usize, value: usize) {
        self.state.settings.limits.zset_max_listpack_entries = entries;
        self.state.settings.limits.zset_max_listpack_value = value;
    }
}

fn handler_for(name: &[u8]) -> ShardHandler {
    use super::*;
    match name.to_ascii_lowercase().as_slice() {
        b"set" => crate::families::string::set,
        b"zadd" => zadd,
        b"zincrby" => zincrby,
        b"zrem" => zrem,
        b"zcard" => zcard,
        b"zcount" => zcount,
        b"zlexcount" => zlexcount,
        b"zscore" => zscore,
        b"zmscore" => zmscore,
        b"zrank" => zrank,
        b"zrevrank" => zrevrank,
        b"zrange" => zrange,
        b"zrangestore" => zrangestore,
        b"zrangebyscore" => zrangebyscore,
        b"zrevrangebyscore" => zrevrangebyscore,
        b"zrangebylex" => zrangebylex,
        b"zrevrangebylex" => zrevrangebylex,
        b"zrevrange" => zrevrange,
        b"zremrangebyrank" => zremrangebyrank,
        b"zremrangebyscore" => zremrangebyscore,
        b"zremrangebylex" => zremrangebylex,
        b"zpopmin" => zpopmin,
        b"zpopmax" => zpopmax,
        b"zmpop" => zmpop,
        b"zrandmember" => zrandmember,
        b"zunion" => zunion,
        b"zinter" => zinter,
        b"zdiff" => zdiff,
        b"zunionstore" => zunionstore,
        b"zinterstore" => zinterstore,
        b"zdiffstore" => zdiffstore,
        b"zintercard" => zintercard,
        b"zscan" => zscan,
        other => panic!("no handler for {}", String::from_utf8_lossy(other)),
    }
}

fn bulk(s: &str) -> Reply {
    Reply::bulk(s.as_bytes())
}

fn err(message: &'static str) -> Reply {
    errors::err(message)
}

/// An array of bulk strings.
fn members(items: &[&str]) -> Reply {
    Reply::Array(items.iter().map(|m| bulk(m)).collect())
}

/// Member-score pairs.
fn pairs(items: &[(&str, f64)]) -> Reply {
    Reply::Pairs(
        items
            .iter()
            .map(|(m, s)| (bulk(m), Reply::Double(*s)))
            .collect(),
    )
}
