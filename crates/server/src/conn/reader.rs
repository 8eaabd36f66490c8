//! Reading from client sockets without paying an io_uring poll per request.
//!
//! glommio arms an io_uring poll for every read that finds no data (and, after a read that
//! does not fill the buffer, an early one). A poll completing while the shard runs interrupts
//! it to run io_uring task work (a reschedule IPI), which under load costs more than the
//! command itself. Redis avoids that with a level of indirection: one epoll set, asked once per
//! loop turn. So does this module:
//!
//! - a connection reads with a plain non-blocking `recv`; when nothing is there, it parks its
//!   waker under its socket in the shard's [`NetPoller`];
//! - one sweeper task per shard asks the shard's epoll set (edge-triggered) which sockets
//!   became readable and wakes their connections, yielding between sweeps while there is work;
//! - only when nothing at all is ready does the sweeper sleep through glommio, with a single
//!   io_uring poll on the epoll descriptor itself;
//! - replies are written in a flush phase, back to back, after every connection woken by a
//!   sweep has run (as Redis writes its replies before it sleeps): a client woken by the
//!   first reply is still awake for the next, instead of being woken (an IPI) once per reply.
//!
//! Edge-triggered events for a connection that is busy are remembered in a `ready` set. A
//! connection reads only when it has reason to: its socket is in `ready` (an event came while
//! it was busy, or its last read filled the buffer, so more may wait), or the sweeper woke it.
//! Otherwise it parks at once, without a `recv` that would only say "nothing yet": any data
//! that arrives later queues an event the next sweep delivers.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, RawFd};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use futures_lite::AsyncReadExt;
use glommio::net::TcpStream;
use hashbrown::{HashMap, HashSet};

/// Longest the sweeper keeps the run queue busy before letting glommio's reactor turn.
const REACTOR_TURN: Duration = Duration::from_micros(500);

/// Longest nap in `epoll_wait` before the sweeper sleeps through glommio (milliseconds).
const NAP_MS: i32 = 1;

/// How a nap ended.
enum Nap {
    /// Sockets became ready (this many events).
    Sockets(usize),
    /// Something for glommio's reactor arrived.
    Reactor,
    /// Nothing happened: the shard is idle.
    Idle,
}

/// Events fetched per sweep.
const EVENTS_PER_SWEEP: usize = 256;

/// One shard's readiness tracker for its client sockets.
pub struct NetPoller {
    epfd: RawFd,
    waiting: RefCell<HashMap<RawFd, Waker>>,
    ready: RefCell<HashSet<RawFd>>,
    flushers: RefCell<Vec<Waker>>,
    flush_epoch: Cell<u64>,
    sweeper: RefCell<Option<Waker>>,
    /// Reads satisfied at once by a non-blocking `recv`.
    pub direct_reads: Cell<u64>,
    /// Reads that waited for the socket to become readable.
    pub waited_reads: Cell<u64>,
    /// Times the sweeper slept through an io_uring poll.
    pub sweeper_sleeps: Cell<u64>,
}

impl NetPoller {
    /// A poller with its own epoll set.
    pub fn new() -> io::Result<Rc<Self>> {
        // SAFETY: epoll_create1 has no memory preconditions.
        let epfd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if epfd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Rc::new(NetPoller {
            epfd,
            waiting: RefCell::new(HashMap::new()),
            ready: RefCell::new(HashSet::new()),
            flushers: RefCell::new(Vec::new()),
            flush_epoch: Cell::new(0),
            sweeper: RefCell::new(None),
            direct_reads: Cell::new(0),
            waited_reads: Cell::new(0),
            sweeper_sleeps: Cell::new(0),
        }))
    }

    /// Adds a client socket to the epoll set.
    pub fn register(&self, fd: RawFd) -> io::Result<()> {
        let mut event = libc::epoll_event {
            events: (libc::EPOLLIN | libc::EPOLLRDHUP | libc::EPOLLET) as u32,
            u64: fd as u64,
        };
        // SAFETY: event is a valid epoll_event for the duration of the call.
        let rc = unsafe { libc::epoll_ctl(self.epfd, libc::EPOLL_CTL_ADD, fd, &mut event) };
        if rc < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Removes a client socket (before it is closed).
    pub fn unregister(&self, fd: RawFd) {
        self.waiting.borrow_mut().remove(&fd);
        self.ready.borrow_mut().remove(&fd);
        // SAFETY: a null event is allowed for EPOLL_CTL_DEL.
        unsafe { libc::epoll_ctl(self.epfd, libc::EPOLL_CTL_DEL, fd, std::ptr::null_mut()) };
    }

    /// Reads at least one byte into `buf`; `Ok(0)` at end of stream.
    pub async fn read(&self, stream: &TcpStream, buf: &mut [u8]) -> io::Result<usize> {
        let fd = stream.as_raw_fd();
        if self.ready.borrow_mut().remove(&fd) {
            if let Some(result) = self.recv(fd, buf) {
                bump(&self.direct_reads);
                return result;
            }
        }
        bump(&self.waited_reads);
        loop {
            Readable {
                poller: self,
                fd,
                parked: false,
            }
            .await;
            if let Some(result) = self.recv(fd, buf) {
                return result;
            }
        }
    }

    /// `recv`, remembering that more may wait when it filled the buffer (no new edge will
    /// announce bytes that were already there).
    fn recv(&self, fd: RawFd, buf: &mut [u8]) -> Option<io::Result<usize>> {
        let result = try_recv(fd, buf);
        if let Some(Ok(n)) = result {
            if n == buf.len() && n > 0 {
                self.ready.borrow_mut().insert(fd);
            }
        }
        result
    }

    /// Waits for the next flush phase, in which the caller writes its replies.
    pub async fn flush_turn(&self) {
        FlushTurn {
            poller: self,
            epoch: None,
        }
        .await
    }

    /// Spawns the sweeper task of this shard.
    pub fn spawn_sweeper(self: &Rc<Self>) {
        let poller = self.clone();
        glommio::spawn_local(async move { poller.sweep_forever().await }).detach();
    }

    async fn sweep_forever(&self) {
        let mut last_reactor_turn = crate::clock::ticks();
        let mut events: Vec<libc::epoll_event> =
            vec![libc::epoll_event { events: 0, u64: 0 }; EVENTS_PER_SWEEP];
        loop {
            if self.waiting.borrow().is_empty() && self.flushers.borrow().is_empty() {
                SweeperIdle {
                    poller: self,
                    flush_only: false,
                }
                .await;
            }
            if !self.flushers.borrow().is_empty() {
                self.flush_epoch.set(self.flush_epoch.get() + 1);
                for waker in self.flushers.borrow_mut().drain(..) {
                    waker.wake();
                }
                self.let_others_run(&mut last_reactor_turn).await;
            }
            // SAFETY: events has room for EVENTS_PER_SWEEP entries.
            let n = unsafe {
                libc::epoll_wait(self.epfd, events.as_mut_ptr(), EVENTS_PER_SWEEP as i32, 0)
            };
            if n > 0 {
                self.deliver(&events[..n as usize]);
                self.let_others_run(&mut last_reactor_turn).await;
                continue;
            }
            if !self.flushers.borrow().is_empty() {
                continue;
            }
            match self.nap(&mut events).await {
                Nap::Sockets(n) => {
                    self.deliver(&events[..n]);
                    self.let_others_run(&mut last_reactor_turn).await;
                    continue;
                }
                Nap::Reactor => {
                    // An io_uring completion (a mesh message, an accept, a timer) interrupted
                    // the nap: let glommio's reactor take it now.
                    glommio::timer::sleep(Duration::from_micros(1)).await;
                    last_reactor_turn = crate::clock::ticks();
                    continue;
                }
                Nap::Idle => {}
            }
            bump(&self.sweeper_sleeps);
            last_reactor_turn = crate::clock::ticks();
            // A connection that wants to flush (its reply came from another shard, say) must
            // not wait for socket readiness.
            let flush_wanted = SweeperIdle {
                poller: self,
                flush_only: true,
            };
            futures_lite::future::or(self.sleep_until_readable(), flush_wanted).await;
        }
    }

    /// Blocks briefly in `epoll_wait`, as Redis does between requests, instead of paying for an
    /// io_uring sleep when clients are about to send again. Runs only after every other runnable
    /// task had its turn (the yield), and glommio's own completions interrupt it (io_uring task
    /// work makes the wait return EINTR), so the reactor is never held up for long.
    async fn nap(&self, events: &mut [libc::epoll_event]) -> Nap {
        futures_lite::future::yield_now().await;
        if !self.flushers.borrow().is_empty() {
            return Nap::Sockets(0);
        }
        // SAFETY: events has room for its length in entries.
        let n = unsafe {
            libc::epoll_wait(self.epfd, events.as_mut_ptr(), events.len() as i32, NAP_MS)
        };
        match n {
            n if n > 0 => Nap::Sockets(n as usize),
            0 => Nap::Idle,
            _ => Nap::Reactor,
        }
    }

    /// Wakes the connections waiting on ready sockets; remembers the others as ready.
    fn deliver(&self, events: &[libc::epoll_event]) {
        let mut waiting = self.waiting.borrow_mut();
        let mut ready = self.ready.borrow_mut();
        for event in events {
            let fd = event.u64 as RawFd;
            match waiting.remove(&fd) {
                Some(waker) => waker.wake(),
                None => {
                    ready.insert(fd);
                }
            }
        }
    }

    /// Lets the connections just woken run. A yield keeps the run queue busy, and glommio
    /// polls its reactor (mesh replies, timers, new connections) only when the queue empties
    /// or at preemption, so at least every [`REACTOR_TURN`] the sweeper waits on a timer
    /// instead, which lets the queue drain and the reactor turn.
    async fn let_others_run(&self, last_reactor_turn: &mut u64) {
        if crate::clock::elapsed_us(*last_reactor_turn) < REACTOR_TURN.as_micros() as u64 {
            futures_lite::future::yield_now().await;
        } else {
            glommio::timer::sleep(Duration::from_micros(1)).await;
            *last_reactor_turn = crate::clock::ticks();
        }
    }

    /// Waits, through one io_uring poll on the epoll descriptor, until some socket is ready.
    async fn sleep_until_readable(&self) {
        // glommio arms a poll on a stream's descriptor when the stream is made; a duplicate of
        // the epoll descriptor lets that poll watch the whole set. The read that follows fails
        // (an epoll descriptor is no socket) once the poll fires, which is all we wait for.
        // SAFETY: dup returns a new descriptor that the stream below owns and closes.
        let dup = unsafe { libc::dup(self.epfd) };
        if dup < 0 {
            glommio::timer::sleep(Duration::from_millis(1)).await;
            return;
        }
        // SAFETY: dup is a fresh descriptor owned by nobody else.
        let mut watcher = unsafe { TcpStream::from_raw_fd(dup) };
        let _ = watcher.read(&mut [0u8; 1]).await;
    }
}

impl Drop for NetPoller {
    fn drop(&mut self) {
        // SAFETY: epfd is owned by this poller.
        unsafe { libc::close(self.epfd) };
    }
}

fn bump(cell: &Cell<u64>) {
    cell.set(cell.get() + 1);
}

/// Resolves once the sweeper has seen `fd` readable (after parking the waker once).
struct Readable<'a> {
    poller: &'a NetPoller,
    fd: RawFd,
    parked: bool,
}

impl Future for Readable<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut waiting = self.poller.waiting.borrow_mut();
        if self.parked && !waiting.contains_key(&self.fd) {
            return Poll::Ready(());
        }
        waiting.insert(self.fd, cx.waker().clone());
        drop(waiting);
        self.parked = true;
        if let Some(sweeper) = self.poller.sweeper.borrow_mut().take() {
            sweeper.wake();
        }
        Poll::Pending
    }
}

impl Drop for Readable<'_> {
    fn drop(&mut self) {
        if let Ok(mut waiting) = self.poller.waiting.try_borrow_mut() {
            waiting.remove(&self.fd);
        }
    }
}

/// Resolves in the next flush phase.
struct FlushTurn<'a> {
    poller: &'a NetPoller,
    epoch: Option<u64>,
}

impl Future for FlushTurn<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let now = self.poller.flush_epoch.get();
        match self.epoch {
            Some(epoch) if now != epoch => Poll::Ready(()),
            _ => {
                self.epoch = Some(now);
                self.poller.flushers.borrow_mut().push(cx.waker().clone());
                if let Some(sweeper) = self.poller.sweeper.borrow_mut().take() {
                    sweeper.wake();
                }
                Poll::Pending
            }
        }
    }
}

/// Resolves when a connection parks or wants to flush (the sweeper has nothing to do until
/// then).
struct SweeperIdle<'a> {
    poller: &'a NetPoller,
    /// Only a flush request ends the wait (the sweeper sleeps on socket readiness meanwhile).
    flush_only: bool,
}

impl Future for SweeperIdle<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let busy = !self.poller.flushers.borrow().is_empty()
            || (!self.flush_only && !self.poller.waiting.borrow().is_empty());
        if busy {
            return Poll::Ready(());
        }
        *self.poller.sweeper.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// A non-blocking `recv`: `None` when nothing is there yet.
fn try_recv(fd: RawFd, buf: &mut [u8]) -> Option<io::Result<usize>> {
    if buf.is_empty() {
        return Some(Ok(0));
    }
    // SAFETY: recv writes at most buf.len() bytes into buf, which we own mutably.
    let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), libc::MSG_DONTWAIT) };
    if n >= 0 {
        return Some(Ok(n as usize));
    }
    let err = io::Error::last_os_error();
    match err.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => None,
        _ => Some(Err(err)),
    }
}
