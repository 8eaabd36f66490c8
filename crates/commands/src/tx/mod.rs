//! Per-shard state of transactions: key intent locks held by cross-shard transactions, and
//! the keys clients WATCH. Both live with the data so that every path that touches a key (the
//! home shard's inline path, batches from other shards, transaction hops) can consult them.
//!
//! Architecture Invariant: a cross-shard transaction locks every key it touches, on every
//! shard, before it reads or writes any, and releases them only when it is done; a request
//! that meets a conflicting lock takes nothing on that shard, and waits or retries by the
//! wait-die rule (see docs/transactions.md).

pub mod blocked;
mod key;
pub mod locks;
pub mod watch;

pub use blocked::{BlockedTable, WaitFor, Waiter};
pub use locks::{LockRequest, LockTable, Refusal, TxId};
pub use watch::WatchTable;
