//! SAVE, BGSAVE [SCHEDULE], LASTSAVE.

use std::sync::atomic::Ordering;

use commands::{errors, parse, Args};
use resp::Reply;

use crate::conn::session::Session;
use crate::snapshot::run::{self, StartError};

/// SAVE: writes a snapshot and replies when it is on disk. Unlike Redis's, it blocks only
/// the calling client: the shards keep serving while they write their parts.
pub async fn save(session: &mut Session) -> Reply {
    if session.shard.shared.rdb.in_progress.load(Ordering::Acquire) {
        return errors::err(errors::BGSAVE_IN_PROGRESS);
    }
    match run::save(&session.shard).await {
        Ok(_) => Reply::OK,
        Err(e) => {
            tracing::warn!(error = %e, "SAVE failed");
            Reply::error("ERR")
        }
    }
}

/// BGSAVE [SCHEDULE]: starts a snapshot in the background. SCHEDULE matters in Redis only
/// while an AOF rewrite child runs; ringkv's rewrites do not exclude snapshots.
pub async fn bgsave(session: &mut Session, args: Args<'_>) -> Reply {
    if args.len() > 2 || (args.len() == 2 && !parse::is(args.get(1), "schedule")) {
        return errors::err(errors::SYNTAX);
    }
    match run::bgsave(&session.shard).await {
        Ok(()) => Reply::status("Background saving started"),
        Err(StartError::InProgress) => errors::err(errors::BGSAVE_IN_PROGRESS),
    }
}

/// LASTSAVE: Unix seconds of the last successful save.
pub fn lastsave(session: &Session) -> Reply {
    let at = session.shard.shared.rdb.last_save_s.load(Ordering::Acquire);
    Reply::Int(at as i64)
}
