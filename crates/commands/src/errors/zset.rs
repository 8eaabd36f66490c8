//! Error strings of the zset commands, byte-identical to Redis's.

/// ZADD with both NX and XX.
pub const ZADD_NX_XX: &str = "ERR XX and NX options at the same time are not compatible";
/// ZADD with GT and LT, or either with NX.
pub const ZADD_GT_LT_NX: &str = "ERR GT, LT, and/or NX options at the same time are not compatible";
/// ZADD INCR with more than one score-member pair.
pub const ZADD_INCR_PAIRS: &str = "ERR INCR option supports a single increment-element pair";
/// ZADD INCR / ZINCRBY adding -inf to inf (or the reverse).
pub const ZSET_SCORE_NAN: &str = "ERR resulting score is not a number (NaN)";
/// A score range bound that is not a float (ZRANGEBYSCORE, ZCOUNT, ...).
pub const MIN_MAX_NOT_FLOAT: &str = "ERR min or max is not a float";
/// A lexical range bound without `[`, `(`, `-` or `+` (ZRANGEBYLEX, ZLEXCOUNT, ...).
pub const MIN_MAX_NOT_LEX: &str = "ERR min or max not valid string range item";
/// ZRANGE LIMIT on a rank range.
pub const ZRANGE_LIMIT_NEEDS_BY: &str =
    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
/// ZRANGE WITHSCORES on a lexical range.
pub const ZRANGE_WITHSCORES_BYLEX: &str =
    "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
/// ZPOPMIN/ZPOPMAX count below 0 or not an integer.
pub const ZPOP_COUNT_NOT_POSITIVE: &str = "ERR value is out of range, must be positive";
/// ZMPOP numkeys below 1 or not an integer.
pub const ZMPOP_NUMKEYS_NOT_POSITIVE: &str = "ERR numkeys should be greater than 0";
/// ZMPOP COUNT below 1 or not an integer.
pub const ZMPOP_COUNT_NOT_POSITIVE: &str = "ERR count should be greater than 0";
/// ZUNION/ZINTER/ZDIFF WEIGHTS value that is not a float.
pub const ZSET_WEIGHT_NOT_FLOAT: &str = "ERR weight value is not a float";
/// ZINTERCARD LIMIT below 0 or not an integer.
pub const ZINTERCARD_LIMIT_NEGATIVE: &str = "ERR LIMIT can't be negative";
/// ZRANDMEMBER count of i64::MIN.
pub const ZRANDMEMBER_COUNT_RANGE: &str =
    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
/// ZRANDMEMBER ... WITHSCORES with a count whose doubled reply length would overflow.
pub const ZRANDMEMBER_WITHSCORES_RANGE: &str = "ERR value is out of range";

/// `ERR at least 1 input key is needed for '<command>' command` (numkeys of 0 or less).
pub fn zset_at_least_one_key(command: &str) -> resp::Reply {
    resp::Reply::Error(resp::ReplyError::owned(format!(
        "ERR at least 1 input key is needed for '{command}' command"
    )))
}
