//! Each shard's unblocker: when a write changes a key that clients wait on, it tells the first
//! of them (on whatever shard its connection lives) to try its command again. A waiter that
//! already left is dropped and the next one is told.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use commands::tx::WaitFor;
use engine::{DbIndex, Value};

use crate::shard::mesh::{Job, JobOutput};
use crate::shard::Shard;

/// Spawns the unblocker of `shard`.
pub fn spawn_unblocker(shard: Rc<Shard>) {
    glommio::spawn_local(async move {
        loop {
            let ready = ReadyKeys { shard: &shard }.await;
            for (db, key) in ready {
                notify_head(&shard, db, &key).await;
            }
        }
    })
    .detach();
}

async fn notify_head(shard: &Shard, db: DbIndex, key: &[u8]) {
    let stream_waiters = shard.state.borrow().blocked.stream_waiters(db, key);
    for waiter in stream_waiters {
        // Each tries its read again: those with nothing to read wait on.
        let told = shard.run_on(waiter.home, notify_job(waiter.client)).await;
        if !matches!(told, Some(JobOutput::Other(ref any)) if any.downcast_ref::<bool>() == Some(&true))
        {
            shard
                .state
                .borrow_mut()
                .blocked
                .unblock(db, key, waiter.client);
        }
    }
    loop {
        let head = {
            let mut state = shard.state.borrow_mut();
            let now = crate::shared::now_ms();
            // Only a key that now holds what its waiters wait for wakes one of them.
            let holds = match state
                .data
                .db(db)
                .lookup_no_touch(key, now)
                .map(|e| &e.value)
            {
                Some(Value::List(list)) if !list.is_empty() => Some(WaitFor::List),
                Some(Value::ZSet(zset)) if !zset.is_empty() => Some(WaitFor::ZSet),
                _ => None,
            };
            holds.and_then(|wants| state.blocked.head(db, key, wants))
        };
        let Some(head) = head else {
            return;
        };
        let told = shard.run_on(head.home, notify_job(head.client)).await;
        if matches!(told, Some(JobOutput::Other(ref any)) if any.downcast_ref::<bool>() == Some(&true))
        {
            return;
        }
        shard
            .state
            .borrow_mut()
            .blocked
            .unblock(db, key, head.client);
    }
}

fn notify_job(client: u64) -> Job {
    Box::new(move |shard| JobOutput::Other(Box::new(shard.parked.notify(client))))
}

/// The keys signalled ready since the last look.
struct ReadyKeys<'a> {
    shard: &'a Shard,
}

impl Future for ReadyKeys<'_> {
    type Output = Vec<(DbIndex, Box<[u8]>)>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.shard.state.borrow_mut().blocked.take_ready(cx.waker()) {
            Some(ready) => Poll::Ready(ready),
            None => Poll::Pending,
        }
    }
}
