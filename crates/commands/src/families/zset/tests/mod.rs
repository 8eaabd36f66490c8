//! Behaviour of the sorted set commands, driven through their handlers. Expected replies and
//! error strings were checked against Redis 7.0.15 (7.2's documentation for ZRANK's
//! WITHSCORE, which 7.0 lacks).

mod add;
mod algebra;
mod pop;
mod range;
mod read;

use resp::Reply;

use crate::errors;
use crate::families::test_shard::TestShard;

/// How the sorted set tests change settings mid-test.
trait ZsetShard {
    /// Sets the listpack limits, as CONFIG SET would.
    fn limits(&mut self, entries: usize, value: usize);
}

impl ZsetShard for TestShard {
    fn limits(&mut self, entries: usize, value: usize) {
        self.state.settings.limits.zset_max_listpack_entries = entries;
        self.state.settings.limits.zset_max_listpack_value = value;
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
