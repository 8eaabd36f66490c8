//! RDB snapshots without fork and without copying the dataset (SAVE, BGSAVE, save points,
//! loading at start-up).
//!
//! Each shard walks its keyspace in hash order while it keeps serving ([`walk`]); before any
//! change reaches a key the walk has not passed, the key's value as of the start is written
//! first (its pre-image). The shards' records stream through one writer thread ([`writer`])
//! into `dir/temp-<pid>.rdb`, renamed to `dir/dbfilename` when complete.
//!
//! Architecture Invariant: the walk of a shard lives in a thread-local of that shard's executor
//! thread, because the write paths see only the shard's `ShardState` (which lives in the
//! `commands` crate) and each shard is one thread. While no snapshot runs, every hook costs
//! one thread-local flag test.

pub mod hook;
pub mod load;
pub mod run;
pub mod status;
pub mod walk;
pub mod writer;

use std::cell::{Cell, RefCell};

use commands::ShardState;
use walk::ShardWalk;

pub use status::RdbStatus;

thread_local! {
    /// Whether this shard's walk is running (the hooks' fast path).
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    /// This shard's walk, while one runs.
    static WALK: RefCell<Option<ShardWalk>> = const { RefCell::new(None) };
}

/// Whether a snapshot walk runs on this shard.
#[inline]
pub fn active() -> bool {
    ACTIVE.with(Cell::get)
}

/// Starts `walk` on this shard; false when one already runs.
pub fn begin(walk: ShardWalk) -> bool {
    WALK.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_some() {
            return false;
        }
        *slot = Some(walk);
        ACTIVE.with(|a| a.set(true));
        true
    })
}

/// Ends this shard's walk, returning it.
pub fn end() -> Option<ShardWalk> {
    ACTIVE.with(|a| a.set(false));
    WALK.with(|slot| slot.borrow_mut().take())
}

/// Runs `f` on this shard's walk, when one runs.
pub fn with_walk<R>(f: impl FnOnce(&mut ShardWalk) -> R) -> Option<R> {
    WALK.with(|slot| slot.borrow_mut().as_mut().map(f))
}

/// Before a change to `key` of `db`: writes its pre-image if the walk needs it.
#[inline]
pub fn before_write(state: &mut ShardState, db: engine::DbIndex, key: &[u8], now_ms: u64) {
    if active() {
        with_walk(|w| w.pre_image(state, db, key, true, now_ms));
    }
}

/// Before a read of `key` (which may reclaim it if its deadline passed during the walk).
#[inline]
pub fn before_read(state: &mut ShardState, db: engine::DbIndex, key: &[u8], now_ms: u64) {
    if active() {
        with_walk(|w| w.pre_image(state, db, key, false, now_ms));
    }
}

/// The time up to which active expiry may reclaim keys: during a walk, only keys already
/// expired at its start, so that keys expiring during it are still there to be written.
#[inline]
pub fn expiry_horizon(now_ms: u64) -> u64 {
    if !active() {
        return now_ms;
    }
    with_walk(|w| w.t0_ms.min(now_ms)).unwrap_or(now_ms)
}

#[cfg(test)]
mod tests;
