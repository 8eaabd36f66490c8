//! A one-shard wake-up: the AOF task sleeps on it, commands kick it. Not thread-safe, and
//! need not be: both sides run on the shard's executor.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A flag with one waiting task.
#[derive(Default)]
pub struct Signal {
    raised: Cell<bool>,
    waiter: RefCell<Option<Waker>>,
}

impl Signal {
    /// Wakes the waiting task (now or at its next wait).
    pub fn raise(&self) {
        self.raised.set(true);
        if let Some(waker) = self.waiter.borrow_mut().take() {
            waker.wake();
        }
    }

    /// Waits until raised, then lowers the flag.
    pub fn wait(&self) -> Wait<'_> {
        Wait { signal: self }
    }
}

/// The future of [`Signal::wait`].
pub struct Wait<'a> {
    signal: &'a Signal,
}

impl Future for Wait<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.signal.raised.replace(false) {
            return Poll::Ready(());
        }
        *self.signal.waiter.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Log positions that tasks wait to see on disk, and the position reached so far.
#[derive(Default)]
pub struct Durability {
    reached: Cell<u64>,
    waiting: RefCell<Vec<(u64, Waker)>>,
}

impl Durability {
    /// The log position known to be on disk.
    pub fn reached(&self) -> u64 {
        self.reached.get()
    }

    /// Records that everything up to `position` is on disk and wakes who waited for it.
    pub fn advance(&self, position: u64) {
        if position <= self.reached.get() {
            return;
        }
        self.reached.set(position);
        let mut waiting = self.waiting.borrow_mut();
        let mut i = 0;
        while i < waiting.len() {
            if waiting[i].0 <= position {
                waiting.swap_remove(i).1.wake();
            } else {
                i += 1;
            }
        }
    }

    /// How many tasks wait for a position not yet on disk.
    pub fn waiters(&self) -> usize {
        self.waiting.borrow().len()
    }

    /// Waits until `position` is on disk.
    pub fn until(&self, position: u64) -> Until<'_> {
        Until {
            durability: self,
            position,
        }
    }
}

/// The future of [`Durability::until`].
pub struct Until<'a> {
    durability: &'a Durability,
    position: u64,
}

impl Future for Until<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.durability.reached.get() >= self.position {
            return Poll::Ready(());
        }
        // Every waiter keeps its own waker (several may wait for the same position); a
        // future is polled again only once woken, so entries do not pile up.
        self.durability
            .waiting
            .borrow_mut()
            .push((self.position, cx.waker().clone()));
        Poll::Pending
    }
}
