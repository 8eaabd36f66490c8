//! Error strings of the HyperLogLog commands, byte-identical to Redis's.

use resp::{Reply, ReplyError};

/// A string that is not a HyperLogLog (bad magic, encoding or dense length).
pub const HLL_NOT_VALID: &str = "WRONGTYPE Key is not a valid HyperLogLog string value.";
/// A HyperLogLog whose opcodes do not cover the registers exactly.
pub const HLL_CORRUPT: &str = "INVALIDOBJ Corrupted HLL object detected";
/// PFDEBUG on a missing key.
pub const PFDEBUG_NO_KEY: &str = "ERR The specified key does not exist";
/// PFDEBUG DECODE of a dense HyperLogLog.
pub const PFDEBUG_NOT_SPARSE: &str = "ERR HLL encoding is not sparse";

/// `ERR Unknown PFDEBUG subcommand '<name>'`: the name as C prints it (up to a NUL byte),
/// line breaks turned to spaces as Redis does in error replies.
pub fn pfdebug_unknown(name: &[u8]) -> Reply {
    let cut = name.split(|b| *b == 0).next().unwrap_or(&[]);
    let text: String = String::from_utf8_lossy(cut)
        .chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect();
    Reply::Error(ReplyError::owned(format!(
        "ERR Unknown PFDEBUG subcommand '{text}'"
    )))
}

/// PFSELFTEST found a fault: `TESTFAILED <what>`.
pub fn pfselftest_failed(what: &str) -> Reply {
    Reply::Error(ReplyError::owned(format!("TESTFAILED {what}")))
}
