//! A shard's AOF task: appends the shard's pending records to its file and fsyncs as the
//! policy says. One task per shard, so a shard's file has one writer and its records keep the
//! order the shard ran them in.

use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use glommio::io::{BufferedFile, OpenOptions};

use super::Fsync;
use crate::shard::Shard;

/// How often the task looks for records nobody kicked it for, and for a due `everysec` fsync.
const IDLE_TICK: Duration = Duration::from_millis(50);
/// Pause after a failed write or fsync before trying again.
const RETRY_AFTER: Duration = Duration::from_millis(500);

/// Starts `shard`'s AOF task. It waits for its first file ([`super::Aof::begin`]).
pub fn spawn(shard: Rc<Shard>) {
    glommio::spawn_local(async move {
        let path = loop {
            if let Some(path) = shard.aof.next_file.borrow_mut().take() {
                break path;
            }
            shard.aof.kick.wait().await;
        };
        let file = loop {
            match open(&path).await {
                Ok(file) => break file,
                Err(e) => {
                    failed(&shard, format!("opening {}: {e}", path.display()));
                    glommio::timer::sleep(RETRY_AFTER).await;
                }
            }
        };
        run(shard, file).await;
    })
    .detach();
}

async fn open(path: &Path) -> std::io::Result<BufferedFile> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .buffered_open(path)
        .await?;
    // The new name must survive a crash too.
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(file)
}

fn failed(shard: &Shard, message: String) {
    tracing::error!(shard = shard.id, error = %message, "AOF write failed; retrying");
    *shard.aof.last_error.borrow_mut() = Some(message);
}

async fn run(shard: Rc<Shard>, file: BufferedFile) {
    let aof = &shard.aof;
    let mut offset = 0u64;
    let mut unwritten: Vec<u8> = Vec::new();
    let mut written_to = 0u64;
    let mut synced_to = 0u64;
    let mut last_sync = Instant::now();
    loop {
        let pending = shard.state.borrow().propagate.has_pending();
        if !pending && unwritten.is_empty() {
            futures_lite::future::or(aof.kick.wait(), async {
                glommio::timer::sleep(IDLE_TICK).await;
            })
            .await;
        }
        let position = {
            let mut state = shard.state.borrow_mut();
            unwritten.extend_from_slice(&state.propagate.take());
            state.propagate.appended()
        };
        while !unwritten.is_empty() {
            match file.write_at(unwritten.clone(), offset).await {
                Ok(n) => {
                    offset += n as u64;
                    unwritten.drain(..n);
                }
                Err(e) => {
                    failed(&shard, e.to_string());
                    glommio::timer::sleep(RETRY_AFTER).await;
                }
            }
        }
        written_to = written_to.max(position);
        aof.file_size.set(offset);
        let due = aof.force_sync.get()
            || match aof.fsync.get() {
                Fsync::Always => written_to > synced_to,
                Fsync::Everysec => {
                    written_to > synced_to && last_sync.elapsed() >= Duration::from_secs(1)
                }
                Fsync::No => false,
            };
        if due {
            match file.fdatasync().await {
                Ok(()) => {
                    synced_to = written_to;
                    aof.synced.set(synced_to);
                    aof.force_sync.set(false);
                    last_sync = Instant::now();
                    *aof.last_error.borrow_mut() = None;
                }
                Err(e) => {
                    failed(&shard, format!("fdatasync: {e}"));
                    glommio::timer::sleep(RETRY_AFTER).await;
                    continue;
                }
            }
        }
        // Replies wait only under `always`, and only for what is fsynced; the others are
        // told their writes are in the file.
        let releasable = match aof.fsync.get() {
            Fsync::Always => synced_to,
            _ => written_to,
        };
        aof.durable.advance(releasable);
    }
}
