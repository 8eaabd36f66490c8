//! One shard's part of a snapshot: a walk over its keyspace in hash order, and the pre-images
//! of keys changed ahead of the walk.
//!
//! The file must hold every key as it was at the start (`t0`). A key the walk has passed is
//! already written; a key it has not reached yet is written by the walk unless it is in its
//! database's `done` set. The write hooks put a key there the first time a change reaches it
//! ahead of the walk: after writing its current value (still the start's, since every change
//! goes through a hook first), or without writing anything when it is absent (it did not
//! exist at the start, so a later incarnation must not be written either). The walk removes
//! keys from `done` as it passes them, so the set holds only keys changed ahead of it.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;

use bytes::Bytes;
use commands::ShardState;
use engine::db::Entry;
use engine::{DbIndex, DB_COUNT};
use persist::format::opcodes;

/// Bytes of key records a shard gathers before handing them to the file writer.
const CHUNK_BYTES: usize = 64 * 1024;

/// What a shard sends the file writer.
pub enum Piece {
    /// Key records, starting with a `SELECTDB` (chunks of different shards interleave).
    Records(Vec<u8>),
    /// This shard has written every key; with how many it wrote.
    Done(u64),
}

/// Where a shard's records go, and the bytes queued there not yet written.
#[derive(Clone)]
pub struct Sink {
    /// The file writer's inbox.
    pub tx: Sender<Piece>,
    /// Bytes sent and not yet written (the walk waits while it is high).
    pub queued: Arc<AtomicUsize>,
}

/// The walk's position in one database.
#[derive(Default)]
struct DbWalk {
    /// The scan cursor to continue from (meaningful once `started`).
    cursor: u64,
    started: bool,
    finished: bool,
    /// Keys ahead of the walk already written, or absent at their first change.
    done: HashSet<Bytes>,
}

impl DbWalk {
    fn passed(&self, state: &mut ShardState, db: DbIndex, key: &[u8]) -> bool {
        self.finished || (self.started && state.data.db(db).scan_passed(key, self.cursor))
    }
}

/// One shard's snapshot in progress.
pub struct ShardWalk {
    /// Unix ms at the start: keys already past their deadline then are not written.
    pub t0_ms: u64,
    dbs: Vec<DbWalk>,
    /// The first database not yet finished (in order).
    current: usize,
    out: Vec<u8>,
    /// The database of the last record in `out`.
    out_db: Option<usize>,
    sink: Sink,
    /// Keys written so far.
    pub keys: u64,
}

impl ShardWalk {
    /// A walk starting now, at `t0_ms`, sending to `sink`.
    pub fn new(t0_ms: u64, sink: Sink) -> ShardWalk {
        ShardWalk {
            t0_ms,
            dbs: (0..DB_COUNT).map(|_| DbWalk::default()).collect(),
            current: 0,
            out: Vec::new(),
            out_db: None,
            sink,
            keys: 0,
        }
    }

    /// Bytes handed to the writer and not yet written.
    pub fn queued(&self) -> usize {
        self.sink.queued.load(Ordering::Acquire)
    }

    /// Writes `key`'s value as of the start unless already written or passed. `write`: the
    /// caller is about to change it; else it only reads it, which changes it only by
    /// reclaiming it when its deadline (after the start) has passed by `now_ms`.
    pub fn pre_image(
        &mut self,
        state: &mut ShardState,
        db: DbIndex,
        key: &[u8],
        write: bool,
        now_ms: u64,
    ) {
        let Some(walk) = self.dbs.get(db.0) else {
            return;
        };
        if walk.passed(state, db, key) || walk.done.contains(key) {
            return;
        }
        // Looking up at `t0` reclaims only keys already expired at the start.
        let entry = state.data.db(db).lookup_no_touch(key, self.t0_ms);
        let expiring = matches!(&entry, Some(e) if e.expire_at_ms().is_some_and(|d| d < now_ms));
        if !write && !expiring {
            return;
        }
        if let Some(entry) = entry {
            emit(&mut self.out, &mut self.out_db, db.0, key, entry);
            self.keys += 1;
        }
        self.dbs[db.0].done.insert(Bytes::copy_from_slice(key));
        self.flush_if_full();
    }

    /// Walks about `count` keys; returns whether every database is finished.
    pub fn step(&mut self, state: &mut ShardState, count: usize) -> bool {
        while self.current < DB_COUNT && self.dbs[self.current].finished {
            self.current += 1;
        }
        if self.current >= DB_COUNT {
            return true;
        }
        self.step_db(state, self.current, count);
        false
    }

    /// Writes every key of `db` not written yet (before FLUSHDB, SWAPDB and the like).
    pub fn drain(&mut self, state: &mut ShardState, db: usize) {
        while db < DB_COUNT && !self.dbs[db].finished {
            self.step_db(state, db, 1024);
        }
    }

    /// Writes every key not written yet.
    pub fn drain_all(&mut self, state: &mut ShardState) {
        for db in 0..DB_COUNT {
            self.drain(state, db);
        }
    }

    fn step_db(&mut self, state: &mut ShardState, index: usize, count: usize) {
        let ShardWalk {
            t0_ms,
            dbs,
            out,
            out_db,
            keys,
            ..
        } = self;
        let walk = &mut dbs[index];
        let next = state
            .data
            .db(DbIndex(index))
            .scan(walk.cursor, count, *t0_ms, |key, entry| {
                if !walk.done.remove(key.as_ref()) {
                    emit(out, out_db, index, key, entry);
                    *keys += 1;
                }
            });
        walk.started = true;
        walk.cursor = next;
        if next == 0 {
            walk.finished = true;
            walk.done = HashSet::new();
        }
        self.flush_if_full();
    }

    fn flush_if_full(&mut self) {
        if self.out.len() >= CHUNK_BYTES {
            self.flush();
        }
    }

    /// Hands the records gathered so far to the writer.
    pub fn flush(&mut self) {
        if self.out.is_empty() {
            return;
        }
        let chunk = std::mem::take(&mut self.out);
        self.out_db = None;
        self.sink.queued.fetch_add(chunk.len(), Ordering::AcqRel);
        // A closed inbox means the writer failed; it reports that itself.
        let _ = self.sink.tx.send(Piece::Records(chunk));
    }

    /// Tells the writer this shard is done (after a last flush).
    pub fn finish(mut self) {
        self.flush();
        let _ = self.sink.tx.send(Piece::Done(self.keys));
    }
}

/// Appends one key's record, preceded by a `SELECTDB` when the database changes.
fn emit(out: &mut Vec<u8>, out_db: &mut Option<usize>, db: usize, key: &[u8], entry: &Entry) {
    if *out_db != Some(db) {
        out.push(opcodes::SELECTDB);
        persist::write::write_len(out, db as u64);
        *out_db = Some(db);
    }
    let deadline = entry
        .expire_at_ms()
        .map(|d| i64::try_from(d).unwrap_or(i64::MAX));
    persist::key_record(out, key, &entry.value, deadline);
}
