//! `timeout`: connections idle for longer than that many seconds are closed, once a second,
//! as Redis's `clientsCronHandleTimeout` does. Clients waiting in a blocking command are left
//! alone (their own timeout governs them).

use std::rc::Rc;
use std::time::Duration;

use crate::shard::Shard;
use crate::shared::now_ms;

/// Spawns the idle-connection reaper of `shard`.
pub fn spawn_idle_reaper(shard: Rc<Shard>) {
    glommio::spawn_local(async move {
        loop {
            glommio::timer::sleep(Duration::from_secs(1)).await;
            let timeout_s = shard.shared.with_config(|c| c.timeout_s());
            if timeout_s > 0 {
                close_idle(&shard, timeout_s.saturating_mul(1000));
            }
        }
    })
    .detach();
}

fn close_idle(shard: &Shard, limit_ms: u64) {
    let now = now_ms();
    for client in shard.clients.borrow().sorted() {
        let mut info = client.borrow_mut();
        let idle = now.saturating_sub(info.last_interaction_ms) > limit_ms;
        if idle && !info.killed && !shard.parked.contains(info.id) {
            info.killed = true;
            // SAFETY: the descriptor belongs to a live connection of this shard; shutting it
            // down makes its pending read return end of file, which ends the connection.
            unsafe { libc::shutdown(info.fd, libc::SHUT_RDWR) };
        }
    }
}
