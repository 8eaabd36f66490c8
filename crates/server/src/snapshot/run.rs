//! Running a snapshot: start the writer and every shard's walk, wait for the file, then
//! account for it (LASTSAVE, INFO, changes since the last save). Also the save points.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use persist::SnapshotInfo;

use super::walk::{ShardWalk, Sink};
use super::writer::{self, Outcome, Target};
use crate::shard::mesh::{Job, JobOutput};
use crate::shard::Shard;
use crate::shared::now_ms;

/// Keys a walk step writes at most.
const KEYS_PER_STEP: usize = 128;
/// How long a walk runs before it lets the reactor turn (sockets, timers, the mesh).
const TURN: Duration = Duration::from_micros(500);
/// Bytes queued for the writer above which walks wait (bounds memory when the disk lags).
const MAX_QUEUED: usize = 1 << 20;
/// Seconds after a failed save before a save point tries again (Redis's retry delay).
const RETRY_DELAY_S: u64 = 5;

thread_local! {
    /// This thread's shard, for walk tasks started by a mesh job (which sees only `&Shard`).
    static HOME: RefCell<Option<Rc<Shard>>> = const { RefCell::new(None) };
}

/// Why a snapshot did not start.
#[derive(Debug, PartialEq, Eq)]
pub enum StartError {
    /// One is being written.
    InProgress,
}

/// Registers this thread's shard and starts its save-point checker (shard 0).
pub fn attach(shard: &Rc<Shard>) {
    HOME.with(|h| *h.borrow_mut() = Some(shard.clone()));
    if shard.id == 0 {
        glommio::spawn_local(save_points(shard.clone())).detach();
    }
}

fn now_s() -> u64 {
    now_ms() / 1000
}

/// Starts a snapshot on every shard; the returned outcome fills when the file is complete.
/// When this returns, every shard's point in time is fixed.
pub async fn start(shard: &Rc<Shard>) -> Result<(Outcome, Vec<u64>), StartError> {
    let shared = &shard.shared;
    if !shared.rdb.try_start(now_s()) {
        return Err(StartError::InProgress);
    }
    let target = shared.with_config(|c| Target {
        dir: PathBuf::from(c.dir()),
        file: c.dbfilename().to_string(),
    });
    let info = SnapshotInfo {
        ctime_s: now_s() as i64,
        used_mem: crate::alloc::used_bytes(),
        aof_base: false,
    };
    let (sink, outcome) = writer::spawn(target, shard.count, info);
    // Every shard's point in time falls where no cross-shard transaction is half done.
    let all: Vec<usize> = (0..shard.count).collect();
    crate::tx::drain(shard, &all).await;
    let outputs = shard.run_on_all(|_| start_job(sink.clone())).await;
    crate::tx::undrain(shard, &all).await;
    let dirty = outputs
        .into_iter()
        .map(|o| match o {
            Some(JobOutput::Other(any)) => any.downcast::<u64>().map_or(0, |d| *d),
            _ => 0,
        })
        .collect();
    Ok((outcome, dirty))
}

fn start_job(sink: Sink) -> Job {
    Box::new(move |shard| {
        let dirty = shard.state.borrow().dirty;
        begin_walk(sink);
        JobOutput::Other(Box::new(dirty))
    })
}

/// Fixes this shard's point in time and starts its walk.
fn begin_walk(sink: Sink) {
    if super::begin(ShardWalk::new(now_ms(), sink)) {
        if let Some(home) = HOME.with(|h| h.borrow().clone()) {
            glommio::spawn_local(walk_task(home)).detach();
        }
    }
}

/// What runs on a shard in the step that fixes its point in time, returning a number (the
/// AOF's log position there).
pub type AtStart = Box<dyn FnOnce(&Shard) -> u64 + Send>;

/// Writes the data, as it is at one point in time, as one RDB file at `target`, without
/// touching LASTSAVE or the change counters: the base of an AOF generation. `at_start(peer)`
/// runs on each shard in the same step as its walk begins, so that what it starts (the new
/// log) holds exactly the changes after the file's point in time. Waits for a running save to
/// end first. Returns what each `at_start` returned, in shard order.
pub async fn write_at(
    shard: &Rc<Shard>,
    target: Target,
    at_start: impl Fn(usize) -> AtStart,
) -> Result<Vec<u64>, String> {
    let rdb = &shard.shared.rdb;
    while rdb
        .in_progress
        .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        glommio::timer::sleep(Duration::from_millis(5)).await;
    }
    let info = SnapshotInfo {
        ctime_s: now_s() as i64,
        used_mem: crate::alloc::used_bytes(),
        aof_base: true,
    };
    let (sink, outcome) = writer::spawn(target, shard.count, info);
    let all: Vec<usize> = (0..shard.count).collect();
    crate::tx::drain(shard, &all).await;
    let outputs = shard
        .run_on_all(|peer| {
            let sink = sink.clone();
            let then = at_start(peer);
            Box::new(move |s: &Shard| {
                begin_walk(sink);
                JobOutput::Other(Box::new(then(s)))
            }) as Job
        })
        .await;
    crate::tx::undrain(shard, &all).await;
    let result = loop {
        let taken = outcome.lock().unwrap_or_else(|p| p.into_inner()).take();
        match taken {
            Some(result) => break result,
            None => glommio::timer::sleep(Duration::from_millis(2)).await,
        }
    };
    rdb.in_progress.store(false, Ordering::Release);
    result.map(|_| {
        outputs
            .into_iter()
            .map(|o| match o {
                Some(JobOutput::Other(any)) => any.downcast::<u64>().map_or(0, |p| *p),
                _ => 0,
            })
            .collect()
    })
}

/// Walks this shard's keyspace to the end, giving way to clients every [`TURN`].
async fn walk_task(shard: Rc<Shard>) {
    let mut turn = Instant::now();
    loop {
        if super::with_walk(|w| w.queued()).unwrap_or(0) > MAX_QUEUED {
            glommio::timer::sleep(Duration::from_millis(1)).await;
            continue;
        }
        let finished = {
            let mut state = shard.state.borrow_mut();
            super::with_walk(|w| w.step(&mut state, KEYS_PER_STEP)).unwrap_or(true)
        };
        if finished {
            if let Some(walk) = super::end() {
                walk.finish();
            }
            return;
        }
        if turn.elapsed() >= TURN {
            glommio::timer::sleep(Duration::from_micros(1)).await;
            turn = Instant::now();
        } else {
            futures_lite::future::yield_now().await;
        }
    }
}

/// Waits for the file, then records the result; returns the keys written or the error.
pub async fn complete(shard: &Rc<Shard>, outcome: Outcome, dirty: Vec<u64>) -> Result<u64, String> {
    let result = loop {
        let taken = outcome.lock().unwrap_or_else(|p| p.into_inner()).take();
        match taken {
            Some(result) => break result,
            None => glommio::timer::sleep(Duration::from_millis(2)).await,
        }
    };
    if result.is_ok() {
        // Changes made while saving are still unsaved, as Redis's dirty_before_bgsave does.
        shard
            .run_on_all(|peer| {
                let at_start = dirty.get(peer).copied().unwrap_or(0);
                Box::new(move |s: &Shard| {
                    let mut state = s.state.borrow_mut();
                    state.dirty = state.dirty.saturating_sub(at_start);
                    JobOutput::Replies(Vec::new())
                }) as Job
            })
            .await;
        tracing::info!("DB saved on disk");
    }
    shard.shared.rdb.finish(result.is_ok(), now_s());
    result
}

/// Writes a snapshot and waits for it (SAVE, SHUTDOWN).
pub async fn save(shard: &Rc<Shard>) -> Result<u64, String> {
    match start(shard).await {
        Ok((outcome, dirty)) => complete(shard, outcome, dirty).await,
        Err(StartError::InProgress) => Err("a snapshot is already being written".into()),
    }
}

/// Starts a snapshot written in the background (BGSAVE, save points).
pub async fn bgsave(shard: &Rc<Shard>) -> Result<(), StartError> {
    let (outcome, dirty) = start(shard).await?;
    tracing::info!("Background saving started");
    let home = shard.clone();
    glommio::spawn_local(async move {
        let _ = complete(&home, outcome, dirty).await;
    })
    .detach();
    Ok(())
}

/// Checks the `save` points ten times a second, as Redis's cron does.
async fn save_points(shard: Rc<Shard>) {
    loop {
        glommio::timer::sleep(Duration::from_millis(100)).await;
        let rdb = &shard.shared.rdb;
        if rdb.in_progress.load(Ordering::Acquire) || shard.shared.loading.load(Ordering::Acquire) {
            continue;
        }
        let points = shard.shared.with_config(|c| c.save_points());
        if points.is_empty() {
            continue;
        }
        let now = now_s();
        let since_save = now.saturating_sub(rdb.last_save_s.load(Ordering::Acquire));
        let may_retry = rdb.last_ok.load(Ordering::Acquire)
            || now.saturating_sub(rdb.last_try_s.load(Ordering::Acquire)) > RETRY_DELAY_S;
        if !may_retry || !points.iter().any(|&(secs, _)| since_save > secs) {
            continue;
        }
        let dirty = total_dirty(&shard).await;
        if points
            .iter()
            .any(|&(secs, changes)| dirty >= changes && since_save > secs)
        {
            tracing::info!(
                changes = dirty,
                seconds = since_save,
                "changes reached a save point. Saving..."
            );
            let _ = bgsave(&shard).await;
        }
    }
}

/// Changes since the last save, on every shard.
pub async fn total_dirty(shard: &Rc<Shard>) -> u64 {
    shard
        .run_on_all(|_| Box::new(|s: &Shard| JobOutput::Other(Box::new(s.state.borrow().dirty))))
        .await
        .into_iter()
        .map(|o| match o {
            Some(JobOutput::Other(any)) => any.downcast::<u64>().map_or(0, |d| *d),
            _ => 0,
        })
        .sum()
}
