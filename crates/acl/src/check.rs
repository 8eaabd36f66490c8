//! Whether a user may run one command: its command rule, its keys and its channels, against
//! each selector in turn.

use crate::command::CommandIndex;
use crate::user::User;

/// Why a command was refused, in Redis's order of relevance (a later variant wins when
/// several selectors refuse for different reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Denial {
    /// No selector allows the command.
    Command,
    /// The key at this argument index is out of every pattern.
    Key(usize),
    /// The channel at this argument index is out of every pattern.
    Channel(usize),
}

impl Denial {
    fn rank(self) -> (u8, usize) {
        match self {
            Denial::Command => (1, 0),
            Denial::Key(i) => (2, i),
            Denial::Channel(i) => (4, i),
        }
    }
}

/// A key a command touches: its argument index and the access its key spec declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyUse {
    /// Argument index (the command name is 0).
    pub arg: usize,
    /// The spec reads the key's value (`access`).
    pub read: bool,
    /// The spec inserts, updates or deletes.
    pub write: bool,
}

/// What the checker needs to know of one command call.
pub struct Call<'a> {
    /// The command's index in the ACL universe; `None` for a command newer than Redis 7.0's
    /// table, which only `+@all` (future commands) allows.
    pub command: Option<CommandIndex>,
    /// Every argument, the name first.
    pub args: &'a [&'a [u8]],
    /// The keys, as the command's key specs find them.
    pub keys: &'a [KeyUse],
    /// Channel argument indices and whether they are patterns to compare literally
    /// (PSUBSCRIBE).
    pub channels: &'a [(usize, bool)],
}

/// `Ok` when some selector of `user` allows `call`, else the most relevant refusal.
pub fn check(user: &User, call: &Call<'_>) -> Result<(), Denial> {
    let mut worst = Denial::Command;
    for selector in user.all_selectors() {
        let first_arg = call.args.get(1).copied();
        let verdict = if !selector.allows_command(call.command, first_arg) {
            Err(Denial::Command)
        } else if let Some(key) = call.keys.iter().find(|k| {
            let name = call.args.get(k.arg).copied().unwrap_or_default();
            !selector.allows_key(name, k.read, k.write)
        }) {
            Err(Denial::Key(key.arg))
        } else if let Some((arg, _)) = call.channels.iter().find(|(arg, literal)| {
            let name = call.args.get(*arg).copied().unwrap_or_default();
            !selector.allows_channel(name, *literal)
        }) {
            Err(Denial::Channel(*arg))
        } else {
            Ok(())
        };
        match verdict {
            Ok(()) => return Ok(()),
            Err(denial) if denial.rank() > worst.rank() => worst = denial,
            Err(_) => {}
        }
    }
    Err(worst)
}

/// Whether some selector that allows `call` may also read every key (`~*`, `%R~*` or
/// `allkeys`): what SORT's BY and GET patterns, which read keys no key spec names, require.
pub fn reads_any_key(user: &User, call: &Call<'_>) -> bool {
    user.all_selectors().any(|selector| {
        let single = User::with_root(selector.clone());
        check(&single, call).is_ok() && selector.reads_every_key()
    })
}
