//! What a shard-side handler sees: the shard's data and the calling client's context.

use engine::{Db, DbIndex, EncodingLimits, ShardData};

/// Settings a shard applies to commands, copied from the config on every change.
#[derive(Debug, Clone)]
pub struct ShardSettings {
    /// `proto-max-bulk-len`: the largest string a command may build.
    pub proto_max_bulk_len: i64,
    /// Whether `maxmemory-policy` is an LFU policy (OBJECT FREQ works only then).
    pub lfu_policy: bool,
    /// `hz`: background task ticks per second (active expiry).
    pub hz: u32,
    /// `client-query-buffer-limit`: a connection whose unparsed input exceeds it is closed.
    pub query_buffer_limit: u64,
    /// When collections leave their compact encodings (`*-max-listpack-*`).
    pub limits: EncodingLimits,
    /// `client-output-buffer-limit normal`'s hard limit in bytes (0: none): a connection whose
    /// pending replies exceed it is closed.
    pub output_hard_limit: u64,
    /// `hll-sparse-max-bytes`: the largest sparse HyperLogLog before it turns dense.
    pub hll_sparse_max_bytes: usize,
}

impl Default for ShardSettings {
    fn default() -> Self {
        ShardSettings {
            proto_max_bulk_len: 512 * 1024 * 1024,
            lfu_policy: false,
            hz: 10,
            query_buffer_limit: 1 << 30,
            limits: EncodingLimits::default(),
            output_hard_limit: 0,
            hll_sparse_max_bytes: 3000,
        }
    }
}

/// Which shard of how many a state belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardHome {
    /// This shard's index.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl ShardHome {
    /// Whether this shard owns every key whose hash slot is `slot`.
    pub fn owns_slot(&self, slot: u16) -> bool {
        crate::slot::shard_of_slot(slot, self.count) == self.index
    }
}

/// Everything a shard owns besides sockets: data, settings, counters.
#[derive(Debug, Default)]
pub struct ShardState {
    /// The keyspaces.
    pub data: ShardData,
    /// Settings from the config.
    pub settings: ShardSettings,
    /// Changes since the last save (INFO `rdb_changes_since_last_save`).
    pub dirty: u64,
    /// State of the shard's pseudo-random generator (RANDOMKEY and friends).
    pub rng: u64,
    /// Reads that found their key (INFO `keyspace_hits`).
    pub keyspace_hits: u64,
    /// Reads that did not (INFO `keyspace_misses`).
    pub keyspace_misses: u64,
    /// The shard this state is, or `None` for the scratch state a command spanning shards
    /// runs on, which holds only the command's declared keys (so SORT's BY and GET patterns,
    /// which read undeclared keys, cannot run there).
    pub home: Option<ShardHome>,
    /// Keys held by cross-shard transactions.
    pub locks: crate::tx::LockTable,
    /// Keys clients WATCH.
    pub watches: crate::tx::WatchTable,
    /// Clients blocked on keys (BLPOP and friends).
    pub blocked: crate::tx::BlockedTable,
    /// Writes on their way to this shard's AOF.
    pub propagate: crate::propagate::Propagation,
}

impl ShardState {
    /// A fresh state seeded for randomness.
    pub fn new(seed: u64) -> Self {
        ShardState {
            rng: seed | 1,
            ..Default::default()
        }
    }

    /// The next pseudo-random number (xorshift64*).
    pub fn next_random(&mut self) -> u64 {
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// The context of one command run on a shard.
pub struct ShardCtx<'a> {
    /// The shard.
    pub shard: &'a mut ShardState,
    /// The client's selected database.
    pub db: DbIndex,
    /// The command's time: one clock reading per command, as Redis's `commandTimeSnapshot`.
    pub now_ms: u64,
    /// CLIENT NO-TOUCH: reads do not update access times.
    pub no_touch: bool,
    /// The client's ACL user may read every key: SORT's BY and GET patterns, which read keys
    /// no key spec names, need it.
    pub reads_any_key: bool,
}

/// What a handler needs to know about the client that sent its command, carried to whichever
/// shard runs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    /// CLIENT NO-TOUCH.
    pub no_touch: bool,
    /// See [`ShardCtx::reads_any_key`].
    pub reads_any_key: bool,
}

impl Default for Caller {
    fn default() -> Self {
        Caller {
            no_touch: false,
            reads_any_key: true,
        }
    }
}

impl<'a> ShardCtx<'a> {
    /// A context for `db` at `now_ms`.
    pub fn new(shard: &'a mut ShardState, db: DbIndex, now_ms: u64) -> Self {
        ShardCtx {
            shard,
            db,
            now_ms,
            no_touch: false,
            reads_any_key: true,
        }
    }

    /// `caller`'s flags applied to this context.
    pub fn with_caller(mut self, caller: Caller) -> Self {
        self.no_touch = caller.no_touch;
        self.reads_any_key = caller.reads_any_key;
        self
    }

    /// The selected database.
    #[inline]
    pub fn db(&mut self) -> &mut Db {
        self.shard.data.db(self.db)
    }

    /// Counts a read of a key for INFO's hit ratio, as Redis's read lookups do.
    #[inline]
    pub fn count_read(&mut self, found: bool) {
        if found {
            self.shard.keyspace_hits += 1;
        } else {
            self.shard.keyspace_misses += 1;
        }
    }

    /// Counts `n` changes to the dataset.
    #[inline]
    pub fn dirty(&mut self, n: u64) {
        self.shard.dirty += n;
    }
}
