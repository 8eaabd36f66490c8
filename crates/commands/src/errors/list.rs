//! Error strings of the list commands, byte-identical to Redis's. Names carry the command
//! they come from, so that the glob re-exports of the families never collide.

/// LSET on an index outside the list.
pub const LSET_INDEX_OUT_OF_RANGE: &str = "ERR index out of range";
/// LPOP/RPOP count that is negative or not an integer.
pub const LPOP_COUNT_NOT_POSITIVE: &str = "ERR value is out of range, must be positive";
/// LPOS RANK 0.
pub const LPOS_RANK_ZERO: &str = "ERR RANK can't be zero: use 1 to start from the first match, \
2 from the second ... or use negative to start from the end of the list";
/// LPOS COUNT negative or not an integer.
pub const LPOS_COUNT_NEGATIVE: &str = "ERR COUNT can't be negative";
/// LPOS MAXLEN negative or not an integer.
pub const LPOS_MAXLEN_NEGATIVE: &str = "ERR MAXLEN can't be negative";
/// LMPOP numkeys below 1 or not an integer.
pub const LMPOP_NUMKEYS_NOT_POSITIVE: &str = "ERR numkeys should be greater than 0";
/// LMPOP COUNT below 1 or not an integer.
pub const LMPOP_COUNT_NOT_POSITIVE: &str = "ERR count should be greater than 0";
/// A blocking command's timeout that is not a float (BLPOP, BZPOPMIN, ...).
pub const BLOCK_TIMEOUT_NOT_FLOAT: &str = "ERR timeout is not a float or out of range";
/// A blocking command's timeout below zero, or (as Redis 7.0 on x86-64 says it) beyond the
/// milliseconds a long long holds.
pub const BLOCK_TIMEOUT_NEGATIVE: &str = "ERR timeout is negative";
/// A command handed to the blocking parser that is not a blocking command (a server bug).
pub const BLOCK_NOT_BLOCKING: &str = "ERR not a blocking command";
