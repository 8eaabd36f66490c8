//! Every client-visible error string, byte-identical to Redis's.

use resp::{Reply, ReplyError};

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
/// Invalid expire time in SET/GETEX/EXPIRE family.
pub const INVALID_EXPIRE: &str = "ERR invalid expire time in '{}' command";
/// String would exceed proto-max-bulk-len.
pub const STRING_TOO_LONG: &str = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
/// MOVE/COPY onto the same key and db.
pub const SAME_OBJECT: &str = "ERR source and destination objects are the same";
/// Bit offset or SETRANGE offset out of range.
pub const OFFSET_OUT_OF_RANGE: &str = "ERR offset is out of range";
/// Cursor argument invalid.
pub const INVALID_CURSOR: &str = "ERR invalid cursor";
/// A timeout/ttl argument out of range.
pub const TIMEOUT_OUT_OF_RANGE: &str = "ERR timeout is out of range";

/// An error reply with a fixed message.
pub fn err(message: &'static str) -> Reply {
    Reply::Error(ReplyError::fixed(message))
}

/// `ERR wrong number of arguments for '<name>' command`.
pub fn wrong_arity(name: &str) -> Reply {
    Reply::Error(ReplyError::owned(format!("ERR wrong number of arguments for '{name}' command")))
}

/// `ERR invalid expire time in '<name>' command`.
pub fn invalid_expire(name: &str) -> Reply {
    Reply::Error(ReplyError::owned(format!("ERR invalid expire time in '{name}' command")))
}

/// `ERR unknown command '<name>', with args beginning with: '<a>' '<b>' `.
pub fn unknown_command(args: &crate::Args<'_>) -> Reply {
    let mut msg = format!("ERR unknown command '{}', with args beginning with: ", clip(args.get(0)));
    for arg in args.iter_from(1) {
        let piece = format!("'{}' ", clip(arg));
        // Redis stops adding arguments once the message would pass 128 bytes.
        if msg.len() + piece.len() > 128 {
            break;
        }
        msg.push_str(&piece);
    }
    Reply::Error(ReplyError::owned(msg))
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
