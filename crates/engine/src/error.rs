//! Typed engine errors; `commands` maps each to Redis's exact error string.

/// Why an engine operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// The key holds a value of another type.
    #[error("wrong type")]
    WrongType,
    /// The stored value is not an integer (or not within i64).
    #[error("not an integer")]
    NotInteger,
    /// The stored value is not a valid float.
    #[error("not a float")]
    NotFloat,
    /// An arithmetic result would leave i64.
    #[error("overflow")]
    Overflow,
    /// A string would grow beyond `proto-max-bulk-len`.
    #[error("string too long")]
    StringTooLong,
}
