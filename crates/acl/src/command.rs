//! The command universe ACL rules name: Redis's whole table, not only what ringkv serves.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::universe::COMMANDS;

/// One command or subcommand as ACLs see it.
#[derive(Debug, Clone, Copy)]
pub struct AclCommand {
    /// Full lower-case name (`config|get` for a subcommand).
    pub name: &'static str,
    /// The container's index, for a subcommand.
    pub parent: Option<u16>,
    /// ACL category bits, in [`crate::category::NAMES`] order.
    pub categories: u32,
    /// Runs before authentication (AUTH, HELLO): never refused by a command rule.
    pub no_auth: bool,
}

/// An index into [`COMMANDS`]; also the command's bit in a selector.
pub type CommandIndex = usize;

/// The number of commands in the universe.
pub fn count() -> usize {
    COMMANDS.len()
}

/// The command at `index`.
pub fn get(index: CommandIndex) -> &'static AclCommand {
    &COMMANDS[index]
}

/// The index of the command or subcommand named `name` (`get`, `config|get`), any case.
pub fn lookup(name: &[u8]) -> Option<CommandIndex> {
    static BY_NAME: OnceLock<HashMap<&'static str, CommandIndex>> = OnceLock::new();
    let map = BY_NAME.get_or_init(|| {
        COMMANDS
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name, i))
            .collect()
    });
    let lower = std::str::from_utf8(name).ok()?.to_ascii_lowercase();
    map.get(lower.as_str()).copied()
}

/// The index of the command whose full name is exactly `name` (lower case, as the command
/// table spells it): no allocation, for the per-command check.
pub fn lookup_exact(name: &str) -> Option<CommandIndex> {
    COMMANDS.binary_search_by(|c| c.name.cmp(name)).ok()
}

/// The indices of `index`'s subcommands (empty for a plain command).
pub fn subcommands(index: CommandIndex) -> std::ops::Range<CommandIndex> {
    let first = index + 1;
    let mut end = first;
    while end < COMMANDS.len() && COMMANDS[end].parent == Some(index as u16) {
        end += 1;
    }
    first..end
}

/// Whether `index` is a container with subcommands.
pub fn has_subcommands(index: CommandIndex) -> bool {
    !subcommands(index).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_finds_commands_and_subcommands_in_any_case() {
        let get = lookup(b"GET").unwrap();
        assert_eq!(self::get(get).name, "get");
        let config_get = lookup(b"Config|Get").unwrap();
        assert_eq!(
            self::get(config_get).parent,
            lookup(b"config").map(|i| i as u16)
        );
        assert!(lookup(b"get|foo").is_none());
        assert!(lookup(b"nosuch").is_none());
    }

    #[test]
    fn names_are_strictly_sorted_for_binary_search() {
        assert!(COMMANDS.windows(2).all(|w| w[0].name < w[1].name));
        assert_eq!(lookup_exact("config|get"), lookup(b"CONFIG|GET"));
        assert_eq!(lookup_exact("CONFIG"), None);
    }

    #[test]
    fn subcommands_follow_their_container() {
        let config = lookup(b"config").unwrap();
        let subs: Vec<&str> = subcommands(config).map(|i| self::get(i).name).collect();
        assert!(subs.contains(&"config|get") && subs.contains(&"config|set"));
        assert!(subs.iter().all(|s| s.starts_with("config|")));
        assert!(!has_subcommands(lookup(b"get").unwrap()));
    }
}
