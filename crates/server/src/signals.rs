//! SIGTERM and SIGINT: a clean shutdown, as Redis does (the final snapshot when save points
//! are set, then an fsync of the AOF), instead of dying with unsaved changes.
//!
//! The signals are blocked in every thread (the executors inherit the mask) and taken by one
//! thread with `sigwait`; shard 0 looks for them and runs the shutdown on its executor.

use std::rc::Rc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use crate::shard::Shard;

/// The last shutdown signal received (0: none).
static RECEIVED: AtomicI32 = AtomicI32::new(0);

fn shutdown_signals() -> libc::sigset_t {
    // SAFETY: sigemptyset/sigaddset only write the set they are given, which lives here.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::sigaddset(&mut set, libc::SIGINT);
        set
    }
}

/// Blocks SIGTERM and SIGINT in this thread and the threads it starts, and starts the thread
/// that waits for them. Call before starting the executors.
pub fn install() {
    let set = shutdown_signals();
    // SAFETY: pthread_sigmask changes only this thread's mask; the set is valid.
    unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
    let spawned = std::thread::Builder::new()
        .name("ringkv-signals".into())
        .spawn(move || loop {
            let mut signal = 0;
            // SAFETY: sigwait reads the valid set and writes the received signal number.
            if unsafe { libc::sigwait(&set, &mut signal) } == 0 {
                RECEIVED.store(signal, Ordering::Release);
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "could not start the signal thread; SIGTERM will not save");
    }
}

/// On shard 0: waits for a shutdown signal, then shuts down as SHUTDOWN does. When the final
/// save fails the server keeps running, as Redis does.
pub fn spawn_watcher(shard: Rc<Shard>) {
    glommio::spawn_local(async move {
        loop {
            glommio::timer::sleep(Duration::from_millis(50)).await;
            let signal = RECEIVED.swap(0, Ordering::AcqRel);
            if signal == 0 {
                continue;
            }
            let name = if signal == libc::SIGINT {
                "SIGINT"
            } else {
                "SIGTERM"
            };
            tracing::warn!("Received {name} scheduling shutdown...");
            match crate::cmd::admin::finish(&shard, false, false).await {
                Ok(()) => {
                    tracing::warn!("ringkv is now ready to exit, bye bye...");
                    std::process::exit(0);
                }
                Err(e) => tracing::warn!(
                    error = %e,
                    "Errors trying to shut down the server. Check the logs for more information."
                ),
            }
        }
    })
    .detach();
}
