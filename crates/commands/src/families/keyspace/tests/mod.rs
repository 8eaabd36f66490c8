//! Behaviour of the keyspace handlers on one shard, driven with a hand-set clock.

mod db_ops;
mod dump;
mod expire;
mod object;
mod presence;
mod rename;
mod scan;

use bytes::Bytes;
use engine::{DbIndex, Value};
use resp::Reply;

use crate::families::test_shard::{TestShard, T0_MS};
use crate::{OwnedArgs, ShardCtx};

/// How the keyspace tests store and inspect strings without going through a command.
trait KeyspaceShard {
    /// Stores a string without a deadline in the selected database.
    fn set(&mut self, key: &str, value: &str);
    /// Stores a string in database `db` with an optional deadline.
    fn set_in(&mut self, db: usize, key: &str, value: &str, deadline_ms: Option<u64>);
    /// The string under `key` in database `db`, without recording an access.
    fn get_in(&mut self, db: usize, key: &str) -> Option<Bytes>;
    /// The string under `key` in the selected database.
    fn get(&mut self, key: &str) -> Option<Bytes>;
    /// The deadline of `key` in database `db`.
    fn deadline_in(&mut self, db: usize, key: &str) -> Option<u64>;
}

impl KeyspaceShard for TestShard {
    fn set(&mut self, key: &str, value: &str) {
        self.set_in(self.db.0, key, value, None);
    }

    fn set_in(&mut self, db: usize, key: &str, value: &str, deadline_ms: Option<u64>) {
        let now_ms = self.now_ms;
        let db = self.state.data.db(DbIndex(db));
        db.set(
            key.as_bytes(),
            Value::string(value.as_bytes()),
            deadline_ms,
            now_ms,
        );
    }

    fn get_in(&mut self, db: usize, key: &str) -> Option<Bytes> {
        match &self.peek_in(DbIndex(db), key)?.value {
            Value::Str(s) => Some(s.to_bytes()),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    fn get(&mut self, key: &str) -> Option<Bytes> {
        self.get_in(self.db.0, key)
    }

    fn deadline_in(&mut self, db: usize, key: &str) -> Option<u64> {
        self.peek_in(DbIndex(db), key)?.expire_at_ms()
    }
}

fn int(n: i64) -> Reply {
    Reply::Int(n)
}

fn err(message: &'static str) -> Reply {
    Reply::error(message)
}

fn bulk(s: &str) -> Reply {
    Reply::bulk(s.as_bytes())
}

/// The bulk strings of an array reply, sorted, to compare replies in no particular order.
fn sorted_strings(reply: Reply) -> Vec<String> {
    let Reply::Array(items) = reply else {
        panic!("expected an array, got {reply:?}");
    };
    let mut out: Vec<String> = items
        .into_iter()
        .map(|item| match item.as_bulk() {
            Some(b) => String::from_utf8(b.to_vec()).unwrap(),
            None => panic!("expected a bulk string, got {item:?}"),
        })
        .collect();
    out.sort();
    out
}
