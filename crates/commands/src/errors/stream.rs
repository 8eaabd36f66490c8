//! Error strings of the stream entry commands, byte-identical to Redis's.

/// An argument that should be a stream ID is not one.
pub const INVALID_STREAM_ID: &str = "ERR Invalid stream ID specified as stream command argument";
/// XADD with an ID not above the stream's last ID.
pub const XADD_ID_TOO_SMALL: &str =
    "ERR The ID specified in XADD is equal or smaller than the target stream top item";
/// XADD with the ID `0-0`.
pub const XADD_ID_ZERO: &str = "ERR The ID specified in XADD must be greater than 0-0";
/// XADD on a stream whose last ID is the largest possible.
pub const STREAM_EXHAUSTED: &str =
    "ERR The stream has exhausted the last possible ID, unable to add more items";
/// An exclusive start ID (`(`) with nothing after it.
pub const INVALID_START_INTERVAL: &str = "ERR invalid start ID for the interval";
/// An exclusive end ID (`(`) with nothing before it.
pub const INVALID_END_INTERVAL: &str = "ERR invalid end ID for the interval";
/// MAXLEN and MINID in one command (or either twice).
pub const TRIM_STRATEGY_TWICE: &str =
    "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";
/// A negative MAXLEN.
pub const MAXLEN_NEGATIVE: &str = "ERR The MAXLEN argument must be >= 0.";
/// A negative LIMIT.
pub const LIMIT_NEGATIVE: &str = "ERR The LIMIT argument must be >= 0.";
/// LIMIT with neither MAXLEN nor MINID.
pub const LIMIT_WITHOUT_STRATEGY: &str =
    "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy";
/// LIMIT with an exact (`=` or unmarked) trim.
pub const LIMIT_WITHOUT_APPROX: &str =
    "ERR syntax error, LIMIT cannot be used without the special ~ option";
/// XTRIM with neither MAXLEN nor MINID.
pub const XTRIM_WITHOUT_STRATEGY: &str =
    "ERR syntax error, XTRIM must be called with a trimming strategy";
/// XSETID ENTRIESADDED below zero.
pub const ENTRIES_ADDED_NEGATIVE: &str = "ERR entries_added must be positive";
/// XSETID MAXDELETEDID above the ID set.
pub const XSETID_BELOW_GIVEN_MAX_DELETED: &str =
    "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id";
/// XSETID below the stream's last live entry.
pub const XSETID_BELOW_TOP: &str =
    "ERR The ID specified in XSETID is smaller than the target stream top item";
/// XSETID ENTRIESADDED below the stream's length.
pub const XSETID_ENTRIES_ADDED_BELOW_LENGTH: &str =
    "ERR The entries_added specified in XSETID is smaller than the target stream length";
/// XREAD STREAMS with a key count different from the ID count.
pub const XREAD_UNBALANCED: &str =
    "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.";
/// XREAD with GROUP.
pub const XREAD_GROUP_OPTION: &str =
    "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.";
/// XREAD with NOACK.
pub const XREAD_NOACK_OPTION: &str =
    "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.";
/// XREAD with the ID `>`.
pub const XREAD_GREATER_ID: &str = "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.";
/// A BLOCK timeout that is not an integer.
pub const TIMEOUT_NOT_INTEGER: &str = "ERR timeout is not an integer or out of range";
/// XADD `<ms>-*` naming the last ID's millisecond when its sequence is exhausted (Redis 7.0
/// reports it as ERANGE, with this message).
pub const XADD_SEQ_EXHAUSTED: &str = "ERR Elements are too large to be stored";
