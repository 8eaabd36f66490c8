//! `rename-command NAME NEWNAME` and `rename-command NAME ""`: the names clients may call
//! commands by, fixed at start-up (Redis reads the directive only from its config file or
//! command line). Renaming or disabling FLUSHALL, CONFIG, DEBUG or KEYS keeps them from
//! whoever reaches the server without knowing the new names.

use commands::CommandSpec;
use config::RenameCommand;
use hashbrown::{HashMap, HashSet};

/// The command names changed by the configuration.
#[derive(Debug, Default)]
pub struct Renames {
    /// Original names no longer callable, lower case.
    removed: HashSet<Vec<u8>>,
    /// New names and the commands they call, lower case.
    added: HashMap<Vec<u8>, &'static CommandSpec>,
}

impl Renames {
    /// The renames of `directives`, applied in order as Redis applies them, with Redis's
    /// start-up errors.
    pub fn from_directives(directives: &[RenameCommand]) -> anyhow::Result<Renames> {
        let mut renames = Renames::default();
        for directive in directives {
            let from = directive.from.to_ascii_lowercase().into_bytes();
            let to = directive.to.to_ascii_lowercase().into_bytes();
            let Some(spec) = renames.lookup(&from) else {
                anyhow::bail!(
                    "line {}: No such command in rename-command: {}",
                    directive.line_number,
                    directive.from
                );
            };
            renames.added.remove(&from);
            renames.removed.insert(from);
            if to.is_empty() {
                continue;
            }
            if renames.lookup(&to).is_some() {
                anyhow::bail!(
                    "line {}: Target command name already exists: {}",
                    directive.line_number,
                    directive.to
                );
            }
            renames.removed.remove(&to);
            renames.added.insert(to, spec);
        }
        Ok(renames)
    }

    /// The command `name` (any case) calls.
    #[inline]
    pub fn lookup(&self, name: &[u8]) -> Option<&'static CommandSpec> {
        if self.removed.is_empty() {
            return commands::lookup(name);
        }
        let lower = name.to_ascii_lowercase();
        if let Some(spec) = self.added.get(&lower) {
            return Some(spec);
        }
        if self.removed.contains(&lower) {
            return None;
        }
        commands::lookup(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename(from: &str, to: &str) -> RenameCommand {
        RenameCommand {
            from: from.into(),
            to: to.into(),
            line_number: 1,
        }
    }

    #[test]
    fn renamed_commands_answer_only_to_their_new_names() {
        let renames =
            Renames::from_directives(&[rename("FLUSHALL", ""), rename("config", "cfg-7f3a")])
                .expect("valid renames");
        assert!(renames.lookup(b"flushall").is_none());
        assert!(renames.lookup(b"CONFIG").is_none());
        assert_eq!(renames.lookup(b"CFG-7F3A").map(|s| s.name), Some("config"));
        assert_eq!(renames.lookup(b"get").map(|s| s.name), Some("get"));
    }

    #[test]
    fn unknown_and_clashing_names_are_start_up_errors() {
        let unknown = Renames::from_directives(&[rename("nosuch", "x")]).unwrap_err();
        assert!(unknown
            .to_string()
            .contains("No such command in rename-command"));
        let clash = Renames::from_directives(&[rename("get", "set")]).unwrap_err();
        assert!(clash
            .to_string()
            .contains("Target command name already exists"));
        let twice = Renames::from_directives(&[rename("keys", ""), rename("keys", "k")]);
        assert!(twice.is_err());
    }
}
