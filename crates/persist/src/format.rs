//! The numbers of the RDB format: version, value types, opcodes and string encodings.

/// The version ringkv writes: Redis 7.0's, so that 7.0 and later load ringkv's files.
pub const RDB_VERSION: u16 = 10;
/// The newest version ringkv reads (Redis 7.2).
pub const RDB_VERSION_MAX_READ: u16 = 11;
/// The version ringkv reports as `redis-ver` in the file's aux fields.
pub const REDIS_VERSION: &str = "7.2.4";

/// Value types (the byte before each key).
pub mod types {
    /// A string.
    pub const STRING: u8 = 0;
    /// A list of strings (before 3.2).
    pub const LIST: u8 = 1;
    /// A set of strings.
    pub const SET: u8 = 2;
    /// A sorted set with scores as text (before 3.2).
    pub const ZSET: u8 = 3;
    /// A hash of field/value strings.
    pub const HASH: u8 = 4;
    /// A sorted set with binary scores.
    pub const ZSET_2: u8 = 5;
    /// A module value (pre-GA format).
    pub const MODULE_PRE_GA: u8 = 6;
    /// A module value.
    pub const MODULE_2: u8 = 7;
    /// A hash as a zipmap (before 2.6).
    pub const HASH_ZIPMAP: u8 = 9;
    /// A list as one ziplist.
    pub const LIST_ZIPLIST: u8 = 10;
    /// A set of integers as an intset.
    pub const SET_INTSET: u8 = 11;
    /// A sorted set as a ziplist.
    pub const ZSET_ZIPLIST: u8 = 12;
    /// A hash as a ziplist.
    pub const HASH_ZIPLIST: u8 = 13;
    /// A list as a quicklist of ziplists.
    pub const LIST_QUICKLIST: u8 = 14;
    /// A stream (listpacks).
    pub const STREAM_LISTPACKS: u8 = 15;
    /// A hash as a listpack.
    pub const HASH_LISTPACK: u8 = 16;
    /// A sorted set as a listpack.
    pub const ZSET_LISTPACK: u8 = 17;
    /// A list as a quicklist of listpacks.
    pub const LIST_QUICKLIST_2: u8 = 18;
    /// A stream, 7.0 format.
    pub const STREAM_LISTPACKS_2: u8 = 19;
    /// A set as a listpack (7.2).
    pub const SET_LISTPACK: u8 = 20;
    /// A stream, 7.2 format.
    pub const STREAM_LISTPACKS_3: u8 = 21;
}

/// Opcodes: bytes where a value type would be that mean something else.
pub mod opcodes {
    /// A function library (7.0 GA and later).
    pub const FUNCTION2: u8 = 245;
    /// A function library (7.0 release candidates).
    pub const FUNCTION_PRE_GA: u8 = 246;
    /// Module auxiliary data.
    pub const MODULE_AUX: u8 = 247;
    /// The next key's idle time (LRU).
    pub const IDLE: u8 = 248;
    /// The next key's access frequency (LFU).
    pub const FREQ: u8 = 249;
    /// An auxiliary field: name and value.
    pub const AUX: u8 = 250;
    /// Sizes of the current database's key and expiry tables.
    pub const RESIZEDB: u8 = 251;
    /// The next key's deadline, in milliseconds.
    pub const EXPIRETIME_MS: u8 = 252;
    /// The next key's deadline, in seconds.
    pub const EXPIRETIME: u8 = 253;
    /// Selects a database.
    pub const SELECTDB: u8 = 254;
    /// End of the file; the checksum follows.
    pub const EOF: u8 = 255;
}

/// Special string encodings, after a length byte whose top bits are `11`.
pub mod enc {
    /// An 8-bit integer.
    pub const INT8: u8 = 0;
    /// A 16-bit integer.
    pub const INT16: u8 = 1;
    /// A 32-bit integer.
    pub const INT32: u8 = 2;
    /// An LZF-compressed string.
    pub const LZF: u8 = 3;
}

/// Quicklist node containers (RDB_TYPE_LIST_QUICKLIST_2).
pub mod container {
    /// One element stored as is.
    pub const PLAIN: u64 = 1;
    /// A listpack of elements.
    pub const PACKED: u64 = 2;
}

/// The name of a value type, for error messages.
pub fn type_name(t: u8) -> &'static str {
    match t {
        types::STRING => "string",
        types::LIST | types::LIST_ZIPLIST | types::LIST_QUICKLIST | types::LIST_QUICKLIST_2 => {
            "list"
        }
        types::SET | types::SET_INTSET | types::SET_LISTPACK => "set",
        types::ZSET | types::ZSET_2 | types::ZSET_ZIPLIST | types::ZSET_LISTPACK => "zset",
        types::HASH | types::HASH_ZIPMAP | types::HASH_ZIPLIST | types::HASH_LISTPACK => "hash",
        types::STREAM_LISTPACKS | types::STREAM_LISTPACKS_2 | types::STREAM_LISTPACKS_3 => "stream",
        types::MODULE_PRE_GA | types::MODULE_2 => "module",
        _ => "unknown",
    }
}
