//! Reading `.redis` scripts: one command per line plus `@` directives.

use std::path::{Path, PathBuf};

use super::args::{split_args, SplitError};
use crate::compare::Compare;

/// A parsed script.
#[derive(Debug, Clone)]
pub struct Script {
    /// Where it was read from, for failure messages.
    pub path: PathBuf,
    /// Its steps, in order.
    pub steps: Vec<Step>,
}

/// One step of a script with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// 1-based line number in the file.
    pub line: usize,
    /// The line as written, for failure messages.
    pub text: String,
    /// What to do.
    pub action: Action,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send a command to both servers and compare the replies.
    Command {
        /// The command and its arguments.
        args: Vec<Vec<u8>>,
        /// How to compare the replies.
        compare: Compare,
    },
    /// `@resp3` / `@resp2`: switch both connections with HELLO.
    Protocol(u8),
    /// `@flush`: FLUSHALL on both servers.
    Flush,
    /// `@requires CMD...`: skip the rest of the script when ringkv lacks one of these commands.
    Requires(Vec<String>),
}

/// Why a script cannot be parsed.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    /// The file cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{path}:{line}: {message}")]
    Line {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl Script {
    /// Reads and parses a script file.
    pub fn load(path: &Path) -> Result<Script, ScriptError> {
        let text = std::fs::read_to_string(path).map_err(|source| ScriptError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Script::parse(path, &text)
    }

    /// Parses script text; `path` is used only in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Script, ScriptError> {
        let error = |line: usize, message: String| ScriptError::Line {
            path: path.display().to_string(),
            line,
            message,
        };
        let mut steps = Vec::new();
        // A comparison directive applies to the next command only.
        let mut pending: Option<(usize, Compare)> = None;
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let action = if let Some(directive) = trimmed.strip_prefix('@') {
                match parse_directive(directive).map_err(|m| error(line, m))? {
                    Directive::Modifier(compare) => {
                        if pending.is_some() {
                            return Err(error(line, "two comparison directives in a row".into()));
                        }
                        pending = Some((line, compare));
                        continue;
                    }
                    Directive::Step(action) => action,
                }
            } else {
                let args =
                    split_args(trimmed).map_err(|e: SplitError| error(line, e.to_string()))?;
                let compare = pending.take().map_or(Compare::Exact, |(_, c)| c);
                Action::Command { args, compare }
            };
            if let (Some((from, _)), Action::Protocol(_) | Action::Flush | Action::Requires(_)) =
                (pending, &action)
            {
                return Err(error(
                    from,
                    "comparison directive not followed by a command".into(),
                ));
            }
            steps.push(Step {
                line,
                text: trimmed.to_string(),
                action,
            });
        }
        if let Some((line, _)) = pending {
            return Err(error(line, "comparison directive at end of script".into()));
        }
        Ok(Script {
            path: path.to_path_buf(),
            steps,
        })
    }
}

enum Directive {
    Modifier(Compare),
    Step(Action),
}

fn parse_directive(text: &str) -> Result<Directive, String> {
    let mut words = text.split_whitespace();
    let name = words.next().unwrap_or("");
    let rest: Vec<&str> = words.collect();
    let no_args = |d: Directive| {
        if rest.is_empty() {
            Ok(d)
        } else {
            Err(format!("@{name} takes no arguments"))
        }
    };
    match name {
        "resp3" => no_args(Directive::Step(Action::Protocol(3))),
        "resp2" => no_args(Directive::Step(Action::Protocol(2))),
        "flush" => no_args(Directive::Step(Action::Flush)),
        "unordered" => no_args(Directive::Modifier(Compare::Unordered)),
        "acl-rules" => no_args(Directive::Modifier(Compare::AclRules)),
        "unordered-pairs" => no_args(Directive::Modifier(Compare::UnorderedPairs)),
        "scan" => no_args(Directive::Modifier(Compare::Scan)),
        "skip-compare" => no_args(Directive::Modifier(Compare::Skip)),
        "shape" => no_args(Directive::Modifier(Compare::Shape)),
        "near" => match rest.as_slice() {
            [n] => n
                .parse()
                .map(|n| Directive::Modifier(Compare::Near(n)))
                .map_err(|_| format!("@near needs an integer tolerance, got {n:?}")),
            _ => Err("@near takes exactly one integer".into()),
        },
        "requires" if !rest.is_empty() => Ok(Directive::Step(Action::Requires(
            rest.iter().map(|s| s.to_string()).collect(),
        ))),
        "requires" => Err("@requires needs at least one command name".into()),
        "sleep-ms" => Err("@sleep-ms is not allowed: scripts must not depend on timing".into()),
        other => Err(format!("unknown directive @{other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Script, ScriptError> {
        Script::parse(Path::new("t.redis"), text)
    }

    #[test]
    fn comments_and_blank_lines_are_skipped_and_lines_numbered() {
        let script = parse("# c\n\nSET k v\n  GET k  \n").expect("valid");
        assert_eq!(script.steps.len(), 2);
        assert_eq!(script.steps[0].line, 3);
        assert_eq!(script.steps[1].text, "GET k");
    }

    #[test]
    fn modifiers_apply_to_the_next_command_only() {
        let script = parse("@unordered\nKEYS *\nKEYS *\n").expect("valid");
        let modes: Vec<_> = script
            .steps
            .iter()
            .map(|s| match &s.action {
                Action::Command { compare, .. } => *compare,
                _ => panic!("not a command"),
            })
            .collect();
        assert_eq!(modes, [Compare::Unordered, Compare::Exact]);
    }

    #[test]
    fn step_directives_become_actions() {
        let script = parse("@resp3\n@flush\n@requires LPUSH SADD\n").expect("valid");
        let actions: Vec<_> = script.steps.into_iter().map(|s| s.action).collect();
        assert_eq!(actions[0], Action::Protocol(3));
        assert_eq!(actions[1], Action::Flush);
        assert_eq!(
            actions[2],
            Action::Requires(vec!["LPUSH".into(), "SADD".into()])
        );
    }

    #[test]
    fn sleeping_and_unknown_directives_are_rejected_with_their_line() {
        let err = parse("PING\n@sleep-ms 10\n").expect_err("sleep is banned");
        assert!(err
            .to_string()
            .starts_with("t.redis:2: @sleep-ms is not allowed"));
        assert!(parse("@bogus\n").is_err());
        assert!(parse("@unordered\n").is_err());
        assert!(parse("@unordered\n@flush\nKEYS *\n").is_err());
        assert!(parse("GET \"k\n").is_err());
    }
}
