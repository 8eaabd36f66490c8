//! SAVE, BGSAVE and SHUTDOWN errors.

/// SAVE or BGSAVE while a snapshot is being written.
pub const BGSAVE_IN_PROGRESS: &str = "ERR Background save already in progress";
/// SHUTDOWN whose snapshot failed (without FORCE).
pub const SHUTDOWN_FAILED: &str = "ERR Errors trying to SHUTDOWN. Check logs.";
