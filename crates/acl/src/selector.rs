//! A selector: which commands, keys and channels a user may use. Every user has a root
//! selector; `(...)` rules add more, and a command runs when any one selector allows it.

use crate::bits::CommandBits;
use crate::command::{self, CommandIndex};
use crate::error::RuleError;

/// One key pattern and the access it grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPattern {
    /// The glob.
    pub pattern: Box<[u8]>,
    /// `%R~`: reading keys.
    pub read: bool,
    /// `%W~`: writing keys.
    pub write: bool,
}

/// Commands, keys and channels a selector allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// The allowed commands.
    pub(crate) commands: CommandBits,
    /// Set by `+@all`, cleared only by `-@all`: describes as `+@all ...` (future commands).
    pub(crate) future_commands: bool,
    /// Every command allowed (set by `+@all`, cleared by any denial, set again when a later
    /// rule allows every command back): skips the bit test.
    pub(crate) all_commands: bool,
    /// First arguments allowed for otherwise denied commands (`+select|0`), by command, in
    /// command order.
    pub(crate) first_args: Vec<(CommandIndex, Vec<Box<[u8]>>)>,
    /// `~*` / `allkeys`.
    pub(crate) all_keys: bool,
    /// Key patterns, in the order given.
    pub(crate) keys: Vec<KeyPattern>,
    /// `&*` / `allchannels`.
    pub(crate) all_channels: bool,
    /// Channel patterns, in the order given.
    pub(crate) channels: Vec<Box<[u8]>>,
}

impl Selector {
    /// An empty selector: no commands, no keys; channels as `acl-pubsub-default` says.
    pub fn new(all_channels: bool) -> Self {
        Selector {
            commands: CommandBits::default(),
            future_commands: false,
            all_commands: false,
            first_args: Vec::new(),
            all_keys: false,
            keys: Vec::new(),
            all_channels,
            channels: Vec::new(),
        }
    }

    /// Applies one selector rule (`~pattern`, `+cmd`, `-@category`, `allkeys`, ...).
    pub fn apply(&mut self, op: &[u8]) -> Result<(), RuleError> {
        let is = |word: &str| op.eq_ignore_ascii_case(word.as_bytes());
        if is("allkeys") || is("~*") {
            self.all_keys = true;
            self.keys.clear();
        } else if is("resetkeys") {
            self.all_keys = false;
            self.keys.clear();
        } else if is("allchannels") || is("&*") {
            self.all_channels = true;
            self.channels.clear();
        } else if is("resetchannels") {
            self.all_channels = false;
            self.channels.clear();
        } else if is("allcommands") || is("+@all") {
            self.commands = CommandBits::all();
            self.future_commands = true;
            self.all_commands = true;
            self.first_args.clear();
        } else if is("nocommands") || is("-@all") {
            self.commands = CommandBits::default();
            self.future_commands = false;
            self.all_commands = false;
            self.first_args.clear();
        } else {
            match op.first() {
                Some(b'~' | b'%') => self.add_key_pattern(op)?,
                Some(b'&') => self.add_channel(&op[1..])?,
                Some(b'+' | b'-') if op.get(1) == Some(&b'@') => {
                    let category =
                        crate::category::lookup(&op[2..]).ok_or(RuleError::UnknownCommand)?;
                    self.set_category(category, op[0] == b'+');
                }
                Some(b'+') => self.allow_command(&op[1..])?,
                Some(b'-') => {
                    let index = command::lookup(&op[1..]).ok_or(RuleError::UnknownCommand)?;
                    self.change_command(index, false);
                }
                _ => return Err(RuleError::Syntax),
            }
        }
        // `+@all -get +get` allows every command again: restore the fast path, so the user
        // equals the one its description (`+@all`) loads as.
        if self.future_commands && !self.all_commands && self.commands == CommandBits::all() {
            self.all_commands = true;
        }
        Ok(())
    }

    fn add_key_pattern(&mut self, op: &[u8]) -> Result<(), RuleError> {
        if self.all_keys {
            return Err(RuleError::KeysAfterAll);
        }
        let (read, write, offset) = if op[0] == b'%' {
            let (mut read, mut write, mut offset) = (false, false, 1);
            while offset < op.len() {
                match op[offset] {
                    b'R' | b'r' if !read => read = true,
                    b'W' | b'w' if !write => write = true,
                    b'~' => {
                        offset += 1;
                        break;
                    }
                    _ => return Err(RuleError::Syntax),
                }
                offset += 1;
            }
            if !read && !write {
                return Err(RuleError::Syntax);
            }
            (read, write, offset)
        } else {
            (true, true, 1)
        };
        let pattern = &op[offset.min(op.len())..];
        if has_spaces(pattern) {
            return Err(RuleError::Syntax);
        }
        match self.keys.iter_mut().find(|k| &*k.pattern == pattern) {
            Some(existing) => {
                existing.read |= read;
                existing.write |= write;
            }
            None => self.keys.push(KeyPattern {
                pattern: pattern.into(),
                read,
                write,
            }),
        }
        self.all_keys = false;
        Ok(())
    }

    fn add_channel(&mut self, pattern: &[u8]) -> Result<(), RuleError> {
        if self.all_channels {
            return Err(RuleError::ChannelsAfterAll);
        }
        if has_spaces(pattern) {
            return Err(RuleError::Syntax);
        }
        if !self.channels.iter().any(|c| &**c == pattern) {
            self.channels.push(pattern.into());
        }
        self.all_channels = false;
        Ok(())
    }

    /// `+name`: a command, a subcommand (`config|get`) or a first argument (`select|0`).
    fn allow_command(&mut self, name: &[u8]) -> Result<(), RuleError> {
        let Some(bar) = name.iter().rposition(|&c| c == b'|') else {
            let index = command::lookup(name).ok_or(RuleError::UnknownCommand)?;
            self.change_command(index, true);
            return Ok(());
        };
        let (base, first_arg) = (&name[..bar], &name[bar + 1..]);
        let index = command::lookup(base).ok_or(RuleError::UnknownCommand)?;
        if command::get(index).parent.is_some() {
            return Err(RuleError::FirstArgOfSubcommand);
        }
        if first_arg.is_empty() {
            return Err(RuleError::Syntax);
        }
        if command::has_subcommands(index) {
            let sub = command::lookup(name).ok_or(RuleError::UnknownCommand)?;
            self.change_command(sub, true);
        } else if !self.commands.get(index) {
            // A first argument of an allowed command would change nothing, describe as
            // nothing, and be dropped with any later change of the command: keep none.
            self.add_first_arg(index, first_arg);
        }
        Ok(())
    }

    fn add_first_arg(&mut self, index: CommandIndex, arg: &[u8]) {
        match self.first_args.iter_mut().find(|(i, _)| *i == index) {
            Some((_, args)) => {
                if !args.iter().any(|a| a.eq_ignore_ascii_case(arg)) {
                    args.push(arg.into());
                }
            }
            None => {
                // In command order, as they describe: the order given is not kept.
                let at = self.first_args.partition_point(|(i, _)| *i < index);
                self.first_args.insert(at, (index, vec![arg.into()]));
            }
        }
    }

    /// Allows or denies a command and, for a container, all its subcommands; drops its
    /// first-argument exceptions.
    pub(crate) fn change_command(&mut self, index: CommandIndex, allow: bool) {
        self.set_bit(index, allow);
        self.first_args.retain(|(i, _)| *i != index);
        for sub in command::subcommands(index) {
            self.set_bit(sub, allow);
        }
    }

    fn set_bit(&mut self, index: CommandIndex, allow: bool) {
        self.commands.set(index, allow);
        if !allow {
            self.all_commands = false;
        }
    }

    /// Allows or denies every command (and subcommand) in `category`.
    pub(crate) fn set_category(&mut self, category: u32, allow: bool) {
        for index in 0..command::count() {
            if command::get(index).categories & category != 0 {
                self.change_command(index, allow);
            }
        }
    }

    /// Whether the selector allows the command at `index` given its first argument.
    pub fn allows_command(&self, index: Option<CommandIndex>, first_arg: Option<&[u8]>) -> bool {
        let Some(index) = index else {
            return self.future_commands;
        };
        if self.all_commands || command::get(index).no_auth || self.commands.get(index) {
            return true;
        }
        let Some(arg) = first_arg else {
            return false;
        };
        self.first_args
            .iter()
            .find(|(i, _)| *i == index)
            .is_some_and(|(_, args)| args.iter().any(|a| a.eq_ignore_ascii_case(arg)))
    }

    /// Whether the selector may touch `key` with the given access.
    pub fn allows_key(&self, key: &[u8], read: bool, write: bool) -> bool {
        self.all_keys
            || self.keys.iter().any(|p| {
                (p.read || !read)
                    && (p.write || !write)
                    && engine::glob::glob_match(&p.pattern, key, false)
            })
    }

    /// Whether the selector may use `channel`; `literal` compares patterns as strings
    /// (PSUBSCRIBE's patterns must appear verbatim).
    pub fn allows_channel(&self, channel: &[u8], literal: bool) -> bool {
        self.all_channels
            || self.channels.iter().any(|p| {
                if literal {
                    **p == *channel
                } else {
                    engine::glob::glob_match(p, channel, false)
                }
            })
    }

    /// Whether the selector may read any key: `allkeys`, or a `*` pattern with read access.
    pub fn reads_every_key(&self) -> bool {
        self.all_keys || self.keys.iter().any(|p| p.read && &*p.pattern == b"*")
    }

    /// Whether this selector allows everything: the fast path for the default user.
    pub fn allows_everything(&self) -> bool {
        self.all_commands && self.all_keys && self.all_channels
    }
}

/// Whether `s` has a space (C's isspace) or NUL, which Redis refuses in names and patterns.
pub fn has_spaces(s: &[u8]) -> bool {
    s.iter()
        .any(|&c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0))
}
