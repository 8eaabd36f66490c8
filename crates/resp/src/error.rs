//! Protocol errors: malformed requests. Each one closes the connection after its reply, as Redis.

/// A malformed request. The `Display` text is the exact Redis error reply (without `-`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    /// An inline request line longer than the inline limit.
    #[error("ERR Protocol error: too big inline request")]
    TooBigInline,
    /// Quotes in an inline request that do not close.
    #[error("ERR Protocol error: unbalanced quotes in request")]
    UnbalancedQuotes,
    /// A `*<count>` line that is too long.
    #[error("ERR Protocol error: too big mbulk count string")]
    TooBigMultibulkCount,
    /// A `*<count>` that is not a number or is out of range.
    #[error("ERR Protocol error: invalid multibulk length")]
    InvalidMultibulkLength,
    /// A `$<len>` line that is too long.
    #[error("ERR Protocol error: too big bulk count string")]
    TooBigBulkCount,
    /// Something other than `$` where a bulk string header must be.
    #[error("ERR Protocol error: expected '$', got '{0}'")]
    ExpectedDollar(char),
    /// A `$<len>` that is not a number, negative, or above `proto-max-bulk-len`.
    #[error("ERR Protocol error: invalid bulk length")]
    InvalidBulkLength,
    /// A large multibulk count from a client that has not authenticated.
    #[error("ERR Protocol error: unauthenticated multibulk length")]
    UnauthenticatedMultibulkLength,
    /// A large bulk length from a client that has not authenticated.
    #[error("ERR Protocol error: unauthenticated bulk length")]
    UnauthenticatedBulkLength,
}
