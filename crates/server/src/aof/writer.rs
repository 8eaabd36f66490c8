//! A shard's AOF task: appends the shard's pending records to its file and fsyncs as the
//! policy says. One task per shard, so a shard's file has one writer and its records keep the
//! order the shard ran them in. A generation switch ([`super::Aof::switch_to`]) hands it the
//! old file's last records and the new file's path: it finishes and fsyncs the old file, then
//! goes on in the new one.

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

/// Starts `shard`'s AOF task; it idles until the first generation switch.
pub fn spawn(shard: Rc<Shard>) {
    glommio::spawn_local(async move { run(shard).await }).detach();
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

/// The task's file and how far it got.
struct Log {
    file: Option<BufferedFile>,
    offset: u64,
    written_to: u64,
    synced_to: u64,
    last_sync: Instant,
}

impl Log {
    async fn write(&mut self, shard: &Shard, mut bytes: Vec<u8>) {
        let Some(file) = &self.file else {
            return;
        };
        while !bytes.is_empty() {
            match file.write_at(bytes.clone(), self.offset).await {
                Ok(n) => {
                    self.offset += n as u64;
                    bytes.drain(..n);
                }
                Err(e) => {
                    failed(shard, e.to_string());
                    glommio::timer::sleep(RETRY_AFTER).await;
                }
            }
        }
    }

    async fn sync(&mut self, shard: &Shard) -> bool {
        let Some(file) = &self.file else {
            return true;
        };
        match file.fdatasync().await {
            Ok(()) => {
                self.synced_to = self.written_to;
                self.last_sync = Instant::now();
                *shard.aof.last_error.borrow_mut() = None;
                true
            }
            Err(e) => {
                failed(shard, format!("fdatasync: {e}"));
                glommio::timer::sleep(RETRY_AFTER).await;
                false
            }
        }
    }

    /// Ends the current file with `tail`, fsynced, and opens `path`.
    async fn switch(&mut self, shard: &Shard, path: &Path, tail: Vec<u8>) {
        self.write(shard, tail).await;
        while !self.sync(shard).await {}
        let file = loop {
            match open(path).await {
                Ok(file) => break file,
                Err(e) => {
                    failed(shard, format!("opening {}: {e}", path.display()));
                    glommio::timer::sleep(RETRY_AFTER).await;
                }
            }
        };
        if let Some(old) = self.file.replace(file) {
            let _ = old.close().await;
        }
        self.offset = 0;
    }
}

async fn run(shard: Rc<Shard>) {
    let aof = &shard.aof;
    let mut log = Log {
        file: None,
        offset: 0,
        written_to: 0,
        synced_to: 0,
        last_sync: Instant::now(),
    };
    loop {
        let idle =
            !shard.state.borrow().propagate.has_pending() && aof.pending_switch.borrow().is_none();
        if idle {
            futures_lite::future::or(aof.kick.wait(), async {
                glommio::timer::sleep(IDLE_TICK).await;
            })
            .await;
        }
        let switch = aof.pending_switch.borrow_mut().take();
        if let Some((path, tail)) = switch {
            log.switch(&shard, &path, tail).await;
        }
        let (bytes, position) = {
            let mut state = shard.state.borrow_mut();
            (state.propagate.take(), state.propagate.appended())
        };
        log.write(&shard, bytes).await;
        log.written_to = log.written_to.max(position);
        aof.file_size.set(log.offset);
        let due = log.written_to > log.synced_to
            && (aof.force_sync.get()
                || match aof.fsync.get() {
                    Fsync::Always => true,
                    Fsync::Everysec => log.last_sync.elapsed() >= Duration::from_secs(1),
                    Fsync::No => false,
                });
        if due {
            if !log.sync(&shard).await {
                continue;
            }
            aof.force_sync.set(false);
        }
        aof.synced.set(log.synced_to.max(aof.synced.get()));
        // Replies wait only under `always`, and only for what is fsynced; the others are
        // told their writes are in the file.
        let releasable = match aof.fsync.get() {
            Fsync::Always => log.synced_to,
            _ => log.written_to,
        };
        aof.durable.advance(releasable);
        super::rewrite::maybe_auto_rewrite(&shard, log.offset);
    }
}
