//! Error strings of the consumer group commands (XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM,
//! XAUTOCLAIM, XINFO), byte-identical to Redis 7.0's.

use resp::{Reply, ReplyError};

/// XGROUP CREATE on a group name the stream already has.
pub const BUSYGROUP: &str = "BUSYGROUP Consumer Group name already exists";
/// XGROUP on a missing key (CREATE without MKSTREAM included).
pub const XGROUP_NO_KEY: &str = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";
/// ENTRIESREAD below -1.
pub const ENTRIES_READ_NEGATIVE: &str = "ERR value for ENTRIESREAD must be positive or -1";
/// XREADGROUP with `$` as an ID.
pub const XREADGROUP_DOLLAR: &str = "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.";
/// XREADGROUP without GROUP.
pub const XREADGROUP_MISSING_GROUP: &str = "ERR Missing GROUP option for XREADGROUP";
/// XCLAIM's min-idle-time is not an integer.
pub const XCLAIM_MIN_IDLE: &str = "ERR Invalid min-idle-time argument for XCLAIM";
/// XCLAIM IDLE is not an integer.
pub const XCLAIM_IDLE: &str = "ERR Invalid IDLE option argument for XCLAIM";
/// XCLAIM TIME is not an integer.
pub const XCLAIM_TIME: &str = "ERR Invalid TIME option argument for XCLAIM";
/// XCLAIM RETRYCOUNT is not an integer.
pub const XCLAIM_RETRYCOUNT: &str = "ERR Invalid RETRYCOUNT option argument for XCLAIM";
/// XAUTOCLAIM's min-idle-time is not an integer.
pub const XAUTOCLAIM_MIN_IDLE: &str = "ERR Invalid min-idle-time argument for XAUTOCLAIM";
/// XAUTOCLAIM COUNT out of `1..=LONG_MAX/16` or not an integer.
pub const XAUTOCLAIM_COUNT: &str = "ERR COUNT must be > 0";

/// XAUTOCLAIM COUNT so large Redis cannot allocate its deleted-ID buffer.
pub const XAUTOCLAIM_COUNT_TOO_HIGH: &str =
    "ERR Insufficient memory, failed allocating transient memory, COUNT too high.";

/// `NOGROUP No such consumer group '<group>' for key name '<key>'` (XGROUP, XINFO).
pub fn no_group_for_key(key: &[u8], group: &[u8]) -> Reply {
    owned(format!(
        "NOGROUP No such consumer group '{}' for key name '{}'",
        text(group),
        text(key)
    ))
}

/// `NOGROUP No such key '<key>' or consumer group '<group>'` (XPENDING, XCLAIM, XAUTOCLAIM),
/// with XREADGROUP's suffix when `suffix` is given.
pub fn no_key_or_group(key: &[u8], group: &[u8], suffix: &str) -> Reply {
    owned(format!(
        "NOGROUP No such key '{}' or consumer group '{}'{suffix}",
        text(key),
        text(group)
    ))
}

/// XREADGROUP's NOGROUP suffix.
pub const XREADGROUP_NOGROUP_SUFFIX: &str = " in XREADGROUP with GROUP option";

/// `ERR Unrecognized XCLAIM option '<opt>'`.
pub fn xclaim_unknown_option(opt: &[u8]) -> Reply {
    owned(format!("ERR Unrecognized XCLAIM option '{}'", text(opt)))
}

/// `ERR unknown subcommand or wrong number of arguments for '<sub>'. Try <CMD> HELP.`, the
/// subcommand as the client typed it.
pub fn subcommand_syntax(container: &str, sub: &[u8]) -> Reply {
    owned(format!(
        "ERR unknown subcommand or wrong number of arguments for '{}'. Try {container} HELP.",
        text(&sub[..sub.len().min(128)])
    ))
}

/// Redis formats names with `%s`: the text up to the first NUL byte.
fn text(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

fn owned(message: String) -> Reply {
    Reply::Error(ReplyError::owned(message))
}

/// A group reader waiting with BLOCK whose group was destroyed meanwhile.
pub const NOGROUP_WHILE_BLOCKED: &str =
    "NOGROUP the consumer group this client was blocked on no longer exists";
/// A group reader waiting with BLOCK whose stream was deleted or replaced meanwhile.
pub const STREAM_GONE_WHILE_BLOCKED: &str = "UNBLOCKED the stream key no longer exists";
