//! Where a blocked connection waits on its home shard, and how it is woken: a key it waits on
//! may be ready, CLIENT UNBLOCK, its timeout, or its peer going away.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use hashbrown::HashMap;

/// How CLIENT UNBLOCK ends a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnblockMode {
    /// As if the timeout had passed.
    Timeout,
    /// With an error reply.
    Error,
}

/// Why a wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// A key may be ready: try again.
    Ready,
    /// CLIENT UNBLOCK.
    Unblocked(UnblockMode),
}

/// One parked connection.
#[derive(Default)]
pub struct ParkSlot {
    ready: Cell<bool>,
    unblocked: Cell<Option<UnblockMode>>,
    waker: RefCell<Option<Waker>>,
}

impl ParkSlot {
    fn wake(&self) {
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    /// Waits for the next wake-up.
    pub fn wait(self: &Rc<Self>) -> WaitWake {
        WaitWake { slot: self.clone() }
    }
}

/// The future of [`ParkSlot::wait`].
pub struct WaitWake {
    slot: Rc<ParkSlot>,
}

impl Future for WaitWake {
    type Output = Wake;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Wake> {
        if let Some(mode) = self.slot.unblocked.take() {
            return Poll::Ready(Wake::Unblocked(mode));
        }
        if self.slot.ready.replace(false) {
            return Poll::Ready(Wake::Ready);
        }
        *self.slot.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// The parked connections of one shard, by client id.
#[derive(Default)]
pub struct Parked {
    slots: RefCell<HashMap<u64, Rc<ParkSlot>>>,
}

impl Parked {
    /// Parks `client`, returning its slot.
    pub fn park(&self, client: u64) -> Rc<ParkSlot> {
        let slot = Rc::new(ParkSlot::default());
        self.slots.borrow_mut().insert(client, slot.clone());
        slot
    }

    /// Number of parked connections (INFO `blocked_clients`).
    pub fn len(&self) -> usize {
        self.slots.borrow().len()
    }

    /// Whether `client` is parked here.
    pub fn contains(&self, client: u64) -> bool {
        self.slots.borrow().contains_key(&client)
    }

    /// Whether no connection is parked.
    pub fn is_empty(&self) -> bool {
        self.slots.borrow().is_empty()
    }

    /// Unparks `client`.
    pub fn leave(&self, client: u64) {
        self.slots.borrow_mut().remove(&client);
    }

    /// Tells `client` a key it waits on may be ready; false when it is not parked here (it
    /// left: the caller tells the next waiter instead).
    pub fn notify(&self, client: u64) -> bool {
        let Some(slot) = self.slots.borrow().get(&client).cloned() else {
            return false;
        };
        slot.ready.set(true);
        slot.wake();
        true
    }

    /// CLIENT UNBLOCK: ends `client`'s wait; false when it is not parked here.
    pub fn unblock(&self, client: u64, mode: UnblockMode) -> bool {
        let Some(slot) = self.slots.borrow().get(&client).cloned() else {
            return false;
        };
        slot.unblocked.set(Some(mode));
        slot.wake();
        true
    }
}
