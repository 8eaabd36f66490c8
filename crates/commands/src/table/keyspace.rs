//! Keyspace commands.

#[allow(unused_imports)]
use super::{acl, flag, key_flag as kf, range_spec, CommandId, CommandSpec, Docs};

/// Keyspace command table.
pub const SPECS: &[CommandSpec] = &[];
