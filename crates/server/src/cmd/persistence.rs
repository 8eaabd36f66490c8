//! BGREWRITEAOF and WAITAOF.

use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use commands::{errors, Args};
use resp::Reply;

use crate::aof::rewrite;
use crate::conn::session::Session;
use crate::shard::mesh::JobOutput;
use crate::shard::Shard;

/// BGREWRITEAOF: a new, compacted generation of the per-shard logs, in the background (also
/// with `appendonly no`: the files then hold the data and stay as they are, as in Redis).
pub fn bgrewriteaof(session: &Session) -> Reply {
    let record = session.shard.aof.running.get();
    match rewrite::start(&session.shard, record) {
        Ok(()) => Reply::status("Background append only file rewriting started"),
        Err(rewrite::NotStarted::AlreadyRunning) => {
            Reply::error("ERR Background append only file rewriting already in progress")
        }
    }
}

fn positive(arg: &[u8]) -> Result<i64, Reply> {
    match engine::value::parse_i64(arg) {
        Some(n) if n >= 0 => Ok(n),
        Some(_) => Err(Reply::error("ERR value is out of range, must be positive")),
        None => Err(errors::err(errors::NOT_INTEGER)),
    }
}

/// WAITAOF numlocal numreplicas timeout: waits until every write made so far, this client's
/// included, is fsynced on every shard (forcing the fsync whatever `appendfsync` says), or
/// until the timeout. ringkv has no replicas, so a `numreplicas` above 0 waits for the timeout
/// (for ever with 0, as Redis does without replicas).
pub async fn waitaof(session: &mut Session, args: Args<'_>) -> Reply {
    let numlocal = match positive(args.get(1)) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let numreplicas = match positive(args.get(2)) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let timeout_ms = match engine::value::parse_i64(args.get(3)) {
        Some(ms) if ms < 0 => return Reply::error("ERR timeout is negative"),
        Some(ms) => ms as u64,
        None => return Reply::error("ERR timeout is not an integer or out of range"),
    };
    let shard = session.shard.clone();
    if numlocal > 0 && !shard.aof.running.get() {
        return Reply::error(
            "ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.",
        );
    }
    let deadline = (timeout_ms > 0).then(|| Instant::now() + Duration::from_millis(timeout_ms));
    let local = shard.aof.running.get() && all_fsynced(&shard, deadline).await;
    if numreplicas > 0 && session.multi.is_none() && session.capture.is_none() {
        wait_out(session, deadline).await;
    }
    Reply::Array(vec![Reply::Int(local as i64), Reply::Int(0)])
}

/// Waits until every shard's log is fsynced up to where it is now.
pub async fn fsync_all(shard: &Rc<Shard>) {
    all_fsynced(shard, None).await;
}

/// Whether every shard's log got fsynced up to where it was when asked, before `deadline`.
async fn all_fsynced(shard: &Rc<Shard>, deadline: Option<Instant>) -> bool {
    let targets = shard
        .run_on_all(|_| {
            Box::new(|shard: &Shard| {
                shard.aof.force_sync.set(true);
                shard.aof.kick.raise();
                JobOutput::Other(Box::new(shard.state.borrow().propagate.appended()))
            })
        })
        .await;
    for (peer, target) in targets.iter().enumerate() {
        let target = match target {
            Some(JobOutput::Other(any)) => any.downcast_ref::<u64>().copied().unwrap_or(0),
            _ => 0,
        };
        let wait = rewrite::wait_synced(shard, peer, target);
        let reached = match deadline {
            None => {
                wait.await;
                true
            }
            Some(deadline) => {
                futures_lite::future::or(
                    async {
                        wait.await;
                        true
                    },
                    async {
                        glommio::timer::sleep(deadline.saturating_duration_since(Instant::now()))
                            .await;
                        false
                    },
                )
                .await
            }
        };
        if !reached {
            return false;
        }
    }
    true
}

/// Waits until `deadline` (for ever without one) or until the client is killed.
async fn wait_out(session: &Session, deadline: Option<Instant>) {
    loop {
        if session.client.borrow().killed || session.shard.shared.loading.load(Ordering::Relaxed) {
            return;
        }
        let step = Duration::from_millis(100);
        match deadline {
            Some(deadline) if Instant::now() >= deadline => return,
            Some(deadline) => {
                glommio::timer::sleep(step.min(deadline.saturating_duration_since(Instant::now())))
                    .await
            }
            None => glommio::timer::sleep(step).await,
        }
    }
}
