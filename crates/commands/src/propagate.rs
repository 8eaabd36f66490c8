//! What a shard's writes append to its AOF: RESP records, each command in the deterministic
//! form that replays to the same data (PEXPIREAT for relative expiries, SREM for SPOP, ...),
//! a SELECT whenever the database changes, and the writes of a cross-shard transaction kept
//! apart until it releases its locks, then appended as one block that names the transaction
//! and its number of writing shards. Recovery applies a block only when every one of those
//! shards logged it, so a crash never leaves half a transaction.
//!
//! This is the shard's side only (an in-memory buffer); the server's AOF task drains it into
//! the file and fsyncs as `appendfsync` says.

use engine::DbIndex;

use crate::tx::TxId;

/// The pseudo-command opening a transaction block: `RINGKV.TX <id> <writing shards>`.
pub const TX_BEGIN: &[u8] = b"RINGKV.TX";
/// The pseudo-command closing a transaction block: `RINGKV.TXEND <id>`.
pub const TX_END: &[u8] = b"RINGKV.TXEND";

/// One stream of records and the database its last SELECT chose.
#[derive(Debug, Default)]
struct Stream {
    bytes: Vec<u8>,
    db: Option<DbIndex>,
}

impl Stream {
    fn push(&mut self, db: DbIndex, args: &[&[u8]]) {
        if self.db != Some(db) {
            let index = db.0.to_string();
            encode(&mut self.bytes, &[b"SELECT", index.as_bytes()]);
            self.db = Some(db);
        }
        encode(&mut self.bytes, args);
    }
}

/// A shard's AOF feed.
#[derive(Debug, Default)]
pub struct Propagation {
    /// Whether writes are recorded (`appendonly yes`).
    pub enabled: bool,
    main: Stream,
    /// Bytes ever appended to the main stream: the log position a write must reach the disk
    /// at before `appendfsync always` lets its reply go.
    appended: u64,
    /// Writes of transactions still holding locks on this shard, by transaction.
    open: Vec<(TxId, Stream)>,
    /// What the running command logs instead of itself, when its handler said so.
    instead: Option<Vec<Vec<Vec<u8>>>>,
}

impl Propagation {
    /// Records one write in database `db`; under `tx` it waits in that transaction's block.
    pub fn command(&mut self, db: DbIndex, args: &[&[u8]], tx: Option<TxId>) {
        if !self.enabled {
            return;
        }
        match tx {
            Some(tx) => self.open_block(tx).push(db, args),
            None => {
                let before = self.main.bytes.len();
                self.main.push(db, args);
                self.appended += (self.main.bytes.len() - before) as u64;
            }
        }
    }

    /// Has the running command logged as `records` instead of as itself (Redis's
    /// `alsoPropagate` with the command's own propagation prevented): for writes whose
    /// deterministic form only the handler knows (XREADGROUP as XCLAIMs, XADD's chosen ID).
    /// Nothing is kept while recording is off.
    pub fn instead(&mut self, records: Vec<Vec<Vec<u8>>>) {
        if self.enabled {
            self.instead = Some(records);
        }
    }

    /// Takes what the running command asked to log instead of itself.
    pub fn take_instead(&mut self) -> Option<Vec<Vec<Vec<u8>>>> {
        self.instead.take()
    }

    fn open_block(&mut self, tx: TxId) -> &mut Stream {
        let at = match self.open.iter().position(|(t, _)| *t == tx) {
            Some(at) => at,
            None => {
                self.open.push((tx, Stream::default()));
                self.open.len() - 1
            }
        };
        &mut self.open[at].1
    }

    /// Closes `tx`'s block when it releases its locks here: appends it whole, with the run's
    /// transaction name (unique across restarts) and its number of writing shards. A writing
    /// shard appends a block even when it changed nothing, so that the others' blocks count
    /// it. `name` is asked for only when recording (a cross-shard transaction with the AOF
    /// off allocates nothing here).
    pub fn finish_tx(&mut self, tx: TxId, writers: usize, name: impl FnOnce() -> Vec<u8>) {
        let block = match self.open.iter().position(|(t, _)| *t == tx) {
            Some(at) => self.open.swap_remove(at).1,
            None => Stream::default(),
        };
        if !self.enabled {
            return;
        }
        let name = name();
        let name = name.as_slice();
        let before = self.main.bytes.len();
        let writers = writers.to_string();
        encode(&mut self.main.bytes, &[TX_BEGIN, name, writers.as_bytes()]);
        self.main.bytes.extend_from_slice(&block.bytes);
        encode(&mut self.main.bytes, &[TX_END, name]);
        // The block selected its own databases: the next plain record must select again.
        if block.db.is_some() {
            self.main.db = None;
        }
        self.appended += (self.main.bytes.len() - before) as u64;
    }

    /// Starts a new log file: returns the records not yet written (they end the old file)
    /// and the log position reached; the next record selects its database again. Recording is
    /// on from here or off, as `enabled` says.
    pub fn switch(&mut self, enabled: bool) -> (Vec<u8>, u64) {
        let tail = std::mem::take(&mut self.main.bytes);
        self.main.db = None;
        self.enabled = enabled;
        (tail, self.appended)
    }

    /// The log position after everything recorded so far.
    pub fn appended(&self) -> u64 {
        self.appended
    }

    /// Takes the records not yet written out.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.main.bytes)
    }

    /// Whether records wait to be written out.
    pub fn has_pending(&self) -> bool {
        !self.main.bytes.is_empty()
    }
}

/// Appends `args` as a RESP multibulk.
pub fn encode(out: &mut Vec<u8>, args: &[&[u8]]) {
    out.push(b'*');
    out.extend_from_slice(args.len().to_string().as_bytes());
    out.extend_from_slice(b"\r\n");
    for arg in args {
        out.push(b'$');
        out.extend_from_slice(arg.len().to_string().as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(arg);
        out.extend_from_slice(b"\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed() -> Propagation {
        Propagation {
            enabled: true,
            ..Propagation::default()
        }
    }

    #[test]
    fn records_select_their_database_once() {
        let mut p = feed();
        p.command(DbIndex(0), &[b"SET", b"k", b"v"], None);
        p.command(DbIndex(0), &[b"DEL", b"k"], None);
        p.command(DbIndex(2), &[b"DEL", b"k"], None);
        let text = String::from_utf8(p.take()).unwrap();
        assert_eq!(
            text,
            "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n\
             *2\r\n$3\r\nDEL\r\n$1\r\nk\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n\
             *2\r\n$3\r\nDEL\r\n$1\r\nk\r\n"
        );
        assert_eq!(p.appended(), text.len() as u64);
    }

    #[test]
    fn transaction_writes_wait_for_their_block() {
        let mut p = feed();
        p.command(DbIndex(0), &[b"SET", b"a", b"1"], Some(7));
        p.command(DbIndex(0), &[b"SET", b"b", b"2"], None);
        let before = p.take();
        assert!(!String::from_utf8_lossy(&before).contains("\r\na\r\n"));
        p.finish_tx(7, 2, || b"run-7".to_vec());
        let block = String::from_utf8(p.take()).unwrap();
        assert!(block.starts_with("*3\r\n$9\r\nRINGKV.TX\r\n$5\r\nrun-7\r\n$1\r\n2\r\n"));
        assert!(block.contains("$1\r\na\r\n"));
        assert!(block.ends_with("*2\r\n$12\r\nRINGKV.TXEND\r\n$5\r\nrun-7\r\n"));
    }

    #[test]
    fn nothing_is_recorded_while_disabled() {
        let mut p = Propagation::default();
        p.command(DbIndex(0), &[b"SET", b"k", b"v"], None);
        p.finish_tx(1, 1, || b"x".to_vec());
        assert!(!p.has_pending());
        assert_eq!(p.appended(), 0);
    }
}
