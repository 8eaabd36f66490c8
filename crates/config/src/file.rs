//! redis.conf text and redis-server style command lines.

use crate::config::{Config, RenameCommand};
use crate::error::ConfigError;
use crate::registry::{lookup, Flags};
use crate::special::lossy;
use crate::splitargs::{repr, split_args};

/// Directives Redis 7 still accepts and ignores, with their argument count (name included).
const DEPRECATED: [&str; 3] = [
    "list-max-ziplist-entries",
    "list-max-ziplist-value",
    "lua-replicate-commands",
];

/// Why a directive failed: a reason about its own line, or an error inside an included text.
enum Failure {
    Here(String),
    Included(ConfigError),
}

/// How deep `include` may nest before the text is refused (a loop guard; Redis has none).
const MAX_INCLUDE_DEPTH: usize = 16;

/// Reads the files an `include` names. Receives the argument as written (it may hold a glob
/// pattern) and returns the texts of the files in load order; Redis includes the matches of a
/// pattern in alphabetical order and skips a pattern that matches nothing. An `Err` carries
/// the reason shown to the user (`can't open config file '/x': No such file or directory`).
pub trait IncludeLoader {
    /// The texts of the files that `include <path>` names.
    fn load(&mut self, path: &str) -> Result<Vec<String>, String>;
}

/// A loader for texts that must not include anything: every `include` is an error.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoIncludes;

impl IncludeLoader for NoIncludes {
    fn load(&mut self, path: &str) -> Result<Vec<String>, String> {
        Err(format!("include of '{path}' is not supported here"))
    }
}

impl<F: FnMut(&str) -> Result<Vec<String>, String>> IncludeLoader for F {
    fn load(&mut self, path: &str) -> Result<Vec<String>, String> {
        self(path)
    }
}

impl Config {
    /// Applies a redis.conf text. `include` is refused; see [`Config::apply_file_with`].
    pub fn apply_file(&mut self, text: &str) -> Result<(), ConfigError> {
        self.apply_file_with(text, &mut NoIncludes)
    }

    /// Applies a redis.conf text, reading `include`d files through `loader`.
    pub fn apply_file_with(
        &mut self,
        text: &str,
        loader: &mut dyn IncludeLoader,
    ) -> Result<(), ConfigError> {
        self.apply_text(text, loader, 0)?;
        self.check_consistency()
    }

    /// Applies redis-server style arguments (the config file path, if any, already removed):
    /// `--name value [value ...]`, a directive's values running until the next `--`. As in
    /// Redis, the first value after a name may itself start with `--`, and a `--save` with no
    /// value means `save ""`. A lone `-` (read the config from stdin) is left to the caller.
    pub fn apply_args(&mut self, args: &[String]) -> Result<(), ConfigError> {
        let text = args_to_text(args);
        self.apply_file(&text)
    }

    fn apply_text(
        &mut self,
        text: &str,
        loader: &mut dyn IncludeLoader,
        depth: usize,
    ) -> Result<(), ConfigError> {
        for (i, raw_line) in text.split('\n').enumerate() {
            let line = raw_line.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |reason: String| ConfigError::at_line(i + 1, line, reason);
            let Some(mut argv) = split_args(line.as_bytes()) else {
                return Err(fail("Unbalanced quotes in configuration line".into()));
            };
            if argv.is_empty() {
                continue;
            }
            argv[0].make_ascii_lowercase();
            match self.apply_directive(&argv, i + 1, loader, depth) {
                Ok(()) => {}
                Err(Failure::Here(reason)) => return Err(fail(reason)),
                // An error inside an included text keeps its own file's line.
                Err(Failure::Included(error)) => return Err(error),
            }
        }
        Ok(())
    }

    /// One directive: a parameter, or one of the directives Redis handles itself.
    fn apply_directive(
        &mut self,
        argv: &[Vec<u8>],
        line_number: usize,
        loader: &mut dyn IncludeLoader,
        depth: usize,
    ) -> Result<(), Failure> {
        let name = lossy(&argv[0]);
        if let Some(found) = lookup(&argv[0]) {
            if !found.param().has(Flags::MULTI_ARG) && argv.len() != 2 {
                return Err(Failure::Here("wrong number of arguments".into()));
            }
            return self
                .store_from_text(found, &argv[1..])
                .map_err(Failure::Here);
        }
        if argv.len() == 2 && DEPRECATED.contains(&name.as_str()) {
            return Ok(());
        }
        let reason = match (name.as_str(), argv.len()) {
            ("include", 2) => return self.include(&lossy(&argv[1]), loader, depth),
            ("rename-command", 3) => {
                let (from, to) = (lossy(&argv[1]), lossy(&argv[2]));
                self.rename_commands.push(RenameCommand {
                    from,
                    to,
                    line_number,
                });
                return Ok(());
            }
            ("user", n) if n >= 2 => {
                self.users
                    .push(argv[1..].iter().map(|a| lossy(a)).collect());
                return Ok(());
            }
            ("loadmodule", n) if n >= 2 => "loadmodule is not supported by ringkv",
            ("sentinel", _) => "sentinel directive while not in sentinel mode",
            (module_config, 2) if module_config.contains('.') => {
                "Module Configuration detected without loadmodule directive or no ApplyConfig \
                 call: aborting"
            }
            (module_config, _) if module_config.contains('.') => {
                "Module config specified without value"
            }
            _ => "Bad directive or wrong number of arguments",
        };
        Err(Failure::Here(reason.to_string()))
    }

    fn include(
        &mut self,
        path: &str,
        loader: &mut dyn IncludeLoader,
        depth: usize,
    ) -> Result<(), Failure> {
        if depth >= MAX_INCLUDE_DEPTH {
            let reason = format!("include nesting deeper than {MAX_INCLUDE_DEPTH} at '{path}'");
            return Err(Failure::Here(reason));
        }
        for text in loader.load(path).map_err(Failure::Here)? {
            self.apply_text(&text, loader, depth + 1)
                .map_err(Failure::Included)?;
        }
        Ok(())
    }

    /// The checks Redis makes after the whole text is read.
    fn check_consistency(&self) -> Result<(), ConfigError> {
        let cluster = matches!(
            self.value("cluster-enabled"),
            crate::value::Value::Bool(true)
        );
        let replica = !matches!(
            self.value("replicaof"),
            crate::value::Value::ReplicaOf(None)
        );
        if cluster && replica {
            return Err(ConfigError::general(
                "replicaof directive not allowed in cluster mode",
            ));
        }
        Ok(())
    }

    /// The `rename-command` directives read so far, in order.
    pub fn rename_commands(&self) -> &[RenameCommand] {
        &self.rename_commands
    }

    /// The arguments of each `user` directive read so far (the user name first), in order.
    pub fn users(&self) -> &[Vec<String>] {
        &self.users
    }
}

/// Builds the config text Redis builds from its command line: one line per `--name`, values
/// quoted so that they read back unchanged.
pub fn args_to_text(args: &[String]) -> String {
    let mut text = String::new();
    let mut name_has_value = true;
    for (j, arg) in args.iter().enumerate() {
        let is_last = j + 1 == args.len();
        if arg == "-" && (j == 0 || is_last) {
            continue;
        }
        if name_has_value && arg.starts_with("--") {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&arg[2..]);
            text.push(' ');
            // `--port 6380` as one argument carries its value already.
            let words = split_args(arg.as_bytes()).map_or(0, |w| w.len());
            name_has_value = words != 1;
            let next_is_name = args.get(j + 1).is_some_and(|next| next.starts_with("--"));
            if words == 1 && arg.eq_ignore_ascii_case("--save") && (next_is_name || is_last) {
                text.push_str("\"\"");
                name_has_value = true;
            }
        } else {
            text.push_str(&repr(arg.as_bytes()));
            text.push(' ');
            name_has_value = true;
        }
    }
    text
}
