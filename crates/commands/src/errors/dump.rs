//! DUMP and RESTORE errors.

/// RESTORE onto an existing key without REPLACE.
pub const BUSY_KEY: &str = "BUSYKEY Target key name already exists.";
/// RESTORE with a negative TTL.
pub const INVALID_TTL: &str = "ERR Invalid TTL value, must be >= 0";
/// RESTORE ... IDLETIME with a negative value.
pub const INVALID_IDLETIME: &str = "ERR Invalid IDLETIME value, must be >= 0";
/// RESTORE ... FREQ outside 0..=255.
pub const INVALID_FREQ: &str = "ERR Invalid FREQ value, must be >= 0 and <= 255";
/// A payload too short, from a newer version, or with a wrong checksum.
pub const DUMP_PAYLOAD: &str = "ERR DUMP payload version or checksum are wrong";
/// A payload whose body is not a value ringkv can hold.
pub const BAD_DATA_FORMAT: &str = "ERR Bad data format";
