//! The command table and the command families.
//!
//! Architecture Invariants: handlers are plain synchronous functions over one shard's data
//! (`ShardCtx`) and their arguments; they never await, never see a socket, a runtime or
//! another shard. Routing, cross-shard work and connection state belong to `server`. Every
//! client-visible error string lives in [`errors`]. Arity is checked by the dispatcher from
//! the table, never by handlers.

mod args;
mod ctx;
pub mod errors;
pub mod families;
pub mod introspect;
pub mod keys;
pub mod parse;
pub mod propagate;
mod route;
pub mod slot;
pub mod table;
pub mod tx;

pub use args::{Args, OwnedArgs};
pub use ctx::{Caller, ShardCtx, ShardHome, ShardSettings, ShardState};
pub use route::{route, Merge, Route, ShardHandler, Split, StaticHandler};
pub use table::{lookup, CommandId, CommandSpec};
