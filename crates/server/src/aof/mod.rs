//! The append-only file: one log per shard, fsynced as `appendfsync` says, loaded at start-up.
//!
//! A shard's writes go to its [`commands::propagate::Propagation`] buffer as they run; the
//! shard's AOF task ([`writer`]) appends that buffer to the shard's file whenever it is kicked
//! (after every batch of commands), so the writes of one loop tick share one write and, with
//! `always`, one `fdatasync` (group commit). With `always` no reply for a write leaves the
//! shard, to its client or to another shard, before the write is on disk.
//!
//! At start-up ([`load`]) every shard's file is read, transaction blocks are kept only when all
//! their writing shards logged them, a torn tail is dropped, the records are replayed through
//! the normal command path (so they reach their keys' shards whatever the shard count was),
//! and a new, compacted generation of files is written from the loaded data.

pub mod load;
pub mod manifest;
pub mod record;
pub mod rewrite;
pub mod scoped;
pub mod signal;
pub mod stream_value;
pub mod value;
pub mod writer;

use std::cell::{Cell, RefCell};
use std::path::PathBuf;

use signal::{Durability, Signal};

/// How far ahead of the log a shard's AOF file is extended at a time.
pub const PREALLOCATE: u64 = 8 << 20;

/// `appendfsync`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fsync {
    /// Every write is on disk before its reply leaves.
    Always,
    /// fsync once a second in the background.
    Everysec,
    /// Never fsync; the kernel writes when it likes.
    No,
}

impl Fsync {
    /// From the config's name.
    pub fn from_name(name: &str) -> Fsync {
        match name {
            "always" => Fsync::Always,
            "no" => Fsync::No,
            _ => Fsync::Everysec,
        }
    }
}

/// One shard's AOF state, outside its data.
pub struct Aof {
    /// The fsync policy.
    pub fsync: Cell<Fsync>,
    /// Kicks the writer task.
    pub kick: Signal,
    /// How far the log is on disk (for `always`, how far replies may go).
    pub durable: Durability,
    /// Whether the writer task runs (appendonly and loaded).
    pub running: Cell<bool>,
    /// Bytes in the shard's current file (INFO `aof_current_size`).
    pub file_size: Cell<u64>,
    /// The current file's length on disk: ahead of `file_size`, zeros past it (see
    /// [`Aof::reserve`]).
    pub allocated: Cell<u64>,
    /// The last write or fsync error, if the last attempt failed (INFO `aof_last_write_status`).
    pub last_error: RefCell<Option<String>>,
    /// A generation switch for the writer task: the new file, and the old file's last
    /// records.
    pub pending_switch: RefCell<Option<(PathBuf, Vec<u8>)>>,
    /// This shard's share of the generation's base file: the size automatic rewrites measure
    /// the log's growth against.
    pub base_size: Cell<u64>,
    /// Fsync at the next chance whatever the policy (a new generation must be on disk before
    /// the manifest names it).
    pub force_sync: Cell<bool>,
    /// How far the log is fsynced.
    pub synced: Cell<u64>,
    /// The file size at which automatic rewrites are considered again.
    pub next_auto_check: Cell<u64>,
    /// The current file, for appends made right where replies are about to leave (`everysec`
    /// and `no`); `None` while a generation switch is pending.
    pub direct: RefCell<Option<std::fs::File>>,
    /// How far the log is written to the file (the position after the last appended byte).
    pub written: Cell<u64>,
    /// Bytes a failed direct append could not write: the writer task writes them first.
    pub unwritten: RefCell<Vec<u8>>,
}

impl Aof {
    /// A stopped AOF with `fsync`.
    pub fn new(fsync: Fsync) -> Self {
        Aof {
            fsync: Cell::new(fsync),
            kick: Signal::default(),
            durable: Durability::default(),
            running: Cell::new(false),
            file_size: Cell::new(0),
            allocated: Cell::new(0),
            last_error: RefCell::new(None),
            pending_switch: RefCell::new(None),
            base_size: Cell::new(0),
            force_sync: Cell::new(false),
            synced: Cell::new(0),
            next_auto_check: Cell::new(0),
            direct: RefCell::new(None),
            written: Cell::new(0),
            unwritten: RefCell::new(Vec::new()),
        }
    }

    /// Tells the writer task to end its file with `tail`, start `path` and fsync both at once;
    /// `running` says whether writes are recorded from now on.
    pub fn switch_to(&self, path: PathBuf, tail: Vec<u8>, running: bool) {
        *self.pending_switch.borrow_mut() = Some((path, tail));
        // Appends wait for the new file: none may land in the old one after its tail.
        *self.direct.borrow_mut() = None;
        self.force_sync.set(true);
        self.running.set(running);
        self.kick.raise();
    }

    /// Appends the records waiting in `state` to the file now, with one write (`everysec`
    /// and `no`, as Redis writes its AOF buffer before it replies): true when the file is
    /// open and took them. Runs on the shard's thread without yielding, so appends keep the
    /// records' order.
    pub fn append_now(&self, state: &mut commands::ShardState) -> bool {
        let appended = self.append_raw(state);
        if appended {
            self.durable.advance(self.written.get());
        }
        appended
    }

    /// Keeps the file's length ahead of the log, a step of [`PREALLOCATE`] at a time, so that
    /// appends do not change the file's size and `fdatasync` has only the data to write, not
    /// the inode as well (PostgreSQL preallocates its WAL segments for the same reason).
    /// Measured under `always` on this VM: one client 2.2k -> 2.9k writes/s, 50 clients
    /// +10-20%. The tail past the log is zeros, which the loader takes for the log's end. A
    /// failure is harmless (appends then grow the file as before), so it is only logged.
    pub fn reserve(&self, file: &std::fs::File, end: u64) {
        if end <= self.allocated.get() {
            return;
        }
        let length = end.div_ceil(PREALLOCATE) * PREALLOCATE;
        match file.set_len(length) {
            Ok(()) => self.allocated.set(length),
            Err(e) => tracing::debug!(error = %e, "AOF preallocation failed"),
        }
    }

    /// [`Aof::append_now`] without releasing the replies that wait (under `always` they wait
    /// for the fsync).
    pub fn append_raw(&self, state: &mut commands::ShardState) -> bool {
        use std::os::unix::fs::FileExt;
        if !self.unwritten.borrow().is_empty() {
            return false;
        }
        let direct = self.direct.borrow();
        let Some(file) = direct.as_ref() else {
            return false;
        };
        let bytes = state.propagate.take();
        let position = state.propagate.appended();
        if !bytes.is_empty() {
            let offset = self.file_size.get();
            self.reserve(file, offset + bytes.len() as u64);
            if let Err(e) = file.write_all_at(&bytes, offset) {
                tracing::error!(error = %e, "AOF append failed; the writer task retries");
                *self.last_error.borrow_mut() = Some(e.to_string());
                *self.unwritten.borrow_mut() = bytes;
                self.kick.raise();
                return false;
            }
            self.file_size.set(offset + bytes.len() as u64);
        }
        self.written.set(self.written.get().max(position));
        true
    }

    /// Holds a reply until the writes before it are in the log: under `always` until they
    /// are fsynced (the writer task's group commit), otherwise until they are written to the
    /// file, done here at once. So a process crash loses no acknowledged write under any
    /// policy, as with Redis; only `always` also survives an OS crash.
    pub async fn settle(shard: &crate::shard::Shard, position: u64) {
        let aof = &shard.aof;
        if !aof.running.get() || position <= aof.durable.reached() {
            return;
        }
        if aof.fsync.get() != Fsync::Always
            && aof.append_now(&mut shard.state.borrow_mut())
            && position <= aof.durable.reached()
        {
            return;
        }
        aof.kick.raise();
        aof.durable.until(position).await;
    }
}
