//! Error strings of the sort commands, byte-identical to Redis's.

/// SORT: an element or BY value that is not a number, without ALPHA.
pub const SORT_NOT_DOUBLE: &str = "ERR One or more scores can't be converted into double";
/// SORT ... BY pattern whose keys may live on another shard (Redis Cluster's refusal).
pub const SORT_BY_DENIED: &str = "ERR BY option of SORT denied in Cluster mode when keys formed \
by the pattern may be in different slots.";
/// SORT ... GET pattern whose keys may live on another shard (Redis Cluster's refusal).
pub const SORT_GET_DENIED: &str = "ERR GET option of SORT denied in Cluster mode when keys \
formed by the pattern may be in different slots.";
/// BY with a `*` pattern for a user who may not read every key.
pub const SORT_BY_ACL_DENIED: &str =
    "ERR BY option of SORT denied due to insufficient ACL permissions.";
/// GET for a user who may not read every key.
pub const SORT_GET_ACL_DENIED: &str =
    "ERR GET option of SORT denied due to insufficient ACL permissions.";
