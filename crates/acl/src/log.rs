//! ACL LOG: recent refusals, similar ones grouped with a count.

use std::collections::VecDeque;

/// Refusals of the same kind within this window update one entry.
const GROUPING_WINDOW_MS: u64 = 60_000;
/// How many recent entries a new refusal is compared with.
const GROUPING_SCAN: usize = 10;

/// What was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A command rule.
    Command,
    /// A key pattern.
    Key,
    /// A channel pattern.
    Channel,
    /// AUTH / HELLO AUTH with wrong credentials.
    Auth,
}

impl Reason {
    /// The name ACL LOG prints.
    pub fn name(self) -> &'static str {
        match self {
            Reason::Command => "command",
            Reason::Key => "key",
            Reason::Channel => "channel",
            Reason::Auth => "auth",
        }
    }
}

/// Where the refused command ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Sent by the client.
    Toplevel,
    /// Inside MULTI/EXEC.
    Multi,
}

impl Context {
    /// The name ACL LOG prints.
    pub fn name(self) -> &'static str {
        match self {
            Context::Toplevel => "toplevel",
            Context::Multi => "multi",
        }
    }
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// How many refusals this entry stands for.
    pub count: u64,
    /// What was refused.
    pub reason: Reason,
    /// Where.
    pub context: Context,
    /// The command name, key, channel or (for auth) user name tried.
    pub object: Vec<u8>,
    /// The user the client was (or tried to be) authenticated as.
    pub username: Vec<u8>,
    /// When it last happened (Unix ms).
    pub at_ms: u64,
    /// The CLIENT LIST line of the last client refused.
    pub client_info: Vec<u8>,
}

/// The log, newest first.
#[derive(Debug, Default)]
pub struct AclLog {
    entries: VecDeque<Entry>,
}

impl AclLog {
    /// Records a refusal (an entry with count 1), grouping it with a similar recent one, and
    /// trims the log to `max_len`.
    pub fn add(&mut self, entry: Entry, max_len: usize) {
        let similar = self.entries.iter().take(GROUPING_SCAN).position(|e| {
            e.reason == entry.reason
                && e.context == entry.context
                && e.at_ms.abs_diff(entry.at_ms) <= GROUPING_WINDOW_MS
                && e.object == entry.object
                && e.username == entry.username
        });
        match similar.and_then(|i| self.entries.remove(i)) {
            Some(mut existing) => {
                existing.count += 1;
                existing.at_ms = entry.at_ms;
                existing.client_info = entry.client_info;
                self.entries.push_front(existing);
            }
            None => {
                self.entries.push_front(entry);
                self.entries.truncate(max_len);
            }
        }
    }

    /// The newest `count` entries.
    pub fn newest(&self, count: usize) -> impl Iterator<Item = &Entry> {
        self.entries.iter().take(count)
    }

    /// ACL LOG RESET.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
