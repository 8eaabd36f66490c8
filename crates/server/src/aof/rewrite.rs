//! Log generations: a new set of per-shard files that begin with the data as records, written
//! while the shards keep serving, then named by a new manifest. Start-up, BGREWRITEAOF,
//! automatic rewrites and `CONFIG SET appendonly yes` all start one.
//!
//! The base is written by the RDB snapshot machinery (crate::snapshot): each shard walks its
//! keys while it keeps serving, writing a key's pre-image before any change ahead of the walk,
//! so nothing pauses the shards. In the step that fixes a shard's point in time, its log
//! switches to the new file, which therefore holds exactly the changes after the base. Before
//! that step every shard stops granting write locks and the writing transactions in flight
//! finish, so no transaction is split between the base and the logs, and none releases on one
//! shard before the switch and on another after it.

use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::load::Paths;
use super::manifest::Manifest;
use crate::shard::mesh::JobOutput;
use crate::shard::Shard;

/// Process-wide rewrite state, for INFO and for one rewrite at a time.
#[derive(Debug, Default)]
pub struct RewriteStatus {
    /// A rewrite is running.
    pub running: AtomicBool,
    /// Rewrites finished (INFO `aof_rewrites`).
    pub done: AtomicU64,
    /// The last rewrite failed (INFO `aof_last_bgrewrite_status`).
    pub last_failed: AtomicBool,
    /// Seconds the last rewrite took, -1 before any (INFO `aof_last_rewrite_time_sec`).
    pub last_seconds: AtomicI64,
}

impl RewriteStatus {
    /// A status with no rewrite yet.
    pub fn new() -> Self {
        RewriteStatus {
            last_seconds: AtomicI64::new(-1),
            ..Default::default()
        }
    }
}

/// Why a rewrite did not start.
#[derive(Debug)]
pub enum NotStarted {
    /// Another one runs.
    AlreadyRunning,
}

/// Starts a new generation in the background: returns at once, or says why it cannot.
/// `record` says whether writes are recorded afterwards (`appendonly yes`).
pub fn start(shard: &Rc<Shard>, record: bool) -> Result<(), NotStarted> {
    let status = &shard.shared.aof_rewrite;
    if status.running.swap(true, Ordering::AcqRel) {
        return Err(NotStarted::AlreadyRunning);
    }
    let shard = shard.clone();
    glommio::spawn_local(async move {
        let started = Instant::now();
        let result = run(&shard, record).await;
        let status = &shard.shared.aof_rewrite;
        status.last_failed.store(result.is_err(), Ordering::Release);
        status
            .last_seconds
            .store(started.elapsed().as_secs() as i64, Ordering::Release);
        match result {
            Ok(()) => {
                status.done.fetch_add(1, Ordering::AcqRel);
                tracing::info!("Background AOF rewrite finished successfully");
            }
            Err(e) => tracing::error!(error = %e, "Background AOF rewrite failed"),
        }
        status.running.store(false, Ordering::Release);
    })
    .detach();
    Ok(())
}

/// Writes a new generation: a base file holding the data at one point in time (RDB, written
/// by the snapshot walk while the shards keep serving) and, on every shard, a new log of the
/// changes after that point. The manifest first names the old generation's files and the new
/// logs (so a crash at any moment replays the old base, the old logs, then the new logs), and
/// once the base and the new logs are on disk, only the new generation; then the old files go.
pub async fn run(shard: &Rc<Shard>, record: bool) -> anyhow::Result<()> {
    let paths = shard.shared.with_config(Paths::from_config);
    std::fs::create_dir_all(&paths.dir)
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", paths.dir.display()))?;
    let manifest_path = Manifest::path(&paths.dir, &paths.base);
    let old = Manifest::read(&manifest_path)?;
    let seq = old.as_ref().map_or(1, |m| m.seq() + 1);
    let new = Manifest::generation(&paths.base, seq, shard.count);
    let mut meanwhile = old.clone().unwrap_or(Manifest {
        base: None,
        files: Vec::new(),
    });
    meanwhile.files.extend(new.files.iter().cloned());
    meanwhile.write(&manifest_path)?;
    let logs: Vec<_> = new.files.iter().map(|f| paths.dir.join(&f.name)).collect();
    let base_name = new.base.clone().unwrap_or_default();
    let target = crate::snapshot::writer::Target {
        dir: paths.dir.clone(),
        file: base_name.clone(),
    };
    let positions = crate::snapshot::run::write_at(shard, target, |peer| {
        let path = logs[peer].clone();
        Box::new(move |s: &Shard| {
            let (tail, position) = s.state.borrow_mut().propagate.switch(record);
            s.aof.switch_to(path, tail, record);
            position
        })
    })
    .await
    .map_err(|e| anyhow::anyhow!("writing the AOF base: {e}"))?;
    for (peer, target) in positions.iter().enumerate() {
        wait_synced(shard, peer, *target).await;
    }
    // Automatic rewrites measure each shard's log against its share of the base.
    let base_bytes = std::fs::metadata(paths.dir.join(&base_name)).map_or(0, |m| m.len());
    let share = (base_bytes / shard.count as u64).max(1);
    shard
        .run_on_all(|_| {
            Box::new(move |s: &Shard| {
                s.aof.base_size.set(share);
                s.aof.next_auto_check.set(0);
                JobOutput::Replies(Vec::new())
            })
        })
        .await;
    new.write(&manifest_path)?;
    if let Some(old) = old {
        let old_names = old.base.iter().chain(old.files.iter().map(|f| &f.name));
        for name in
            old_names.filter(|n| **n != base_name && !new.files.iter().any(|f| f.name == **n))
        {
            let _ = std::fs::remove_file(paths.dir.join(name));
        }
    }
    Ok(())
}

/// Waits until shard `peer`'s log is fsynced up to `target` (asking it to fsync now).
pub async fn wait_synced(shard: &Rc<Shard>, peer: usize, target: u64) {
    loop {
        let job = Box::new(|shard: &Shard| {
            shard.aof.force_sync.set(true);
            shard.aof.kick.raise();
            JobOutput::Other(Box::new(shard.aof.synced.get()))
        });
        let synced = match shard.run_on(peer, job).await {
            Some(JobOutput::Other(any)) => any.downcast_ref::<u64>().copied().unwrap_or(0),
            _ => 0,
        };
        if synced >= target {
            return;
        }
        glommio::timer::sleep(Duration::from_millis(2)).await;
    }
}

/// Starts a rewrite when this shard's file has grown past `auto-aof-rewrite-percentage` of
/// its base and past `auto-aof-rewrite-min-size`, as Redis does with its one file.
pub fn maybe_auto_rewrite(shard: &Rc<Shard>, file_size: u64) {
    let aof = &shard.aof;
    if !aof.running.get() || file_size < aof.next_auto_check.get() {
        return;
    }
    // Look at the configuration at most once per megabyte written.
    aof.next_auto_check.set(file_size + (1 << 20));
    let (percentage, min_size) = shard.shared.with_config(|c| {
        (
            c.number("auto-aof-rewrite-percentage"),
            c.number("auto-aof-rewrite-min-size"),
        )
    });
    if percentage <= 0 || (file_size as i128) < min_size {
        return;
    }
    // The log holds the changes since the base: its size over the shard's share of the base
    // is the growth since the rewrite.
    let base = aof.base_size.get().max(1) as i128;
    let growth = file_size as i128 * 100 / base;
    if growth >= percentage && start(shard, true).is_ok() {
        tracing::info!(
            shard = shard.id,
            growth,
            "Starting automatic rewriting of AOF on {growth}% growth"
        );
    }
}
