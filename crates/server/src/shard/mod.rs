//! One shard: a pinned executor's data, counters, clients and mesh ends.

pub mod expiry_task;
pub mod mesh;
pub mod stats;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll};

use commands::ShardState;

use crate::conn::client::ClientRegistry;
use crate::shared::Shared;
use mesh::{Job, JobOutput, Mesh};
use stats::ShardStats;

/// Everything one shard owns. Lives in an `Rc` on its executor's thread; nothing here is
/// shared with another thread except through the mesh.
pub struct Shard {
    /// This shard's index (its mesh peer id).
    pub id: usize,
    /// Number of shards.
    pub count: usize,
    /// The data and its settings.
    pub state: RefCell<ShardState>,
    /// Counters for INFO.
    pub stats: RefCell<ShardStats>,
    /// Connections whose home is this shard.
    pub clients: RefCell<ClientRegistry>,
    /// Process-wide state.
    pub shared: Arc<Shared>,
    /// Calls to other shards.
    pub mesh: Mesh,
    /// Readiness of this shard's client sockets (see conn/reader.rs).
    pub net: Rc<crate::conn::reader::NetPoller>,
    /// Connections of this shard waiting in a blocking command.
    pub parked: crate::blocking::park::Parked,
    /// This shard's append-only file.
    pub aof: crate::aof::Aof,
}

impl Shard {
    /// Runs `job` on shard `peer`: inline when it is this shard, else by message.
    pub async fn run_on(&self, peer: usize, job: Job) -> Option<JobOutput> {
        if peer == self.id {
            return Some(job(self));
        }
        self.mesh.call(peer, job).await
    }

    /// Runs the job `make_job(shard)` on every shard at once; outputs in shard order.
    pub async fn run_on_all(&self, make_job: impl Fn(usize) -> Job) -> Vec<Option<JobOutput>> {
        let futures: Vec<_> = (0..self.count)
            .map(|peer| self.run_on(peer, make_job(peer)))
            .collect();
        join_all(futures).await
    }

    /// Runs jobs on the given shards at once; outputs in the order given.
    pub async fn run_on_each(&self, jobs: Vec<(usize, Job)>) -> Vec<Option<JobOutput>> {
        let futures: Vec<_> = jobs
            .into_iter()
            .map(|(peer, job)| self.run_on(peer, job))
            .collect();
        join_all(futures).await
    }
}

/// Polls every future until all are done; outputs in order.
pub async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    JoinAll {
        futures: futures.into_iter().map(|f| Some(Box::pin(f))).collect(),
        outputs: Vec::new(),
    }
    .await
}

struct JoinAll<F: Future> {
    futures: Vec<Option<Pin<Box<F>>>>,
    outputs: Vec<Option<F::Output>>,
}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // SAFETY-free: JoinAll is Unpin because its futures are boxed.
        let this = self.get_mut();
        if this.outputs.is_empty() {
            this.outputs = (0..this.futures.len()).map(|_| None).collect();
        }
        let mut done = true;
        for (slot, out) in this.futures.iter_mut().zip(this.outputs.iter_mut()) {
            if let Some(fut) = slot {
                match fut.as_mut().poll(cx) {
                    Poll::Ready(v) => {
                        *out = Some(v);
                        *slot = None;
                    }
                    Poll::Pending => done = false,
                }
            }
        }
        if !done {
            return Poll::Pending;
        }
        Poll::Ready(
            this.outputs
                .drain(..)
                .map(|o| o.expect("every future finished"))
                .collect(),
        )
    }
}

impl<F: Future> Unpin for JoinAll<F> {}
