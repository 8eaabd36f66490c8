//! A wave: consecutive pipelined commands sent to other shards together, one message per
//! shard, while keeping the ordering guarantee of docs/routing.md.
//!
//! Rule: writes to two different shards never share a wave, because the shards could apply
//! them in either order. Reads join any wave (they have no effects to order), and commands
//! for one shard keep their order inside its message.

use commands::table::flag;
use commands::tx::TxId;
use commands::{keys, CommandSpec, OwnedArgs, ShardCtx, ShardHandler, ShardState};
use engine::DbIndex;
use resp::Reply;

use crate::shard::mesh::{Job, JobOutput};
use crate::shared::now_ms;

/// One command bound for another shard.
pub struct RemoteCommand {
    /// The command.
    pub spec: &'static CommandSpec,
    /// Its arguments, copied out of the read buffer.
    pub args: OwnedArgs,
    /// Its handler.
    pub handler: ShardHandler,
    /// The client's database.
    pub db: DbIndex,
    /// The client's flags for the handler.
    pub caller: commands::Caller,
    /// The transaction it runs in (inside EXEC), whose locks it may pass.
    pub tx: Option<TxId>,
}

/// A batch its shard could not run yet because a transaction holds one of its keys; it comes
/// back whole (nothing of it ran) to be sent again.
pub struct Blocked(pub Vec<RemoteCommand>);

/// Where the reply of one command of the wave comes from.
pub enum Slot {
    /// Run already, on the home shard.
    Local(Reply),
    /// The next reply from `shard` (replies come back in the order sent).
    Remote { shard: usize },
}

/// Commands gathered for other shards, and the reply order.
#[derive(Default)]
pub struct Wave {
    groups: Vec<Vec<RemoteCommand>>,
    slots: Vec<Slot>,
    write_shard: Option<usize>,
}

impl Wave {
    /// An empty wave for `shards` shards.
    pub fn new(shards: usize) -> Self {
        Wave {
            groups: (0..shards).map(|_| Vec::new()).collect(),
            ..Default::default()
        }
    }

    /// Whether no reply is waiting in the wave.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Whether a command on `shard` (a write when `write`) may join without breaking order.
    #[inline]
    pub fn admits(&self, shard: usize, write: bool) -> bool {
        !write || self.write_shard.is_none_or(|w| w == shard)
    }

    /// Records a write on `shard` (run locally, or queued).
    #[inline]
    pub fn note_write(&mut self, shard: usize) {
        self.write_shard = Some(shard);
    }

    /// Adds a reply computed on the home shard.
    pub fn push_local(&mut self, reply: Reply) {
        self.slots.push(Slot::Local(reply));
    }

    /// Queues a command for `shard`.
    pub fn push_remote(&mut self, shard: usize, command: RemoteCommand) {
        self.slots.push(Slot::Remote { shard });
        self.groups[shard].push(command);
    }

    /// Takes the jobs to send (one per shard with commands) and the reply order, leaving the
    /// wave empty.
    pub fn take(&mut self) -> (Vec<(usize, Job)>, Vec<Slot>) {
        let mut jobs = Vec::new();
        for (shard, group) in self.groups.iter_mut().enumerate() {
            if !group.is_empty() {
                jobs.push((shard, batch_job(std::mem::take(group))));
            }
        }
        self.write_shard = None;
        (jobs, std::mem::take(&mut self.slots))
    }
}

/// A job that runs a batch of commands in order on its shard, or none of them while a
/// transaction holds a key one of them touches.
pub fn batch_job(commands: Vec<RemoteCommand>) -> Job {
    Box::new(move |shard| {
        let now = now_ms();
        let mut state = shard.state.borrow_mut();
        if commands.iter().any(|cmd| locked(&state, cmd)) {
            return JobOutput::Other(Box::new(Blocked(commands)));
        }
        let replies = commands
            .iter()
            .map(|cmd| {
                let mut ctx = ShardCtx::new(&mut state, cmd.db, now).with_caller(cmd.caller);
                crate::exec::call_tracked(cmd.spec, cmd.handler, &mut ctx, cmd.args.view())
            })
            .collect();
        JobOutput::Replies(replies)
    })
}

fn locked(state: &ShardState, cmd: &RemoteCommand) -> bool {
    if state.locks.is_empty() {
        return false;
    }
    let args = cmd.args.view();
    let mut positions = Vec::new();
    keys::key_positions(cmd.spec, &args, &mut positions);
    let write = cmd.spec.has(flag::WRITE);
    crate::tx::keys_locked(
        state,
        cmd.db,
        positions.iter().map(|&p| args.get(p)),
        write,
        cmd.tx,
    )
}
