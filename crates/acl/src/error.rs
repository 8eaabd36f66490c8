//! Why an ACL rule was refused, with Redis's wording.

/// A rule ACL SETUSER, a config `user` line or the ACL file could not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// `+nosuch`, `-@nosuch`.
    #[error("Unknown command or category name in ACL")]
    UnknownCommand,
    /// Not a rule, or a pattern with spaces.
    #[error("Syntax error")]
    Syntax,
    /// A key pattern after `~*`.
    #[error("Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns")]
    KeysAfterAll,
    /// A channel pattern after `&*`.
    #[error("Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels")]
    ChannelsAfterAll,
    /// `<pass` or `!hash` that the user does not have.
    #[error("The password you are trying to remove from the user does not exist")]
    NoSuchPassword,
    /// `#hash` or `!hash` that is not 64 lower-case hex digits.
    #[error("The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters")]
    BadHash,
    /// `+config|get|x`.
    #[error("Allowing first-arg of a subcommand is not supported")]
    FirstArgOfSubcommand,
    /// The same user twice in config files.
    #[error("Duplicate user found. A user can only be defined once in config files")]
    DuplicateUser,
}
