//! Every client-visible error string, byte-identical to Redis's.

use resp::{Reply, ReplyError};

mod dump;
mod hash;
mod hyperloglog;
mod list;
mod save;
mod set;
mod sort;
mod stream;
mod stream_group;
mod zset;

pub use self::{
    dump::*, hash::*, hyperloglog::*, list::*, save::*, set::*, sort::*, stream::*,
    stream_group::*, zset::*,
};

/// `WRONGTYPE ...`
pub const WRONG_TYPE: &str = "WRONGTYPE Operation against a key holding the wrong kind of value";
/// `ERR syntax error`
pub const SYNTAX: &str = "ERR syntax error";
/// Integer argument or value out of range.
pub const NOT_INTEGER: &str = "ERR value is not an integer or out of range";
/// Float argument or value invalid.
pub const NOT_FLOAT: &str = "ERR value is not a valid float";
/// INCR family overflow.
pub const OVERFLOW: &str = "ERR increment or decrement would overflow";
/// INCRBYFLOAT result is NaN or infinite.
pub const NAN_OR_INF: &str = "ERR increment would produce NaN or Infinity";
/// A key that must exist does not.
pub const NO_SUCH_KEY: &str = "ERR no such key";
/// SELECT/MOVE/SWAPDB with a bad index.
pub const DB_INDEX_OUT_OF_RANGE: &str = "ERR DB index is out of range";
/// String would exceed proto-max-bulk-len.
pub const STRING_TOO_LONG: &str = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
/// MOVE/COPY onto the same key and db.
pub const SAME_OBJECT: &str = "ERR source and destination objects are the same";
/// Bit offset or SETRANGE offset out of range.
pub const OFFSET_OUT_OF_RANGE: &str = "ERR offset is out of range";
/// Cursor argument invalid.
pub const INVALID_CURSOR: &str = "ERR invalid cursor";

/// An error reply with a fixed message.
pub fn err(message: &'static str) -> Reply {
    Reply::Error(ReplyError::fixed(message))
}

/// `ERR wrong number of arguments for '<name>' command`.
pub fn wrong_arity(name: &str) -> Reply {
    Reply::Error(ReplyError::owned(format!(
        "ERR wrong number of arguments for '{name}' command"
    )))
}

/// `ERR invalid expire time in '<name>' command`.
pub fn invalid_expire(name: &str) -> Reply {
    Reply::Error(ReplyError::owned(format!(
        "ERR invalid expire time in '{name}' command"
    )))
}

/// `ERR unknown command '<name>', with args beginning with: '<a>' '<b>' `.
pub fn unknown_command(args: &crate::Args<'_>) -> Reply {
    // As Redis: each argument is cut to what is left of 128 bytes, and arguments are added
    // while the list is shorter than 128 bytes.
    let mut list: Vec<u8> = Vec::new();
    for arg in args.iter_from(1) {
        if list.len() >= 128 {
            break;
        }
        let arg = c_string(arg);
        let room = 128 - list.len();
        list.push(b'\'');
        list.extend_from_slice(&arg[..arg.len().min(room)]);
        list.extend_from_slice(b"' ");
    }
    let name = c_string(args.get(0));
    let msg = format!(
        "ERR unknown command '{}', with args beginning with: {}",
        String::from_utf8_lossy(&name[..name.len().min(128)]),
        String::from_utf8_lossy(&list)
    );
    Reply::Error(ReplyError::owned(msg))
}

/// The bytes before the first NUL: Redis formats arguments with `%s`, which stops there.
fn c_string(arg: &[u8]) -> &[u8] {
    arg.iter()
        .position(|&b| b == 0)
        .map_or(arg, |nul| &arg[..nul])
}

/// `ERR unknown subcommand '<sub>'. Try <CONTAINER> HELP.`
pub fn unknown_subcommand(container: &str, sub: &[u8]) -> Reply {
    Reply::Error(ReplyError::owned(format!(
        "ERR unknown subcommand '{}'. Try {} HELP.",
        clip(sub),
        container.to_ascii_uppercase()
    )))
}

/// An argument as Redis prints it inside error messages: at most 128 bytes, lossy UTF-8.
pub fn clip(arg: &[u8]) -> String {
    let arg = &arg[..arg.len().min(128)];
    String::from_utf8_lossy(arg).into_owned()
}

/// EXPIRE family: NX together with XX, GT or LT.
pub const EXPIRE_NX_CONFLICT: &str =
    "ERR NX and XX, GT or LT options at the same time are not compatible";
/// EXPIRE family: GT together with LT.
pub const EXPIRE_GT_LT_CONFLICT: &str = "ERR GT and LT options at the same time are not compatible";
/// OBJECT FREQ while the eviction policy is not an LFU one.
pub const LFU_NOT_SELECTED: &str = "ERR An LFU maxmemory policy is not selected, access frequency \
not tracked. Please note that when switching between policies at runtime LRU and LFU data will \
take some time to adjust.";
/// OBJECT IDLETIME while the eviction policy is an LFU one.
pub const LFU_SELECTED: &str = "ERR An LFU maxmemory policy is selected, idle time not tracked. \
Please note that when switching between policies at runtime LRU and LFU data will take some \
time to adjust.";
/// SWAPDB's first index is not an integer.
pub const INVALID_FIRST_DB_INDEX: &str = "ERR invalid first DB index";
/// SWAPDB's second index is not an integer.
pub const INVALID_SECOND_DB_INDEX: &str = "ERR invalid second DB index";
/// COMMAND GETKEYS on a command name the table does not know.
pub const INVALID_COMMAND: &str = "ERR Invalid command specified";
/// COMMAND GETKEYS on a command that takes no key at all.
pub const NO_KEY_ARGUMENTS: &str = "ERR The command has no key arguments";
/// COMMAND GETKEYS on a command line that breaks the command's arity.
pub const INVALID_ARG_COUNT: &str = "ERR Invalid number of arguments specified for command";
/// COMMAND GETKEYS on a command line whose key specs find no key.
pub const INVALID_ARGUMENTS: &str = "ERR Invalid arguments specified for command";
/// An integer argument that must fit in 32 bits (`getIntFromObjectOrReply`) does not.
pub const INT32_OUT_OF_RANGE: &str =
    "ERR value is out of range, value must between -2147483648 and 2147483647";

/// `ERR Unsupported option <opt>` (EXPIRE family): the option in full, as Redis prints it.
pub fn unsupported_option(opt: &[u8]) -> Reply {
    Reply::Error(ReplyError::owned(format!(
        "ERR Unsupported option {}",
        String::from_utf8_lossy(opt)
    )))
}

/// DECRBY with `-9223372036854775808`, whose negation does not fit.
pub const DECREMENT_OVERFLOW: &str = "ERR decrement would overflow";
/// LCS on a key holding a non-string value.
pub const LCS_NOT_STRINGS: &str = "ERR The specified keys must contain string values";
/// LCS given both LEN and IDX.
pub const LCS_LEN_AND_IDX: &str =
    "ERR If you want both the length and indexes, please just use IDX.";
/// LCS on strings too long to index with 32 bits.
pub const LCS_TOO_LONG: &str = "ERR String too long for LCS";
/// LCS whose table would exceed proto-max-bulk-len.
pub const LCS_TABLE_TOO_BIG: &str =
    "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
/// LCS whose table could not be allocated.
pub const LCS_ALLOC_FAILED: &str =
    "ERR Insufficient memory, failed allocating transient memory for LCS";
