//! Log generations: a new set of per-shard files that begin with the data as records, written
//! while the shards keep serving, then named by a new manifest. Start-up, BGREWRITEAOF,
//! automatic rewrites and `CONFIG SET appendonly yes` all start one.
//!
//! Each shard switches in one step of its own: it writes its data as records at the head of
//! its new file and sends every later write there. Before that step it stops granting write
//! locks and waits for the writing transactions holding some to release them, so no
//! transaction's writes are split by the snapshot. The shards switch one after the other, so
//! a cross-shard transaction may log its block in the old file on one shard and in the new
//! file on another; each new file therefore opens with a `RINGKV.TXSEEN` for every transaction
//! its shard logged lately, which counts as that shard's block (its effects are in the
//! snapshot), and the transaction stays whole.
//!
//! The snapshot of a shard is made in that one step, so the shard pauses for as long as
//! serializing its keys takes.

use std::path::Path;
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

/// Writes a new generation on every shard, waits until every file is on disk, writes the
/// manifest naming them and deletes the files of the old one.
pub async fn run(shard: &Rc<Shard>, record: bool) -> anyhow::Result<()> {
    let paths = shard.shared.with_config(Paths::from_config);
    std::fs::create_dir_all(&paths.dir)
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", paths.dir.display()))?;
    let manifest_path = Manifest::path(&paths.dir, &paths.base);
    let old = Manifest::read(&manifest_path)?;
    let seq = old.as_ref().map_or(1, |m| m.seq() + 1);
    let new = Manifest::generation(&paths.base, seq, shard.count);
    switch_all(shard, &paths.dir, &new, record).await;
    new.write(&manifest_path)?;
    if let Some(old) = old {
        for file in old.files.iter().filter(|f| !new.files.contains(f)) {
            let _ = std::fs::remove_file(paths.dir.join(&file.name));
        }
    }
    Ok(())
}

/// Switches every shard to its file of `manifest`, one shard after the other; returns once
/// every new file is on disk.
async fn switch_all(shard: &Rc<Shard>, dir: &Path, manifest: &Manifest, record: bool) {
    for (peer, file) in manifest.files.iter().enumerate() {
        crate::tx::drain(shard, &[peer]).await;
        let path = dir.join(&file.name);
        let job = Box::new(move |shard: &Shard| {
            let (tail, position, base) = {
                let mut state = shard.state.borrow_mut();
                let snapshot = super::value::snapshot(&mut state);
                let base = snapshot.len() as u64;
                let (tail, position) = state.propagate.switch(snapshot, record);
                state.locks.draining = false;
                (tail, position, base)
            };
            shard.aof.switch_to(path, tail, base, record);
            JobOutput::Other(Box::new(position))
        });
        let target = match shard.run_on(peer, job).await {
            Some(JobOutput::Other(any)) => any.downcast_ref::<u64>().copied().unwrap_or(0),
            _ => 0,
        };
        wait_synced(shard, peer, target).await;
    }
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
    let base = aof.base_size.get().max(1) as i128;
    let growth = (file_size as i128 - base) * 100 / base;
    if growth >= percentage && start(shard, true).is_ok() {
        tracing::info!(
            shard = shard.id,
            growth,
            "Starting automatic rewriting of AOF on {growth}% growth"
        );
    }
}
