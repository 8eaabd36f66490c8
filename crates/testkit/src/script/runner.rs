//! Running scripts against ringkv and redis-server side by side.

use std::io;
use std::path::{Path, PathBuf};

use super::parse::{Action, Script};
use crate::client::Client;
use crate::compare::{replies_match, Compare};
use crate::reply::render::{escape_raw, render};
use crate::reply::value::Value;
use crate::server::{workspace_root, Server};

/// How one script ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every compared reply matched.
    Passed {
        /// Commands compared.
        commands: usize,
    },
    /// A `@requires` named a command that ringkv does not have yet.
    Skipped(String),
    /// The first mismatch or I/O failure, formatted for a human.
    Failed(String),
}

/// The scripts directory: `tests/scripts` under the workspace root.
pub fn scripts_dir() -> PathBuf {
    workspace_root().join("tests").join("scripts")
}

/// Every `*.redis` file under `dir`, sorted by name.
pub fn script_paths(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading scripts directory {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "redis"))
        .collect();
    paths.sort();
    paths
}

/// Runs every script in [`scripts_dir`] against `ringkv` and `redis`; panics listing every
/// failing script, after running them all. `TESTKIT_SCRIPTS=lists` runs only the scripts
/// whose file name contains `lists`, to iterate on one family.
pub fn run_all_scripts(ringkv: &Server, redis: &Server) {
    let filter = std::env::var("TESTKIT_SCRIPTS").unwrap_or_default();
    let paths: Vec<PathBuf> = script_paths(&scripts_dir())
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains(&filter))
        })
        .collect();
    assert!(
        !paths.is_empty(),
        "no *.redis scripts in {}",
        scripts_dir().display()
    );
    let mut failures = Vec::new();
    let mut commands = 0;
    for path in &paths {
        let outcome = match Script::load(path) {
            Ok(script) => run_script(&script, ringkv, redis),
            Err(e) => Outcome::Failed(e.to_string()),
        };
        match outcome {
            Outcome::Passed { commands: n } => commands += n,
            Outcome::Skipped(why) => eprintln!("SKIPPED {}: {why}", display_path(path)),
            Outcome::Failed(why) => failures.push(why),
        }
    }
    eprintln!(
        "{} scripts, {commands} commands compared against {}",
        paths.len(),
        ringkv.name()
    );
    assert!(
        failures.is_empty(),
        "{} of {} scripts differ from redis-server ({}):\n\n{}",
        failures.len(),
        paths.len(),
        ringkv.name(),
        failures.join("\n\n")
    );
}

/// Runs one script on fresh connections after FLUSHALL on both servers.
pub fn run_script(script: &Script, ringkv: &Server, redis: &Server) -> Outcome {
    let path = display_path(&script.path);
    let mut pair = match Pair::open(ringkv, redis) {
        Ok(pair) => pair,
        Err(e) => return Outcome::Failed(format!("{path}: connecting: {e}")),
    };
    let mut commands = 0;
    for step in &script.steps {
        let at = format!("{path}:{}: {}", step.line, step.text);
        let result = match &step.action {
            Action::Command { args, compare } => {
                commands += 1;
                pair.compare(args, *compare)
            }
            Action::Protocol(version) => pair.both_ok(&["HELLO", &version.to_string()]),
            Action::Flush => pair.both_ok(&["FLUSHALL"]),
            Action::Requires(names) => match pair.missing_command(names) {
                Ok(Some(name)) => {
                    return Outcome::Skipped(format!("ringkv lacks {name} (line {})", step.line))
                }
                Ok(None) => Ok(()),
                Err(e) => Err(e),
            },
        };
        if let Err(message) = result {
            return Outcome::Failed(format!("{at}\n{message}"));
        }
    }
    Outcome::Passed { commands }
}

/// One connection to each server, driven in lock step.
pub struct Pair {
    /// The connection to ringkv.
    pub ringkv: Client,
    /// The connection to redis-server.
    pub redis: Client,
    ringkv_name: String,
}

impl Pair {
    /// Connects to both servers and empties them.
    /// Connections to both servers as they are (no FLUSHALL): to compare what a restarted
    /// ringkv holds with what redis-server still holds.
    pub fn reopen(ringkv: &Server, redis: &Server) -> io::Result<Pair> {
        Ok(Pair {
            ringkv: Client::connect(ringkv.port())?,
            redis: Client::connect(redis.port())?,
            ringkv_name: ringkv.name().to_string(),
        })
    }

    pub fn open(ringkv: &Server, redis: &Server) -> io::Result<Pair> {
        let mut pair = Pair {
            ringkv: Client::connect(ringkv.port())?,
            redis: Client::connect(redis.port())?,
            ringkv_name: ringkv.name().to_string(),
        };
        pair.both_ok(&["FLUSHALL"]).map_err(io::Error::other)?;
        Ok(pair)
    }

    /// Sends `args` to both servers and returns both raw replies (ringkv first).
    pub fn exchange<A: AsRef<[u8]>>(&mut self, args: &[A]) -> Result<(Vec<u8>, Vec<u8>), String> {
        let ours = self
            .ringkv
            .call_raw(args)
            .map_err(|e| format!("ringkv: {e}"))?;
        let theirs = self
            .redis
            .call_raw(args)
            .map_err(|e| format!("redis: {e}"))?;
        Ok((ours, theirs))
    }

    /// Sends `args` to both and explains the difference when the replies disagree.
    pub fn compare<A: AsRef<[u8]>>(&mut self, args: &[A], mode: Compare) -> Result<(), String> {
        let (ours, theirs) = self.exchange(args)?;
        if replies_match(mode, &ours, &theirs) {
            return Ok(());
        }
        Err(describe_mismatch(&self.ringkv_name, mode, &ours, &theirs))
    }

    /// Sends `args` to both and requires `+OK` from both.
    pub fn both_ok(&mut self, args: &[&str]) -> Result<(), String> {
        let (ours, theirs) = self.exchange(args)?;
        for (who, reply) in [("ringkv", &ours), ("redis", &theirs)] {
            let failed = Value::decode(reply).map_or(true, |v| v.is_error());
            if failed || (args[0] == "FLUSHALL" && reply.as_slice() != b"+OK\r\n") {
                return Err(format!(
                    "{who} refused {}: {}",
                    args.join(" "),
                    escape_raw(reply, 300)
                ));
            }
        }
        Ok(())
    }

    /// The first of `names` that ringkv does not know, by asking `COMMAND INFO`.
    fn missing_command(&mut self, names: &[String]) -> Result<Option<String>, String> {
        for name in names {
            let reply = self
                .ringkv
                .call(&["COMMAND", "INFO", name])
                .map_err(|e| format!("ringkv: {e}"))?;
            let known = reply
                .as_items()
                .is_some_and(|items| items.len() == 1 && !items[0].is_null());
            if !known {
                return Ok(Some(name.clone()));
            }
        }
        Ok(None)
    }
}

/// A side-by-side explanation of two differing replies.
pub fn describe_mismatch(ringkv_name: &str, mode: Compare, ours: &[u8], theirs: &[u8]) -> String {
    let show = |raw: &[u8]| match Value::decode(raw) {
        Ok(value) => indent(&render(&value)),
        Err(e) => format!("    <undecodable: {e}>"),
    };
    format!(
        "  compared {mode:?}\n  {ringkv_name}:\n{}\n  redis-server:\n{}\n  raw {ringkv_name}: {}\n  \
         raw redis-server: {}",
        show(ours),
        show(theirs),
        escape_raw(ours, 400),
        escape_raw(theirs, 400)
    )
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn display_path(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}
