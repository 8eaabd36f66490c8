//! Connection commands.

#[allow(unused_imports)]
use super::{acl, flag, key_flag as kf, range_spec, CommandId, CommandSpec, Docs};

/// Connection command table.
pub const SPECS: &[CommandSpec] = &[];
