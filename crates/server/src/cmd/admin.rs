//! TIME, DEBUG, SHUTDOWN.

use bytes::Bytes;
use std::rc::Rc;

use commands::{errors, parse, Args};
use resp::{Reply, ReplyError};

use crate::conn::session::Session;
use crate::shard::Shard;
use crate::shared::now_us;

/// TIME: unix seconds and microseconds, as bulk strings.
pub fn time() -> Reply {
    let us = now_us();
    Reply::Array(vec![
        Reply::Bulk(Bytes::from((us / 1_000_000).to_string())),
        Reply::Bulk(Bytes::from((us % 1_000_000).to_string())),
    ])
}

/// DEBUG SLEEP|HELP|SET-ACTIVE-EXPIRE. Gated by `enable-debug-command` as in Redis 7.
pub fn debug(session: &mut Session, args: Args<'_>) -> Reply {
    let local = session.client.borrow().addr.ip().is_loopback();
    match session
        .shard
        .shared
        .with_config(|c| c.enable_debug_command().allows(local))
    {
        true => {}
        false => {
            return Reply::error(
                "ERR DEBUG command not allowed. If the enable-debug-command option is set to \
                 \"local\", you can run it from a local connection, otherwise you need to set \
                 this option in the configuration file, and then restart the server.",
            )
        }
    }
    let sub = args.get(1);
    if parse::is(sub, "sleep") && args.len() == 3 {
        let Some(secs) = parse::float(args.get(2)).ok().filter(|s| *s >= 0.0) else {
            return errors::err(errors::NOT_FLOAT);
        };
        // Redis's DEBUG SLEEP stalls the whole server; here it stalls this shard, which is
        // what tests use it for (a slow command).
        std::thread::sleep(std::time::Duration::from_secs_f64(secs.min(3600.0)));
        return Reply::OK;
    }
    if parse::is(sub, "help") {
        return Reply::Array(
            [
                "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "SLEEP <seconds>",
                "    Stop the server for <seconds>. Decimals allowed.",
                "HELP",
                "    Print this help.",
            ]
            .into_iter()
            .map(Reply::status)
            .collect(),
        );
    }
    Reply::Error(ReplyError::owned(format!(
        "ERR unknown subcommand or wrong number of arguments for '{}'. Try DEBUG HELP.",
        errors::clip(sub)
    )))
}

/// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: saves a snapshot first when save points are
/// set (or SAVE asks for one, and NOSAVE does not forbid it), then exits the process.
pub async fn shutdown(session: &mut Session, args: Args<'_>) -> Reply {
    let (mut abort, mut save, mut nosave, mut force) = (false, false, false, false);
    for arg in args.iter_from(1) {
        if parse::is(arg, "abort") {
            abort = true;
        } else if parse::is(arg, "save") {
            save = true;
        } else if parse::is(arg, "nosave") {
            nosave = true;
        } else if parse::is(arg, "force") {
            force = true;
        } else if !parse::is(arg, "now") {
            return errors::err(errors::SYNTAX);
        }
    }
    if (save && nosave) || (abort && args.len() > 2) {
        return errors::err(errors::SYNTAX);
    }
    if abort {
        return Reply::error("ERR No shutdown in progress.");
    }
    tracing::warn!("User requested shutdown...");
    match finish(&session.shard, save, nosave).await {
        Err(e) if !force => {
            tracing::warn!(error = %e, "Error trying to save the DB, can't exit.");
            errors::err(errors::SHUTDOWN_FAILED)
        }
        _ => {
            tracing::warn!("ringkv is now ready to exit, bye bye...");
            std::process::exit(0);
        }
    }
}

/// What every shutdown does before exiting (SHUTDOWN, SIGTERM, SIGINT): the final RDB snapshot
/// when save points are set (or `save`, never with `nosave`), then an fsync of the AOF.
pub async fn finish(shard: &Rc<Shard>, save: bool, nosave: bool) -> Result<(), String> {
    let points = shard.shared.with_config(|c| !c.save_points().is_empty());
    let mut saved = Ok(());
    if save || (points && !nosave) {
        tracing::info!("Saving the final RDB snapshot before exiting.");
        // A background save in progress is superseded, as Redis kills its child: wait for it.
        while shard
            .shared
            .rdb
            .in_progress
            .load(std::sync::atomic::Ordering::Acquire)
        {
            glommio::timer::sleep(std::time::Duration::from_millis(5)).await;
        }
        saved = crate::snapshot::run::save(shard).await.map(|_| ());
    }
    if shard.aof.running.get() {
        // As Redis fsyncs the AOF on shutdown: whatever the policy, nothing written is lost.
        tracing::info!("Calling fsync() on the AOF file.");
        super::persistence::fsync_all(shard).await;
    }
    saved
}
