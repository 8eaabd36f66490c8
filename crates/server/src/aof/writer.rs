//! A shard's AOF task. It opens each generation's file, fsyncs as the policy says, and under
//! `always` also appends the shard's records (async, so the shard serves other connections
//! meanwhile; every write of the tick shares one `fdatasync`). Under `everysec` and `no`,
//! records are appended where replies are about to leave ([`super::Aof::append_now`]) and the
//! task only fsyncs (and appends what nobody settled, e.g. writes of expired keys' owners).
//! Both write at the shard's file size, reserved on the shard's one thread, so records keep
//! the order the shard ran them in. A generation switch ([`super::Aof::switch_to`]) hands it
//! the old file's last records and the new file's path: it finishes and fsyncs the old file,
//! then goes on in the new one.

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

async fn open(path: &Path) -> std::io::Result<(BufferedFile, std::fs::File)> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .buffered_open(path)
        .await?;
    let direct = std::fs::OpenOptions::new().write(true).open(path)?;
    // The new name must survive a crash too.
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok((file, direct))
}

fn failed(shard: &Shard, message: String) {
    tracing::error!(shard = shard.id, error = %message, "AOF write failed; retrying");
    *shard.aof.last_error.borrow_mut() = Some(message);
}

/// The task's file and how far it is fsynced.
struct Log {
    file: Option<BufferedFile>,
    /// Connections the last group commit released.
    last_group: usize,
    synced_to: u64,
    last_sync: Instant,
}

impl Log {
    /// Appends `bytes` at the file's end (reserved before the write starts).
    async fn append(&mut self, shard: &Shard, mut bytes: Vec<u8>) {
        let Some(file) = &self.file else {
            return;
        };
        let aof = &shard.aof;
        let mut offset = aof.file_size.get();
        aof.file_size.set(offset + bytes.len() as u64);
        if let Some(direct) = aof.direct.borrow().as_ref() {
            aof.reserve(direct, offset + bytes.len() as u64);
        }
        while !bytes.is_empty() {
            match file.write_at(bytes.clone(), offset).await {
                Ok(n) => {
                    offset += n as u64;
                    bytes.drain(..n);
                }
                Err(e) => {
                    failed(shard, e.to_string());
                    glommio::timer::sleep(RETRY_AFTER).await;
                }
            }
        }
    }

    async fn sync(&mut self, shard: &Shard, upto: u64) -> bool {
        let Some(file) = &self.file else {
            return true;
        };
        match file.fdatasync().await {
            Ok(()) => {
                self.synced_to = self.synced_to.max(upto);
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
        self.append(shard, tail).await;
        let upto = shard.aof.written.get();
        while !self.sync(shard, upto).await {}
        let (file, direct) = loop {
            match open(path).await {
                Ok(files) => break files,
                Err(e) => {
                    failed(shard, format!("opening {}: {e}", path.display()));
                    glommio::timer::sleep(RETRY_AFTER).await;
                }
            }
        };
        if let Some(old) = self.file.replace(file) {
            let _ = old.close().await;
        }
        shard.aof.file_size.set(0);
        shard.aof.allocated.set(0);
        *shard.aof.direct.borrow_mut() = Some(direct);
    }
}

async fn run(shard: Rc<Shard>) {
    let aof = &shard.aof;
    let mut log = Log {
        file: None,
        last_group: 0,
        synced_to: 0,
        last_sync: Instant::now(),
    };
    loop {
        let idle = !shard.state.borrow().propagate.has_pending()
            && aof.pending_switch.borrow().is_none()
            && aof.unwritten.borrow().is_empty();
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
        if aof.fsync.get() == Fsync::Always {
            gather_commit_group(&shard, log.last_group).await;
        }
        let retry = std::mem::take(&mut *aof.unwritten.borrow_mut());
        if !retry.is_empty() {
            log.append(&shard, retry).await;
        }
        // One pwrite of what waits (page cache, no reactor round trip); only the fsync below
        // is asynchronous. Before the file is open (or after a failed append), the async path.
        if !aof.append_raw(&mut shard.state.borrow_mut()) {
            let (bytes, position) = {
                let mut state = shard.state.borrow_mut();
                (state.propagate.take(), state.propagate.appended())
            };
            log.append(&shard, bytes).await;
            aof.written.set(aof.written.get().max(position));
        }
        let written = aof.written.get();
        let due = written > log.synced_to
            && (aof.force_sync.get()
                || match aof.fsync.get() {
                    Fsync::Always => true,
                    Fsync::Everysec => log.last_sync.elapsed() >= Duration::from_secs(1),
                    Fsync::No => false,
                });
        if due {
            log.last_group = aof.durable.waiters();
            if !log.sync(&shard, written).await {
                continue;
            }
            aof.force_sync.set(false);
        }
        aof.synced.set(log.synced_to.max(aof.synced.get()));
        // Under `always` replies wait for the fsync; otherwise for the write.
        let releasable = match aof.fsync.get() {
            Fsync::Always => log.synced_to,
            _ => written,
        };
        aof.durable.advance(releasable);
        super::rewrite::maybe_auto_rewrite(&shard, aof.file_size.get());
    }
}

/// The longest a group commit waits for more of the connections the last one released.
const GROUP_WINDOW: Duration = Duration::from_micros(120);
/// A group size past which waiting for more gains nothing.
const GROUP_ENOUGH: usize = 64;
/// How often it looks while waiting.
const GROUP_STEP: Duration = Duration::from_micros(30);

/// Under `always`, gives the connections released by the last group commit a moment to send
/// their next writes, so that they share this fsync instead of forming a second group a
/// fsync behind (PostgreSQL's `commit_delay` with `commit_siblings`). A lone writer never
/// waits; the wait ends as soon as the group is as large as the last one.
async fn gather_commit_group(shard: &Shard, last_group: usize) {
    if last_group < 2 {
        return;
    }
    // Those already waiting came in during the last fsync; the ones it released are on
    // their way back. A group this large already spreads the fsync thin: with more clients
    // than that, the next group forms while this fsync runs, which is better than waiting.
    let expected = (last_group + shard.aof.durable.waiters()).min(GROUP_ENOUGH);
    let started = Instant::now();
    let mut seen = shard.aof.durable.waiters();
    while seen < expected && started.elapsed() < GROUP_WINDOW {
        glommio::timer::sleep(GROUP_STEP).await;
        let now = shard.aof.durable.waiters();
        if now == seen {
            // Nobody came back during a step: the rest are not on their way.
            break;
        }
        seen = now;
    }
}
