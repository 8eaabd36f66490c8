//! introspect commands.

use resp::Reply;

use crate::Args;

/// TODO(#2): being written.
pub fn command(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn command_count(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn command_docs(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn command_getkeys(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn command_getkeysandflags(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn command_help(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn command_info(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn command_list(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

/// TODO(#2): being written.
pub fn container_without_subcommand(_args: Args<'_>) -> Reply {
    Reply::error("ERR not implemented yet")
}

