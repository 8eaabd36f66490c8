//! Loading `dir/dbfilename` at start-up (with `appendonly no`), key by key, each key sent to
//! the shard that owns it now, whatever shard count wrote the file.

use std::fs::File;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use persist::{Decoder, Item, KeyEntry};

use crate::shard::mesh::{Job, JobOutput};
use crate::shard::Shard;
use crate::shared::now_ms;
use crate::slot::shard_of;

/// Keys sent to a shard in one message.
const BATCH: usize = 512;

/// The snapshot file the configuration names.
pub fn path(config: &config::Config) -> PathBuf {
    PathBuf::from(config.dir()).join(config.dbfilename())
}

/// Loads the snapshot file (run once, on shard 0, while clients get `-LOADING`). Exits the
/// process when the file cannot be read, as Redis refuses to start on a corrupt RDB.
pub async fn startup(shard: Rc<Shard>) {
    let path = shard.shared.with_config(path);
    let started = Instant::now();
    match load(&shard, &path).await {
        Ok((loaded, expired)) => {
            let rdb = &shard.shared.rdb;
            rdb.loaded_keys.store(loaded, Ordering::Release);
            rdb.loaded_expired.store(expired, Ordering::Release);
            tracing::info!(
                keys = loaded,
                expired,
                elapsed = ?started.elapsed(),
                "DB loaded from disk"
            );
        }
        Err(e) => {
            tracing::error!(file = %path.display(), error = %e, "cannot load the RDB file; exiting");
            std::process::exit(1);
        }
    }
    shard.shared.loading.store(false, Ordering::Release);
}

/// Loads every key; returns (keys loaded, keys skipped as already expired).
pub async fn load(shard: &Rc<Shard>, path: &PathBuf) -> anyhow::Result<(u64, u64)> {
    let file = File::open(path)?;
    let limits = shard.state.borrow().settings.limits;
    let mut decoder = Decoder::new(file, limits)?;
    let mut batches: Vec<Vec<KeyEntry>> = (0..shard.count).map(|_| Vec::new()).collect();
    let (mut loaded, mut expired) = (0u64, 0u64);
    let now = now_ms();
    while let Some(item) = decoder.next_item()? {
        let Item::Key(entry) = item else {
            continue;
        };
        if entry.expire_at_ms.is_some_and(|at| at < now as i64) {
            expired += 1;
            continue;
        }
        anyhow::ensure!(
            (entry.db as usize) < engine::DB_COUNT,
            "the file holds database {}, this server has {}",
            entry.db,
            engine::DB_COUNT
        );
        loaded += 1;
        let owner = shard_of(&entry.key, shard.count);
        batches[owner].push(entry);
        if batches[owner].len() >= BATCH {
            let batch = std::mem::take(&mut batches[owner]);
            shard.run_on(owner, store_job(batch)).await;
        }
    }
    for (owner, batch) in batches.into_iter().enumerate() {
        if !batch.is_empty() {
            shard.run_on(owner, store_job(batch)).await;
        }
    }
    Ok((loaded, expired))
}

fn store_job(batch: Vec<KeyEntry>) -> Job {
    Box::new(move |shard| {
        let now = now_ms();
        let mut state = shard.state.borrow_mut();
        for entry in batch {
            let deadline = entry.expire_at_ms.map(|at| at.max(1) as u64);
            state.data.db(engine::DbIndex(entry.db as usize)).set(
                &entry.key,
                entry.value,
                deadline,
                now,
            );
        }
        JobOutput::Replies(Vec::new())
    })
}
