//! Start-up with `appendonly yes`: read every shard's log, keep the transaction blocks that all
//! their writing shards logged, drop a torn tail, replay the records through the command path
//! (they reach their keys' shards whatever the shard count was then), and start a new
//! generation of files holding the loaded data, compacted.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::Ordering;

use commands::propagate::{TX_BEGIN, TX_END};
use commands::OwnedArgs;

use super::manifest::Manifest;
use super::record::Record;
use crate::conn::client::ClientInfo;
use crate::conn::session::Session;
use crate::shard::Shard;

/// One unit of a log: a command, or a transaction's block on this shard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A command outside any cross-shard transaction.
    Command(Record),
    /// A cross-shard transaction's writes on this shard.
    Tx {
        /// The transaction's name (unique across runs).
        name: Vec<u8>,
        /// How many shards logged a block for it.
        writers: usize,
        /// Its commands here.
        commands: Vec<Record>,
    },
}

/// A parsed log.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The complete items, in order.
    pub items: Vec<Item>,
    /// Bytes up to the end of the last complete item.
    pub valid_len: usize,
    /// Bytes after it (a torn write, or a transaction block the crash cut).
    pub torn_bytes: usize,
}

/// Parses a log. Never fails: whatever follows the last complete item is reported as torn.
pub fn parse(bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let mut at = 0;
    let mut block: Option<(usize, Vec<u8>, usize, Vec<Record>)> = None;
    while at < bytes.len() {
        let Some((record, next)) = parse_record(bytes, at) else {
            break;
        };
        let name = record
            .first()
            .map(|n| n.to_ascii_uppercase())
            .unwrap_or_default();
        match (&mut block, name.as_slice()) {
            (None, TX_BEGIN) if record.len() == 3 => {
                let writers = std::str::from_utf8(&record[2])
                    .ok()
                    .and_then(|w| w.parse().ok());
                let Some(writers) = writers else { break };
                block = Some((at, record[1].clone(), writers, Vec::new()));
            }
            (Some((_, open, _, _)), TX_END) if record.get(1) == Some(&*open) => {
                let (_, name, writers, commands) = block.take().expect("a block is open");
                parsed.items.push(Item::Tx {
                    name,
                    writers,
                    commands,
                });
                parsed.valid_len = next;
            }
            (Some((_, _, _, commands)), _) => commands.push(record),
            (None, _) => {
                parsed.items.push(Item::Command(record));
                parsed.valid_len = next;
            }
        }
        at = next;
    }
    // Zeros after the last record are the file's preallocated tail, not a torn write.
    let rest = &bytes[parsed.valid_len..];
    parsed.torn_bytes = if rest.iter().all(|&b| b == 0) {
        0
    } else {
        rest.len()
    };
    parsed
}

/// One `*N` multibulk at `at`: its arguments and where the next record starts.
fn parse_record(bytes: &[u8], at: usize) -> Option<(Record, usize)> {
    let (count, mut at) = header(bytes, at, b'*')?;
    let mut record = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        let (len, start) = header(bytes, at, b'$')?;
        let end = start.checked_add(len)?;
        if bytes.get(end..end + 2)? != b"\r\n" {
            return None;
        }
        record.push(bytes[start..end].to_vec());
        at = end + 2;
    }
    (!record.is_empty()).then_some((record, at))
}

fn header(bytes: &[u8], at: usize, kind: u8) -> Option<(usize, usize)> {
    if *bytes.get(at)? != kind {
        return None;
    }
    let line_end = bytes.get(at..)?.iter().position(|&c| c == b'\r')? + at;
    if bytes.get(line_end + 1)? != &b'\n' {
        return None;
    }
    let n = std::str::from_utf8(&bytes[at + 1..line_end])
        .ok()?
        .parse()
        .ok()?;
    Some((n, line_end + 2))
}

/// How many shards logged each transaction's block.
pub fn block_counts(logs: &[&Parsed]) -> HashMap<Vec<u8>, usize> {
    let mut counts = HashMap::new();
    for log in logs {
        for item in &log.items {
            if let Item::Tx { name, .. } = item {
                *counts.entry(name.clone()).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// Where the AOF lives.
pub struct Paths {
    /// `dir`/`appenddirname`.
    pub dir: PathBuf,
    /// `appendfilename`.
    pub base: String,
}

impl Paths {
    /// From the configuration.
    pub fn from_config(config: &config::Config) -> Paths {
        Paths {
            dir: Path::new(config.dir()).join(config.appenddirname()),
            base: config.appendfilename().to_string(),
        }
    }
}

/// Loads the AOF (run once, on shard 0, while clients get `-LOADING`), then starts the new
/// generation of files on every shard. Exits the process when the files cannot be read, as
/// Redis refuses to start on an unreadable AOF.
pub async fn startup(shard: Rc<Shard>) {
    if let Err(e) = load_and_start(&shard).await {
        tracing::error!(error = %e, "cannot load the append only file; exiting");
        std::process::exit(1);
    }
    shard.shared.loading.store(false, Ordering::Release);
}

async fn load_and_start(shard: &Rc<Shard>) -> anyhow::Result<()> {
    let paths = shard.shared.with_config(Paths::from_config);
    std::fs::create_dir_all(&paths.dir)
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", paths.dir.display()))?;
    let manifest_path = Manifest::path(&paths.dir, &paths.base);
    let old = Manifest::read(&manifest_path)?;
    if let Some(old) = &old {
        let started = std::time::Instant::now();
        if let Some(base) = &old.base {
            let path = paths.dir.join(base);
            let (loaded, expired) = crate::snapshot::load::load(shard, &path).await?;
            tracing::info!(keys = loaded, expired, file = %path.display(), "AOF base loaded");
        }
        // Each shard's logs in order: a rewrite cut short by a crash leaves the older log
        // followed by the newer one.
        let mut files = old.files.clone();
        files.sort_by_key(|f| (f.shard, f.seq));
        let owners = files.iter().map(|f| f.shard + 1).max().unwrap_or(1);
        let mut logs = Vec::new();
        for file in &files {
            let path = paths.dir.join(&file.name);
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                // A log the manifest names before its writer created it (a crash right
                // after the manifest was written) holds nothing.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                Err(e) => anyhow::bail!("reading {}: {e}", path.display()),
            };
            let log = parse(&bytes);
            if log.torn_bytes > 0 {
                tracing::warn!(
                    file = %path.display(),
                    bytes = log.torn_bytes,
                    "!!! Warning: the AOF ends with an incomplete record (a crash while \
                     writing); it is dropped, as aof-load-truncated yes does"
                );
            }
            logs.push((file.shard, log));
        }
        let replayed = replay(shard, &logs, owners).await;
        tracing::info!(records = replayed, elapsed = ?started.elapsed(), "DB loaded from append only file");
    } else {
        // No AOF yet: as Redis 7 does, start from the RDB file when there is one; the new
        // generation below then holds its data.
        let rdb = shard.shared.with_config(crate::snapshot::load::path);
        if rdb.is_file() {
            let (loaded, expired) = crate::snapshot::load::load(shard, &rdb).await?;
            tracing::info!(keys = loaded, expired, "DB loaded from disk (no AOF yet)");
        }
    }
    // A new generation holding the loaded data, compacted and laid out for this shard count.
    super::rewrite::run(shard, true).await?;
    Ok(())
}

/// Replays every complete item of `logs` (each with the shard that wrote it, of `owners`); a
/// transaction block only when each of its writing shards logged it. Returns the number of
/// records run.
async fn replay(shard: &Rc<Shard>, logs: &[(usize, Parsed)], owners: usize) -> usize {
    let parsed: Vec<&Parsed> = logs.iter().map(|(_, log)| log).collect();
    let counts = block_counts(&parsed);
    let mut session = replay_session(shard);
    let mut replayed = 0;
    let mut errors = 0;
    for (owner, log) in logs {
        let scope = (*owner, owners);
        // Every log starts in database 0, as a connection does.
        let select = vec![b"SELECT".to_vec(), b"0".to_vec()];
        run(&mut session, &select, scope, &mut errors).await;
        for item in &log.items {
            match item {
                Item::Command(record) => {
                    run(&mut session, record, scope, &mut errors).await;
                    replayed += 1;
                }
                Item::Tx {
                    name,
                    writers,
                    commands,
                } => {
                    if counts.get(name).copied().unwrap_or(0) < *writers {
                        tracing::warn!(
                            tx = %String::from_utf8_lossy(name),
                            "skipping a cross-shard transaction that not every shard logged"
                        );
                        continue;
                    }
                    for record in commands {
                        run(&mut session, record, scope, &mut errors).await;
                        replayed += 1;
                    }
                }
            }
        }
    }
    if errors > 0 {
        tracing::warn!(
            errors,
            "some AOF records replied with an error while loading"
        );
    }
    replayed
}

async fn run(session: &mut Session, record: &Record, scope: (usize, usize), errors: &mut usize) {
    let db = session.client.borrow().db;
    if let Some(op) = super::scoped::Scoped::of(record, db) {
        session.flush_wave().await;
        super::scoped::run(&session.shard, op, scope.0, scope.1).await;
        return;
    }
    let owned = OwnedArgs::from_slices(record.iter().map(|a| a.as_slice()));
    session.handle(owned.view()).await;
    session.flush_wave().await;
    let out = std::mem::take(&mut session.out);
    if out.first() == Some(&b'-') {
        *errors += 1;
        if *errors <= 5 {
            tracing::warn!(
                record = %String::from_utf8_lossy(&record.concat()),
                reply = %String::from_utf8_lossy(&out),
                "AOF record failed while loading"
            );
        }
    }
}

/// A connection-less session that may run anything: the loader.
fn replay_session(shard: &Rc<Shard>) -> Session {
    let nowhere = std::net::SocketAddr::from(([0, 0, 0, 0], 0));
    let client = Rc::new(RefCell::new(ClientInfo::new(
        0, nowhere, nowhere, -1, shard.id,
    )));
    let mut session = Session::new(shard.clone(), client);
    session.authenticated = true;
    session.unrestricted = true;
    session.replaying = true;
    session
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(args: &[&str]) -> Vec<u8> {
        let args: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
        let mut out = Vec::new();
        commands::propagate::encode(&mut out, &args);
        out
    }

    #[test]
    fn a_torn_tail_is_reported_and_complete_records_kept() {
        let mut log = resp(&["SET", "a", "1"]);
        let whole = log.len();
        log.extend_from_slice(&resp(&["SET", "b", "2"])[..7]);
        let parsed = parse(&log);
        assert_eq!(
            parsed.items,
            vec![Item::Command(vec![
                b"SET".to_vec(),
                b"a".to_vec(),
                b"1".to_vec()
            ])]
        );
        assert_eq!(parsed.valid_len, whole);
        assert_eq!(parsed.torn_bytes, 7);
    }

    #[test]
    fn a_preallocated_zero_tail_ends_the_log_but_a_torn_record_before_it_is_reported() {
        let mut log = resp(&["SET", "a", "1"]);
        let whole = log.len();
        log.extend(std::iter::repeat_n(0u8, 4096));
        let parsed = parse(&log);
        assert_eq!((parsed.items.len(), parsed.valid_len), (1, whole));
        assert_eq!(parsed.torn_bytes, 0);
        let mut torn = resp(&["SET", "a", "1"]);
        torn.extend_from_slice(&resp(&["SET", "b", "2"])[..7]);
        torn.extend(std::iter::repeat_n(0u8, 4096));
        assert_eq!(parse(&torn).torn_bytes, 7 + 4096);
    }

    #[test]
    fn an_unfinished_transaction_block_is_torn_from_its_start() {
        let mut log = resp(&["SET", "a", "1"]);
        let whole = log.len();
        log.extend(resp(&["RINGKV.TX", "t1", "2"]));
        log.extend(resp(&["SET", "b", "2"]));
        let parsed = parse(&log);
        assert_eq!(parsed.items.len(), 1);
        assert_eq!(parsed.valid_len, whole);
        log.extend(resp(&["RINGKV.TXEND", "t1"]));
        let parsed = parse(&log);
        assert_eq!(parsed.torn_bytes, 0);
        assert!(
            matches!(&parsed.items[1], Item::Tx { writers: 2, commands, .. } if commands.len() == 1)
        );
    }

    #[test]
    fn blocks_count_across_logs() {
        let block = |name: &str| {
            let mut log = resp(&["RINGKV.TX", name, "2"]);
            log.extend(resp(&["RINGKV.TXEND", name]));
            parse(&log)
        };
        let logs = [block("x"), block("x"), block("y")];
        let counts = block_counts(&logs.iter().collect::<Vec<_>>());
        assert_eq!(counts[&b"x".to_vec()], 2);
        assert_eq!(counts[&b"y".to_vec()], 1);
    }
}
