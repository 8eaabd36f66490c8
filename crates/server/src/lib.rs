//! The runtime: one glommio executor per shard, listeners, connections, routing, and the
//! commands that need server state.
//!
//! Architecture Invariants: this is the only crate that names glommio or sockets. A shard's
//! data is touched only by its own thread; other shards reach it by sending a job over the
//! mesh (shard/mesh.rs). A command whose keys are all local runs inline with no message and
//! no await. Within one connection, a command's effects are never visible before those of
//! the commands sent before it (conn/wave.rs, docs/routing.md).

pub mod alloc;
mod aof;
pub(crate) mod blocking;
mod clock;
pub(crate) mod cmd;
mod conn;
mod cross;
mod exec;
mod permissions;
mod renames;
mod settings;
pub mod shard;
mod shared;
mod signals;
mod snapshot;
pub use commands::slot;
mod startup;
mod tls;
mod tx;

pub use startup::{run, RunOptions};
