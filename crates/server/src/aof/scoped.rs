//! Replaying FLUSHALL, FLUSHDB and SWAPDB from one shard's log.
//!
//! At run time every shard runs them on its own keys and logs them in its own log. A shard's
//! log therefore means "flush (or swap) the keys of this shard", and replaying it as the
//! whole-server command would also hit keys that another shard's log, replayed before it,
//! has just rebuilt. So the loader runs them on every shard, limited to the keys the log's
//! shard owned: those whose slot maps to it under the shard count that wrote the logs.

use engine::DbIndex;

use crate::shard::mesh::JobOutput;
use crate::shard::Shard;
use crate::slot::shard_of;

/// A whole-database write of a log, limited to the keys of old shard `owner` of `owners`.
#[derive(Debug, Clone, Copy)]
pub enum Scoped {
    /// FLUSHALL.
    FlushAll,
    /// FLUSHDB of the database the log had selected.
    FlushDb(DbIndex),
    /// SWAPDB a b.
    Swap(DbIndex, DbIndex),
}

impl Scoped {
    /// The scoped form of `record` run in database `db`, if it is one of these commands.
    pub fn of(record: &[Vec<u8>], db: DbIndex) -> Option<Scoped> {
        let name = record.first()?.to_ascii_uppercase();
        let index = |i: usize| {
            let n: usize = std::str::from_utf8(record.get(i)?).ok()?.parse().ok()?;
            (n < engine::DB_COUNT).then_some(DbIndex(n))
        };
        match name.as_slice() {
            b"FLUSHALL" => Some(Scoped::FlushAll),
            b"FLUSHDB" => Some(Scoped::FlushDb(db)),
            b"SWAPDB" => Some(Scoped::Swap(index(1)?, index(2)?)),
            _ => None,
        }
    }
}

/// Runs `op` on every shard for the keys old shard `owner` of `owners` had.
pub async fn run(shard: &Shard, op: Scoped, owner: usize, owners: usize) {
    shard
        .run_on_all(|_| {
            Box::new(move |s: &Shard| {
                let mut state = s.state.borrow_mut();
                let now = crate::shared::now_ms();
                let owned = |key: &[u8]| shard_of(key, owners) == owner;
                let mut take = |db: DbIndex| {
                    let keys: Vec<Vec<u8>> = state
                        .data
                        .db(db)
                        .iter(now)
                        .filter(|(k, _)| owned(k))
                        .map(|(k, _)| k.to_vec())
                        .collect();
                    keys.into_iter()
                        .filter_map(|k| {
                            let value = state.data.db(db).detach(&k, now)?;
                            Some((k, value))
                        })
                        .collect::<Vec<_>>()
                };
                match op {
                    Scoped::FlushAll => {
                        for db in 0..engine::DB_COUNT {
                            take(DbIndex(db));
                        }
                    }
                    Scoped::FlushDb(db) => {
                        take(db);
                    }
                    Scoped::Swap(a, b) if a != b => {
                        let from_a = take(a);
                        let from_b = take(b);
                        for (key, value) in from_a {
                            state.data.db(b).attach(&key, value, now);
                        }
                        for (key, value) in from_b {
                            state.data.db(a).attach(&key, value, now);
                        }
                    }
                    Scoped::Swap(..) => {}
                }
                JobOutput::Replies(Vec::new())
            })
        })
        .await;
}
