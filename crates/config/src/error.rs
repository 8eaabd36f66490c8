//! Errors of config texts and command lines.

use std::fmt;

/// Why a config text or command line was refused, located as Redis locates it.
///
/// Displays as the body of Redis's report; the binary prints the banner
/// (`*** FATAL CONFIG FILE ERROR (Redis 7.2.x) ***`) before it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// 1-based line of the offending directive, when one is to blame.
    pub line_number: Option<usize>,
    /// The offending line, trimmed as Redis trims it.
    pub line: Option<String>,
    /// Redis's reason (`wrong number of arguments`, `Bad directive or wrong number of
    /// arguments`, ...).
    pub reason: String,
}

impl ConfigError {
    /// An error about one line of a text.
    pub fn at_line(line_number: usize, line: &str, reason: impl Into<String>) -> ConfigError {
        ConfigError {
            line_number: Some(line_number),
            line: Some(line.to_string()),
            reason: reason.into(),
        }
    }

    /// An error about the text as a whole (a check made after reading every line).
    pub fn general(reason: impl Into<String>) -> ConfigError {
        ConfigError {
            line_number: None,
            line: None,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(n), Some(line)) = (self.line_number, &self.line) {
            writeln!(f, "Reading the configuration file, at line {n}")?;
            writeln!(f, ">>> '{line}'")?;
        }
        write!(f, "{}", self.reason)
    }
}
