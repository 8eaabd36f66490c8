//! Error strings of the set commands, byte-identical to Redis's.

/// SPOP's count is negative or not an integer (Redis says the same for both).
pub const SPOP_COUNT_NOT_POSITIVE: &str = "ERR value is out of range, must be positive";
/// SRANDMEMBER's count is -2^63, whose magnitude does not fit.
pub const SRANDMEMBER_COUNT_OUT_OF_RANGE: &str =
    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
/// SINTERCARD's numkeys is not a positive integer.
pub const SINTERCARD_NUMKEYS_NOT_POSITIVE: &str = "ERR numkeys should be greater than 0";
/// SINTERCARD's numkeys exceeds the arguments that follow it.
pub const SINTERCARD_TOO_MANY_KEYS: &str =
    "ERR Number of keys can't be greater than number of args";
/// SINTERCARD's LIMIT is negative or not an integer.
pub const SINTERCARD_LIMIT_NEGATIVE: &str = "ERR LIMIT can't be negative";
