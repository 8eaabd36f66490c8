//! Cross-shard calls: a job travels to its owner shard on the request mesh, its output comes
//! back on the reply mesh. Two meshes, because one mesh carrying both deadlocks once the
//! requests in flight exceed its capacity (see shared/GLOMMIO.md).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use engine::db::DetachedValue;
use glommio::channels::channel_mesh::{Full, MeshBuilder, Receivers, Senders};
use hashbrown::HashMap;
use resp::Reply;

use super::Shard;

/// Work for another shard. It runs on that shard's thread with its data.
pub type Job = Box<dyn FnOnce(&Shard) -> JobOutput + Send>;

/// What a job sends back.
pub enum JobOutput {
    /// Replies of a batch of commands, in order.
    Replies(Vec<Reply>),
    /// Values fetched for a cross-shard command, in key order.
    Values(Vec<Option<DetachedValue>>),
    /// Anything else (INFO figures, client lists, ...).
    Other(Box<dyn Any + Send>),
}

/// A request on the request mesh.
pub struct Request {
    seq: u64,
    job: Job,
}

/// A reply on the reply mesh.
pub struct Response {
    seq: u64,
    output: JobOutput,
}

/// Capacity of each shard-to-shard channel.
const CHANNEL_CAPACITY: usize = 1024;

/// The two meshes, built once before the shards start and cloned into each.
#[derive(Clone)]
pub struct MeshBuilders {
    requests: MeshBuilder<Request, Full>,
    responses: MeshBuilder<Response, Full>,
}

impl MeshBuilders {
    /// Meshes for `shards` shards.
    pub fn new(shards: usize) -> Self {
        MeshBuilders {
            requests: MeshBuilder::full(shards, CHANNEL_CAPACITY),
            responses: MeshBuilder::full(shards, CHANNEL_CAPACITY),
        }
    }

    /// Joins both meshes; every channel is connected when this returns.
    pub async fn join(self) -> anyhow::Result<JoinedMesh> {
        let (req_tx, req_rx) = self
            .requests
            .join()
            .await
            .map_err(|_| anyhow::anyhow!("joining request mesh"))?;
        let (resp_tx, resp_rx) = self
            .responses
            .join()
            .await
            .map_err(|_| anyhow::anyhow!("joining reply mesh"))?;
        Ok(JoinedMesh {
            req_tx,
            req_rx: RefCell::new(Some(req_rx)),
            resp_tx,
            resp_rx: RefCell::new(Some(resp_rx)),
        })
    }
}

/// This shard's ends of both meshes.
pub struct JoinedMesh {
    req_tx: Senders<Request>,
    req_rx: RefCell<Option<Receivers<Request>>>,
    resp_tx: Senders<Response>,
    resp_rx: RefCell<Option<Receivers<Response>>>,
}

impl JoinedMesh {
    /// This shard's index; the same in both meshes, which order peers by executor id.
    pub fn peer_id(&self) -> usize {
        self.req_tx.peer_id()
    }
}

#[derive(Default)]
struct PendingCall {
    output: Option<JobOutput>,
    waker: Option<Waker>,
}

/// Calls in flight from this shard, and the means to make more.
pub struct Mesh {
    joined: JoinedMesh,
    next_seq: Cell<u64>,
    pending: RefCell<HashMap<u64, PendingCall>>,
}

impl Mesh {
    /// Wraps the joined meshes.
    pub fn new(joined: JoinedMesh) -> Self {
        Mesh {
            joined,
            next_seq: Cell::new(1),
            pending: RefCell::new(HashMap::new()),
        }
    }

    /// Sends `job` to shard `peer` and waits for its output. `None` when the peer is gone
    /// (shutting down).
    pub async fn call(&self, peer: usize, job: Job) -> Option<JobOutput> {
        let seq = self.next_seq.get();
        self.next_seq.set(seq + 1);
        self.pending
            .borrow_mut()
            .insert(seq, PendingCall::default());
        if self
            .joined
            .req_tx
            .send_to(peer, Request { seq, job })
            .await
            .is_err()
        {
            self.pending.borrow_mut().remove(&seq);
            return None;
        }
        WaitReply { mesh: self, seq }.await
    }

    /// Spawns the tasks that serve requests from peers and deliver their replies.
    pub fn spawn_servers(shard: &Rc<Shard>) {
        let mesh = &shard.mesh;
        let mut req_rx = mesh
            .joined
            .req_rx
            .borrow_mut()
            .take()
            .expect("spawn_servers runs once");
        let mut resp_rx = mesh
            .joined
            .resp_rx
            .borrow_mut()
            .take()
            .expect("spawn_servers runs once");
        for (peer, rx) in req_rx.streams() {
            let shard = shard.clone();
            glommio::spawn_local(async move {
                while let Some(Request { seq, job }) = rx.recv().await {
                    let logging = shard.aof.running.get();
                    let before = logging.then(|| shard.state.borrow().propagate.appended());
                    let output = job(&shard);
                    // A write's result leaves this shard only once the write is in the log.
                    if let Some(before) = before {
                        let after = shard.state.borrow().propagate.appended();
                        if after > before {
                            crate::aof::Aof::settle(&shard, after).await;
                        }
                    }
                    let response = Response { seq, output };
                    if shard
                        .mesh
                        .joined
                        .resp_tx
                        .send_to(peer, response)
                        .await
                        .is_err()
                    {
                        break;
                    }
                }
            })
            .detach();
        }
        for (_peer, rx) in resp_rx.streams() {
            let shard = shard.clone();
            glommio::spawn_local(async move {
                while let Some(Response { seq, output }) = rx.recv().await {
                    shard.mesh.deliver(seq, output);
                }
            })
            .detach();
        }
    }

    fn deliver(&self, seq: u64, output: JobOutput) {
        let mut pending = self.pending.borrow_mut();
        if let Some(call) = pending.get_mut(&seq) {
            call.output = Some(output);
            if let Some(waker) = call.waker.take() {
                waker.wake();
            }
        }
    }
}

struct WaitReply<'a> {
    mesh: &'a Mesh,
    seq: u64,
}

impl Future for WaitReply<'_> {
    type Output = Option<JobOutput>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut pending = self.mesh.pending.borrow_mut();
        let Some(call) = pending.get_mut(&self.seq) else {
            return Poll::Ready(None);
        };
        if let Some(output) = call.output.take() {
            pending.remove(&self.seq);
            return Poll::Ready(Some(output));
        }
        call.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for WaitReply<'_> {
    fn drop(&mut self) {
        // A connection dropped mid-call: forget the call; a late reply is discarded.
        if let Ok(mut pending) = self.mesh.pending.try_borrow_mut() {
            pending.remove(&self.seq);
        }
    }
}
