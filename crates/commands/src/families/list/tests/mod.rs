//! Behaviour of the list commands, driven through their handlers. Every expected reply and
//! error string was checked against Redis 7.0.15; encodings follow Redis 7.2.

mod edit;
mod moves;
mod push_pop;
mod read;

use engine::DbIndex;
use resp::Reply;

use crate::{errors, OwnedArgs, ShardCtx, ShardHandler, ShardState};

/// One shard at a fixed time.
struct Shard {
    state: ShardState,
}

impl Shard {
    fn new() -> Self {
        Shard {
            state: ShardState::new(7),
        }
    }

    /// A shard whose `list-max-listpack-size` is `size`.
    fn with_list_size(size: i64) -> Self {
        let mut shard = Shard::new();
        shard.state.settings.limits.list_max_listpack_size = size;
        shard
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

    /// `OBJECT ENCODING key`, or `None` without the key.
    fn encoding(&mut self, key: &str) -> Option<&'static str> {
        let db = self.state.data.db(DbIndex(0));
        db.lookup_no_touch(key.as_bytes(), 1_700_000_000_000)
            .map(|entry| entry.value.encoding())
    }

    /// Every element of the list under `key`.
    fn contents(&mut self, key: &str) -> Reply {
        self.run(&format!("LRANGE {key} 0 -1"))
    }
}

fn handler_for(name: &[u8]) -> ShardHandler {
    use super::*;
    match name.to_ascii_lowercase().as_slice() {
        b"lpush" => lpush,
        b"rpush" => rpush,
        b"lpushx" => lpushx,
        b"rpushx" => rpushx,
        b"lpop" => lpop,
        b"rpop" => rpop,
        b"llen" => llen,
        b"lrange" => lrange,
        b"lindex" => lindex,
        b"lset" => lset,
        b"linsert" => linsert,
        b"lrem" => lrem,
        b"ltrim" => ltrim,
        b"lpos" => lpos,
        b"lmove" => lmove,
        b"rpoplpush" => rpoplpush,
        b"lmpop" => lmpop,
        b"set" => crate::families::string::set,
        other => panic!("no list handler for {}", String::from_utf8_lossy(other)),
    }
}

fn bulk(s: &str) -> Reply {
    Reply::bulk(s.as_bytes())
}

fn bulks(items: &[&str]) -> Reply {
    Reply::Array(items.iter().map(|s| bulk(s)).collect())
}

fn ints(items: &[i64]) -> Reply {
    Reply::Array(items.iter().map(|n| Reply::Int(*n)).collect())
}

fn err(message: &'static str) -> Reply {
    errors::err(message)
}
