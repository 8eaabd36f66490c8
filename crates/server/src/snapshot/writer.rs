//! The file writer: one thread per snapshot that writes the header, the shards' records as
//! they arrive, the end marker and the CRC-64 into `temp-<pid>.rdb`, then renames it. A plain
//! thread, so that file writes and fsync never stall a shard's executor.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};

use persist::crc64::crc64;
use persist::format::opcodes;
use persist::{Encoder, SnapshotInfo};

use super::walk::{Piece, Sink};

/// The outcome of a snapshot, once the writer is done: keys written, or why it failed.
pub type Outcome = Arc<Mutex<Option<Result<u64, String>>>>;

/// Where the file goes.
pub struct Target {
    /// The directory (`dir`).
    pub dir: PathBuf,
    /// The file name (`dbfilename`).
    pub file: String,
}

/// Starts the writer for `shards` shards; returns the shards' sink and the outcome slot.
pub fn spawn(target: Target, shards: usize, info: SnapshotInfo) -> (Sink, Outcome) {
    let (tx, rx) = channel();
    let queued = Arc::new(AtomicUsize::new(0));
    let outcome: Outcome = Arc::new(Mutex::new(None));
    let sink = Sink {
        tx,
        queued: queued.clone(),
    };
    let slot = outcome.clone();
    let spawned = std::thread::Builder::new()
        .name("rdb-writer".into())
        .spawn(move || {
            let result = write_file(&target, shards, &info, &rx, &queued);
            if let Err(e) = &result {
                tracing::warn!(error = %e, "Background saving error");
            }
            set_outcome(&slot, result);
        });
    if let Err(e) = spawned {
        set_outcome(&outcome, Err(format!("starting the writer thread: {e}")));
    }
    (sink, outcome)
}

fn set_outcome(slot: &Outcome, result: Result<u64, String>) {
    let mut guard = slot.lock().unwrap_or_else(|p| p.into_inner());
    *guard = Some(result);
}

fn write_file(
    target: &Target,
    shards: usize,
    info: &SnapshotInfo,
    rx: &Receiver<Piece>,
    queued: &AtomicUsize,
) -> Result<u64, String> {
    let temp = target.dir.join(format!("temp-{}.rdb", std::process::id()));
    let result = write_parts(&temp, shards, info, rx, queued).and_then(|keys| {
        std::fs::rename(&temp, target.dir.join(&target.file))
            .map_err(|e| format!("renaming {}: {e}", temp.display()))?;
        Ok(keys)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
        // Unblock shards waiting on a full queue: nothing more will be written.
        queued.store(0, Ordering::Release);
    }
    result
}

fn write_parts(
    path: &Path,
    shards: usize,
    info: &SnapshotInfo,
    rx: &Receiver<Piece>,
    queued: &AtomicUsize,
) -> Result<u64, String> {
    let err = |e: std::io::Error| format!("writing {}: {e}", path.display());
    let file = File::create(path).map_err(err)?;
    let mut out = BufWriter::with_capacity(256 * 1024, file);
    let mut head = Vec::new();
    {
        let mut encoder = Encoder::new(&mut head);
        encoder.header().map_err(err)?;
        encoder.standard_aux(info).map_err(err)?;
    }
    let mut crc = crc64(0, &head);
    out.write_all(&head).map_err(err)?;
    let (mut done, mut keys) = (0, 0);
    while done < shards {
        match rx.recv() {
            Ok(Piece::Records(bytes)) => {
                crc = crc64(crc, &bytes);
                let written = out.write_all(&bytes).map_err(err);
                queued.fetch_sub(bytes.len(), Ordering::AcqRel);
                written?;
            }
            Ok(Piece::Done(n)) => {
                done += 1;
                keys += n;
            }
            Err(_) => return Err("a shard stopped before finishing its part".into()),
        }
    }
    crc = crc64(crc, &[opcodes::EOF]);
    out.write_all(&[opcodes::EOF]).map_err(err)?;
    out.write_all(&crc.to_le_bytes()).map_err(err)?;
    let file = out.into_inner().map_err(|e| err(e.into_error()))?;
    file.sync_all().map_err(err)?;
    Ok(keys)
}
