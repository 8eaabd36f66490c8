//! All of one shard's data: its slice of every logical database.

use crate::db::Db;

/// Number of logical databases (`databases` in redis.conf; fixed at 16 for now).
pub const DB_COUNT: usize = 16;

/// Index of a logical database, `0..DB_COUNT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct DbIndex(pub usize);

/// One shard's keyspaces.
#[derive(Debug)]
pub struct ShardData {
    dbs: Vec<Db>,
}

impl Default for ShardData {
    fn default() -> Self {
        Self::new()
    }
}

impl ShardData {
    /// Empty databases.
    pub fn new() -> Self {
        ShardData {
            dbs: (0..DB_COUNT).map(|_| Db::new()).collect(),
        }
    }

    /// One database.
    pub fn db(&mut self, index: DbIndex) -> &mut Db {
        &mut self.dbs[index.0]
    }

    /// One database, read-only.
    pub fn db_ref(&self, index: DbIndex) -> &Db {
        &self.dbs[index.0]
    }

    /// Every database with its index.
    pub fn dbs(&self) -> impl Iterator<Item = (DbIndex, &Db)> {
        self.dbs.iter().enumerate().map(|(i, db)| (DbIndex(i), db))
    }

    /// Two databases' contents exchange places (SWAPDB).
    pub fn swap(&mut self, a: DbIndex, b: DbIndex) {
        self.dbs.swap(a.0, b.0);
    }

    /// Total keys in every database.
    pub fn total_keys(&self) -> usize {
        self.dbs.iter().map(Db::len).sum()
    }

    /// Keys removed by expiry, in every database.
    pub fn expired_keys(&self) -> u64 {
        self.dbs.iter().map(|db| db.expired_keys).sum()
    }

    /// Active expiry: reclaims up to `budget` due keys across databases; returns how many.
    pub fn expire_due(&mut self, now_ms: u64, budget: usize) -> usize {
        let mut done = 0;
        for db in &mut self.dbs {
            if done >= budget {
                break;
            }
            done += db.expire_due(now_ms, budget - done);
        }
        done
    }
}
