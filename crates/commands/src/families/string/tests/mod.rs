//! Behaviour of the string commands, driven through their handlers with a hand-set clock.
//! Every expected reply and error string was checked against Redis 7.0.15.

mod counters;
mod get_set;
mod lcs;
mod longdouble;
mod multi;
mod ranges;

use resp::Reply;

use crate::errors;
use crate::families::test_shard::{TestShard, T0_MS};

/// What the string tests read of a key besides replies.
trait StringShard {
    /// Unix seconds of the key's last recorded access.
    fn access_s(&mut self, key: &str) -> u32;
    /// Remaining time to live in ms, `None` without a deadline (or without the key).
    fn ttl_ms(&mut self, key: &str) -> Option<u64>;
}

impl StringShard for TestShard {
    fn access_s(&mut self, key: &str) -> u32 {
        self.peek(key).expect("key exists").access_s
    }

    fn ttl_ms(&mut self, key: &str) -> Option<u64> {
        let now_ms = self.now_ms;
        let deadline_ms = self.peek(key)?.expire_at_ms();
        deadline_ms.map(|at| at - now_ms)
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
