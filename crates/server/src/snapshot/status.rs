//! Process-wide snapshot state: what INFO persistence and LASTSAVE report.

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};

/// Snapshot figures shared by every shard.
#[derive(Debug)]
pub struct RdbStatus {
    /// A snapshot is being written.
    pub in_progress: AtomicBool,
    /// Unix seconds of the last successful save (start-up time until then).
    pub last_save_s: AtomicU64,
    /// Whether the last save succeeded.
    pub last_ok: AtomicBool,
    /// Unix seconds of the last attempt (failed saves are retried only after a delay).
    pub last_try_s: AtomicU64,
    /// Seconds the last save took, -1 before the first.
    pub last_duration_s: AtomicI64,
    /// Unix seconds when the current save started (0 when none runs).
    pub current_start_s: AtomicU64,
    /// Successful saves since start (INFO `rdb_saves`).
    pub saves: AtomicU64,
    /// Keys loaded at start-up.
    pub loaded_keys: AtomicU64,
    /// Keys skipped at start-up because their deadline had passed.
    pub loaded_expired: AtomicU64,
}

impl RdbStatus {
    /// The state of a server started at `started_s` (Unix seconds).
    pub fn new(started_s: u64) -> RdbStatus {
        RdbStatus {
            in_progress: AtomicBool::new(false),
            last_save_s: AtomicU64::new(started_s),
            last_ok: AtomicBool::new(true),
            last_try_s: AtomicU64::new(0),
            last_duration_s: AtomicI64::new(-1),
            current_start_s: AtomicU64::new(0),
            saves: AtomicU64::new(0),
            loaded_keys: AtomicU64::new(0),
            loaded_expired: AtomicU64::new(0),
        }
    }

    /// Claims the right to write a snapshot; false when one is being written.
    pub fn try_start(&self, now_s: u64) -> bool {
        let claimed = self
            .in_progress
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
        if claimed {
            self.current_start_s.store(now_s, Ordering::Release);
            self.last_try_s.store(now_s, Ordering::Release);
        }
        claimed
    }

    /// Records the end of the current snapshot.
    pub fn finish(&self, ok: bool, now_s: u64) {
        let started = self.current_start_s.swap(0, Ordering::AcqRel);
        self.last_duration_s
            .store(now_s.saturating_sub(started) as i64, Ordering::Release);
        self.last_ok.store(ok, Ordering::Release);
        if ok {
            self.last_save_s.store(now_s, Ordering::Release);
            self.saves.fetch_add(1, Ordering::AcqRel);
        }
        self.in_progress.store(false, Ordering::Release);
    }

    /// Seconds the current save has run, -1 when none runs (INFO `rdb_current_bgsave_time_sec`).
    pub fn current_duration_s(&self, now_s: u64) -> i64 {
        match self.current_start_s.load(Ordering::Acquire) {
            0 => -1,
            started => now_s.saturating_sub(started) as i64,
        }
    }
}
