//! A connection's MULTI state: the queued commands, whether queuing met an error, and the keys
//! it WATCHes.

use commands::table::flag;
use commands::{Args, CommandId, CommandSpec, OwnedArgs};
use engine::DbIndex;
use resp::Reply;

use super::session::Session;

/// Between MULTI and EXEC.
#[derive(Default)]
pub struct MultiState {
    /// The commands EXEC will run, in order.
    pub queued: Vec<Queued>,
    /// A command could not be queued: EXEC answers EXECABORT.
    pub aborted: bool,
}

/// One queued command.
pub struct Queued {
    /// The command.
    pub spec: &'static CommandSpec,
    /// Its arguments.
    pub args: OwnedArgs,
}

/// A watched key and what it looked like when WATCH ran.
#[derive(Debug, Clone)]
pub struct WatchedKey {
    /// Its database.
    pub db: DbIndex,
    /// The key.
    pub key: Vec<u8>,
    /// Its version in its shard's watch table.
    pub version: u64,
    /// Whether it existed: a key that existed and is gone at EXEC has expired (or was
    /// deleted), which fails the transaction too.
    pub existed: bool,
}

/// Whether a command runs at once even between MULTI and EXEC (Redis's exceptions to
/// queuing).
pub fn runs_inside_multi(id: CommandId) -> bool {
    matches!(
        id,
        CommandId::Exec
            | CommandId::Discard
            | CommandId::Multi
            | CommandId::Watch
            | CommandId::Quit
            | CommandId::Reset
    )
}

/// Queues a command for EXEC: `+QUEUED`, or an error that fails the transaction.
pub fn queue(session: &mut Session, spec: &'static CommandSpec, args: Args<'_>) -> Reply {
    if spec.has(flag::NO_MULTI) {
        session.flag_transaction();
        return Reply::error("ERR Command not allowed inside a transaction");
    }
    if let Some(multi) = session.multi.as_mut() {
        multi.queued.push(Queued {
            spec,
            args: args.to_owned(),
        });
    }
    Reply::status("QUEUED")
}
