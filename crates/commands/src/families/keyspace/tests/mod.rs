//! Behaviour of the keyspace handlers on one shard, driven with a hand-set clock.

mod db_ops;
mod expire;
mod object;
mod presence;
mod rename;
mod scan;

use bytes::Bytes;
use engine::{DbIndex, Value};
use resp::Reply;

use crate::{OwnedArgs, ShardCtx, ShardHandler, ShardState};

/// A plausible unix time, so that seconds and milliseconds differ visibly.
const T0_MS: u64 = 1_700_000_000_000;

/// One shard, a selected database and a clock that only moves when told to.
struct Shard {
    state: ShardState,
    db: DbIndex,
    now_ms: u64,
    no_touch: bool,
}

impl Shard {
    fn new() -> Self {
        Shard {
            state: ShardState::new(42),
            db: DbIndex(0),
            now_ms: T0_MS,
            no_touch: false,
        }
    }

    /// Runs `handler` with `argv` (the command name first) in the selected database.
    fn run(&mut self, handler: ShardHandler, argv: &[&str]) -> Reply {
        let args = OwnedArgs::from_slices(argv.iter().map(|a| a.as_bytes()));
        let mut ctx = ShardCtx::new(&mut self.state, self.db, self.now_ms);
        ctx.no_touch = self.no_touch;
        handler(&mut ctx, args.view())
    }

    /// Stores a string without a deadline in the selected database.
    fn set(&mut self, key: &str, value: &str) {
        self.set_in(self.db.0, key, value, None);
    }

    /// Stores a string in database `db` with an optional deadline.
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

    /// The string under `key` in database `db`, without recording an access.
    fn get_in(&mut self, db: usize, key: &str) -> Option<Bytes> {
        let now_ms = self.now_ms;
        let entry = self
            .state
            .data
            .db(DbIndex(db))
            .lookup_no_touch(key.as_bytes(), now_ms)?;
        match &entry.value {
            Value::Str(s) => Some(s.to_bytes()),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The string under `key` in the selected database.
    fn get(&mut self, key: &str) -> Option<Bytes> {
        self.get_in(self.db.0, key)
    }

    /// The deadline of `key` in database `db`.
    fn deadline_in(&mut self, db: usize, key: &str) -> Option<u64> {
        let now_ms = self.now_ms;
        let db = self.state.data.db(DbIndex(db));
        db.lookup_no_touch(key.as_bytes(), now_ms)?.expire_at_ms()
    }

    fn advance(&mut self, ms: u64) {
        self.now_ms += ms;
    }

    fn dirty(&self) -> u64 {
        self.state.dirty
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
