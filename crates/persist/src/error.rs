//! What can go wrong reading an RDB file or a DUMP payload.

use thiserror::Error;

/// An RDB file or payload that cannot be loaded.
#[derive(Debug, Error)]
pub enum RdbError {
    /// Reading the source failed (including an unexpected end of file).
    #[error("I/O error reading the RDB: {0}")]
    Io(#[from] std::io::Error),
    /// The file does not start with `REDIS`.
    #[error("wrong signature trying to load DB from file")]
    BadSignature,
    /// A version this build cannot read.
    #[error("can't handle RDB format version {0}")]
    UnsupportedVersion(u32),
    /// The stored checksum differs from the computed one.
    #[error("wrong RDB checksum: expected {expected:#018x}, got {actual:#018x}")]
    Checksum {
        /// The checksum at the end of the file.
        expected: u64,
        /// The checksum of the bytes read.
        actual: u64,
    },
    /// A byte where a value type or opcode should be that is neither.
    #[error("unknown RDB value type {0}")]
    UnknownType(u8),
    /// A value of a type ringkv cannot hold (yet): streams, modules.
    #[error(
        "key '{key}' has a value of type {type_name} (RDB type {rdb_type}) that ringkv cannot load"
    )]
    Unsupported {
        /// The key, lossily as text.
        key: String,
        /// The value type's name.
        type_name: &'static str,
        /// The RDB type byte.
        rdb_type: u8,
    },
    /// Data ringkv cannot use outside a key: module aux fields, pre-GA functions.
    #[error("the RDB holds {0}, which ringkv cannot load")]
    UnsupportedOpcode(&'static str),
    /// Malformed content.
    #[error("bad RDB data: {0}")]
    Corrupt(String),
}

impl RdbError {
    /// A [`RdbError::Corrupt`] with `what` as the reason.
    pub fn corrupt(what: impl Into<String>) -> RdbError {
        RdbError::Corrupt(what.into())
    }
}
