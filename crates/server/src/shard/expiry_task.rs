//! The active expiry cycle: reclaims due keys without waiting for them to be accessed.
//!
//! One timer per shard (never one per key: glommio 0.9 panics past 32,767 wakers per task).
//! Every tick reclaims due keys up to a budget, then yields, so a mass expiry never stalls
//! clients. The tick also keeps a parked executor waking up (a glommio 0.9 workaround).

use std::rc::Rc;
use std::time::Duration;

use super::Shard;
use crate::shared::now_ms;

/// Keys reclaimed per tick at most before yielding to clients.
const KEYS_PER_TICK: usize = 2_000;

/// Spawns the expiry cycle of `shard`, ticking `hz` times a second.
pub fn spawn_expiry_cycle(shard: Rc<Shard>) {
    glommio::spawn_local(async move {
        loop {
            let hz = shard.state.borrow().settings.hz.clamp(1, 500);
            glommio::timer::sleep(Duration::from_millis(1000 / hz as u64)).await;
            loop {
                let reclaimed = shard
                    .state
                    .borrow_mut()
                    .data
                    .expire_due(crate::snapshot::expiry_horizon(now_ms()), KEYS_PER_TICK);
                if reclaimed < KEYS_PER_TICK {
                    break;
                }
                glommio::yield_if_needed().await;
            }
        }
    })
    .detach();
}
