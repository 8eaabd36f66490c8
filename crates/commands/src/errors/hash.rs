//! Error strings of the hash commands, byte-identical to Redis's.

/// HINCRBY on a field whose value is not a canonical 64-bit integer.
pub const HASH_VALUE_NOT_INTEGER: &str = "ERR hash value is not an integer";
/// HINCRBYFLOAT on a field whose value is not a valid float.
pub const HASH_VALUE_NOT_FLOAT: &str = "ERR hash value is not a float";
/// HINCRBYFLOAT with an infinite increment (a NaN one is not a valid float at all).
pub const INCREMENT_NAN_OR_INF: &str = "ERR value is NaN or Infinity";
/// HRANDFIELD with a count of `-9223372036854775808`, which has no positive counterpart.
pub const RANDFIELD_COUNT_OUT_OF_RANGE: &str =
    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
/// HRANDFIELD ... WITHVALUES with a count whose reply length would overflow.
pub const RANDFIELD_WITHVALUES_OUT_OF_RANGE: &str = "ERR value is out of range";
