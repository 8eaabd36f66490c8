//! Behaviour of the list commands, driven through their handlers. Every expected reply and
//! error string was checked against Redis 7.0.15; encodings follow Redis 7.2.

mod edit;
mod moves;
mod push_pop;
mod read;

use engine::EncodingLimits;
use resp::Reply;

use crate::errors;
use crate::families::test_shard::TestShard;

/// Limits under which lists leave `listpack` past `size` (`list-max-listpack-size`).
fn list_size(size: i64) -> EncodingLimits {
    EncodingLimits {
        list_max_listpack_size: size,
        ..EncodingLimits::default()
    }
}

/// What the list tests read besides replies.
trait ListShard {
    /// Every element of the list under `key`.
    fn contents(&mut self, key: &str) -> Reply;
}

impl ListShard for TestShard {
    fn contents(&mut self, key: &str) -> Reply {
        self.run(&format!("LRANGE {key} 0 -1"))
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
