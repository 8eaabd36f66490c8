//! Per-shard counters for INFO, merged across shards on demand.

use commands::CommandId;
use hashbrown::HashMap;

/// Calls of one command (INFO commandstats).
#[derive(Debug, Clone, Copy, Default)]
pub struct CommandStat {
    /// Times the command ran.
    pub calls: u64,
    /// Microseconds spent in it.
    pub usec: u64,
    /// Rejected before running (arity, unknown subcommand, ...).
    pub rejected_calls: u64,
    /// Ran and replied with an error.
    pub failed_calls: u64,
}

/// One shard's counters.
#[derive(Debug, Clone, Default)]
pub struct ShardStats {
    /// Commands processed by connections of this shard.
    pub total_commands_processed: u64,
    /// Connections accepted by this shard.
    pub total_connections_received: u64,
    /// Connections refused (maxclients).
    pub rejected_connections: u64,
    /// Bytes read from clients.
    pub net_input_bytes: u64,
    /// Bytes written to clients.
    pub net_output_bytes: u64,
    /// Error replies sent.
    pub total_error_replies: u64,
    /// Commands sent to another shard.
    pub remote_commands: u64,
    /// Commands whose keys spanned shards.
    pub multi_shard_commands: u64,
    /// Per command, indexed by `CommandId as usize` (a lookup per command must be cheap).
    pub commands: Vec<Option<(&'static str, CommandStat)>>,
    /// Error replies by code (`ERR`, `WRONGTYPE`, ...).
    pub errors: HashMap<String, u64>,
}

impl ShardStats {
    /// Records one call of `name`.
    #[inline]
    pub fn record_call(&mut self, id: CommandId, name: &'static str, usec: u64, failed: bool) {
        let entry = self.command(id, name);
        entry.1.calls += 1;
        entry.1.usec += usec;
        if failed {
            entry.1.failed_calls += 1;
        }
    }

    /// Records a command rejected before running.
    pub fn record_rejected(&mut self, id: CommandId, name: &'static str) {
        self.command(id, name).1.rejected_calls += 1;
    }

    #[inline]
    fn command(&mut self, id: CommandId, name: &'static str) -> &mut (&'static str, CommandStat) {
        let index = id as usize;
        if index >= self.commands.len() {
            self.commands.resize(index + 1, None);
        }
        self.commands[index].get_or_insert((name, CommandStat::default()))
    }

    /// Records an error reply with code `code`.
    pub fn record_error(&mut self, code: &str) {
        self.total_error_replies += 1;
        if let Some(n) = self.errors.get_mut(code) {
            *n += 1;
        } else {
            self.errors.insert(code.to_string(), 1);
        }
    }

    /// Adds another shard's counters into these.
    pub fn merge(&mut self, other: &ShardStats) {
        self.total_commands_processed += other.total_commands_processed;
        self.total_connections_received += other.total_connections_received;
        self.rejected_connections += other.rejected_connections;
        self.net_input_bytes += other.net_input_bytes;
        self.net_output_bytes += other.net_output_bytes;
        self.total_error_replies += other.total_error_replies;
        self.remote_commands += other.remote_commands;
        self.multi_shard_commands += other.multi_shard_commands;
        if self.commands.len() < other.commands.len() {
            self.commands.resize(other.commands.len(), None);
        }
        for (mine, theirs) in self.commands.iter_mut().zip(&other.commands) {
            let Some((name, stat)) = theirs else { continue };
            let e = mine.get_or_insert((name, CommandStat::default()));
            e.1.calls += stat.calls;
            e.1.usec += stat.usec;
            e.1.rejected_calls += stat.rejected_calls;
            e.1.failed_calls += stat.failed_calls;
        }
        for (code, n) in &other.errors {
            *self.errors.entry(code.clone()).or_insert(0) += n;
        }
    }

    /// Zeroes the counters CONFIG RESETSTAT resets.
    pub fn reset(&mut self) {
        *self = ShardStats::default();
    }
}
